//! Imported localities, and the administrator's imports run as jobs with their progress
//! (migration 0026).

use chrono::{DateTime, Utc};
use enbek_domain::mediation::matching::Place;
use sqlx::AnyPool;

use crate::platform::db::ts;
use crate::platform::db::RowExt;
use crate::platform::db::Tx;

/// A locality of a localities file (KATO code, names, where it lies), checked.
#[derive(Debug, Clone)]
pub struct Locality {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub place: Place,
}

pub async fn upsert_locality(tx: &mut Tx, l: &Locality) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO localities (code, name_kk, name_ru, name_en, latitude, longitude)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET name_kk = excluded.name_kk, name_ru = excluded.name_ru,
           name_en = excluded.name_en, latitude = excluded.latitude, longitude = excluded.longitude",
    )
    .bind(&l.code)
    .bind(&l.name_kk)
    .bind(&l.name_ru)
    .bind(&l.name_en)
    .bind(l.place.latitude.to_string())
    .bind(l.place.longitude.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn localities(pool: &AnyPool) -> Result<Vec<Locality>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT code, name_kk, name_ru, name_en, latitude, longitude FROM localities ORDER BY code",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let degrees = |col: &str| {
                r.text(col)?
                    .parse::<f64>()
                    .map_err(|e| sqlx::Error::Decode(format!("{col}: {e}").into()))
            };
            Ok(Locality {
                code: r.text("code")?,
                name_kk: r.text("name_kk")?,
                name_ru: r.text("name_ru")?,
                name_en: r.text("name_en")?,
                place: Place {
                    latitude: degrees("latitude")?,
                    longitude: degrees("longitude")?,
                },
            })
        })
        .collect()
}

pub async fn locality_exists(pool: &AnyPool, code: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT code FROM localities WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await?
        .is_some())
}

/// Whether an imported locality's code begins with `prefix` (a district's four digits).
pub async fn locality_within(pool: &AnyPool, prefix: &str) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT code FROM localities WHERE code LIKE $1 LIMIT 1")
            .bind(format!("{prefix}%"))
            .fetch_optional(pool)
            .await?
            .is_some(),
    )
}

/// An import as its progress page shows it.
pub struct ImportRun {
    pub id: String,
    pub kind: String,
    pub state: String,
    pub total: i64,
    pub checked: i64,
    pub written: i64,
    pub error_line: Option<i64>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str =
    "id, kind, state, total, checked, written, error_line, error, created_at, finished_at";

fn run(r: &sqlx::any::AnyRow) -> Result<ImportRun, sqlx::Error> {
    use sqlx::Row as _;
    Ok(ImportRun {
        id: r.text("id")?,
        kind: r.text("kind")?,
        state: r.text("state")?,
        total: r.int("total")?,
        checked: r.int("checked")?,
        written: r.int("written")?,
        error_line: r.try_get::<Option<i64>, _>("error_line")?,
        error: r.opt_text("error")?,
        created_at: r.instant("created_at")?,
        finished_at: r.opt_instant("finished_at")?,
    })
}

pub async fn insert(
    tx: &mut Tx,
    id: &str,
    kind: &str,
    content: &str,
    actor_id: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reference_imports (id, kind, state, content, created_by, created_at)
         VALUES ($1, $2, 'queued', $3, $4, $5)",
    )
    .bind(id)
    .bind(kind)
    .bind(content)
    .bind(actor_id)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(pool: &AnyPool, id: &str) -> Result<Option<ImportRun>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM reference_imports WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(pool).await?;
    row.as_ref().map(run).transpose()
}

pub async fn recent(pool: &AnyPool, limit: i64) -> Result<Vec<ImportRun>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reference_imports ORDER BY created_at DESC, id LIMIT {limit}"
    );
    let rows = sqlx::query(&sql).fetch_all(pool).await?;
    rows.iter().map(run).collect()
}

/// The file of an import still to run, with its kind and who sent it; none once it ended.
pub async fn pending(
    pool: &AnyPool,
    id: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT kind, content, created_by FROM reference_imports
         WHERE id = $1 AND state IN ('queued', 'running') AND content IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(|r| Ok((r.text("kind")?, r.text("content")?, r.text("created_by")?)))
        .transpose()
}

pub async fn set_running(pool: &AnyPool, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE reference_imports SET state = 'running', checked = 0, written = 0 WHERE id = $1",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn set_count(pool: &AnyPool, id: &str, column: &str, n: i64) -> Result<(), sqlx::Error> {
    let column = match column {
        "total" => "total",
        _ => "checked",
    };
    let sql = format!("UPDATE reference_imports SET {column} = $1 WHERE id = $2");
    sqlx::query(&sql).bind(n).bind(id).execute(pool).await?;
    Ok(())
}

/// The import ended: done with the rows written, or failed at a line; its file is cleared.
pub async fn finish<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    id: &str,
    written: i64,
    error: Option<(i64, &str)>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let state = if error.is_some() { "failed" } else { "done" };
    sqlx::query(
        "UPDATE reference_imports SET state = $1, written = $2, error_line = $3, error = $4,
           content = NULL, finished_at = $5 WHERE id = $6",
    )
    .bind(state)
    .bind(written)
    .bind(error.map(|(line, _)| line))
    .bind(error.map(|(_, e)| e.to_string()))
    .bind(ts(at))
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}
