//! Accounts and access (206 p.17–19): sign-up, login limits, sessions, staff accounts, and the
//! problem+json answers to a client's mistakes.

use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

fn sign_up(login: &str, password: &str, accept_terms: bool) -> Value {
    json!({ "login": login, "password": password, "accept_terms": accept_terms })
}

#[tokio::test]
async fn a_citizen_signs_up_with_an_email_or_a_mobile_number_and_accepts_the_agreement() {
    let app = TestApp::spawn().await;

    let (status, body) = app
        .post(
            "/api/v1/accounts",
            None,
            sign_up("  Erlan@Example.KZ ", "correct horse", true),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_string();
    let token = app.login("erlan@example.kz", "correct horse").await;
    let (status, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["id"], id.as_str());
    assert_eq!(me["login"], "erlan@example.kz");
    assert_eq!(me["roles"], json!(["citizen"]));
    assert_eq!(me["iin_bound"], false);
    assert_eq!(
        me["locale"], "kk",
        "notices in the state language unless chosen"
    );

    // A mobile number in any usual spelling is one login.
    let (status, _) = app
        .post(
            "/api/v1/accounts",
            None,
            sign_up("8 (701) 555-12-34", "steppe wind 7", true),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    app.login("+77015551234", "steppe wind 7").await;
    let (status, body) = app
        .post(
            "/api/v1/accounts",
            None,
            sign_up("+7 701 555 12 34", "another one 8", true),
        )
        .await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "login_taken"));

    // The agreement's acceptance is recorded in the audit log.
    let (_, audit) = app
        .get(
            &format!("/api/v1/audit?entity=account&entity_id={id}"),
            Some(&app.admin),
        )
        .await;
    let created = &audit.as_array().unwrap()[0];
    assert_eq!(created["action"], "create");
    assert_eq!(created["after"]["terms_version"], "2024-1");
    assert!(!audit.to_string().contains("correct horse"));
}

#[tokio::test]
async fn sign_up_refuses_a_bad_login_a_weak_password_and_unaccepted_terms() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            sign_up("not-a-login", "correct horse", true),
            "invalid_login",
        ),
        (
            sign_up("+1 202 555 0101", "correct horse", true),
            "invalid_login",
        ),
        (
            sign_up("a@example.kz", "correct horse", false),
            "terms_not_accepted",
        ),
        (sign_up("a@example.kz", "seven77", true), "weak_password"),
        (sign_up("a@example.kz", "zzzzzzzzzz", true), "weak_password"),
        (sign_up("a@example.kz", "Password1", true), "weak_password"),
        (
            sign_up("a@example.kz", "A@Example.kz", true),
            "weak_password",
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = app.post("/api/v1/accounts", None, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(code(&answer), expected, "{body}");
    }
    // Eight characters is enough; nothing was half-created by the refusals.
    let (status, _) = app
        .post(
            "/api/v1/accounts",
            None,
            sign_up("a@example.kz", "eight888", true),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn malformed_oversized_and_mistyped_requests_are_problems_not_failures() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/accounts", app.base);
    let send = |body: String, content_type: &'static str| {
        app.client
            .post(&url)
            .header(CONTENT_TYPE, content_type)
            .body(body)
            .send()
    };

    let answer = send("{\"login\": ".into(), "application/json")
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    assert_eq!(answer.headers()[CONTENT_TYPE], "application/problem+json");
    let body: Value = answer.json().await.unwrap();
    assert_eq!(code(&body), "malformed_json");
    assert_eq!(body["status"], 400);

    let answer = send(r#"{"login": 5}"#.into(), "application/json")
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code(&answer.json().await.unwrap()), "invalid_request");

    let answer = send("login=a".into(), "text/plain").await.unwrap();
    assert_eq!(answer.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        code(&answer.json().await.unwrap()),
        "unsupported_media_type"
    );

    let padding = "x".repeat(65 * 1024);
    let big = json!({ "login": "a@example.kz", "password": padding, "accept_terms": true });
    let answer = send(big.to_string(), "application/json").await.unwrap();
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(code(&answer.json().await.unwrap()), "payload_too_large");

    let (status, body) = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    let (status, body) = app
        .call(Method::PATCH, "/api/v1/accounts", None, None)
        .await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
}

