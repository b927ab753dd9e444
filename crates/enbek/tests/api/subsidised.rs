//! Subsidised-job applications with participants' attendance (206 p.31.3).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::employers::employer;
use crate::helpers::*;
use crate::steps::*;

const APPLICATIONS: &str = "/api/v1/subsidised-job-applications";

/// An application for Kokshetau (Akmola region) over `starts_on`..`ends_on`.
fn application(starts_on: &str, ends_on: &str) -> Value {
    json!({
        "measure": "public_works", "places": 5, "occupation_code": "9112", "monthly_pay": 90000,
        "starts_on": starts_on, "ends_on": ends_on, "contact_person": "Айгүл Серікова",
        "contact_phone": "+7 (701) 555-12-34", "locality_code": "111010000"
    })
}

async fn create(app: &TestApp, token: &str, body: Value) -> String {
    let (status, created) = app.post(APPLICATIONS, Some(token), body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_employer_applies_for_subsidised_jobs_with_its_profile_and_checked_fields() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let (status, created) = app
        .post(
            APPLICATIONS,
            Some(&owner),
            application("2026-04-01", "2026-04-02"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["employer_name"], "ТОО «Көкше Құрылыс»");
    assert_eq!(created["employer_bin"], bin("1503", 100));
    assert_eq!(created["legal_locality_code"], "111010000");
    assert_eq!(created["region_code"], "110000000");
    assert_eq!(created["contact_phone"], "+77015551234");
    assert_eq!(created["measure"], "public_works");

    let refused = [
        (json!({ "measure": "training" }), "invalid_value"),
        (json!({ "places": 0 }), "invalid_value"),
        (json!({ "monthly_pay": 0 }), "invalid_value"),
        (json!({ "occupation_code": "0000" }), "unknown_occupation"),
        (json!({ "ends_on": "2026-04-01" }), "invalid_date"),
        (json!({ "ends_on": "2026-03-31" }), "invalid_date"),
        (json!({ "contact_person": "  " }), "invalid_value"),
        (
            json!({ "contact_phone": "+1 202 555 0100" }),
            "invalid_phone",
        ),
        (json!({ "locality_code": "1110" }), "invalid_value"),
        (json!({ "locality_code": "991010000" }), "invalid_value"),
        (json!({ "places": -1 }), "invalid_request"),
        (json!({ "starts_on": "2026-02-30" }), "invalid_request"),
    ];
    for (change, expected) in refused {
        let body = with(application("2026-04-01", "2026-04-02"), change.clone());
        let (status, body) = app.post(APPLICATIONS, Some(&owner), body).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{change}"
        );
    }
    let (_, own) = app.get(APPLICATIONS, Some(&owner)).await;
    assert_eq!(own.as_array().unwrap().len(), 1, "nothing refused is kept");

    let citizen = app.citizen("citizen@example.kz").await;
    let (status, _) = app
        .post(
            APPLICATIONS,
            Some(&citizen),
            application("2026-04-01", "2026-06-30"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn applications_are_seen_by_their_employer_and_the_staff_of_the_jobs_region_only() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let other = employer(&app, "other@example.kz", 200).await;
    let id = create(&app, &owner, application("2026-01-15", "2026-12-31")).await;
    let (status, participant) = app
        .post(
            &format!("{APPLICATIONS}/{id}/participants"),
            Some(&owner),
            json!({ "iin": "871008401427" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{participant}");
    let attendance =
        json!({ "participant_id": participant["id"], "month": "2026-02", "days_worked": 20 });
    let (status, _) = app
        .post(
            &format!("{APPLICATIONS}/{id}/attendance"),
            Some(&owner),
            attendance.clone(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let specialist = app.specialist("cc.kokshetau", "cc-kokshetau").await;
    let astana_officer = app.officer("officer.astana", "mc-710000000").await;
    let astana_specialist = app.specialist("cc.saryarka", "cc-astana-saryarka").await;
    let ministry = app.staff("ministry", "ministry_officer", None).await;
    let citizen = app.citizen("citizen@example.kz").await;

    let count = |token: String| {
        let app = &app;
        async move {
            let (status, list) = app.get(APPLICATIONS, Some(&token)).await;
            assert_eq!(status, StatusCode::OK, "{list}");
            list.as_array().unwrap().len()
        }
    };
    assert_eq!(count(owner.clone()).await, 1);
    assert_eq!(count(officer.clone()).await, 1);
    assert_eq!(count(specialist.clone()).await, 1);
    assert_eq!(count(other.clone()).await, 0);
    assert_eq!(count(astana_officer.clone()).await, 0);
    assert_eq!(count(astana_specialist.clone()).await, 0);
    for token in [&ministry, &citizen] {
        let (status, _) = app.get(APPLICATIONS, Some(token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    // The region's staff read participants and attendance; nobody else does.
    for token in [&owner, &officer, &specialist] {
        for what in ["participants", "attendance"] {
            let (status, list) = app
                .get(&format!("{APPLICATIONS}/{id}/{what}"), Some(token))
                .await;
            assert_eq!(status, StatusCode::OK, "{what}: {list}");
            assert_eq!(list.as_array().unwrap().len(), 1, "{what}");
        }
    }
    for (token, expected) in [
        (&other, "out_of_scope"),
        (&astana_officer, "out_of_scope"),
        (&astana_specialist, "out_of_scope"),
        (&ministry, "forbidden"),
        (&citizen, "forbidden"),
    ] {
        for what in ["participants", "attendance"] {
            let (status, body) = app
                .get(&format!("{APPLICATIONS}/{id}/{what}"), Some(token))
                .await;
            assert_eq!(
                (status, code(&body)),
                (StatusCode::FORBIDDEN, expected),
                "{what}"
            );
        }
    }
    // Only the employer writes: not another employer, not the region's staff.
    for (token, expected) in [
        (&other, "out_of_scope"),
        (&officer, "forbidden"),
        (&specialist, "forbidden"),
    ] {
        let (status, body) = app
            .post(
                &format!("{APPLICATIONS}/{id}/participants"),
                Some(token),
                json!({ "iin": "760212350620" }),
            )
            .await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, expected));
        let (status, body) = app
            .post(
                &format!("{APPLICATIONS}/{id}/attendance"),
                Some(token),
                attendance.clone(),
            )
            .await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, expected));
    }
    let (status, _) = app
        .get(
            &format!("{APPLICATIONS}/no-such-id/attendance"),
            Some(&officer),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.get(APPLICATIONS, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn attendance_is_taken_for_begun_months_of_the_period_and_replaced_when_reported_again() {
    // The clock stands at 2026-03-17.
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let ended = create(&app, &owner, application("2025-11-10", "2026-02-20")).await;
    let running = create(&app, &owner, application("2026-01-15", "2026-12-31")).await;
    let add = |id: String, iin: &'static str| {
        let (app, owner) = (&app, owner.clone());
        async move {
            app.post(
                &format!("{APPLICATIONS}/{id}/participants"),
                Some(&owner),
                json!({ "iin": iin }),
            )
            .await
        }
    };
    let (status, person) = add(ended.clone(), "871008401427").await;
    assert_eq!(status, StatusCode::CREATED, "{person}");
    assert_problem(
        add(ended.clone(), "871008401427").await,
        StatusCode::CONFLICT,
        "participant_exists",
    );
    assert_problem(
        add(ended.clone(), "821214240092").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_iin",
    );
    let (status, elsewhere) = add(running.clone(), "871008401427").await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the same person on another application"
    );

    let report = |id: String, participant: Value, month: &'static str, worked: i64, absent: i64| {
        let (app, owner) = (&app, owner.clone());
        async move {
            let body = json!({ "participant_id": participant, "month": month,
                               "days_worked": worked, "days_absent": absent });
            let (status, body) = app
                .post(
                    &format!("{APPLICATIONS}/{id}/attendance"),
                    Some(&owner),
                    body,
                )
                .await;
            (status, code(&body).to_string())
        }
    };
    let ok = (StatusCode::OK, String::new());
    let refused = |c: &str| (StatusCode::UNPROCESSABLE_ENTITY, c.to_string());
    let p = person["id"].clone();
    // The period 2025-11-10..2026-02-20: its first and last months count, not the months around.
    assert_eq!(
        report(ended.clone(), p.clone(), "2025-10", 0, 0).await,
        refused("invalid_date")
    );
    assert_eq!(report(ended.clone(), p.clone(), "2025-11", 15, 0).await, ok);
    assert_eq!(report(ended.clone(), p.clone(), "2026-02", 14, 0).await, ok);
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-03", 0, 0).await,
        refused("invalid_date")
    );
    // Not a month at all.
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-2", 1, 0).await,
        refused("invalid_date")
    );
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-13", 1, 0).await,
        refused("invalid_date")
    );
    // February 2026 has 28 days.
    assert_eq!(report(ended.clone(), p.clone(), "2026-02", 28, 0).await, ok);
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-02", 29, 0).await,
        refused("invalid_value")
    );
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-02", -1, 0).await,
        refused("invalid_value")
    );
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-02", 0, -1).await,
        refused("invalid_value")
    );
    assert_eq!(
        report(ended.clone(), p.clone(), "2026-02", 20, 9).await,
        refused("invalid_value")
    );
    assert_eq!(report(ended.clone(), p.clone(), "2026-02", 20, 8).await, ok);
    // The current month has begun; the next has not.
    let e = elsewhere["id"].clone();
    assert_eq!(
        report(running.clone(), e.clone(), "2026-03", 10, 1).await,
        ok
    );
    assert_eq!(
        report(running.clone(), e.clone(), "2026-04", 0, 0).await,
        refused("invalid_date")
    );
    // A participant of another application, or none, is not found here.
    assert_eq!(
        report(running.clone(), p.clone(), "2026-03", 1, 0).await,
        (StatusCode::NOT_FOUND, "not_found".to_string())
    );
    assert_eq!(
        report(running.clone(), json!("nobody"), "2026-03", 1, 0).await,
        (StatusCode::NOT_FOUND, "not_found".to_string())
    );

    // February was reported three times: one row, the last figures, every report audited.
    let (_, rows) = app
        .get(&format!("{APPLICATIONS}/{ended}/attendance"), Some(&owner))
        .await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[1]["month"].as_str(),
            rows[1]["days_worked"].as_i64(),
            rows[1]["days_absent"].as_i64()
        ),
        (Some("2026-02"), Some(20), Some(8))
    );
    let (_, february) = app
        .get(
            &format!("{APPLICATIONS}/{ended}/attendance?month=2026-02"),
            Some(&owner),
        )
        .await;
    assert_eq!(february.as_array().unwrap().len(), 1);
    let (_, audit) = app
        .get(
            &format!(
                "/api/v1/audit?entity=subsidised_attendance&entity_id={}/2026-02",
                p.as_str().unwrap()
            ),
            Some(&app.admin),
        )
        .await;
    let audit = audit.as_array().unwrap();
    assert_eq!(audit.len(), 3, "{audit:?}");
    assert_eq!(audit[0]["action"], "replace");
    assert_eq!(audit[0]["before"]["days_worked"], 28);
    assert_eq!(audit[0]["after"]["days_absent"], 8);
    assert_eq!(audit[2]["action"], "create");
    let (_, participants) = app
        .get(
            "/api/v1/audit?entity=subsidised_application",
            Some(&app.admin),
        )
        .await;
    assert!(
        !participants.to_string().contains("871008401427"),
        "no IIN in the audit"
    );
}

