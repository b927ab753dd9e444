//! Messages to other state systems (206 ch.4, 206 p.30–35), kept until the peer confirms receipt.

use chrono::{DateTime, Utc};
use enbek_domain::delivery::{DeliveryStatus, Destination};
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;
use crate::platform::notify::count_delivery;
use crate::platform::state::AppState;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Message {
    pub id: String,
    #[schema(value_type = String)]
    pub destination: Destination,
    pub subject_id: String,
    #[schema(value_type = Object)]
    #[row(json)]
    pub payload: serde_json::Value,
    #[schema(value_type = String)]
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

pub async fn insert(
    tx: &mut Tx,
    id: &str,
    destination: Destination,
    subject_id: &str,
    payload: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbound_messages (id, destination, subject_id, payload, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(destination.as_str())
    .bind(subject_id)
    .bind(payload.to_string())
    .bind(DeliveryStatus::Pending.as_str())
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Message>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM outbound_messages WHERE id = $1", id).await
}

pub async fn mark_delivered(
    pool: &AnyPool,
    id: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbound_messages SET status = $1, delivered_at = $2, attempts = attempts + 1 WHERE id = $3",
    )
    .bind(DeliveryStatus::Delivered.as_str())
    .bind(ts(at))
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn mark_failed(pool: &AnyPool, id: &str, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbound_messages SET attempts = attempts + 1, last_error = $1 WHERE id = $2",
    )
    .bind(error)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The newest messages, for development mode's view of what left.
pub async fn recent(pool: &AnyPool, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT * FROM outbound_messages ORDER BY created_at DESC, id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await?;
    rows.iter().map(Message::from_row).collect()
}

/// Delivers one message to another state system; a delivered one is left alone.
pub async fn deliver(state: &AppState, message_id: &str) -> anyhow::Result<()> {
    let Some(message) = by_id(&state.db.pool, message_id).await? else {
        return Ok(());
    };
    if message.status != DeliveryStatus::Pending {
        return Ok(());
    }
    match state.delivery.to_fund(&message.payload).await {
        Ok(outcome) => {
            mark_delivered(&state.db.pool, &message.id, state.clock.now()).await?;
            count_delivery(state, message.destination.as_str(), outcome);
            Ok(())
        }
        Err(e) => {
            mark_failed(&state.db.pool, &message.id, &e.to_string()).await?;
            state
                .metrics
                .notification(message.destination.as_str(), "failed");
            Err(e)
        }
    }
}
