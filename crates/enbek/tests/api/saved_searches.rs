//! Saved searches that tell their owner of new matching vacancies (214 p.77).

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::employers::{employer, vacancy};
use crate::helpers::*;
use crate::steps::*;

const SEARCHES: &str = "/api/v1/me/saved-searches";

/// The caller's notices of saved-search matches.
async fn matches(app: &TestApp, token: &str) -> Vec<Value> {
    let (status, list) = app.get("/api/v1/me/notifications", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "saved_search_match")
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_saved_search_tells_its_owner_once_of_each_new_vacancy_it_finds() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let citizen = app.citizen("seeker@example.kz").await;
    let (status, saved) = app
        .post(
            SEARCHES,
            Some(&citizen),
            json!({ "q": "бухгалтера", "region_code": "110000000", "salary_min": 300000 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    let (_, list) = app.get(SEARCHES, Some(&citizen)).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["q"], "бухгалтера");

    // Not found by the search: other words, another region, less pay.
    for other in [
        json!({ "title": "Сварщик", "skills": ["сварка"], "description": "Сварочные работы", "occupation_code": "7212" }),
        json!({ "region_code": "710000000", "district_code": "711200000", "locality_code": "711200000" }),
        json!({ "salary_to": 290000 }),
    ] {
        let (status, body) = app.post_vacancy(&owner, with(vacancy(), other)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    app.run_due_jobs().await;
    assert!(matches(&app, &citizen).await.is_empty());

    let (status, posted) = app.post_vacancy(&owner, vacancy()).await;
    assert_eq!(status, StatusCode::CREATED, "{posted}");
    assert!(matches(&app, &citizen).await.is_empty(), "told by due work");
    app.run_due_jobs().await;
    app.run_due_jobs().await;
    let told = matches(&app, &citizen).await;
    assert_eq!(told.len(), 1, "once per search and vacancy: {told:?}");
    assert_eq!(told[0]["channel"], "cabinet");
    let text = told[0]["text"].as_str().unwrap();
    assert!(text.contains("Бухгалтер"), "{text}");
    assert!(!text.contains("seeker@example.kz"));

    // Deleted, it finds nothing more; another's search is not the caller's to delete.
    let id = saved["id"].as_str().unwrap();
    let stranger = app.citizen("stranger@example.kz").await;
    let path = format!("{SEARCHES}/{id}");
    let (status, _) = app.call(Method::DELETE, &path, Some(&stranger), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.call(Method::DELETE, &path, Some(&citizen), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.call(Method::DELETE, &path, Some(&citizen), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.get(SEARCHES, Some(&citizen)).await;
    assert!(list.as_array().unwrap().is_empty());
    app.post_vacancy(&owner, vacancy()).await;
    app.run_due_jobs().await;
    assert_eq!(matches(&app, &citizen).await.len(), 1);
}

#[tokio::test]
async fn saved_searches_are_checked_limited_to_twenty_and_only_for_citizens() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("seeker@example.kz").await;
    for (body, expected) in [
        (json!({}), "invalid_value"),
        (json!({ "q": "   " }), "invalid_value"),
        (json!({ "work_regime": "sometimes" }), "invalid_value"),
        (json!({ "region_code": "990000000" }), "invalid_value"),
        (json!({ "salary_min": -1 }), "invalid_value"),
        (json!({ "occupation_code": "0000" }), "unknown_occupation"),
    ] {
        let (status, answer) = app.post(SEARCHES, Some(&citizen), body.clone()).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{body}"
        );
    }
    for i in 0..20 {
        let (status, body) = app
            .post(
                SEARCHES,
                Some(&citizen),
                json!({ "salary_min": 100000 + i }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{i}: {body}");
    }
    assert_problem(
        app.post(SEARCHES, Some(&citizen), json!({ "work_regime": "remote" }))
            .await,
        StatusCode::CONFLICT,
        "saved_search_limit",
    );
    // The limit is each citizen's own.
    let other = app.citizen("other@example.kz").await;
    let (status, _) = app
        .post(SEARCHES, Some(&other), json!({ "work_regime": "remote" }))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = app.get(SEARCHES, Some(&other)).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "only one's own");

    let specialist = app.specialist("cc.kokshetau", "cc-kokshetau").await;
    let (status, _) = app
        .post(
            SEARCHES,
            Some(&specialist),
            json!({ "work_regime": "remote" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get(SEARCHES, Some(&specialist)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get(SEARCHES, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
