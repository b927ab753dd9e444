//! The published resumes, for employers looking for staff (214 p.77) and the career centers that
//! help them: the same use case as the API's `searchResumes`, and its public fields only —
//! nothing that names or reaches the person (206 p.19).

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use enbek_domain::mediation::vacancy::WorkRegime;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::mediation::pages::vacancies::amount;
use crate::mediation::service::matching::{self as service, Resume, ResumeRequest};
use crate::platform::state::AppState;
use crate::reference::interface::occupations;
use crate::reference::interface::region_names;
use crate::web::form::{choices, Choice};
use crate::web::paging::{optional, page_href, Pager};
use crate::web::{render, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// How many resumes a page of results shows.
const PER_PAGE: i64 = 10;

/// A resume as the list shows it, every value in the reader's words.
pub struct ResumeCard {
    pub occupations: Vec<String>,
    pub experience: String,
    pub education: Option<String>,
    pub skills: Vec<String>,
    pub pay: Option<String>,
    pub regime: Option<String>,
    pub region: String,
    pub languages: Vec<String>,
    pub relocate: bool,
}

fn resume_card(
    r: Resume,
    tr: &Tr,
    occupations: &HashMap<String, String>,
    regions: &HashMap<String, String>,
) -> ResumeCard {
    // A place's region is the territory code's first two digits, the rest zeros.
    let region = format!("{:0<9}", r.locality_code.get(..2).unwrap_or_default());
    ResumeCard {
        occupations: r
            .occupation_codes
            .iter()
            .map(|c| occupations.get(c).cloned().unwrap_or_else(|| c.clone()))
            .collect(),
        experience: tr.with(
            "resume-experience-years",
            &[("years", FluentValue::from(r.experience_years))],
        ),
        education: r.education_level.map(|e| tr.t(&format!("education-{e}"))),
        skills: r.skills,
        pay: r
            .desired_salary
            .map(|pay| tr.money(i64::try_from(pay).unwrap_or(i64::MAX))),
        regime: r.work_regime.map(|w| tr.t(&format!("regime-{w}"))),
        region: regions.get(&region).cloned().unwrap_or(region),
        languages: r
            .languages
            .iter()
            .map(|l| {
                let id = format!("lang-name-{l}");
                if tr.has(&id) {
                    tr.t(&id)
                } else {
                    l.clone()
                }
            })
            .collect(),
        relocate: r.willing_to_relocate,
    }
}

/// The search as the page's address gives it: every value as text, checked here and by the use
/// case.
#[derive(Deserialize, Default)]
pub struct ResumeQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    salary_max: String,
    #[serde(default)]
    regime: String,
    #[serde(default)]
    page: String,
}

impl ResumeQuery {
    /// The address of another page of the same search.
    fn href(&self, page: i64) -> String {
        let filters = [
            ("q", self.q.as_str()),
            ("occupation", &self.occupation),
            ("region", &self.region),
            ("salary_max", &self.salary_max),
            ("regime", &self.regime),
        ];
        page_href("/resumes", &filters, page)
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/resumes.html")]
struct ResumesPage {
    f: Frame,
    q: String,
    salary_max: String,
    regions: Vec<Choice>,
    occupations: Vec<Choice>,
    regimes: Vec<Choice>,
    errors: FormErrors,
    /// `None` when the search could not run (its errors say why).
    results: Option<Results>,
}

struct Results {
    summary: String,
    cards: Vec<ResumeCard>,
    pager: Pager,
}

/// The published resumes with their words and filters (occupation, region, pay asked at most,
/// regime) and pages. Signed in as an employer or a career center's staff; anyone else is told to
/// sign in (401) or that the page is not theirs (403).
pub async fn search(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<ResumeQuery>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let salary_max = amount(&query.salary_max, "salary_max", &mut errors, &tr);
    let occupation_names: HashMap<String, String> =
        occupations(&state, None, None, Some("unit"), 1000)
            .await
            .or_page()?
            .into_iter()
            .map(|o| {
                let name = tr.lang.pick(&o.name_kk, &o.name_ru, &o.name_en).to_string();
                (o.code, name)
            })
            .collect();
    let mut results = None;
    let mut status = StatusCode::OK;
    if errors.is_empty() {
        let request = ResumeRequest {
            q: optional(&query.q),
            occupation_code: optional(&query.occupation),
            region_code: optional(&query.region),
            salary_max,
            work_regime: optional(&query.regime),
            after: None,
            page: optional(&query.page).and_then(|p| p.parse::<i64>().ok()),
            per_page: Some(PER_PAGE),
        };
        match service::search_published_resumes(&state, caller, &request)
            .await
            .or_page()
        {
            Ok(found) => {
                let regions: HashMap<_, _> = region_names(tr.lang).into_iter().collect();
                results = Some(Results {
                    summary: tr.count("resumes-found", found.total),
                    pager: Pager::new(&tr, found.total, found.page, found.per_page, |p| {
                        query.href(p)
                    }),
                    cards: found
                        .resumes
                        .into_iter()
                        .map(|r| resume_card(r, &tr, &occupation_names, &regions))
                        .collect(),
                });
            }
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                let field = match e.field() {
                    Some("salary_max") => "salary_max",
                    Some("region_code") => "region",
                    Some("q") => "q",
                    _ => "occupation",
                };
                errors.problem(field, &e, &tr);
                status = e.status();
            }
            Err(e) => return Err(e),
        }
    } else {
        status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    let mut occupation_list: Vec<(String, String)> = occupation_names
        .into_iter()
        .map(|(code, name)| (code.clone(), format!("{code} — {name}")))
        .collect();
    occupation_list.sort();
    let regimes = WorkRegime::ALL
        .iter()
        .map(|r| (r.code().to_string(), tr.t(&format!("regime-{}", r.code()))))
        .collect();
    let html = render(&ResumesPage {
        q: query.q.clone(),
        salary_max: query.salary_max.clone(),
        regions: choices(region_names(tr.lang), query.region.trim()),
        occupations: choices(occupation_list, query.occupation.trim()),
        regimes: choices(regimes, query.regime.trim()),
        errors,
        results,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}
