//! Resumes and suitable-work matches (214 p.2.10, p.69–70, p.77; SPEC §5.7, §8).

use axum::extract::State;
use enbek_domain::access::Role;
use enbek_domain::matching::Reason;
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::{Caller, CASEWORK};
use super::employers::{vacancy_view, VacancyView};
use super::error::{ApiError, ApiResult};
use super::extract::{Json, Path};
use crate::db::employers;
use crate::db::resumes::{self, Resume};
use crate::services::matching as service;
use crate::state::AppState;

#[utoipa::path(put, path = "/api/v1/me/resume", operation_id = "upsertMyResume", tag = "matching",
    request_body = Resume, security(("bearer" = [])),
    responses((status = 200, body = Resume), (status = 422, description = "invalid_value, unknown_occupation")))]
pub async fn upsert_my_resume(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<Resume>,
) -> ApiResult<axum::Json<Resume>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::upsert_resume(&state, &caller.account_id, body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/me/resume", operation_id = "getMyResume", tag = "matching",
    security(("bearer" = [])), responses((status = 200, body = Resume), (status = 404, description = "no_resume")))]
pub async fn get_my_resume(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<axum::Json<Resume>> {
    caller.require(&[Role::Citizen])?;
    resumes::by_account(&state.db.pool, &caller.account_id)
        .await?
        .map(axum::Json)
        .ok_or_else(|| ApiError::new("no_resume"))
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
) -> ApiResult<axum::Json<Vec<VacancyMatch>>> {
    caller.require(&[Role::Citizen])?;
    let mut out = Vec::new();
    for (v, m) in service::vacancies_for(&state, &caller.account_id).await? {
        out.push(VacancyMatch {
            vacancy: vacancy_view(&state, v).await?,
            why: Why {
                score: m.score,
                reasons: m.reasons,
            },
        });
    }
    Ok(axum::Json(out))
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
) -> ApiResult<axum::Json<Vec<CandidateView>>> {
    let grant = caller.require(&CASEWORK)?;
    let vacancy = employers::vacancy_by_id(&state.db.pool, &id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    // The career centers and the mobility center of the vacancy's region select for it.
    if grant.region_code.as_deref() != Some(vacancy.region_code.as_str()) {
        return Err(ApiError::new("out_of_scope"));
    }
    let found = service::candidates_for(&state, &vacancy).await?;
    Ok(axum::Json(
        found
            .into_iter()
            .map(|c| CandidateView {
                account_id: c.account_id,
                registration_id: c.registration_id,
                status: c.status,
                why: Why {
                    score: c.matched.score,
                    reasons: c.matched.reasons,
                },
            })
            .collect(),
    ))
}
