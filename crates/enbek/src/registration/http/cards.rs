//! The individual employment card (214 p.2.6, 214 p.10): the person's own view, and staff's view
//! within their scope (every staff read is written to the audit log).

use axum::extract::State;
use enbek_domain::accounts::access::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::Caller;
use crate::platform::http::extract::{Path, Query};
use crate::platform::state::AppState;
use crate::registration::error::{Error, Result};
use crate::registration::service::cards::{self as service, CardEvent, Person};

#[derive(Serialize, ToSchema)]
pub struct Card {
    pub person: Person,
    /// The card's history: registrations, updates, closures.
    pub history: Vec<CardEvent>,
}

impl From<service::Card> for Card {
    fn from(c: service::Card) -> Self {
        Card {
            person: c.person,
            history: c.history,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/me/card", operation_id = "getMyCard", tag = "cards",
    security(("bearer" = [])), responses((status = 200, body = Card), (status = 404)))]
pub async fn get_my_card(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Card>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::my_card(&state, &caller.account_id).await?.into(),
    ))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/card", operation_id = "getPersonCard", tag = "cards",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Card), (status = 403, description = "forbidden, out_of_scope"), (status = 404)))]
pub async fn get_person_card(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Card>> {
    Ok(axum::Json(
        service::person_card(&state, &caller, &id).await?.into(),
    ))
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
) -> Result<axum::Json<Card>> {
    if !caller.does_casework() {
        return Err(Error::forbidden());
    }
    let iin = enbek_domain::ids::Iin::parse(&q.iin)?;
    Ok(axum::Json(
        service::card_by_iin(&state, &caller, &iin).await?.into(),
    ))
}
