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
pub(crate) async fn beside_database(indexed: &TestApp, url: &str, at: &str) -> TestApp {
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
    // What the in-memory indexes take, on /metrics: the matching index built at start.
    assert!(index_bytes(&app, "vacancy_search").await > 0);
    for index in ["matching_people", "matching_vacancies"] {
        index_bytes(&app, index).await;
    }
}

/// The bytes the server's metrics give an in-memory index, once it is built (at most five
/// seconds).
async fn index_bytes(app: &TestApp, index: &str) -> u64 {
    let started = Instant::now();
    let key = format!("enbek_index_bytes{{index=\"{index}\"}} ");
    loop {
        let metrics = app.text("/metrics").await;
        if let Some(n) = metrics.lines().find_map(|l| l.strip_prefix(&key)) {
            return n.trim().parse().unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(5), "no {index}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
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
        // Past the last page: none, and the total.
        "per_page=100&page=100000",
        "q=бухгалтер&per_page=100&page=100000&sort=salary",
        "per_page=4&page=2",
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
    for query in [
        "q=бухгалтер",
        "q=учет%20бухгалтерии",
        "occupation_code=24",
        "per_page=100&page=100000",
    ] {
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
        by_index + queries.len() as u64 + 4 + 1,
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

/// A facet's values and counts, as `countVacancyFacets` lists them.
fn counts(facets: &Value, facet: &str) -> Vec<(String, i64)> {
    facets[facet]
        .as_array()
        .unwrap_or_else(|| panic!("no {facet}: {facets}"))
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

#[tokio::test]
async fn facets_count_each_value_under_the_other_filters_as_the_database_does() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let token = employer(&indexed, "hr@example.kz", 350).await;
    let posted = [
        (
            "Бухгалтер",
            "111000000",
            "111010000",
            "full_time",
            "permanent",
        ),
        (
            "Бухгалтер-кассир",
            "111000000",
            "111010000",
            "part_time",
            "temporary",
        ),
        (
            "Экономист",
            "117000000",
            "117020100",
            "full_time",
            "seasonal",
        ),
        (
            "Бухгалтер",
            "611000000",
            "611010000",
            "full_time",
            "permanent",
        ),
    ];
    for (title, district, locality, regime, employment) in posted {
        let mut v = titled(title, "Учёт");
        v["region_code"] = json!(format!("{}0000000", &district[..2]));
        v["district_code"] = json!(district);
        v["locality_code"] = json!(locality);
        v["work_regime"] = json!(regime);
        v["employment_type"] = json!(employment);
        post(&indexed, &token, v).await;
    }
    let database = beside_database(&indexed, &url, "2026-03-17T10:30:00+05:00").await;
    let by_index = answered_by(&indexed, "index").await;
    type Expected<'a> = [(&'a str, &'a [(&'a str, i64)]); 4];
    let cases: [(&str, i64, Expected<'_>); 4] = [
        (
            "",
            4,
            [
                ("region_code", &[("110000000", 3), ("610000000", 1)]),
                (
                    "district_code",
                    &[("111000000", 2), ("117000000", 1), ("611000000", 1)],
                ),
                ("work_regime", &[("full_time", 3), ("part_time", 1)]),
                (
                    "employment_type",
                    &[("permanent", 2), ("seasonal", 1), ("temporary", 1)],
                ),
            ],
        ),
        // A filter's own values are counted without it: the other region still shows.
        (
            "region_code=110000000",
            3,
            [
                ("region_code", &[("110000000", 3), ("610000000", 1)]),
                ("district_code", &[("111000000", 2), ("117000000", 1)]),
                ("work_regime", &[("full_time", 2), ("part_time", 1)]),
                (
                    "employment_type",
                    &[("permanent", 1), ("seasonal", 1), ("temporary", 1)],
                ),
            ],
        ),
        (
            "q=бухгалтера&work_regime=full_time",
            2,
            [
                ("region_code", &[("110000000", 1), ("610000000", 1)]),
                ("district_code", &[("111000000", 1), ("611000000", 1)]),
                ("work_regime", &[("full_time", 2), ("part_time", 1)]),
                ("employment_type", &[("permanent", 2)]),
            ],
        ),
        (
            "q=сантехник",
            0,
            [
                ("region_code", &[]),
                ("district_code", &[]),
                ("work_regime", &[]),
                ("employment_type", &[]),
            ],
        ),
    ];
    for (query, total_found, expected) in cases {
        let path = format!("/api/v1/vacancies/facets?{query}");
        let (s1, a) = indexed.get(&path, None).await;
        let (s2, b) = database.get(&path, None).await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK), "{query}: {a}");
        assert_eq!(a, b, "{query}: the database's");
        assert_eq!(a["total"], total_found, "{query}: {a}");
        let search = total(&indexed, &format!("/api/v1/vacancies?{query}")).await;
        assert_eq!(
            search,
            total_found.to_string(),
            "{query}: the search's total"
        );
        for (facet, values) in expected {
            assert_eq!(counts(&a, facet), pairs(values), "{query}: {facet}");
        }
    }
    assert_eq!(
        answered_by(&indexed, "index").await,
        by_index + 2 * cases.len() as u64,
        "the index counted on the first server"
    );
    for (bad, field) in [
        ("posted_since=2026-3-17", "posted_since"),
        ("occupation_code=abc", "occupation_code"),
        ("salary_min=-1", "salary_min"),
    ] {
        let (status, body) = indexed
            .get(&format!("/api/v1/vacancies/facets?{bad}"), None)
            .await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{bad}: {body}"
        );
        assert_eq!(body["field"], field, "{bad}");
    }
}

