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

/// The notices an employer's or a region's page shows (either when given): the planned day on or
/// after `planned_from` and before `planned_before` when given.
pub struct Selection<'a> {
    pub employer_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub planned_from: Option<NaiveDate>,
    pub planned_before: Option<NaiveDate>,
}

const SELECTED: &str = "($1 IS NULL OR employer_id = $1) AND ($2 IS NULL OR region_code = $2)
     AND ($3 IS NULL OR planned_on >= $3) AND ($4 IS NULL OR planned_on < $4)";

/// `limit` of the notices selected after the first `offset`, newest first, and how many are
/// selected in all.
pub async fn page(
    pool: &AnyPool,
    s: &Selection<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<LayoffNotice>, i64), sqlx::Error> {
    let from = s.planned_from.map(day);
    let before = s.planned_before.map(day);
    let rows = sqlx::query(&format!(
        "SELECT * FROM layoff_notices WHERE {SELECTED} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6"
    ))
    .bind(s.employer_id)
    .bind(s.region_code)
    .bind(from.as_deref())
    .bind(before.as_deref())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM layoff_notices WHERE {SELECTED}"
    ))
    .bind(s.employer_id)
    .bind(s.region_code)
    .bind(from.as_deref())
    .bind(before.as_deref())
    .fetch_one(pool)
    .await?;
    let notices = rows
        .iter()
        .map(LayoffNotice::from_row)
        .collect::<Result<_, _>>()?;
    Ok((notices, total))
}
