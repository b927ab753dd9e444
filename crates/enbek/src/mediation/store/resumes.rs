//! Resumes (214 p.77; `upsertMyResume`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::AnyPool;

use crate::platform::db;

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

/// Stores a resume with its folded search text (`search_text`: its occupations' names and its
/// skills) and gives it the next revision of the resumes' counter, which every server's resume
/// index follows (`changed_after`).
pub async fn upsert(
    tx: &mut Tx,
    account_id: &str,
    r: &Resume,
    search_text: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let revision = db::next_revision(tx, "resumes").await?;
    sqlx::query(
        "INSERT INTO resumes (account_id, occupation_codes, experience_years, education_level, skills, desired_salary,
            work_regime, locality_code, district_prefix, languages, willing_to_relocate, published, updated_at,
            health_restrictions, commute_km, search_text, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (account_id) DO UPDATE SET occupation_codes = excluded.occupation_codes,
            experience_years = excluded.experience_years, education_level = excluded.education_level,
            skills = excluded.skills, desired_salary = excluded.desired_salary, work_regime = excluded.work_regime,
            locality_code = excluded.locality_code, district_prefix = excluded.district_prefix,
            languages = excluded.languages, willing_to_relocate = excluded.willing_to_relocate,
            published = excluded.published, updated_at = excluded.updated_at,
            health_restrictions = excluded.health_restrictions, commute_km = excluded.commute_km,
            search_text = excluded.search_text, revision = excluded.revision",
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
    .bind(search_text)
    .bind(revision)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets a resume's folded search text and gives it the next revision of the resumes' counter.
pub async fn set_search_text(
    tx: &mut Tx,
    account_id: &str,
    search_text: &str,
) -> Result<(), sqlx::Error> {
    let revision = db::next_revision(tx, "resumes").await?;
    sqlx::query("UPDATE resumes SET search_text = $1, revision = $2 WHERE account_id = $3")
        .bind(search_text)
        .bind(revision)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Up to `limit` resumes saved before they had a search text (migration 0036), each with its
/// account.
pub async fn without_search_text(
    pool: &AnyPool,
    limit: i64,
) -> Result<Vec<(String, Resume)>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT * FROM resumes WHERE search_text IS NULL ORDER BY account_id LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await?;
    rows.iter().map(with_account).collect()
}

/// A resume as the resume index keeps it: with its account, when it was last saved and its
/// search text.
pub struct Indexed {
    pub account_id: String,
    pub resume: Resume,
    pub updated_at: DateTime<Utc>,
    pub search_text: String,
}

fn indexed(r: &AnyRow) -> Result<Indexed, sqlx::Error> {
    Ok(Indexed {
        account_id: r.text("account_id")?,
        resume: Resume::from_row(r)?,
        updated_at: r.instant("updated_at")?,
        search_text: r.opt_text("search_text")?.unwrap_or_default(),
    })
}

/// The last revision of the resumes' counter that is visible.
pub async fn last_revision(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    db::last_revision(pool, "resumes").await
}

/// Up to `limit` resumes changed after `revision`, published or not, in the order of their
/// revision, each with its revision.
pub async fn changed_after(
    pool: &AnyPool,
    revision: i64,
    limit: i64,
) -> Result<Vec<(Indexed, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM resumes WHERE revision > $1 ORDER BY revision LIMIT $2")
        .bind(revision)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| Ok((indexed(r)?, r.int("revision")?)))
        .collect()
}

/// Up to `limit` published resumes after an account, in account order.
pub async fn published_after(
    pool: &AnyPool,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Indexed>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM resumes WHERE published = 1 AND ($1 IS NULL OR account_id > $1)
          ORDER BY account_id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(indexed).collect()
}

/// Whether the account has a resume, in the caller's transaction.
pub async fn exists_for(tx: &mut Tx, account_id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT 1 AS one FROM resumes WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.is_some())
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
    db::all_in(
        pool,
        "SELECT * FROM resumes WHERE account_id IN ({list})",
        &[],
        account_ids,
    )
    .await?
    .iter()
    .map(with_account)
    .collect()
}

