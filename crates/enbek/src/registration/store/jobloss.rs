//! Job-loss social payment applications (Social Code art.102; guide step 4).

use chrono::{DateTime, Utc};
use enbek_domain::registration::jobloss::{ApplicationStatus, Assessment};
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Row)]
pub struct Application {
    pub id: String,
    pub registration_id: String,
    pub account_id: String,
    pub iban: String,
    pub status: ApplicationStatus,
    #[row(json)]
    pub assessment: Option<serde_json::Value>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub message_id: Option<String>,
}

pub async fn insert(tx: &mut Tx, a: &Application) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO jobloss_applications (id, registration_id, account_id, iban, status, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&a.id)
    .bind(&a.registration_id)
    .bind(&a.account_id)
    .bind(&a.iban)
    .bind(a.status.as_str())
    .bind(ts(a.submitted_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the check's outcome; false when the application was no longer being checked.
pub async fn decide(
    tx: &mut Tx,
    id: &str,
    status: ApplicationStatus,
    assessment: &Assessment,
    message_id: Option<&str>,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let assessment =
        serde_json::to_string(assessment).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query(
        "UPDATE jobloss_applications SET status = $1, assessment = $2, message_id = $3, decided_at = $4
         WHERE id = $5 AND status = 'checking'",
    )
    .bind(status.as_str())
    .bind(assessment)
    .bind(message_id)
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_iban(tx: &mut Tx, id: &str, iban: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobloss_applications SET iban = $1 WHERE id = $2")
        .bind(iban)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Application>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM jobloss_applications WHERE id = $1", id).await
}

/// The account's newest application.
pub async fn latest_for_account(
    pool: &AnyPool,
    account_id: &str,
) -> Result<Option<Application>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT * FROM jobloss_applications WHERE account_id = $1 ORDER BY submitted_at DESC, id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(Application::from_row).transpose()
}
