//! The call to the career center to take part in an active measure (214 p.51(3)).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::measures::error::Result;
use crate::measures::http::referrals::measure;
use crate::measures::service::summons as service;
use crate::measures::store::summons::Summons;
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SummonsRequest {
    /// The measure the person is called for (the API's `measure`), when named.
    #[serde(default)]
    pub measure: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/registrations/{id}/measure-summons", operation_id = "summonForActiveMeasure", tag = "measures",
    params(("id" = String, Path)), request_body = SummonsRequest, security(("bearer" = [])),
    responses((status = 201, body = Summons, description = "the person is told; 3 working days to come (214 p.51(3))"),
        (status = 403), (status = 404), (status = 409, description = "invalid_state: not unemployed"), (status = 422)))]
pub async fn summon_for_active_measure(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<SummonsRequest>,
) -> Result<impl IntoResponse> {
    let measure = body.measure.as_deref().map(measure).transpose()?;
    let call = service::summon(&state, &caller, &id, measure).await?;
    Ok((StatusCode::CREATED, axum::Json(call)))
}

#[utoipa::path(post, path = "/api/v1/measure-summons/{id}/answer", operation_id = "recordSummonsAnswer", tag = "measures",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Summons, description = "the person came"), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: already answered")))]
pub async fn record_summons_answer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Summons>> {
    Ok(axum::Json(service::answered(&state, &caller, &id).await?))
}
