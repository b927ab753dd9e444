//! The vacancy index (`searchVacancies` answered by each server's full-text index): word forms in
//! Russian and Kazakh, the filters and orders the same as the database's, a change on one
//! server searchable on another within seconds, and a vacancy gone the day after its term.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::employers::employer;
use crate::helpers::*;
use crate::search::{open_data, titled, titles};

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

/// How many searches `by` (index or database) answered, from the server's metrics.
async fn answered_by(app: &TestApp, by: &str) -> u64 {
    let metrics = app.text("/metrics").await;
    let key = format!("enbek_vacancy_searches_total{{by=\"{by}\"}} ");
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&key))
        .map_or(0, |n| n.trim().parse().unwrap())
}

/// Searches until the index answers (it is built in the background at start and again when
/// the development clock goes back), for at most five seconds.
async fn index_ready(app: &TestApp) {
    let started = Instant::now();
    loop {
        let before = answered_by(app, "index").await;
        let (status, _) = app.get("/api/v1/vacancies", None).await;
        assert_eq!(status, StatusCode::OK);
        if answered_by(app, "index").await > before {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "no index");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A second server on the same database that answers every search from the database, both
/// servers' clocks set to `at`, and the first one's index ready.
async fn beside_database(indexed: &TestApp, url: &str, at: &str) -> TestApp {
    index_ready(indexed).await;
    let database = TestApp::spawn_on(TestDb::shared(url), |url| {
        let mut args = serve_args(url);
        args.vacancy_search = "database".into();
        args
    })
    .await;
    database.set_clock(at).await;
    indexed.set_clock(at).await;
    index_ready(indexed).await;
    database
}

async fn post(app: &TestApp, token: &str, v: Value) -> String {
    let (status, body) = app.post_vacancy(token, v).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn found(app: &TestApp, query: &str) -> Vec<String> {
    let (status, body) = app.get(&format!("/api/v1/vacancies?{query}"), None).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    let mut t = titles(&body);
    t.sort();
    t
}

#[tokio::test]
async fn every_form_of_a_russian_or_kazakh_word_finds_the_vacancy_through_the_index() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 310).await;
    post(&app, &token, titled("Бухгалтер", "Учёт и отчётность")).await;
    post(&app, &token, titled("Главный бухгалтер", "Консолидация")).await;
    post(
        &app,
        &token,
        titled("Мұғалім", "Бастауыш сынып мұғалімдері"),
    )
    .await;
    post(&app, &token, titled("Водитель-экспедитор", "Категория C")).await;
    post(&app, &token, titled("Жүргізуші", "Қала ішінде")).await;
    index_ready(&app).await;
    let by_database = answered_by(&app, "database").await;
    let accountants = ["Бухгалтер", "Главный бухгалтер"];
    let cases: [(&str, &[&str]); 16] = [
        ("бухгалтер", &accountants),
        ("бухгалтера", &accountants),
        ("БУХГАЛТЕРОВ", &accountants),
        ("бухгалтерами", &accountants),
        ("бухгалтерлер", &accountants),
        ("бухгалтерлерге", &accountants),
        ("главного%20бухгалтера", &["Главный бухгалтер"]),
        ("мұғалім", &["Мұғалім"]),
        ("мұғалімдер", &["Мұғалім"]),
        ("МҰҒАЛІМГЕ", &["Мұғалім"]),
        ("водителя", &["Водитель-экспедитор"]),
        ("экспедиторы", &["Водитель-экспедитор"]),
        ("жүргізушілер", &["Жүргізуші"]),
        // ё and е are one letter to the search.
        ("учет", &["Бухгалтер"]),
        ("учёта", &["Бухгалтер"]),
        ("сантехник", &[]),
    ];
    for (q, expected) in cases {
        assert_eq!(found(&app, &format!("q={q}")).await, expected, "q={q}");
    }
    assert_eq!(
        answered_by(&app, "database").await,
        by_database,
        "the index answered every search"
    );
}

#[tokio::test]
async fn the_index_filters_orders_and_pages_as_the_database_does() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let token = employer(&indexed, "hr@example.kz", 320).await;
    let variants = [
        (
            "Бухгалтер",
            "2411",
            250_000,
            Some(320_000),
            "111000000",
            "full_time",
            "permanent",
        ),
        (
            "Бухгалтер-кассир",
            "2412",
            200_000,
            None,
            "111000000",
            "part_time",
            "temporary",
        ),
        (
            "Экономист",
            "2631",
            300_000,
            Some(450_000),
            "117000000",
            "full_time",
            "permanent",
        ),
        (
            "Бухгалтер по зарплате",
            "2411",
            180_000,
            Some(210_000),
            "117000000",
            "shift",
            "seasonal",
        ),
        (
            "Водитель",
            "8322",
            220_000,
            Some(260_000),
            "111000000",
            "rotational",
            "permanent",
        ),
    ];
    for (i, (title, occupation, from, to, district, regime, employment)) in
        variants.into_iter().enumerate()
    {
        // The first the last minute of the day before, the second the first of the day.
        let at = match i {
            0 => "2026-03-16T23:59:00+05:00".to_string(),
            1 => "2026-03-17T00:00:00+05:00".to_string(),
            _ => format!("2026-03-17T10:{i:02}:00+05:00"),
        };
        indexed.set_clock(&at).await;
        let mut v = titled(title, "Учёт, налоговая отчётность бухгалтерии");
        v["occupation_code"] = json!(occupation);
        v["salary_from"] = json!(from);
        v["salary_to"] = json!(to);
        v["district_code"] = json!(district);
        let locality = if district == "111000000" {
            "111010000"
        } else {
            "117020100"
        };
        v["locality_code"] = json!(locality);
        v["work_regime"] = json!(regime);
        v["employment_type"] = json!(employment);
        post(&indexed, &token, v).await;
    }
    let database = beside_database(&indexed, &url, "2026-03-17T10:30:00+05:00").await;
    let by_index = answered_by(&indexed, "index").await;
    let queries = [
        "",
        "sort=salary",
        "occupation_code=2411",
        "occupation_code=24",
        "occupation_code=2411-1",
        "occupation_code=241",
        "occupation_code=2",
        "district_code=117000000",
        "region_code=110000000",
        "region_code=750000000",
        "employment_type=seasonal",
        "work_regime=full_time",
        "salary_min=260000",
        "salary_min=260001",
        "salary_min=210000&sort=salary",
        "q=бухгалтера&sort=date",
        "q=бухгалтерия&sort=salary&occupation_code=2411",
        "per_page=2&page=2",
        "per_page=2&page=3&sort=salary",
        "q=бухгалтер&per_page=1&page=2&sort=date",
        "posted_since=2026-03-17",
        "posted_since=2026-03-16&sort=salary",
        "posted_since=2026-03-18",
        "q=бухгалтер&posted_since=2026-03-17&sort=date",
    ];
    for query in queries {
        let path = format!("/api/v1/vacancies?{query}");
        let (s1, a) = indexed.get(&path, None).await;
        let (s2, b) = database.get(&path, None).await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK), "{query}");
        assert_eq!(ids(&a), ids(&b), "{query}: {a}\n{b}");
    }
    // The total too, and the relevance order's set (the index ranks within the same points by
    // BM25, the database by date).
    for query in ["q=бухгалтер", "q=учет%20бухгалтерии", "occupation_code=24"]
    {
        let path = format!("/api/v1/vacancies?{query}");
        assert_eq!(
            total(&indexed, &path).await,
            total(&database, &path).await,
            "{query}"
        );
    }
    assert_eq!(
        found(&indexed, "q=бухгалтер").await,
        found(&database, "q=бухгалтер").await
    );
    assert_eq!(
        answered_by(&indexed, "index").await,
        by_index + queries.len() as u64 + 3 + 1,
        "the index answered on the first server"
    );
    assert_eq!(answered_by(&database, "index").await, 0);
    // Posted since a day: from its first minute in Kazakhstan, not the minute before.
    for app in [&indexed, &database] {
        assert_eq!(
            found(app, "posted_since=2026-03-17").await,
            [
                "Бухгалтер по зарплате",
                "Бухгалтер-кассир",
                "Водитель",
                "Экономист"
            ]
        );
        assert_eq!(found(app, "posted_since=2026-03-16").await.len(), 5);
    }

    for (bad, field) in [
        ("occupation_code=24%25", "occupation_code"),
        ("occupation_code=abc", "occupation_code"),
        ("occupation_code=24111", "occupation_code"),
        ("occupation_code=241-1", "occupation_code"),
        ("posted_since=2026-3-17", "posted_since"),
        ("posted_since=2026-02-30", "posted_since"),
        ("posted_since=yesterday", "posted_since"),
        ("posted_since=2026-03-17T00:00:00", "posted_since"),
    ] {
        let (status, body) = indexed.get(&format!("/api/v1/vacancies?{bad}"), None).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{bad}: {body}"
        );
        assert_eq!(body["field"], field, "{bad}");
    }
}

