//! The person's registration, continued: the 214 App.9 information on registration as
//! unemployed (214 p.45), and closing the registration with a reason — through the same
//! checks and use cases as `requestUnemployedInfo` and `closeMyRegistration`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::platform::state::AppState;
use crate::registration::http::registration::close_mine;
use crate::registration::http::unemployment::unemployed_info_of;
use crate::registration::pages::to_sign_in;
use crate::registration::service::registration as service;
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult};

/// The listed reasons to close a registration (their codes), and "in my own words".
const REASONS: [&str; 5] = [
    "got_job",
    "moved",
    "military_service",
    "medical",
    "own_wish",
];

/// A reason to choose.
pub struct Reason {
    pub code: &'static str,
    pub label: String,
    pub checked: bool,
}

/// The App.9 information as issued.
pub struct Info {
    pub number: String,
    /// The document's id: its PDF and its verification page.
    pub id: String,
    pub text: String,
    pub issued: String,
    pub valid_until: String,
}

#[derive(askama::Template)]
#[template(path = "registration/case.html")]
struct CasePage {
    f: Frame,
    /// Whether there is a registration that can be closed.
    open: bool,
    info: Option<Info>,
    reasons: Vec<Reason>,
    other: String,
    errors: FormErrors,
}

fn reasons(f: &Frame, chosen: &str) -> Vec<Reason> {
    REASONS
        .iter()
        .chain(["other"].iter())
        .map(|code| Reason {
            code,
            label: f.t(&format!("case-reason-{code}")),
            checked: *code == chosen,
        })
        .collect()
}

async fn is_open(state: &AppState, account_id: &str) -> PageResult<bool> {
    match service::mine(state, account_id).await.or_page() {
        Ok(shown) => Ok(shown.registration.status.is_active()),
        Err(e) if e.code() == "no_registration" => Ok(false),
        Err(e) => Err(e),
    }
}

/// The page: the information to ask for, and the form to close the registration.
pub async fn page(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    render(&CasePage {
        open: is_open(&state, &caller.account_id).await?,
        info: None,
        reasons: reasons(&page.frame, ""),
        other: String::new(),
        errors: FormErrors::new(),
        f: page.frame,
    })
}

#[derive(Deserialize)]
pub struct InfoForm {}

/// Issues the App.9 information: registered as unemployed or not, on the day of issue.
pub async fn info(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(_): CsrfForm<InfoForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let issued = unemployed_info_of(&state, &caller).await.or_page()?;
    let text = match issued.unemployed_since {
        Some(since) if issued.registered => {
            tr.with1("case-info-registered", "date", &tr.date(since))
        }
        _ => tr.t("case-info-not-registered"),
    };
    render(&CasePage {
        open: is_open(&state, &caller.account_id).await?,
        info: Some(Info {
            number: issued.number,
            id: issued.document_id,
            text,
            issued: tr.date(issued.issued_on),
            valid_until: tr.date(issued.valid_until),
        }),
        reasons: reasons(&page.frame, ""),
        other: String::new(),
        errors: FormErrors::new(),
        f: page.frame,
    })
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    other: String,
}

/// Closes the registration for the reason chosen, or in the person's own words.
pub async fn close(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let statement = if form.reason == "other" {
        form.other.trim().to_string()
    } else {
        form.reason.clone()
    };
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if form.reason.is_empty() {
        errors.add("reason-got_job", tr.t("case-required-reason"));
    } else if statement.is_empty() {
        errors.add("other", tr.t("case-required-other"));
    } else {
        match close_mine(&state, &caller, &statement).await.or_page() {
            Ok(_) => return Ok(Redirect::to("/cabinet").into_response()),
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                let field = if form.reason == "other" {
                    "other"
                } else {
                    "reason-got_job"
                };
                errors.problem(field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let html = render(&CasePage {
        open: is_open(&state, &caller.account_id).await?,
        info: None,
        reasons: reasons(&page.frame, &form.reason),
        other: form.other,
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}
