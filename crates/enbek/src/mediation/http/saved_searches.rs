//! Saved vacancy searches of a citizen (214 p.77).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use enbek_domain::accounts::access::Role;
use enbek_domain::{bounds, text};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::mediation::error::Result;
use crate::mediation::service::saved_searches::{self as service, NewSearch, SavedSearch};
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path};
use crate::platform::http::input;
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct SavedSearchRequest {
    /// Words of the title, skills or description, as in `searchVacancies`.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub occupation_code: Option<String>,
    /// Vacancies that pay at least this (their upper bound, or their only figure).
    #[serde(default)]
    pub salary_min: Option<i64>,
    #[serde(default)]
    pub work_regime: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/me/saved-searches", operation_id = "createSavedSearch", tag = "employers",
    request_body = SavedSearchRequest, security(("bearer" = [])),
    responses((status = 201, body = SavedSearch), (status = 403),
        (status = 409, description = "saved_search_limit: 20 saved already"),
        (status = 422, description = "invalid_value, unknown_occupation")))]
pub async fn create_saved_search(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<SavedSearchRequest>,
) -> Result<impl IntoResponse> {
    let search = save_my_search(&state, &caller, body).await?;
    Ok((StatusCode::CREATED, axum::Json(search)))
}

/// A citizen saves a search, from the API or the cabinet's page: the same checks, then the use
/// case.
pub async fn save_my_search(
    state: &AppState,
    caller: &Caller,
    body: SavedSearchRequest,
) -> Result<SavedSearch> {
    caller.require(&[Role::Citizen])?;
    service::save(
        state,
        &caller.account_id,
        NewSearch {
            q: input::opt_text("q", body.q.as_deref(), text::QUERY)?,
            region_code: body.region_code,
            occupation_code: body.occupation_code,
            salary_min: input::opt_bounded("salary_min", body.salary_min, bounds::PAY_FILTER)?,
            work_regime: body.work_regime,
        },
    )
    .await
}

#[utoipa::path(get, path = "/api/v1/me/saved-searches", operation_id = "listMySavedSearches", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = [SavedSearch]), (status = 403)))]
pub async fn list_my_saved_searches(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<SavedSearch>>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(service::mine(&state, &caller.account_id).await?))
}

#[utoipa::path(delete, path = "/api/v1/me/saved-searches/{id}", operation_id = "deleteSavedSearch", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403), (status = 404, description = "none of the caller's")))]
pub async fn delete_saved_search(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    caller.require(&[Role::Citizen])?;
    service::delete(&state, &caller.account_id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
