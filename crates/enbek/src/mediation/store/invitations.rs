//! Invitations to join an employer (docs/SECURITY.md, employer membership): sent by a member,
//! answered by the invited account.

use chrono::{DateTime, Utc};
use enbek_domain::mediation::employer::InvitationStatus;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

/// An invitation as the inviting member and the invited account see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Invitation {
    pub id: String,
    pub employer_id: String,
    pub employer_name: String,
    /// The invited account's login.
    pub login: String,
    /// `invited` (waiting for the answer), `accepted`, `declined` or `expired`.
    #[schema(value_type = String)]
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    /// The answer is taken until this instant.
    pub expires_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub account_id: String,
}

const SELECT: &str = "SELECT i.id, i.employer_id, e.name AS employer_name, a.login, i.status, i.created_at,
        i.expires_at, i.decided_at, i.account_id
    FROM employer_invitations i JOIN employers e ON e.id = i.employer_id JOIN accounts a ON a.id = i.account_id";

pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub employer_id: &'a str,
    pub account_id: &'a str,
    pub invited_by: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Marks the pair's unanswered invitation that has lapsed as `expired`, so a new one may be sent.
pub async fn expire_lapsed(
    tx: &mut Tx,
    employer_id: &str,
    account_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE employer_invitations SET status = 'expired'
         WHERE employer_id = $1 AND account_id = $2 AND status = 'invited' AND expires_at <= $3",
    )
    .bind(employer_id)
    .bind(account_id)
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores a new invitation; a unique violation means one is already waiting for the pair.
pub async fn insert(tx: &mut Tx, i: &NewInvitation<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO employer_invitations (id, employer_id, account_id, invited_by, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'invited', $5, $6)",
    )
    .bind(i.id)
    .bind(i.employer_id)
    .bind(i.account_id)
    .bind(i.invited_by)
    .bind(ts(i.created_at))
    .bind(ts(i.expires_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Answers an invitation that is still waiting at `now`; false if it was answered or lapsed.
pub async fn answer(
    tx: &mut Tx,
    id: &str,
    status: InvitationStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE employer_invitations SET status = $1, decided_at = $2
         WHERE id = $3 AND status = 'invited' AND expires_at > $2",
    )
    .bind(status.as_str())
    .bind(ts(now))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    id: &str,
) -> Result<Option<Invitation>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(Invitation::from_row).transpose()
}

/// The account's invitations, newest first.
pub async fn for_account(pool: &AnyPool, account_id: &str) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE i.account_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT 100"
    ))
    .bind(account_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Invitation::from_row).collect()
}

/// The employer's invitations, newest first.
pub async fn for_employer(
    pool: &AnyPool,
    employer_id: &str,
) -> Result<Vec<Invitation>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE i.employer_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT 100"
    ))
    .bind(employer_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Invitation::from_row).collect()
}
