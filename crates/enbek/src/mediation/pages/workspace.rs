//! Mediation in the career center's workspace (214 p.66–71): the open vacancies of the
//! caseworker's region, searched and paged on the server (the use case of `searchVacancies`
//! with the region fixed), and a vacancy with the people who suit it, their score and reasons
//! and no more of them than `listVacancyMatches` gives, each with an offer of the vacancy to
//! make (the use case of `createOffer`; its refusal said on the page).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::office_hours::local_date;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::mediation::http::employers::vacancy_view;
use crate::mediation::pages::cabinet_resume::reason;
use crate::mediation::service::employers::{self as employers, SearchRequest};
use crate::mediation::service::matching;
use crate::mediation::service::offers;
use crate::platform::auth::{Caller, Grant, CASEWORK};
use crate::platform::state::AppState;
use crate::reference::interface::occupation_names;
use crate::web::form::{choices, Choice};
use crate::web::paging::{optional, page_href, Pager};
use crate::web::{render, CsrfForm, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// How many vacancies a page of the list shows.
const PER_PAGE: i64 = 10;

/// The signed-in caseworker and their grant: a visitor is asked to sign in, anyone else refused.
fn caseworker(page: &Page) -> PageResult<(&Caller, &Grant)> {
    let caller = page.signed_in()?;
    let grant = caller.require(&CASEWORK).or_page()?;
    Ok((caller, grant))
}

fn is_specialist(caller: &Caller) -> bool {
    caller.require(&[Role::CareerCenterSpecialist]).is_ok()
}

/// A vacancy as the list shows it.
pub struct Row {
    pub href: String,
    pub title: String,
    pub employer: String,
    pub pay: String,
    pub positions_open: String,
    pub posted: String,
    pub valid_until: String,
}

/// The list's filters as the page's address gives them.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    page: String,
}

