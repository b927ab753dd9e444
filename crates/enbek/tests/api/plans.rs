//! The individual employment plan (214 p.61–65, 214 App.10), reported changes (214 p.64) and the
//! work queues of specialists and officers.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

/// Registered as a job seeker on Tuesday 17 March, unemployed from Friday 20 March; the clock is
/// then 20 March 10:00. Returns the registration id.
async fn unemployed(app: &TestApp, login: &str, serial: u32) -> String {
    app.unemployed(login, &iin("890101", 3, serial), json!({}))
        .await
}

fn plan_body() -> Value {
    json!({
        "goal": "Работа бухгалтером в Кокшетау",
        "education": "higher",
        "occupation": "2411",
        "valid_until": "2026-06-30",
        "actions": [
            { "action": "vacancy_information", "due_on": "2026-04-01" },
            { "action": "training", "due_on": "2026-04-10", "note": "1C course" }
        ],
        "contacts": [ { "on": "2026-04-06", "purpose": "консультация по вакансиям" } ]
    })
}

/// The specialist of `spec`'s token draws up the usual plan for registration `id`.
async fn draw_up(app: &TestApp, spec: &str, id: &str) -> (StatusCode, Value) {
    let path = format!("/api/v1/registrations/{id}/plan");
    app.post(&path, Some(spec), plan_body()).await
}

async fn queue(app: &TestApp, token: &str, horizon: u32) -> Vec<Value> {
    let (status, items) = app
        .get(
            &format!("/api/v1/work-queue?horizon_days={horizon}"),
            Some(token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{items}");
    items.as_array().unwrap().clone()
}

async fn reminders(app: &TestApp, token: &str) -> usize {
    let (_, list) = app.get("/api/v1/me/notifications", Some(token)).await;
    list.as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "contact_reminder" && n["channel"] == "cabinet")
        .count()
}

fn kinds(items: &[Value]) -> Vec<(String, bool)> {
    items
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["overdue"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_plan_is_due_two_working_days_after_registration_and_the_queue_shows_it() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "plan@example.kz", 100).await;
    app.specialist("spec.k", CENTER).await;
    app.officer("officer.akmola", "mc-110000000").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    // Due at the end of Friday 27 March (Nauryz between): not today's work on the 20th...
    assert!(queue(&app, &spec, 0).await.is_empty());
    let ahead = queue(&app, &spec, 5).await;
    assert_eq!(kinds(&ahead), [("draw_up_plan".to_string(), false)]);
    assert_eq!(ahead[0]["due_at"], "2026-03-27T19:00:00Z");
    assert_eq!(ahead[0]["legal_basis"], "214 p.61");
    assert_eq!(ahead[0]["registration_id"], id.as_str());
    // ... today's on the 27th, overdue on Monday 30th; the region's officer sees it too.
    app.set_clock("2026-03-27T09:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    assert_eq!(
        kinds(&queue(&app, &spec, 0).await),
        [("draw_up_plan".to_string(), false)]
    );
    app.set_clock("2026-03-30T09:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    assert_eq!(
        kinds(&queue(&app, &spec, 0).await),
        [("draw_up_plan".to_string(), true)]
    );
    let officer = app.login("officer.akmola", "staff-pass-1").await;
    assert_eq!(queue(&app, &officer, 0).await.len(), 1);
    let other = app.specialist("spec.b", "cc-burabay").await;
    assert!(queue(&app, &other, 30).await.is_empty());
    let astana = app.officer("officer.astana", "mc-710000000").await;
    assert!(queue(&app, &astana, 30).await.is_empty());

    // Drawn up late: recorded as such.
    let (status, plan) = draw_up(&app, &spec, &id).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["within_term"], false);
    assert!(queue(&app, &spec, 0).await.is_empty());
}

