//! The built-in state-registry simulator's store (dev mode writes it; a JSON file can load it).

use chrono::{DateTime, Utc};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::RowExt;

pub async fn upsert(
    pool: &AnyPool,
    p: &RegistryPerson,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(p).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO registry_persons (iin, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (iin) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )
    .bind(&p.iin)
    .bind(data)
    .bind(ts(at))
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find(pool: &AnyPool, iin: &str) -> Result<Option<RegistryPerson>, sqlx::Error> {
    let row = sqlx::query("SELECT data FROM registry_persons WHERE iin = $1")
        .bind(iin)
        .fetch_optional(pool)
        .await?;
    row.map(|r| r.json("data")).transpose()
}

pub async fn upsert_business(
    pool: &AnyPool,
    b: &RegistryBusiness,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(b).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO registry_businesses (bin, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (bin) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )
    .bind(&b.bin)
    .bind(data)
    .bind(ts(at))
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find_business(
    pool: &AnyPool,
    bin: &str,
) -> Result<Option<RegistryBusiness>, sqlx::Error> {
    let row = sqlx::query("SELECT data FROM registry_businesses WHERE bin = $1")
        .bind(bin)
        .fetch_optional(pool)
        .await?;
    row.map(|r| r.json("data")).transpose()
}
