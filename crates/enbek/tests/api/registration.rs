//! Registration as a job seeker through every channel (214 ch.2).

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::steps::*;

const OTHER_CENTER: &str = "cc-burabay";

#[tokio::test]
async fn a_portal_application_is_registered_automatically_after_the_registry_check() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 4012);
    app.registry_person(&iin, json!({})).await;
    let (token, status, reg) = app.apply_on_portal("erlan@example.kz", &iin).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(
        reg["identity_proof"], "sms",
        "the account proved the IIN by code"
    );
    assert_eq!(reg["status"], "job_seeker");
    assert_eq!(reg["channel"], "portal");
    assert_eq!(reg["job_seeker_since"], "2026-03-17");
    assert!(reg["category"].is_string());
    assert!(reg["category_factors"]["factors"].is_array());

    // The answer is the registration as stored, to the microsecond.
    let (status, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine, reg);

    // 214 p.35 and the guide: the cabinet, SMS and e-mail are told.
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    let channels: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "job_seeker_registered")
        .map(|n| n["channel"].as_str().unwrap())
        .collect();
    for channel in ["cabinet", "sms", "email"] {
        assert!(
            channels.contains(&channel),
            "{channel} missing in {channels:?}"
        );
    }
    // In the state language by default, naming the center in that language too.
    let notice = &notes[0];
    assert_eq!(notice["lang"], "kk");
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains("Көкшетау"), "{text}");
    assert!(!text.contains("Карьерный центр"), "{text}");
}

#[tokio::test]
async fn the_card_holds_registry_data_and_the_category_factors() {
    let app = TestApp::spawn().await;
    let iin = iin("640512", 3, 1001);
    // Two years before the pension age (63), disability group 2: a long expected search.
    app.registry_person(
        &iin,
        json!({ "birth_date": "1964-05-12", "disability_group": 2 }),
    )
    .await;
    let token = app.citizen("old@example.kz").await;
    app.prove(&token, &iin).await;
    let mut form = application(&iin, CENTER);
    form["education_level"] = json!("higher");
    form["experience_years"] = json!(30);
    let (status, reg) = app.post("/api/v1/registrations", Some(&token), form).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["category"], "long_term");
    let codes: Vec<&str> = strings(&reg["category_factors"]["factors"], "code");
    assert!(
        codes.contains(&"pre_pension_age") && codes.contains(&"disability_group_1_2"),
        "{codes:?}"
    );

    let (status, card) = app.get("/api/v1/me/card", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(card["person"]["last_name"], "Ахметов");
    assert_eq!(card["person"]["profile"]["education_level"], "higher");
    assert_eq!(card["history"][0]["kind"], "registered_job_seeker");
}

#[tokio::test]
async fn an_application_after_hours_counts_from_the_next_working_day() {
    let app = TestApp::spawn().await;
    // Friday 20 March 2026, 19:00: Nauryz follows (21–25 March off), so it counts from Thursday 26th.
    app.set_clock("2026-03-20T19:00:00+05:00").await;
    let iin = iin("871008", 3, 4100);
    app.registry_person(&iin, json!({})).await;
    let (_, status, reg) = app.apply_on_portal("late@example.kz", &iin).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["received_at"], "2026-03-26T04:00:00Z");
    assert_eq!(reg["job_seeker_since"], "2026-03-26");
    // One working day from Thursday 26th: the end of Friday 27th (24:00 local).
    assert_eq!(reg["due_at"], "2026-03-27T19:00:00Z");
}

