//! The vacancy search at national scale (docs/BENCHMARKS.md): the generated table of 200,000 open
//! and 800,000 closed or filled vacancies (`enbek_bench::vacancies`) loaded into SQLite and
//! PostgreSQL, the release server started on it as a user starts it, and `wrk` over loopback:
//! each kind of search with one client (p50, p99) and with 32 connections (searches per second),
//! the open-data listing the same way, the index's build time and size, the server's resident
//! memory, how soon a vacancy written by another server is found — then the same searches
//! answered by the database (`ENBEK_VACANCY_SEARCH=database`, the search before the index) in the
//! same run, for the ratio.
//!
//! `scripts/bench-search` (installs wrk when absent), or `cargo bench -p enbek --bench search`.
//! The resume search the same way, over the generated people's resumes
//! (`enbek_bench::generate`, four in five published), signed in as a career center's specialist.
//!
//! Sizes and backends by environment: ENBEK_BENCH_OPEN, ENBEK_BENCH_CLOSED, ENBEK_BENCH_RESUMES,
//! ENBEK_BENCH_SECONDS, ENBEK_BENCH_BACKENDS (`sqlite,postgres`), ENBEK_BENCH_POSTGRES (an
//! administrative URL).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, NaiveTime, Utc};
use enbek::mediation::service::employers::search_texts;
use enbek::mediation::service::matching::resume_search_text;
use enbek::platform::auth::token_hash;
use enbek::platform::db::{day, ts};
use enbek_bench::env_number as number;
use enbek_bench::rows_of;
use enbek_bench::vacancies::{postings, Posting, EMPLOYERS};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

mod served;

const SEED: u64 = 20_261_203;
/// Bumped whenever the generated table or its loading changes, so that a loaded database is
/// loaded again.
const DATA_VERSION: i64 = 1;

struct Config {
    open: usize,
    closed: usize,
    resumes: usize,
    seconds: u64,
    backends: Vec<String>,
    postgres: String,
}

impl Config {
    fn from_env() -> Config {
        Config {
            open: number("ENBEK_BENCH_OPEN", 200_000),
            closed: number("ENBEK_BENCH_CLOSED", 800_000),
            resumes: number("ENBEK_BENCH_RESUMES", 200_000),
            seconds: number("ENBEK_BENCH_SECONDS", 10) as u64,
            backends: std::env::var("ENBEK_BENCH_BACKENDS")
                .unwrap_or_else(|_| "sqlite,postgres".into())
                .split(',')
                .map(str::to_string)
                .collect(),
            postgres: std::env::var("ENBEK_BENCH_POSTGRES")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
        }
    }
}

/// The requests measured: a name and the path with its query.
const SEARCHES: [(&str, &str); 22] = [
    ("no query", "/api/v1/vacancies?"),
    ("one word", "/api/v1/vacancies?q=водитель"),
    ("word form (ru)", "/api/v1/vacancies?q=бухгалтера"),
    ("word form (kk)", "/api/v1/vacancies?q=бухгалтерлер"),
    ("Kazakh word", "/api/v1/vacancies?q=мұғалім"),
    ("two words", "/api/v1/vacancies?q=главный%20бухгалтер"),
    (
        "region filter",
        "/api/v1/vacancies?q=водитель&region_code=750000000",
    ),
    ("sort by pay", "/api/v1/vacancies?q=повар&sort=salary"),
    ("page 50", "/api/v1/vacancies?q=водитель&page=50"),
    ("page 50, no query", "/api/v1/vacancies?page=50"),
    ("page 2,000 by number, no query", DEEP_PAGE),
    ("facets, no query", "/api/v1/vacancies/facets?"),
    (
        "facets, word and region",
        "/api/v1/vacancies/facets?q=водитель&region_code=750000000",
    ),
    (
        "facets, region and regime",
        "/api/v1/vacancies/facets?region_code=750000000&work_regime=full_time",
    ),
    ("open-data page", "/api/v1/open-data/vacancies?per_page=100"),
    ("resumes, no query", "/api/v1/resumes?"),
    ("resumes, occupation's name", "/api/v1/resumes?q=водитель"),
    ("resumes, word form (kk)", "/api/v1/resumes?q=бухгалтерлер"),
    ("resumes, a skill", "/api/v1/resumes?q=навык%2042"),
    (
        "resumes, word and region",
        "/api/v1/resumes?q=водитель&region_code=750000000",
    ),
    (
        "resumes, occupation and pay",
        "/api/v1/resumes?occupation_code=8322&salary_max=250000",
    ),
    ("resumes, page 50", "/api/v1/resumes?q=водитель&page=50"),
];

