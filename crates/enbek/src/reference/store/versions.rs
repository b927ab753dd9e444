//! The versions of what each server keeps in memory (the calendar, the parameter editions, the
//! imported localities, the organisations): a change bumps its version in the transaction that
//! stores it.

use sqlx::AnyPool;

use crate::platform::db::{RowExt, Tx};

/// What a version counts the changes of.
pub const CALENDAR: &str = "calendar";
pub const PARAMETERS: &str = "parameters";
pub const LOCALITIES: &str = "localities";
pub const ORGANIZATIONS: &str = "organizations";

/// Counts one change of `name`.
pub async fn bump(tx: &mut Tx, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reference_versions SET version = version + 1 WHERE name = $1")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The version of `name`.
pub async fn of(pool: &AnyPool, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT version FROM reference_versions WHERE name = $1")
        .bind(name)
        .fetch_one(pool)
        .await?
        .int("version")
}
