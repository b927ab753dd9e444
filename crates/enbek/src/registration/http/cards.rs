//! The individual employment card (214 p.2.6, 214 p.10): the person's own view, and staff's view
//! within their scope (every staff read is written to the audit log).

use axum::extract::State;
use enbek_domain::access::{CardPlace, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::http::extract::{Path, Query};
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::registration::store::persons::{self, CardEvent, Person};

#[derive(Serialize, ToSchema)]
pub struct Card {
    pub person: Person,
    /// The card's history: registrations, updates, closures.
    pub history: Vec<CardEvent>,
}

async fn card(state: &AppState, person: Person) -> ApiResult<Card> {
    let history = persons::events(&state.db.pool, &person.id).await?;
    Ok(Card { person, history })
}

#[utoipa::path(get, path = "/api/v1/me/card", operation_id = "getMyCard", tag = "cards",
    security(("bearer" = [])), responses((status = 200, body = Card), (status = 404)))]
pub async fn get_my_card(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<axum::Json<Card>> {
    caller.require(&[Role::Citizen])?;
    let person = persons::by_account(&state.db.pool, &caller.account_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(card(&state, person).await?))
}

/// Casework staff may open a card within their scope; the read is logged. The administrator
/// does no casework and opens no card (206 p.17–19).
async fn staff_card(state: &AppState, caller: &Caller, person: Person) -> ApiResult<Card> {
    let center = reference::organization_by_id(&state.db.pool, &person.career_center_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let forwarded: Option<String> = sqlx::query_scalar("SELECT forwarded_by_org FROM registrations WHERE person_id = $1 AND forwarded_by_org IS NOT NULL ORDER BY id DESC LIMIT 1")
        .bind(&person.id)
        .fetch_optional(&state.db.pool)
        .await?;
    let place = CardPlace {
        career_center_id: &person.career_center_id,
        region_code: &center.region_code,
        forwarded_by: forwarded.as_deref(),
    };
    if !caller.may_see(&place) {
        return Err(caller.beyond_reach());
    }
    audit::record_read(
        &state.db.pool,
        state.clock.now(),
        &caller.account_id,
        "person",
        &person.id,
    )
    .await?;
    card(state, person).await
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/card", operation_id = "getPersonCard", tag = "cards",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Card), (status = 403, description = "forbidden, out_of_scope"), (status = 404)))]
pub async fn get_person_card(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Card>> {
    let person = persons::by_id(&state.db.pool, &id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(staff_card(&state, &caller, person).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FindQuery {
    pub iin: String,
}

#[utoipa::path(get, path = "/api/v1/persons", operation_id = "findPersonCard", tag = "cards",
    params(FindQuery), security(("bearer" = [])),
    responses((status = 200, body = Card), (status = 403), (status = 404), (status = 422, description = "invalid_iin")))]
pub async fn find_person_card(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<FindQuery>,
) -> ApiResult<axum::Json<Card>> {
    if !caller.does_casework() {
        return Err(ApiError::forbidden());
    }
    let iin = enbek_domain::ids::Iin::parse(&q.iin)?;
    let mut tx = state.db.begin().await?;
    let person = persons::by_iin(&mut tx, iin.as_str()).await?;
    tx.rollback().await?;
    let person = person.ok_or_else(ApiError::not_found)?;
    Ok(axum::Json(staff_card(&state, &caller, person).await?))
}
