//! Referrals to active employment measures (Order 129): the places, the application through the
//! cabinet, the desk and egov, each ground of refusal, the terms of the service and of the
//! tear-off notice, the last place taken once under concurrent referrals, and participation to
//! its end.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::employers::employer;
use crate::helpers::*;
use crate::steps::*;

const PLACES: &str = "/api/v1/career-center/measure-places";
const OPEN_PLACES: &str = "/api/v1/measure-places";
const MINE: &str = "/api/v1/me/active-measures";
const DESK: &str = "/api/v1/career-center/active-measures";
const EGOV: &str = "/api/v1/egov/active-measures";

/// A welding course in Kokshetau.
fn course(capacity: u32) -> Value {
    json!({
        "measure": "training", "capacity": capacity, "occupation_code": "7212",
        "provider": "Көкшетау жоғары политехникалық колледжі, Абай к-сі 10, +7 7162 25 00 00",
        "qualification": "Электр дәнекерлеуші", "starts_on": "2026-04-01", "ends_on": "2026-06-30"
    })
}

async fn publish(app: &TestApp, specialist: &str, body: Value) -> String {
    let (status, place) = app.post(PLACES, Some(specialist), body).await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    place["id"].as_str().unwrap().to_string()
}

fn application(measure: &str, place: &str) -> Value {
    json!({ "measure": measure, "place_id": place, "personal_data_consent": true,
        "restricted_data_consent": true })
}

/// A citizen `login` for a new person the registries know with `registry` changes, proven;
/// returns the token and the IIN.
async fn person(app: &TestApp, login: &str, iin: &str, registry: Value) -> String {
    app.registry_person(iin, registry).await;
    let token = app.citizen(login).await;
    app.prove(&token, iin).await;
    token
}

async fn apply(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.post(MINE, Some(token), body).await
}

#[tokio::test]
async fn a_job_seeker_is_referred_online_to_a_course_with_the_signed_referral_and_its_terms() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(3)).await;
    let seeker = iin("870101", 3, 100);
    let (token, _) = app
        .job_seeker("seeker@example.kz", &seeker, json!({}), json!({}))
        .await;

    // A job seeker may train or resettle; the subsidised jobs are for the unemployed.
    let (status, open) = app.get("/api/v1/me/measure-places", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{open}");
    assert_eq!(
        open["measures"],
        json!(["training", "resettlement"]),
        "{open}"
    );
    assert_eq!(open["region_code"], "110000000");
    assert_eq!(strings(&open["items"], "id"), [place.as_str()]);
    let (status, referral) = apply(&app, &token, application("training", &place)).await;
    assert_eq!(status, StatusCode::CREATED, "{referral}");
    assert_eq!(referral["status"], "referred", "{referral}");
    assert_eq!(referral["category"], "job_seeker");
    assert_eq!(referral["channel"], "portal");
    let number = referral["number"].as_str().unwrap();
    assert!(number.starts_with("129-4-2026-"), "{number}");
    // Tuesday 17 March 2026, 10:00: received at once, due by the end of Wednesday 18 March;
    // the tear-off notice by the end of the fifth working day after the referral (18, 19, 20,
    // then after Nauryz 21–25 March, 26 and 27 March): 28 March 00:00.
    assert_eq!(referral["received_at"], "2026-03-17T05:00:00Z");
    assert_eq!(referral["due_at"], "2026-03-18T19:00:00Z");
    assert_eq!(referral["tear_off_due_at"], "2026-03-27T19:00:00Z");
    assert_eq!(referral["tear_off_overdue"], false);

    // The referral and the application are the person's signed documents.
    let id = referral["id"].as_str().unwrap();
    for document in [
        &referral["document_id"],
        &referral["application_document_id"],
    ] {
        let document = document.as_str().expect("a document");
        let (status, check) = app
            .post(
                "/api/v1/documents/verify",
                None,
                json!({ "document_id": document }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{check}");
        assert_eq!(check["valid"], true, "{check}");
    }
    let (_, mine) = app.get(MINE, Some(&token)).await;
    assert_eq!(strings(&mine, "id"), [id]);
    // The place counts the referral.
    let (_, open) = app
        .get(&format!("{OPEN_PLACES}?measure=training"), None)
        .await;
    assert_eq!(open["items"][0]["free"], 2, "{open}");
    // A second referral in progress is not taken.
    assert_problem(
        apply(&app, &token, application("training", &place)).await,
        StatusCode::CONFLICT,
        "referral_exists",
    );
    // The cabinet tells of it.
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(
        notices
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "measure_referral_issued"),
        "{notices}"
    );
}

#[tokio::test]
async fn an_online_application_after_hours_is_received_the_next_working_day_across_a_holiday() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(
        &app,
        &specialist,
        with(
            course(5),
            json!({ "starts_on": "2026-05-11", "ends_on": "2026-07-31" }),
        ),
    )
    .await;
    let cases = [
        // 18:29 on Tuesday: received at once; due by the end of Wednesday.
        (
            "2026-03-17T18:29:00+05:00",
            "2026-03-17T13:29:00Z",
            "2026-03-18T19:00:00Z",
        ),
        // 18:30: received Wednesday 9:00; due by the end of Thursday.
        (
            "2026-03-17T18:30:00+05:00",
            "2026-03-18T04:00:00Z",
            "2026-03-19T19:00:00Z",
        ),
        // Thursday 30 April in the evening: 1 May and the weekend are not working days.
        (
            "2026-04-30T19:00:00+05:00",
            "2026-05-04T04:00:00Z",
            "2026-05-05T19:00:00Z",
        ),
    ];
    for (n, (now, received, due)) in cases.into_iter().enumerate() {
        app.set_clock(now).await;
        let person_iin = iin("870101", 3, 200 + 10 * n as u32);
        let (token, _) = app
            .job_seeker(
                &format!("late{n}@example.kz"),
                &person_iin,
                json!({}),
                json!({}),
            )
            .await;
        let (status, r) = apply(&app, &token, application("training", &place)).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
        assert_eq!(
            (r["received_at"].as_str(), r["due_at"].as_str()),
            (Some(received), Some(due)),
            "{now}"
        );
    }
}