impl ListQuery {
    fn href(&self, page: i64) -> String {
        let filters = [("q", self.q.as_str()), ("occupation", &self.occupation)];
        page_href("/workspace/vacancies", &filters, page)
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/workspace/vacancies.html")]
struct ListPage {
    f: Frame,
    q: String,
    occupations: Vec<Choice>,
    summary: String,
    rows: Vec<Row>,
    pager: Option<Pager>,
    /// Why the list is empty when the caseworker has no region.
    no_region: bool,
    error: Option<String>,
}

/// The open vacancies of the caseworker's region, newest first, filtered by words and
/// occupation.
pub async fn vacancies(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<ListQuery>,
) -> PageResult<Response> {
    let (_, grant) = caseworker(&page)?;
    let tr = page.tr();
    let mut rows = Vec::new();
    let mut summary = String::new();
    let mut pager = None;
    let mut error = None;
    let mut status = StatusCode::OK;
    let region = grant.region_code.clone();
    if let Some(region) = region.as_deref() {
        let request = SearchRequest {
            q: optional(&query.q),
            region_code: Some(region),
            occupation_code: optional(&query.occupation),
            page: optional(&query.page).and_then(|p| p.parse::<i64>().ok()),
            per_page: Some(PER_PAGE),
            ..SearchRequest::default()
        };
        match employers::search_vacancies(&state, &request)
            .await
            .or_page()
        {
            Ok(found) => {
                summary = tr.count("search-found", found.total);
                pager = Some(Pager::new(
                    &tr,
                    found.total,
                    found.page,
                    found.per_page,
                    |p| query.href(p),
                ));
                let today = found.today;
                rows = found
                    .vacancies
                    .into_iter()
                    .map(|named| {
                        let v = vacancy_view(named, today);
                        Row {
                            href: format!("/workspace/vacancies/{}", v.id),
                            pay: tr.pay(v.salary_from, v.salary_to),
                            positions_open: tr.number(v.positions_open),
                            posted: tr.date(local_date(v.posted_at)),
                            valid_until: tr.date(v.valid_until),
                            title: v.title,
                            employer: v.employer_name,
                        }
                    })
                    .collect();
            }
            Err(e) if e.status().is_client_error() => {
                error = Some(e.message(&tr));
                status = e.status();
            }
            Err(e) => return Err(e),
        }
    }
    let occupation_list = occupation_names(&state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let html = render(&ListPage {
        q: query.q.clone(),
        occupations: choices(occupation_list, query.occupation.trim()),
        summary,
        rows,
        pager,
        no_region: region.is_none(),
        error,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// A suitable person as the page shows them: no name, no contacts — what the API gives staff.
pub struct CandidateRow {
    pub n: usize,
    pub status: String,
    pub score: String,
    pub reasons: Vec<String>,
    /// The registration to offer the vacancy to and whose card may be opened, if any.
    pub registration_id: Option<String>,
}

/// The vacancy as its page heads it.
pub struct Head {
    pub title: String,
    pub employer: String,
    pub pay: String,
    pub positions_open: String,
    pub valid_until: String,
    pub open: bool,
}

/// What came of an offer the specialist made: made, or refused and why.
pub struct Outcome {
    pub made: bool,
    pub message: String,
}

#[derive(askama::Template)]
#[template(path = "mediation/workspace/vacancy.html")]
struct VacancyPage {
    f: Frame,
    id: String,
    v: Head,
    candidates: Vec<CandidateRow>,
    may_offer: bool,
    outcome: Option<Outcome>,
}

async fn vacancy_page(
    state: &AppState,
    page: Page,
    id: &str,
    outcome: Option<Outcome>,
    status: StatusCode,
) -> PageResult<Response> {
    let (caller, grant) = caseworker(&page)?;
    let tr = page.tr();
    // The scope first: another region's caseworker learns nothing of the vacancy's matches.
    let found = matching::candidates_in_scope(state, grant, id)
        .await
        .or_page()?;
    let named = employers::vacancy(state, id).await.or_page()?;
    let today = local_date(state.clock.now());
    let v = vacancy_view(named, today);
    let candidates = found
        .into_iter()
        .enumerate()
        .map(|(n, c)| CandidateRow {
            n: n + 1,
            status: match &c.registration {
                Some(r) => tr.t(&format!("caseplan-candidate-{}", r.status.as_str())),
                None => tr.t("caseplan-candidate-portal"),
            },
            score: tr.with(
                "matches-score",
                &[("score", FluentValue::from(c.matched.score))],
            ),
            reasons: c
                .matched
                .reasons
                .iter()
                .map(|r| reason(&tr, r.code, r.points))
                .collect(),
            registration_id: c.registration.map(|r| r.id),
        })
        .collect();
    let html = render(&VacancyPage {
        id: v.id.clone(),
        v: Head {
            pay: tr.pay(v.salary_from, v.salary_to),
            positions_open: tr.number(v.positions_open),
            valid_until: tr.date(v.valid_until),
            open: v.status == "open",
            title: v.title,
            employer: v.employer_name,
        },
        candidates,
        may_offer: is_specialist(caller),
        outcome,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// A vacancy of the region with the people who suit it, best first.
pub async fn vacancy(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    vacancy_page(&state, page, &id, None, StatusCode::OK).await
}

/// The offer form: the registration to offer the vacancy to.
#[derive(Deserialize)]
pub struct OfferForm {
    #[serde(default)]
    registration_id: String,
}

fn answer_due(tr: &Tr, day: NaiveDate) -> String {
    tr.with1("caseplan-offer-made", "due", &tr.date(day))
}

/// The specialist offers the vacancy to a suitable person (214 p.71); the page says the offer
/// was made and its term, or why it was not (already offered, not suitable, no longer open).
pub async fn offer(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OfferForm>,
) -> PageResult<Response> {
    let (caller, _) = caseworker(&page)?;
    caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
    let tr = page.tr();
    let (outcome, status) = match offers::offer_by(&state, caller, form.registration_id.trim(), &id)
        .await
        .or_page()
    {
        Ok(shown) => {
            // The last day to answer: the term ends at midnight.
            let due = local_date(shown.offer.answer_due_at - chrono::Duration::seconds(1));
            let outcome = Outcome {
                made: true,
                message: answer_due(&tr, due),
            };
            (outcome, StatusCode::OK)
        }
        Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
            let own = format!("caseplan-refusal-{}", e.code());
            let message = if tr.has(&own) {
                tr.t(&own)
            } else {
                e.message(&tr)
            };
            let outcome = Outcome {
                made: false,
                message,
            };
            (outcome, e.status())
        }
        Err(e) => return Err(e),
    };
    vacancy_page(&state, page, &id, Some(outcome), status).await
}
