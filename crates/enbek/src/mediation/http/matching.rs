//! Resumes and suitable-work matches (214 p.2.10, 214 p.69–70, 214 p.77).

use axum::extract::State;
use axum::response::IntoResponse;
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::matching::Reason;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::{bounds, text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::mediation::error::Result;
use crate::mediation::http::employers::{vacancy_view, VacancyView, MOST_SKILLS};
use crate::mediation::service::matching::{self as service, Resume, ResumeRequest};
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::http::page_headers;
use crate::platform::state::AppState;

/// The most languages a resume lists.
const MOST_LANGUAGES: usize = 20;

#[utoipa::path(put, path = "/api/v1/me/resume", operation_id = "upsertMyResume", tag = "matching",
    request_body = Resume, security(("bearer" = [])),
    responses((status = 200, body = Resume), (status = 422, description = "invalid_value, invalid_text, unknown_occupation, unknown_territory")))]
pub async fn upsert_my_resume(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<Resume>,
) -> Result<axum::Json<Resume>> {
    Ok(axum::Json(save_my_resume(&state, &caller, body).await?))
}

/// A citizen's own resume saved, from the API or the cabinet's editor: the same checks of its
/// values, then the use case.
pub async fn save_my_resume(state: &AppState, caller: &Caller, mut body: Resume) -> Result<Resume> {
    caller.require(&[Role::Citizen])?;
    body.skills = input::texts("skills", &body.skills, text::ITEM, MOST_SKILLS)?;
    body.languages = input::texts("languages", &body.languages, text::ITEM, MOST_LANGUAGES)?;
    body.experience_years = input::bounded(
        "experience_years",
        body.experience_years,
        bounds::EXPERIENCE_YEARS,
    )?;
    body.desired_salary =
        input::opt_bounded("desired_salary", body.desired_salary, bounds::MONTHLY_PAY)?;
    service::upsert_resume(state, &caller.account_id, body).await
}

#[utoipa::path(get, path = "/api/v1/me/resume", operation_id = "getMyResume", tag = "matching",
    security(("bearer" = [])), responses((status = 200, body = Resume), (status = 404, description = "no_resume")))]
pub async fn get_my_resume(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Resume>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::my_resume(&state, &caller.account_id).await?,
    ))
}

/// Why an opening suits: the points and their reasons.
#[derive(Serialize, ToSchema)]
pub struct Why {
    pub score: u32,
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<Reason>,
}

#[derive(Serialize, ToSchema)]
pub struct VacancyMatch {
    pub vacancy: VacancyView,
    #[serde(flatten)]
    pub why: Why,
}

#[utoipa::path(get, path = "/api/v1/me/vacancy-matches", operation_id = "listMyVacancyMatches", tag = "matching",
    security(("bearer" = [])), responses((status = 200, body = [VacancyMatch]), (status = 404, description = "no_resume")))]
pub async fn list_my_vacancy_matches(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<VacancyMatch>>> {
    caller.require(&[Role::Citizen])?;
    let today = local_date(state.clock.now());
    let found = service::vacancy_matches(&state, &caller.account_id).await?;
    Ok(axum::Json(
        found
            .into_iter()
            .map(|(v, m)| VacancyMatch {
                vacancy: vacancy_view(v, today),
                why: Why {
                    score: m.score,
                    reasons: m.reasons,
                },
            })
            .collect(),
    ))
}

/// A suitable person as the career center sees them before an offer: no name, no contacts.
#[derive(Serialize, ToSchema)]
pub struct CandidateView {
    pub account_id: String,
    pub registration_id: Option<String>,
    /// `job_seeker`, `unemployed`, or none for a self-registered portal user.
    pub status: Option<String>,
    #[serde(flatten)]
    pub why: Why,
}

#[utoipa::path(get, path = "/api/v1/vacancies/{id}/matches", operation_id = "listVacancyMatches", tag = "matching",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = [CandidateView]), (status = 403), (status = 404)))]
pub async fn list_vacancy_matches(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<CandidateView>>> {
    let grant = caller.require(&CASEWORK)?;
    let found = service::candidates_in_scope(&state, grant, &id).await?;
    Ok(axum::Json(
        found
            .into_iter()
            .map(|c| CandidateView {
                account_id: c.account_id,
                registration_id: c.registration.as_ref().map(|r| r.id.clone()),
                status: c.registration.map(|r| r.status.as_str().to_string()),
                why: Why {
                    score: c.matched.score,
                    reasons: c.matched.reasons,
                },
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ResumeQuery {
    /// Words of the occupations' names (Russian or Kazakh) or the skills: each must occur in some
    /// form (водитель, водителя, жүргізуші), in any letter case.
    pub q: Option<String>,
    /// A four-digit occupation the person seeks.
    pub occupation_code: Option<String>,
    /// The region the person lives in (its 9-digit code).
    pub region_code: Option<String>,
    /// People asking at most this pay, or naming none.
    pub salary_max: Option<i64>,
    /// People asking for this regime, or for none.
    pub work_regime: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// At most 100 (default 20).
    pub per_page: Option<i64>,
    /// The `X-Next-Cursor` of the page before: the page after it, however many resumes were
    /// published, changed or withdrawn meanwhile (search-after; not with `page`). The cursor is
    /// sealed: it shows nothing of the resume it follows.
    pub after: Option<String>,
}

/// A published resume as employers see it: its public fields only, nothing that identifies the
/// person (206 p.19).
#[derive(Serialize, ToSchema)]
pub struct PublicResume {
    pub occupation_codes: Vec<String>,
    pub experience_years: u32,
    pub education_level: Option<String>,
    pub skills: Vec<String>,
    pub desired_salary: Option<u64>,
    pub work_regime: Option<String>,
    pub locality_code: String,
    pub languages: Vec<String>,
    pub willing_to_relocate: bool,
}

#[utoipa::path(get, path = "/api/v1/resumes", operation_id = "searchResumes", tag = "matching",
    params(ResumeQuery), security(("bearer" = [])),
    responses((status = 200, body = [PublicResume], description = "published resumes, the latest updated first; the total is in X-Total-Count, the next page's cursor (none on the last) in X-Next-Cursor"),
        (status = 403), (status = 422, description = "invalid_value")))]
pub async fn search_resumes(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ResumeQuery>,
) -> Result<impl IntoResponse> {
    let request = ResumeRequest {
        q: q.q.as_deref(),
        occupation_code: q.occupation_code.as_deref(),
        region_code: q.region_code.as_deref(),
        salary_max: q.salary_max,
        work_regime: q.work_regime.as_deref(),
        after: q.after.as_deref(),
        page: q.page,
        per_page: q.per_page,
    };
    let found = service::search_published_resumes(&state, &caller, &request).await?;
    let headers = page_headers(found.total, found.next_cursor.as_deref());
    let out: Vec<PublicResume> = found
        .resumes
        .into_iter()
        .map(|r| PublicResume {
            occupation_codes: r.occupation_codes,
            experience_years: r.experience_years,
            education_level: r.education_level,
            skills: r.skills,
            desired_salary: r.desired_salary,
            work_regime: r.work_regime,
            locality_code: r.locality_code,
            languages: r.languages,
            willing_to_relocate: r.willing_to_relocate,
        })
        .collect();
    Ok((headers, axum::Json(out)))
}