/// A published resume's place in the search's order: the latest saved first, then by account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub updated_at: DateTime<Utc>,
    pub account_id: String,
}

/// The search of published resumes (214 p.77; 206 p.19), as the resume index and the database
/// both answer it. Its debug form names every value: the index remembers its answers by it.
#[derive(Debug, Clone)]
pub struct ResumeSearch<'a> {
    /// The query as asked (the resume index reads its words itself).
    pub q: Option<&'a str>,
    /// Folded stems of the query's words, each of which must occur in the search text (the
    /// database's search).
    pub words: Vec<String>,
    pub occupation_code: Option<&'a str>,
    /// The first two digits of the region's territory code.
    pub region_prefix: Option<&'a str>,
    /// People who ask at most this pay (or name none).
    pub salary_max: Option<i64>,
    /// People who ask for this regime or for none.
    pub work_regime: Option<&'a str>,
    /// Only those after this place in the order (search-after).
    pub after: Option<Place>,
    pub limit: i64,
    pub offset: i64,
}

impl<'a> ResumeSearch<'a> {
    /// The same search from its first page: without its cursor.
    pub fn from_first(&self) -> ResumeSearch<'a> {
        ResumeSearch {
            after: None,
            ..self.clone()
        }
    }
}

/// A page of the published resumes a search finds, the latest saved first (then by account),
/// each with its place, and how many the search finds in all, whatever its cursor.
pub async fn search_published(
    pool: &AnyPool,
    s: &ResumeSearch<'_>,
) -> Result<(Vec<(Place, Resume)>, i64), sqlx::Error> {
    let mut filter = String::from(
        "FROM resumes WHERE published = 1
        AND ($1 IS NULL OR occupation_codes LIKE $1)
        AND ($2 IS NULL OR locality_code LIKE $2)
        AND ($3 IS NULL OR desired_salary IS NULL OR desired_salary <= $3)
        AND ($4 IS NULL OR work_regime IS NULL OR work_regime = $4)",
    );
    for i in 0..s.words.len() {
        filter.push_str(&format!(" AND search_text LIKE ${}", i + 5));
    }
    let occupation = s.occupation_code.map(|c| format!("%\"{c}\"%"));
    let region = s.region_prefix.map(|r| format!("{r}%"));
    let bind = |sql| {
        let mut q = sqlx::query(sql)
            .bind(occupation.clone())
            .bind(region.clone())
            .bind(s.salary_max)
            .bind(s.work_regime.map(str::to_string));
        for word in &s.words {
            q = q.bind(format!("%{word}%"));
        }
        q
    };
    let count = format!("SELECT COUNT(*) AS n {filter}");
    let total = bind(&count).fetch_one(pool).await?.int("n")?;
    let mut next = s.words.len() + 5;
    let mut param = || {
        next += 1;
        next - 1
    };
    let mut page = format!("SELECT * {filter}");
    if s.after.is_some() {
        let (at, account) = (param(), param());
        page.push_str(&format!(
            " AND (updated_at < ${at} OR (updated_at = ${at} AND account_id > ${account}))"
        ));
    }
    let (limit, offset) = (param(), param());
    page.push_str(&format!(
        " ORDER BY updated_at DESC, account_id LIMIT ${limit} OFFSET ${offset}"
    ));
    let mut q = bind(&page);
    if let Some(after) = &s.after {
        q = q.bind(ts(after.updated_at)).bind(after.account_id.clone());
    }
    let rows = q.bind(s.limit).bind(s.offset).fetch_all(pool).await?;
    let found = rows
        .iter()
        .map(|r| {
            let place = Place {
                updated_at: r.instant("updated_at")?,
                account_id: r.text("account_id")?,
            };
            Ok((place, Resume::from_row(r)?))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((found, total))
}
