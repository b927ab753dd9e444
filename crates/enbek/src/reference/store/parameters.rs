//! Stored editions of reference values and rules, added by an administrator (docs/RULES.md,
//! reference values and editions).

use enbek_domain::reference::parameters::Edition;
use sqlx::AnyPool;

use crate::platform::db::day;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub async fn upsert(tx: &mut Tx, e: &Edition) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO parameters (key, effective_from, value, source) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key, effective_from) DO UPDATE SET value = excluded.value, source = excluded.source",
    )
    .bind(&e.key)
    .bind(day(e.effective_from))
    .bind(&e.value)
    .bind(&e.source)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn all(pool: &AnyPool) -> Result<Vec<Edition>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM parameters ORDER BY key, effective_from")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Edition {
                key: r.text("key")?,
                effective_from: r.date("effective_from")?,
                value: r.text("value")?,
                source: r.text("source")?,
            })
        })
        .collect()
}
