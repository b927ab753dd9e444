//! Deregistration of an unemployed person on a ground of 214 p.51 (`deregisterPerson`), from the
//! employment card: the grounds with their points of law in the reader's language, the use case
//! deciding the rest (only an unemployed person; grounds (2)–(4) bar a new registration for 30
//! calendar days; the person told, 214 p.52). The card's history then shows the ground.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::registration::unemployment::Deregistration;
use enbek_domain::registration::Status;
use serde::Deserialize;

use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::state::AppState;
use crate::registration::http::unemployment::deregister_on;
use crate::registration::notices::{ground, GroundOf};
use crate::registration::service::cards::{registration_in_scope, Card, CardEvent};
use crate::web::form::{choices, Choice};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

fn caseworker(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&CASEWORK).or_page()?;
    Ok(caller)
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/deregister.html")]
struct DeregisterPage {
    f: Frame,
    id: String,
    unemployed: bool,
    grounds: Vec<Choice>,
    errors: FormErrors,
}

/// The grounds of 214 p.51, each with its point of law and whether it bars a new registration.
fn grounds(tr: &Tr, chosen: &str) -> Vec<Choice> {
    let mut options = vec![(String::new(), tr.t("deregister-ground-choose"))];
    options.extend(Deregistration::GROUNDS.iter().map(|g| {
        let bar = if g.bars_reregistration() {
            format!("; {}", tr.t("deregister-bars"))
        } else {
            String::new()
        };
        (
            g.code().to_string(),
            format!(
                "{} ({}{bar})",
                ground(GroundOf::Deregistration, g.code()).get(tr.lang),
                g.ground()
            ),
        )
    }));
    choices(options, chosen)
}

async fn form_page(
    state: &AppState,
    page: Page,
    id: &str,
    chosen: &str,
    errors: FormErrors,
    status: StatusCode,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let reg = registration_in_scope(state, caller, id, &CASEWORK)
        .await
        .or_page()?;
    let tr = page.tr();
    let html = render(&DeregisterPage {
        id: reg.id,
        unemployed: reg.status == Status::Unemployed,
        grounds: grounds(&tr, chosen),
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The form: the grounds to choose from.
pub async fn form(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    form_page(&state, page, &id, "", FormErrors::new(), StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct GroundForm {
    #[serde(default)]
    ground_code: String,
}

/// Deregisters on the chosen ground; the card then shows it in its history.
pub async fn deregister(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<GroundForm>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?.clone();
    let tr = page.tr();
    let code = form.ground_code.trim().to_string();
    let mut errors = FormErrors::new();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if code.is_empty() {
        errors.add("ground_code", tr.t("deregister-required-ground"));
    } else {
        match deregister_on(&state, &caller, &id, &code).await.or_page() {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/workspace/registrations/{id}")).into_response())
            }
            Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
                status = e.status();
                errors.problem("ground_code", &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    form_page(&state, page, &id, &code, errors, status).await
}

/// The events of a card that change its registration's status.
const STATUS_EVENTS: [&str; 5] = [
    "registered_job_seeker",
    "registered_unemployed",
    "refused_unemployed",
    "deregistered",
    "registration_closed",
];

/// The deregistration form of the person's registration, for the card's link: while the
/// latest change of status the card tells is the registration as unemployed.
pub fn link(card: &Card) -> Option<String> {
    let last = card
        .history
        .iter()
        .rev()
        .find(|e| STATUS_EVENTS.contains(&e.kind.as_str()))?;
    if last.kind != "registered_unemployed" {
        return None;
    }
    let id = last.detail.get("registration_id")?.as_str()?;
    Some(format!("/workspace/registrations/{id}/deregister"))
}

/// A deregistration in the card's history, with its ground and point of law.
pub fn event_text(tr: &Tr, e: &CardEvent) -> Option<String> {
    let code = e.detail.get("deregistration_code")?.as_str()?;
    let g = Deregistration::parse(code)?;
    Some(format!(
        "{}: {} ({})",
        tr.t("desk-event-deregistered"),
        ground(GroundOf::Deregistration, code).get(tr.lang),
        g.ground()
    ))
}
