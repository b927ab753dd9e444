//! The grounds of 214 p.41 and 214 p.51 as the text gives them: the pension age of Social Code
//! art.207 p.1–3 (not a pension for another reason), the sentences of 214 p.41(6) and 214 p.51(5),
//! and a pension the registry reports shown to the specialist instead of ending the registration.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

const CENTER: &str = "cc-kokshetau";
const PASSWORD: &str = "secret123";

/// A citizen registered as a job seeker on the portal at the clock's time (Tuesday 17 March
/// 2026: the selection period ends with Thursday 19 March and the decision is for Friday 20
/// March); returns the registration id. `changes` adjust the registry's record of the person.
async fn job_seeker(app: &TestApp, login: &str, person: &str, changes: Value) -> String {
    app.registry_person(person, changes).await;
    let token = app.citizen(login).await;
    app.prove(&token, person).await;
    let (status, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(person, CENTER),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker", "{reg}");
    reg["id"].as_str().unwrap().to_string()
}

async fn registration(app: &TestApp, login: &str) -> Value {
    let token = app.login(login, PASSWORD).await;
    let (status, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    reg
}

/// Runs the decision on registration as unemployed for Friday 20 March 2026.
async fn decide(app: &TestApp) {
    app.set_clock("2026-03-20T00:00:00+05:00").await;
    app.run_due_jobs().await;
}

#[tokio::test]
async fn the_pension_age_by_sex_is_reached_on_the_birthday_and_a_pension_below_it_is_no_ground() {
    let app = TestApp::spawn().await;
    let people = [
        // A man is 63 on 20 March 2026, another the day after.
        (
            "man-63@example.kz",
            iin("630320", 3, 100),
            json!({ "birth_date": "1963-03-20" }),
            Some("pension_age"),
        ),
        (
            "man-62@example.kz",
            iin("630321", 3, 110),
            json!({ "birth_date": "1963-03-21" }),
            None,
        ),
        // A woman's pension age in 2026 is 61 (the dated table of Social Code art.207 p.2).
        (
            "woman-61@example.kz",
            iin("650320", 4, 120),
            json!({ "birth_date": "1965-03-20", "sex": "female" }),
            Some("pension_age"),
        ),
        (
            "woman-60@example.kz",
            iin("650321", 4, 130),
            json!({ "birth_date": "1965-03-21", "sex": "female" }),
            None,
        ),
        // A disability pensioner of 38: a pension for another reason is not 214 p.41(3).
        (
            "disability@example.kz",
            iin("880412", 3, 140),
            json!({ "birth_date": "1988-04-12", "pensioner": true, "disability_group": 2 }),
            None,
        ),
    ];
    for (login, person, changes, _) in &people {
        job_seeker(&app, login, person, changes.clone()).await;
    }
    decide(&app).await;
    for (login, _, _, refusal) in people {
        let reg = registration(&app, login).await;
        match refusal {
            Some(code) => {
                assert_eq!(reg["status"], "refused", "{login}: {reg}");
                assert_eq!(reg["refusal_code"], code, "{login}");
                assert_eq!(
                    reg["refusal_notice"]["legal_basis"],
                    "214 p.41(3); Social Code art.207 p.1–3"
                );
            }
            None => {
                assert_eq!(reg["status"], "unemployed", "{login}: {reg}");
                assert_eq!(reg["unemployed_since"], "2026-03-20");
            }
        }
    }
}
