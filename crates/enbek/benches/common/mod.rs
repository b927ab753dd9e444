//! What the benchmarks that run on a database of their own share.

use sqlx::any::AnyPoolOptions;

/// A benchmark's PostgreSQL database `name` beside the administrative URL `admin`, dropped and
/// created empty; its URL.
pub async fn fresh_postgres(admin: &str, name: &str) -> anyhow::Result<String> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(admin)
        .await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&pool)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await?;
    pool.close().await;
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}
