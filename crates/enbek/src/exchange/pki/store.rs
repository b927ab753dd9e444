//! The development CA's store: its key and certificate, and the certificates it issued with
//! their revocation.

use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

/// The one development CA's row id.
const ID: &str = "dev";

pub struct StoredAuthority {
    pub certificate_pem: String,
    pub private_key_pem: String,
}

pub async fn authority(pool: &AnyPool) -> Result<Option<StoredAuthority>, sqlx::Error> {
    let row = sqlx::query("SELECT certificate_pem, private_key_pem FROM dev_ca WHERE id = $1")
        .bind(ID)
        .fetch_optional(pool)
        .await?;
    row.map(|r| {
        Ok(StoredAuthority {
            certificate_pem: r.text("certificate_pem")?,
            private_key_pem: r.text("private_key_pem")?,
        })
    })
    .transpose()
}

/// Stores a new authority unless another server stored one first (the caller reads it back).
pub async fn insert_authority(
    pool: &AnyPool,
    authority: &StoredAuthority,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dev_ca (id, certificate_pem, private_key_pem, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
    )
    .bind(ID)
    .bind(&authority.certificate_pem)
    .bind(&authority.private_key_pem)
    .bind(ts(at))
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn insert_certificate(
    tx: &mut Tx,
    serial: &str,
    not_after: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO dev_certificates (serial, not_after, issued_at) VALUES ($1, $2, $3)")
        .bind(serial)
        .bind(ts(not_after))
        .bind(ts(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Revokes a certificate (a second revocation keeps the first instant). `None` when the
/// development CA did not issue it.
pub async fn revoke(
    tx: &mut Tx,
    serial: &str,
    at: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE dev_certificates SET revoked_at = COALESCE(revoked_at, $2) WHERE serial = $1
         RETURNING revoked_at",
    )
    .bind(serial)
    .bind(ts(at))
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.instant("revoked_at")).transpose()
}

/// `None` when the development CA did not issue the serial; else its revocation instant, if any.
pub async fn revoked_at(
    pool: &AnyPool,
    serial: &str,
) -> Result<Option<Option<DateTime<Utc>>>, sqlx::Error> {
    let row = sqlx::query("SELECT revoked_at FROM dev_certificates WHERE serial = $1")
        .bind(serial)
        .fetch_optional(pool)
        .await?;
    row.map(|r| r.opt_instant("revoked_at")).transpose()
}
