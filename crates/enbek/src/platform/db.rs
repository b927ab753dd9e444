//! Storage: SQLite or PostgreSQL, chosen at run time from the URL.
//!
//! On PostgreSQL one pool serves reads and transactions. On SQLite (WAL: readers never wait for
//! the writer, nor it for them) reads go to a pool of readers and every transaction to the one
//! writer connection, begun `IMMEDIATE` so that it holds the write lock from its first statement
//! (a deferred one could find its snapshot stale when it first writes). A single statement that
//! writes outside a transaction may still use the readers' pool: SQLite's busy timeout makes it
//! wait its turn. Inside a transaction, read and write through the transaction only.
//!
//! Departure from the per-backend trait of STYLE.md: the schema and every query are written once
//! in the SQL both engines accept (text ids and instants, `$N` placeholders, `RETURNING`,
//! partial unique indexes), and the same test suite runs on both. The two migration trees can
//! therefore never drift, and no query exists twice.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row as _, ValueRef as _};

use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::delivery::{DeliveryStatus, Destination, NoticeChannel};
use enbek_domain::ids::Sex;
use enbek_domain::measures::subsidised::Measure;
use enbek_domain::mediation::employer::{Authority, EmployerKind, InvitationStatus, Verification};
use enbek_domain::mediation::offer::OfferStatus;
use enbek_domain::mediation::vacancy::{EducationLevel, EmploymentType, VacancyStatus, WorkRegime};
use enbek_domain::reference::calendar::DayKind;
use enbek_domain::registration::category::Category;
use enbek_domain::registration::jobloss::ApplicationStatus;
use enbek_domain::registration::plan::{Action, ItemKind};
use enbek_domain::registration::unemployment::{Circumstance, CircumstanceSource, Deregistration};
use enbek_domain::registration::{Channel, Status};

use crate::platform::http::lang::Lang;
use std::path::Path;

/// A transaction, with the rows of some inserts kept for its commit (`insert_at_commit`): the
/// audit entries and the due work of one change are written as it commits, one insert a table,
/// rather than a statement each. Everything else reads and writes through the connection it
/// holds (`&mut **tx`), in order.
pub struct Tx {
    inner: sqlx::Transaction<'static, sqlx::Any>,
    kept: Vec<Kept>,
}

/// An insert whose rows a transaction keeps for its commit: the statement before `VALUES`, what
/// follows the rows (`ON CONFLICT …`), and how many values a row has.
pub struct Insert {
    pub into: &'static str,
    pub then: &'static str,
    pub columns: usize,
}

/// The rows kept of one insert, their values in order.
struct Kept {
    insert: &'static Insert,
    values: Vec<Option<String>>,
}

/// Rows one kept insert writes at most in a statement (8 values each at most here: far below
/// either engine's limit of bound values).
const KEPT_ROWS: usize = 500;

impl Tx {
    /// Keeps a row of `insert`, written when the transaction commits.
    pub fn insert_at_commit(&mut self, insert: &'static Insert, row: Vec<Option<String>>) {
        debug_assert_eq!(row.len(), insert.columns);
        match self
            .kept
            .iter_mut()
            .find(|k| std::ptr::eq(k.insert, insert))
        {
            Some(kept) => kept.values.extend(row),
            None => self.kept.push(Kept {
                insert,
                values: row,
            }),
        }
    }

    /// Writes the rows kept, then commits.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        for kept in std::mem::take(&mut self.kept) {
            let columns = kept.insert.columns;
            for chunk in kept.values.chunks(KEPT_ROWS * columns) {
                let sql = format!(
                    "{} VALUES {} {}",
                    kept.insert.into,
                    value_rows(chunk.len() / columns, columns),
                    kept.insert.then
                );
                let mut query = sqlx::query(&sql);
                for value in chunk {
                    query = query.bind(value.as_deref());
                }
                query.execute(&mut *self.inner).await?;
            }
        }
        self.inner.commit().await
    }

    /// Rolls back: nothing kept is written.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;

    fn deref(&self) -> &sqlx::AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.inner
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    /// Reads (and single writing statements): SQLite's readers, or PostgreSQL's pool.
    pub pool: AnyPool,
    /// Where transactions run: SQLite's one writer, or PostgreSQL's pool again.
    writer: AnyPool,
    pub backend: Backend,
}

