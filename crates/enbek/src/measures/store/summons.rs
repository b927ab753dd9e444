//! The calls to the career center to take part in an active measure (214 p.51(3)).

use chrono::{DateTime, Utc};
use enbek_domain::measures::referral::ActiveMeasure;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::{ts, Row, RowExt, Tx};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Summons {
    pub id: String,
    pub registration_id: String,
    pub career_center_id: String,
    /// The measure the person is called for, when named.
    #[schema(value_type = Option<String>)]
    pub measure: Option<ActiveMeasure>,
    pub summoned_at: DateTime<Utc>,
    /// The end of the 3 working days to come (214 p.51(3)).
    pub due_at: DateTime<Utc>,
    /// When the person came or applied for a measure.
    pub answered_at: Option<DateTime<Utc>>,
}

pub async fn insert(tx: &mut Tx, s: &Summons, by: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO measure_summons (id, registration_id, career_center_id, measure, summoned_by, summoned_at, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&s.id)
    .bind(&s.registration_id)
    .bind(&s.career_center_id)
    .bind(s.measure.map(ActiveMeasure::code))
    .bind(by)
    .bind(ts(s.summoned_at))
    .bind(ts(s.due_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Summons>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM measure_summons WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(Summons::from_row).transpose()
}

/// Every open call of a registration is answered at `at` (the person came, or applied for a
/// measure); how many were open.
pub async fn answer_open(
    tx: &mut Tx,
    registration_id: &str,
    at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE measure_summons SET answered_at = $1 WHERE registration_id = $2 AND answered_at IS NULL",
    )
    .bind(ts(at))
    .bind(registration_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// The calls of the unemployed of the centers not answered by the end of their term (before
/// `now`), for the career center to weigh: (call id, registration id, measure, term's end),
/// oldest first. Only registrations still unemployed.
pub async fn unanswered(
    pool: &AnyPool,
    centers: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String, Option<String>, DateTime<Utc>)>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(
            "SELECT s.id, s.registration_id, s.measure, s.due_at FROM measure_summons s
               JOIN registrations r ON r.id = s.registration_id
              WHERE r.career_center_id = $1 AND r.status = 'unemployed' AND s.answered_at IS NULL
                AND s.due_at <= $2
              ORDER BY s.due_at, s.id",
        )
        .bind(center)
        .bind(ts(now))
        .fetch_all(pool)
        .await?;
        for r in &rows {
            out.push((
                r.text("id")?,
                r.text("registration_id")?,
                r.opt_text("measure")?,
                r.instant("due_at")?,
            ));
        }
    }
    Ok(out)
}
