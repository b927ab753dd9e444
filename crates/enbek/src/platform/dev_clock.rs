//! Development mode's clock, kept across restarts (`setClock`).

use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

/// Keeps the instant the clock was set to.
pub async fn store(tx: &mut Tx, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dev_clock (id, instant) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET instant = excluded.instant",
    )
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The instant last set, if the clock was ever set on this database.
pub async fn stored(pool: &AnyPool) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let row = sqlx::query("SELECT instant FROM dev_clock WHERE id = 1")
        .fetch_optional(pool)
        .await?;
    row.map(|r| r.instant("instant")).transpose()
}
