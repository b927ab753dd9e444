//! Employers and their vacancies (214 ch.5 §2).

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::mediation::employer::{Authority, EmployerKind, Verification};
use enbek_domain::mediation::vacancy::{EducationLevel, EmploymentType, VacancyStatus, WorkRegime};
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Employer {
    pub id: String,
    pub bin: String,
    /// `legal_entity` (BIN) or `individual_entrepreneur` (IIN).
    #[schema(value_type = String)]
    pub kind: EmployerKind,
    pub name: String,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    /// The contact address of the employer: its notices also go there by e-mail.
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The registry check: `pending` while the registry has not answered (no vacancies yet),
    /// `verified`, or `refused` with `refusal_code`.
    #[schema(value_type = String)]
    pub verification: Verification,
    pub verified_at: Option<DateTime<Utc>>,
    /// `employer_not_in_registry` when the registry's late answer refused the employer.
    pub refusal_code: Option<String>,
    /// The account that registered the employer (its owner).
    #[serde(skip)]
    pub created_by: String,
    /// By what right the owner acts for it: `entrepreneur`, `head` or `organisation_certificate`.
    #[schema(value_type = Option<String>)]
    pub authority: Option<Authority>,
}

pub async fn insert_employer(tx: &mut Tx, e: &Employer) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO employers (id, bin, kind, name, region_code, district_code, locality_code, created_by, created_at,
            email, verification, verified_at, refusal_code, authority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13)",
    )
    .bind(&e.id)
    .bind(&e.bin)
    .bind(e.kind.as_str())
    .bind(&e.name)
    .bind(&e.region_code)
    .bind(&e.district_code)
    .bind(&e.locality_code)
    .bind(&e.created_by)
    .bind(ts(e.created_at))
    .bind(&e.email)
    .bind(e.verification.as_str())
    .bind(e.verified_at.map(ts))
    .bind(e.authority.map(Authority::as_str))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn employer_by_bin(tx: &mut Tx, bin: &str) -> Result<Option<Employer>, sqlx::Error> {
    db::one_by(&mut **tx, "SELECT * FROM employers WHERE bin = $1", bin).await
}

/// A refused employer's record is taken over by a new registration of its BIN: `e` keeps the
/// record's id. False if it is no longer refused.
pub async fn renew_refused(tx: &mut Tx, e: &Employer) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE employers SET kind = $1, name = $2, region_code = $3, district_code = $4, locality_code = $5,
            created_by = $6, created_at = $7, email = $8, verification = $9, verified_at = $10, refusal_code = NULL,
            authority = $12
         WHERE id = $11 AND verification = 'refused'",
    )
    .bind(e.kind.as_str())
    .bind(&e.name)
    .bind(&e.region_code)
    .bind(&e.district_code)
    .bind(&e.locality_code)
    .bind(&e.created_by)
    .bind(ts(e.created_at))
    .bind(&e.email)
    .bind(e.verification.as_str())
    .bind(e.verified_at.map(ts))
    .bind(&e.id)
    .bind(e.authority.map(Authority::as_str))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The registry's late answer on a pending employer; false if it was no longer pending.
pub async fn settle(
    tx: &mut Tx,
    id: &str,
    verification: Verification,
    refusal_code: Option<&str>,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE employers SET verification = $1, refusal_code = $2, verified_at = $3
         WHERE id = $4 AND verification = 'pending'",
    )
    .bind(verification.as_str())
    .bind(refusal_code)
    .bind((verification == Verification::Verified).then(|| ts(at)))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The accounts acting for an employer (its owner first, then its colleagues) with their
/// language.
pub async fn accounts_of(
    tx: &mut Tx,
    employer_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.locale, CASE WHEN a.id = e.created_by THEN 0 ELSE 1 END AS owner_first
         FROM account_roles r JOIN accounts a ON a.id = r.account_id JOIN employers e ON e.id = r.organization_id
         WHERE r.role = 'employer' AND r.organization_id = $1 AND a.disabled = 0
         ORDER BY owner_first, a.id",
    )
    .bind(employer_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| Ok((r.text("id")?, r.text("locale")?)))
        .collect()
}

