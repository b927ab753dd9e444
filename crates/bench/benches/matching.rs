//! The matching benchmark (214 p.36, 214 p.69 at national scale): on the synthetic national
//! dataset, the top-50 candidates for a vacancy and the top-50 vacancies for a resume from the
//! in-memory index, re-matching every vacancy on two threads, the index's memory, and the same
//! selections as SQL on PostgreSQL over the same data, checked equal and timed in the same run.
//!
//! `cargo bench -p enbek-bench` (sizes and the database by environment: see `Config`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use enbek_bench::{env_number as number, generate, skill_number, Dataset};
use enbek_domain::mediation::matching::index::{OpeningIndex, PersonIndex, Scratch};
use enbek_domain::mediation::matching::{district, Occupation, Opening, Seeker};
use enbek_domain::mediation::vacancy::{EducationLevel, WorkCondition, WorkRegime};
use sqlx::{Connection, PgConnection, Row};

const TOP: usize = 50;
const SEED: u64 = 20_261_129;
/// Bumped whenever the SQL schema changes, so that a loaded database is loaded again.
const SCHEMA_VERSION: i64 = 3;

struct Config {
    people: usize,
    vacancies: usize,
    /// Queries timed on the index, each way.
    queries: usize,
    /// Queries timed on PostgreSQL, each way (and checked equal to the index's answers).
    sql_queries: usize,
    /// An administrative connection to PostgreSQL; `none` skips the SQL comparison.
    database_url: Option<String>,
}

impl Config {
    fn from_env() -> Config {
        let url = std::env::var("ENBEK_BENCH_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        Config {
            people: number("ENBEK_BENCH_RESUMES", 1_000_000),
            vacancies: number("ENBEK_BENCH_VACANCIES", 200_000),
            queries: number("ENBEK_BENCH_QUERIES", 2_000),
            sql_queries: number("ENBEK_BENCH_SQL_QUERIES", 200),
            database_url: (url != "none").then_some(url),
        }
    }
}

/// Latencies of a sample, in order.
struct Sample(Vec<Duration>);

impl Sample {
    fn new(mut d: Vec<Duration>) -> Sample {
        d.sort();
        Sample(d)
    }

    fn at(&self, q: f64) -> Duration {
        let i = ((self.0.len() as f64 - 1.0) * q).round() as usize;
        self.0[i]
    }

    fn row(&self, what: &str) -> String {
        format!(
            "| {what} | {} | {} | {} | {} |",
            ms(self.at(0.5)),
            ms(self.at(0.99)),
            ms(*self.0.last().expect("a sample")),
            self.0.len()
        )
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Queries spread evenly over the data.
fn spread(total: usize, n: usize) -> Vec<usize> {
    (0..n.min(total))
        .map(|i| i * total / n.min(total))
        .collect()
}

fn resident_bytes() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<usize>().ok()
        })
        .map_or(0, |kb| kb * 1024)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{cpu}, {cores} cores available")
}

