//! The home page, the vacancy search and a vacancy's page: the same use cases as the API's
//! `searchVacancies` and `getVacancy`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate};
use enbek_domain::mediation::vacancy::{EmploymentType, WorkRegime};
use enbek_domain::reference::office_hours::local_date;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::mediation::http::employers::{vacancy_view, VacancyView};
use crate::mediation::service::employers::{self as service, Facet, FacetCounts, SearchRequest};
use crate::platform::state::AppState;
use crate::reference::interface::{occupation_names, region_names};
use crate::web::form::{choices, Choice};
use crate::web::paging::{optional, page_href, Pager};
use crate::web::{render, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// How many vacancies a page of results shows.
const PER_PAGE: i64 = 10;

/// A vacancy as a list or its page shows it: every value in the reader's words.
pub struct Card {
    pub id: String,
    pub title: String,
    pub employer: String,
    pub pay: String,
    pub region: String,
    pub regime: String,
    pub employment: String,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub positions_open: String,
    pub skills: Vec<String>,
    pub conditions: Vec<String>,
    pub description: String,
    pub posted: String,
    pub valid_until: String,
    pub status: String,
    pub open: bool,
}

fn card(v: VacancyView, tr: &Tr, regions: &HashMap<String, String>) -> Card {
    Card {
        title: v.title,
        employer: v.employer_name,
        pay: tr.pay(v.salary_from, v.salary_to),
        region: regions
            .get(&v.region_code)
            .cloned()
            .unwrap_or(v.region_code),
        regime: tr.t(&format!("regime-{}", v.work_regime)),
        employment: tr.t(&format!("employment-{}", v.employment_type)),
        education: v.education_level.map(|e| tr.t(&format!("education-{e}"))),
        experience: v.experience_years.map(|years| {
            tr.with(
                "vacancy-experience-years",
                &[("years", FluentValue::from(years))],
            )
        }),
        positions_open: tr.number(v.positions_open),
        skills: v.skills,
        conditions: v
            .conditions
            .iter()
            .map(|c| tr.t(&format!("condition-{c}")))
            .collect(),
        description: v.description,
        posted: tr.date(v.posted_at.date_naive()),
        valid_until: tr.date(v.valid_until),
        open: v.status == "open",
        status: tr.t(&format!("vacancy-status-{}", v.status)),
        id: v.id,
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/home.html")]
struct HomePage {
    f: Frame,
    regions: Vec<Choice>,
    total: String,
    newest: Vec<Card>,
}

/// The home page: the search, how many vacancies are open, the newest, and where each role
/// starts.
pub async fn home(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let tr = page.tr();
    let found = service::search_vacancies(
        &state,
        &SearchRequest {
            per_page: Some(5),
            ..SearchRequest::default()
        },
    )
    .await
    .or_page()?;
    let names = region_names(tr.lang);
    let by_code: HashMap<_, _> = names.iter().cloned().collect();
    let today = found.today;
    render(&HomePage {
        total: tr.count("home-open-count", found.total),
        newest: found
            .vacancies
            .into_iter()
            .map(|v| card(vacancy_view(v, today), &tr, &by_code))
            .collect(),
        regions: choices(names, ""),
        f: page.frame,
    })
}

/// The search as the page's address gives it: every value as text, checked here and by the
/// use case.
#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    salary_min: String,
    #[serde(default)]
    regime: String,
    #[serde(default)]
    employment: String,
    /// Posted within this many days, today counting as one (`POSTED_WITHIN`).
    #[serde(default)]
    posted: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

impl SearchQuery {
    /// The address of another page of the same search.
    fn href(&self, page: i64) -> String {
        let filters = [
            ("q", self.q.as_str()),
            ("region", &self.region),
            ("occupation", &self.occupation),
            ("salary_min", &self.salary_min),
            ("regime", &self.regime),
            ("employment", &self.employment),
            ("posted", &self.posted),
            ("sort", &self.sort),
        ];
        page_href("/vacancies", &filters, page)
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/search.html")]
struct SearchPage {
    f: Frame,
    q: String,
    salary_min: String,
    regions: Vec<Choice>,
    occupations: Vec<Choice>,
    regimes: Vec<Choice>,
    employments: Vec<Choice>,
    posted: Vec<Choice>,
    sorts: Vec<Choice>,
    errors: FormErrors,
    /// `None` when the search could not run (its errors say why).
    results: Option<Results>,
}

struct Results {
    summary: String,
    cards: Vec<Card>,
    pager: Pager,
}

/// A sum in tenge typed into a filter (spaces between the digits allowed); none when left
/// empty, and an error at `field` when it is not a number.
pub(super) fn amount(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) -> Option<i64> {
    let digits = optional(value)?.replace([' ', '\u{a0}'], "");
    match digits.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, tr.t("search-salary-not-a-number"));
            None
        }
    }
}

/// The spans of days a visitor may narrow the search to by when vacancies were posted.
const POSTED_WITHIN: [u32; 4] = [1, 3, 7, 30];

/// The first day of a span of `days` ending today (`posted`), as `searchVacancies` takes it; an
/// error at `posted` for a span not offered.
fn posted_since(value: &str, today: NaiveDate, errors: &mut FormErrors, tr: &Tr) -> Option<String> {
    let value = optional(value)?;
    match value
        .parse::<u32>()
        .ok()
        .filter(|d| POSTED_WITHIN.contains(d))
    {
        Some(days) => today
            .checked_sub_days(Days::new(u64::from(days - 1)))
            .map(|d| d.format("%Y-%m-%d").to_string()),
        None => {
            errors.add("posted", tr.t("search-posted-invalid"));
            None
        }
    }
}

/// A filter's options (value, label), each label followed by how many vacancies choosing it
/// would find: `Ақмола облысы (3)`.
fn with_counts(
    tr: &Tr,
    counted: &FacetCounts,
    facet: Facet,
    options: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let counts: HashMap<&str, i64> = counted
        .facets
        .iter()
        .filter(|(f, _)| *f == facet)
        .flat_map(|(_, counts)| counts.iter().map(|(code, n)| (code.as_str(), *n)))
        .collect();
    options
        .into_iter()
        .map(|(value, label)| {
            let n = counts.get(value.as_str()).copied().unwrap_or(0);
            let label = tr.with(
                "search-option-count",
                &[
                    ("label", FluentValue::from(label)),
                    ("n", FluentValue::from(tr.number(n))),
                ],
            );
            (value, label)
        })
        .collect()
}

/// The vacancy search with its filters (region, occupation, pay floor, work regime, employment
/// type, when posted), order and pages.
pub async fn search(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<SearchQuery>,
) -> PageResult<Response> {
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let salary_min = amount(&query.salary_min, "salary_min", &mut errors, &tr);
    let since = posted_since(
        &query.posted,
        local_date(state.clock.now()),
        &mut errors,
        &tr,
    );
    let page_number = optional(&query.page).and_then(|p| p.parse::<i64>().ok());
    let mut results = None;
    let mut facets = None;
    let mut status = StatusCode::OK;
    if errors.is_empty() {
        let request = SearchRequest {
            q: optional(&query.q),
            region_code: optional(&query.region),
            occupation_code: optional(&query.occupation),
            salary_min,
            work_regime: optional(&query.regime),
            employment_type: optional(&query.employment),
            posted_since: since.as_deref(),
            sort: optional(&query.sort),
            page: page_number,
            per_page: Some(PER_PAGE),
            ..SearchRequest::default()
        };
        match service::search_vacancies(&state, &request).await.or_page() {
            Ok(found) => {
                facets = Some(service::vacancy_facets(&state, &request).await.or_page()?);
                let by_code: HashMap<_, _> = region_names(tr.lang).into_iter().collect();
                let today = found.today;
                results = Some(Results {
                    summary: tr.count("search-found", found.total),
                    pager: Pager::new(&tr, found.total, found.page, found.per_page, |p| {
                        query.href(p)
                    }),
                    cards: found
                        .vacancies
                        .into_iter()
                        .map(|v| card(vacancy_view(v, today), &tr, &by_code))
                        .collect(),
                });
            }
            Err(e) if e.status().is_client_error() => {
                let field = match e.field() {
                    Some("salary_min") => "salary_min",
                    Some("sort") => "sort",
                    _ => "q",
                };
                errors.problem(field, &e, &tr);
                status = e.status();
            }
            Err(e) => return Err(e),
        }
    } else {
        status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    let occupation_list = occupation_names(&state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let regimes = WorkRegime::ALL
        .iter()
        .map(|r| (r.code().to_string(), tr.t(&format!("regime-{}", r.code()))))
        .collect();
    let employments = EmploymentType::ALL
        .iter()
        .map(|e| {
            let code = e.code().to_string();
            (code, tr.t(&format!("employment-{}", e.code())))
        })
        .collect();
    let posted = POSTED_WITHIN
        .iter()
        .map(|&days| {
            (
                days.to_string(),
                tr.count("search-posted-days", i64::from(days)),
            )
        })
        .collect();
    let sorts = [
        ("", "search-sort-default"),
        ("relevance", "search-sort-relevance"),
        ("date", "search-sort-date"),
        ("salary", "search-sort-salary"),
    ]
    .into_iter()
    .map(|(value, id)| (value.to_string(), tr.t(id)))
    .collect();
    // Each filter's options with how many vacancies choosing them would find.
    let counted = |facet: Facet, options: Vec<(String, String)>| match &facets {
        Some(f) => with_counts(&tr, f, facet, options),
        None => options,
    };
    let html = render(&SearchPage {
        q: query.q.clone(),
        salary_min: query.salary_min.clone(),
        regions: choices(
            counted(Facet::Region, region_names(tr.lang)),
            query.region.trim(),
        ),
        occupations: choices(occupation_list, query.occupation.trim()),
        regimes: choices(counted(Facet::WorkRegime, regimes), query.regime.trim()),
        employments: choices(
            counted(Facet::EmploymentType, employments),
            query.employment.trim(),
        ),
        posted: choices(posted, query.posted.trim()),
        sorts: choices(sorts, query.sort.trim()),
        errors,
        results,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

#[derive(askama::Template)]
#[template(path = "mediation/vacancy.html")]
struct VacancyPage {
    f: Frame,
    v: Card,
    signed_in: bool,
}

/// A vacancy's page: its public fields only.
pub async fn vacancy(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let tr = page.tr();
    let named = service::vacancy(&state, &id).await.or_page()?;
    let today = enbek_domain::reference::office_hours::local_date(state.clock.now());
    let by_code: HashMap<_, _> = region_names(tr.lang).into_iter().collect();
    render(&VacancyPage {
        v: card(vacancy_view(named, today), &tr, &by_code),
        signed_in: page.caller.is_some(),
        f: page.frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;
    use enbek_domain::mediation::vacancy::{
        EducationLevel, EmploymentType, VacancyStatus, WorkCondition,
    };

    #[test]
    fn every_code_a_vacancy_shows_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            let mut ids: Vec<String> = Vec::new();
            ids.extend(
                WorkRegime::ALL
                    .iter()
                    .map(|c| format!("regime-{}", c.code())),
            );
            ids.extend(
                EmploymentType::ALL
                    .iter()
                    .map(|c| format!("employment-{}", c.code())),
            );
            ids.extend(
                EducationLevel::ALL
                    .iter()
                    .map(|c| format!("education-{}", c.code())),
            );
            ids.extend(
                WorkCondition::ALL
                    .iter()
                    .map(|c| format!("condition-{}", c.code())),
            );
            ids.extend(
                VacancyStatus::ALL
                    .iter()
                    .map(|c| format!("vacancy-status-{}", c.as_str())),
            );
            for id in ids {
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
