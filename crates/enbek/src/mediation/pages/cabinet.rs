//! Mediation's part of the citizen's cabinet: the offers of suitable work with their answer
//! buttons and due dates, the interviews, and the response to a vacancy from its page — through
//! the same use cases as `listMyOffers`, `respondToOffer`, `declineInterview` and
//! `respondToVacancy`. Another person's offer is not found (404).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::office_hours::{kz_offset, local_date};
use serde::Deserialize;

use crate::mediation::service::offers::{self as service, ShownOffer};
use crate::platform::state::AppState;
use crate::web::{render, CsrfForm, Frame, OrPage, Page, PageResult, Tr};

/// An offer as the cabinet lists it.
pub struct OfferCard {
    pub id: String,
    pub vacancy_id: String,
    pub title: String,
    pub employer: String,
    pub pay: String,
    pub status: String,
    pub pending: bool,
    /// The last day to answer (214 p.72): 1 working day for a job seeker, 3 for the unemployed.
    pub answer_due: String,
    pub answered: Option<String>,
    pub interview: Option<Interview>,
}

/// An interview the employer arranged.
pub struct Interview {
    pub when: String,
    pub place: String,
    pub declined: bool,
    /// For the unemployed: the last day to come (214 p.51(3)).
    pub attend_by: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "mediation/cabinet/offers.html")]
struct OffersPage {
    f: Frame,
    offers: Vec<OfferCard>,
}

/// Where a visitor who is not signed in is sent.
fn to_sign_in() -> Response {
    Redirect::to("/sign-in").into_response()
}

/// The last day of a term that ends at `at` (a term ending at midnight is the day before's).
fn last_day(tr: &Tr, at: DateTime<Utc>) -> String {
    tr.date(local_date(at - Duration::seconds(1)))
}

/// A moment as a local date and time.
fn moment(tr: &Tr, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&kz_offset());
    format!("{}, {}", tr.date(local.date_naive()), local.format("%H:%M"))
}

fn card(tr: &Tr, shown: ShownOffer) -> OfferCard {
    let o = shown.offer;
    let (title, employer, pay) = shown.vacancy.map_or_else(
        || (String::new(), String::new(), String::new()),
        |v| {
            (
                v.vacancy.title.clone(),
                v.employer_name.clone(),
                tr.pay(v.vacancy.salary_from, v.vacancy.salary_to),
            )
        },
    );
    OfferCard {
        title,
        employer,
        pay,
        status: tr.t(&format!("offers-status-{}", o.status.as_str())),
        pending: o.status.as_str() == "pending",
        answer_due: last_day(tr, o.answer_due_at),
        answered: o.answered_at.map(|at| tr.date(local_date(at))),
        interview: o.interview_at.map(|at| Interview {
            when: moment(tr, at),
            place: o.interview_place.clone().unwrap_or_default(),
            declined: o.interview_declined_at.is_some(),
            attend_by: shown.attend_by.map(|by| last_day(tr, by)),
        }),
        id: o.id,
        vacancy_id: o.vacancy_id,
    }
}

/// The offers made to the person, newest first, with what each waits for.
pub async fn offers(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    caller.require(&[Role::Citizen]).or_page()?;
    let offers = service::my_offers(&state, &caller.account_id)
        .await
        .or_page()?
        .into_iter()
        .map(|o| card(&tr, o))
        .collect();
    render(&OffersPage {
        offers,
        f: page.frame,
    })
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// Accepts or refuses an offer (214 p.72); a refusal counts as the law says (214 p.51(2)).
pub async fn answer(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    let accept = match form.answer.as_str() {
        "accept" => true,
        "refuse" => false,
        _ => return Err(crate::web::PageError::bad_request()),
    };
    service::answer_mine(&state, &caller.account_id, &id, accept)
        .await
        .or_page()?;
    Ok(Redirect::to("/cabinet/offers").into_response())
}

#[derive(Deserialize)]
pub struct EmptyForm {}

/// Declines the interview of an offer.
pub async fn decline_interview(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    service::decline_my_interview(&state, &caller.account_id, &id)
        .await
        .or_page()?;
    Ok(Redirect::to("/cabinet/offers").into_response())
}

/// Responds to a vacancy from its page: referred to the employer at once.
pub async fn respond(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    service::respond_to_vacancy(&state, &caller.account_id, &id)
        .await
        .or_page()?;
    Ok(Redirect::to("/cabinet/offers").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;
    use enbek_domain::mediation::offer::OfferStatus;

    #[test]
    fn every_offer_status_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for s in OfferStatus::ALL {
                let id = format!("offers-status-{}", s.as_str());
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