fn mib(bytes: usize) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let config = Config::from_env();
    println!("# Matching benchmark\n\nmachine: {}", machine());
    println!(
        "dataset: {} resumes, {} vacancies, seed {SEED}\n",
        config.people, config.vacancies
    );

    let started = Instant::now();
    let data = generate(SEED, config.people, config.vacancies);
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());

    let before = resident_bytes();
    let started = Instant::now();
    let people = PersonIndex::build(
        data.people
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, s)| (n as u32, s)),
    );
    let people_built = started.elapsed();
    let people_resident = resident_bytes().saturating_sub(before);
    let started = Instant::now();
    let vacancies = OpeningIndex::build(
        data.vacancies
            .iter()
            .cloned()
            .enumerate()
            .map(|(n, o)| (n as u32, o)),
    );
    let vacancies_built = started.elapsed();
    println!(
        "resume index: {} people, built in {:.1} s, {} counted, {} resident",
        people.len(),
        people_built.as_secs_f64(),
        mib(people.bytes()),
        mib(people_resident)
    );
    println!(
        "vacancy index: {} vacancies, built in {:.1} s, {} counted\n",
        vacancies.len(),
        vacancies_built.as_secs_f64(),
        mib(vacancies.bytes())
    );

    let mut scratch = Scratch::default();
    let candidates = Sample::new(
        spread(data.vacancies.len(), config.queries)
            .into_iter()
            .map(|i| {
                let t = Instant::now();
                let found = people.best_for(&data.vacancies[i], TOP, &mut scratch);
                std::hint::black_box(found);
                t.elapsed()
            })
            .collect(),
    );
    let offers = Sample::new(
        spread(data.people.len(), config.queries)
            .into_iter()
            .map(|i| {
                let t = Instant::now();
                let found = vacancies.best_for(&data.people[i], TOP, &mut scratch);
                std::hint::black_box(found);
                t.elapsed()
            })
            .collect(),
    );

    let threads = 2;
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    let matched: usize = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut scratch = Scratch::default();
                    let mut matched = 0;
                    loop {
                        let from = next.fetch_add(256, Ordering::Relaxed);
                        if from >= data.vacancies.len() {
                            return matched;
                        }
                        for o in &data.vacancies[from..(from + 256).min(data.vacancies.len())] {
                            matched += people.best_for(o, TOP, &mut scratch).len();
                        }
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).sum()
    });
    let rematch = started.elapsed();

    println!("| in-memory index, one core | median | p99 | max | queries |");
    println!("| --- | --- | --- | --- | --- |");
    println!("{}", candidates.row("top-50 candidates for a vacancy"));
    println!("{}", offers.row("top-50 vacancies for a resume"));
    println!(
        "\nre-matching all {} vacancies on {threads} threads: {:.1} s ({matched} matches)\n",
        data.vacancies.len(),
        rematch.as_secs_f64()
    );

    if let Some(url) = &config.database_url {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(compare_with_sql(
            url,
            &config,
            &data,
            &people,
            &vacancies,
            &candidates,
            &offers,
        ));
    }
}

fn regime_number(r: Option<WorkRegime>) -> i32 {
    r.and_then(|r| WorkRegime::ALL.iter().position(|x| *x == r))
        .map_or(0, |p| p as i32 + 1)
}

fn education_number(e: Option<EducationLevel>) -> i32 {
    e.and_then(|e| EducationLevel::ALL.iter().position(|x| *x == e))
        .map_or(0, |p| p as i32)
}

fn array(items: impl IntoIterator<Item = impl ToString>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    format!("{{{}}}", items.join(","))
}

