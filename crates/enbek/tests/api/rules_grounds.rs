//! The grounds of 214 p.41 and 214 p.51 as the text gives them: the pension age of Social Code
//! art.207 p.1–3 (not a pension for another reason), the sentences of 214 p.41(6) and
//! 214 p.51(5), and a pension the registry reports shown to the specialist instead of ending the
//! registration.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

/// A citizen registered as a job seeker on the portal at the clock's time (Tuesday 17 March
/// 2026: the selection period ends with Thursday 19 March and the decision is for Friday 20
/// March); returns the registration id. `changes` adjust the registry's record of the person.
async fn job_seeker(app: &TestApp, login: &str, person: &str, changes: Value) -> String {
    let (_, reg) = app.job_seeker(login, person, changes, json!({})).await;
    reg["id"].as_str().unwrap().to_string()
}

async fn registration(app: &TestApp, login: &str) -> Value {
    app.my_registration(login).await
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

fn sentence(kind: &str, from: &str, to: Option<&str>) -> Value {
    json!({ "sentences": [{ "kind": kind, "from": from, "to": to }] })
}

#[tokio::test]
async fn p41_6_refuses_a_sentence_of_works_or_imprisonment_in_force_but_not_a_suspended_one() {
    let app = TestApp::spawn().await;
    // The decision is for Friday 20 March 2026.
    let people = [
        (
            "prison-today",
            sentence("imprisonment", "2026-03-20", None),
            Some("convicted"),
        ),
        (
            "prison-tomorrow",
            sentence("imprisonment", "2026-03-21", None),
            None,
        ),
        (
            "suspended",
            sentence("suspended_imprisonment", "2026-02-01", None),
            None,
        ),
        (
            "public-works",
            sentence("public_works", "2026-01-10", Some("2026-03-20")),
            Some("convicted"),
        ),
        (
            "correctional-served",
            sentence("correctional_works", "2025-09-01", Some("2026-03-19")),
            None,
        ),
        (
            "treatment",
            sentence("compulsory_treatment", "2026-02-01", None),
            None,
        ),
    ];
    for (i, (name, sentences, _)) in people.iter().enumerate() {
        let login = format!("{name}@example.kz");
        job_seeker(
            &app,
            &login,
            &iin("880412", 3, 500 + i as u32 * 10),
            sentences.clone(),
        )
        .await;
    }
    decide(&app).await;
    for (name, _, refusal) in people {
        let reg = registration(&app, &format!("{name}@example.kz")).await;
        match refusal {
            Some(code) => {
                assert_eq!(reg["status"], "refused", "{name}: {reg}");
                assert_eq!(reg["refusal_code"], code, "{name}");
                assert_eq!(reg["refusal_notice"]["legal_basis"], "214 p.41(6)");
            }
            None => assert_eq!(reg["status"], "unemployed", "{name}: {reg}"),
        }
    }
}

#[tokio::test]
async fn p51_5_the_daily_check_deregisters_on_imprisonment_or_compulsory_treatment_only() {
    let app = TestApp::spawn().await;
    // Registered as unemployed on Friday 20 March 2026; the registry check runs at 02:00 on
    // Saturday 21 March.
    let people = [
        ("prison", sentence("imprisonment", "2026-03-21", None), true),
        (
            "treatment",
            sentence("compulsory_treatment", "2026-03-20", Some("2026-04-20")),
            true,
        ),
        (
            "prison-next-week",
            sentence("imprisonment", "2026-03-23", None),
            false,
        ),
        (
            "prison-before",
            sentence("imprisonment", "2025-03-01", Some("2026-03-19")),
            false,
        ),
        (
            "correctional",
            sentence("correctional_works", "2026-03-21", None),
            false,
        ),
        (
            "public",
            sentence("public_works", "2026-03-21", None),
            false,
        ),
        (
            "suspended",
            sentence("suspended_imprisonment", "2026-03-21", None),
            false,
        ),
    ];
    for (i, (name, _, _)) in people.iter().enumerate() {
        job_seeker(
            &app,
            &format!("{name}@example.kz"),
            &iin("880412", 3, 700 + i as u32 * 10),
            json!({}),
        )
        .await;
    }
    decide(&app).await;
    for (i, (name, sentences, _)) in people.iter().enumerate() {
        assert_eq!(
            registration(&app, &format!("{name}@example.kz")).await["status"],
            "unemployed"
        );
        app.registry_person(&iin("880412", 3, 700 + i as u32 * 10), sentences.clone())
            .await;
    }
    app.set_clock("2026-03-21T02:00:00+05:00").await;
    app.run_due_jobs().await;
    for (name, _, ends) in people {
        let reg = registration(&app, &format!("{name}@example.kz")).await;
        if ends {
            assert_eq!(reg["status"], "deregistered", "{name}: {reg}");
            assert_eq!(reg["deregistration_code"], "imprisoned", "{name}");
            assert!(reg["barred_until"].is_null(), "{name}");
        } else {
            assert_eq!(reg["status"], "unemployed", "{name}: {reg}");
        }
    }
}

/// The `circumstance` items of the specialist's work queue, signed in afresh (the clock moves
/// past a session's life).
async fn pension_items(app: &TestApp) -> Vec<Value> {
    let token = app.login("spec.k", STAFF_PASSWORD).await;
    let mut items = app.work_queue(&token).await;
    items.retain(|i| i["kind"] == "circumstance");
    items
}

#[tokio::test]
async fn a_pension_in_the_registry_goes_to_the_work_queue_and_ends_nothing() {
    let app = TestApp::spawn().await;
    let told = iin("880412", 3, 900);
    let reported = iin("880412", 3, 910);
    let id = job_seeker(&app, "pension@example.kz", &told, json!({})).await;
    let own = job_seeker(&app, "reported@example.kz", &reported, json!({})).await;
    decide(&app).await;
    // The second person reports the pension on Friday 20 March, before the registry shows it.
    let token = app.login("reported@example.kz", PASSWORD).await;
    let (status, body) = app
        .post(
            "/api/v1/me/circumstances",
            Some(&token),
            json!({ "kind": "pension", "occurred_on": "2026-03-19" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    for person in [&told, &reported] {
        app.registry_person(person, json!({ "pensioner": true, "disability_group": 2 }))
            .await;
    }
    app.specialist("spec.k", CENTER).await;
    assert_eq!(pension_items(&app).await.len(), 1, "only the report");
    // The daily check at 02:00 on Saturday 21 March: no deregistration.
    app.set_clock("2026-03-21T02:00:00+05:00").await;
    app.run_due_jobs().await;
    for login in ["pension@example.kz", "reported@example.kz"] {
        let reg = registration(&app, login).await;
        assert_eq!(reg["status"], "unemployed", "{login}: {reg}");
    }
    let items = pension_items(&app).await;
    assert_eq!(items.len(), 2, "{items:?}");
    let mine = |rid: &str| {
        items
            .iter()
            .find(|i| i["registration_id"] == rid)
            .cloned()
            .unwrap()
    };
    let found = mine(&id);
    assert_eq!(found["detail"], "pension (from the registry)");
    assert_eq!(found["legal_basis"], "214 p.51, p.64");
    // 2 working days of 214 p.51 after Nauryz: Thursday 26 and Friday 27 March.
    assert_eq!(found["due_at"], "2026-03-27T19:00:00Z");
    assert_eq!(
        mine(&own)["detail"],
        "pension",
        "the person's report, not a second item"
    );
    // The next day's check adds nothing; the specialist acknowledges it.
    app.set_clock("2026-03-22T02:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(pension_items(&app).await.len(), 2);
    let subject = found["subject_id"].as_str().unwrap();
    let spec = app.login("spec.k", STAFF_PASSWORD).await;
    let (status, body) = app
        .post(
            &format!("/api/v1/circumstances/{subject}/acknowledge"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.set_clock("2026-03-23T02:00:00+05:00").await;
    app.run_due_jobs().await;
    let items = pension_items(&app).await;
    assert_eq!(
        items.len(),
        1,
        "acknowledged, and not told again: {items:?}"
    );
    // Staff no longer deregister on a pension; the historical code is refused.
    let spec = app.login("spec.k", STAFF_PASSWORD).await;
    assert_problem(
        app.deregister(&spec, &id, "pension_granted").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
}