/// An account acting for an employer, as its colleagues see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Member {
    pub account_id: String,
    pub login: String,
    /// The account that registered the employer: it stays while the employer does.
    pub owner: bool,
}

/// The accounts acting for an employer: its owner first, then its colleagues by login.
pub async fn members(pool: &AnyPool, employer_id: &str) -> Result<Vec<Member>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.login, e.created_by, CASE WHEN a.id = e.created_by THEN 0 ELSE 1 END AS owner_first
         FROM account_roles r JOIN accounts a ON a.id = r.account_id JOIN employers e ON e.id = r.organization_id
         WHERE r.role = 'employer' AND r.organization_id = $1 AND a.disabled = 0
         ORDER BY owner_first, a.login",
    )
    .bind(employer_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let account_id = r.text("id")?;
            Ok(Member {
                owner: account_id == r.text("created_by")?,
                login: r.text("login")?,
                account_id,
            })
        })
        .collect()
}

pub async fn employer_by_id(pool: &AnyPool, id: &str) -> Result<Option<Employer>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM employers WHERE id = $1", id).await
}

/// The names of the employers `ids` names, by id, in one query (a page of vacancies).
pub async fn employer_names(
    pool: &AnyPool,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    db::all_in(
        pool,
        "SELECT id, name FROM employers WHERE id IN ({list})",
        &[],
        ids,
    )
    .await?
    .iter()
    .map(|r| Ok((r.text("id")?, r.text("name")?)))
    .collect()
}

#[derive(Debug, Clone, Row, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: String,
    pub employer_id: String,
    pub title: String,
    pub occupation_code: String,
    pub positions: i64,
    pub positions_open: i64,
    pub salary_from: i64,
    pub salary_to: Option<i64>,
    pub work_regime: WorkRegime,
    pub employment_type: EmploymentType,
    pub education_level: Option<EducationLevel>,
    pub experience_years: Option<i64>,
    #[row(json)]
    pub skills: Vec<String>,
    /// Working conditions stated (`enbek_domain::mediation::vacancy::WorkCondition` codes).
    #[row(json)]
    pub conditions: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub description: String,
    pub arose_on: NaiveDate,
    pub post_due_at: DateTime<Utc>,
    pub posted_at: DateTime<Utc>,
    pub valid_until: NaiveDate,
    pub status: VacancyStatus,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Vacancy {
    /// The pay a vacancy is filtered and sorted by: its upper bound, or its only figure.
    pub fn pay(&self) -> i64 {
        self.salary_to.unwrap_or(self.salary_from)
    }
}

/// Inserts a vacancy with its folded search texts: `title_text` is the folded title, and
/// `search_text` begins with it (title, skills, description), which the relevance order relies on.
pub async fn insert_vacancy(
    tx: &mut Tx,
    v: &Vacancy,
    title_text: &str,
    search_text: &str,
) -> Result<(), sqlx::Error> {
    let skills = serde_json::to_string(&v.skills).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO vacancies (id, employer_id, title, occupation_code, positions, positions_open, salary_from, salary_to,
            work_regime, employment_type, education_level, experience_years, skills, region_code, district_code,
            locality_code, description, search_text, arose_on, post_due_at, posted_at, valid_until, status, changed_at,
            conditions, title_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $21,
            $24, $25)",
    )
    .bind(&v.id)
    .bind(&v.employer_id)
    .bind(&v.title)
    .bind(&v.occupation_code)
    .bind(v.positions)
    .bind(v.positions_open)
    .bind(v.salary_from)
    .bind(v.salary_to)
    .bind(v.work_regime.code())
    .bind(v.employment_type.code())
    .bind(v.education_level.map(EducationLevel::code))
    .bind(v.experience_years)
    .bind(skills)
    .bind(&v.region_code)
    .bind(&v.district_code)
    .bind(&v.locality_code)
    .bind(&v.description)
    .bind(search_text)
    .bind(day(v.arose_on))
    .bind(ts(v.post_due_at))
    .bind(ts(v.posted_at))
    .bind(day(v.valid_until))
    .bind(v.status.as_str())
    .bind(serde_json::to_string(&v.conditions).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)
    .bind(title_text)
    .execute(&mut **tx)
    .await?;
    stamp(tx, &v.id).await
}

