//! Registration as a job seeker on the portal under load (the goal: 500 applications a second
//! on PostgreSQL with the registry simulator, and nothing lost). A fresh database is seeded with
//! SQL: citizens signed in (an account with the citizen role and its IIN proven by SMS, a live
//! session) whom the registry simulator knows as eligible (the API tests' person). The release
//! server runs as a user starts it, in development mode (the demo career centers, the
//! development CA signing the decisions' documents, notices kept in the outbox), and `wrk`
//! (`registration.lua`) posts each applicant's application once with 8, 16 and 32 connections,
//! each run on applicants of its own, at the Kokshetau career center: applications per second
//! (answered 201, from the first posted to the last answer), p50 and p99, the answers by status.
//! After the posting every application is answered; then the background worker is waited for
//! until no stored job the applications left is due, and the time it took after the last answer
//! is told. The CPU the server and PostgreSQL's backends spent from wrk's start until then, per
//! application, gives the rate the machine's cores allow. The answers are held against the
//! database: every registration answered 201 must be in it, and the new rows of `registrations`
//! and `persons` must equal the 201 answers and the `job_seeker` ones (else the bench fails). On
//! PostgreSQL the rows each table gained per application are counted too.
//!
//! `scripts/bench-registration` (installs wrk when absent), or
//! `cargo bench -p enbek --bench registration`.
//!
//! By environment: ENBEK_BENCH_APPLICANTS (40,000: shared by the runs, none applies twice),
//! ENBEK_BENCH_SECONDS (10, of applications per run), ENBEK_BENCH_CONNECTIONS (`8,16,32`),
//! ENBEK_BENCH_BACKENDS (`postgres,sqlite`), ENBEK_BENCH_POSTGRES (an administrative URL; the
//! database `enbek_registration_bench` beside it is dropped and created for each run).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, NaiveDate, Utc};
use enbek::accounts::service::accounts::TERMS_VERSION;
use enbek::platform::auth::token_hash;
use enbek::platform::db::ts;
use enbek_bench::env_number as number;
use enbek_bench::rows_of;
use enbek_domain::ids::Iin;
use enbek_domain::registry::RegistryPerson;
use serde_json::json;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

mod served;
use served::Server;

struct Config {
    applicants: usize,
    seconds: u64,
    connections: Vec<u32>,
    backends: Vec<String>,
    postgres: String,
}