/// SQLite's readers beside its writer: enough for the requests a server serves at once on this
/// kind of machine; each is a file handle and a page cache.
const SQLITE_READERS: u32 = 8;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Db {
    /// Connects to `url` (`sqlite://PATH` or `postgres://…`), creating an SQLite file and its
    /// folder if missing, and applies the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://");
        };
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let (pool, writer) = match backend {
            Backend::Sqlite => {
                // The writer first: it creates the file and turns WAL on for all.
                let writer = sqlite_options(1)
                    .connect(&url)
                    .await
                    .context("connecting to the database")?;
                MIGRATOR.run(&writer).await.context("applying migrations")?;
                let readers = sqlite_options(SQLITE_READERS)
                    .connect(&url)
                    .await
                    .context("connecting the readers to the database")?;
                (readers, writer)
            }
            Backend::Postgres => {
                let pool = pool_options(16)
                    .connect(&url)
                    .await
                    .context("connecting to the database")?;
                MIGRATOR.run(&pool).await.context("applying migrations")?;
                (pool.clone(), pool)
            }
        };
        Ok(Db {
            pool,
            writer,
            backend,
        })
    }

    /// A transaction: on SQLite the writer's, holding the write lock from its start.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let inner = match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.writer.begin().await?,
        };
        Ok(Tx {
            inner,
            kept: Vec::new(),
        })
    }

    /// Refreshes SQLite's statistics of the tables for the query planner (`PRAGMA optimize`,
    /// which analyses what has changed enough since); nothing on PostgreSQL, whose autovacuum
    /// does it.
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA optimize").execute(&self.writer).await?;
        }
        Ok(())
    }
}

/// How long a pooled connection may have been idle and still be handed out without a ping: one
/// used this recently is alive. A connection idle longer is pinged first (a round trip), and one
/// the database dropped meanwhile is replaced rather than failing a request. A ping at every
/// acquire, the pool's default, cost a round trip for each statement run outside a transaction.
const TRUSTED_IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether a connection idle for `idle_for` is handed out without a ping (`TRUSTED_IDLE`).
fn trusted(idle_for: std::time::Duration) -> bool {
    idle_for < TRUSTED_IDLE
}

/// The options of a pool of `connections`, pinging only the connections idle for a while.
fn pool_options(connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(connections)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                Ok(trusted(meta.idle_for) || sqlx::Connection::ping(conn).await.is_ok())
            })
        })
}

/// The options of an SQLite pool of `connections`: WAL, foreign keys, a busy timeout for a
/// writer's turn, and the synchronous level WAL makes safe.
fn sqlite_options(connections: u32) -> AnyPoolOptions {
    pool_options(connections).after_connect(|conn, _| {
        Box::pin(async move {
            for pragma in [
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=5000",
                "PRAGMA synchronous=NORMAL",
            ] {
                sqlx::query(pragma).execute(&mut *conn).await?;
            }
            Ok(())
        })
    })
}

fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        anyhow::bail!("an SQLite DATABASE_URL must name a file");
    }
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(if rest.contains("mode=") {
        format!("sqlite://{rest}")
    } else if rest.contains('?') {
        format!("sqlite://{rest}&mode=rwc")
    } else {
        format!("sqlite://{rest}?mode=rwc")
    })
}

/// The next revision of a change counter (migrations 0033, 0036), taken in the transaction that
/// makes the change: the counter's row stays locked until the transaction ends, so revisions
/// become visible in their order and a reader that has seen revision n has only to read the rows
/// above it.
pub async fn next_revision(tx: &mut Tx, counter: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("UPDATE change_counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .bind(counter)
        .fetch_one(&mut **tx)
        .await?
        .int("value")
}

/// The last revision of a change counter that is visible.
pub async fn last_revision(pool: &AnyPool, counter: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT value FROM change_counters WHERE name = $1")
        .bind(counter)
        .fetch_one(pool)
        .await?
        .int("value")
}

/// A database of a unit test's own: SQLite in a fresh directory, removed when dropped.
#[cfg(test)]
pub struct Scratch {
    pub db: Db,
    dir: std::path::PathBuf,
}

#[cfg(test)]
impl Scratch {
    pub async fn new() -> Scratch {
        let dir = std::env::temp_dir().join(format!("enbek-scratch-{}", uuid::Uuid::new_v4()));
        let db = Db::connect(&format!("sqlite://{}/enbek.db", dir.display()))
            .await
            .expect("a scratch database");
        Scratch { db, dir }
    }
}

#[cfg(test)]
impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A new time-ordered identifier.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// An instant as stored: RFC 3339 UTC, microseconds, fixed width (so text order is time order).
pub fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_ts(s: &str) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn parse_day(s: &str) -> Result<NaiveDate, sqlx::Error> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// A struct read from one row of either backend, each field from the column of its name:
/// `#[derive(Row)]` writes the reading (see the `enbek-row` crate for its attributes).
pub trait Row: Sized {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error>;
}

pub use enbek_row::Row;

/// The row the query selects by its one argument (an id, a key), read as `T`; none when no row
/// matches.
pub async fn one_by<'e, T, A, E>(ex: E, sql: &'e str, arg: A) -> Result<Option<T>, sqlx::Error>
where
    T: Row,
    A: 'e + sqlx::Encode<'e, sqlx::Any> + sqlx::Type<sqlx::Any> + Send,
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(sql).bind(arg).fetch_optional(ex).await?;
    row.as_ref().map(T::from_row).transpose()
}

