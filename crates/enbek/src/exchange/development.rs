//! The use cases of development mode (`enbek serve --dev`): the settable clock, the registry
//! simulator's records, the kept outbox and the messages to the fund. Every change is audited.

use chrono::{DateTime, Utc};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};
use serde_json::json;

use crate::exchange::outbound::{self, Message};
use crate::exchange::registry::store as registry_sim;
use crate::platform::audit;
use crate::platform::dev_clock;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::notify::store as notifications;
pub use crate::platform::notify::store::Notification;
use crate::platform::state::AppState;

/// Sets the clock: kept in the database first (with its audit entry), so that a restarted
/// server stands at the same instant; 404 when the clock is not settable.
pub async fn set_clock(state: &AppState, actor_id: &str, now: DateTime<Utc>) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    dev_clock::store(&mut tx, now).await?;
    audit::Entry::new(state.clock.now(), "set", "dev_clock", "clock")
        .by(actor_id)
        .after(json!({ "now": now }))
        .record(&mut tx);
    tx.commit().await?;
    state.clock.set(now).map_err(|_| ApiError::not_found())
}

/// Writes a person into the registry simulator.
pub async fn upsert_registry_person(
    state: &AppState,
    actor_id: &str,
    person: &RegistryPerson,
) -> ApiResult<()> {
    let now = state.clock.now();
    registry_sim::upsert(&state.db.pool, person, now).await?;
    let mut tx = state.db.begin().await?;
    audit::Entry::new(now, "upsert", "registry_person", &person.iin)
        .by(actor_id)
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// Writes a legal entity into the business registry simulator.
pub async fn upsert_registry_business(
    state: &AppState,
    actor_id: &str,
    business: &RegistryBusiness,
) -> ApiResult<()> {
    let now = state.clock.now();
    registry_sim::upsert_business(&state.db.pool, business, now).await?;
    let mut tx = state.db.begin().await?;
    audit::Entry::new(now, "upsert", "registry_business", &business.bin)
        .by(actor_id)
        .after(json!({ "active": business.active }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// The kept outbox, of a channel when given.
pub async fn outbox(
    state: &AppState,
    channel: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<Notification>> {
    Ok(notifications::outbox(&state.db.pool, channel, limit).await?)
}

/// The latest messages to the fund.
pub async fn outbound(state: &AppState, limit: i64) -> ApiResult<Vec<Message>> {
    Ok(outbound::recent(&state.db.pool, limit).await?)
}