/// Gives a changed vacancy the next revision of the vacancies' counter (`db::next_revision`), which
/// every server's search index follows (`changed_after`).
async fn stamp(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    let revision = db::next_revision(tx, "vacancies").await?;
    sqlx::query("UPDATE vacancies SET revision = $1 WHERE id = $2")
        .bind(revision)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The last revision of the vacancies' counter that is visible.
pub async fn last_revision(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    db::last_revision(pool, "vacancies").await
}

/// Up to `limit` vacancies changed after `revision`, open or not, in the order of their revision,
/// each with its employer's name and its revision.
pub async fn changed_after(
    pool: &AnyPool,
    revision: i64,
    limit: i64,
) -> Result<Vec<(Vacancy, String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT {VACANCY_COLUMNS}, vacancies.revision, employers.name AS employer_name
           FROM vacancies JOIN employers ON employers.id = vacancies.employer_id
          WHERE vacancies.revision > $1 ORDER BY vacancies.revision LIMIT $2"
    );
    let rows = sqlx::query(&sql)
        .bind(revision)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                Vacancy::from_row(r)?,
                r.text("employer_name")?,
                r.int("revision")?,
            ))
        })
        .collect()
}

pub async fn vacancy_by_id(pool: &AnyPool, id: &str) -> Result<Option<Vacancy>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM vacancies WHERE id = $1", id).await
}

/// An employer's vacancies, newest first.
pub async fn vacancies_of(pool: &AnyPool, employer_id: &str) -> Result<Vec<Vacancy>, sqlx::Error> {
    db::all_by(
        pool,
        "SELECT * FROM vacancies WHERE employer_id = $1 ORDER BY posted_at DESC, id",
        employer_id,
    )
    .await
}

/// Changes an open vacancy's terms (all but its id, employer, days and status) with its folded
/// search texts; false when it was not open.
pub async fn update_vacancy(
    tx: &mut Tx,
    v: &Vacancy,
    title_text: &str,
    search_text: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let skills = serde_json::to_string(&v.skills).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let conditions =
        serde_json::to_string(&v.conditions).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query(
        "UPDATE vacancies SET title = $2, occupation_code = $3, positions = $4, positions_open = $5,
            salary_from = $6, salary_to = $7, work_regime = $8, employment_type = $9, education_level = $10,
            experience_years = $11, skills = $12, region_code = $13, district_code = $14, locality_code = $15,
            description = $16, search_text = $17, valid_until = $18, conditions = $19, title_text = $20,
            changed_at = $21
         WHERE id = $1 AND status = 'open'",
    )
    .bind(&v.id)
    .bind(&v.title)
    .bind(&v.occupation_code)
    .bind(v.positions)
    .bind(v.positions_open)
    .bind(v.salary_from)
    .bind(v.salary_to)
    .bind(v.work_regime.code())
    .bind(v.employment_type.code())
    .bind(v.education_level.map(EducationLevel::code))
    .bind(v.experience_years)
    .bind(skills)
    .bind(&v.region_code)
    .bind(&v.district_code)
    .bind(&v.locality_code)
    .bind(&v.description)
    .bind(search_text)
    .bind(day(v.valid_until))
    .bind(conditions)
    .bind(title_text)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    stamped(tx, done.rows_affected() == 1, &v.id).await
}

/// Stamps the vacancy if it `changed`; whether it did.
async fn stamped(tx: &mut Tx, changed: bool, id: &str) -> Result<bool, sqlx::Error> {
    if changed {
        stamp(tx, id).await?;
    }
    Ok(changed)
}

/// Ends an open vacancy; false when it was not open.
pub async fn end_vacancy(
    tx: &mut Tx,
    id: &str,
    status: VacancyStatus,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE vacancies SET status = $1, closed_at = $2, changed_at = $2 WHERE id = $3 AND status = 'open'",
    )
    .bind(status.as_str())
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    stamped(tx, done.rows_affected() == 1, id).await
}

/// The order of a search (`searchVacancies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest first.
    Date,
    /// Highest pay first (the upper bound, or the only figure).
    Salary,
    /// The most relevant first, then the newest (see `relevance`).
    Relevance,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "date" => Some(Sort::Date),
            "salary" => Some(Sort::Salary),
            "relevance" => Some(Sort::Relevance),
            _ => None,
        }
    }
}

