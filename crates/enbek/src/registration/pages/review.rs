//! The review of an application a rural assistant forwarded (`reviewForwardedRegistration`,
//! 214 p.20): the page of a registration still undecided shows what was forwarded (no more than
//! `getRegistration` shows the specialist: no name, no IIN) and, to the center's specialist, the
//! decision: register (after the registry check) or refuse on a ground of 214 App.1 p.9, which
//! gives the notice of 214 App.3. An application still checked against the registries says so.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::registration::{Refusal, Status};
use serde::Deserialize;

use crate::platform::state::AppState;
use crate::reference::interface::lookup;
use crate::registration::http::registration::{review_by, Review};
use crate::registration::notices::{ground, GroundOf};
use crate::registration::pages::desk::{decided, notice_page, specialist};
use crate::registration::service::registration::{with_stages, Shown};
use crate::registration::store::registrations::Registration;
use crate::web::form::{choices, Choice};
use crate::web::{render, CsrfForm, FormErrors, Frame, Lang, OrPage, Page, PageResult, Tr};

#[derive(askama::Template)]
#[template(path = "registration/workspace/pending.html")]
struct PendingPage {
    f: Frame,
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/review.html")]
struct ReviewPage {
    f: Frame,
    id: String,
    number: String,
    channel: String,
    district: Option<String>,
    proof: Option<String>,
    received: String,
    due: String,
    overdue: bool,
    decides: bool,
    accept: Option<bool>,
    grounds: Vec<Choice>,
    errors: FormErrors,
}

/// The page of a registration without a card yet (the caller's scope is checked): a refused
/// one's notice, a forwarded one's review, else the note that the registries are asked.
pub async fn undecided(state: &AppState, page: Page, id: &str) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let (shown, _) = with_stages(state, caller, id).await.or_page()?;
    match shown.registration.status {
        Status::Refused => notice_page(state, page, &shown).await,
        Status::PendingReview => {
            review_page(state, page, &shown, None, "", FormErrors::new()).await
        }
        _ => render(&PendingPage { f: page.frame }),
    }
}

async fn district_name(
    state: &AppState,
    r: &Registration,
    lang: Lang,
) -> PageResult<Option<String>> {
    let Some(org) = &r.forwarded_by_org else {
        return Ok(None);
    };
    Ok(lookup::organization_by_id(&state.db.pool, org)
        .await
        .or_page()?
        .map(|o| o.name(lang).to_string()))
}

/// The grounds a forwarded application may be refused on, with their points of law.
fn refusal_grounds(tr: &Tr, chosen: &str) -> Vec<Choice> {
    let mut options = vec![(String::new(), tr.t("review-ground-choose"))];
    options.extend(Refusal::ALL.iter().map(|r| {
        (
            r.code().to_string(),
            format!(
                "{} ({})",
                ground(GroundOf::JobSeekerRefusal, r.code()).get(tr.lang),
                r.ground()
            ),
        )
    }));
    choices(options, chosen)
}

async fn review_page(
    state: &AppState,
    page: Page,
    shown: &Shown,
    accept: Option<bool>,
    refusal_code: &str,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let r = &shown.registration;
    let decides = page.caller.as_ref().is_some_and(|c| {
        c.organization(Role::CareerCenterSpecialist)
            .is_ok_and(|own| own == r.career_center_id)
    });
    let status = errors.status();
    let html = render(&ReviewPage {
        id: r.id.clone(),
        number: r.id.clone(),
        channel: tr.t(&format!("review-channel-{}", r.channel.as_str())),
        district: district_name(state, r, tr.lang).await?,
        proof: r
            .application
            .identity_proof
            .as_deref()
            .map(|p| tr.t(&format!("review-proof-{p}"))),
        received: tr.date(r.received_at.date_naive()),
        due: tr.date(r.due_at.date_naive()),
        overdue: r.decided_at.is_none() && r.due_at < state.clock.now(),
        decides,
        accept,
        grounds: refusal_grounds(&tr, refusal_code),
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The review's decision as sent.
#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    refusal_code: String,
}

/// Decides the forwarded application: the registration reached, or the refusal notice.
pub async fn decide(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let accept = match form.decision.as_str() {
        "accept" => Some(true),
        "refuse" => Some(false),
        _ => {
            errors.add("decision-accept", tr.t("review-required-decision"));
            None
        }
    };
    let code = form.refusal_code.trim().to_string();
    if accept == Some(false) && code.is_empty() {
        errors.add("refusal_code", tr.t("review-required-ground"));
    }
    if let (Some(accept), true) = (accept, errors.is_empty()) {
        let body = Review {
            accept,
            refusal_code: (!accept).then(|| code.clone()),
        };
        match review_by(&state, &caller, &id, &body).await.or_page() {
            Ok(shown) => return decided(&state, page, shown).await,
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                errors.problem("refusal_code", &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let (shown, _) = with_stages(&state, &caller, &id).await.or_page()?;
    review_page(&state, page, &shown, accept, &code, errors).await
}
