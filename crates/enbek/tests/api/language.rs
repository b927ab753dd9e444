//! The person's language, kept by their account (`updateMe`): every notice written to them is in
//! it, whatever language the application or the request named.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::*;
use crate::steps::*;

/// The language and text of the person's cabinet notice of one kind.
async fn cabinet_notice(app: &TestApp, token: &str, kind: &str) -> (String, String) {
    let (_, notes) = app.get("/api/v1/me/notifications", Some(token)).await;
    let note = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == kind && n["channel"] == "cabinet")
        .unwrap_or_else(|| panic!("a {kind} notice in {notes}"));
    (
        note["lang"].as_str().unwrap().to_string(),
        note["text"].as_str().unwrap().to_string(),
    )
}

async fn set_locale(app: &TestApp, token: &str, locale: &str) -> (StatusCode, serde_json::Value) {
    app.call(
        Method::PATCH,
        "/api/v1/me",
        Some(token),
        Some(json!({ "locale": locale })),
    )
    .await
}

#[tokio::test]
async fn notices_are_written_in_the_language_the_account_keeps() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 4021);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("aigerim@example.kz").await;

    // The person reads Russian: the account keeps it.
    let (status, me) = set_locale(&app, &token, "ru").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["locale"], "ru");
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["locale"], "ru");

    // The application names Kazakh; the account's language is the one the notice is written in.
    app.prove(&token, &person).await;
    let form = with(application(&person, CENTER), json!({ "lang": "kk" }));
    let (status, reg) = app.post("/api/v1/registrations", Some(&token), form).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    let (lang, text) = cabinet_notice(&app, &token, "job_seeker_registered").await;
    assert_eq!(lang, "ru");
    assert!(text.contains("Кокшетау"), "{text}");

    // Switched to English, the next notice is in English; the earlier one stays as written.
    let (status, _) = set_locale(&app, &token, "en").await;
    assert_eq!(status, StatusCode::OK);
    let (status, closed) = app.close_registration(&token, "moved").await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    let (lang, _) = cabinet_notice(&app, &token, "registration_closed").await;
    assert_eq!(lang, "en");
    let (lang, _) = cabinet_notice(&app, &token, "job_seeker_registered").await;
    assert_eq!(lang, "ru");

    // The same language again changes nothing and writes nothing; each change is audited.
    let (status, me) = set_locale(&app, &token, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["locale"], "en");
    let audit = app.audit("action=set_locale").await;
    let changes = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "set_locale")
        .count();
    assert_eq!(changes, 2, "{audit}");
}

#[tokio::test]
async fn a_language_the_portal_does_not_offer_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.citizen("bolat@example.kz").await;
    for bad in [
        json!({ "locale": "de" }),
        json!({ "locale": "" }),
        json!({}),
    ] {
        let answer = app
            .call(Method::PATCH, "/api/v1/me", Some(&token), Some(bad))
            .await;
        assert_problem(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    }
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["locale"], "kk", "unchanged");
    let answer = app
        .call(
            Method::PATCH,
            "/api/v1/me",
            None,
            Some(json!({ "locale": "ru" })),
        )
        .await;
    assert_problem(answer, StatusCode::UNAUTHORIZED, "unauthorized");
}
