//! Registration as unemployed, the 214 App.9 information and deregistration (214 ch.3, 214 p.41,
//! 214 p.45, 214 p.51–52).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

/// A citizen registered as a job seeker on the portal at the clock's time; returns the
/// registration id. `changes` adjust the registry's record of the person.
async fn job_seeker(app: &TestApp, login: &str, person: &str, changes: Value) -> String {
    let form = json!({ "representative_statement": true });
    let (_, reg) = app.job_seeker(login, person, changes, form).await;
    reg["id"].as_str().unwrap().to_string()
}

async fn notices(app: &TestApp, login: &str) -> Vec<String> {
    let token = app.login(login, PASSWORD).await;
    let (_, list) = app.get("/api/v1/me/notifications", Some(&token)).await;
    list.as_array()
        .unwrap()
        .iter()
        .filter(|n| n["channel"] == "cabinet")
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A term already given keeps its end: a day off the administrator adds to the calendar after
/// the registration does not move the end of its selection period (214 p.23, 214 p.36), while a
/// job seeker registered after the change has it counted by the new calendar.
#[tokio::test]
async fn a_calendar_change_after_registration_leaves_the_selection_period_given() {
    let app = TestApp::spawn().await;
    // Registered Tuesday 17 March: the period is Wednesday and Thursday, to 24:00 of the 19th.
    job_seeker(&app, "given@example.kz", &iin("880412", 3, 130), json!({})).await;
    let (status, body) = app
        .upload(
            "/api/v1/calendar/days",
            &app.admin,
            "2026-03-19 holiday A day off declared later\n",
        )
        .await;
    assert_eq!((status, &body["imported"]), (StatusCode::OK, &json!(1)));
    // Registered after the change, the same day: Thursday is off, so the period runs to Friday.
    job_seeker(&app, "after@example.kz", &iin("880412", 3, 131), json!({})).await;
    let before = app
        .registration_at("2026-03-19T23:59:00+05:00", "given@example.kz")
        .await;
    assert_eq!(before["status"], "job_seeker", "{before}");
    let given = app
        .registration_at("2026-03-20T00:00:00+05:00", "given@example.kz")
        .await;
    assert_eq!(given["status"], "unemployed", "{given}");
    assert_eq!(given["unemployed_since"], "2026-03-20");
    let after = app
        .registration_at("2026-03-20T00:00:00+05:00", "after@example.kz")
        .await;
    assert_eq!(after["status"], "job_seeker", "{after}");
    let after = app
        .registration_at("2026-03-21T00:00:00+05:00", "after@example.kz")
        .await;
    assert_eq!(after["status"], "unemployed", "{after}");
    assert_eq!(after["unemployed_since"], "2026-03-21");
}

#[tokio::test]
async fn a_job_seeker_becomes_unemployed_when_two_working_days_pass() {
    let app = TestApp::spawn().await;
    // Registered Tuesday 17 March: the period is Wednesday and Thursday.
    job_seeker(&app, "aidar@example.kz", &iin("880412", 3, 100), json!({})).await;
    let reg = app
        .registration_at("2026-03-19T23:59:00+05:00", "aidar@example.kz")
        .await;
    assert_eq!(reg["status"], "job_seeker");
    assert_eq!(reg["registration_notice"]["form"], "App.4");
    let reg = app
        .registration_at("2026-03-20T00:00:00+05:00", "aidar@example.kz")
        .await;
    assert_eq!(reg["status"], "unemployed", "{reg}");
    assert_eq!(reg["unemployed_since"], "2026-03-20");
    assert_eq!(reg["job_seeker_since"], "2026-03-17");
    assert_eq!(reg["registration_notice"]["form"], "App.5");
    assert_eq!(reg["registration_notice"]["since"], "2026-03-20");
    assert!(reg["registration_notice"]["career_center_kk"]
        .as_str()
        .unwrap()
        .contains("Көкшетау"));
    let kinds = notices(&app, "aidar@example.kz").await;
    for kind in ["unemployed_registered", "jobloss_documents"] {
        assert!(kinds.contains(&kind.to_string()), "{kind} in {kinds:?}");
    }

    // Monitoring of "Registration of the unemployed": the result on the day the period ended.
    app.staff("ministry", "ministry_officer", None).await;
    let ministry = app.login("ministry", "staff-pass-1").await;
    let (status, summary) = app
        .monitoring_of_17_march(&ministry, "unemployed_registration")
        .await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["received"], 1);
    assert_eq!(summary["result_issued"], 1);
}