fn sub_majors(occupations: &[Occupation]) -> Vec<u16> {
    let mut groups: Vec<u16> = occupations.iter().map(|o| o.unit() / 100).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

fn place(code: &str) -> i32 {
    code.parse().expect("a numeric territory code")
}

fn skill_numbers(skills: &[String]) -> Vec<i32> {
    skills.iter().map(|s| skill_number(s) as i32).collect()
}

const SCHEMA: &str = "
DROP TABLE IF EXISTS bench_meta, bench_resumes, bench_vacancies;
CREATE TABLE bench_meta (seed BIGINT, people BIGINT, vacancies BIGINT, schema BIGINT);
CREATE TABLE bench_resumes (id INT PRIMARY KEY, occupations INT[] NOT NULL, years INT NOT NULL,
    education INT NOT NULL, skills INT[] NOT NULL, asked_pay BIGINT, regime INT NOT NULL,
    district INT NOT NULL, locality INT NOT NULL, relocate BOOLEAN NOT NULL, sub_majors INT[] NOT NULL,
    avoid INT NOT NULL);
CREATE TABLE bench_vacancies (id INT PRIMARY KEY, occupation INT NOT NULL, pay BIGINT NOT NULL,
    regime INT NOT NULL, education INT NOT NULL, years_needed INT, skills INT[] NOT NULL,
    district INT NOT NULL, locality INT NOT NULL, conditions INT NOT NULL);
";

const INDEXES: &str = "
CREATE INDEX bench_resumes_home ON bench_resumes (district) WHERE NOT relocate;
CREATE INDEX bench_resumes_home_occupations ON bench_resumes USING gin (sub_majors) WHERE NOT relocate;
CREATE INDEX bench_resumes_movers ON bench_resumes USING gin (sub_majors) WHERE relocate;
CREATE INDEX bench_resumes_all ON bench_resumes USING gin (sub_majors);
CREATE INDEX bench_vacancies_site ON bench_vacancies (district, (occupation / 100)) WHERE regime <> 5;
CREATE INDEX bench_vacancies_remote ON bench_vacancies ((occupation / 100)) WHERE regime = 5;
CREATE INDEX bench_vacancies_all ON bench_vacancies ((occupation / 100));
ANALYZE bench_resumes;
ANALYZE bench_vacancies;
";

/// The score of 214 p.70 in SQL for a resume row `r` against a vacancy's parameters.
const CANDIDATES: &str = "
SELECT id, score FROM (
  SELECT r.id,
    COALESCE((SELECT max(CASE WHEN c = $1 THEN 50 WHEN c / 10 = $1 / 10 THEN 25
                              WHEN c / 100 = $1 / 100 THEN 10 ELSE 0 END)
              FROM unnest(r.occupations) c), 0)
    + LEAST(2 * (r.years - $5), 10)
    + LEAST(5 * (SELECT count(*) FROM unnest(r.skills) x WHERE x = ANY($6))::int, 25)
    + CASE WHEN r.locality = $8 THEN 5 ELSE 0 END
    + CASE WHEN r.asked_pay > 0 THEN LEAST((GREATEST($2 - r.asked_pay, 0) * 10) / r.asked_pay, 10)::int
      ELSE 0 END AS score
  FROM REACH r
  WHERE (r.avoid & $9) = 0 AND (r.regime = 0 OR r.regime = $3) AND (r.asked_pay IS NULL OR r.asked_pay <= $2)
    AND r.education >= $4 AND r.years >= $5
) s ORDER BY score DESC, id LIMIT 50";

/// People near the occupation (214 p.2.10) who reach the place; for remote work, anyone near it.
const PEOPLE_REACHING_A_PLACE: &str = "(SELECT * FROM bench_resumes
        WHERE sub_majors @> ARRAY[$1 / 100] AND district = $7 AND NOT relocate
    UNION ALL SELECT * FROM bench_resumes WHERE sub_majors @> ARRAY[$1 / 100] AND relocate)";
const EVERYONE: &str =
    "(SELECT * FROM bench_resumes WHERE sub_majors @> ARRAY[$1 / 100] AND $7 = $7)";

const VACANCIES: &str = "
SELECT id, score FROM (
  SELECT v.id,
    CASE WHEN v.occupation = ANY($1) THEN 50 WHEN v.occupation / 10 = ANY($2) THEN 25
         WHEN v.occupation / 100 = ANY($3) THEN 10 ELSE 0 END
    + LEAST(2 * ($4 - COALESCE(v.years_needed, 0)), 10)
    + LEAST(5 * (SELECT count(*) FROM unnest(v.skills) x WHERE x = ANY($5))::int, 25)
    + CASE WHEN v.locality = $6 THEN 5 ELSE 0 END
    + CASE WHEN $7::bigint > 0 THEN LEAST((GREATEST(v.pay - $7, 0) * 10) / $7, 10)::int ELSE 0 END AS score
  FROM REACH v
  WHERE (v.conditions & $11) = 0 AND ($8 = 0 OR v.regime = $8) AND ($7::bigint IS NULL OR v.pay >= $7) AND v.education <= $9
    AND (v.years_needed IS NULL OR v.years_needed <= $4)
) s ORDER BY score DESC, id LIMIT 50";

/// Vacancies near one of the person's occupations (214 p.2.10) in reach: in the district, or
/// remote; anywhere for a person willing to move.
const VACANCIES_REACHED_FROM_A_PLACE: &str = "(SELECT * FROM bench_vacancies
        WHERE district = $10 AND occupation / 100 = ANY($3) AND regime <> 5
    UNION ALL SELECT * FROM bench_vacancies WHERE occupation / 100 = ANY($3) AND regime = 5)";
const ALL_VACANCIES: &str =
    "(SELECT * FROM bench_vacancies WHERE occupation / 100 = ANY($3) AND $10 = $10)";

