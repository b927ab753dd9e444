//! Accounts and access (206 p.17–19): sign-up, login limits, sessions, staff accounts, and the
//! problem+json answers to a client's mistakes.

use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

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
    assert_problem(
        app.post(
            "/api/v1/accounts",
            None,
            sign_up("+7 701 555 12 34", "another one 8", true),
        )
        .await,
        StatusCode::CONFLICT,
        "login_taken",
    );

    // The agreement's acceptance is recorded in the audit log.
    let audit = app.audit(&format!("entity=account&entity_id={id}")).await;
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

    assert_problem(
        app.get("/api/v1/no-such-thing", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_problem(
        app.call(Method::PATCH, "/api/v1/accounts", None, None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
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
    assert_problem(
        app.get("/api/v1/me", None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
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

/// A login attempt from `client` (named by `X-Forwarded-For`: the tests' servers trust the local
/// proxy): its status, `Retry-After` header and problem code.
async fn attempt_from(
    app: &TestApp,
    client: &str,
    login: &str,
    password: &str,
) -> (StatusCode, Option<u64>, String) {
    let answer = app
        .client
        .post(format!("{}/api/v1/sessions", app.base))
        .header("x-forwarded-for", client)
        .json(&json!({ "login": login, "password": password }))
        .send()
        .await
        .unwrap();
    let status = answer.status();
    let retry_after = answer
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body: Value = answer.json().await.unwrap_or(Value::Null);
    if status == StatusCode::TOO_MANY_REQUESTS {
        assert_eq!(
            body["retry_after_seconds"].as_u64(),
            retry_after,
            "the body and the header agree"
        );
    }
    (status, retry_after, code(&body).to_string())
}

async fn behind_a_proxy(address_limit: u32) -> TestApp {
    TestApp::spawn_with(|a| {
        a.login_address_limit = address_limit;
        a.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await
}

const ATTACKER: &str = "203.0.113.7";
const OWNER: &str = "198.51.100.4";

#[tokio::test]
async fn after_three_free_failures_the_wait_doubles_with_each_failure_and_ends_at_its_time() {
    let app = behind_a_proxy(100).await;
    app.citizen("dana@example.kz").await;
    let app = &app;
    let wrong = || attempt_from(app, ATTACKER, "dana@example.kz", "wrong password");
    let right = || attempt_from(app, ATTACKER, "dana@example.kz", "secret123");
    for _ in 0..3 {
        assert_eq!(
            wrong().await,
            (StatusCode::UNAUTHORIZED, None, "invalid_credentials".into())
        );
    }
    // The fourth failure is still answered; the next attempt waits 30 s, even with the right
    // password, and a waiting attempt is not counted.
    assert_eq!(wrong().await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        right().await,
        (
            StatusCode::TOO_MANY_REQUESTS,
            Some(30),
            "too_many_attempts".into()
        )
    );
    assert_eq!(
        wrong().await.1,
        Some(30),
        "the waiting attempt counted nothing"
    );
    app.set_clock("2026-03-17T10:00:29+05:00").await;
    assert_eq!(wrong().await.1, Some(1));
    // At its time the wait ends; the fifth failure doubles it.
    app.set_clock("2026-03-17T10:00:30+05:00").await;
    assert_eq!(wrong().await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(right().await.1, Some(60));
    app.set_clock("2026-03-17T10:01:30+05:00").await;
    assert_eq!(wrong().await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(right().await.1, Some(120));
    // An unknown login is answered as a wrong password, and waits the same way.
    for _ in 0..4 {
        let (status, _, code) = attempt_from(app, ATTACKER, "nobody@example.kz", "x").await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "invalid_credentials")
        );
    }
    let (status, retry_after, _) = attempt_from(app, ATTACKER, "nobody@example.kz", "x").await;
    assert_eq!(
        (status, retry_after),
        (StatusCode::TOO_MANY_REQUESTS, Some(30))
    );

    // A success resets the pair: three free failures again, and the fourth waits 30 s again.
    app.set_clock("2026-03-17T10:03:30+05:00").await;
    assert_eq!(right().await.0, StatusCode::OK);
    app.set_clock("2026-03-17T10:04:00+05:00").await;
    for _ in 0..4 {
        assert_eq!(wrong().await.0, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(right().await.1, Some(30));
}

#[tokio::test]
async fn the_owner_signs_in_from_another_address_while_an_attackers_address_waits() {
    let app = behind_a_proxy(100).await;
    app.citizen("dana@example.kz").await;
    // Seven guesses five minutes apart: each is taken, and the wait grows to four minutes.
    for minute in (0..35).step_by(5) {
        app.set_clock(&format!("2026-03-17T10:{minute:02}:00+05:00"))
            .await;
        let (status, _, _) = attempt_from(&app, ATTACKER, "dana@example.kz", "guess-guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, retry_after, _) =
        attempt_from(&app, ATTACKER, "dana@example.kz", "secret123").await;
    assert_eq!(
        (status, retry_after),
        (StatusCode::TOO_MANY_REQUESTS, Some(240))
    );
    let (status, _, _) = attempt_from(&app, OWNER, "dana@example.kz", "secret123").await;
    assert_eq!(status, StatusCode::OK, "the owner is not locked out");
}

#[tokio::test]
async fn guesses_from_many_addresses_slow_the_account_for_a_minute_at_most() {
    let app = behind_a_proxy(100).await;
    app.citizen("dana@example.kz").await;
    // Ten addresses, one guess each: free for the account.
    for i in 1..=10 {
        let client = format!("203.0.113.{i}");
        let (status, _, _) = attempt_from(&app, &client, "dana@example.kz", "guess-guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt_from(&app, OWNER, "dana@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
    // Past ten, each guess doubles the account's wait from 1 s, never beyond a minute.
    for i in 11..=30 {
        app.set_clock(&format!("2026-03-17T10:{:02}:00+05:00", i))
            .await;
        let client = format!("203.0.113.{i}");
        assert_eq!(
            attempt_from(&app, &client, "dana@example.kz", "guess-guess")
                .await
                .0,
            StatusCode::UNAUTHORIZED
        );
    }
    let (status, retry_after, _) = attempt_from(&app, OWNER, "dana@example.kz", "secret123").await;
    assert_eq!(
        (status, retry_after),
        (StatusCode::TOO_MANY_REQUESTS, Some(60))
    );
    app.set_clock("2026-03-17T10:31:00+05:00").await;
    assert_eq!(
        attempt_from(&app, OWNER, "dana@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
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
    assert_problem(
        create(
            &citizen,
            "spec.one",
            "career_center_specialist",
            Some("cc-kokshetau"),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
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
    assert_problem(
        create(
            &app.admin,
            "Spec.Kokshetau",
            "career_center_specialist",
            Some("cc-burabay"),
        )
        .await,
        StatusCode::CONFLICT,
        "login_taken",
    );

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
async fn failures_from_one_address_slow_it_down_and_a_trusted_proxy_names_the_client() {
    let app = behind_a_proxy(3).await;
    app.citizen("gulnar@example.kz").await;
    app.citizen("aliya@example.kz").await;
    // Aliya has signed in from the office address before.
    assert_eq!(
        attempt_from(&app, ATTACKER, "aliya@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
    // Three wrong guesses at three different logins from one client use up its free failures ...
    for login in ["a@example.kz", "b@example.kz", "c@example.kz"] {
        let (status, _, _) = attempt_from(&app, ATTACKER, login, "guess-guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        attempt_from(&app, ATTACKER, "d@example.kz", "guess-guess")
            .await
            .0,
        StatusCode::UNAUTHORIZED,
        "the fourth is still answered"
    );
    let (status, retry_after, _) =
        attempt_from(&app, ATTACKER, "gulnar@example.kz", "secret123").await;
    assert_eq!(
        (status, retry_after),
        (StatusCode::TOO_MANY_REQUESTS, Some(1))
    );
    // ... an account that signed in from there before is not slowed by them ...
    assert_eq!(
        attempt_from(&app, ATTACKER, "aliya@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
    // ... the same person from another client signs in ...
    assert_eq!(
        attempt_from(&app, OWNER, "gulnar@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
    // ... and the address's wait ends at its time.
    app.set_clock("2026-03-17T10:00:01+05:00").await;
    assert_eq!(
        attempt_from(&app, ATTACKER, "gulnar@example.kz", "secret123")
            .await
            .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_development_admin_takes_the_password_of_each_start() {
    let db = TestDb::new().await;
    let first = TestApp::spawn_on(TestDb::shared(&db.url), serve_args).await;
    let mut args = serve_args(&db.url);
    args.admin_password = Some(enbek::platform::config::Secret::from("a new admin pass"));
    let second = enbek::app::start(args).await.expect("the server starts");
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
    let actions: Vec<_> = strings(&audit, "action");
    assert!(
        actions.contains(&"set_password") && actions.contains(&"create"),
        "{actions:?}"
    );
    drop(first);
}