impl Config {
    fn from_env() -> anyhow::Result<Config> {
        let list = |name: &str, default: &str| -> Vec<String> {
            std::env::var(name)
                .unwrap_or_else(|_| default.into())
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        Ok(Config {
            applicants: number("ENBEK_BENCH_APPLICANTS", 40_000),
            seconds: number("ENBEK_BENCH_SECONDS", 10) as u64,
            connections: list("ENBEK_BENCH_CONNECTIONS", "8,16,32")
                .iter()
                .map(|c| c.parse())
                .collect::<Result<_, _>>()?,
            backends: list("ENBEK_BENCH_BACKENDS", "postgres,sqlite"),
            postgres: std::env::var("ENBEK_BENCH_POSTGRES")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
        })
    }
}

/// The benchmark's own PostgreSQL database, created afresh for each run.
const DATABASE: &str = "enbek_registration_bench";
/// wrk's client, written beside the runs' files.
const SCRIPT: &str = include_str!("registration.lua");
/// wrk's threads.
const THREADS: u32 = 2;
/// How long wrk runs after the applications stop, for the answers still due.
const GRACE_SECONDS: u64 = 3;
/// Development mode needs the administrator's password.
const ADMIN_PASSWORD: &str = "bench-admin-pass-1";
/// Applicants born on one day (the IIN's serials of a day are 10,000).
const PER_DAY: usize = 1_000;
/// How long the stored jobs the applications left are waited for.
const DRAIN_LIMIT: Duration = Duration::from_secs(300);
/// Linux's clock ticks a second in `/proc/*/stat` (`getconf CLK_TCK`).
const TICKS: f64 = 100.0;

fn main() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    anyhow::ensure!(
        Command::new("wrk").arg("--version").output().is_ok(),
        "wrk is not installed: scripts/bench-registration installs it (apt-get install wrk)"
    );
    anyhow::ensure!(
        !config.connections.is_empty() && config.applicants >= config.connections.len(),
        "ENBEK_BENCH_CONNECTIONS names no run, or ENBEK_BENCH_APPLICANTS is too small"
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("registration-bench");
    std::fs::create_dir_all(&dir)?;
    let script = dir.join("registration.lua");
    std::fs::write(&script, SCRIPT)?;
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Runtime::new()?;
    println!(
        "# Registration as a job seeker on the portal: {} applicants, {} s of applications per \
         wrk run ({} threads; connections {:?}), the registry simulator\n",
        config.applicants, config.seconds, THREADS, config.connections
    );
    let mut runs = Vec::new();
    for backend in &config.backends {
        let url = match backend.as_str() {
            "sqlite" => sqlite_database(&dir)?,
            "postgres" => runtime.block_on(common::fresh_postgres(&config.postgres, DATABASE))?,
            other => anyhow::bail!("unknown backend {other}"),
        };
        println!("## {backend}\n");
        runs.extend(runtime.block_on(bench(&config, backend, &url, &dir, &script))?);
    }
    summary(&runs);
    anyhow::ensure!(
        runs.iter().all(Run::nothing_lost),
        "applications were lost or left unanswered: see above"
    );
    Ok(())
}

/// A fresh SQLite file.
fn sqlite_database(dir: &Path) -> anyhow::Result<String> {
    let file = dir.join("enbek.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    Ok(format!("sqlite://{}", file.display()))
}

async fn bench(
    config: &Config,
    backend: &str,
    url: &str,
    dir: &Path,
    script: &Path,
) -> anyhow::Result<Vec<Run>> {
    let log = dir.join(format!("{backend}.log"));
    // The development CA lives in the database: the organisations' keys go with it.
    let signing = dir.join(format!("signing-{backend}"));
    let _ = std::fs::remove_dir_all(&signing);
    // The first start migrates the database.
    let server = start_server(url, &log, &signing)?;
    server.ready().await?;
    drop(server);

    let pool = AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await?;
    let started = Instant::now();
    let applicants = applicants(config.applicants)?;
    seed(&pool, &applicants, Utc::now()).await?;
    pool.close().await;
    println!(
        "Seeded {} applicants (accounts with the IIN proven, sessions, registry persons) in \
         {:.1} s.\n",
        applicants.len(),
        started.elapsed().as_secs_f64()
    );
    let postgres = url.starts_with("postgres");
    let writes_before = if postgres {
        table_writes(url).await?
    } else {
        HashMap::new()
    };

    // The monitor: one connection, so that its backend is known and left out of the CPU counts.
    let monitor = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await?;
    let server = start_server(url, &log, &signing)?;
    server.ready().await?;
    let per_run = applicants.len() / config.connections.len();
    let mut runs = Vec::new();
    for (k, &connections) in config.connections.iter().enumerate() {
        let slice = &applicants[k * per_run..(k + 1) * per_run];
        let run = run(
            config,
            &server,
            &monitor,
            postgres,
            script,
            dir,
            (backend, connections),
            slice,
        )
        .await?;
        run.print();
        runs.push(run);
    }
    drop(server);
    monitor.close().await;

    if postgres {
        let created: u64 = runs.iter().map(Run::created).sum();
        let after = table_writes(url).await?;
        print_writes(&writes_before, &after, created);
    }
    Ok(runs)
}

/// One wrk run on `slice`, then its answers held against the database.
#[allow(clippy::too_many_arguments)]
async fn run(
    config: &Config,
    server: &Server,
    monitor: &AnyPool,
    postgres: bool,
    script: &Path,
    dir: &Path,
    (backend, connections): (&str, u32),
    slice: &[Applicant],
) -> anyhow::Result<Run> {
    let applicants_file = dir.join(format!("applicants-{backend}-{connections}.txt"));
    let lines: String = slice
        .iter()
        .map(|a| format!("{} {}\n", a.token, a.iin))
        .collect();
    std::fs::write(&applicants_file, lines)?;
    let answered_file = dir.join(format!("answered-{backend}-{connections}.txt"));
    let _ = std::fs::remove_file(&answered_file);

    // The tables as the runs before left them are analysed, as autovacuum keeps a real
    // database's statistics: without it PostgreSQL plans the new rows as the empty tables the
    // seeding left (sequential scans of `jobs` for a pending job by its payload).
    sqlx::query("ANALYZE").execute(monitor).await?;
    let registrations_before = count(monitor, "SELECT COUNT(*) FROM registrations").await?;
    let persons_before = count(monitor, "SELECT COUNT(*) FROM persons").await?;
    let before = Cpu::read(server, monitor, postgres).await?;
    // While wrk runs, the stored jobs due are sampled, to tell when the worker caught up.
    let started = Instant::now();
    let mut child = wrk_command(
        &server.base,
        script,
        connections,
        config.seconds,
        &applicants_file,
        &answered_file,
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()?;
    let mut due = Vec::new();
    while child.try_wait()?.is_none() {
        due.push((Instant::now(), jobs_due(monitor).await?));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let wrk = wrk_report(child.wait_with_output()?)?;
    let last_answer = started + Duration::from_secs_f64(wrk.window);
    let drained = match due.iter().find(|(at, n)| *at >= last_answer && *n == 0) {
        Some((at, _)) => Some(at.duration_since(last_answer).as_secs_f64()),
        None => no_job_due(monitor)
            .await?
            .then(|| last_answer.elapsed().as_secs_f64()),
    };
    // The CPU of the applications' work in all, the worker's included.
    let after = Cpu::read(server, monitor, postgres).await?;
    let failed_jobs = failed_jobs(monitor).await?;

    let registrations = count(monitor, "SELECT COUNT(*) FROM registrations").await?;
    let persons = count(monitor, "SELECT COUNT(*) FROM persons").await?;
    let stored: HashSet<String> = sqlx::query("SELECT id FROM registrations")
        .fetch_all(monitor)
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let answered = std::fs::read_to_string(&answered_file)?;
    let missing = answered.lines().filter(|id| !stored.contains(*id)).count();
    Ok(Run {
        backend: backend.to_string(),
        connections,
        registrations: registrations - registrations_before,
        persons: persons - persons_before,
        missing,
        server_cpu: after.server - before.server,
        database_cpu: postgres.then(|| {
            after
                .database
                .iter()
                .map(|(pid, s)| s - before.database.get(pid).unwrap_or(&0.0))
                .sum()
        }),
        wrk_cpu: after.children - before.children,
        drained,
        failed_jobs,
        wrk,
    })
}

/// The stored jobs due now (the notices to deliver, the documents', the verifications' and the
/// selections' jobs the applications left).
async fn jobs_due(monitor: &AnyPool) -> anyhow::Result<i64> {
    Ok(
        sqlx::query("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND due_at <= $1")
            .bind(ts(Utc::now()))
            .fetch_one(monitor)
            .await?
            .get(0),
    )
}

/// Waits until no stored job is due; false past `DRAIN_LIMIT`.
async fn no_job_due(monitor: &AnyPool) -> anyhow::Result<bool> {
    let started = Instant::now();
    while jobs_due(monitor).await? > 0 {
        if started.elapsed() > DRAIN_LIMIT {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(true)
}

/// The jobs that failed and wait to be retried, with an error of theirs.
async fn failed_jobs(monitor: &AnyPool) -> anyhow::Result<(i64, Option<String>)> {
    let failed = sqlx::query(
        "SELECT COUNT(*), MIN(last_error) FROM jobs WHERE done_at IS NULL AND last_error IS NOT NULL",
    )
    .fetch_one(monitor)
    .await?;
    Ok((failed.get(0), failed.get(1)))
}

async fn count(pool: &AnyPool, sql: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query(sql).fetch_one(pool).await?.get(0))
}

/// A citizen who applies: the session's token and the IIN the account has proven.
struct Applicant {
    token: String,
    iin: String,
    birth_date: NaiveDate,
}

/// `count` applicants with valid IINs: men born from 1 January 1980, `PER_DAY` a day.
fn applicants(count: usize) -> anyhow::Result<Vec<Applicant>> {
    let first_day = NaiveDate::from_ymd_opt(1980, 1, 1).expect("a date");
    let mut all = Vec::with_capacity(count);
    let mut day = 0;
    while all.len() < count {
        let birth_date = first_day + Span::days(day);
        let born = birth_date.format("%y%m%d").to_string();
        let of_day = (0..10_000u32)
            .filter_map(|serial| {
                let body = format!("{born}3{serial:04}");
                check_digit(&body).map(|c| format!("{body}{c}"))
            })
            .take(PER_DAY.min(count - all.len()));
        for iin in of_day {
            Iin::parse(&iin)?;
            all.push(Applicant {
                token: uuid::Uuid::new_v4().simple().to_string(),
                iin,
                birth_date,
            });
        }
        day += 1;
    }
    Ok(all)
}

/// The check digit of the first 11 digits by the IIN check-digit rule (docs/RULES.md), if there
/// is one.
fn check_digit(body: &str) -> Option<u32> {
    let d: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum = |w: &[u32]| d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11;
    let mut r = sum(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if r == 10 {
        r = sum(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    (r < 10).then_some(r)
}

/// The registry simulator's record of an applicant: the API tests' person (of working age, not
/// employed, no bar), born on the IIN's date.
fn registry_person(a: &Applicant) -> anyhow::Result<String> {
    let person: RegistryPerson = serde_json::from_value(json!({
        "iin": a.iin, "last_name": "Ахметов", "first_name": "Ерлан", "middle_name": "Серикович",
        "birth_date": a.birth_date, "sex": "male", "region_code": "110000000",
        "district_code": "111000000", "locality_code": "111010000", "employed": false,
        "entrepreneur": false, "pensioner": false, "student": false, "sentences": [],
        "disability_group": null, "contribution_months": ["2025-12", "2026-01"],
        "phones": ["+77011234567"]
    }))?;
    Ok(serde_json::to_string(&person)?)
}

/// The applicants' accounts (the citizen role, the IIN proven by SMS), their sessions (the
/// token's hash, as the service writes one) and their registry records, 500 to a statement.
async fn seed(pool: &AnyPool, applicants: &[Applicant], now: DateTime<Utc>) -> anyhow::Result<()> {
    let account = |n: usize| format!("bench-a{n:06}");
    let mut tx = pool.begin().await?;
    for (c, chunk) in applicants.chunks(500).enumerate() {
        let first = c * 500;
        let sql = format!(
            "INSERT INTO accounts (id, login, password_hash, terms_accepted_at, terms_version,
                iin, iin_proof_method, iin_proven_at, created_at) VALUES {}",
            rows_of(chunk.len(), 9)
        );
        let mut q = sqlx::query(&sql);
        for (i, a) in chunk.iter().enumerate() {
            q = q
                .bind(account(first + i))
                .bind(account(first + i))
                .bind("-")
                .bind(ts(now))
                .bind(TERMS_VERSION)
                .bind(a.iin.clone())
                .bind("sms")
                .bind(ts(now))
                .bind(ts(now));
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO account_roles (account_id, role, organization_id) VALUES {}",
            rows_of(chunk.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for i in 0..chunk.len() {
            q = q
                .bind(account(first + i))
                .bind("citizen")
                .bind(None::<String>);
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES {}",
            rows_of(chunk.len(), 4)
        );
        let mut q = sqlx::query(&sql);
        for (i, a) in chunk.iter().enumerate() {
            q = q
                .bind(token_hash(&a.token))
                .bind(account(first + i))
                .bind(ts(now))
                .bind(ts(now + Span::days(1)));
        }
        q.execute(&mut *tx).await?;
        let sql = format!(
            "INSERT INTO registry_persons (iin, data, updated_at) VALUES {}",
            rows_of(chunk.len(), 3)
        );
        let mut q = sqlx::query(&sql);
        for a in chunk {
            q = q
                .bind(a.iin.clone())
                .bind(registry_person(a)?)
                .bind(ts(now));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok(())
}

/// The rows inserted, updated and deleted in each table of the database so far (PostgreSQL's
/// statistics, read on a connection of its own once the writers' have closed and reported).
async fn table_writes(url: &str) -> anyhow::Result<HashMap<String, [i64; 3]>> {
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await?;
    let rows = sqlx::query(
        "SELECT relname::text, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables",
    )
    .fetch_all(&pool)
    .await?;
    pool.close().await;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), [r.get(1), r.get(2), r.get(3)]))
        .collect())
}

/// The rows each table gained per application answered 201 (the server's start, which upserts
/// the reference data, and the background worker's work included).
fn print_writes(before: &HashMap<String, [i64; 3]>, after: &HashMap<String, [i64; 3]>, apps: u64) {
    let per = |n: i64| n as f64 / apps.max(1) as f64;
    let mut tables: Vec<(&String, [f64; 3])> = after
        .iter()
        .map(|(name, a)| {
            let b = before.get(name).copied().unwrap_or_default();
            (name, [per(a[0] - b[0]), per(a[1] - b[1]), per(a[2] - b[2])])
        })
        .filter(|(_, w)| w.iter().sum::<f64>() >= 0.2)
        .collect();
    tables.sort_by(|a, b| {
        let sum = |w: &[f64; 3]| w.iter().sum::<f64>();
        sum(&b.1).total_cmp(&sum(&a.1)).then(a.0.cmp(b.0))
    });
    println!("Rows written per application answered 201 ({apps} in all), by table:\n");
    println!("| table | inserted | updated | deleted |");
    println!("| --- | --- | --- | --- |");
    let mut total = [0.0; 3];
    for (name, w) in &tables {
        println!("| {name} | {:.2} | {:.2} | {:.2} |", w[0], w[1], w[2]);
        for (t, x) in total.iter_mut().zip(w) {
            *t += x;
        }
    }
    println!(
        "| **all** | {:.2} | {:.2} | {:.2} |\n",
        total[0], total[1], total[2]
    );
}

/// CPU seconds so far: the server's, each PostgreSQL backend's on the benchmark's database
/// (the monitor's left out), and this process's waited-for children's (wrk).
struct Cpu {
    server: f64,
    database: HashMap<i64, f64>,
    children: f64,
}

impl Cpu {
    async fn read(server: &Server, monitor: &AnyPool, postgres: bool) -> anyhow::Result<Cpu> {
        let mut database = HashMap::new();
        if postgres {
            let pids: Vec<i64> = sqlx::query(
                "SELECT pid::bigint FROM pg_stat_activity
                 WHERE datname = $1 AND pid <> pg_backend_pid()",
            )
            .bind(DATABASE)
            .fetch_all(monitor)
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
            for pid in pids {
                let fields = stat_fields(&pid.to_string());
                database.insert(pid, ticks(&fields, 11) + ticks(&fields, 12));
            }
        }
        let server_fields = stat_fields(&server.child.id().to_string());
        let own = stat_fields("self");
        Ok(Cpu {
            server: ticks(&server_fields, 11) + ticks(&server_fields, 12),
            database,
            children: ticks(&own, 13) + ticks(&own, 14),
        })
    }
}

/// The fields of `/proc/<pid>/stat` after the command's name (the first is the state).
fn stat_fields(pid: &str) -> Vec<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Field `i` of `stat_fields` (clock ticks) in seconds.
fn ticks(fields: &[String], i: usize) -> f64 {
    fields
        .get(i)
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / TICKS
}

/// What one wrk run measured, as `registration.lua` reports it.
struct Wrk {
    posted: u64,
    registered: u64,
    other_created: u64,
    failed: u64,
    exhausted: bool,
    /// From the first application posted to the last answer, in seconds.
    window: f64,
    p50: f64,
    p99: f64,
    socket_errors: u64,
    timeouts: u64,
    /// The first answer other than 201 `job_seeker` of each thread.
    samples: Vec<String>,
}

/// wrk with `registration.lua`: `seconds` of applications, then `GRACE_SECONDS` for the answers.
fn wrk_command(
    base: &str,
    script: &Path,
    connections: u32,
    seconds: u64,
    applicants: &Path,
    answered: &Path,
) -> Command {
    let mut command = Command::new("wrk");
    command.args([
        format!("-t{THREADS}"),
        format!("-c{connections}"),
        format!("-d{}s", seconds + GRACE_SECONDS),
        "--timeout".into(),
        "60s".into(),
        "-s".into(),
        script.display().to_string(),
        format!("{base}/api/v1/registrations"),
        "--".into(),
        applicants.display().to_string(),
        THREADS.to_string(),
        seconds.to_string(),
        answered.display().to_string(),
    ]);
    command
}

/// What `registration.lua` printed when wrk was done.
fn wrk_report(out: std::process::Output) -> anyhow::Result<Wrk> {
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "wrk reported nothing: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
    let fields: HashMap<&str, f64> = line
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
        .collect();
    let field = |name: &str| fields.get(name).copied().unwrap_or(0.0);
    Ok(Wrk {
        posted: field("posted") as u64,
        registered: field("registered") as u64,
        other_created: field("other_created") as u64,
        failed: field("failed") as u64,
        exhausted: field("exhausted") > 0.0,
        window: field("window_ms") / 1000.0,
        p50: field("p50_us") / 1e6,
        p99: field("p99_us") / 1e6,
        socket_errors: field("socket_errors") as u64,
        timeouts: field("timeouts") as u64,
        samples: text
            .lines()
            .filter_map(|l| l.strip_prefix("SAMPLE "))
            .map(|s| s.chars().take(400).collect())
            .collect(),
    })
}

/// One run's figures.
struct Run {
    backend: String,
    connections: u32,
    wrk: Wrk,
    /// The rows `registrations` and `persons` gained.
    registrations: i64,
    persons: i64,
    /// Registrations answered 201 that the database does not hold.
    missing: usize,
    /// CPU seconds from wrk's start until no stored job was due.
    server_cpu: f64,
    database_cpu: Option<f64>,
    wrk_cpu: f64,
    /// Seconds after the last answer until no stored job was due; None past `DRAIN_LIMIT`.
    drained: Option<f64>,
    /// Jobs waiting to be retried after a failure, and an error of theirs.
    failed_jobs: (i64, Option<String>),
}

impl Run {
    fn created(&self) -> u64 {
        self.wrk.registered + self.wrk.other_created
    }

    fn answered(&self) -> u64 {
        self.created() + self.wrk.failed
    }

    fn per_second(&self) -> f64 {
        self.created() as f64 / self.wrk.window.max(1e-3)
    }

    /// CPU milliseconds per application answered 201.
    fn per_application(&self, seconds: f64) -> String {
        format!("{:.2} ms", seconds * 1000.0 / self.created().max(1) as f64)
    }

    /// The applications a second this machine's cores allow at the server's and the database
    /// backends' CPU per application (an upper bound: wrk, the kernel's other work and
    /// PostgreSQL's own processes left out).
    fn ceiling(&self) -> f64 {
        let per =
            (self.server_cpu + self.database_cpu.unwrap_or(0.0)) / self.created().max(1) as f64;
        cores() as f64 / per.max(1e-9)
    }

    /// Every application answered, every 201 in the database, and no row without its answer.
    fn nothing_lost(&self) -> bool {
        self.missing == 0
            && self.answered() == self.wrk.posted
            && self.registrations == self.created() as i64
            && self.persons == self.wrk.registered as i64
    }

    fn print(&self) {
        let w = &self.wrk;
        println!("### {} connections\n", self.connections);
        println!(
            "{} applications posted in {:.1} s: **{:.0} applications/s** answered 201 (p50 {}, \
             p99 {}); 201 `job_seeker` {}, 201 with another status {}, not 201 {}.",
            w.posted,
            w.window,
            self.per_second(),
            ms(w.p50),
            ms(w.p99),
            w.registered,
            w.other_created,
            w.failed
        );
        println!(
            "In the database: {} new registrations, {} new cards; {} registrations answered 201 \
             missing. {}",
            self.registrations,
            self.persons,
            self.missing,
            if self.nothing_lost() {
                "Nothing lost."
            } else {
                "**Applications lost or unanswered.**"
            }
        );
        println!(
            "CPU per application: server {}, PostgreSQL backends {}, wrk {}: {} cores allow at \
             most {:.0} applications/s. {}",
            self.per_application(self.server_cpu),
            self.database_cpu
                .map_or("-".into(), |s| self.per_application(s)),
            self.per_application(self.wrk_cpu),
            cores(),
            self.ceiling(),
            match self.drained {
                Some(s) => format!(
                    "The background worker had done the stored jobs due {s:.1} s after the last \
                     answer."
                ),
                None => format!(
                    "**Stored jobs were still due {} s after the last answer.**",
                    DRAIN_LIMIT.as_secs() + GRACE_SECONDS
                ),
            }
        );
        if self.failed_jobs.0 > 0 {
            println!(
                "**{} stored jobs failed** and wait to be retried, e.g.: {}",
                self.failed_jobs.0,
                self.failed_jobs.1.as_deref().unwrap_or_default()
            );
        }
        if w.exhausted {
            println!(
                "**The applicants ran out before the seconds did**: raise ENBEK_BENCH_APPLICANTS."
            );
        }
        if w.socket_errors + w.timeouts > 0 {
            println!(
                "**wrk: {} socket errors, {} timeouts.**",
                w.socket_errors, w.timeouts
            );
        }
        for s in &w.samples {
            println!("\nAn answer other than 201 `job_seeker`: `{s}`");
        }
        println!();
    }
}

/// The machine's cores.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn ms(seconds: f64) -> String {
    format!("{:.1} ms", seconds * 1000.0)
}

/// The runs as one markdown table.
fn summary(runs: &[Run]) {
    println!("## Summary\n");
    println!(
        "| backend | connections | applications/s | p50 | p99 | 201 job_seeker | 201 other | not 201 | \
         new registrations | new cards | answered but missing | server CPU/app. | PostgreSQL CPU/app. | \
         wrk CPU/app. | CPU ceiling/s | jobs done after the last answer |"
    );
    println!("|{}", " --- |".repeat(16));
    for r in runs {
        println!(
            "| {} | {} | {:.0} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {} |",
            r.backend,
            r.connections,
            r.per_second(),
            ms(r.wrk.p50),
            ms(r.wrk.p99),
            r.wrk.registered,
            r.wrk.other_created,
            r.wrk.failed,
            r.registrations,
            r.persons,
            r.missing,
            r.per_application(r.server_cpu),
            r.database_cpu.map_or("-".into(), |s| r.per_application(s)),
            r.per_application(r.wrk_cpu),
            r.ceiling(),
            r.drained
                .map_or_else(|| "not done".into(), |s| format!("{s:.1} s")),
        );
    }
    println!();
}

/// The release server in development mode: the demo career centers, the development signer
/// (each decision's documents signed), the registry simulator.
fn start_server(url: &str, log: &Path, signing: &Path) -> anyhow::Result<Server> {
    let signing = signing.to_string_lossy();
    Server::start(
        url,
        log,
        &[
            ("ENBEK_DEV", "true"),
            ("ENBEK_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("ENBEK_SIGNING_DIR", &signing),
            ("RUST_LOG", "warn"),
        ],
    )
}