#[tokio::test]
async fn each_ground_of_refusal_answers_with_its_code_and_point_and_gives_the_place_back() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let training = publish(&app, &specialist, course(10)).await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let (status, jobs) = app
        .post(
            "/api/v1/subsidised-job-applications",
            Some(&owner),
            json!({
                "measure": "social_job", "places": 10, "occupation_code": "9112", "monthly_pay": 120000,
                "starts_on": "2026-04-01", "ends_on": "2026-12-31", "contact_person": "Айгүл Серікова",
                "contact_phone": "+7 701 555 12 34", "locality_code": "111010000"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{jobs}");
    let social = publish(
        &app,
        &specialist,
        json!({ "measure": "social_job", "subsidised_application_id": jobs["id"] }),
    )
    .await;

    // 129 App.2 p.9(4): no consent.
    let seeker = iin("870101", 3, 300);
    let (token, _) = app
        .job_seeker("noconsent@example.kz", &seeker, json!({}), json!({}))
        .await;
    let body = with(
        application("training", &training),
        json!({ "restricted_data_consent": false }),
    );
    let (status, r) = apply(&app, &token, body).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(
        (
            r["status"].as_str(),
            r["refusal_code"].as_str(),
            r["ground"].as_str()
        ),
        (
            Some("refused"),
            Some("no_personal_data_consent"),
            Some("129 App.2 p.9(4)")
        )
    );
    assert!(r["document_id"].is_null(), "a refusal gives no referral");

    // p.9(2): a job seeker is not referred to a social job, which is for the unemployed.
    let (status, r) = apply(&app, &token, application("social_job", &social)).await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["refusal_code"], "requirements_not_met", "{r}");
    assert_eq!(r["ground"], "129 App.2 p.9(2)");

    // p.9(1): egov sends an IIN the registries do not know.
    let egov = app.staff("egov", "egov_gateway", None).await;
    let unknown = iin("900101", 3, 400);
    let (status, r) = app
        .post(
            EGOV,
            Some(&egov),
            with(
                application("training", &training),
                json!({ "iin": unknown }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(
        (r["channel"].as_str(), r["refusal_code"].as_str()),
        (Some("egov"), Some("unreliable_documents"))
    );

    // p.9(6): a social job not twice in a calendar year.
    let person_iin = iin("870101", 3, 500);
    let registration = app
        .unemployed("twice@example.kz", &person_iin, json!({}))
        .await;
    assert!(!registration.is_empty());
    // Tokens issued before the clock moved have expired.
    let token = app.login("twice@example.kz", PASSWORD).await;
    let owner = app.login("owner@example.kz", PASSWORD).await;
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    let (_, first) = apply(&app, &token, application("social_job", &social)).await;
    assert_eq!(first["status"], "referred", "{first}");
    assert_eq!(first["category"], "unemployed");
    assert!(first["number"].as_str().unwrap().starts_with("129-8-"));
    let referral = first["id"].as_str().unwrap();
    let (status, done) = app
        .post(
            &format!("/api/v1/active-measures/{referral}/tear-off"),
            Some(&owner),
            json!({ "taken": false, "reason": "не явился" }),
        )
        .await;
    assert_eq!(
        (status, done["status"].as_str()),
        (StatusCode::OK, Some("not_taken")),
        "{done}"
    );
    let (_, again) = apply(&app, &token, application("social_job", &social)).await;
    assert_eq!(
        again["status"], "referred",
        "not taken: no social job this year"
    );
    let again_id = again["id"].as_str().unwrap();
    let (status, taken) = app
        .post(
            &format!("/api/v1/active-measures/{again_id}/tear-off"),
            Some(&owner),
            json!({ "taken": true, "contract_number": "17", "contract_date": "2026-03-20" }),
        )
        .await;
    assert_eq!(
        (status, taken["status"].as_str()),
        (StatusCode::OK, Some("enrolled")),
        "{taken}"
    );
    let (status, ended) = app
        .post(
            &format!("/api/v1/active-measures/{again_id}/end"),
            Some(&owner),
            json!({ "ending": "completed", "ended_on": "2026-03-20" }),
        )
        .await;
    assert_eq!(
        (status, ended["status"].as_str()),
        (StatusCode::OK, Some("completed")),
        "{ended}"
    );
    let (_, third) = apply(&app, &token, application("social_job", &social)).await;
    assert_eq!(
        (third["refusal_code"].as_str(), third["ground"].as_str()),
        (Some("subsidised_job_barred"), Some("129 App.2 p.9(6)")),
        "{third}"
    );
    // The refused applications gave their places back: of 10, the one taken remains taken.
    let (_, open) = app
        .get(&format!("{OPEN_PLACES}?measure=social_job"), None)
        .await;
    assert_eq!(open["items"][0]["free"], 9, "{open}");

    // The specialist's list holds the center's referrals and applications.
    let (status, list) = app.get("/api/v1/active-measures", Some(&specialist)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["total"], 6, "{list}");
}

#[tokio::test]
async fn quitting_without_good_reason_goes_to_the_work_queue_and_bars_training_for_three_months() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(5)).await;
    let later = publish(
        &app,
        &specialist,
        with(
            course(5),
            json!({ "starts_on": "2026-06-01", "ends_on": "2026-12-31" }),
        ),
    )
    .await;
    let person_iin = iin("870101", 3, 600);
    let registration = app
        .unemployed("quit@example.kz", &person_iin, json!({}))
        .await;
    let token = app.login("quit@example.kz", PASSWORD).await;
    // Tokens issued before the clock moved have expired.
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    let (_, r) = apply(&app, &token, application("training", &place)).await;
    assert_eq!(r["status"], "referred", "{r}");
    let id = r["id"].as_str().unwrap();
    // The specialist enters the education organisation's notice.
    let (status, r) = app
        .post(
            &format!("/api/v1/active-measures/{id}/tear-off"),
            Some(&specialist),
            json!({ "taken": true, "order_number": "45-у", "order_date": "2026-03-20" }),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (StatusCode::OK, Some("enrolled")),
        "{r}"
    );
    // Ending before the tear-off's day or in the future is refused; then the person quits.
    for day in ["2026-03-19", "2026-03-21"] {
        assert_problem(
            app.post(
                &format!("/api/v1/active-measures/{id}/end"),
                Some(&specialist),
                json!({ "ending": "quit", "ended_on": day }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_date",
        );
    }
    let (status, r) = app
        .post(
            &format!("/api/v1/active-measures/{id}/end"),
            Some(&specialist),
            json!({ "ending": "quit", "good_reason": false, "ended_on": "2026-03-20" }),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (StatusCode::OK, Some("quit")),
        "{r}"
    );
    assert_problem(
        app.post(
            &format!("/api/v1/active-measures/{id}/end"),
            Some(&specialist),
            json!({ "ending": "completed", "ended_on": "2026-03-20" }),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    // 214 p.51(3): the center weighs it within 2 working days.
    let queue = app.work_queue(&specialist).await;
    let item = queue
        .iter()
        .find(|i| i["kind"] == "quit_active_measure")
        .unwrap_or_else(|| panic!("{queue:?}"));
    assert_eq!(item["registration_id"], registration.as_str());
    assert_eq!(item["subject_id"], id);
    assert_eq!(item["legal_basis"], "214 p.51(3)");
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    assert!(app
        .work_queue(&officer)
        .await
        .iter()
        .any(|i| i["kind"] == "quit_active_measure"));

    // Social Code art.109 p.4: training again only 3 months after (here: the quitting, as the
    // person has not registered again since): refused on 19 June, referred on 20 June.
    app.set_clock("2026-06-19T10:00:00+05:00").await;
    let token = app.login("quit@example.kz", PASSWORD).await;
    let (_, r) = apply(&app, &token, application("training", &later)).await;
    assert_eq!(
        (r["refusal_code"].as_str(), r["ground"].as_str()),
        (Some("training_barred"), Some("129 App.2 p.9(5)")),
        "{r}"
    );
    app.set_clock("2026-06-20T10:00:00+05:00").await;
    let token = app.login("quit@example.kz", PASSWORD).await;
    let (_, r) = apply(&app, &token, application("training", &later)).await;
    assert_eq!(r["status"], "referred", "{r}");
}

#[tokio::test]
async fn the_desk_gives_a_receipt_for_missing_or_expired_documents_and_refers_on_a_full_set() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(1)).await;
    let person_iin = iin("870101", 3, 700);
    app.job_seeker("desk@example.kz", &person_iin, json!({}), json!({}))
        .await;
    let desk = |documents: Value| {
        json!({ "iin": person_iin, "measure": "training", "place_id": place, "documents": documents,
            "personal_data_consent": true, "restricted_data_consent": true })
    };
    let (status, r) = app
        .post(
            DESK,
            Some(&specialist),
            desk(json!({ "identity": "expired", "labour_book": "valid" })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "not_accepted");
    assert_eq!(
        r["documents_not_accepted"],
        json!([
            { "document": "identity", "state": "expired" },
            { "document": "health_certificate", "state": "missing" }
        ])
    );
    assert!(r["number"].as_str().unwrap().starts_with("129-3-"), "{r}");
    assert!(r["document_id"].is_string());
    // Nothing taken: the one place is still free, and the full set is referred.
    let (status, r) = app
        .post(
            DESK,
            Some(&specialist),
            desk(json!({ "identity": "valid", "health_certificate": "valid" })),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (StatusCode::CREATED, Some("referred")),
        "{r}"
    );
    assert_eq!(r["channel"], "in_person");
    // The place is full now.
    let other = iin("870101", 3, 710);
    app.job_seeker("desk2@example.kz", &other, json!({}), json!({}))
        .await;
    assert_problem(
        app.post(
            DESK,
            Some(&specialist),
            with(
                desk(json!({ "identity": "valid", "health_certificate": "valid" })),
                json!({ "iin": other }),
            ),
        )
        .await,
        StatusCode::CONFLICT,
        "place_full",
    );
    let refused = [
        (
            json!({ "documents": { "passport": "valid" } }),
            "invalid_value",
        ),
        (
            json!({ "documents": { "identity": "fine" } }),
            "invalid_value",
        ),
        (json!({ "measure": "apprenticeship" }), "invalid_value"),
        (json!({ "iin": "123" }), "invalid_iin"),
        (json!({ "place_id": "no-such-place" }), "unknown_place"),
        (json!({ "measure": "public_works" }), "place_not_open"),
    ];
    for (change, expected) in refused {
        let body = with(desk(json!({ "identity": "valid" })), change.clone());
        let (status, body) = app.post(DESK, Some(&specialist), body).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{change}"
        );
    }
}

#[tokio::test]
async fn concurrent_referrals_to_the_last_place_take_it_once() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(1)).await;
    let mut tokens = Vec::new();
    for n in 0..6u32 {
        let person_iin = iin("870101", 3, 800 + 10 * n);
        let (token, _) = app
            .job_seeker(
                &format!("race{n}@example.kz"),
                &person_iin,
                json!({}),
                json!({}),
            )
            .await;
        tokens.push(token);
    }
    let body = || application("training", &place);
    let (a, b, c, d, e, f) = tokio::join!(
        apply(&app, &tokens[0], body()),
        apply(&app, &tokens[1], body()),
        apply(&app, &tokens[2], body()),
        apply(&app, &tokens[3], body()),
        apply(&app, &tokens[4], body()),
        apply(&app, &tokens[5], body()),
    );
    let answers = [a, b, c, d, e, f];
    let referred = answers
        .iter()
        .filter(|(s, r)| *s == StatusCode::CREATED && r["status"] == "referred")
        .count();
    let full = answers
        .iter()
        .filter(|(s, r)| *s == StatusCode::CONFLICT && code(r) == "place_full")
        .count();
    assert_eq!((referred, full), (1, 5), "{answers:?}");
    let (_, all) = app.get(PLACES, Some(&specialist)).await;
    assert_eq!(all["items"][0]["free"], 0, "{all}");
    let (_, open) = app.get(OPEN_PLACES, None).await;
    assert_eq!(open["total"], 0, "a full place is not open");
}

#[tokio::test]
async fn the_tear_off_is_overdue_from_the_sixth_working_day_across_the_may_holidays() {
    let app = TestApp::spawn().await;
    app.set_clock("2026-04-29T11:00:00+05:00").await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(
        &app,
        &specialist,
        with(course(2), json!({ "starts_on": "2026-05-11" })),
    )
    .await;
    let person_iin = iin("870101", 3, 900);
    let (token, _) = app
        .job_seeker("late.return@example.kz", &person_iin, json!({}), json!({}))
        .await;
    let (_, r) = apply(&app, &token, application("training", &place)).await;
    // Referred Wednesday 29 April: 30 April, 4, 5, 6 May; 7 May is a holiday; Friday 8 May is
    // the fifth working day.
    assert_eq!(r["tear_off_due_at"], "2026-05-08T19:00:00Z", "{r}");
    let id = r["id"].as_str().unwrap().to_string();
    app.set_clock("2026-05-08T23:59:00+05:00").await;
    assert!(overdue(&app).await.is_empty());
    app.set_clock("2026-05-09T00:00:00+05:00").await;
    assert_eq!(overdue(&app).await, std::slice::from_ref(&id));
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    let (_, r) = app
        .get(&format!("/api/v1/active-measures/{id}"), Some(&specialist))
        .await;
    assert_eq!(r["tear_off_overdue"], true, "{r}");
    // Returned late, it is still taken; then it leaves the overdue list.
    let (status, r) = app
        .post(
            &format!("/api/v1/active-measures/{id}/tear-off"),
            Some(&specialist),
            json!({ "taken": true, "order_number": "12", "order_date": "2026-05-08" }),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (StatusCode::OK, Some("enrolled")),
        "{r}"
    );
    assert!(overdue(&app).await.is_empty());
}

/// The ids of the referrals whose tear-off notice is overdue, as the Kokshetau specialist
/// (signed in again) lists them.
async fn overdue(app: &TestApp) -> Vec<String> {
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    let (_, list) = app
        .get("/api/v1/active-measures?overdue=true", Some(&specialist))
        .await;
    strings(&list["items"], "id")
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn resettlement_waits_for_the_regional_commission_and_a_negative_decision_refuses() {
    let app = TestApp::spawn().await;
    let astana = app.specialist("cc.saryarka", "cc-astana-saryarka").await;
    let kokshetau = app.specialist("cc.kokshetau", CENTER).await;
    let quota = publish(
        &app,
        &astana,
        json!({ "measure": "resettlement", "capacity": 2, "occupation_code": "7212",
            "provider": "Астана қаласы, Сарыарқа ауданы", "destination_code": "711300000",
            "starts_on": "2026-04-01", "ends_on": "2026-12-31" }),
    )
    .await;
    let mut decided = Vec::new();
    for (n, approved) in [(0u32, true), (1, false)] {
        let person_iin = iin("870101", 3, 1000 + 10 * n);
        let (token, _) = app
            .job_seeker(
                &format!("move{n}@example.kz"),
                &person_iin,
                json!({}),
                json!({}),
            )
            .await;
        let body = with(
            application("resettlement", &quota),
            json!({ "career_center_id": CENTER, "family": [
                { "relation": "spouse", "full_name": "Ахметова Динара Сериковна" },
                { "relation": "child", "full_name": "Ахметов Алихан Ерланович" }
            ] }),
        );
        let (status, r) = apply(&app, &token, body).await;
        assert_eq!(
            (status, r["status"].as_str()),
            (StatusCode::CREATED, Some("pending")),
            "{r}"
        );
        let id = r["id"].as_str().unwrap().to_string();
        // Only the referring center records the commission's decision.
        assert_problem(
            app.post(
                &format!("/api/v1/active-measures/{id}/commission"),
                Some(&astana),
                json!({ "approved": true, "decision_number": "7", "decided_on": "2026-03-16" }),
            )
            .await,
            StatusCode::FORBIDDEN,
            "out_of_scope",
        );
        let (status, r) = app
            .post(
                &format!("/api/v1/active-measures/{id}/commission"),
                Some(&kokshetau),
                json!({ "approved": approved, "decision_number": "7", "decided_on": "2026-03-16" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{r}");
        decided.push(r);
    }
    assert_eq!(decided[0]["status"], "referred", "{}", decided[0]);
    assert!(decided[0]["number"]
        .as_str()
        .unwrap()
        .starts_with("129-11-"));
    assert!(
        decided[0]["tear_off_due_at"].is_null(),
        "App.11 has no term"
    );
    assert_eq!(decided[0]["family"].as_array().unwrap().len(), 2);
    assert_eq!(
        (
            decided[1]["refusal_code"].as_str(),
            decided[1]["ground"].as_str()
        ),
        (Some("negative_approval"), Some("129 App.2 p.9(3)"))
    );
    // The notice of settlement comes back from the career center of the region of settlement.
    let id = decided[0]["id"].as_str().unwrap();
    let notice = json!({ "taken": true, "contract_number": "СК-3", "contract_date": "2026-03-17",
        "order_number": "9", "order_date": "2026-03-17", "housing": "service_housing" });
    let (status, r) = app
        .post(
            &format!("/api/v1/active-measures/{id}/tear-off"),
            Some(&astana),
            notice,
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (StatusCode::OK, Some("enrolled")),
        "{r}"
    );
    assert_eq!(r["tear_off"]["housing"], "service_housing");
}

#[tokio::test]
async fn referrals_are_read_by_the_person_and_the_staff_in_scope_only() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(2)).await;
    let person_iin = iin("870101", 3, 1100);
    let (token, _) = app
        .job_seeker("reader@example.kz", &person_iin, json!({}), json!({}))
        .await;
    let (_, r) = apply(&app, &token, application("training", &place)).await;
    let path = format!("/api/v1/active-measures/{}", r["id"].as_str().unwrap());
    let other = person(&app, "other@example.kz", &iin("870101", 3, 1110), json!({})).await;
    let astana = app.specialist("cc.saryarka", "cc-astana-saryarka").await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let (status, _) = app.get(&path, Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(&path, Some(&specialist)).await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        app.get(&path, Some(&other)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_problem(
        app.get(&path, Some(&astana)).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    assert_problem(
        app.get(&path, Some(&owner)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, _) = app.get(&path, Some(&app.admin)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The staff's read is audited.
    assert_eq!(
        reads(&app, "measure_referral", r["id"].as_str().unwrap()).await,
        1
    );
    // Another employer cannot return the notice; a citizen cannot publish a place.
    assert_problem(
        app.post(
            &format!("{path}/tear-off"),
            Some(&owner),
            json!({ "taken": false }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    let (status, _) = app.post(PLACES, Some(&token), course(1)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A citizen who has not proven an IIN cannot apply.
    let unproven = app.citizen("unproven@example.kz").await;
    assert_problem(
        apply(&app, &unproven, application("training", &place)).await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
}

/// How many reads of `entity` `id` the audit log holds.
async fn reads(app: &TestApp, entity: &str, id: &str) -> usize {
    let trail = app.audit(&format!("entity={entity}&entity_id={id}")).await;
    trail
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "read")
        .count()
}

/// A subsidised-job application of `measure` by the employer of `token`, published as a place
/// by the specialist; the place's id.
async fn subsidised_place(app: &TestApp, owner: &str, specialist: &str, measure: &str) -> String {
    let (status, jobs) = app
        .post(
            "/api/v1/subsidised-job-applications",
            Some(owner),
            json!({
                "measure": measure, "places": 2, "occupation_code": "9112", "monthly_pay": 120000,
                "starts_on": "2026-04-01", "ends_on": "2026-09-30", "contact_person": "Айгүл Серікова",
                "contact_phone": "+7 701 555 12 34", "locality_code": "111010000"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{jobs}");
    publish(
        app,
        specialist,
        json!({ "measure": measure, "subsidised_application_id": jobs["id"] }),
    )
    .await
}

#[tokio::test]
async fn every_measure_goes_from_the_application_to_the_end_of_participation_and_is_monitored() {
    let app = TestApp::spawn().await;
    let graduate = json!([{ "level": "vocational", "specialty": "уборщик", "occupation_code": "9112",
            "graduated_on": "2024-06-30" }]);
    // Each measure with the person it is open to (the registry's record).
    let people = [
        (
            "public_works",
            "870101",
            3u8,
            json!({ "birth_date": "1987-01-01" }),
        ),
        (
            "social_job",
            "870101",
            3,
            json!({ "birth_date": "1987-01-01" }),
        ),
        (
            "youth_practice",
            "010101",
            5,
            json!({ "birth_date": "2001-01-01", "education": graduate }),
        ),
        (
            "first_job",
            "030101",
            5,
            json!({ "birth_date": "2003-01-01", "contribution_months": [] }),
        ),
        (
            "generation_contract",
            "000101",
            5,
            json!({ "birth_date": "2000-01-01", "education": graduate }),
        ),
        (
            "silver_age",
            "660101",
            3,
            json!({ "birth_date": "1966-01-01" }),
        ),
    ];
    let mut registered = Vec::new();
    for (n, (measure, born, century, registry)) in people.iter().enumerate() {
        let person = iin(born, *century, 2000 + 10 * n as u32);
        let login = format!("{measure}@example.kz");
        app.job_seeker(&login, &person, registry.clone(), json!({}))
            .await;
        registered.push((*measure, login));
    }
    // A welder's diploma does not match a cleaners' practice (the guide: a diploma matching the
    // practice).
    let welder = json!([{ "level": "vocational", "specialty": "сварщик", "occupation_code": "7212",
        "graduated_on": "2024-06-30" }]);
    app.job_seeker(
        "welder@example.kz",
        &iin("010101", 5, 2900),
        json!({ "birth_date": "2001-01-01", "education": welder }),
        json!({}),
    )
    .await;
    // Friday 20 March: all are unemployed; the places are published.
    app.set_clock(UNEMPLOYED_FROM).await;
    app.run_due_jobs().await;
    let specialist = app.specialist("cc.kokshetau.measures", CENTER).await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let mut referred = Vec::new();
    for (measure, login) in &registered {
        let place = subsidised_place(&app, &owner, &specialist, measure).await;
        let token = app.login(login, PASSWORD).await;
        let (status, r) = apply(&app, &token, application(measure, &place)).await;
        assert_eq!(status, StatusCode::CREATED, "{r}");
        assert_eq!(r["status"], "referred", "{measure}: {r}");
        assert_eq!(r["category"], "unemployed", "{measure}");
        assert!(
            r["number"].as_str().unwrap().starts_with("129-8-"),
            "{measure}"
        );
        referred.push(r["id"].as_str().unwrap().to_string());
    }
    let practice = subsidised_place(&app, &owner, &specialist, "youth_practice").await;
    let token = app.login("welder@example.kz", PASSWORD).await;
    let (_, r) = apply(&app, &token, application("youth_practice", &practice)).await;
    assert_eq!(
        (r["status"].as_str(), r["refusal_code"].as_str()),
        (Some("refused"), Some("requirements_not_met")),
        "{r}"
    );
    // Training for a job seeker, and resettlement on the commission's decision.
    let course_place = publish(&app, &specialist, course(2)).await;
    let seeker = iin("880101", 3, 2100);
    let (token, _) = app
        .job_seeker("training@example.kz", &seeker, json!({}), json!({}))
        .await;
    let (_, r) = apply(&app, &token, application("training", &course_place)).await;
    assert_eq!(r["status"], "referred", "{r}");
    referred.push(r["id"].as_str().unwrap().to_string());
    let astana = app.specialist("cc.saryarka", "cc-astana-saryarka").await;
    let quota = publish(
        &app,
        &astana,
        json!({ "measure": "resettlement", "capacity": 2, "occupation_code": "7212",
            "provider": "Астана қаласы, Сарыарқа ауданы", "destination_code": "711300000",
            "starts_on": "2026-04-01", "ends_on": "2026-12-31" }),
    )
    .await;
    let mover = iin("890101", 3, 2200);
    let (token, _) = app
        .job_seeker("resettlement@example.kz", &mover, json!({}), json!({}))
        .await;
    let body = application("resettlement", &quota);
    assert_problem(
        apply(&app, &token, body.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let body = with(body, json!({ "career_center_id": CENTER }));
    let (_, r) = apply(&app, &token, body).await;
    let id = r["id"].as_str().unwrap().to_string();
    let (_, r) = app
        .post(
            &format!("/api/v1/active-measures/{id}/commission"),
            Some(&specialist),
            json!({ "approved": true, "decision_number": "12", "decided_on": "2026-03-20" }),
        )
        .await;
    assert_eq!(r["status"], "referred", "{r}");
    referred.push(id);

    // Each comes back taken and ends: the subsidised jobs by their employer, training by the
    // specialist, resettlement by the center of the region of settlement.
    for (n, id) in referred.iter().enumerate() {
        let by = match n {
            0..=5 => &owner,
            6 => &specialist,
            _ => &astana,
        };
        let (status, r) = app
            .post(
                &format!("/api/v1/active-measures/{id}/tear-off"),
                Some(by),
                json!({ "taken": true, "order_number": format!("{n}-к"), "order_date": "2026-03-20" }),
            )
            .await;
        assert_eq!(
            (status, r["status"].as_str()),
            (StatusCode::OK, Some("enrolled")),
            "{r}"
        );
        let (status, r) = app
            .post(
                &format!("/api/v1/active-measures/{id}/end"),
                Some(by),
                json!({ "ending": "completed", "ended_on": "2026-03-20" }),
            )
            .await;
        assert_eq!(
            (status, r["status"].as_str()),
            (StatusCode::OK, Some("completed")),
            "{r}"
        );
    }
    // The hired participants joined the employers' applications, where attendance is kept.
    let (_, applications) = app
        .get("/api/v1/subsidised-job-applications", Some(&owner))
        .await;
    let mut joined = Vec::new();
    for a in applications.as_array().unwrap() {
        let path = format!(
            "/api/v1/subsidised-job-applications/{}/participants",
            a["id"].as_str().unwrap()
        );
        let (_, participants) = app.get(&path, Some(&owner)).await;
        joined.push(participants.as_array().map_or(0, Vec::len));
    }
    joined.sort_unstable();
    // One on each measure's jobs; none on the practice the welder was refused.
    assert_eq!(joined, [0, 1, 1, 1, 1, 1, 1], "{applications}");
    // The service is monitored: all of 20 March decided at once, within the term.
    let ministry = app.staff("ministry", "ministry_officer", None).await;
    let (status, summary) = app
        .get(
            "/api/v1/monitoring/services/active_measure_referral?from=2026-03-20&to=2026-03-20",
            Some(&ministry),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["received"], 9, "{summary}");
    assert_eq!(summary["result_issued"], 8, "{summary}");
    assert_eq!(summary["refused"], 1, "the welder's practice");
    assert_eq!(summary["within_term"], 9, "{summary}");
}

#[tokio::test]
async fn a_call_for_a_measure_unanswered_in_three_working_days_reaches_the_work_queue() {
    let app = TestApp::spawn().await;
    let first = iin("870101", 3, 2300);
    let second = iin("870101", 3, 2310);
    let (_, r1) = app
        .job_seeker("call1@example.kz", &first, json!({}), json!({}))
        .await;
    let (_, r2) = app
        .job_seeker("call2@example.kz", &second, json!({}), json!({}))
        .await;
    app.set_clock(UNEMPLOYED_FROM).await;
    app.run_due_jobs().await;
    let reg_first = r1["id"].as_str().unwrap().to_string();
    let reg_second = r2["id"].as_str().unwrap().to_string();
    // Friday 20 March, 10:00: called; 21–25 March are Nauryz days off, so the 3 working days
    // are 26, 27 and 30 March: the term ends at 31 March 00:00.
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let call = |reg: &str| format!("/api/v1/registrations/{reg}/measure-summons");
    let (status, called) = app
        .post(
            &call(&reg_first),
            Some(&specialist),
            json!({ "measure": "public_works" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{called}");
    assert_eq!(called["due_at"], "2026-03-30T19:00:00Z", "{called}");
    let (_, other) = app
        .post(&call(&reg_second), Some(&specialist), json!({}))
        .await;
    // The person is told.
    let token = app.login("call1@example.kz", PASSWORD).await;
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(
        notices
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "measure_summons"),
        "{notices}"
    );
    // The second comes on Thursday: the specialist records it.
    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    let answer = format!(
        "/api/v1/measure-summons/{}/answer",
        other["id"].as_str().unwrap()
    );
    let (status, answered) = app.post(&answer, Some(&specialist), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert!(answered["answered_at"].is_string());
    assert_problem(
        app.post(&answer, Some(&specialist), json!({})).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let unanswered = |queue: Vec<Value>| {
        queue
            .into_iter()
            .filter(|i| i["kind"] == "measure_call_unanswered")
            .map(|i| i["registration_id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // In the last minute of the third working day: no ground yet.
    app.set_clock("2026-03-30T23:59:00+05:00").await;
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    assert!(unanswered(app.work_queue(&specialist).await).is_empty());
    // From 31 March: the first person's call is in the queue, for 214 p.51(3).
    app.set_clock("2026-03-31T00:00:00+05:00").await;
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    assert_eq!(
        unanswered(app.work_queue(&specialist).await),
        std::slice::from_ref(&reg_first)
    );
    // Applying for a measure answers a call: a new call, then an application.
    let place = publish(&app, &specialist, course(2)).await;
    let (_, again) = app
        .post(&call(&reg_first), Some(&specialist), json!({}))
        .await;
    assert!(again["answered_at"].is_null());
    let token = app.login("call1@example.kz", PASSWORD).await;
    let (_, r) = apply(&app, &token, application("training", &place)).await;
    assert_eq!(r["status"], "referred", "{r}");
    app.set_clock("2026-04-03T10:00:00+05:00").await;
    let specialist = app.login("cc.kokshetau", STAFF_PASSWORD).await;
    assert!(unanswered(app.work_queue(&specialist).await).is_empty());
    // A job seeker is not called for a measure; another center's specialist may not call.
    let seeker = iin("870101", 3, 2320);
    let (_, reg) = app
        .job_seeker("seeker.call@example.kz", &seeker, json!({}), json!({}))
        .await;
    assert_problem(
        app.post(
            &call(reg["id"].as_str().unwrap()),
            Some(&specialist),
            json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let astana = app.specialist("cc.saryarka", "cc-astana-saryarka").await;
    assert_problem(
        app.post(&call(&reg_first), Some(&astana), json!({})).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
}

/// The Kokshetau polytechnic college, an education organisation of the demo reference data.
const SCHOOL: &str = "eo-kokshetau-polytechnic";

#[tokio::test]
async fn an_education_organisation_returns_the_notices_of_its_own_courses_only() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    // The course names the college; its name stands as the provider when none is typed.
    let mut body = course(2);
    body["education_organization_id"] = json!(SCHOOL);
    body.as_object_mut().unwrap().remove("provider");
    let (status, place) = app.post(PLACES, Some(&specialist), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    assert_eq!(place["education_organization_id"], SCHOOL);
    assert_eq!(
        place["provider"],
        "Кокшетауский высший политехнический колледж"
    );
    // A college of another region, a career center, an unknown id, or a college on a course on
    // the job are refused with the field named.
    for (field, value) in [
        ("education_organization_id", json!("eo-astana-construction")),
        ("education_organization_id", json!(CENTER)),
        ("education_organization_id", json!("eo-none")),
        ("on_the_job", json!(true)),
    ] {
        let mut wrong = body.clone();
        wrong[field] = value;
        let (status, problem) = app.post(PLACES, Some(&specialist), wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["field"], "education_organization_id", "{problem}");
    }
    let place = place["id"].as_str().unwrap();
    let (token, _) = app
        .job_seeker(
            "student@example.kz",
            &iin("870101", 3, 1300),
            json!({}),
            json!({}),
        )
        .await;
    let (_, referral) = apply(&app, &token, application("training", place)).await;
    assert_eq!(referral["status"], "referred", "{referral}");
    let id = referral["id"].as_str().unwrap();
    let path = format!("/api/v1/active-measures/{id}");

    // The college's staff, an account the administrator gives at the college only.
    let (status, problem) = app
        .post(
            "/api/v1/staff-accounts",
            Some(&app.admin),
            json!({ "login": "staff.wrong", "password": "staff-pass-1",
                "role": "education_staff", "organization_id": CENTER }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let college = app
        .staff("staff.polytechnic", "education_staff", Some(SCHOOL))
        .await;
    let other = app
        .staff(
            "staff.construction",
            "education_staff",
            Some("eo-astana-construction"),
        )
        .await;
    let (status, listed) = app.get("/api/v1/active-measures", Some(&college)).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    assert_eq!(strings(&listed["items"], "id"), [id]);
    let (_, listed) = app.get("/api/v1/active-measures", Some(&other)).await;
    assert_eq!(listed["total"], 0, "{listed}");
    let (status, _) = app.get(&path, Some(&college)).await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        app.get(&path, Some(&other)).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    // The college downloads the signed referral it was sent (129 App.4), its read audited; the
    // person's application (129 App.1) stays with the person and the center; another college
    // reads neither.
    let document = referral["document_id"].as_str().unwrap();
    let application = referral["application_document_id"].as_str().unwrap();
    let pdf = |token: &str, id: &str| {
        app.client
            .get(format!("{}/api/v1/documents/{id}?lang=kk", app.base))
            .bearer_auth(token)
            .send()
    };
    let got = pdf(&college, document).await.unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert!(got.bytes().await.unwrap().starts_with(b"%PDF-"));
    for (token, id) in [
        (&college, application),
        (&other, document),
        (&other, application),
    ] {
        assert_eq!(
            pdf(token, id).await.unwrap().status(),
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(reads(&app, "document", document).await, 1);
    assert_problem(
        app.post(
            &format!("{path}/tear-off"),
            Some(&other),
            json!({ "taken": false }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    // The college enrols the person by its order (129 App.4) and records the completion.
    let (status, enrolled) = app
        .post(
            &format!("{path}/tear-off"),
            Some(&college),
            json!({ "taken": true, "order_number": "45-к", "order_date": "2026-03-17" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{enrolled}");
    assert_eq!(enrolled["status"], "enrolled", "{enrolled}");
    let (status, ended) = app
        .post(
            &format!("{path}/end"),
            Some(&college),
            json!({ "ending": "completed", "ended_on": "2026-03-17" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_eq!(ended["status"], "completed", "{ended}");
    // The college's staff do no casework: no card, no place of their own to publish.
    let (status, _) = app.post(PLACES, Some(&college), course(1)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

const CONSENTS: &str = "/api/v1/career-center/digital-document-consents";

#[tokio::test]
async fn the_desk_takes_the_digital_identity_document_only_with_the_owners_one_time_code() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let place = publish(&app, &specialist, course(2)).await;
    let person_iin = iin("870101", 3, 1400);
    app.job_seeker("digital@example.kz", &person_iin, json!({}), json!({}))
        .await;
    let desk = |consent: Value| {
        json!({ "iin": person_iin, "measure": "training", "place_id": place,
            "documents": { "identity": "digital", "health_certificate": "valid" },
            "digital_consent": consent,
            "personal_data_consent": true, "restricted_data_consent": true })
    };
    // Without the owner's consent no digital document is taken.
    assert_problem(
        app.post(DESK, Some(&specialist), desk(Value::Null)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "digital_consent_required",
    );
    // Only the identity document may be digital.
    let mut health = desk(Value::Null);
    health["documents"] = json!({ "identity": "valid", "health_certificate": "digital" });
    assert_problem(
        app.post(DESK, Some(&specialist), health).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    // The code goes to the phone the registry links to the person's IIN.
    let (status, asked) = app
        .post(CONSENTS, Some(&specialist), json!({ "iin": person_iin }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{asked}");
    assert!(asked["phone_masked"]
        .as_str()
        .is_some_and(|p| p.contains("***")));
    let sms = app.last_sms_code().await;
    let consent = asked["consent_id"].as_str().unwrap();
    let wrong = if sms == "000000" { "000001" } else { "000000" };
    let (status, problem) = app
        .post(
            DESK,
            Some(&specialist),
            desk(json!({ "consent_id": consent, "code": wrong })),
        )
        .await;
    assert_eq!(
        (status, code(&problem)),
        (StatusCode::UNPROCESSABLE_ENTITY, "wrong_code"),
        "{problem}"
    );
    assert_eq!(problem["attempts_left"], 4, "{problem}");
    // Another specialist cannot use it, even with the code.
    let other = app.specialist("cc.kokshetau.2", CENTER).await;
    assert_problem(
        app.post(
            DESK,
            Some(&other),
            desk(json!({ "consent_id": consent, "code": sms })),
        )
        .await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
    let (status, r) = app
        .post(
            DESK,
            Some(&specialist),
            desk(json!({ "consent_id": consent, "code": sms })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "referred", "{r}");
    // The consent is spent with the application: it takes no second one.
    assert_problem(
        app.post(
            DESK,
            Some(&specialist),
            desk(json!({ "consent_id": consent, "code": sms })),
        )
        .await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
    // Only a career center's specialist asks.
    let (token, _) = app
        .job_seeker(
            "asker@example.kz",
            &iin("870101", 3, 1420),
            json!({}),
            json!({}),
        )
        .await;
    let (status, _) = app
        .post(CONSENTS, Some(&token), json!({ "iin": person_iin }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_problem(
        app.post(CONSENTS, Some(&specialist), json!({ "iin": "123" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_iin",
    );
}
