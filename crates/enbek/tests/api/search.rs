//! The order of the vacancy search (`searchVacancies`) and the open-data listing of
//! vacancies (206 p.19).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::employers::{employer, vacancy};
use crate::helpers::*;
use crate::steps::*;

pub fn titled(title: &str, description: &str) -> Value {
    let mut v = vacancy();
    v["title"] = json!(title);
    v["description"] = json!(description);
    v["skills"] = json!([]);
    v
}

pub fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|v| v["title"].as_str().unwrap().to_string())
        .collect()
}

/// A vacancy as the public reads it: nothing private in it.
fn assert_public(v: &Value) {
    for private in [
        "phone",
        "email",
        "contacts",
        "created_by",
        "search_text",
        "post_due_at",
    ] {
        assert!(v.get(private).is_none(), "{private} in {v}");
    }
}

/// Posts vacancies one minute apart from 09:00 on Monday 2 March 2026, in the order given.
async fn post_in_order(app: &TestApp, token: &str, list: Vec<Value>) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, v) in list.into_iter().enumerate() {
        app.set_clock(&format!("2026-03-02T09:{i:02}:00+05:00"))
            .await;
        let (status, body) = app.post_vacancy(token, v).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    ids
}

#[tokio::test]
async fn relevance_puts_title_matches_and_more_words_first_and_is_the_default_with_words() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 210).await;
    post_in_order(
        &app,
        &token,
        vec![
            titled("Сварщик ночной смены", "Цех металлоконструкций"),
            titled("Сварщик", "Работа в ночные смены"),
            titled("Монтажник", "Нужен опыт сварщика"),
        ],
    )
    .await;

    // One word: both titles hold it (newer first), the description-only match comes last,
    // though it is the newest.
    let (_, found) = app.get("/api/v1/vacancies?q=сварщики", None).await;
    assert_eq!(
        titles(&found),
        ["Сварщик", "Сварщик ночной смены", "Монтажник"]
    );
    let (_, same) = app
        .get("/api/v1/vacancies?q=сварщики&sort=relevance", None)
        .await;
    assert_eq!(titles(&same), titles(&found));
    // By date on request, and by date without words.
    let by_date = ["Монтажник", "Сварщик", "Сварщик ночной смены"];
    let (_, found) = app
        .get("/api/v1/vacancies?q=сварщики&sort=date", None)
        .await;
    assert_eq!(titles(&found), by_date);
    let (_, found) = app.get("/api/v1/vacancies", None).await;
    assert_eq!(titles(&found), by_date);
    let (_, found) = app.get("/api/v1/vacancies?sort=relevance", None).await;
    assert_eq!(
        titles(&found),
        by_date,
        "no words: ties throughout, by date"
    );

    // Two words: both in the title outranks one in the title and one in the description,
    // though older.
    let (_, found) = app.get("/api/v1/vacancies?q=ночной%20сварщик", None).await;
    assert_eq!(titles(&found), ["Сварщик ночной смены", "Сварщик"]);

    assert_problem(
        app.get("/api/v1/vacancies?sort=best", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
}

pub async fn open_data(app: &TestApp, query: &str) -> (StatusCode, Value) {
    app.get(&format!("/api/v1/open-data/vacancies{query}"), None)
        .await
}

#[tokio::test]
async fn open_data_lists_open_vacancies_a_hundred_a_page_without_sign_in() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 220).await;
    app.set_clock("2026-03-02T09:00:00+05:00").await;
    let mut ids = Vec::new();
    for i in 0..102 {
        let (status, body) = app
            .post_vacancy(&token, titled(&format!("Бухгалтер {i}"), "Учёт"))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    // A closed vacancy leaves the listing (a filled one too: offers.rs): 101 remain.
    let close = |id: &str| format!("/api/v1/vacancies/{id}/close");
    let (status, _) = app.post(&close(&ids[0]), Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK);

    let (status, first) = open_data(&app, "").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["per_page"], 100);
    assert_eq!(first["total"], 101);
    assert_eq!(first["pages"], 2);
    assert_eq!(first["next_page"], 2);
    assert_eq!(
        first["next"],
        "/api/v1/open-data/vacancies?page=2&per_page=100"
    );
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 100);
    assert!(!items.iter().any(|v| v["id"] == ids[0].as_str()), "closed");
    for v in items {
        assert_public(v);
    }
    let (_, second) = open_data(&app, "?page=2&per_page=100").await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_page"].is_null());
    assert!(second["next"].is_null());
    // A stable order: the pages together hold each open vacancy once, in the order posted.
    let listed: Vec<&str> = items
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = ids[1..].iter().map(String::as_str).collect();
    expected.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, expected);

    // With 100 open, one page.
    let (status, _) = app.post(&close(&ids[1]), Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, all) = open_data(&app, "?per_page=100").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (all["total"].as_i64(), all["pages"].as_i64()),
        (Some(100), Some(1))
    );
    assert_eq!(all["items"].as_array().unwrap().len(), 100);
    assert!(all["next_page"].is_null());

    for bad in ["?per_page=101", "?per_page=0", "?page=0"] {
        let (status, body) = open_data(&app, bad).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{bad}"
        );
    }
    let (_, beyond) = open_data(&app, "?page=3").await;
    assert!(beyond["items"].as_array().unwrap().is_empty());

    let (_, doc) = app.get("/api/v1/openapi.json", None).await;
    let op = &doc["paths"]["/api/v1/open-data/vacancies"]["get"];
    assert_eq!(op["operationId"], "listOpenDataVacancies");
    assert!(op.get("security").is_none(), "public");
}

