//! Rules whose values are dated data: the coefficient of participation of the job-loss payment
//! (Social Code art.102; the State Social Insurance Fund's rules of 22.06.2023 No.237) and the
//! selection period by edition and channel (214 p.23, 214 p.36), and the fixed holidays by the
//! years they are valid (Law "On holidays" art.5; 30 August no longer a holiday from 2026).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const SPECIALIST: &str = "spec.kokshetau";

/// The `n` months ending with February 2026, as YYYY-MM.
fn months_to_february_2026(n: u32) -> Vec<String> {
    let last = 2026 * 12 + 1;
    (last + 1 - n..=last)
        .map(|i| format!("{:04}-{:02}", i / 12, i % 12 + 1))
        .collect()
}

/// A person registered as a job seeker on the portal on Tuesday 17 March 2026 and unemployed
/// from Friday 20 March, with contributions of 100 000 for the `n` months before March; applies
/// for the job-loss payment and returns the application.
async fn jobloss_application(app: &TestApp, login: &str, serial: u32, n: u32) -> Value {
    let person = iin("880412", 3, serial);
    let paid = months_to_february_2026(n);
    let incomes: serde_json::Map<String, Value> =
        paid.iter().map(|m| (m.clone(), json!(100_000))).collect();
    app.set_clock(WORKING_MORNING).await;
    app.unemployed(
        login,
        &person,
        json!({ "contribution_months": paid, "contribution_incomes": incomes }),
    )
    .await;
    let token = app.login(login, PASSWORD).await;
    let (status, payment) = app
        .post(
            "/api/v1/me/jobloss-payment",
            Some(&token),
            json!({ "iban": kz_iban("722", "0000123456789") }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");
    payment
}

#[tokio::test]
async fn the_job_loss_breakdown_shows_the_coefficient_and_its_band_on_each_side_of_24_months() {
    let app = TestApp::spawn().await;
    let a23 = jobloss_application(&app, "band23@example.kz", 100, 23).await;
    let a23 = &a23["assessment"];
    assert_eq!(a23["participation_months"], 23);
    assert_eq!(a23["stage_coefficient"], 0.75);
    assert_eq!(
        a23["stage_band"],
        json!({ "from_months": 12, "to_months": 23 })
    );
    // 23 months of 100 000 over 24 average 95 833; × 0.45 × 0.75.
    assert_eq!(a23["monthly_amount"], 32_344);
    assert!(a23["formula"]
        .as_str()
        .unwrap()
        .contains("band 12–23 months"));

    let a24 = jobloss_application(&app, "band24@example.kz", 110, 24).await;
    let a24 = &a24["assessment"];
    assert_eq!(a24["participation_months"], 24);
    assert_eq!(a24["stage_coefficient"], 0.85);
    assert_eq!(
        a24["stage_band"],
        json!({ "from_months": 24, "to_months": 35 })
    );
    assert_eq!(a24["monthly_amount"], 38_250);
}

/// Registers a job seeker at the clock's time on the enbek.kz `portal` or at the career center's
/// desk (`in_person`); returns the registration's id.
async fn job_seeker_through(app: &TestApp, channel: &str, serial: u32) -> String {
    let person = iin("880412", 3, serial);
    app.registry_person(&person, json!({})).await;
    let (status, reg) = if channel == "portal" {
        let token = app.citizen(&format!("seeker{serial}@example.kz")).await;
        app.prove(&token, &person).await;
        app.apply(&token, &person).await
    } else {
        let form = with(
            application(&person, CENTER),
            json!({ "last_name": "АХМЕТОВ", "birth_date": "1987-10-08" }),
        );
        let specialist = app.login(SPECIALIST, STAFF_PASSWORD).await;
        app.desk(&specialist, form).await
    };
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker", "{reg}");
    assert_eq!(reg["channel"], channel);
    reg["id"].as_str().unwrap().to_string()
}

/// Moves the clock, runs what fell due, and gives each registration's status and the day it is
/// unemployed from.
async fn statuses_at(app: &TestApp, now: &str, ids: &[&str]) -> Vec<(String, Value)> {
    app.set_clock(now).await;
    app.run_due_jobs().await;
    let specialist = app.login(SPECIALIST, STAFF_PASSWORD).await;
    let mut out = Vec::new();
    for id in ids {
        let (status, reg) = app
            .get(&format!("/api/v1/registrations/{id}"), Some(&specialist))
            .await;
        assert_eq!(status, StatusCode::OK, "{reg}");
        out.push((
            reg["status"].as_str().unwrap().to_string(),
            reg["unemployed_since"].clone(),
        ));
    }
    out
}

fn seeker() -> (String, Value) {
    ("job_seeker".to_string(), Value::Null)
}

fn unemployed_since(day: &str) -> (String, Value) {
    ("unemployed".to_string(), json!(day))
}

#[tokio::test]
async fn the_selection_period_follows_the_edition_and_the_channel() {
    let app = TestApp::spawn().await;
    app.specialist(SPECIALIST, CENTER).await;
    // Thursday 26 June 2025, the 2024 edition: the desk's one working day (214 p.23) ends with
    // Friday 27th; the portal's two (214 p.36) with Monday 30th.
    app.set_clock("2025-06-26T11:00:00+05:00").await;
    let desk = job_seeker_through(&app, "in_person", 9100).await;
    let portal = job_seeker_through(&app, "portal", 9110).await;
    let both = [desk.as_str(), portal.as_str()];
    assert_eq!(
        statuses_at(&app, "2025-06-27T23:59:00+05:00", &both).await,
        [seeker(), seeker()]
    );
    assert_eq!(
        statuses_at(&app, "2025-06-28T00:00:00+05:00", &both).await,
        [unemployed_since("2025-06-28"), seeker()]
    );
    // Monday 30 June 2025, the 2025 edition: two working days on either channel.
    app.set_clock("2025-06-30T11:00:00+05:00").await;
    let desk_2025 = job_seeker_through(&app, "in_person", 9120).await;
    let portal_2025 = job_seeker_through(&app, "portal", 9130).await;
    assert_eq!(
        statuses_at(&app, "2025-06-30T23:59:00+05:00", &[&portal]).await,
        [seeker()]
    );
    assert_eq!(
        statuses_at(&app, "2025-07-01T00:00:00+05:00", &[&portal]).await,
        [unemployed_since("2025-07-01")]
    );
    let both = [desk_2025.as_str(), portal_2025.as_str()];
    assert_eq!(
        statuses_at(&app, "2025-07-02T23:59:00+05:00", &both).await,
        [seeker(), seeker()]
    );
    assert_eq!(
        statuses_at(&app, "2025-07-03T00:00:00+05:00", &both).await,
        [
            unemployed_since("2025-07-03"),
            unemployed_since("2025-07-03")
        ]
    );
}

#[tokio::test]
async fn a_two_working_day_term_runs_over_31_august_2026_which_is_worked() {
    let app = TestApp::spawn().await;
    app.specialist(SPECIALIST, CENTER).await;
    // Thursday 27 August 2026: Friday 28th and Monday 31st, no longer a day off for Sunday
    // 30 August.
    app.set_clock("2026-08-27T11:00:00+05:00").await;
    let id = job_seeker_through(&app, "portal", 9200).await;
    assert_eq!(
        statuses_at(&app, "2026-08-31T23:59:00+05:00", &[&id]).await,
        [seeker()]
    );
    assert_eq!(
        statuses_at(&app, "2026-09-01T00:00:00+05:00", &[&id]).await,
        [unemployed_since("2026-09-01")]
    );
}