/// Every row the query selects by its one argument, read as `T`, in the query's order.
pub async fn all_by<'e, T, A, E>(ex: E, sql: &'e str, arg: A) -> Result<Vec<T>, sqlx::Error>
where
    T: Row,
    A: 'e + sqlx::Encode<'e, sqlx::Any> + sqlx::Type<sqlx::Any> + Send,
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows = sqlx::query(sql).bind(arg).fetch_all(ex).await?;
    rows.iter().map(T::from_row).collect()
}

/// A value read from one column of a row of either backend.
pub trait Column: Sized {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error>;
}

impl Column for String {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        row.try_get(col)
    }
}

impl Column for i64 {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        row.try_get(col)
    }
}

/// A count or an amount stored as an integer: a negative or too large one is a decode error.
macro_rules! unsigned_columns {
    ($($ty:ty),+) => {
        $(impl Column for $ty {
            fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
                <$ty>::try_from(i64::read(row, col)?).map_err(|e| sqlx::Error::Decode(Box::new(e)))
            }
        })+
    };
}

unsigned_columns!(u32, u64);

/// A flag: an integer, true when not 0.
impl Column for bool {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        i64::read(row, col).map(|v| v != 0)
    }
}

impl Column for NaiveDate {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        parse_day(&String::read(row, col)?)
    }
}

impl Column for DateTime<Utc> {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        parse_ts(&String::read(row, col)?)
    }
}

/// NULL is `None`; any other value is read as `T`.
impl<T: Column> Column for Option<T> {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        if row.try_get_raw(col)?.is_null() {
            Ok(None)
        } else {
            T::read(row, col).map(Some)
        }
    }
}

/// A column holding `T` as JSON text (`#[row(json)]`).
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned> Column for Json<T> {
    fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
        serde_json::from_str(&String::read(row, col)?)
            .map(Json)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))
    }
}

/// Enumerated columns, each decoded by its type's `parse`: a value it does not know is a decode
/// error naming the column and the value.
macro_rules! code_columns {
    ($($ty:ty),+ $(,)?) => {
        $(impl Column for $ty {
            fn read(row: &AnyRow, col: &str) -> Result<Self, sqlx::Error> {
                decode(col, &String::read(row, col)?, <$ty>::parse)
            }
        })+
    };
}

code_columns!(
    Role,
    Channel,
    Status,
    Deregistration,
    ApplicationStatus,
    ItemKind,
    Action,
    Circumstance,
    CircumstanceSource,
    Measure,
    NoticeChannel,
    DeliveryStatus,
    Lang,
    OfferStatus,
    EmployerKind,
    Verification,
    InvitationStatus,
    Authority,
    WorkRegime,
    EmploymentType,
    EducationLevel,
    VacancyStatus,
    Sex,
    Category,
    DayKind,
    OrgKind,
    Destination,
    enbek_domain::monitoring::Stage,
    enbek_domain::accounts::identity::ProofMethod,
    enbek_domain::measures::referral::ActiveMeasure,
    enbek_domain::measures::eligibility::Category,
    enbek_domain::measures::participation::Stage,
    enbek_domain::measures::participation::Ending,
);

/// Typed reads of one column, for the rows no struct stands for.
pub trait RowExt {
    fn text(&self, col: &str) -> Result<String, sqlx::Error>;
    fn opt_text(&self, col: &str) -> Result<Option<String>, sqlx::Error>;
    fn instant(&self, col: &str) -> Result<DateTime<Utc>, sqlx::Error>;
    fn opt_instant(&self, col: &str) -> Result<Option<DateTime<Utc>>, sqlx::Error>;
    fn date(&self, col: &str) -> Result<NaiveDate, sqlx::Error>;
    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, sqlx::Error>;
    fn flag(&self, col: &str) -> Result<bool, sqlx::Error>;
    fn int(&self, col: &str) -> Result<i64, sqlx::Error>;
    fn json<T: serde::de::DeserializeOwned>(&self, col: &str) -> Result<T, sqlx::Error>;
}

