//! The open-data export (206 p.19): the latest file of each kind, kept in the database.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::platform::db::{parse_ts, ts, RowExt, Tx};

/// The open vacancies as gzip-compressed JSON Lines.
pub const VACANCIES: &str = "vacancies";

/// One generated file.
pub struct Export {
    pub generated_at: DateTime<Utc>,
    pub vacancies: i64,
    /// The compressed file's bytes.
    pub body: Vec<u8>,
    /// How long generating it took.
    pub took_ms: i64,
}

/// The latest file named `name`, if one was generated.
pub async fn latest(pool: &AnyPool, name: &str) -> Result<Option<Export>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT generated_at, vacancies, took_ms, body FROM open_data_exports WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let body = STANDARD
        .decode(row.text("body")?)
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(Export {
        generated_at: parse_ts(&row.text("generated_at")?)?,
        vacancies: row.int("vacancies")?,
        took_ms: row.int("took_ms")?,
        body,
    }))
}

/// Keeps `export` as the latest file named `name`.
pub async fn save(tx: &mut Tx, name: &str, export: &Export) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO open_data_exports (name, generated_at, vacancies, size_bytes, took_ms, body)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO UPDATE SET generated_at = excluded.generated_at,
            vacancies = excluded.vacancies, size_bytes = excluded.size_bytes,
            took_ms = excluded.took_ms, body = excluded.body",
    )
    .bind(name)
    .bind(ts(export.generated_at))
    .bind(export.vacancies)
    .bind(i64::try_from(export.body.len()).unwrap_or(i64::MAX))
    .bind(export.took_ms)
    .bind(STANDARD.encode(&export.body))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