/// Points for a query word found in the title, and for one found in the rest (skills,
/// description): a title match counts more, and a word found in both counts both.
const TITLE_POINTS: i64 = 2;
const TEXT_POINTS: i64 = 1;

/// The parameters bound before the words: `$1` to `$FIXED`.
const FIXED: usize = 8;

/// At most this many words of a query are looked for.
pub const MOST_WORDS: usize = 10;

/// The relevance of a vacancy to the words bound after the fixed parameters, as one SQL
/// expression that SQLite and PostgreSQL read alike: for each word, `TITLE_POINTS` if it occurs
/// in the folded title, plus `TEXT_POINTS` if it occurs in the rest of the search text (which
/// follows the title). Every word occurs somewhere (the filter asks it), so the more words the
/// title holds, and the more words occur in both, the higher the vacancy. None without words (a
/// constant in ORDER BY would name a column).
fn relevance(words: usize) -> Option<String> {
    if words == 0 {
        return None;
    }
    let terms: Vec<String> = (0..words)
        .map(|i| {
            let p = i + FIXED + 1;
            format!(
                "(CASE WHEN title_text LIKE ${p} THEN {TITLE_POINTS} ELSE 0 END) \
                 + (CASE WHEN SUBSTR(search_text, LENGTH(title_text) + 1) LIKE ${p} THEN {TEXT_POINTS} ELSE 0 END)"
            )
        })
        .collect();
    Some(terms.join(" + "))
}

/// The search of open vacancies (`searchVacancies`; 214 p.77), as the vacancy index and the
/// database both answer it. Its debug form names every value: the index remembers its answers
/// by it.
#[derive(Debug, Clone)]
pub struct Search<'a> {
    /// The query as asked (the vacancy index reads its words itself).
    pub q: Option<&'a str>,
    /// Folded stems of the query's words, each of which must occur (the database's search).
    pub words: Vec<String>,
    pub region_code: Option<&'a str>,
    pub district_code: Option<&'a str>,
    /// An occupation's code or a group's: the occupations within it are found too.
    pub occupation_code: Option<&'a str>,
    pub salary_min: Option<i64>,
    pub work_regime: Option<&'a str>,
    pub employment_type: Option<&'a str>,
    /// Vacancies posted at or after this instant.
    pub posted_since: Option<DateTime<Utc>>,
    /// Only those after this one in the order (search-after; the date and salary orders).
    pub after: Option<After>,
    pub sort: Sort,
    pub today: NaiveDate,
    pub limit: i64,
    pub offset: i64,
}

/// Where a page read by search-after begins: just after the vacancy whose sort values these are,
/// in the order `posted_at DESC, id DESC` (`Sort::Date`), after `pay DESC` when `pay` is given
/// (`Sort::Salary`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub pay: Option<i64>,
    pub posted_at: DateTime<Utc>,
    pub id: String,
}

impl After {
    /// The place just after `v` in the order `sort` (the date order but for `Sort::Salary`).
    pub fn of(v: &Vacancy, sort: Sort) -> After {
        After {
            pay: (sort == Sort::Salary).then(|| v.pay()),
            posted_at: v.posted_at,
            id: v.id.clone(),
        }
    }
}

/// A filter of the search whose values a visitor may count: how many vacancies each value would
/// find (`countVacancyFacets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Region,
    District,
    WorkRegime,
    EmploymentType,
}

impl Facet {
    pub const ALL: [Facet; 4] = [
        Facet::Region,
        Facet::District,
        Facet::WorkRegime,
        Facet::EmploymentType,
    ];

    /// The column (and the search parameter) it counts by.
    pub fn column(self) -> &'static str {
        match self {
            Facet::Region => "region_code",
            Facet::District => "district_code",
            Facet::WorkRegime => "work_regime",
            Facet::EmploymentType => "employment_type",
        }
    }
}

/// How many vacancies a search finds in all, and with each value of each facet.
#[derive(Clone)]
pub struct FacetCounts {
    pub total: i64,
    /// Each facet's values with their counts, none with no vacancy, in no particular order.
    pub facets: Vec<(Facet, Vec<(String, i64)>)>,
}