#[tokio::test]
async fn the_selection_period_skips_nauryz() {
    let app = TestApp::spawn().await;
    app.set_clock("2026-03-19T11:00:00+05:00").await;
    job_seeker(&app, "nauryz@example.kz", &iin("880412", 3, 200), json!({})).await;
    // Friday 20th and, after the holidays of 21–25 March, Thursday 26th.
    let reg = app
        .registration_at("2026-03-26T23:59:00+05:00", "nauryz@example.kz")
        .await;
    assert_eq!(reg["status"], "job_seeker");
    let reg = app
        .registration_at("2026-03-27T00:00:00+05:00", "nauryz@example.kz")
        .await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-27");
}

#[tokio::test]
async fn each_ground_of_p41_refuses_with_its_code_and_the_app6_notice() {
    let app = TestApp::spawn().await;
    let cases = [
        ("employed", json!({ "employed": true })),
        ("employed", json!({ "entrepreneur": true })),
        ("pension_age", json!({ "birth_date": "1960-01-01" })),
        ("student", json!({ "student": true })),
        (
            "convicted",
            json!({ "sentences": [{ "kind": "imprisonment", "from": "2026-03-18" }] }),
        ),
    ];
    let mut people = Vec::new();
    for (i, (code, change)) in cases.iter().enumerate() {
        let login = format!("p41-{i}@example.kz");
        let person = iin("880412", 3, 300 + i as u32 * 10);
        job_seeker(&app, &login, &person, json!({})).await;
        // The registries learn of it during the selection period.
        app.registry_person(&person, change.clone()).await;
        people.push((login, person, *code));
    }
    app.set_clock("2026-03-20T00:00:00+05:00").await;
    app.run_due_jobs().await;
    for (login, person, code) in people {
        let token = app.login(&login, PASSWORD).await;
        let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
        assert_eq!(reg["status"], "refused", "{login}");
        assert_eq!(reg["refusal_code"], code, "{login}");
        assert_eq!(reg["refusal_notice"]["form"], "App.6");
        assert!(reg["refusal_notice"]["legal_basis"]
            .as_str()
            .unwrap()
            .starts_with("214 p.41"));
        assert!(notices(&app, &login)
            .await
            .contains(&"unemployed_refused".to_string()));
        // The registration has ended: the person may apply again, and is a job seeker again.
        let (status, again) = app.apply(&token, &person).await;
        assert_eq!(status, StatusCode::CREATED, "{again}");
        assert_eq!(again["status"], "job_seeker");
    }
}

#[tokio::test]
async fn the_pension_age_and_sixteen_are_judged_on_the_day_the_period_ends() {
    let app = TestApp::spawn().await;
    // The period ends with Thursday 19 March; the decision is for Friday 20 March.
    let sixty_three_that_day = iin("630320", 3, 400);
    let sixty_three_a_day_later = iin("630321", 3, 410);
    let fifteen = iin("100321", 5, 420);
    let sixteen_that_day = iin("100320", 5, 430);
    job_seeker(
        &app,
        "a@example.kz",
        &sixty_three_that_day,
        json!({ "birth_date": "1963-03-20" }),
    )
    .await;
    job_seeker(
        &app,
        "b@example.kz",
        &sixty_three_a_day_later,
        json!({ "birth_date": "1963-03-21" }),
    )
    .await;
    job_seeker(
        &app,
        "c@example.kz",
        &fifteen,
        json!({ "birth_date": "2010-03-21" }),
    )
    .await;
    job_seeker(
        &app,
        "d@example.kz",
        &sixteen_that_day,
        json!({ "birth_date": "2010-03-20" }),
    )
    .await;
    let expected = [
        ("a@example.kz", "refused", Some("pension_age")),
        ("b@example.kz", "unemployed", None),
        ("c@example.kz", "refused", Some("under_16")),
        ("d@example.kz", "unemployed", None),
    ];
    app.set_clock("2026-03-20T00:00:00+05:00").await;
    app.run_due_jobs().await;
    for (login, status, code) in expected {
        let token = app.login(login, PASSWORD).await;
        let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
        assert_eq!(reg["status"], status, "{login}: {reg}");
        assert_eq!(reg["refusal_code"].as_str(), code, "{login}");
    }
}

