//! Development mode (`enbek serve --dev`, never on by default): set the clock, run due work, write
//! the registry simulator, list the kept outbox. These routes exist only when the server runs with
//! `--dev`, and only an administrator may call them.

use axum::extract::State;
use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::contact::Phone;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::exchange::development::{self as service, Notification};
use crate::exchange::outbound;
use crate::platform::auth::Caller;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::http::extract::{Json, Query};
use crate::platform::problem::Common;
use crate::platform::state::AppState;

#[derive(Deserialize, Serialize, ToSchema)]
pub struct ClockBody {
    /// RFC 3339 instant.
    pub now: DateTime<Utc>,
}

#[utoipa::path(put, path = "/api/v1/dev/clock", operation_id = "setClock", tag = "development",
    request_body = ClockBody, security(("bearer" = [])), responses((status = 200, body = ClockBody), (status = 403)))]
pub async fn set_clock(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<ClockBody>,
) -> ApiResult<axum::Json<ClockBody>> {
    caller.require(&[Role::Administrator])?;
    service::set_clock(&state, &caller.account_id, body.now).await?;
    Ok(axum::Json(ClockBody {
        now: state.clock.now(),
    }))
}

#[utoipa::path(get, path = "/api/v1/dev/clock", operation_id = "getClock", tag = "development",
    responses((status = 200, body = ClockBody)))]
pub async fn get_clock(State(state): State<AppState>) -> axum::Json<ClockBody> {
    axum::Json(ClockBody {
        now: state.clock.now(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct Processed {
    pub processed: u64,
}

#[utoipa::path(post, path = "/api/v1/dev/jobs/run", operation_id = "runDueJobs", tag = "development",
    security(("bearer" = [])), responses((status = 200, body = Processed), (status = 403)))]
pub async fn run_due_jobs(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<axum::Json<Processed>> {
    caller.require(&[Role::Administrator])?;
    let processed = crate::platform::jobs::run_due(&state).await?;
    Ok(axum::Json(Processed { processed }))
}

#[utoipa::path(post, path = "/api/v1/dev/registry/persons", operation_id = "upsertRegistryPerson", tag = "development",
    request_body(content = Object, description = "{iin, last_name, first_name, middle_name?, birth_date, sex, region_code, district_code, locality_code, employed, entrepreneur, pensioner (a pension for any reason: shown to the career center, no ground by itself), student, sentences?: [{kind: correctional_works | public_works | imprisonment | suspended_imprisonment | restriction_of_freedom | fine | compulsory_treatment, from: YYYY-MM-DD (the decision in force), to?: YYYY-MM-DD (the last day of the term)}] (214 p.41(6), 214 p.51(5)), disability_group?, contribution_months: [YYYY-MM], contribution_incomes?: {YYYY-MM: KZT}, phones?: [+7…] (the numbers the mobile-citizens registry links to the IIN)}"),
    security(("bearer" = [])), responses((status = 200), (status = 403), (status = 422, description = "invalid_iin, invalid_request")))]
pub async fn upsert_registry_person(
    State(state): State<AppState>,
    caller: Caller,
    Json(person): Json<RegistryPerson>,
) -> ApiResult<axum::Json<serde_json::Value>> {
    caller.require(&[Role::Administrator])?;
    let iin = Iin::parse(&person.iin)?;
    if !matches!(person.disability_group, None | Some(1..=3)) {
        return Err(ApiError::new(Common::InvalidValue).detail("disability_group is 1, 2 or 3"));
    }
    if person.phones.len() > 5 {
        return Err(ApiError::new(Common::InvalidValue).detail("at most 5 phones"));
    }
    let phones = person
        .phones
        .iter()
        .map(|p| Phone::parse(p).map(|p| p.as_str().to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let person = RegistryPerson {
        iin: iin.as_str().to_string(),
        phones,
        ..person
    };
    service::upsert_registry_person(&state, &caller.account_id, &person).await?;
    Ok(axum::Json(json!({ "iin": person.iin })))
}

#[derive(Deserialize, Serialize, ToSchema)]
pub struct Availability {
    /// Whether the built-in registry simulator answers (false rehearses an outage).
    pub answering: bool,
}

#[utoipa::path(put, path = "/api/v1/dev/registry/availability", operation_id = "setRegistryAvailability", tag = "development",
    request_body = Availability, security(("bearer" = [])), responses((status = 200, body = Availability), (status = 403)))]
pub async fn set_registry_availability(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<Availability>,
) -> ApiResult<axum::Json<Availability>> {
    caller.require(&[Role::Administrator])?;
    let simulator = state.simulator().ok_or_else(ApiError::not_found)?;
    simulator.set_answering(body.answering);
    Ok(axum::Json(body))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OutboxQuery {
    /// `email`, `sms` or `assistant`.
    pub channel: Option<String>,
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct OutboxMessage {
    #[serde(flatten)]
    pub notification: Notification,
    pub recipient: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/dev/outbox", operation_id = "listOutbox", tag = "development",
    params(OutboxQuery), security(("bearer" = [])), responses((status = 200, body = [OutboxMessage]), (status = 403)))]
pub async fn list_outbox(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<OutboxQuery>,
) -> ApiResult<axum::Json<Vec<OutboxMessage>>> {
    caller.require(&[Role::Administrator])?;
    let rows = service::outbox(
        &state,
        q.channel.as_deref(),
        q.limit.unwrap_or(100).clamp(1, 1000),
    )
    .await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|n| OutboxMessage {
                recipient: n.recipient.clone(),
                notification: n,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OutboundQuery {
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/dev/outbound", operation_id = "listOutboundMessages", tag = "development",
    params(OutboundQuery), security(("bearer" = [])), responses((status = 200, body = [outbound::Message]), (status = 403)))]
pub async fn list_outbound(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<OutboundQuery>,
) -> ApiResult<axum::Json<Vec<outbound::Message>>> {
    caller.require(&[Role::Administrator])?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    Ok(axum::Json(service::outbound(&state, limit).await?))
}

#[utoipa::path(post, path = "/api/v1/dev/registry/businesses", operation_id = "upsertRegistryBusiness", tag = "development",
    request_body(content = Object, description = "{bin, name, active, head_iin?}: a legal entity in the business registry simulator (a BIN without a record counts as an active entity)"),
    security(("bearer" = [])), responses((status = 200), (status = 403), (status = 422, description = "invalid_bin")))]
pub async fn upsert_registry_business(
    State(state): State<AppState>,
    caller: Caller,
    Json(business): Json<RegistryBusiness>,
) -> ApiResult<axum::Json<serde_json::Value>> {
    caller.require(&[Role::Administrator])?;
    let bin = Bin::parse(&business.bin)?;
    let head_iin = business
        .head_iin
        .as_deref()
        .map(|h| Iin::parse(h).map(|h| h.as_str().to_string()))
        .transpose()?;
    let business = RegistryBusiness {
        bin: bin.as_str().to_string(),
        head_iin,
        ..business
    };
    service::upsert_registry_business(&state, &caller.account_id, &business).await?;
    Ok(axum::Json(json!({ "bin": business.bin })))
}