impl RowExt for AnyRow {
    fn text(&self, col: &str) -> Result<String, sqlx::Error> {
        String::read(self, col)
    }
    fn opt_text(&self, col: &str) -> Result<Option<String>, sqlx::Error> {
        Option::read(self, col)
    }
    fn instant(&self, col: &str) -> Result<DateTime<Utc>, sqlx::Error> {
        DateTime::read(self, col)
    }
    fn opt_instant(&self, col: &str) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        Option::read(self, col)
    }
    fn date(&self, col: &str) -> Result<NaiveDate, sqlx::Error> {
        NaiveDate::read(self, col)
    }
    fn opt_date(&self, col: &str) -> Result<Option<NaiveDate>, sqlx::Error> {
        Option::read(self, col)
    }
    fn flag(&self, col: &str) -> Result<bool, sqlx::Error> {
        bool::read(self, col)
    }
    fn int(&self, col: &str) -> Result<i64, sqlx::Error> {
        i64::read(self, col)
    }
    fn json<T: serde::de::DeserializeOwned>(&self, col: &str) -> Result<T, sqlx::Error> {
        Json::read(self, col).map(|j| j.0)
    }
}

fn decode<T>(col: &str, s: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    parse(s).ok_or_else(|| sqlx::Error::Decode(format!("unknown {col} {s:?}").into()))
}

/// `sql` with its `{list}` written as the placeholders of a list of `n` values, numbered after
/// the `fixed` placeholders `$1…$fixed` that come before them.
fn with_list(sql: &str, fixed: usize, n: usize) -> String {
    let list = (fixed + 1..=fixed + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    sql.replace("{list}", &list)
}

/// The query `sql` with its values bound: `$1…$k` are `fixed`, `{list}` (inside an `IN (…)`)
/// stands for the values of `list`.
fn list_query<'q, S: AsRef<str>>(
    sql: &'q str,
    fixed: &'q [&'q str],
    list: &'q [S],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let mut query = sqlx::query(sql);
    for value in fixed {
        query = query.bind(*value);
    }
    for value in list {
        query = query.bind(value.as_ref());
    }
    query
}

/// The rows `sql` selects for a list of values, in one statement: `{list}` in `sql` (inside an
/// `IN (…)`) stands for `list`, after the `fixed` values `$1…$k`. An empty list selects no row
/// and asks nothing.
pub async fn all_in<'c, E, S>(
    ex: E,
    sql: &str,
    fixed: &[&str],
    list: &[S],
) -> Result<Vec<AnyRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
    S: AsRef<str>,
{
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let sql = with_list(sql, fixed.len(), list.len());
    list_query(&sql, fixed, list).fetch_all(ex).await
}

/// Runs `sql` (an update or a delete) over a list of values, in one statement, as `all_in`
/// reads them. Returns how many rows it changed; an empty list changes none and asks nothing.
pub async fn execute_in<'c, E, S>(
    ex: E,
    sql: &str,
    fixed: &[&str],
    list: &[S],
) -> Result<u64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
    S: AsRef<str>,
{
    if list.is_empty() {
        return Ok(0);
    }
    let sql = with_list(sql, fixed.len(), list.len());
    Ok(list_query(&sql, fixed, list)
        .execute(ex)
        .await?
        .rows_affected())
}

/// `($1, … $c), ($c+1, … $2c), …`: the placeholders of `rows` rows of `columns` values each, for
/// an `INSERT … VALUES` of several rows in one statement.
pub fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let values = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({values})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when the error is a unique-constraint violation (both backends).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.is_unique_violation()
                || d.code().as_deref() == Some("23505")
                || d.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}

#[cfg(test)]
mod value_rows_tests {
    #[test]
    fn value_rows_number_the_placeholders_row_by_row() {
        assert_eq!(super::value_rows(1, 2), "($1, $2)");
        assert_eq!(super::value_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(super::value_rows(0, 3), "");
    }

    #[test]
    fn a_list_is_numbered_after_the_fixed_placeholders() {
        assert_eq!(
            super::with_list("WHERE a = $1 AND id IN ({list})", 1, 3),
            "WHERE a = $1 AND id IN ($2, $3, $4)"
        );
        assert_eq!(super::with_list("id IN ({list})", 0, 1), "id IN ($1)");
    }
}

#[cfg(test)]
mod pool_tests {
    use std::time::Duration;

    #[test]
    fn a_connection_idle_under_a_second_is_handed_out_without_a_ping() {
        assert!(super::trusted(Duration::ZERO));
        assert!(super::trusted(Duration::from_millis(999)));
        assert!(!super::trusted(Duration::from_secs(1)));
    }
}