#[tokio::test]
async fn open_data_walks_from_a_cursor_that_stays_put_while_vacancies_open_and_close() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 220).await;
    app.set_clock("2026-03-02T09:00:00+05:00").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let (status, body) = app
            .post_vacancy(&token, titled(&format!("Водитель {i}"), "Рейсы"))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    let (status, first) = open_data(&app, "?per_page=2").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let cursor = first["next_cursor"].as_str().expect("a cursor").to_string();
    let ids_of = |page: &Value| -> Vec<String> {
        strings(&page["items"], "id")
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let mut walked = ids_of(&first);
    // Between the pages one listed vacancy closes and a new one is posted: by number the next
    // page would skip one; from the cursor nothing is skipped or repeated.
    let close = format!("/api/v1/vacancies/{}/close", walked[0]);
    let (status, _) = app.post(&close, Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    app.set_clock("2026-03-02T09:01:00+05:00").await;
    let (_, newest) = app
        .post_vacancy(&token, titled("Водитель 5", "Рейсы"))
        .await;
    let mut next = format!("?after={cursor}&per_page=2");
    loop {
        let (status, page) = open_data(&app, &next).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page["page"].is_null(), "{page}");
        walked.extend(ids_of(&page));
        match page["next"].as_str() {
            Some(link) => {
                next = link
                    .trim_start_matches("/api/v1/open-data/vacancies")
                    .to_string()
            }
            None => break,
        }
    }
    // Posted at one instant, the first five stand in the order of their ids.
    let mut expected = ids.clone();
    expected.sort();
    expected.push(newest["id"].as_str().unwrap().to_string());
    assert_eq!(walked, expected, "each once, in the order posted");
    // A cursor is this listing's own; a page is named one way.
    for bad in [
        "?after=not-a-cursor".to_string(),
        format!("?after={cursor}&page=2"),
        format!("?after={}", "A".repeat(300)),
    ] {
        let (status, body) = open_data(&app, &bad).await;
        assert_eq!(
            (status, code(&body), body["field"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_value",
                Some("after")
            ),
            "{bad}"
        );
    }
}

/// The export as served: its vacancy count, when it was made, and its lines.
async fn export(app: &TestApp) -> (String, String, Vec<Value>) {
    use std::io::Read;
    let response = app
        .client
        .get(format!("{}/api/v1/open-data/vacancies.jsonl.gz", app.base))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/gzip");
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
    let (count, made) = (header("x-vacancy-count"), header("x-generated-at"));
    let bytes = response.bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gzip");
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (count, made, lines)
}

#[tokio::test]
async fn the_export_holds_every_open_vacancy_and_is_made_again_when_an_hour_old() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 230).await;
    let ids = post_in_order(
        &app,
        &token,
        vec![
            titled("Бухгалтер", "Учёт"),
            titled("Водитель", "Рейсы"),
            titled("Повар", "Кухня"),
        ],
    )
    .await;
    let (status, _) = app
        .post(
            &format!("/api/v1/vacancies/{}/close", ids[1]),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (count, made, lines) = export(&app).await;
    assert_eq!(count, "2");
    let mut listed: Vec<&str> = lines.iter().map(|v| v["id"].as_str().unwrap()).collect();
    listed.sort();
    let mut open = vec![ids[0].as_str(), ids[2].as_str()];
    open.sort();
    assert_eq!(listed, open, "the open ones, the closed one left out");
    for v in &lines {
        assert!(v["employer_name"].is_string(), "{v}");
        assert_public(v);
    }

    // Within the hour the same file, though a vacancy opened since.
    app.set_clock("2026-03-02T09:59:00+05:00").await;
    let (status, body) = app.post_vacancy(&token, titled("Сварщик", "Цех")).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    app.set_clock("2026-03-02T09:59:30+05:00").await;
    let (count, again, _) = export(&app).await;
    assert_eq!((count.as_str(), again.as_str()), ("2", made.as_str()));

    // An hour old: served once more while a new one is made, then the new one.
    app.set_clock("2026-03-02T10:02:00+05:00").await;
    let started = std::time::Instant::now();
    loop {
        let (count, at, lines) = export(&app).await;
        if count == "3" {
            assert_eq!(lines.len(), 3);
            assert!(at > made, "{at} after {made}");
            break;
        }
        assert_eq!(at, made, "the old file meanwhile");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "never made again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