#[tokio::test]
async fn problem_titles_follow_the_requested_language() {
    let app = TestApp::spawn().await;
    let titles = [
        ("kk", "Жүйеге кіру қажет"),
        ("ru-RU,ru;q=0.9", "Требуется вход в систему"),
        ("en", "Sign-in is required"),
        ("de, ru;q=0.5", "Требуется вход в систему"),
    ];
    for (accept, title) in titles {
        let answer = app
            .client
            .get(format!("{}/api/v1/me", app.base))
            .header(ACCEPT_LANGUAGE, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
        let body: Value = answer.json().await.unwrap();
        assert_eq!(body["title"], title, "{accept}");
        assert_eq!(code(&body), "unauthorized");
    }
}

#[tokio::test]
async fn tokens_are_refused_when_missing_unknown_revoked_or_expired() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get("/api/v1/me", None).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "unauthorized")
    );
    let (status, _) = app.get("/api/v1/me", Some("enb_not-a-real-token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Logout revokes the token it was called with, and only that one.
    let first = app.citizen("asel@example.kz").await;
    let second = app.login("asel@example.kz", "secret123").await;
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&first),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&first)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.get("/api/v1/me", Some(&second)).await.0, StatusCode::OK);

    // A token lives 12 hours: valid a minute before, refused at the end.
    let (_, session) = app
        .post(
            "/api/v1/sessions",
            None,
            json!({ "login": "asel@example.kz", "password": "secret123" }),
        )
        .await;
    assert_eq!(session["expires_at"], "2026-03-17T17:00:00Z");
    let token = session["token"].as_str().unwrap().to_string();
    let (app, admin) = (&app, app.admin.as_str());
    let set = move |now: &'static str| {
        app.call(
            Method::PUT,
            "/api/v1/dev/clock",
            Some(admin),
            Some(json!({ "now": now })),
        )
    };
    set("2026-03-17T21:59:00+05:00").await;
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.0, StatusCode::OK);
    set("2026-03-17T22:00:00+05:00").await;
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_login_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    app.citizen("dana@example.kz").await;
    let app = &app;
    let attempt = move |password: &'static str| {
        app.post(
            "/api/v1/sessions",
            None,
            json!({ "login": "dana@example.kz", "password": password }),
        )
    };
    for _ in 0..5 {
        let (status, body) = attempt("wrong password").await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNAUTHORIZED, "invalid_credentials")
        );
    }
    // Even the right password waits now; an unknown login gets the same answer as a wrong one.
    let (status, body) = attempt("secret123").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
    );
    let (status, body) = app
        .post(
            "/api/v1/sessions",
            None,
            json!({ "login": "nobody@example.kz", "password": "secret123" }),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "invalid_credentials")
    );

    // The window slides: 15 minutes after the last failure the login opens again.
    app.set_clock("2026-03-17T10:14:59+05:00").await;
    assert_eq!(attempt("secret123").await.0, StatusCode::TOO_MANY_REQUESTS);
    app.set_clock("2026-03-17T10:15:01+05:00").await;
    assert_eq!(attempt("secret123").await.0, StatusCode::OK);
}

#[tokio::test]
async fn only_an_administrator_creates_staff_and_each_role_needs_its_kind_of_organisation() {
    let app = &TestApp::spawn().await;
    let create = move |token: &str, login: &str, role: &str, org: Option<&str>| {
        let body = json!({ "login": login, "password": "staff-pass-1", "role": role, "organization_id": org });
        let token = token.to_string();
        async move { app.post("/api/v1/staff-accounts", Some(&token), body).await }
    };

    let citizen = app.citizen("citizen@example.kz").await;
    let (status, body) = create(
        &citizen,
        "spec.one",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"));
    let (status, _) = create(
        "",
        "spec.one",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let refused = [
        (
            "spec.two",
            "career_center_specialist",
            None,
            "unknown_organization",
        ),
        (
            "spec.two",
            "career_center_specialist",
            Some("rd-burabay-zeleny-bor"),
            "unknown_organization",
        ),
        (
            "spec.two",
            "career_center_specialist",
            Some("cc-nowhere"),
            "unknown_organization",
        ),
        (
            "asst.one",
            "assistant",
            Some("cc-burabay"),
            "unknown_organization",
        ),
        ("spec.two", "citizen", None, "invalid_value"),
        ("spec.two", "sultan", None, "invalid_value"),
        ("x", "ministry_officer", None, "invalid_login"),
    ];
    for (login, role, org, expected) in refused {
        let (status, body) = create(&app.admin, login, role, org).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{role} {org:?}: {body}"
        );
        assert_eq!(code(&body), expected, "{role} {org:?}");
    }

    let (status, _) = create(
        &app.admin,
        "spec.kokshetau",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = create(
        &app.admin,
        "asst.zb",
        "assistant",
        Some("rd-burabay-zeleny-bor"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = create(&app.admin, "ministry.one", "ministry_officer", None).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = create(
        &app.admin,
        "Spec.Kokshetau",
        "career_center_specialist",
        Some("cc-burabay"),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "login_taken"));

    let token = app.login("spec.kokshetau", "staff-pass-1").await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(
        me["grants"],
        json!([{ "role": "career_center_specialist", "organization_id": "cc-kokshetau" }])
    );
    // A specialist does not create accounts either.
    let (status, _) = create(
        &token,
        "spec.three",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn failures_from_one_address_are_limited_and_a_trusted_proxy_names_the_client() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(db, |url| {
        let mut args = serve_args(url);
        args.login_address_limit = 3;
        args.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        args
    })
    .await;
    app.citizen("gulnar@example.kz").await;
    let attempt = |client: &'static str, login: &'static str, password: &'static str| {
        app.client
            .post(format!("{}/api/v1/sessions", app.base))
            .header("x-forwarded-for", client)
            .json(&json!({ "login": login, "password": password }))
            .send()
    };
    // Three wrong guesses at three different logins from one client use up its allowance ...
    for login in ["a@example.kz", "b@example.kz", "c@example.kz"] {
        let answer = attempt("203.0.113.7", login, "guess-guess").await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    }
    let answer = attempt("203.0.113.7", "gulnar@example.kz", "secret123")
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
    // ... while the same person from another client signs in.
    let answer = attempt("198.51.100.4", "gulnar@example.kz", "secret123")
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_development_admin_takes_the_password_of_each_start() {
    let db = TestDb::new().await;
    let first = TestApp::spawn_on(TestDb::shared(&db.url), serve_args).await;
    let mut args = serve_args(&db.url);
    args.admin_password = Some(enbek::config::Secret::from("a new admin pass"));
    let second = enbek::server::start(args).await.expect("the server starts");
    second.server.abort();
    second.worker.abort();
    let sign_in = |password: &'static str| {
        first.post(
            "/api/v1/sessions",
            None,
            json!({ "login": "admin", "password": password }),
        )
    };
    assert_eq!(sign_in(ADMIN_PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(sign_in("a new admin pass").await.0, StatusCode::OK);
    let (_, audit) = first
        .get("/api/v1/audit?entity=account", Some(&first.admin))
        .await;
    let actions: Vec<_> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"set_password") && actions.contains(&"create"),
        "{actions:?}"
    );
    drop(first);
}
