//! Documents and their signed files (migrations 0002, 0027): the record a decision writes, its
//! number, the content-addressed bytes and the detached signature of each language's file.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::AnyPool;

use crate::platform::db::{self, day, ts, Row, Tx};
use crate::platform::http::lang::Lang;

/// Where a document stands: recorded before documents had files, waiting to be rendered and
/// signed, or issued with its files.
pub const RECORD: &str = "record";
pub const PENDING: &str = "pending";
pub const ISSUED: &str = "issued";

#[derive(Debug, Clone, Row)]
pub struct Document {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub number: Option<String>,
    pub account_id: Option<String>,
    pub person_id: Option<String>,
    pub registration_id: Option<String>,
    pub organization_id: Option<String>,
    pub region_code: Option<String>,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub issued_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub signer_subject: Option<String>,
    pub signer_serial: Option<String>,
    pub signer_issuer: Option<String>,
    pub signer_not_after: Option<DateTime<Utc>>,
    pub replaces: Option<String>,
    pub replaced_by: Option<String>,
}

const COLUMNS: &str = "id, kind, status, number, account_id, person_id, registration_id, \
     organization_id, region_code, issued_on, valid_until, issued_at, signed_at, signer_subject, \
     signer_serial, signer_issuer, signer_not_after, replaces, replaced_by";

/// A document as its decision records it.
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub account_id: Option<&'a str>,
    pub person_id: Option<&'a str>,
    pub registration_id: Option<&'a str>,
    pub organization_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub data: &'a Value,
    /// The forms to render (JSON), while pending.
    pub forms: Option<&'a str>,
    pub replaces: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, d: &NewDocument<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO documents (id, kind, status, account_id, person_id, registration_id,
           organization_id, region_code, issued_on, valid_until, data, forms, replaces, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(d.id)
    .bind(d.kind)
    .bind(d.status)
    .bind(d.account_id)
    .bind(d.person_id)
    .bind(d.registration_id)
    .bind(d.organization_id)
    .bind(d.region_code)
    .bind(day(d.issued_on))
    .bind(d.valid_until.map(day))
    .bind(d.data.to_string())
    .bind(d.forms)
    .bind(d.replaces)
    .bind(ts(d.at))
    .execute(&mut **tx)
    .await?;
    if let Some(old) = d.replaces {
        sqlx::query("UPDATE documents SET replaced_by = $1 WHERE id = $2")
            .bind(d.id)
            .bind(old)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The next number of `organization_id` in `year`, 1 for its first (one writer at a time: the
/// row is written in the caller's transaction).
pub async fn next_number(
    tx: &mut Tx,
    organization_id: &str,
    year: i32,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO document_numbers (organization_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (organization_id, year) DO UPDATE SET last = document_numbers.last + 1
         RETURNING last",
    )
    .bind(organization_id)
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    db::RowExt::int(&row, "last")
}

/// Gives a document recorded without a number its number; false when it has one already.
pub async fn set_number(tx: &mut Tx, id: &str, number: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE documents SET number = $1 WHERE id = $2 AND number IS NULL")
        .bind(number)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Document>, sqlx::Error> {
    db::one_by(
        pool,
        &format!("SELECT {COLUMNS} FROM documents WHERE id = $1"),
        id,
    )
    .await
}

/// A document's forms (JSON): what it was rendered from, kept for a correction.
pub async fn forms_of(pool: &AnyPool, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT forms FROM documents WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(|r| db::RowExt::opt_text(&r, "forms"))
        .transpose()
        .map(Option::flatten)
}

/// Whose documents a list reads.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    /// The documents issued to an account (or recorded for it).
    Account(&'a str),
    /// The documents of a person's card.
    Person(&'a str),
}

/// The documents of `owner`, newest first.
pub async fn of_owner(
    pool: &AnyPool,
    owner: Owner<'_>,
    limit: i64,
) -> Result<Vec<Document>, sqlx::Error> {
    let (column, value) = match owner {
        Owner::Account(id) => ("account_id", id),
        Owner::Person(id) => ("person_id", id),
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM documents WHERE {column} = $1
         ORDER BY issued_at DESC, id DESC LIMIT $2"
    ))
    .bind(value)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Document::from_row).collect()
}

/// The signer of an issued document.
pub struct Signature<'a> {
    pub signed_at: DateTime<Utc>,
    pub subject: &'a str,
    pub serial: &'a str,
    pub issuer: &'a str,
    pub not_after: DateTime<Utc>,
}

/// Marks a pending document issued with its signer; false when it was not pending (another
/// worker issued it first).
pub async fn mark_issued(tx: &mut Tx, id: &str, s: &Signature<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE documents SET status = $1, signed_at = $2, signer_subject = $3,
           signer_serial = $4, signer_issuer = $5, signer_not_after = $6
         WHERE id = $7 AND status = $8",
    )
    .bind(ISSUED)
    .bind(ts(s.signed_at))
    .bind(s.subject)
    .bind(s.serial)
    .bind(s.issuer)
    .bind(ts(s.not_after))
    .bind(id)
    .bind(PENDING)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A document's file in one language.
#[derive(Debug, Clone, Row)]
pub struct File {
    pub document_id: String,
    pub lang: Lang,
    pub sha256: String,
    /// Base64 CMS DER.
    pub signature: String,
}

pub async fn insert_file(tx: &mut Tx, f: &File) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO document_files (document_id, lang, sha256, signature) VALUES ($1, $2, $3, $4)",
    )
    .bind(&f.document_id)
    .bind(f.lang.as_str())
    .bind(&f.sha256)
    .bind(&f.signature)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn files_of(pool: &AnyPool, document_id: &str) -> Result<Vec<File>, sqlx::Error> {
    db::all_by(
        pool,
        "SELECT document_id, lang, sha256, signature FROM document_files
         WHERE document_id = $1 ORDER BY lang",
        document_id,
    )
    .await
}

/// The files whose bytes have this SHA-256 (hex).
pub async fn files_by_content(pool: &AnyPool, sha256: &str) -> Result<Vec<File>, sqlx::Error> {
    db::all_by(
        pool,
        "SELECT document_id, lang, sha256, signature FROM document_files
         WHERE sha256 = $1 ORDER BY document_id",
        sha256,
    )
    .await
}

/// Stores a content once (the same bytes are the same content); `body` is base64 or `None`
/// when a file store holds the bytes.
pub async fn put_content(
    tx: &mut Tx,
    sha256: &str,
    size: usize,
    body: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO document_contents (sha256, size_bytes, body, stored_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(sha256)
    .bind(i64::try_from(size).unwrap_or(i64::MAX))
    .bind(body)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A content's base64 body, when the database holds it.
pub async fn content_body(pool: &AnyPool, sha256: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT body FROM document_contents WHERE sha256 = $1")
        .bind(sha256)
        .fetch_optional(pool)
        .await?;
    row.map(|r| db::RowExt::opt_text(&r, "body"))
        .transpose()
        .map(Option::flatten)
}
