//! Changes of 214 p.64 the career center learns of: reported by the unemployed person, or (a
//! pension) told by the registries.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::registration::unemployment::{Circumstance, CircumstanceSource};
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Row)]
pub struct Report {
    pub id: String,
    pub registration_id: String,
    pub career_center_id: String,
    pub kind: Circumstance,
    pub occurred_on: NaiveDate,
    pub details: Option<String>,
    pub reported_at: DateTime<Utc>,
    pub report_due_at: DateTime<Utc>,
    pub reported_late: bool,
    /// Reported by the person, or told by the registries (the daily check).
    pub source: CircumstanceSource,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledged_by: Option<String>,
}

pub async fn insert(tx: &mut Tx, c: &Report) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO circumstances (id, registration_id, career_center_id, kind, occurred_on, details, reported_at,
            report_due_at, reported_late, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&c.id)
    .bind(&c.registration_id)
    .bind(&c.career_center_id)
    .bind(c.kind.code())
    .bind(day(c.occurred_on))
    .bind(&c.details)
    .bind(ts(c.reported_at))
    .bind(ts(c.report_due_at))
    .bind(i64::from(c.reported_late))
    .bind(c.source.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether the career center has learned of a change of `kind` on the registration, from the
/// person or the registries, acknowledged or not.
pub async fn known(
    tx: &mut Tx,
    registration_id: &str,
    kind: Circumstance,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM circumstances WHERE registration_id = $1 AND kind = $2")
        .bind(registration_id)
        .bind(kind.code())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.is_some())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Report>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM circumstances WHERE id = $1", id).await
}

/// The acknowledgement by the career center; false when already acknowledged.
pub async fn acknowledge(
    tx: &mut Tx,
    id: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE circumstances SET acknowledged_at = $1, acknowledged_by = $2 WHERE id = $3 AND acknowledged_at IS NULL",
    )
    .bind(ts(at))
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Reports not yet acknowledged at the given career centers.
pub async fn open_at(pool: &AnyPool, centers: &[String]) -> Result<Vec<Report>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(
            "SELECT * FROM circumstances WHERE career_center_id = $1 AND acknowledged_at IS NULL ORDER BY reported_at",
        )
        .bind(center)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            out.push(Report::from_row(r)?);
        }
    }
    Ok(out)
}
