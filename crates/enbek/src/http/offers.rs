//! Offers of suitable work (214 p.71–72; SPEC §8 `listMyOffers`, `respondToOffer`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use enbek_domain::access::Role;
use enbek_domain::office_hours::local_date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::Caller;
use super::employers::{public_view, VacancyView};
use super::error::{ApiError, ApiResult};
use super::extract::{Json, Path};
use super::registration::require_scope;
use crate::db::offers::{self, Offer};
use crate::db::{employers, registrations};
use crate::services::offers as service;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct OfferRequest {
    pub vacancy_id: String,
    pub registration_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct OfferView {
    pub id: String,
    pub vacancy_id: String,
    pub registration_id: String,
    /// The end of the term to answer: 1 working day for a job seeker, 3 for the unemployed.
    pub answer_due: DateTime<Utc>,
    /// `pending`, `accepted` or `refused`.
    pub status: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_late: Option<bool>,
    pub vacancy: Option<VacancyView>,
}

async fn view(state: &AppState, o: Offer) -> ApiResult<OfferView> {
    let today = local_date(state.clock.now());
    let vacancy = match employers::vacancy_by_id(&state.db.pool, &o.vacancy_id).await? {
        Some(v) => {
            let name = employers::employer_by_id(&state.db.pool, &v.employer_id)
                .await?
                .map(|e| e.name)
                .unwrap_or_default();
            Some(public_view(v, name, today))
        }
        None => None,
    };
    Ok(OfferView {
        id: o.id,
        vacancy_id: o.vacancy_id,
        registration_id: o.registration_id,
        answer_due: o.answer_due_at,
        status: o.status,
        answered_at: o.answered_at,
        answered_late: o.answered_late,
        vacancy,
    })
}

#[utoipa::path(post, path = "/api/v1/offers", operation_id = "createOffer", tag = "matching",
    request_body = OfferRequest, security(("bearer" = [])),
    responses((status = 201, body = OfferView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state, offer_exists"), (status = 422, description = "not_suitable, no_resume")))]
pub async fn create_offer(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<OfferRequest>,
) -> ApiResult<impl IntoResponse> {
    let specialists = [Role::CareerCenterSpecialist];
    caller.require(&specialists)?;
    let reg = registrations::by_id(&state.db.pool, &body.registration_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    require_scope(&state, &caller, &reg, &specialists).await?;
    let offer = service::create(&state, &caller.account_id, &reg, &body.vacancy_id).await?;
    Ok((StatusCode::CREATED, axum::Json(view(&state, offer).await?)))
}

#[utoipa::path(get, path = "/api/v1/me/offers", operation_id = "listMyOffers", tag = "matching",
    security(("bearer" = [])), responses((status = 200, body = [OfferView])))]
pub async fn list_my_offers(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<axum::Json<Vec<OfferView>>> {
    caller.require(&[Role::Citizen])?;
    let mut out = Vec::new();
    for o in offers::for_account(&state.db.pool, &caller.account_id).await? {
        out.push(view(&state, o).await?);
    }
    Ok(axum::Json(out))
}

#[derive(Deserialize, ToSchema)]
pub struct OfferAnswer {
    pub accept: bool,
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/answer", operation_id = "respondToOffer", tag = "matching",
    params(("id" = String, Path)), request_body = OfferAnswer, security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404), (status = 409, description = "invalid_state: already answered")))]
pub async fn respond_to_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<OfferAnswer>,
) -> ApiResult<axum::Json<OfferView>> {
    caller.require(&[Role::Citizen])?;
    let offer = offers::by_id(&state.db.pool, &id)
        .await?
        .filter(|o| o.account_id.as_deref() == Some(caller.account_id.as_str()))
        .ok_or_else(ApiError::not_found)?;
    let offer = service::answer(&state, &caller.account_id, &offer, body.accept).await?;
    Ok(axum::Json(view(&state, offer).await?))
}