impl<'a> Search<'a> {
    /// The same search from its first page: without its cursor.
    pub fn from_first(&self) -> Search<'a> {
        Search {
            after: None,
            ..self.clone()
        }
    }

    /// Whether the search keeps only some values of `facet`.
    pub fn filters_on(&self, facet: Facet) -> bool {
        match facet {
            Facet::Region => self.region_code.is_some(),
            Facet::District => self.district_code.is_some(),
            Facet::WorkRegime => self.work_regime.is_some(),
            Facet::EmploymentType => self.employment_type.is_some(),
        }
    }

    /// The same search without its own filter on `facet`: its values are counted under the
    /// other filters, so that each count is what choosing that value instead would find.
    pub fn without(&self, facet: Facet) -> Search<'a> {
        let mut s = self.clone();
        match facet {
            Facet::Region => s.region_code = None,
            Facet::District => s.district_code = None,
            Facet::WorkRegime => s.work_regime = None,
            Facet::EmploymentType => s.employment_type = None,
        }
        s
    }
}

/// `FROM … WHERE …` of a search: its parameters are bound by `bind_search`, `$1` to `$FIXED`,
/// one for each word after them, then the cursor's (`bound` in all).
fn search_filter(s: &Search<'_>) -> String {
    let mut filter = String::from(
        " FROM vacancies WHERE status = 'open' AND valid_until >= $1
           AND ($2 IS NULL OR region_code = $2) AND ($3 IS NULL OR occupation_code LIKE $3)
           AND ($4 IS NULL OR COALESCE(salary_to, salary_from) >= $4) AND ($5 IS NULL OR work_regime = $5)
           AND ($6 IS NULL OR district_code = $6) AND ($7 IS NULL OR employment_type = $7)
           AND ($8 IS NULL OR posted_at >= $8)",
    );
    for i in 0..s.words.len() {
        filter.push_str(&format!(" AND search_text LIKE ${}", i + FIXED + 1));
    }
    if let Some(after) = &s.after {
        let p = FIXED + s.words.len();
        let (at, id) = (p + 1, p + 2);
        let older = format!("(posted_at < ${at} OR (posted_at = ${at} AND id < ${id}))");
        match after.pay {
            Some(_) => {
                let pay = p + 3;
                filter.push_str(&format!(
                    " AND (COALESCE(salary_to, salary_from) < ${pay} \
                       OR (COALESCE(salary_to, salary_from) = ${pay} AND {older}))"
                ));
            }
            None => filter.push_str(&format!(" AND {older}")),
        }
    }
    filter
}

/// How many parameters `bind_search` binds.
fn bound(s: &Search<'_>) -> usize {
    let after = s
        .after
        .as_ref()
        .map_or(0, |a| 2 + usize::from(a.pay.is_some()));
    FIXED + s.words.len() + after
}

/// The database's search: every open vacancy read for its words (the vacancy index answers
/// instead once built; docs/BENCHMARKS.md compares the two).
pub async fn search(pool: &AnyPool, s: &Search<'_>) -> Result<(Vec<Vacancy>, i64), sqlx::Error> {
    let filter = search_filter(s);
    let order = match s.sort {
        // The newest first among equals: by posting instant, then by id (ids are time-ordered),
        // the order the vacancy index keeps them in.
        Sort::Salary => {
            "COALESCE(salary_to, salary_from) DESC, posted_at DESC, id DESC".to_string()
        }
        Sort::Date => "posted_at DESC, id DESC".to_string(),
        Sort::Relevance => match relevance(s.words.len()) {
            Some(score) => format!("({score}) DESC, posted_at DESC, id DESC"),
            None => "posted_at DESC, id DESC".to_string(),
        },
    };
    let n = bound(s);
    let page_sql = format!(
        "SELECT *{filter} ORDER BY {order} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let total = count(pool, s).await?;
    let rows = bind_search(sqlx::query(&page_sql), s)
        .bind(s.limit)
        .bind(s.offset)
        .fetch_all(pool)
        .await?;
    Ok((
        rows.iter()
            .map(Vacancy::from_row)
            .collect::<Result<_, _>>()?,
        total,
    ))
}

/// How many vacancies the database's search finds, from its first page (whatever its cursor).
pub async fn count(pool: &AnyPool, s: &Search<'_>) -> Result<i64, sqlx::Error> {
    let s = s.from_first();
    let sql = format!("SELECT COUNT(*) AS n{}", search_filter(&s));
    bind_search(sqlx::query(&sql), &s)
        .fetch_one(pool)
        .await?
        .int("n")
}

/// How many vacancies the database's search finds with each value of `facet`, its own filter
/// left out (`Search::without`); values that find none are not listed.
pub async fn facet_counts(
    pool: &AnyPool,
    s: &Search<'_>,
    facet: Facet,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let s = s.without(facet);
    let column = facet.column();
    let sql = format!(
        "SELECT {column} AS code, COUNT(*) AS n{} GROUP BY {column}",
        search_filter(&s)
    );
    bind_search(sqlx::query(&sql), &s)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.text("code")?, r.int("n")?)))
        .collect()
}

