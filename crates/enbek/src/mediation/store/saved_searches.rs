//! Saved vacancy searches and the vacancies each has told its owner of (214 p.77).

use chrono::{DateTime, Utc};
use enbek_domain::mediation::vacancy::WorkRegime;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

/// A saved search: the filters of `searchVacancies`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct SavedSearch {
    pub id: String,
    #[serde(skip)]
    pub account_id: String,
    pub q: Option<String>,
    /// The query's words as searched: folded, endings taken off.
    #[serde(skip)]
    #[row(json)]
    pub words: Vec<String>,
    pub region_code: Option<String>,
    pub occupation_code: Option<String>,
    pub salary_min: Option<i64>,
    #[schema(value_type = Option<String>)]
    pub work_regime: Option<WorkRegime>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, s: &SavedSearch) -> Result<(), sqlx::Error> {
    let words = serde_json::to_string(&s.words).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO saved_searches (id, account_id, q, words, region_code, occupation_code, salary_min, work_regime, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&s.id)
    .bind(&s.account_id)
    .bind(&s.q)
    .bind(words)
    .bind(&s.region_code)
    .bind(&s.occupation_code)
    .bind(s.salary_min)
    .bind(s.work_regime.map(WorkRegime::code))
    .bind(ts(s.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How many searches an account has saved.
pub async fn count_for(tx: &mut Tx, account_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM saved_searches WHERE account_id = $1")
        .bind(account_id)
        .fetch_one(&mut **tx)
        .await?
        .int("n")
}

pub async fn list_for(pool: &AnyPool, account_id: &str) -> Result<Vec<SavedSearch>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT * FROM saved_searches WHERE account_id = $1 ORDER BY created_at, id")
            .bind(account_id)
            .fetch_all(pool)
            .await?;
    rows.iter().map(SavedSearch::from_row).collect()
}

/// Deletes an account's own search with what it matched; false when it has none with this id.
pub async fn delete(tx: &mut Tx, id: &str, account_id: &str) -> Result<bool, sqlx::Error> {
    let owned = sqlx::query("SELECT id FROM saved_searches WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .fetch_optional(&mut **tx)
        .await?;
    if owned.is_none() {
        return Ok(false);
    }
    sqlx::query("DELETE FROM saved_search_hits WHERE search_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM saved_searches WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// The searches that have not yet told their owner of a vacancy, with the owner's language.
pub async fn not_told_of(
    pool: &AnyPool,
    vacancy_id: &str,
) -> Result<Vec<(SavedSearch, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.*, a.locale FROM saved_searches s JOIN accounts a ON a.id = s.account_id
         WHERE NOT EXISTS (SELECT 1 FROM saved_search_hits h WHERE h.search_id = s.id AND h.vacancy_id = $1)
         ORDER BY s.id",
    )
    .bind(vacancy_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| Ok((SavedSearch::from_row(r)?, r.text("locale")?)))
        .collect()
}

/// Records that a search told its owner of a vacancy; false when it already had.
pub async fn record_hit(
    tx: &mut Tx,
    search_id: &str,
    vacancy_id: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO saved_search_hits (search_id, vacancy_id, notified_at) VALUES ($1, $2, $3)
         ON CONFLICT (search_id, vacancy_id) DO NOTHING",
    )
    .bind(search_id)
    .bind(vacancy_id)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