/// The token the resume searches are signed in with (a career center's specialist).
const READER_TOKEN: &str = "bench-reader-token";

/// Page 2,000 of the newest first (39,980 vacancies above it), and the same page read from
/// the cursor of page 1,999 (search-after).
const DEEP_PAGE: &str = "/api/v1/vacancies?page=2000";
const DEEP_CURSOR: &str = "page 2,000 by cursor, no query";

fn main() -> anyhow::Result<()> {
    let config = Config::from_env();
    anyhow::ensure!(
        Command::new("wrk").arg("--version").output().is_ok(),
        "wrk is not installed: scripts/bench-search installs it (apt-get install wrk)"
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-bench");
    std::fs::create_dir_all(&dir)?;
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Runtime::new()?;
    println!(
        "# The vacancy search: {} open and {} closed or filled vacancies, {} s per wrk run\n",
        config.open, config.closed, config.seconds
    );
    for backend in &config.backends {
        let url = match backend.as_str() {
            "sqlite" => format!("sqlite://{}", dir.join("enbek.db").display()),
            "postgres" => runtime.block_on(postgres_database(&config.postgres))?,
            other => anyhow::bail!("unknown backend {other}"),
        };
        println!("## {backend}\n");
        runtime.block_on(bench(&config, &url, &dir.join(format!("{backend}.log"))))?;
    }
    Ok(())
}

/// The benchmark's own PostgreSQL database, created when absent.
async fn postgres_database(admin: &str) -> anyhow::Result<String> {
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(admin)
        .await?;
    let exists = sqlx::query("SELECT 1 FROM pg_database WHERE datname = 'enbek_search_bench'")
        .fetch_optional(&pool)
        .await?
        .is_some();
    if !exists {
        sqlx::query("CREATE DATABASE enbek_search_bench")
            .execute(&pool)
            .await?;
    }
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    Ok(format!("{base}/enbek_search_bench"))
}

async fn bench(config: &Config, url: &str, log: &Path) -> anyhow::Result<()> {
    // The first start migrates the database; the table is loaded unless it holds this run's.
    let server = Server::start(url, "database", log)?;
    server.ready().await?;
    drop(server);
    let pool = AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await?;
    let now = Utc::now();
    if loaded(&pool).await? != Some((DATA_VERSION, config.open as i64, config.closed as i64)) {
        let started = Instant::now();
        load(&pool, config, now).await?;
        println!("Loaded in {:.0} s.\n", started.elapsed().as_secs_f64());
    }
    if loaded_resumes(&pool).await? != Some((RESUME_DATA_VERSION, config.resumes as i64)) {
        let started = Instant::now();
        load_resumes(&pool, config.resumes, now).await?;
        println!(
            "Loaded {} resumes in {:.0} s.\n",
            config.resumes,
            started.elapsed().as_secs_f64()
        );
    }
    reader(&pool, now).await?;
    let today = now.date_naive();

    // The index: built at start from the database.
    let started = Instant::now();
    let server = Server::start(url, "index", log)?;
    server.ready().await?;
    let ready = server.index_ready(started, "vacancy_search").await?;
    let build = server.index_built("vacancy_search")?;
    let resumes_ready = server.index_ready(started, "resume_search").await?;
    let resumes_build = server.index_built("resume_search")?;
    let rss_ready = server.rss_kib();
    println!(
        "Vacancy index ready {:.1} s after start: built from {} open vacancies in {:.1} s, \
         {:.1} MiB. Resume index ready {:.1} s after start: built from {} published resumes in \
         {:.1} s, {:.1} MiB. Server resident memory {:.0} MiB.\n",
        ready.as_secs_f64(),
        build.0,
        build.1 as f64 / 1000.0,
        build.2 as f64 / 1_048_576.0,
        resumes_ready.as_secs_f64(),
        resumes_build.0,
        resumes_build.1 as f64 / 1000.0,
        resumes_build.2 as f64 / 1_048_576.0,
        rss_ready as f64 / 1024.0
    );
    let requests = requests(&server).await?;
    let mut index_rows = Vec::new();
    for (name, path) in &requests {
        let one = wrk(&server.base, path, 1, 1, config.seconds)?;
        let many = wrk(&server.base, path, 2, 32, config.seconds)?;
        index_rows.push((name.as_str(), one, many));
    }
    let fresh = freshness(&pool, &server, now, today).await?;
    let (exported, export_bytes, export_took) = export(&server).await?;
    let rss_after = server.rss_kib();
    let indexes = index_bytes(&server).await?;
    drop(server);

    // The same searches from the database.
    let server = Server::start(url, "database", log)?;
    server.ready().await?;
    let mut database_rows = Vec::new();
    for (_, path) in &requests {
        let one = wrk(&server.base, path, 1, 1, config.seconds)?;
        database_rows.push(one);
    }
    let many_database = wrk(&server.base, &requests[1].1, 2, 32, config.seconds)?;
    drop(server);

    println!("| request | index p50 | index p99 | index 1 client/s | index 32 conn./s | index 32 conn. p99 | database p50 | database p99 | p50 ratio |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for ((name, one, many), database) in index_rows.iter().zip(&database_rows) {
        println!(
            "| {name} | {} | {} | {:.0} | {:.0}{} | {} | {} | {} | {:.0}× |",
            ms(one.p50),
            ms(one.p99),
            one.per_second,
            many.per_second,
            failures(many),
            ms(many.p99),
            ms(database.p50),
            ms(database.p99),
            database.p50 / one.p50.max(1e-6)
        );
    }
    println!(
        "\n`{}` by the database with 32 connections: {:.2} searches/s{} (p50 {}).\n",
        SEARCHES[1].1,
        many_database.per_second,
        failures(&many_database),
        ms(many_database.p50)
    );
    println!(
        "A vacancy written to the database by another server was found by this one's search \
         after {:.0} ms. Server resident memory after the runs {:.0} MiB.\n",
        fresh.as_secs_f64() * 1000.0,
        rss_after as f64 / 1024.0
    );
    let in_indexes: u64 = indexes.iter().map(|(_, b)| b).sum();
    let named: Vec<String> = indexes
        .iter()
        .map(|(name, b)| format!("{name} {:.1} MiB", *b as f64 / 1_048_576.0))
        .collect();
    println!(
        "The in-memory indexes after the runs (`enbek_index_bytes`): {} — {:.1} MiB in all; the \
         server's resident memory is {:.1} MiB more than twice that.\n",
        named.join(", "),
        in_indexes as f64 / 1_048_576.0,
        (rss_after as f64 * 1024.0 - 2.0 * in_indexes as f64) / 1_048_576.0
    );
    println!(
        "The open-data export: {exported} vacancies, {:.1} MiB compressed, made and sent in \
         {:.1} s (the first request makes it).\n",
        export_bytes as f64 / 1_048_576.0,
        export_took.as_secs_f64()
    );
    Ok(())
}

/// The bytes of each in-memory index, as the server's metrics tell them.
async fn index_bytes(server: &Server) -> anyhow::Result<Vec<(String, u64)>> {
    let metrics = reqwest::get(format!("{}/metrics", server.base))
        .await?
        .error_for_status()?
        .text()
        .await?;
    Ok(metrics
        .lines()
        .filter_map(|l| l.strip_prefix("enbek_index_bytes{index=\""))
        .filter_map(|l| {
            let (name, rest) = l.split_once('"')?;
            let bytes = rest.rsplit(' ').next()?.parse().ok()?;
            Some((name.to_string(), bytes))
        })
        .collect())
}

/// The open-data export as its first request makes it: vacancies, bytes and the time taken.
async fn export(server: &Server) -> anyhow::Result<(String, usize, Duration)> {
    let started = Instant::now();
    let response = reqwest::get(format!(
        "{}/api/v1/open-data/vacancies.jsonl.gz",
        server.base
    ))
    .await?
    .error_for_status()?;
    let count = response
        .headers()
        .get("x-vacancy-count")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = response.bytes().await?.len();
    Ok((count, bytes, started.elapsed()))
}

/// A path with its query percent-encoded as a browser sends it.
fn encoded(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The requests measured, encoded, with the deep page's cursor read from this server (a cursor
/// of one server leads on at any other: the database's run uses the same).
async fn requests(server: &Server) -> anyhow::Result<Vec<(String, String)>> {
    let mut all: Vec<(String, String)> = SEARCHES
        .iter()
        .map(|(name, path)| (name.to_string(), encoded(path)))
        .collect();
    let before = format!("{}/api/v1/vacancies?page=1999", server.base);
    let response = reqwest::get(before).await?.error_for_status()?;
    let cursor = response
        .headers()
        .get("x-next-cursor")
        .and_then(|c| c.to_str().ok())
        .ok_or_else(|| anyhow::anyhow!("page 1,999 has no next cursor"))?
        .to_string();
    let at = all.iter().position(|(_, p)| p == DEEP_PAGE).unwrap_or(0) + 1;
    all.insert(
        at,
        (
            DEEP_CURSOR.to_string(),
            format!("/api/v1/vacancies?after={cursor}"),
        ),
    );
    Ok(all)
}

fn ms(seconds: f64) -> String {
    format!("{:.2} ms", seconds * 1000.0)
}

fn failures(r: &Wrk) -> String {
    if r.failed > 0 {
        format!(" ({} failed)", r.failed)
    } else {
        String::new()
    }
}

/// The data version and sizes the database holds, if any.
async fn loaded(pool: &AnyPool) -> anyhow::Result<Option<(i64, i64, i64)>> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_data (version BIGINT, open BIGINT, closed BIGINT)",
    )
    .execute(pool)
    .await?;
    let row = sqlx::query("SELECT version, open, closed FROM bench_data")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| (r.get(0), r.get(1), r.get(2))))
}