/// Whether the search finds this vacancy (a saved search and a new vacancy): the same filter,
/// narrowed to one id.
pub async fn search_includes(
    pool: &AnyPool,
    vacancy_id: &str,
    s: &Search<'_>,
) -> Result<bool, sqlx::Error> {
    let sql = format!("SELECT id{} AND id = ${}", search_filter(s), bound(s) + 1);
    let found = bind_search(sqlx::query(&sql), s)
        .bind(vacancy_id.to_string())
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_search<'q>(q: AnyQuery<'q>, s: &Search<'_>) -> AnyQuery<'q> {
    let mut q = q
        .bind(day(s.today))
        .bind(s.region_code.map(str::to_string))
        .bind(s.occupation_code.map(|c| format!("{c}%")))
        .bind(s.salary_min)
        .bind(s.work_regime.map(str::to_string))
        .bind(s.district_code.map(str::to_string))
        .bind(s.employment_type.map(str::to_string))
        .bind(s.posted_since.map(ts));
    for w in &s.words {
        q = q.bind(format!("%{w}%"));
    }
    if let Some(after) = &s.after {
        q = q.bind(ts(after.posted_at)).bind(after.id.clone());
        if let Some(pay) = after.pay {
            q = q.bind(pay);
        }
    }
    q
}

/// The vacancies of the ids given that exist, in no particular order.
pub async fn vacancies_by_ids(pool: &AnyPool, ids: &[&str]) -> Result<Vec<Vacancy>, sqlx::Error> {
    db::all_in(
        pool,
        "SELECT * FROM vacancies WHERE id IN ({list})",
        &[],
        ids,
    )
    .await?
    .iter()
    .map(Vacancy::from_row)
    .collect()
}

/// Vacancies changed (posted, filled, closed) at or after an instant, open or not.
pub async fn vacancies_changed_since(
    pool: &AnyPool,
    since: DateTime<Utc>,
) -> Result<Vec<Vacancy>, sqlx::Error> {
    db::all_by(
        pool,
        "SELECT * FROM vacancies WHERE changed_at >= $1",
        ts(since),
    )
    .await
}

/// How many vacancies are open on `today` (the open-data listing's total, 206 p.19).
pub async fn open_count(pool: &AnyPool, today: NaiveDate) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM vacancies WHERE status = 'open' AND valid_until >= $1")
        .bind(day(today))
        .fetch_one(pool)
        .await?
        .int("n")
}

/// A walk through every vacancy open on a day, newest first (the order the listing shows them, so
/// an index built from it keeps them in that order), a batch of rows at a time with their
/// employers' names, from a cursor (so it neither skips nor repeats while vacancies open and
/// close).
pub struct OpenWalk {
    today: NaiveDate,
    batch: i64,
    cursor: Option<(DateTime<Utc>, String)>,
}

impl OpenWalk {
    pub fn new(today: NaiveDate, batch: i64) -> OpenWalk {
        OpenWalk {
            today,
            batch,
            cursor: None,
        }
    }

