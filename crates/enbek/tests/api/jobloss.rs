//! The job-loss social payment application (Social Code art.102; 214 p.57; guide step 4),
//! sent to a real HTTP peer standing in for the State Social Insurance Fund's gateway.

use axum::http::StatusCode as AxumStatus;
use axum::routing::post;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::helpers::*;
use crate::steps::*;

/// The months from `first` (YYYY-MM), `n` of them.
fn months(first: &str, n: u32) -> Vec<String> {
    let (y, m) = first.split_once('-').unwrap();
    let start = y.parse::<u32>().unwrap() * 12 + m.parse::<u32>().unwrap() - 1;
    (start..start + n)
        .map(|i| format!("{:04}-{:02}", i / 12, i % 12 + 1))
        .collect()
}

/// The fund's gateway on loopback: records what it receives; answers 503 while `down`.
async fn fund_gateway(down: Arc<AtomicBool>) -> (String, Arc<Mutex<Vec<Value>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    let app = axum::Router::new().route(
        "/fund/applications",
        post(move |axum::Json(body): axum::Json<Value>| {
            let (log, down) = (log.clone(), down.clone());
            async move {
                if down.load(Ordering::SeqCst) {
                    return AxumStatus::SERVICE_UNAVAILABLE;
                }
                log.lock().unwrap().push(body);
                AxumStatus::ACCEPTED
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/fund/applications",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// A person registered as unemployed from Friday 20 March 2026, with contributions of
/// `income` for the `n` months before March (February back), signed in.
async fn unemployed(app: &TestApp, login: &str, serial: u32, n: u32, income: u64) -> String {
    let paid = months_back(n);
    let incomes: serde_json::Map<String, Value> =
        paid.iter().map(|m| (m.clone(), json!(income))).collect();
    let registry = json!({ "contribution_months": paid, "contribution_incomes": incomes });
    app.unemployed(login, &iin("880412", 3, serial), registry)
        .await;
    app.login(login, PASSWORD).await
}

/// The `n` months ending with February 2026.
fn months_back(n: u32) -> Vec<String> {
    let first = (2026 * 12 + 2) - n;
    months(&format!("{:04}-{:02}", first / 12, first % 12 + 1), n)
}

async fn apply(app: &TestApp, token: &str, iban: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/me/jobloss-payment",
        Some(token),
        json!({ "iban": iban }),
    )
    .await
}

#[tokio::test]
async fn an_eligible_application_goes_to_the_fund_with_its_formula_and_is_confirmed() {
    let down = Arc::new(AtomicBool::new(true));
    let (url, received) = fund_gateway(down.clone()).await;
    let app = TestApp::spawn_with(|a| {
        a.fund_url = Some(enbek::platform::config::Secret::from(url.as_str()));
    })
    .await;
    let token = unemployed(&app, "dana@example.kz", 100, 12, 200_000).await;
    let iban = kz_iban("722", "0000123456789");
    let (status, payment) = apply(&app, &token, &iban.to_lowercase()).await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");
    assert_eq!(payment["status"], "sent_to_fund");
    assert_eq!(payment["iban"], format!("****************{}", &iban[16..]));
    let a = &payment["assessment"];
    assert_eq!(a["months_in_window"], 12);
    assert_eq!(a["eligible"], true);
    assert_eq!(a["average_monthly_income"], 100_000);
    assert_eq!(a["replacement_rate"], 0.45);
    assert_eq!(a["stage_coefficient"], 0.75);
    assert_eq!(a["monthly_amount"], 33_750);
    assert_eq!(a["duration_months"], 2);
    assert!(a["formula"].as_str().unwrap().contains("0.45"));

    // The fund is down: the application waits and is retried, never lost.
    app.run_due_jobs().await;
    assert!(received.lock().unwrap().is_empty());
    let (_, now) = app.get("/api/v1/me/jobloss-payment", Some(&token)).await;
    assert!(now["delivered_to_fund_at"].is_null());
    down.store(false, Ordering::SeqCst);
    app.set_clock("2026-03-20T10:05:00+05:00").await;
    app.run_due_jobs().await;
    let sent = received.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["iban"], iban);
    assert_eq!(sent[0]["unemployed_since"], "2026-03-20");
    assert_eq!(sent[0]["assessment"]["monthly_amount"], 33_750);
    let (_, now) = app.get("/api/v1/me/jobloss-payment", Some(&token)).await;
    assert_eq!(now["delivered_to_fund_at"], "2026-03-20T05:05:00Z");

    assert_problem(
        apply(&app, &token, &iban).await,
        StatusCode::CONFLICT,
        "jobloss_application_exists",
    );
}

#[tokio::test]
async fn five_months_of_contributions_are_not_enough_and_six_are() {
    let app = TestApp::spawn().await;
    let five = unemployed(&app, "five@example.kz", 200, 5, 150_000).await;
    app.set_clock(WORKING_MORNING).await;
    let six = unemployed(&app, "six@example.kz", 210, 6, 150_000).await;
    let iban = kz_iban("722", "0000123456789");
    let (status, payment) = apply(&app, &five, &iban).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(payment["status"], "not_eligible");
    assert_eq!(payment["assessment"]["months_in_window"], 5);
    assert!(payment["assessment"]["monthly_amount"].is_null());
    let (_, list) = app.get("/api/v1/me/notifications", Some(&five)).await;
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "jobloss_not_eligible"));
    let (_, payment) = apply(&app, &six, &iban).await;
    assert_eq!(payment["status"], "sent_to_fund");
    assert_eq!(payment["assessment"]["duration_months"], 1);
    // Development mode keeps what would have gone to the fund.
    app.run_due_jobs().await;
    let (_, outbound) = app.get("/api/v1/dev/outbound", Some(&app.admin)).await;
    assert_eq!(outbound.as_array().unwrap().len(), 1);
    assert_eq!(outbound[0]["destination"], "social_insurance_fund");
    assert_eq!(outbound[0]["status"], "delivered");
}

#[tokio::test]
async fn a_silent_registry_leaves_the_application_checking_until_it_answers() {
    let app = TestApp::spawn().await;
    let token = unemployed(&app, "wait@example.kz", 300, 12, 100_000).await;
    app.registry_answering(false).await;
    let (status, payment) = apply(&app, &token, &kz_iban("722", "0000000000042")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(payment["status"], "checking");
    app.registry_answering(true).await;
    app.set_clock("2026-03-20T10:05:00+05:00").await;
    app.run_due_jobs().await;
    let (_, payment) = app.get("/api/v1/me/jobloss-payment", Some(&token)).await;
    assert_eq!(payment["status"], "sent_to_fund");
}

#[tokio::test]
async fn only_an_unemployed_citizen_applies_with_a_valid_iban() {
    let app = TestApp::spawn().await;
    let iban = kz_iban("722", "0000123456789");
    // An account that has proven no IIN applies for nobody.
    let anonymous = app.citizen("anonymous@example.kz").await;
    assert_problem(
        apply(&app, &anonymous, &iban).await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    // A proven person without a registration has nothing to apply for.
    let nobody = app.citizen("nobody@example.kz").await;
    let unregistered = iin("880412", 3, 300);
    app.registry_person(&unregistered, json!({})).await;
    app.prove(&nobody, &unregistered).await;
    assert_problem(
        apply(&app, &nobody, &iban).await,
        StatusCode::NOT_FOUND,
        "no_registration",
    );
    let (status, _) = app.get("/api/v1/me/jobloss-payment", Some(&nobody)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A job seeker is not yet unemployed.
    let person = iin("880412", 3, 400);
    app.registry_person(&person, json!({})).await;
    let seeker = app.citizen("seeker@example.kz").await;
    app.prove(&seeker, &person).await;
    app.apply(&seeker, &person).await;
    assert_problem(
        apply(&app, &seeker, &iban).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );

    let mut wrong_check = iban.clone();
    wrong_check.replace_range(2..4, if &iban[2..4] == "11" { "12" } else { "11" });
    for bad in ["KZ12", "DE89370400440532013000", wrong_check.as_str()] {
        let (status, body) = apply(&app, &seeker, bad).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_iban"),
            "{bad}"
        );
    }
    let specialist = app.specialist("spec.k", "cc-kokshetau").await;
    let (status, _) = apply(&app, &specialist, &iban).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .post("/api/v1/me/jobloss-payment", None, json!({ "iban": iban }))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn change_iban(app: &TestApp, token: &str, iban: &str, proof: &str) -> (StatusCode, Value) {
    app.call(
        Method::PUT,
        "/api/v1/me/jobloss-payment/iban",
        Some(token),
        Some(json!({ "iban": iban, "proof_id": proof })),
    )
    .await
}

#[tokio::test]
async fn a_new_iban_is_confirmed_by_a_fresh_proof_told_to_the_person_and_sent_to_the_fund() {
    let down = Arc::new(AtomicBool::new(false));
    let (url, received) = fund_gateway(down).await;
    let app = TestApp::spawn_with(|a| {
        a.fund_url = Some(enbek::platform::config::Secret::from(url.as_str()));
    })
    .await;
    let token = unemployed(&app, "iban@example.kz", 600, 12, 200_000).await;
    let person = iin("880412", 3, 600);
    let (status, _) = apply(&app, &token, &kz_iban("722", "0000123456789")).await;
    assert_eq!(status, StatusCode::CREATED);
    let new_iban = kz_iban("601", "0000987654321");

    // No proof, or another account's: refused, and nothing changes.
    assert_problem(
        change_iban(&app, &token, &new_iban, "no-such-proof").await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
    let other_person = iin("880412", 3, 610);
    app.registry_person(&other_person, json!({})).await;
    let other = app.citizen("other@example.kz").await;
    let others_proof = app.prove(&other, &other_person).await;
    let (status, _) = change_iban(&app, &token, &new_iban, &others_proof).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A proof started but not completed confirms nothing.
    let (open_proof, _) = app.start_sms_proof(&token, &person).await;
    let (status, _) = change_iban(&app, &token, &new_iban, &open_proof).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A proof completed ten minutes before still confirms, and only once.
    let proof = app.prove(&token, &person).await;
    app.set_clock("2026-03-20T10:10:00+05:00").await;
    assert_problem(
        change_iban(&app, &token, "KZ00BAD", &proof).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_iban",
    );
    let (status, payment) = change_iban(&app, &token, &new_iban, &proof).await;
    assert_eq!(status, StatusCode::OK, "{payment}");
    assert_eq!(
        payment["iban"],
        format!("****************{}", &new_iban[16..])
    );
    let (status, body) = change_iban(&app, &token, &kz_iban("601", "0000000000001"), &proof).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "confirmation_required"),
        "a proof confirms one change"
    );
    // The person is told on every channel, the fund receives the change.
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    let told: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "iban_changed")
        .map(|n| n["channel"].as_str().unwrap())
        .collect();
    assert!(
        told.contains(&"cabinet") && told.contains(&"sms"),
        "{told:?}"
    );
    app.run_due_jobs().await;
    let fund = received.lock().unwrap().clone();
    assert!(
        fund.iter()
            .any(|m| m["change"] == "iban_change" && m["iban"] == new_iban.as_str()),
        "{fund:?}"
    );

    // Ten minutes and one second after its completion a proof no longer confirms.
    let late = app.prove(&token, &person).await;
    app.set_clock("2026-03-20T10:20:01+05:00").await;
    assert_problem(
        change_iban(&app, &token, &kz_iban("601", "0000000000002"), &late).await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
}