/// One page of the search: its vacancies' ids and the next page's cursor.
async fn page_and_cursor(app: &TestApp, query: &str) -> (Vec<String>, Option<String>) {
    let response = app
        .client
        .get(format!("{}/api/v1/vacancies?{query}", app.base))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    let cursor = response
        .headers()
        .get("x-next-cursor")
        .map(|c| c.to_str().unwrap().to_string());
    let body: Value = response.json().await.unwrap();
    (ids(&body), cursor)
}

/// Every page of a search, each read from the cursor of the one before.
async fn cursor_walk(app: &TestApp, query: &str, per_page: usize) -> Vec<String> {
    let mut all = Vec::new();
    let mut next = format!("{query}&per_page={per_page}");
    loop {
        let (page, cursor) = page_and_cursor(app, &next).await;
        assert!(page.len() <= per_page, "{next}");
        all.extend(page);
        match cursor {
            Some(c) => next = format!("{query}&per_page={per_page}&after={c}"),
            None => return all,
        }
    }
}

#[tokio::test]
async fn search_after_walks_each_order_as_pages_by_number_do_on_the_index_and_the_database() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let indexed = TestApp::spawn_on(db, serve_args).await;
    let token = employer(&indexed, "hr@example.kz", 360).await;
    // Three posted at one instant, one a minute later, three at one instant: pays tie too.
    for (minute, pays) in [
        (0, [300_000, 300_000, 200_000].as_slice()),
        (1, &[300_000]),
        (2, &[200_000, 300_000, 300_000]),
    ] {
        indexed
            .set_clock(&format!("2026-03-17T11:{minute:02}:00+05:00"))
            .await;
        for (i, pay) in pays.iter().enumerate() {
            let mut v = titled(&format!("Бухгалтер {minute}-{i}"), "Учёт");
            v["salary_from"] = json!(pay);
            v["salary_to"] = json!(null);
            post(&indexed, &token, v).await;
        }
    }
    let database = beside_database(&indexed, &url, "2026-03-17T11:30:00+05:00").await;
    for query in [
        "sort=date",
        "sort=salary",
        "q=бухгалтера&sort=date",
        "q=бухгалтера&sort=salary",
        "region_code=110000000",
        "sort=relevance",
        "salary_min=300000&sort=salary",
    ] {
        let (whole, last) = page_and_cursor(&indexed, &format!("{query}&per_page=100")).await;
        assert_eq!(last, None, "{query}: one page holds them all");
        let expected = if query.starts_with("salary_min") {
            5
        } else {
            7
        };
        assert_eq!(whole.len(), expected, "{query}");
        let (databases, _) = page_and_cursor(&database, &format!("{query}&per_page=100")).await;
        assert_eq!(databases, whole, "{query}: the database's order");
        for per_page in [1, 2, 3, 7] {
            for app in [&indexed, &database] {
                assert_eq!(
                    cursor_walk(app, query, per_page).await,
                    whole,
                    "{query}: {per_page} a page"
                );
            }
        }
        // The cursor of a page read by number leads on as the next number does.
        let (_, cursor) = page_and_cursor(&indexed, &format!("{query}&per_page=2&page=2")).await;
        let (third, _) = page_and_cursor(&indexed, &format!("{query}&per_page=2&page=3")).await;
        let after = cursor.unwrap_or_else(|| panic!("{query}: a third page"));
        for app in [&indexed, &database] {
            let (from_cursor, _) =
                page_and_cursor(app, &format!("{query}&per_page=2&after={after}")).await;
            assert_eq!(from_cursor, third, "{query}");
        }
    }
    // The date order's walk stays put while vacancies open and close: a newer one is not met,
    // a closed one is not, and nothing is met twice.
    let (first, cursor) = page_and_cursor(&indexed, "sort=date&per_page=2").await;
    let (newest, _) = page_and_cursor(&indexed, "sort=date&per_page=7").await;
    assert_eq!(first, newest[..2]);
    let closed = &newest[4];
    let (status, _) = indexed
        .post(
            &format!("/api/v1/vacancies/{closed}/close"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    post(&indexed, &token, titled("Бухгалтер 3-0", "Учёт")).await;
    let mut rest = Vec::new();
    let mut next = cursor;
    while let Some(c) = next {
        let (page, cursor) =
            page_and_cursor(&indexed, &format!("sort=date&per_page=2&after={c}")).await;
        rest.extend(page);
        next = cursor;
    }
    let expected: Vec<String> = newest[2..]
        .iter()
        .filter(|id| *id != closed)
        .cloned()
        .collect();
    assert_eq!(rest, expected);

    // A cursor of another order, with a page number, of relevance to words, or not a cursor.
    let (_, date_cursor) = page_and_cursor(&indexed, "sort=date&per_page=1").await;
    let date_cursor = date_cursor.unwrap();
    for bad in [
        format!("sort=salary&after={date_cursor}"),
        format!("sort=date&page=2&after={date_cursor}"),
        format!("q=бухгалтер&after={date_cursor}"),
        "sort=date&after=not-a-cursor".to_string(),
        "sort=date&after=ZGF0ZXwyMDI2fGFi".to_string(),
    ] {
        let (status, body) = indexed.get(&format!("/api/v1/vacancies?{bad}"), None).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{bad}: {body}"
        );
        assert_eq!(body["field"], "after", "{bad}");
    }
    // Relevance to words is paged by number: no cursor.
    let (_, cursor) = page_and_cursor(&indexed, "q=бухгалтер&per_page=1").await;
    assert_eq!(cursor, None);
}