#[tokio::test]
async fn an_application_one_minute_before_closing_counts_from_the_same_day() {
    let app = TestApp::spawn().await;
    app.set_clock("2026-03-20T18:29:00+05:00").await;
    let iin = iin("871008", 3, 4200);
    app.registry_person(&iin, json!({})).await;
    let (_, _, reg) = app.apply_on_portal("ontime@example.kz", &iin).await;
    assert_eq!(reg["job_seeker_since"], "2026-03-20");
    assert_eq!(reg["received_at"], "2026-03-20T13:29:00Z");

    app.set_clock("2026-03-20T18:30:00+05:00").await;
    let other = crate::helpers::iin("871008", 3, 4300);
    app.registry_person(&other, json!({})).await;
    let (_, _, reg) = app.apply_on_portal("closing@example.kz", &other).await;
    assert_eq!(reg["job_seeker_since"], "2026-03-26");
}

#[tokio::test]
async fn a_weekend_application_counts_from_monday() {
    let app = TestApp::spawn().await;
    app.set_clock("2026-04-04T11:00:00+05:00").await; // Saturday
    let iin = iin("871008", 3, 4400);
    app.registry_person(&iin, json!({})).await;
    let (_, _, reg) = app.apply_on_portal("weekend@example.kz", &iin).await;
    assert_eq!(reg["job_seeker_since"], "2026-04-06");
}

#[tokio::test]
async fn a_second_application_while_registered_is_refused_as_existing() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 4500);
    app.registry_person(&iin, json!({})).await;
    let (token, _, reg) = app.apply_on_portal("twice@example.kz", &iin).await;
    let (status, body) = app.apply(&token, &iin).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(code(&body), "registration_exists");
    assert_eq!(body["registration_id"], reg["id"]);
}

/// Applications of one IIN sent at once: one is registered, every other is refused as existing,
/// and one card and one registration stand.
#[tokio::test]
async fn applications_of_one_iin_sent_at_once_register_it_once() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 4501);
    app.registry_person(&iin, json!({})).await;
    let token = app.citizen("race@example.kz").await;
    app.prove(&token, &iin).await;
    let (a, b, c) = tokio::join!(
        app.apply(&token, &iin),
        app.apply(&token, &iin),
        app.apply(&token, &iin)
    );
    let mut statuses = vec![a.0, b.0, c.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CONFLICT,
            StatusCode::CONFLICT
        ],
        "{a:?} {b:?} {c:?}"
    );
    for (status, body) in [a, b, c] {
        if status == StatusCode::CONFLICT {
            assert_eq!(code(&body), "registration_exists", "{body}");
        }
    }
    let mine = app.my_registration("race@example.kz").await;
    assert_eq!(mine["status"], "job_seeker");
    let (status, card) = app.get("/api/v1/me/card", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    let registered = card["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "registered_job_seeker")
        .count();
    assert_eq!(registered, 1, "{card}");
}

#[tokio::test]
async fn a_repeat_application_after_closing_updates_the_same_card() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 4600);
    app.registry_person(&iin, json!({})).await;
    let (token, _, first) = app.apply_on_portal("again@example.kz", &iin).await;
    let (status, closed) = app.close_registration(&token, "moved").await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["closed_reason"], "moved");

    app.registry_person(&iin, json!({ "locality_code": "111010001" }))
        .await;
    let (status, second) = app.apply(&token, &iin).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_ne!(second["id"], first["id"]);
    assert_eq!(
        second["person_id"], first["person_id"],
        "214 p.21: the same card"
    );
    let (_, card) = app.get("/api/v1/me/card", Some(&token)).await;
    assert_eq!(card["person"]["locality_code"], "111010001");
    let kinds: Vec<&str> = strings(&card["history"], "kind");
    assert_eq!(
        kinds,
        vec![
            "registered_job_seeker",
            "registration_closed",
            "card_updated",
            "registered_job_seeker"
        ]
    );
}