async fn load(conn: &mut PgConnection, data: &Dataset) {
    sqlx::raw_sql(SCHEMA)
        .execute(&mut *conn)
        .await
        .expect("schema");
    let mut copy = conn
        .copy_in_raw("COPY bench_resumes FROM STDIN")
        .await
        .expect("copy");
    let mut chunk = String::new();
    for (id, p) in data.people.iter().enumerate() {
        chunk.push_str(&format!(
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            array(p.occupations.iter().map(|o| o.unit())),
            p.experience_years,
            education_number(p.education_level),
            array(skill_numbers(&p.skills)),
            p.desired_salary.map_or("\\N".into(), |v| v.to_string()),
            regime_number(p.work_regime),
            district(&p.locality_code),
            p.locality_code,
            p.willing_to_relocate,
            array(sub_majors(&p.occupations)),
            WorkCondition::mask(&p.health_restrictions),
        ));
        if chunk.len() > 1 << 20 {
            copy.send(std::mem::take(&mut chunk).into_bytes())
                .await
                .expect("copy");
        }
    }
    copy.send(chunk.into_bytes()).await.expect("copy");
    copy.finish().await.expect("copy");
    let mut copy = conn
        .copy_in_raw("COPY bench_vacancies FROM STDIN")
        .await
        .expect("copy");
    let mut chunk = String::new();
    for (id, v) in data.vacancies.iter().enumerate() {
        chunk.push_str(&format!(
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            v.occupation.unit(),
            v.pay(),
            regime_number(Some(v.work_regime)),
            education_number(v.education_level),
            v.experience_years.map_or("\\N".into(), |v| v.to_string()),
            array(skill_numbers(&v.skills)),
            district(&v.locality_code),
            v.locality_code,
            WorkCondition::mask(&v.conditions),
        ));
    }
    copy.send(chunk.into_bytes()).await.expect("copy");
    copy.finish().await.expect("copy");
    sqlx::raw_sql(INDEXES)
        .execute(&mut *conn)
        .await
        .expect("indexes");
    sqlx::query("INSERT INTO bench_meta VALUES ($1, $2, $3, $4)")
        .bind(SEED as i64)
        .bind(data.people.len() as i64)
        .bind(data.vacancies.len() as i64)
        .bind(SCHEMA_VERSION)
        .execute(&mut *conn)
        .await
        .expect("meta");
}

