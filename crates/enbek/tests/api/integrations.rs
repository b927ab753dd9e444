//! The state-registry HTTP adapter against a real HTTP peer, and the files loaded at start.

use axum::extract::Path;
use axum::http::StatusCode as AxumStatus;
use axum::routing::get;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::helpers::*;
use crate::steps::*;

fn registry_record(iin: &str) -> Value {
    json!({
        "iin": iin, "last_name": "Жумабаева", "first_name": "Айгерим", "birth_date": "1990-02-14", "sex": "female",
        "region_code": "110000000", "district_code": "111000000", "locality_code": "111010000",
        "employed": false, "entrepreneur": false, "pensioner": false, "student": false, "sentences": [],
        "contribution_months": ["2026-01"], "phones": ["+77021234567"]
    })
}

/// A registry gateway on loopback: knows one person and the phone the mobile-citizens
/// registry links to them; answers 503 while `down` is set.
async fn registry_gateway(known: String, down: Arc<AtomicBool>) -> String {
    let answer = move |iin: String, body: Value| {
        let (known, down) = (known.clone(), down.clone());
        async move {
            if down.load(Ordering::SeqCst) {
                (AxumStatus::SERVICE_UNAVAILABLE, axum::Json(json!({})))
            } else if iin == known {
                (AxumStatus::OK, axum::Json(body))
            } else {
                (AxumStatus::NOT_FOUND, axum::Json(json!({})))
            }
        }
    };
    let phones = answer.clone();
    let app = axum::Router::new()
        .route(
            "/registry/persons/{iin}",
            get(move |Path(iin): Path<String>| {
                let record = registry_record(&iin);
                answer(iin, record)
            }),
        )
        .route(
            "/registry/persons/{iin}/phones",
            get(move |Path(iin): Path<String>| phones(iin, json!(["+77021234567"]))),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/registry", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn the_http_registry_adapter_registers_refuses_and_waits_as_the_gateway_answers() {
    let known = iin("900214", 4, 1200);
    let down = Arc::new(AtomicBool::new(false));
    let url = registry_gateway(known.clone(), down.clone()).await;
    let app = TestApp::spawn_with(|a| {
        a.registry_url = Some(url.clone());
    })
    .await;

    let token = app.citizen("aigerim@example.kz").await;
    app.prove(&token, &known).await;
    let (status, reg) = app.apply(&token, &known).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker");
    let (_, card) = app.get("/api/v1/me/card", Some(&token)).await;
    assert_eq!(card["person"]["first_name"], "Айгерим");

    // A person the registries do not know has no phone to prove an identity with, and at the
    // desk is refused: a 404 means the registries know no such person.
    let stranger = app.citizen("stranger@example.kz").await;
    let unknown = iin("900214", 4, 1300);
    assert_problem(
        app.post(
            "/api/v1/identity-proofs",
            Some(&stranger),
            json!({ "iin": unknown, "method": "sms" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_registered_phone",
    );
    let specialist = app.specialist("spec.gateway", "cc-kokshetau").await;
    let (_, reg) = app
        .desk(&specialist, application(&unknown, "cc-kokshetau"))
        .await;
    assert_eq!(
        reg["refusal_code"], "false_information",
        "a 404 means the registries know no such person"
    );

    down.store(true, Ordering::SeqCst);
    app.close_registration(&token, "own_wish").await;
    let (status, reg) = app.apply(&token, &known).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        reg["status"], "verifying",
        "a gateway error delays, it never refuses"
    );
    down.store(false, Ordering::SeqCst);
    app.set_clock("2026-03-17T10:10:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login("aigerim@example.kz", "secret123").await;
    let (_, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(mine["status"], "job_seeker");
}

#[tokio::test]
async fn the_registry_and_organisation_files_are_loaded_at_start() {
    let dir = std::env::temp_dir().join(format!("enbek-files-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let person = iin("900214", 4, 1400);
    let registry_file = dir.join("registry.json");
    std::fs::write(
        &registry_file,
        json!([registry_record(&person)]).to_string(),
    )
    .unwrap();
    let organizations_file = dir.join("organizations.csv");
    let mut f = std::fs::File::create(&organizations_file).unwrap();
    writeln!(
        f,
        "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural"
    )
    .unwrap();
    writeln!(f, "cc-astana-yesil,career_center,,Есіл ауданының мансап орталығы,Карьерный центр района Есиль,Yesil District Career Center,710000000,711400000,711400000,false").unwrap();
    drop(f);

    let (rf, of) = (registry_file.clone(), organizations_file.clone());
    let app = TestApp::spawn_with(|a| {
        a.registry_file = Some(rf);
        a.organizations_file = Some(of);
    })
    .await;
    let (_, centers) = app
        .get(
            "/api/v1/organizations?kind=career_center&region_code=710000000",
            None,
        )
        .await;
    assert!(
        centers
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == "cc-astana-yesil"),
        "{centers}"
    );
    let token = app.citizen("fromfile@example.kz").await;
    app.prove(&token, &person).await;
    let (_, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&person, "cc-astana-yesil"),
        )
        .await;
    assert_eq!(reg["status"], "job_seeker", "{reg}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 206 p.28: with a staff listener configured, the public one serves the portal only.
#[tokio::test]
async fn a_staff_listener_keeps_the_ais_off_the_public_address() {
    let db = TestDb::new().await;
    let mut args = serve_args(&db.url);
    args.staff_listen = Some("127.0.0.1:0".parse().unwrap());
    let running = enbek::app::start(args).await.expect("the server starts");
    let public = format!("http://{}", running.addr);
    let staff = format!("http://{}", running.staff_addr.expect("a staff address"));
    let client = reqwest::Client::new();
    let login = json!({ "login": "admin", "password": ADMIN_PASSWORD });
    let session: Value = client
        .post(format!("{public}/api/v1/sessions"))
        .json(&login)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["token"].as_str().expect("a token");

    for (path, method) in [
        ("/api/v1/career-center/registrations", reqwest::Method::POST),
        ("/api/v1/staff-accounts", reqwest::Method::POST),
        ("/api/v1/dev/clock", reqwest::Method::GET),
        ("/api/v1/audit", reqwest::Method::GET),
        ("/metrics", reqwest::Method::GET),
    ] {
        let on_public = client
            .request(method.clone(), format!("{public}{path}"))
            .bearer_auth(token)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(on_public.status(), StatusCode::NOT_FOUND, "{path}");
        let on_staff = client
            .request(method, format!("{staff}{path}"))
            .bearer_auth(token)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_ne!(on_staff.status(), StatusCode::NOT_FOUND, "{path}");
    }

    let public_doc: Value = client
        .get(format!("{public}/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(public_doc["paths"].get("/api/v1/registrations").is_some());
    assert!(public_doc["paths"].get("/api/v1/staff-accounts").is_none());
    let health = client
        .get(format!("{public}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    running.server.abort();
    running.worker.abort();
}

/// `enbek serve` serves the web UI; its files come from the binary, locked down.
#[tokio::test]
async fn the_web_page_and_its_files_are_served_with_a_strict_policy() {
    let app = TestApp::spawn().await;
    for (path, content_type, marker) in [
        ("/ui/", "text/html", "/ui/app.js"),
        ("/ui/app.js", "text/javascript", "/api/v1/registrations"),
        ("/ui/app.css", "text/css", "body"),
    ] {
        let answer = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::OK, "{path}");
        let headers = answer.headers().clone();
        assert!(headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with(content_type));
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'self'"));
        assert!(answer.text().await.unwrap().contains(marker), "{path}");
    }
    // The page speaks the three languages and calls only operations that exist.
    let script = app.text("/ui/app.js").await;
    for greeting in [
        "Еңбек биржасы",
        "Электронная биржа труда",
        "Electronic Labor Exchange",
    ] {
        assert!(script.contains(greeting));
    }
    let (_, doc) = app.get("/api/v1/openapi.json", None).await;
    let templates: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    let matches = |template: &str, path: &str| {
        let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
        t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| t.starts_with('{') || t == p)
    };
    for path in script
        .split('"')
        .filter(|s| s.starts_with("/api/v1/"))
        .map(|s| s.split('?').next().unwrap())
    {
        assert!(templates.iter().any(|t| matches(t, path)), "{path}");
    }
}
