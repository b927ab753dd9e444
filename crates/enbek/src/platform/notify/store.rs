//! The notification outbox (214 p.12, 214 p.20, 214 p.35, 214 p.52, 214 p.56, 214 p.71). Messages
//! are written in the transaction of the event they tell of; delivery is due work, retried until it
//! succeeds, and records when.

use chrono::{DateTime, Utc};
use enbek_domain::delivery::{DeliveryStatus, NoticeChannel};
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Notification {
    pub id: String,
    pub person_id: Option<String>,
    pub account_id: Option<String>,
    pub kind: String,
    /// `cabinet`, `email`, `sms` or `assistant`.
    #[schema(value_type = String)]
    pub channel: NoticeChannel,
    #[schema(value_type = String)]
    pub lang: Lang,
    #[serde(skip)]
    pub recipient: Option<String>,
    pub subject: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
    #[schema(value_type = String)]
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// Stores notifications in one statement.
pub async fn insert_all(tx: &mut Tx, all: &[Notification]) -> Result<(), sqlx::Error> {
    if all.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO notifications (id, person_id, account_id, kind, channel, lang, recipient, subject, text, created_at, status, delivered_at)
         VALUES {}",
        db::value_rows(all.len(), 12)
    );
    let mut query = sqlx::query(&sql);
    for n in all {
        query = query
            .bind(&n.id)
            .bind(&n.person_id)
            .bind(&n.account_id)
            .bind(&n.kind)
            .bind(n.channel.as_str())
            .bind(n.lang.as_str())
            .bind(&n.recipient)
            .bind(&n.subject)
            .bind(&n.text)
            .bind(ts(n.created_at))
            .bind(n.status.as_str())
            .bind(n.delivered_at.map(ts));
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// The notifications among `ids` still to be delivered, read in one statement.
pub async fn pending_among(
    pool: &AnyPool,
    ids: &[String],
) -> Result<Vec<Notification>, sqlx::Error> {
    db::all_in(
        pool,
        "SELECT * FROM notifications WHERE id IN ({list}) AND status = 'pending'",
        &[],
        ids,
    )
    .await?
    .iter()
    .map(Notification::from_row)
    .collect()
}

/// Marks the notifications `ids` delivered at `at`, in one statement.
pub async fn mark_delivered(
    pool: &AnyPool,
    ids: &[String],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db::execute_in(
        pool,
        "UPDATE notifications SET status = 'delivered', delivered_at = $1, attempts = attempts + 1, last_error = NULL
         WHERE id IN ({list}) AND status = 'pending'",
        &[&ts(at)],
        ids,
    )
    .await?;
    Ok(())
}

pub async fn mark_failed(pool: &AnyPool, id: &str, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET attempts = attempts + 1, last_error = $1 WHERE id = $2 AND status = 'pending'")
        .bind(error)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The messages an account's person sees in the cabinet (every channel, newest first).
pub async fn for_account(
    pool: &AnyPool,
    account_id: &str,
    person_id: Option<&str>,
) -> Result<Vec<Notification>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM notifications WHERE account_id = $1 OR ($2 IS NOT NULL AND person_id = $2) ORDER BY id DESC LIMIT 500",
    )
    .bind(account_id)
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Notification::from_row).collect()
}

/// The notices that went through the assistant of a rural district (its organisation), newest
/// first.
pub async fn for_assistant(
    pool: &AnyPool,
    organization_id: &str,
    limit: i64,
) -> Result<Vec<Notification>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM notifications WHERE channel = 'assistant' AND recipient = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(organization_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Notification::from_row).collect()
}

/// The outbox of e-mail and SMS, newest first (development mode lists it).
pub async fn outbox(
    pool: &AnyPool,
    channel: Option<&str>,
    limit: i64,
) -> Result<Vec<Notification>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM notifications WHERE channel IN ('email', 'sms', 'assistant') AND ($1 IS NULL OR channel = $1) ORDER BY id DESC LIMIT $2",
    )
    .bind(channel)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Notification::from_row).collect()
}