/// The database `enbek_bench` beside the administrative one, loaded with this dataset unless a
/// previous run already did.
async fn database(admin_url: &str, data: &Dataset) -> PgConnection {
    let mut admin = PgConnection::connect(admin_url).await.expect("PostgreSQL");
    let exists = sqlx::query("SELECT 1 FROM pg_database WHERE datname = 'enbek_bench'")
        .fetch_optional(&mut admin)
        .await
        .expect("query")
        .is_some();
    if !exists {
        sqlx::raw_sql("CREATE DATABASE enbek_bench")
            .execute(&mut admin)
            .await
            .expect("create database");
    }
    let mut url = url_with_database(admin_url);
    let mut conn = PgConnection::connect(&url).await.expect("bench database");
    url.clear();
    let loaded: Option<(i64, i64, i64, i64)> =
        sqlx::query_as("SELECT seed, people, vacancies, schema FROM bench_meta")
            .fetch_optional(&mut conn)
            .await
            .unwrap_or(None);
    let want = (
        SEED as i64,
        data.people.len() as i64,
        data.vacancies.len() as i64,
        SCHEMA_VERSION,
    );
    if loaded != Some(want) {
        let started = Instant::now();
        load(&mut conn, data).await;
        println!(
            "PostgreSQL: loaded and indexed in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    sqlx::raw_sql("SET jit = off; SET work_mem = '64MB'")
        .execute(&mut conn)
        .await
        .expect("settings");
    conn
}

fn url_with_database(admin_url: &str) -> String {
    let (base, query) = admin_url.split_once('?').unwrap_or((admin_url, ""));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{base}/enbek_bench{query}")
}

async fn candidates_sql(conn: &mut PgConnection, o: &Opening) -> Vec<(u32, u32)> {
    let reach = if o.work_regime == WorkRegime::Remote {
        EVERYONE
    } else {
        PEOPLE_REACHING_A_PLACE
    };
    sqlx::query(&CANDIDATES.replace("REACH", reach))
        .bind(i32::from(o.occupation.unit()))
        .bind(o.pay() as i64)
        .bind(regime_number(Some(o.work_regime)))
        .bind(education_number(o.education_level))
        .bind(o.experience_years.unwrap_or(0) as i32)
        .bind(skill_numbers(&o.skills))
        .bind(place(district(&o.locality_code)))
        .bind(place(&o.locality_code))
        .bind(i32::from(WorkCondition::mask(&o.conditions)))
        .fetch_all(conn)
        .await
        .expect("candidates query")
        .iter()
        .map(|r| (r.get::<i32, _>(0) as u32, r.get::<i32, _>(1) as u32))
        .collect()
}

async fn vacancies_sql(conn: &mut PgConnection, s: &Seeker) -> Vec<(u32, u32)> {
    let reach = if s.willing_to_relocate {
        ALL_VACANCIES
    } else {
        VACANCIES_REACHED_FROM_A_PLACE
    };
    let codes: Vec<i32> = s.occupations.iter().map(|o| i32::from(o.unit())).collect();
    sqlx::query(&VACANCIES.replace("REACH", reach))
        .bind(codes.clone())
        .bind(codes.iter().map(|c| c / 10).collect::<Vec<i32>>())
        .bind(codes.iter().map(|c| c / 100).collect::<Vec<i32>>())
        .bind(s.experience_years as i32)
        .bind(skill_numbers(&s.skills))
        .bind(place(&s.locality_code))
        .bind(s.desired_salary.map(|p| p as i64))
        .bind(regime_number(s.work_regime))
        .bind(education_number(s.education_level))
        .bind(place(district(&s.locality_code)))
        .bind(i32::from(WorkCondition::mask(&s.health_restrictions)))
        .fetch_all(conn)
        .await
        .expect("vacancies query")
        .iter()
        .map(|r| (r.get::<i32, _>(0) as u32, r.get::<i32, _>(1) as u32))
        .collect()
}

async fn compare_with_sql(
    url: &str,
    config: &Config,
    data: &Dataset,
    people: &PersonIndex<u32>,
    vacancies: &OpeningIndex<u32>,
    candidates: &Sample,
    offers: &Sample,
) {
    let mut conn = database(url, data).await;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&mut conn)
        .await
        .expect("version");
    let mut scratch = Scratch::default();
    let mut sql_candidates = Vec::new();
    for i in spread(data.vacancies.len(), config.sql_queries) {
        let o = &data.vacancies[i];
        let t = Instant::now();
        let found = candidates_sql(&mut conn, o).await;
        sql_candidates.push(t.elapsed());
        let indexed: Vec<(u32, u32)> = people
            .best_for(o, TOP, &mut scratch)
            .into_iter()
            .map(|(k, s)| (*k, s))
            .collect();
        assert_eq!(
            found, indexed,
            "the SQL and the index disagree on vacancy {i}"
        );
    }
    let mut sql_offers = Vec::new();
    for i in spread(data.people.len(), config.sql_queries) {
        let s = &data.people[i];
        let t = Instant::now();
        let found = vacancies_sql(&mut conn, s).await;
        sql_offers.push(t.elapsed());
        let indexed: Vec<(u32, u32)> = vacancies
            .best_for(s, TOP, &mut scratch)
            .into_iter()
            .map(|(k, s)| (*k, s))
            .collect();
        assert_eq!(
            found, indexed,
            "the SQL and the index disagree on resume {i}"
        );
    }
    let (sql_candidates, sql_offers) = (Sample::new(sql_candidates), Sample::new(sql_offers));
    println!("| PostgreSQL {version}, tuned SQL | median | p99 | max | queries |");
    println!("| --- | --- | --- | --- | --- |");
    println!("{}", sql_candidates.row("top-50 candidates for a vacancy"));
    println!("{}", sql_offers.row("top-50 vacancies for a resume"));
    let ratio = |sql: &Sample, index: &Sample, q: f64| {
        sql.at(q).as_secs_f64() / index.at(q).as_secs_f64().max(1e-9)
    };
    println!(
        "\nthe same answers in every query compared; the index is faster by \
         {:.0}× (median) and {:.0}× (p99) for candidates, {:.0}× and {:.0}× for vacancies",
        ratio(&sql_candidates, candidates, 0.5),
        ratio(&sql_candidates, candidates, 0.99),
        ratio(&sql_offers, offers, 0.5),
        ratio(&sql_offers, offers, 0.99),
    );
}
