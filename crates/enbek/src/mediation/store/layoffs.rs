//! Mass layoff notices (206 p.31.2).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

/// A group of workers to be laid off: their position, qualification and pay.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LayoffGroup {
    pub position: String,
    #[serde(default)]
    pub occupation_code: Option<String>,
    pub count: u32,
    #[serde(default)]
    pub qualification: Option<String>,
    #[serde(default)]
    pub salary: Option<u64>,
    /// Categories of the workers (e.g. `disabled`, `pre_pension`, `youth`).
    #[serde(default)]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct LayoffNotice {
    pub id: String,
    pub employer_id: String,
    pub region_code: String,
    pub workers_count: i64,
    #[row(json, rename = "data")]
    pub groups: Vec<LayoffGroup>,
    pub planned_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, n: &LayoffNotice, created_by: &str) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(&n.groups).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO layoff_notices (id, employer_id, region_code, workers_count, data, planned_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&n.id)
    .bind(&n.employer_id)
    .bind(&n.region_code)
    .bind(n.workers_count)
    .bind(data)
    .bind(day(n.planned_on))
    .bind(created_by)
    .bind(ts(n.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Notices of an employer, or of a region, newest first.
pub async fn list(
    pool: &AnyPool,
    employer_id: Option<&str>,
    region_code: Option<&str>,
) -> Result<Vec<LayoffNotice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM layoff_notices WHERE ($1 IS NULL OR employer_id = $1) AND ($2 IS NULL OR region_code = $2)
         ORDER BY created_at DESC, id LIMIT 500",
    )
    .bind(employer_id)
    .bind(region_code)
    .fetch_all(pool)
    .await?;
    rows.iter().map(LayoffNotice::from_row).collect()
}
