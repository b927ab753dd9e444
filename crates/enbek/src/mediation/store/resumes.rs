//! Resumes (214 p.77; `upsertMyResume`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::placeholders;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, Row)]
pub struct Resume {
    /// Codes of the occupations classifier the person seeks work in (1 to 10).
    #[row(json)]
    pub occupation_codes: Vec<String>,
    #[serde(default)]
    pub experience_years: u32,
    #[serde(default)]
    pub education_level: Option<String>,
    #[serde(default)]
    #[row(json)]
    pub skills: Vec<String>,
    /// The least monthly pay the person accepts.
    #[serde(default)]
    pub desired_salary: Option<u64>,
    /// The working-time regime asked for; none: any.
    #[serde(default)]
    pub work_regime: Option<String>,
    pub locality_code: String,
    #[serde(default)]
    #[row(json)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub willing_to_relocate: bool,
    /// Working conditions the person's health rules out (`heavy_lifting`, `night_work`,
    /// `heights`, `harmful_substances`, `prolonged_standing`, `driving`): never offered such
    /// work; shown to nobody but the person and their career center.
    #[serde(default)]
    #[row(json)]
    pub health_restrictions: Vec<String>,
    /// How far (km, 1 to 200) the person will travel daily from their locality: work in another
    /// district within it is in reach (214 p.2.10).
    #[serde(default)]
    pub commute_km: Option<u32>,
    /// Shown to employers searching resumes, without personal data (206 p.19).
    #[serde(default)]
    pub published: bool,
}

/// A resume with the account it belongs to.
fn with_account(r: &AnyRow) -> Result<(String, Resume), sqlx::Error> {
    Ok((r.text("account_id")?, Resume::from_row(r)?))
}

fn json(v: &impl Serialize) -> Result<String, sqlx::Error> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub async fn upsert(
    tx: &mut Tx,
    account_id: &str,
    r: &Resume,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO resumes (account_id, occupation_codes, experience_years, education_level, skills, desired_salary,
            work_regime, locality_code, district_prefix, languages, willing_to_relocate, published, updated_at,
            health_restrictions, commute_km)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (account_id) DO UPDATE SET occupation_codes = excluded.occupation_codes,
            experience_years = excluded.experience_years, education_level = excluded.education_level,
            skills = excluded.skills, desired_salary = excluded.desired_salary, work_regime = excluded.work_regime,
            locality_code = excluded.locality_code, district_prefix = excluded.district_prefix,
            languages = excluded.languages, willing_to_relocate = excluded.willing_to_relocate,
            published = excluded.published, updated_at = excluded.updated_at,
            health_restrictions = excluded.health_restrictions, commute_km = excluded.commute_km",
    )
    .bind(account_id)
    .bind(json(&r.occupation_codes)?)
    .bind(i64::from(r.experience_years))
    .bind(&r.education_level)
    .bind(json(&r.skills)?)
    .bind(r.desired_salary.map(|v| i64::try_from(v).unwrap_or(i64::MAX)))
    .bind(&r.work_regime)
    .bind(&r.locality_code)
    .bind(r.locality_code.get(..3).unwrap_or_default())
    .bind(json(&r.languages)?)
    .bind(i64::from(r.willing_to_relocate))
    .bind(i64::from(r.published))
    .bind(ts(at))
    .bind(json(&r.health_restrictions)?)
    .bind(r.commute_km.map(i64::from))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_account(pool: &AnyPool, account_id: &str) -> Result<Option<Resume>, sqlx::Error> {
    db::one_by(
        pool,
        "SELECT * FROM resumes WHERE account_id = $1",
        account_id,
    )
    .await
}

/// Up to `limit` resumes after an account (in account order), each with its account.
pub async fn page_after(
    pool: &AnyPool,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<(String, Resume)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM resumes WHERE ($1 IS NULL OR account_id > $1) ORDER BY account_id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(with_account).collect()
}

/// Resumes changed at or after an instant.
pub async fn changed_since(
    pool: &AnyPool,
    since: DateTime<Utc>,
) -> Result<Vec<(String, Resume)>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM resumes WHERE updated_at >= $1")
        .bind(ts(since))
        .fetch_all(pool)
        .await?;
    rows.iter().map(with_account).collect()
}

/// The resumes of the accounts given that have one, in no particular order.
pub async fn by_accounts(
    pool: &AnyPool,
    account_ids: &[&str],
) -> Result<Vec<(String, Resume)>, sqlx::Error> {
    if account_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT * FROM resumes WHERE account_id IN ({})",
        placeholders(account_ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in account_ids {
        q = q.bind(id.to_string());
    }
    q.fetch_all(pool).await?.iter().map(with_account).collect()
}

/// The search of published resumes (214 p.77; 206 p.19).
pub struct ResumeSearch<'a> {
    pub occupation_code: Option<&'a str>,
    /// The first two digits of the region's territory code.
    pub region_prefix: Option<&'a str>,
    /// People who ask at most this pay (or name none).
    pub salary_max: Option<i64>,
    /// People who ask for this regime or for none.
    pub work_regime: Option<&'a str>,
    pub limit: i64,
    pub offset: i64,
}

/// Published resumes, the latest updated first, and how many there are in all.
pub async fn search_published(
    pool: &AnyPool,
    s: &ResumeSearch<'_>,
) -> Result<(Vec<Resume>, i64), sqlx::Error> {
    let filter = "FROM resumes WHERE published = 1
        AND ($1 IS NULL OR occupation_codes LIKE $1)
        AND ($2 IS NULL OR locality_code LIKE $2)
        AND ($3 IS NULL OR desired_salary IS NULL OR desired_salary <= $3)
        AND ($4 IS NULL OR work_regime IS NULL OR work_regime = $4)";
    let occupation = s.occupation_code.map(|c| format!("%\"{c}\"%"));
    let region = s.region_prefix.map(|r| format!("{r}%"));
    let rows = sqlx::query(&format!(
        "SELECT * {filter} ORDER BY updated_at DESC, account_id LIMIT $5 OFFSET $6"
    ))
    .bind(occupation.clone())
    .bind(region.clone())
    .bind(s.salary_max)
    .bind(s.work_regime.map(str::to_string))
    .bind(s.limit)
    .bind(s.offset)
    .fetch_all(pool)
    .await?;
    let total = sqlx::query(&format!("SELECT COUNT(*) AS n {filter}"))
        .bind(occupation)
        .bind(region)
        .bind(s.salary_max)
        .bind(s.work_regime.map(str::to_string))
        .fetch_one(pool)
        .await?
        .int("n")?;
    let found = rows
        .iter()
        .map(Resume::from_row)
        .collect::<Result<_, _>>()?;
    Ok((found, total))
}
