//! What taking a connection from the service's pool costs, beside a statement's round trip:
//! whether a request would gain from holding one connection throughout rather than taking one
//! for each step. On the service's own pools (`Db::connect`: SQLite's readers, PostgreSQL's
//! pool), in turns, three rounds: a connection taken and given back; `SELECT 1` through the pool
//! (a take, the round trip and the give-back); `SELECT 1` on one connection held.
//!
//! `cargo bench -p enbek --bench pool`. By environment: ENBEK_BENCH_BACKENDS (`postgres,sqlite`),
//! ENBEK_BENCH_POSTGRES (an administrative URL; the database `enbek_pool_bench` beside it is
//! dropped and created).

mod common;

use std::time::Instant;

use enbek::platform::db::Db;
use enbek_bench::env_number as number;

const DATABASE: &str = "enbek_pool_bench";

fn main() -> anyhow::Result<()> {
    let backends = std::env::var("ENBEK_BENCH_BACKENDS").unwrap_or("postgres,sqlite".into());
    let admin = std::env::var("ENBEK_BENCH_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let takes = number("ENBEK_BENCH_TAKES", 20_000);
    let statements = number("ENBEK_BENCH_STATEMENTS", 5_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    println!("| backend | round | take and give back | `SELECT 1` through the pool | `SELECT 1` on one held connection |");
    println!("| --- | --- | --- | --- | --- |");
    for backend in backends.split(',') {
        let dir = std::env::temp_dir().join(format!("enbek-pool-bench-{}", std::process::id()));
        let url = match backend {
            "sqlite" => {
                std::fs::create_dir_all(&dir)?;
                format!("sqlite://{}/enbek.db", dir.display())
            }
            "postgres" => runtime.block_on(common::fresh_postgres(&admin, DATABASE))?,
            other => anyhow::bail!("ENBEK_BENCH_BACKENDS: no backend {other}"),
        };
        runtime.block_on(async {
            let db = Db::connect(&url).await?;
            let pool = &db.pool;
            for round in 1..=3 {
                let started = Instant::now();
                for _ in 0..takes {
                    drop(pool.acquire().await?);
                }
                let take = micros(started, takes);
                let started = Instant::now();
                for _ in 0..statements {
                    sqlx::query("SELECT 1").fetch_one(pool).await?;
                }
                let through = micros(started, statements);
                let mut held = pool.acquire().await?;
                let started = Instant::now();
                for _ in 0..statements {
                    sqlx::query("SELECT 1").fetch_one(&mut *held).await?;
                }
                let on_held = micros(started, statements);
                println!(
                    "| {backend} | {round} | {take:.1} µs | {through:.1} µs | {on_held:.1} µs |"
                );
            }
            db.pool.close().await;
            anyhow::Ok(())
        })?;
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// Microseconds each of `n` took, from `started`.
fn micros(started: Instant, n: usize) -> f64 {
    started.elapsed().as_secs_f64() * 1e6 / n as f64
}