#[tokio::test]
async fn a_silent_registry_delays_registration_as_unemployed_but_not_its_date() {
    let app = TestApp::spawn().await;
    job_seeker(&app, "quiet@example.kz", &iin("880412", 3, 500), json!({})).await;
    app.registry_answering(false).await;
    let reg = app
        .registration_at("2026-03-20T09:00:00+05:00", "quiet@example.kz")
        .await;
    assert_eq!(reg["status"], "job_seeker", "waits, never refused");
    app.registry_answering(true).await;
    let reg = app
        .registration_at("2026-03-23T10:00:00+05:00", "quiet@example.kz")
        .await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-20");
}

#[tokio::test]
async fn a_job_seeker_who_closed_the_registration_is_not_registered_as_unemployed() {
    let app = TestApp::spawn().await;
    job_seeker(&app, "left@example.kz", &iin("880412", 3, 600), json!({})).await;
    let token = app.login("left@example.kz", PASSWORD).await;
    let (status, _) = app.close_registration(&token, "got_job").await;
    assert_eq!(status, StatusCode::OK);
    let reg = app
        .registration_at("2026-03-20T00:00:00+05:00", "left@example.kz")
        .await;
    assert_eq!(reg["status"], "employed");
    assert!(reg["unemployed_since"].is_null());
}