async fn total(app: &TestApp, path: &str) -> String {
    let response = app
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("the server answers");
    response.headers()["x-total-count"]
        .to_str()
        .unwrap()
        .to_string()
}

/// Asks `app` until `done` holds of the search's titles, for at most five seconds.
async fn within_five_seconds(app: &TestApp, query: &str, done: impl Fn(&[String]) -> bool) {
    let started = Instant::now();
    loop {
        let list = found(app, query).await;
        if done(&list) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{query}: not followed within 5 s: {list:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_vacancy_posted_changed_or_closed_on_one_server_is_searched_so_on_the_other() {
    let (a, b) = TestApp::two_on_one_database().await;
    let token = employer(&a, "hr@example.kz", 330).await;
    post(&a, &token, titled("Сварщик", "Цех")).await;
    index_ready(&a).await;
    index_ready(&b).await;
    let id = post(&a, &token, titled("Электрик", "Монтаж сетей")).await;
    // On the server that took it: at once.
    assert_eq!(found(&a, "q=электрика").await, ["Электрик"]);
    within_five_seconds(&b, "q=электрика", |l| l == ["Электрик"]).await;

    let mut changed = titled("Электромонтёр", "Монтаж сетей");
    changed["positions"] = json!(1);
    let (status, body) = a
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/vacancies/{id}"),
            Some(&token),
            Some(changed),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(found(&a, "q=электрика").await.is_empty());
    within_five_seconds(&b, "q=электромонтера", |l| {
        l == ["Электромонтёр"]
    })
    .await;
    assert!(found(&b, "q=электрика").await.is_empty());

    let (status, _) = a
        .post(
            &format!("/api/v1/vacancies/{id}/close"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(found(&a, "q=монтаж").await.is_empty());
    within_five_seconds(&b, "q=монтаж", |l| l.is_empty()).await;
    assert_eq!(answered_by(&b, "database").await, 0, "b's index answered");
}

#[tokio::test]
async fn a_vacancy_is_found_on_the_last_day_of_its_term_and_not_the_day_after() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 340).await;
    let mut v = titled("Повар", "Столовая");
    v["valid_until"] = json!("2026-03-20");
    post(&app, &token, v).await;
    post(&app, &token, titled("Пекарь", "Хлебозавод")).await;
    index_ready(&app).await;
    assert_eq!(found(&app, "").await, ["Пекарь", "Повар"]);
    app.set_clock("2026-03-20T23:59:00+05:00").await;
    index_ready(&app).await;
    assert_eq!(found(&app, "q=повара").await, ["Повар"]);
    app.set_clock("2026-03-21T00:00:00+05:00").await;
    index_ready(&app).await;
    assert!(found(&app, "q=повара").await.is_empty());
    assert_eq!(found(&app, "").await, ["Пекарь"]);
}

/// Every page of the open-data listing, walked from the cursor of each, and by number.
async fn open_data_walks(app: &TestApp, per_page: usize) -> (Vec<String>, Vec<String>) {
    let mut by_cursor = Vec::new();
    let mut next = format!("?per_page={per_page}");
    loop {
        let (status, page) = open_data(app, &next).await;
        assert_eq!(status, StatusCode::OK, "{next}: {page}");
        by_cursor.extend(ids(&page["items"]));
        match page["next_cursor"].as_str() {
            Some(c) => next = format!("?after={c}&per_page={per_page}"),
            None => break,
        }
    }
    let mut by_number = Vec::new();
    for n in 1.. {
        let (status, page) = open_data(app, &format!("?page={n}&per_page={per_page}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(page["total"], 6, "{page}");
        by_number.extend(ids(&page["items"]));
        if page["next_page"].is_null() {
            break;
        }
    }
    (by_cursor, by_number)
}

#[tokio::test]
async fn the_open_data_listing_from_the_index_is_the_databases() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let token = employer(&indexed, "hr@example.kz", 330).await;
    // Three posted at one instant, one a minute later, three more at one instant.
    let mut posted = Vec::new();
    for (minute, n) in [(0, 3), (1, 1), (2, 3)] {
        indexed
            .set_clock(&format!("2026-03-17T11:{minute:02}:00+05:00"))
            .await;
        for i in 0..n {
            let v = titled(&format!("Водитель {minute}-{i}"), "Рейсы");
            posted.push(post(&indexed, &token, v).await);
        }
    }
    // One changed (the index takes it again, its instant kept), one closed.
    let path = format!("/api/v1/vacancies/{}", posted[1]);
    let (status, body) = indexed
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&token),
            Some(titled("Водитель-экспедитор", "Рейсы по области")),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let close = format!("/api/v1/vacancies/{}/close", posted[5]);
    let (status, body) = indexed.post(&close, Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let database = beside_database(&indexed, &url, "2026-03-17T11:30:00+05:00").await;
    let before = answered_by(&indexed, "index").await;
    // Oldest first, then by id; each open one once, the closed one not.
    let mut expected: Vec<String> = posted.clone();
    expected.remove(5);
    expected[..3].sort();
    expected[3..].sort();
    for per_page in [1, 2, 3, 4, 100] {
        let (cursor, number) = open_data_walks(&indexed, per_page).await;
        assert_eq!(cursor, expected, "{per_page} a page, from cursors");
        assert_eq!(number, expected, "{per_page} a page, by number");
        assert_eq!(
            open_data_walks(&database, per_page).await,
            (cursor, number),
            "{per_page} a page: the database's"
        );
    }
    assert!(answered_by(&indexed, "index").await > before + 20);
    assert_eq!(answered_by(&database, "index").await, 0);
}