    /// The next batch; None once every one was read.
    pub async fn next(
        &mut self,
        pool: &AnyPool,
    ) -> Result<Option<Vec<(Vacancy, String)>>, sqlx::Error> {
        let from = self.cursor.as_ref().map(|(at, id)| (*at, id.as_str()));
        let rows = open_from(
            pool,
            self.today,
            from,
            Direction::NewestFirst,
            self.batch,
            0,
        )
        .await?;
        let Some((last, _)) = rows.last() else {
            return Ok(None);
        };
        self.cursor = Some((last.posted_at, last.id.clone()));
        Ok(Some(rows))
    }
}

/// `limit` of the vacancies open on `today` after the first `offset` that follow a cursor (the
/// last one's posting instant and id), oldest first, each with its employer's name. After a
/// cursor: those posted after its one (then by id), whatever opened or closed before it since.
pub async fn open_after(
    pool: &AnyPool,
    today: NaiveDate,
    after: Option<(DateTime<Utc>, &str)>,
    limit: i64,
    offset: i64,
) -> Result<Vec<(Vacancy, String)>, sqlx::Error> {
    open_from(pool, today, after, Direction::OldestFirst, limit, offset).await
}

/// The order of a walk through the open vacancies: by posting instant, then id.
#[derive(Clone, Copy)]
enum Direction {
    OldestFirst,
    NewestFirst,
}

/// `limit` of the vacancies open on `today` that come after a cursor in a direction, after the
/// first `offset`, each with its employer's name.
async fn open_from(
    pool: &AnyPool,
    today: NaiveDate,
    after: Option<(DateTime<Utc>, &str)>,
    direction: Direction,
    limit: i64,
    offset: i64,
) -> Result<Vec<(Vacancy, String)>, sqlx::Error> {
    let (beyond, order) = match direction {
        Direction::OldestFirst => (">", "ASC"),
        Direction::NewestFirst => ("<", "DESC"),
    };
    let sql = format!(
        "SELECT {VACANCY_COLUMNS}, employers.name AS employer_name
           FROM vacancies JOIN employers ON employers.id = vacancies.employer_id
          WHERE vacancies.status = 'open' AND vacancies.valid_until >= $1
            AND ($4 IS NULL OR vacancies.posted_at {beyond} $4
                 OR (vacancies.posted_at = $4 AND vacancies.id {beyond} $5))
          ORDER BY vacancies.posted_at {order}, vacancies.id {order} LIMIT $2 OFFSET $3"
    );
    let rows = sqlx::query(&sql)
        .bind(day(today))
        .bind(limit)
        .bind(offset)
        .bind(after.map(|(at, _)| ts(at)))
        .bind(after.map(|(_, id)| id))
        .fetch_all(pool)
        .await?;
    named_rows(&rows)
}

/// The columns of a `Vacancy` (not the folded search texts, which a page does not show).
const VACANCY_COLUMNS: &str = "vacancies.id, vacancies.employer_id, vacancies.title,
    vacancies.occupation_code, vacancies.positions, vacancies.positions_open, vacancies.salary_from,
    vacancies.salary_to, vacancies.work_regime, vacancies.employment_type, vacancies.education_level,
    vacancies.experience_years, vacancies.skills, vacancies.conditions, vacancies.region_code,
    vacancies.district_code, vacancies.locality_code, vacancies.description, vacancies.arose_on,
    vacancies.post_due_at, vacancies.posted_at, vacancies.valid_until, vacancies.status,
    vacancies.closed_at";

fn named_rows(rows: &[sqlx::any::AnyRow]) -> Result<Vec<(Vacancy, String)>, sqlx::Error> {
    rows.iter()
        .map(|r| Ok((Vacancy::from_row(r)?, r.text("employer_name")?)))
        .collect()
}

/// One position filled by a hire; the vacancy is `filled` with its last one (214 p.76). False
/// when no position was open.
pub async fn fill_position(tx: &mut Tx, id: &str, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE vacancies SET positions_open = positions_open - 1, changed_at = $2 WHERE id = $1 AND status = 'open' AND positions_open > 0",
    )
    .bind(id)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE vacancies SET status = $1, closed_at = $2 WHERE id = $3 AND status = 'open' AND positions_open = 0")
        .bind(VacancyStatus::Filled.as_str())
        .bind(ts(at))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    stamped(tx, done.rows_affected() == 1, id).await
}
