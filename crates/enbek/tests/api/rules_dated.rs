//! Rules whose values are dated data: the coefficient of participation of the job-loss payment
//! (Social Code art.102; the State Social Insurance Fund's rules of 22.06.2023 No.237).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

const CENTER: &str = "cc-kokshetau";
const PASSWORD: &str = "secret123";

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
    app.registry_person(
        &person,
        json!({ "contribution_months": paid, "contribution_incomes": incomes }),
    )
    .await;
    app.set_clock(WORKING_MORNING).await;
    let token = app.citizen(login).await;
    app.prove(&token, &person).await;
    let (status, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&person, CENTER),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
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