#[tokio::test]
async fn participants_fill_the_places_and_no_more() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let mut two = application("2026-01-15", "2026-12-31");
    two["places"] = json!(2);
    let id = create(&app, &owner, two).await;
    let path = format!("{APPLICATIONS}/{id}/participants");
    for serial in [501, 502] {
        let (status, body) = app
            .post(
                &path,
                Some(&owner),
                json!({ "iin": iin("880412", 3, serial) }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    assert_problem(
        app.post(&path, Some(&owner), json!({ "iin": iin("880412", 3, 503) }))
            .await,
        StatusCode::CONFLICT,
        "places_filled",
    );
    let (_, listed) = app.get(&path, Some(&owner)).await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn concurrent_additions_take_the_last_place_once() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let mut one = application("2026-01-15", "2026-12-31");
    one["places"] = json!(1);
    let id = create(&app, &owner, one).await;
    let path = format!("{APPLICATIONS}/{id}/participants");
    let add = |serial: u32| {
        app.post(
            &path,
            Some(&owner),
            json!({ "iin": iin("880412", 3, serial) }),
        )
    };
    let (a, b, c, d) = tokio::join!(add(601), add(602), add(603), add(604));
    let answers = [a, b, c, d];
    let added = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let filled = answers
        .iter()
        .filter(|(s, r)| *s == StatusCode::CONFLICT && code(r) == "places_filled")
        .count();
    assert_eq!((added, filled), (1, 3), "{answers:?}");
    let (_, listed) = app.get(&path, Some(&owner)).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn published_jobs_count_the_participants_the_employer_adds() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let mut two = application("2026-01-15", "2026-12-31");
    two["places"] = json!(2);
    let id = create(&app, &owner, two).await;
    // The center publishes one of the two jobs for referrals (Order 129).
    let (status, place) = app
        .post(
            "/api/v1/career-center/measure-places",
            Some(&specialist),
            json!({ "measure": "public_works", "subsidised_application_id": id, "capacity": 1 }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    let path = format!("{APPLICATIONS}/{id}/participants");
    let (status, body) = app
        .post(&path, Some(&owner), json!({ "iin": iin("880412", 3, 701) }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // The published job is taken: nobody more is added, and it is no longer open to referral.
    assert_problem(
        app.post(&path, Some(&owner), json!({ "iin": iin("880412", 3, 702) }))
            .await,
        StatusCode::CONFLICT,
        "places_filled",
    );
    let (_, open) = app.get("/api/v1/measure-places", None).await;
    assert_eq!(open["total"], 0, "{open}");
    let (_, listed) = app.get(&path, Some(&owner)).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
}