/// Empties the vacancies and loads the generated table, 500 rows to a statement.
async fn load(pool: &AnyPool, config: &Config, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for sql in [
        "DELETE FROM bench_data",
        "DELETE FROM vacancies",
        "DELETE FROM employers WHERE id LIKE 'bench-%'",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    for chunk in (0..EMPLOYERS).collect::<Vec<_>>().chunks(500) {
        let sql = format!(
            "INSERT INTO employers (id, bin, kind, name, region_code, district_code, locality_code, created_by, created_at) VALUES {}",
            rows_of(chunk.len(), 9)
        );
        let mut q = sqlx::query(&sql);
        for n in chunk {
            q = q
                .bind(format!("bench-{n}"))
                .bind(format!("9{n:011}"))
                .bind("legal_entity")
                .bind(format!("ТОО «Работодатель {n}»"))
                .bind("750000000")
                .bind("751000000")
                .bind("751010000")
                .bind("bench")
                .bind(ts(now));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let all = postings(SEED, config.open, config.closed);
    let mut batch: Vec<Posting> = Vec::with_capacity(500);
    let mut n = 0usize;
    let mut tx = pool.begin().await?;
    for p in all {
        batch.push(p);
        if batch.len() == 500 {
            insert(&mut tx, &batch, n, now).await?;
            n += batch.len();
            batch.clear();
            if n.is_multiple_of(20_000) {
                tx.commit().await?;
                tx = pool.begin().await?;
            }
        }
    }
    insert(&mut tx, &batch, n, now).await?;
    sqlx::query("INSERT INTO bench_data (version, open, closed) VALUES ($1, $2, $3)")
        .bind(DATA_VERSION)
        .bind(config.open as i64)
        .bind(config.closed as i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    batch: &[Posting],
    first: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let midnight = now.date_naive().and_time(NaiveTime::MIN).and_utc();
    let sql = format!(
        "INSERT INTO vacancies (id, employer_id, title, occupation_code, positions, positions_open,
            salary_from, salary_to, work_regime, employment_type, skills, region_code, district_code,
            locality_code, description, search_text, title_text, arose_on, post_due_at, posted_at,
            valid_until, status, closed_at, changed_at, conditions) VALUES {}",
        rows_of(batch.len(), 25)
    );
    let mut q = sqlx::query(&sql);
    for (i, p) in batch.iter().enumerate() {
        let posted = midnight - Span::days(p.posted_days_ago) + Span::minutes(p.posted_minute);
        let (title_text, text) = search_texts(&p.title, &p.skills, &p.description);
        let open = p.status == "open";
        q = q
            .bind(format!("bench-{:08}", first + i))
            .bind(format!("bench-{}", p.employer))
            .bind(p.title.clone())
            .bind(p.occupation_code.clone())
            .bind(1i64)
            .bind(i64::from(open))
            .bind(p.salary_from)
            .bind(p.salary_to)
            .bind(p.work_regime)
            .bind(p.employment_type)
            .bind(serde_json::to_string(&p.skills).unwrap_or_default())
            .bind(p.region_code.clone())
            .bind(p.district_code.clone())
            .bind(p.locality_code.clone())
            .bind(p.description.clone())
            .bind(text)
            .bind(title_text)
            .bind(day(posted.date_naive()))
            .bind(ts(posted))
            .bind(ts(posted))
            .bind(day((midnight + Span::days(p.valid_for_days)).date_naive()))
            .bind(p.status)
            .bind((!open).then(|| ts(posted + Span::days(20))))
            .bind(ts(posted))
            .bind("[]");
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Bumped whenever the generated resumes or their loading change.
const RESUME_DATA_VERSION: i64 = 1;

/// The resumes' data version and count the database holds, if any.
async fn loaded_resumes(pool: &AnyPool) -> anyhow::Result<Option<(i64, i64)>> {
    sqlx::query("CREATE TABLE IF NOT EXISTS bench_resumes (version BIGINT, resumes BIGINT)")
        .execute(pool)
        .await?;
    let row = sqlx::query("SELECT version, resumes FROM bench_resumes")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// Empties the benchmark's people and loads the generated ones' resumes (four in five published,
/// saved a minute apart) with their accounts, 500 to a statement.
async fn load_resumes(pool: &AnyPool, count: usize, now: DateTime<Utc>) -> anyhow::Result<()> {
    let names: std::collections::HashMap<String, Vec<String>> =
        sqlx::query("SELECT code, name_ru, name_kk FROM occupations")
            .fetch_all(pool)
            .await?
            .iter()
            .map(|r| (r.get(0), vec![r.get(1), r.get(2)]))
            .collect();
    let mut tx = pool.begin().await?;
    for sql in [
        "DELETE FROM bench_resumes",
        "DELETE FROM resumes WHERE account_id LIKE 'bench-%'",
        "DELETE FROM sessions WHERE account_id LIKE 'bench-%'",
        "DELETE FROM account_roles WHERE account_id LIKE 'bench-%'",
        "DELETE FROM accounts WHERE id LIKE 'bench-%'",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    let people = enbek_bench::generate(SEED, count, 0).people;
    for (c, chunk) in people.chunks(500).enumerate() {
        let first = c * 500;
        let sql = format!(
            "INSERT INTO accounts (id, login, password_hash, created_at) VALUES {}",
            rows_of(chunk.len(), 4)
        );
        let mut q = sqlx::query(&sql);
        for n in first..first + chunk.len() {
            q = q
                .bind(format!("bench-p{n:08}"))
                .bind(format!("bench-p{n:08}"))
                .bind("-")
                .bind(ts(now));
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO resumes (account_id, occupation_codes, experience_years, education_level,
                skills, desired_salary, work_regime, locality_code, district_prefix, languages,
                willing_to_relocate, published, updated_at, health_restrictions, search_text)
             VALUES {}",
            rows_of(chunk.len(), 15)
        );
        let mut q = sqlx::query(&sql);
        for (i, p) in chunk.iter().enumerate() {
            let n = first + i;
            let codes: Vec<String> = p
                .occupations
                .iter()
                .map(|o| format!("{:04}", o.unit()))
                .collect();
            let occupation_names: Vec<String> = codes
                .iter()
                .flat_map(|c| names.get(c).cloned().unwrap_or_default())
                .collect();
            q = q
                .bind(format!("bench-p{n:08}"))
                .bind(serde_json::to_string(&codes)?)
                .bind(i64::from(p.experience_years))
                .bind(p.education_level.map(|e| e.code()))
                .bind(serde_json::to_string(&p.skills)?)
                .bind(p.desired_salary.map(|pay| pay as i64))
                .bind(p.work_regime.map(|w| w.code()))
                .bind(p.locality_code.clone())
                .bind(p.locality_code[..3].to_string())
                .bind(r#"["kk","ru"]"#)
                .bind(i64::from(p.willing_to_relocate))
                .bind(i64::from(n % 5 != 0))
                .bind(ts(now - Span::minutes(n as i64)))
                .bind("[]")
                .bind(resume_search_text(&occupation_names, &p.skills));
        }
        q.execute(&mut *tx).await?;
        if (first + chunk.len()).is_multiple_of(20_000) {
            tx.commit().await?;
            tx = pool.begin().await?;
        }
    }
    sqlx::query("INSERT INTO bench_resumes (version, resumes) VALUES ($1, $2)")
        .bind(RESUME_DATA_VERSION)
        .bind(count as i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

/// A career center's specialist signed in with `READER_TOKEN` (its session written as the
/// service writes one: the token's hash), for the resume searches.
async fn reader(pool: &AnyPool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for sql in [
        "DELETE FROM sessions WHERE account_id = 'bench-reader'",
        "DELETE FROM account_roles WHERE account_id = 'bench-reader'",
        "DELETE FROM accounts WHERE id = 'bench-reader'",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO accounts (id, login, password_hash, created_at)
         VALUES ('bench-reader', 'bench-reader', '-', $1)",
    )
    .bind(ts(now))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO account_roles (account_id, role, organization_id)
         VALUES ('bench-reader', 'career_center_specialist', 'cc-astana-saryarka')",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at)
         VALUES ($1, 'bench-reader', $2, $3)",
    )
    .bind(token_hash(READER_TOKEN))
    .bind(ts(now))
    .bind(ts(now + Span::days(1)))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Writes a vacancy as another server would (its revision taken from the counter) and measures
/// how soon this server's search finds it.
async fn freshness(
    pool: &AnyPool,
    server: &Server,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> anyhow::Result<Duration> {
    let word = format!("дегустатор{}", now.timestamp() % 100_000);
    let mut tx = pool.begin().await?;
    let revision: i64 = sqlx::query(
        "UPDATE change_counters SET value = value + 1 WHERE name = 'vacancies' RETURNING value",
    )
    .fetch_one(&mut *tx)
    .await?
    .get(0);
    let (title_text, text) = search_texts(&word, &[], "Проверка свежести");
    sqlx::query(
        "INSERT INTO vacancies (id, employer_id, title, occupation_code, positions, positions_open,
            salary_from, salary_to, work_regime, employment_type, skills, region_code, district_code,
            locality_code, description, search_text, title_text, arose_on, post_due_at, posted_at,
            valid_until, status, changed_at, conditions, revision)
         VALUES ($1, 'bench-0', $2, '7515', 1, 1, 200000, NULL, 'full_time', 'permanent', '[]',
            '750000000', '751000000', '751010000', 'Проверка свежести', $3, $4, $5, $6, $6, $7,
            'open', $6, '[]', $8)",
    )
    .bind(format!("bench-fresh-{revision}"))
    .bind(&word)
    .bind(text)
    .bind(title_text)
    .bind(day(today))
    .bind(ts(now))
    .bind(day(today + Span::days(30)))
    .bind(revision)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let written = Instant::now();
    let client = reqwest::Client::new();
    loop {
        let found: serde_json::Value = client
            .get(format!(
                "{}{}",
                server.base,
                encoded(&format!("/api/v1/vacancies?q={word}"))
            ))
            .send()
            .await?
            .json()
            .await?;
        if found.as_array().is_some_and(|l| !l.is_empty()) {
            return Ok(written.elapsed());
        }
        anyhow::ensure!(written.elapsed() < Duration::from_secs(10), "never found");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The release server, with its log to read the indexes' builds from.
struct Server {
    served: served::Server,
    log: PathBuf,
}

impl std::ops::Deref for Server {
    type Target = served::Server;

    fn deref(&self) -> &served::Server {
        &self.served
    }
}

impl Server {
    fn start(url: &str, search: &str, log: &Path) -> anyhow::Result<Server> {
        let env = [
            ("ENBEK_VACANCY_SEARCH", search),
            ("RUST_LOG", "warn,enbek::mediation::index=info"),
        ];
        Ok(Server {
            served: served::Server::start(url, log, &env)?,
            log: log.to_path_buf(),
        })
    }

    /// How long after `started` an index (`vacancy_search`, `resume_search`) was built (its log
    /// line).
    async fn index_ready(&self, started: Instant, index: &str) -> anyhow::Result<Duration> {
        while self.index_built(index).is_err() {
            anyhow::ensure!(started.elapsed() < Duration::from_secs(600), "no {index}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(started.elapsed())
    }

    /// The rows, milliseconds and bytes of an index's build, from the server's log.
    fn index_built(&self, index: &str) -> anyhow::Result<(u64, u64, u64)> {
        let log = std::fs::read_to_string(&self.log)?;
        let entry = log
            .lines()
            .filter(|l| l.contains("index built"))
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .rfind(|e| e["fields"]["index"] == index)
            .ok_or_else(|| anyhow::anyhow!("no build of {index} in the log"))?;
        let field = |name: &str| entry["fields"][name].as_u64().unwrap_or(0);
        Ok((field("rows"), field("took_ms"), field("bytes")))
    }

    fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

/// What one wrk run measured: latencies in seconds, requests per second, failed requests.
struct Wrk {
    p50: f64,
    p99: f64,
    per_second: f64,
    failed: u64,
}

fn wrk(
    base: &str,
    path: &str,
    threads: u32,
    connections: u32,
    seconds: u64,
) -> anyhow::Result<Wrk> {
    // The resume search is for signed-in readers only.
    let signed_in = path.starts_with("/api/v1/resumes").then(|| {
        [
            "-H".to_string(),
            format!("Authorization: Bearer {READER_TOKEN}"),
        ]
    });
    let out = Command::new("wrk")
        .args(signed_in.into_iter().flatten())
        .args([
            format!("-t{threads}"),
            format!("-c{connections}"),
            format!("-d{seconds}s"),
            "--timeout".into(),
            "60s".into(),
            "--latency".into(),
            format!("{base}{path}"),
        ])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let value = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(prefix))
            .map(|v| v.trim().to_string())
    };
    let seconds_of = |v: Option<String>| -> f64 {
        let v = v.unwrap_or_default();
        let (number, unit): (String, String) =
            v.chars().partition(|c| c.is_ascii_digit() || *c == '.');
        let n: f64 = number.parse().unwrap_or(f64::NAN);
        match unit.as_str() {
            "us" => n / 1e6,
            "ms" => n / 1e3,
            "s" => n,
            "m" => n * 60.0,
            _ => f64::NAN,
        }
    };
    let failed = value("Non-2xx or 3xx responses:")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        + value("Socket errors:")
            .map(|v| {
                v.split(',')
                    .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                    .sum()
            })
            .unwrap_or(0);
    Ok(Wrk {
        p50: seconds_of(value("50%")),
        p99: seconds_of(value("99%")),
        per_second: value("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        failed,
    })
}