#[tokio::test]
async fn a_specialist_draws_up_the_plan_the_person_signs_and_contacts_are_reminded() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "dana@example.kz", 200).await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (status, suggestions) = app
        .get(
            &format!("/api/v1/registrations/{id}/plan/suggestions"),
            Some(&spec),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{suggestions}");
    let suggested: Vec<&str> = strings(&suggestions, "action");
    for action in ["vacancy_information", "portal_search", "interviews"] {
        assert!(suggested.contains(&action), "{action}");
    }
    assert!(suggestions[0]["section"].is_string() && suggestions[0]["reason"].is_string());

    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let (status, plan) = draw_up(&app, &spec, &id).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["within_term"], true);
    assert!(plan["signed_by_specialist_at"].is_string());
    assert!(plan["signed_by_person_at"].is_null());
    assert_eq!(plan["items"].as_array().unwrap().len(), 3);
    assert_eq!(plan["items"][1]["section"], "active_measures");
    assert_problem(
        draw_up(&app, &spec, &id).await,
        StatusCode::CONFLICT,
        "plan_exists",
    );

    let token = app.login("dana@example.kz", PASSWORD).await;
    let (status, mine) = app.get("/api/v1/me/plan", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine["id"], plan["id"]);
    let (status, signed) = app
        .post("/api/v1/me/plan/sign", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(signed["signed_by_person_at"], "2026-03-26T06:00:00Z");
    assert_problem(
        app.post("/api/v1/me/plan/sign", Some(&token), json!({}))
            .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );

    // The contact on Monday 6 April is reminded at 9:00 on Friday 3 April.
    app.set_clock("2026-04-03T08:59:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login("dana@example.kz", PASSWORD).await;
    assert_eq!(reminders(&app, &token).await, 0);
    app.set_clock("2026-04-03T09:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(reminders(&app, &token).await, 1);
}

#[tokio::test]
async fn overdue_actions_and_missed_contacts_reach_the_queue_until_recorded() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "aset@example.kz", 300).await;
    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (_, plan) = draw_up(&app, &spec, &id).await;
    let action_id = plan["items"][0]["id"].as_str().unwrap().to_string();
    let contact_id = plan["items"][2]["id"].as_str().unwrap().to_string();

    app.set_clock("2026-04-01T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let today = queue(&app, &spec, 0).await;
    assert_eq!(
        kinds(&today),
        [("plan_action".to_string(), false)],
        "due today"
    );
    app.set_clock("2026-04-02T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let late = queue(&app, &spec, 0).await;
    assert_eq!(kinds(&late), [("plan_action".to_string(), true)]);
    assert_eq!(late[0]["subject_id"], action_id.as_str());
    let (_, view) = app
        .get(&format!("/api/v1/registrations/{id}/plan"), Some(&spec))
        .await;
    assert_eq!(view["items"][0]["overdue"], true);

    assert_problem(
        app.post(
            &format!("/api/v1/plan-items/{action_id}"),
            Some(&spec),
            json!({ "outcome": "missed" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let (status, view) = app
        .post(
            &format!("/api/v1/plan-items/{action_id}"),
            Some(&spec),
            json!({ "outcome": "done" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["items"][0]["outcome"], "done");
    assert!(queue(&app, &spec, 0).await.is_empty());

    app.set_clock("2026-04-07T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let missed = queue(&app, &spec, 0).await;
    assert_eq!(kinds(&missed), [("plan_contact".to_string(), true)]);
    assert_eq!(missed[0]["legal_basis"], "214 p.44, p.51(4)");
    app.post(
        &format!("/api/v1/plan-items/{contact_id}"),
        Some(&spec),
        json!({ "outcome": "missed" }),
    )
    .await;
    assert!(queue(&app, &spec, 0).await.is_empty());
}

#[tokio::test]
async fn only_the_persons_specialist_draws_up_a_plan_for_an_unemployed_person_with_valid_items() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "scope@example.kz", 400).await;
    let person = iin("890101", 3, 410);
    app.registry_person(&person, json!({})).await;
    let seeker = app.citizen("seeker@example.kz").await;
    app.prove(&seeker, &person).await;
    let (_, js) = app.apply(&seeker, &person).await;
    let own = app.specialist("spec.k", CENTER).await;
    let other = app.specialist("spec.b", "cc-burabay").await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let citizen = app.login("scope@example.kz", PASSWORD).await;
    let path = format!("/api/v1/registrations/{id}/plan");
    let mut unknown = plan_body();
    unknown["actions"][0]["action"] = json!("astrology");
    let mut past = plan_body();
    past["actions"][0]["due_on"] = json!("2026-03-19");
    let mut beyond = plan_body();
    beyond["contacts"][0]["on"] = json!("2026-07-01");
    let mut empty = plan_body();
    empty["actions"] = json!([]);
    let cases = [
        (
            &other,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "out_of_scope",
        ),
        (
            &officer,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &citizen,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &own,
            path.clone(),
            unknown,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            &own,
            path.clone(),
            past,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_date",
        ),
        (
            &own,
            path.clone(),
            beyond,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_date",
        ),
        (
            &own,
            path.clone(),
            empty,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            &own,
            format!("/api/v1/registrations/{}/plan", js["id"].as_str().unwrap()),
            plan_body(),
            StatusCode::CONFLICT,
            "invalid_state",
        ),
        (
            &own,
            "/api/v1/registrations/nope/plan".into(),
            plan_body(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (token, path, body, status, expected) in cases {
        let (got, answer) = app.post(&path, Some(token), body).await;
        assert_eq!((got, code(&answer)), (status, expected), "{path}");
    }
    // Nothing was half-written: the specialist still draws it up, once.
    let (status, _) = app.post(&path, Some(&own), plan_body()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app.get(&path, Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "the region's officer reads it");
    let (status, _) = app.get(&path, Some(&other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_change_is_reported_within_five_working_days_and_the_center_acts_on_it() {
    let app = TestApp::spawn().await;
    unemployed(&app, "change@example.kz", 500).await;
    let report = |at: &'static str, body: Value| {
        let app = &app;
        async move {
            app.set_clock(at).await;
            let token = app.login("change@example.kz", PASSWORD).await;
            app.post("/api/v1/me/circumstances", Some(&token), body)
                .await
        }
    };
    // Got a job on Friday 20 March: 26, 27, 30, 31 March and 1 April (Nauryz between).
    let job = json!({ "kind": "employed", "occurred_on": "2026-03-20" });
    let (status, on_time) = report("2026-04-01T23:59:00+05:00", job.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{on_time}");
    assert_eq!(on_time["report_due_at"], "2026-04-01T19:00:00Z");
    assert_eq!(on_time["reported_late"], false);
    // A minute after the term (24:00 of 1 April itself is the last moment in time).
    let (_, late) = report(
        "2026-04-02T00:01:00+05:00",
        json!({ "kind": "moved", "occurred_on": "2026-03-20" }),
    )
    .await;
    assert_eq!(late["reported_late"], true);

    assert_problem(
        report(
            "2026-04-02T10:00:00+05:00",
            json!({ "kind": "married", "occurred_on": "2026-03-20" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    assert_problem(
        report(
            "2026-04-02T10:00:00+05:00",
            json!({ "kind": "moved", "occurred_on": "2026-04-03" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_date",
    );

    // The center acts within 2 working days of learning (214 p.51): due end of Friday 3 April.
    let spec = app.specialist("spec.k", CENTER).await;
    let ahead = queue(&app, &spec, 2).await;
    let changes: Vec<&Value> = ahead
        .iter()
        .filter(|i| i["kind"] == "circumstance")
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["due_at"], "2026-04-03T19:00:00Z");
    assert_eq!(changes[1]["detail"], "moved (reported late)");
    let id = changes[0]["subject_id"].as_str().unwrap().to_string();
    let (status, acknowledged) = app
        .post(
            &format!("/api/v1/circumstances/{id}/acknowledge"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(acknowledged["acknowledged_at"].is_string());
    let (status, _) = app
        .post(
            &format!("/api/v1/circumstances/{id}/acknowledge"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let other = app.specialist("spec.b", "cc-burabay").await;
    let second = changes[1]["subject_id"].as_str().unwrap();
    let (status, _) = app
        .post(
            &format!("/api/v1/circumstances/{second}/acknowledge"),
            Some(&other),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