#[tokio::test]
async fn the_information_on_registration_says_registered_or_not_and_is_valid_thirty_days() {
    let app = TestApp::spawn().await;
    job_seeker(&app, "info@example.kz", &iin("880412", 3, 700), json!({})).await;
    let token = app.login("info@example.kz", PASSWORD).await;
    let (status, info) = app
        .post("/api/v1/me/unemployed-info", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    assert_eq!(
        info["registered"], false,
        "a job seeker is not yet unemployed"
    );
    assert_eq!(info["issued_on"], "2026-03-17");
    assert_eq!(info["valid_until"], "2026-04-16");

    app.registration_at("2026-03-20T10:00:00+05:00", "info@example.kz")
        .await;
    let token = app.login("info@example.kz", PASSWORD).await;
    let (_, info) = app
        .post("/api/v1/me/unemployed-info", Some(&token), json!({}))
        .await;
    assert_eq!(info["registered"], true);
    assert_eq!(info["unemployed_since"], "2026-03-20");
    assert_eq!(info["issued_on"], "2026-03-20");
    assert_eq!(info["valid_until"], "2026-04-19");
    assert!(info["document_id"].is_string());

    let (status, _) = app
        .post("/api/v1/me/unemployed-info", None, json!({}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let specialist = app.specialist("spec.info", CENTER).await;
    let (status, _) = app
        .post("/api/v1/me/unemployed-info", Some(&specialist), json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An account that has proven no IIN is given nothing: the information is about a person.
    let anonymous = app.citizen("anonymous@example.kz").await;
    assert_problem(
        app.post("/api/v1/me/unemployed-info", Some(&anonymous), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    // A proven person without a registration: issued, saying not registered.
    let stranger = app.citizen("stranger@example.kz").await;
    let unregistered = iin("880412", 3, 9900);
    app.registry_person(&unregistered, json!({})).await;
    app.prove(&stranger, &unregistered).await;
    let (status, info) = app
        .post("/api/v1/me/unemployed-info", Some(&stranger), json!({}))
        .await;
    assert_eq!(
        (status, &info["registered"]),
        (StatusCode::CREATED, &json!(false))
    );
}

/// An unemployed person registered Tuesday 17 March (unemployed from Friday 20 March).
async fn unemployed(app: &TestApp, login: &str, serial: u32) -> String {
    let id = job_seeker(app, login, &iin("880412", 3, serial), json!({})).await;
    let reg = app
        .registration_at("2026-03-20T10:00:00+05:00", login)
        .await;
    assert_eq!(reg["status"], "unemployed");
    id
}

#[tokio::test]
async fn a_no_show_bars_a_new_registration_for_thirty_days_through_the_last_one() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "noshow@example.kz", 800).await;
    app.set_clock("2026-03-23T11:00:00+05:00").await;
    let specialist = app.specialist("spec.k", CENTER).await;
    let (status, reg) = app
        .post(
            "/api/v1/deregistrations",
            Some(&specialist),
            json!({ "registration_id": id, "ground_code": "no_show" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert_eq!(reg["status"], "deregistered");
    assert_eq!(reg["deregistration_code"], "no_show");
    assert_eq!(reg["barred_until"], "2026-04-22");
    assert!(notices(&app, "noshow@example.kz")
        .await
        .contains(&"deregistered".to_string()));

    // Deregistered once: a second time is not possible.
    assert_problem(
        app.post(
            "/api/v1/deregistrations",
            Some(&specialist),
            json!({ "registration_id": id, "ground_code": "no_show" }),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );

    let apply = |token: String| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/registrations",
                Some(&token),
                application(&iin("880412", 3, 800), CENTER),
            )
            .await
        }
    };
    app.set_clock("2026-04-22T12:00:00+05:00").await;
    let token = app.login("noshow@example.kz", PASSWORD).await;
    let (status, body) = apply(token).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "reregistration_barred")
    );
    assert_eq!(body["barred_until"], "2026-04-22");
    app.set_clock("2026-04-23T12:00:00+05:00").await;
    let token = app.login("noshow@example.kz", PASSWORD).await;
    let (status, body) = apply(token).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn contributions_received_end_the_registration_without_a_bar() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "job@example.kz", 900).await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let (status, reg) = app
        .post(
            "/api/v1/deregistrations",
            Some(&officer),
            json!({ "registration_id": id, "ground_code": "contributions_received" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert!(reg["barred_until"].is_null());
    let token = app.login("job@example.kz", PASSWORD).await;
    let (status, _) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&iin("880412", 3, 900), CENTER),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn only_staff_of_the_persons_center_or_region_deregister_and_only_the_unemployed() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "scope@example.kz", 1010).await;
    let job_seeker_id = job_seeker(&app, "js@example.kz", &iin("880412", 3, 1000), json!({})).await;
    let body = |ground: &str| json!({ "registration_id": id, "ground_code": ground });
    let other_center = app.specialist("spec.burabay", "cc-burabay").await;
    let other_region = app.officer("officer.astana", "mc-710000000").await;
    let ministry = app.staff("ministry", "ministry_officer", None).await;
    let citizen = app.login("scope@example.kz", PASSWORD).await;
    let own = app.specialist("spec.own", CENTER).await;

    let refused = [
        (
            &other_center,
            body("no_show"),
            StatusCode::FORBIDDEN,
            "out_of_scope",
        ),
        (
            &other_region,
            body("no_show"),
            StatusCode::FORBIDDEN,
            "out_of_scope",
        ),
        (
            &ministry,
            body("no_show"),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &citizen,
            body("no_show"),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &own,
            body("bored"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            &own,
            json!({ "registration_id": "no-such-id", "ground_code": "no_show" }),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            &own,
            json!({ "registration_id": job_seeker_id, "ground_code": "no_show" }),
            StatusCode::CONFLICT,
            "invalid_state",
        ),
    ];
    for (token, request, status, expected) in refused {
        let (got, answer) = app
            .post("/api/v1/deregistrations", Some(token), request.clone())
            .await;
        assert_eq!((got, code(&answer)), (status, expected), "{request}");
    }
    let (status, _) = app
        .post("/api/v1/deregistrations", None, body("no_show"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, reg) = app
        .post(
            "/api/v1/deregistrations",
            Some(&own),
            body("schedule_violated"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert_eq!(reg["deregistration_code"], "schedule_violated");
}

#[tokio::test]
async fn the_daily_registry_check_deregisters_on_contributions_or_a_sentence() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            "contributions_received",
            json!({ "contribution_months": ["2026-03", "2026-04"] }),
        ),
        (
            "imprisoned",
            json!({ "sentences": [{ "kind": "imprisonment", "from": "2026-03-20" }] }),
        ),
    ];
    let mut people = Vec::new();
    for (i, (code, _)) in cases.iter().enumerate() {
        let login = format!("daily-{i}@example.kz");
        job_seeker(
            &app,
            &login,
            &iin("880412", 3, 1100 + i as u32 * 10),
            json!({}),
        )
        .await;
        people.push((login, *code));
    }
    let untouched = "daily-none@example.kz";
    job_seeker(&app, untouched, &iin("880412", 3, 1200), json!({})).await;
    let reg = app
        .registration_at("2026-03-20T10:00:00+05:00", untouched)
        .await;
    assert_eq!(reg["status"], "unemployed");
    // Contributions for March itself may pay for work before registration: nothing happens.
    app.registry_person(
        &iin("880412", 3, 1200),
        json!({ "contribution_months": ["2026-03"] }),
    )
    .await;
    for (i, (_, change)) in cases.iter().enumerate() {
        app.registry_person(&iin("880412", 3, 1100 + i as u32 * 10), change.clone())
            .await;
    }
    app.set_clock("2026-03-21T01:59:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login(&people[0].0, PASSWORD).await;
    let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(reg["status"], "unemployed", "the check runs at 02:00");

    app.set_clock("2026-03-21T02:00:00+05:00").await;
    app.run_due_jobs().await;
    for (login, code) in people {
        let token = app.login(&login, PASSWORD).await;
        let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
        assert_eq!(reg["status"], "deregistered", "{login}");
        assert_eq!(reg["deregistration_code"], code, "{login}");
        assert!(reg["barred_until"].is_null());
    }
    let token = app.login(untouched, PASSWORD).await;
    let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(reg["status"], "unemployed");
}

#[tokio::test]
async fn a_rural_residents_deregistration_also_reaches_the_assistant() {
    let app = TestApp::spawn().await;
    let id = job_seeker(&app, "village@example.kz", &iin("880412", 3, 1300), rural()).await;
    app.registration_at("2026-03-20T10:00:00+05:00", "village@example.kz")
        .await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let (status, _) = app
        .post(
            "/api/v1/deregistrations",
            Some(&officer),
            json!({ "registration_id": id, "ground_code": "false_documents" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, outbox) = app
        .get("/api/v1/dev/outbox?channel=assistant", Some(&app.admin))
        .await;
    assert!(outbox
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "deregistered"
            && n["channel"] == "assistant"
            && n["recipient"] == "rd-burabay-zeleny-bor"));
}

#[tokio::test]
async fn every_ground_of_p51_deregisters_with_its_code_and_only_grounds_two_to_four_bar() {
    let app = TestApp::spawn().await;
    let grounds = [
        ("contributions_received", false),
        ("refused_three_offers", true),
        ("late_offer_answer", true),
        ("no_show", true),
        ("quit_active_measure", true),
        ("schedule_violated", true),
        ("imprisoned", false),
        ("circumstances_not_reported", false),
        ("false_documents", false),
    ];
    let mut ids = Vec::new();
    for (i, _) in grounds.iter().enumerate() {
        let login = format!("ground-{i}@example.kz");
        ids.push(
            job_seeker(
                &app,
                &login,
                &iin("880412", 3, 2000 + i as u32 * 10),
                json!({}),
            )
            .await,
        );
    }
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    for ((ground, bars), id) in grounds.iter().zip(&ids) {
        let (status, reg) = app
            .post(
                "/api/v1/deregistrations",
                Some(&officer),
                json!({ "registration_id": id, "ground_code": ground }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{ground}: {reg}");
        assert_eq!(reg["deregistration_code"], *ground);
        let expected = if *bars {
            json!("2026-04-19")
        } else {
            Value::Null
        };
        assert_eq!(reg["barred_until"], expected, "{ground}");
    }
}