#[tokio::test]
async fn a_person_unknown_to_the_registries_is_refused_with_the_app3_notice() {
    let app = TestApp::spawn().await;
    // Unknown to the registries, the person has no registry phone: the IIN is proven by an
    // electronic signature, and the registry check then refuses the application.
    let ghost = iin("900101", 3, 1);
    let token = app.citizen("ghost@example.kz").await;
    let cert = app.test_certificate(&ghost, None).await;
    let (status, body) = app.answer_by_signature(&token, &ghost, &cert, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, reg) = app.apply(&token, &ghost).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "refused");
    assert_eq!(reg["refusal_code"], "false_information");
    assert_eq!(reg["refusal_notice"]["code"], "false_information");
    assert!(reg["refusal_notice"]["ground_kk"].as_str().unwrap().len() > 10);
    assert!(reg["refusal_notice"]["ground_ru"].as_str().unwrap().len() > 10);
    let (_, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(mine, reg, "the answer is the registration as stored");
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(notes
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "job_seeker_refused"));
}

#[tokio::test]
async fn under_sixteen_needs_the_representatives_statement_until_the_birthday() {
    let app = TestApp::spawn().await;
    // Sixteen on 18 March 2026; the clock stands at 17 March.
    let young = iin("100318", 5, 2000);
    app.registry_person(&young, json!({ "birth_date": "2010-03-18" }))
        .await;
    let (token, _, reg) = app.apply_on_portal("young@example.kz", &young).await;
    assert_eq!(reg["status"], "refused");
    assert_eq!(reg["refusal_code"], "under_16");

    let mut form = application(&young, CENTER);
    form["representative_statement"] = json!(true);
    let (status, reg) = app.post("/api/v1/registrations", Some(&token), form).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(reg["status"], "job_seeker");

    app.set_clock("2026-03-18T10:00:00+05:00").await;
    let birthday = iin("100318", 5, 3000);
    app.registry_person(&birthday, json!({ "birth_date": "2010-03-18" }))
        .await;
    let (_, _, reg) = app.apply_on_portal("birthday@example.kz", &birthday).await;
    assert_eq!(
        reg["status"], "job_seeker",
        "on the 16th birthday no statement is needed"
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_code_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 4700);
    app.registry_person(&iin, json!({})).await;
    let token = app.citizen("bad@example.kz").await;
    app.prove(&token, &iin).await;
    let cases = [
        ("iin", json!("821214240092"), "invalid_iin"),
        ("iin", json!("12345"), "invalid_iin"),
        ("phone", json!("+1 202 555 0100"), "invalid_phone"),
        ("email", json!("not-an-email"), "invalid_email"),
        ("personal_data_consent", json!(false), "consent_required"),
        (
            "career_center_id",
            json!("no-such-center"),
            "unknown_organization",
        ),
        (
            "career_center_id",
            json!("mc-110000000"),
            "unknown_organization",
        ),
        ("education_level", json!("phd"), "invalid_value"),
        ("occupation_codes", json!(["9999"]), "unknown_occupation"),
    ];
    for (field, value, expected) in cases {
        let mut form = application(&iin, CENTER);
        form[field] = value;
        let (status, body) = app.post("/api/v1/registrations", Some(&token), form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        assert_eq!(code(&body), expected, "{field}");
    }
    // Several codes are read at once and the first unknown is named: a group of the classifier
    // is not an occupation one seeks.
    for (codes, unknown) in [
        (json!(["2411", "9999", "8888"]), "9999"),
        (json!(["24", "2411"]), "24"),
        (json!(["2411", "2411-1x"]), "2411-1x"),
    ] {
        let mut form = application(&iin, CENTER);
        form["occupation_codes"] = codes;
        let (status, body) = app.post("/api/v1/registrations", Some(&token), form).await;
        assert_eq!(
            (status, code(&body), body["occupation_code"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_occupation",
                Some(unknown)
            ),
            "{body}"
        );
    }
    let mut form = application(&iin, CENTER);
    form.as_object_mut().unwrap().remove("iin");
    assert_problem(
        app.post("/api/v1/registrations", Some(&token), form).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    assert_problem(
        app.get("/api/v1/me/registration", Some(&token)).await,
        StatusCode::NOT_FOUND,
        "no_registration",
    );
}

#[tokio::test]
async fn a_cabinet_is_tied_to_one_iin() {
    let app = TestApp::spawn().await;
    let first = iin("871008", 3, 4800);
    let second = iin("871008", 3, 4900);
    app.registry_person(&first, json!({})).await;
    app.registry_person(&second, json!({})).await;
    let (token, _, _) = app.apply_on_portal("mine@example.kz", &first).await;
    app.close_registration(&token, "own_wish").await;
    // The account cannot prove a second IIN, nor apply for one it has not proven.
    assert_problem(
        app.answer_sms_proof(&token, &second).await.1,
        StatusCode::CONFLICT,
        "account_iin_mismatch",
    );
    assert_problem(
        app.apply(&token, &second).await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );

    // Another account that proves the same IIN is told it belongs to another account: it has
    // proven the identity, so nothing is revealed to a stranger.
    let other = app.citizen("other@example.kz").await;
    assert_problem(
        app.answer_sms_proof(&other, &first).await.1,
        StatusCode::CONFLICT,
        "iin_bound_to_other_account",
    );
}

#[tokio::test]
async fn closing_with_got_job_ends_as_employed_and_a_closed_registration_cannot_be_closed_again() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 5000);
    app.registry_person(&iin, json!({})).await;
    let (token, _, _) = app.apply_on_portal("hired@example.kz", &iin).await;
    assert_problem(
        app.close_registration(&token, "  ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let (status, body) = app.close_registration(&token, "got_job").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "employed");
    assert_problem(
        app.close_registration(&token, "got_job").await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let nobody = app.citizen("nobody@example.kz").await;
    assert_problem(
        app.close_registration(&nobody, "moved").await,
        StatusCode::NOT_FOUND,
        "no_registration",
    );
}

#[tokio::test]
async fn a_specialist_registers_at_the_desk_and_a_mismatch_is_refused() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("spec.kokshetau", CENTER).await;
    let ok = iin("871008", 3, 5100);
    app.registry_person(&ok, json!({})).await;
    let mut form = application(&ok, CENTER);
    form["last_name"] = json!("АХМЕТОВ");
    form["birth_date"] = json!("1987-10-08");
    let (status, reg) = app.desk(&specialist, form).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker");
    assert_eq!(reg["channel"], "in_person");
    assert_eq!(
        reg["identity_proof"], "document",
        "214 p.7: the ID document at the desk"
    );

    let wrong = iin("871008", 3, 5200);
    app.registry_person(&wrong, json!({})).await;
    let mut form = application(&wrong, CENTER);
    form["birth_date"] = json!("1987-10-09");
    let (_, reg) = app.desk(&specialist, form).await;
    assert_eq!(reg["status"], "refused");
    assert_eq!(reg["refusal_code"], "false_information");
    assert_eq!(
        reg["refusal_notice"]["legal_basis"],
        "214 p.8; App.1 p.9(1)"
    );
}

#[tokio::test]
async fn only_a_specialist_of_that_center_registers_at_its_desk() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("spec.kokshetau", CENTER).await;
    let citizen = app.citizen("self@example.kz").await;
    let iin = iin("871008", 3, 5300);
    app.registry_person(&iin, json!({})).await;
    assert_problem(
        app.desk(&citizen, application(&iin, CENTER)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_problem(
        app.desk(&specialist, application(&iin, OTHER_CENTER)).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    assert_problem(
        app.post(
            "/api/v1/career-center/registrations",
            None,
            application(&iin, CENTER),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

#[tokio::test]
async fn the_assistant_forwards_and_the_center_registers_within_a_working_day() {
    let app = TestApp::spawn().await;
    let assistant = app.assistant().await;
    let burabay = app.specialist("spec.burabay", OTHER_CENTER).await;
    let kokshetau = app.specialist("spec.kokshetau", CENTER).await;
    let iin = iin("871008", 3, 5400);
    let (status, reg) = app.forward_rural(&assistant, &iin).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "pending_review");
    assert_eq!(reg["career_center_id"], OTHER_CENTER);
    let id = reg["id"].as_str().unwrap();

    let (_, queue) = app
        .get(
            "/api/v1/career-center/registrations?status=pending_review",
            Some(&burabay),
        )
        .await;
    let item = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .expect("in the center's queue");
    assert_eq!(item["overdue"], false);
    assert_eq!(item["due_at"], "2026-03-18T19:00:00Z");

    assert_problem(
        app.post(
            &format!("/api/v1/registrations/{id}/review"),
            Some(&kokshetau),
            json!({ "accept": true }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );

    // Two days later the item is overdue in the queue (tokens last 12 hours: sign in again).
    app.set_clock("2026-03-19T10:00:00+05:00").await;
    let burabay = app.login("spec.burabay", "staff-pass-1").await;
    let (_, queue) = app
        .get("/api/v1/career-center/registrations", Some(&burabay))
        .await;
    assert_eq!(queue[0]["overdue"], true);

    let (status, reg) = app
        .post(
            &format!("/api/v1/registrations/{id}/review"),
            Some(&burabay),
            json!({ "accept": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert_eq!(reg["status"], "job_seeker");
    assert_eq!(
        reg["category_factors"]["factors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "rural_residence")
            .count(),
        1
    );
    assert_problem(
        app.post(
            &format!("/api/v1/registrations/{id}/review"),
            Some(&burabay),
            json!({ "accept": true }),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );

    // The rural resident is also told through the assistant (214 p.20).
    let (_, outbox) = app
        .get("/api/v1/dev/outbox?channel=assistant", Some(&app.admin))
        .await;
    let kinds: Vec<&str> = strings(&outbox, "kind");
    assert!(
        kinds.contains(&"forwarded_to_career_center") && kinds.contains(&"job_seeker_registered"),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn the_center_may_refuse_a_forwarded_application_with_a_ground() {
    let app = TestApp::spawn().await;
    let assistant = app.assistant().await;
    let burabay = app.specialist("spec.burabay", OTHER_CENTER).await;
    let iin = iin("871008", 3, 5500);
    app.registry_person(&iin, json!({})).await;
    let (_, reg) = app
        .forward(&assistant, application(&iin, OTHER_CENTER))
        .await;
    let id = reg["id"].as_str().unwrap();
    let path = format!("/api/v1/registrations/{id}/review");
    assert_problem(
        app.post(&path, Some(&burabay), json!({ "accept": false }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let (status, reg) = app
        .post(
            &path,
            Some(&burabay),
            json!({ "accept": false, "refusal_code": "false_information" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert_eq!(reg["status"], "refused");
    assert_eq!(reg["refusal_code"], "false_information");
}

#[tokio::test]
async fn an_egov_application_arrives_through_the_gateway_account_only() {
    let app = TestApp::spawn().await;
    app.staff("egov.gateway", "egov_gateway", None).await;
    let citizen = app.citizen("egov@example.kz").await;
    let iin = iin("871008", 3, 5600);
    app.registry_person(&iin, json!({})).await;
    assert_problem(
        app.post(
            "/api/v1/egov/registrations",
            Some(&citizen),
            application(&iin, CENTER),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    app.set_clock("2026-03-21T12:00:00+05:00").await; // Saturday of Nauryz
    let gateway = app.login("egov.gateway", "staff-pass-1").await;
    let (status, reg) = app
        .post(
            "/api/v1/egov/registrations",
            Some(&gateway),
            application(&iin, CENTER),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["channel"], "egov");
    assert_eq!(reg["identity_proof"], "egov", "egov carries its own proof");
    assert_eq!(reg["status"], "job_seeker");
    assert_eq!(reg["job_seeker_since"], "2026-03-26");
}

#[tokio::test]
async fn a_silent_registry_delays_the_decision_and_never_refuses() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 5700);
    app.registry_person(&iin, json!({})).await;
    let token = app.citizen("wait@example.kz").await;
    app.prove(&token, &iin).await;
    app.registry_answering(false).await;
    let (status, reg) = app.apply(&token, &iin).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(reg["status"], "verifying");
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert_eq!(notes[0]["kind"], "application_received");

    // Still silent: the retry fails and the application waits.
    app.run_due_jobs().await;
    let (_, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(mine["status"], "verifying");

    app.registry_answering(true).await;
    app.set_clock("2026-03-17T10:05:00+05:00").await;
    app.run_due_jobs().await;
    let (_, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(mine["status"], "job_seeker");
    assert_eq!(mine["job_seeker_since"], "2026-03-17");
}

#[tokio::test]
async fn staff_see_cards_only_in_their_scope_and_every_read_is_audited() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 5800);
    app.registry_person(&iin, json!({})).await;
    let (_, _, reg) = app.apply_on_portal("scoped@example.kz", &iin).await;
    let person = reg["person_id"].as_str().unwrap();
    let own = app.specialist("spec.kokshetau", CENTER).await;
    let other = app.specialist("spec.burabay", OTHER_CENTER).await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let astana = app.officer("officer.astana", "mc-710000000").await;
    let citizen = app.citizen("curious@example.kz").await;
    let path = format!("/api/v1/persons/{person}/card");
    assert_eq!(app.get(&path, Some(&own)).await.0, StatusCode::OK);
    assert_eq!(app.get(&path, Some(&officer)).await.0, StatusCode::OK);
    assert_problem(
        app.get(&path, Some(&other)).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    assert_eq!(app.get(&path, Some(&astana)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&path, Some(&citizen)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, card) = app
        .get(&format!("/api/v1/persons?iin={iin}"), Some(&own))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(card["person"]["id"], person);

    let (reads, audit) = app.person_reads(person).await;
    assert_eq!(reads, 3, "two card reads by id and one by IIN: {audit}");
}

#[tokio::test]
async fn monitoring_counts_results_within_and_beyond_the_term() {
    let app = TestApp::spawn().await;
    let assistant = app.assistant().await;
    app.specialist("spec.burabay", OTHER_CENTER).await;
    app.staff("ministry", "ministry_officer", None).await;
    let on_time = iin("871008", 3, 5900);
    let late = iin("871008", 3, 6000);
    app.registry_person(&on_time, json!({})).await;
    app.registry_person(&late, json!({})).await;
    let (_, a) = app
        .forward(&assistant, application(&on_time, OTHER_CENTER))
        .await;
    let (_, b) = app
        .forward(&assistant, application(&late, OTHER_CENTER))
        .await;
    // Due at the end of Wednesday 18 March: one reviewed on the last minute, one the next morning.
    app.set_clock("2026-03-18T23:59:00+05:00").await;
    let burabay = app.login("spec.burabay", "staff-pass-1").await;
    app.post(
        &format!("/api/v1/registrations/{}/review", a["id"].as_str().unwrap()),
        Some(&burabay),
        json!({ "accept": true }),
    )
    .await;
    app.set_clock("2026-03-19T09:00:00+05:00").await;
    let burabay = app.login("spec.burabay", "staff-pass-1").await;
    let ministry = app.login("ministry", "staff-pass-1").await;
    app.post(
        &format!("/api/v1/registrations/{}/review", b["id"].as_str().unwrap()),
        Some(&burabay),
        json!({ "accept": true }),
    )
    .await;

    let (status, summary) = app
        .monitoring_of_17_march(&ministry, "job_seeker_registration")
        .await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["received"], 2);
    assert_eq!(summary["result_issued"], 2);
    assert_eq!(summary["within_term"], 1);
    assert_eq!(summary["late"], 1);
    let (status, stages) = app
        .get(
            &format!("/api/v1/registrations/{}", b["id"].as_str().unwrap()),
            Some(&burabay),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = strings(&stages["stages"], "stage");
    assert_eq!(names, vec!["received", "result_issued"]);
    let (status, _) = app
        .monitoring_of_17_march(&burabay, "job_seeker_registration")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
