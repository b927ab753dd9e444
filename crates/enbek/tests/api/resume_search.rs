//! The resume index (`searchResumes` answered by each server's full-text index of the published
//! resumes): the words of the occupations' names and the skills found in their Russian and Kazakh
//! forms, the filters, order and pages the same as the database's, and a resume saved on one
//! server searched so on another within seconds.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::employers::employer;
use crate::full_text::beside_database;
use crate::helpers::*;

/// How many resume searches `by` (index or database) answered, from the server's metrics.
async fn answered_by(app: &TestApp, by: &str) -> u64 {
    let metrics = app.text("/metrics").await;
    let key = format!("enbek_resume_searches_total{{by=\"{by}\"}} ");
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&key))
        .map_or(0, |n| n.trim().parse().unwrap())
}

/// Searches until the resume index answers, for at most five seconds.
async fn index_ready(app: &TestApp, token: &str) {
    let started = Instant::now();
    loop {
        let before = answered_by(app, "index").await;
        let (status, body) = app.get("/api/v1/resumes", Some(token)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if answered_by(app, "index").await > before {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "no index");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A resume with its occupation, skills, pay asked, regime and locality.
fn resume(
    occupation: &str,
    skills: &[&str],
    pay: Option<i64>,
    regime: Option<&str>,
    locality: &str,
    published: bool,
) -> Value {
    json!({
        "occupation_codes": [occupation], "experience_years": 3, "education_level": "vocational",
        "skills": skills, "desired_salary": pay, "work_regime": regime,
        "locality_code": locality, "languages": ["kk", "ru"], "willing_to_relocate": false,
        "published": published
    })
}

async fn put_resume(app: &TestApp, token: &str, body: Value) {
    let (status, body) = app
        .call(Method::PUT, "/api/v1/me/resume", Some(token), Some(body))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// The skills of each resume found, in order (each resume here has skills of its own), and
/// the total.
async fn found(app: &TestApp, token: &str, query: &str) -> (Vec<String>, String) {
    let (skills, total, _) = page(app, token, query).await;
    (skills, total)
}

/// The skills of each resume found, in order, the total, and the next page's cursor.
async fn page(app: &TestApp, token: &str, query: &str) -> (Vec<String>, String, Option<String>) {
    let response = app
        .client
        .get(format!("{}/api/v1/resumes?{query}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("the server answers");
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|t| t.to_str().unwrap().to_string())
    };
    let (total, cursor) = (
        header("x-total-count").unwrap_or_default(),
        header("x-next-cursor"),
    );
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    let skills = body
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {body}"))
        .iter()
        .map(|r| r["skills"][0].as_str().unwrap().to_string())
        .collect();
    (skills, total, cursor)
}

#[tokio::test]
async fn resumes_are_found_by_their_words_in_any_form_on_the_index_as_in_the_database() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let people = [
        // Car, taxi and van drivers: "Водители легковых автомобилей…", "…жүргізушілері".
        resume(
            "8322",
            &["категория B"],
            Some(250_000),
            Some("full_time"),
            "111010000",
            true,
        ),
        // Secondary education teachers: "Учителя средней школы", "Орта мектеп мұғалімдері".
        resume("2330", &["математика"], None, None, "711300000", true),
        // Accountants: "Бухгалтеры", "Бухгалтерлер".
        resume(
            "2411",
            &["1С", "МСФО"],
            Some(400_000),
            Some("shift"),
            "111010000",
            true,
        ),
        resume(
            "2411",
            &["скрытый"],
            Some(200_000),
            None,
            "111010000",
            false,
        ),
        // Cooks, with a skill of their own.
        resume(
            "5120",
            &["кондитерские изделия"],
            Some(180_000),
            Some("shift"),
            "111010000",
            true,
        ),
    ];
    // Saved minutes apart, the second and third at the same instant (then by account).
    let times = ["10:02", "10:04", "10:04", "10:06", "10:08"];
    for (n, (r, time)) in people.into_iter().zip(times).enumerate() {
        indexed
            .set_clock(&format!("2026-03-17T{time}:00+05:00"))
            .await;
        let token = indexed.citizen(&format!("p{n}@example.kz")).await;
        put_resume(&indexed, &token, r).await;
    }
    employer(&indexed, "hr@example.kz", 340).await;
    let database = beside_database(&indexed, &url, "2026-03-17T10:30:00+05:00").await;
    let hr = indexed.login("hr@example.kz", "secret123").await;
    let database_hr = database.login("hr@example.kz", "secret123").await;
    index_ready(&indexed, &hr).await;

    // A form the database's search by stems within the text misses, the index finds (Snowball).
    let (found_on_index, _) = found(&indexed, &hr, "q=кондитерских").await;
    assert_eq!(found_on_index, ["кондитерские изделия"]);
    let cases: [(&str, &[&str]); 17] = [
        ("q=водитель", &["категория B"]),
        ("q=водителя", &["категория B"]),
        ("q=ВОДИТЕЛИ", &["категория B"]),
        ("q=жүргізуші", &["категория B"]),
        ("q=бухгалтера", &["1С"]),
        ("q=бухгалтерлер", &["1С"]),
        ("q=учитель", &["математика"]),
        ("q=мұғалім", &["математика"]),
        ("q=мұғалімдер", &["математика"]),
        ("q=кондитерские", &["кондитерские изделия"]),
        ("q=мсфо", &["1С"]),
        // Every word must occur.
        ("q=водитель учитель", &[]),
        ("q=учитель математика", &["математика"]),
        // Words with filters: a region, the pay asked at most (or none), a regime (or none).
        ("q=водитель&region_code=710000000", &[]),
        ("q=бухгалтер&salary_max=399999", &[]),
        ("q=бухгалтер&salary_max=400000", &["1С"]),
        (
            "q=учитель&work_regime=shift&salary_max=100000",
            &["математика"],
        ),
    ];
    for (query, expected) in cases {
        let on_index = found(&indexed, &hr, query).await;
        assert_eq!(on_index.0, expected, "{query}");
        assert_eq!(on_index.1, expected.len().to_string(), "{query}");
        assert_eq!(
            found(&database, &database_hr, query).await,
            on_index,
            "{query}: the database"
        );
    }
    // Without words: the latest saved first, the same pages on both.
    for query in [
        "",
        "work_regime=shift",
        "occupation_code=2411",
        "region_code=110000000",
        "per_page=1&page=1",
        "per_page=1&page=2",
        "per_page=2&page=2",
        "per_page=2&page=3",
        "page=100000&per_page=100",
    ] {
        assert_eq!(
            found(&indexed, &hr, query).await,
            found(&database, &database_hr, query).await,
            "{query}"
        );
    }
    let (all, total) = found(&indexed, &hr, "").await;
    assert_eq!(
        all,
        ["кондитерские изделия", "математика", "1С", "категория B"]
    );
    assert_eq!(total, "4");
    let too_long = format!("q={}", "а".repeat(300));
    for app in [&indexed, &database] {
        let token = if std::ptr::eq(app, &indexed) {
            &hr
        } else {
            &database_hr
        };
        let (status, body) = app
            .get(&format!("/api/v1/resumes?{too_long}"), Some(token))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["field"], "q", "{body}");
    }
    assert_eq!(answered_by(&database, "index").await, 0);
}

#[tokio::test]
async fn a_resume_saved_on_one_server_is_searched_so_on_the_other_within_seconds() {
    let (a, b) = TestApp::two_on_one_database().await;
    let hr = employer(&a, "hr@example.kz", 341).await;
    let hr_b = b.login("hr@example.kz", "secret123").await;
    let person = a.citizen("driver@example.kz").await;
    index_ready(&a, &hr).await;
    index_ready(&b, &hr_b).await;
    let mut r = resume("8322", &["категория C"], None, None, "111010000", true);
    put_resume(&a, &person, r.clone()).await;
    // On the server that took it: at once.
    assert_eq!(found(&a, &hr, "q=водитель").await.0, ["категория C"]);
    let within_five_seconds = |query: &'static str, expected: &'static [&'static str]| {
        let (b, hr_b) = (&b, &hr_b);
        async move {
            let started = Instant::now();
            loop {
                let (list, _) = found(b, hr_b, query).await;
                if list == expected {
                    return;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(5),
                    "{query}: not followed within 5 s: {list:?}"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    within_five_seconds("q=водитель", &["категория C"]).await;
    // Changed: found by its new words only; withdrawn: gone.
    r["skills"] = json!(["погрузчик"]);
    put_resume(&a, &person, r.clone()).await;
    assert_eq!(found(&a, &hr, "q=погрузчика").await.0, ["погрузчик"]);
    within_five_seconds("q=погрузчика", &["погрузчик"]).await;
    r["published"] = json!(false);
    put_resume(&a, &person, r).await;
    assert!(found(&a, &hr, "q=водитель").await.0.is_empty());
    within_five_seconds("q=водитель", &[]).await;
    assert_eq!(answered_by(&b, "database").await, 0, "b's index answered");
}

#[tokio::test]
async fn a_resume_saved_before_it_had_a_search_text_gets_one_when_a_server_starts() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let a = TestApp::spawn_on(db, serve_args).await;
    let person = a.citizen("driver@example.kz").await;
    let r = resume("8322", &["категория D"], None, None, "111010000", true);
    put_resume(&a, &person, r).await;
    employer(&a, "hr@example.kz", 342).await;
    let hr = a.login("hr@example.kz", "secret123").await;
    index_ready(&a, &hr).await;
    // As migration 0036 leaves a resume saved before it.
    sqlx::query("UPDATE resumes SET search_text = NULL")
        .execute(&a.running.state.db.pool)
        .await
        .unwrap();
    let b = TestApp::spawn_on(TestDb::shared(&url), |url| {
        let mut args = serve_args(url);
        args.vacancy_search = "database".into();
        args
    })
    .await;
    let hr_b = b.login("hr@example.kz", "secret123").await;
    for (app, token) in [(&b, &hr_b), (&a, &hr)] {
        let started = Instant::now();
        while found(app, token, "q=водителя").await.0 != ["категория D"] {
            assert!(started.elapsed() < Duration::from_secs(5), "not filled");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(answered_by(&b, "index").await, 0);
}

#[tokio::test]
async fn resumes_are_paged_from_a_sealed_cursor_on_any_server_without_skips_or_repeats() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let mut people = Vec::new();
    // Saved minutes apart, the third and fourth at the same instant (then by account).
    for (n, time) in ["10:01", "10:02", "10:03", "10:03", "10:05", "10:06"]
        .into_iter()
        .enumerate()
    {
        indexed
            .set_clock(&format!("2026-03-17T{time}:00+05:00"))
            .await;
        let token = indexed.citizen(&format!("p{n}@example.kz")).await;
        let r = resume(
            "2411",
            &[&format!("навык {n}")],
            None,
            None,
            "111010000",
            true,
        );
        put_resume(&indexed, &token, r.clone()).await;
        people.push((token, r));
    }
    employer(&indexed, "hr@example.kz", 343).await;
    let database = beside_database(&indexed, &url, "2026-03-17T10:30:00+05:00").await;
    let hr = indexed.login("hr@example.kz", "secret123").await;
    let database_hr = database.login("hr@example.kz", "secret123").await;
    index_ready(&indexed, &hr).await;
    let (all, total) = found(&indexed, &hr, "").await;
    assert_eq!(total, "6");

    // Walked two at a time, each page from the cursor of the page before, on either server (the
    // index's cursor opens on the database's and back): every resume once, in order.
    let servers = [(&indexed, &hr), (&database, &database_hr)];
    for first in 0..2 {
        let mut walked = Vec::new();
        let mut query = "per_page=2".to_string();
        for step in 0.. {
            let (app, token) = servers[(first + step) % 2];
            let (skills, total, cursor) = page(app, token, &query).await;
            assert_eq!(total, "6", "the total is the whole search's on every page");
            walked.extend(skills);
            match cursor {
                Some(cursor) => query = format!("per_page=2&after={cursor}"),
                None => break,
            }
        }
        assert_eq!(walked, all);
    }
    // A page that ends the list has no cursor, by number or by cursor.
    assert_eq!(page(&indexed, &hr, "per_page=6").await.2, None);
    let (_, _, cursor) = page(&indexed, &hr, "per_page=5").await;
    let last = page(
        &indexed,
        &hr,
        &format!("per_page=5&after={}", cursor.unwrap()),
    )
    .await;
    assert_eq!((last.0, last.2), (vec![all[5].clone()], None));

    // The cursor shows nothing of the resume it follows: neither its account nor when it was
    // saved, and the same place gives another cursor each time.
    let (_, _, cursor) = page(&indexed, &hr, "per_page=3").await;
    let cursor = cursor.unwrap();
    let accounts: Vec<String> = sqlx::query_scalar("SELECT account_id FROM resumes")
        .fetch_all(&indexed.running.state.db.pool)
        .await
        .unwrap();
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&cursor)
        .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for account in &accounts {
        assert!(!text.contains(account.as_str()) && !cursor.contains(account.as_str()));
    }
    assert!(!text.contains("2026"));
    assert_ne!(page(&indexed, &hr, "per_page=3").await.2.unwrap(), cursor);

    // A resume saved again meanwhile goes to the top: the walk from the cursor neither repeats it
    // nor skips another (a page by number would).
    indexed.set_clock("2026-03-17T10:40:00+05:00").await;
    database.set_clock("2026-03-17T10:40:00+05:00").await;
    let (token, r) = &people[5];
    put_resume(&indexed, token, r.clone()).await;
    for (app, token) in servers {
        let (rest, _, _) = page(app, token, &format!("per_page=3&after={cursor}")).await;
        assert_eq!(rest, all[3..]);
    }

    // Anything but a cursor of this search is refused with the field named, as is a page named
    // both ways.
    let mut changed = cursor.clone().into_bytes();
    changed[5] = if changed[5] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    // A cursor as the vacancy search makes them, open to read: not a resume search's.
    let readable = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(
        "{}|{}",
        chrono_micros("2026-03-17T05:03:00Z"),
        accounts[0]
    ));
    let bad = [
        "after=not-a-cursor".to_string(),
        format!("after={changed}"),
        format!("after={readable}"),
        format!("after={cursor}&page=2"),
        format!("after={}", "A".repeat(300)),
    ];
    for query in &bad {
        for (app, token) in servers {
            let (status, body) = app
                .get(&format!("/api/v1/resumes?{query}"), Some(token))
                .await;
            assert_eq!(
                (status, code(&body), body["field"].as_str()),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_value",
                    Some("after")
                ),
                "{query}"
            );
        }
    }
}

/// An instant's microseconds since the epoch.
fn chrono_micros(at: &str) -> i64 {
    at.parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap()
        .timestamp_micros()
}
