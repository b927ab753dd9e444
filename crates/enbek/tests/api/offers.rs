//! Offers of suitable work and the answers that move a registration (214 p.38, 214 p.51(2),
//! 214 p.71–72).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

/// An employer with `n` suitable vacancies and one shift-work vacancy (last); their ids.
async fn vacancies(app: &TestApp, n: usize) -> Vec<String> {
    vacancies_of(app, n, None).await
}

/// As `vacancies`, the employer with a contact e-mail address when given.
async fn vacancies_of(app: &TestApp, n: usize, email: Option<&str>) -> Vec<String> {
    let hr = app
        .employer("hr@example.kz", with(esep(125), json!({ "email": email })))
        .await;
    let mut ids = Vec::new();
    for i in 0..=n {
        let regime = if i == n { "shift" } else { "full_time" };
        let (status, v) = app
            .post_vacancy(&hr, accounting_vacancy(&format!("Бухгалтер {i}"), regime))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    ids
}

/// A job seeker registered on Tuesday 17 March with a resume for full-time accounting work.
async fn job_seeker(app: &TestApp, login: &str, serial: u32) -> String {
    let (_, reg) = app
        .job_seeker_with_resume(login, &iin("880412", 3, serial), json!({}))
        .await;
    reg["id"].as_str().unwrap().to_string()
}

async fn offer(
    app: &TestApp,
    spec: &str,
    vacancy: &str,
    registration: &str,
) -> (StatusCode, Value) {
    app.post(
        "/api/v1/offers",
        Some(spec),
        json!({ "vacancy_id": vacancy, "registration_id": registration }),
    )
    .await
}

/// 214 p.36: a new job seeker's selection is made with the registration when the resume came
/// first, and with the resume when it comes after; before either there is nothing to offer.
#[tokio::test]
async fn a_new_job_seeker_is_offered_work_at_once_whether_the_resume_came_first_or_after() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;

    // The resume first: no offers until the registration, which selects at once.
    let first = iin("880412", 3, 101);
    app.registry_person(&first, json!({})).await;
    let token = app.citizen("first@example.kz").await;
    app.prove(&token, &first).await;
    app.put_accounting_resume(&token).await;
    let (_, none_yet) = app.get("/api/v1/me/offers", Some(&token)).await;
    assert_eq!(none_yet, json!([]));
    let (status, reg) = app.apply(&token, &first).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker", "{reg}");
    let made = app.offer_of("first@example.kz", &ids[0]).await;
    assert_eq!(made["registration_id"], reg["id"]);

    // The registration first, without a resume: nothing to select by until it is put in.
    let (token, reg) = app
        .job_seeker(
            "after@example.kz",
            &iin("880412", 3, 102),
            json!({}),
            json!({}),
        )
        .await;
    let (_, none_yet) = app.get("/api/v1/me/offers", Some(&token)).await;
    assert_eq!(none_yet, json!([]));
    app.put_accounting_resume(&token).await;
    let made = app.offer_of("after@example.kz", &ids[0]).await;
    assert_eq!(made["registration_id"], reg["id"]);
}

#[tokio::test]
async fn a_job_seeker_who_refuses_an_offer_is_registered_as_unemployed_at_once() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "aidar@example.kz", 100).await;
    // The platform's selection offered the vacancy as soon as the resume was in (214 p.36).
    let made = app.offer_of("aidar@example.kz", &ids[0]).await;
    // One working day for a job seeker: the end of Wednesday 18 March.
    assert_eq!(made["answer_due"], "2026-03-18T19:00:00Z");
    let token = app.login("aidar@example.kz", PASSWORD).await;
    let (_, mine) = app.get("/api/v1/me/offers", Some(&token)).await;
    assert_eq!(mine[0]["vacancy_id"], ids[0].as_str());
    assert_eq!(mine[0]["answer_due"], "2026-03-18T19:00:00Z");
    assert_eq!(mine[0]["vacancy"]["title"], "Бухгалтер 0");
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(notices
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "offer_made"));

    let (status, answered) = app.answer_offer("aidar@example.kz", &made, false).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "refused");
    assert_eq!(answered["answered_late"], false);
    let reg = app.my_registration("aidar@example.kz").await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-17");
    assert_problem(
        app.answer_offer("aidar@example.kz", &made, true).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
}

#[tokio::test]
async fn an_accepted_offer_awaiting_the_employer_holds_registration_as_unemployed() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "dana@example.kz", 200).await;
    let made = app.offer_of("dana@example.kz", &ids[0]).await;
    // Answered a minute late: recorded as late, and still an answer.
    app.set_clock("2026-03-19T00:01:00+05:00").await;
    let (_, answered) = app.answer_offer("dana@example.kz", &made, true).await;
    assert_eq!(answered["status"], "accepted");
    assert_eq!(answered["answered_late"], true);
    assert_eq!(
        app.registration_at("2026-03-20T10:00:00+05:00", "dana@example.kz")
            .await["status"],
        "job_seeker"
    );
}

#[tokio::test]
async fn an_unemployed_persons_third_refusal_ends_the_registration_with_a_bar() {
    let app = TestApp::spawn().await;
    job_seeker(&app, "aset@example.kz", 300).await;
    assert_eq!(
        app.registration_at("2026-03-20T10:00:00+05:00", "aset@example.kz")
            .await["status"],
        "unemployed"
    );
    // Posted now, each vacancy is offered to the suitable unemployed person (214 p.69).
    let ids = vacancies(&app, 3).await;
    for (i, vacancy) in ids[..3].iter().enumerate() {
        let made = app.offer_of("aset@example.kz", vacancy).await;
        if i == 0 {
            // Three working days for the unemployed: Thursday 26, Friday 27, Monday 30 March.
            assert_eq!(made["answer_due"], "2026-03-30T19:00:00Z");
        }
        app.answer_offer("aset@example.kz", &made, false).await;
        let status = &app.my_registration("aset@example.kz").await["status"];
        assert_eq!(
            status,
            if i < 2 { "unemployed" } else { "deregistered" },
            "after {} refusals",
            i + 1
        );
    }
    let reg = app.my_registration("aset@example.kz").await;
    assert_eq!(reg["deregistration_code"], "refused_three_offers");
    assert_eq!(reg["barred_until"], "2026-04-19");
}

#[tokio::test]
async fn an_offer_is_suitable_work_from_the_persons_center_and_answered_by_the_person_only() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    let reg = job_seeker(&app, "aliya@example.kz", 400).await;
    let spec = app.specialist("spec.k", "cc-kokshetau").await;
    let other = app.specialist("spec.b", "cc-burabay").await;
    let (status, body) = offer(&app, &spec, &ids[1], &reg).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "not_suitable"),
        "shift work"
    );
    assert_problem(
        offer(&app, &other, &ids[0], &reg).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    // The selection already offered it: one open offer per vacancy and person.
    let made = app.offer_of("aliya@example.kz", &ids[0]).await;
    assert_problem(
        offer(&app, &spec, &ids[0], &reg).await,
        StatusCode::CONFLICT,
        "offer_exists",
    );
    let (status, _) = offer(&app, &spec, "no-such-vacancy", &reg).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = offer(&app, &spec, &ids[0], "no-such-registration").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    app.citizen("stranger@example.kz").await;
    let (status, _) = app.answer_offer("stranger@example.kz", &made, false).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .post(
            &format!("/api/v1/offers/{}/answer", made["id"].as_str().unwrap()),
            Some(&spec),
            json!({ "accept": true }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Refused, it may be offered again by the specialist: now to an unemployed person.
    app.answer_offer("aliya@example.kz", &made, false).await;
    let (status, again) = offer(&app, &spec, &ids[0], &reg).await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again["status"], "pending");
}

async fn employer_token(app: &TestApp) -> String {
    app.login("hr@example.kz", PASSWORD).await
}

async fn candidates(app: &TestApp, vacancy: &str) -> Vec<Value> {
    let hr = employer_token(app).await;
    let (status, list) = app
        .get(
            &format!("/api/v1/vacancies/{vacancy}/candidates"),
            Some(&hr),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

async fn decide(
    app: &TestApp,
    vacancy: &str,
    candidate: &str,
    decision: &str,
) -> (StatusCode, Value) {
    let hr = employer_token(app).await;
    app.post(
        &format!("/api/v1/vacancies/{vacancy}/candidates/{candidate}/decision"),
        Some(&hr),
        json!({ "decision": decision }),
    )
    .await
}

#[tokio::test]
async fn on_consent_the_employer_sees_the_candidate_and_a_hire_ends_the_registration() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "hired@example.kz", 500).await;
    let made = app.offer_of("hired@example.kz", &ids[0]).await;
    assert!(candidates(&app, &ids[0]).await.is_empty(), "no consent yet");
    app.answer_offer("hired@example.kz", &made, true).await;
    let list = candidates(&app, &ids[0]).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["first_name"], "Ерлан");
    assert_eq!(list[0]["phone"], "+77011234567");
    assert_eq!(list[0]["resume"]["occupation_codes"], json!(["2411"]));
    // Five working days: 18, 19, 20, 26 and 27 March.
    assert_eq!(list[0]["decision_due"], "2026-03-27T19:00:00Z");

    let rival = app.citizen("rival@example.kz").await;
    app.head_of(&rival, &bin("1503", 900)).await;
    app.post(
        "/api/v1/employers",
        Some(&rival),
        json!({ "bin": bin("1503", 900), "name": "ТОО «Басқа»", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000" }),
    )
    .await;
    let rival = app.login("rival@example.kz", PASSWORD).await;
    let (status, _) = app
        .get(
            &format!("/api/v1/vacancies/{}/candidates", ids[0]),
            Some(&rival),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_problem(
        decide(&app, &ids[0], made["id"].as_str().unwrap(), "maybe").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );

    let (status, decided) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "hired").await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["status"], "hired");
    let reg = app.my_registration("hired@example.kz").await;
    assert_eq!(reg["status"], "employed");
    // Its only position filled, the vacancy leaves the search (214 p.76).
    let (_, vacancy) = app
        .get(&format!("/api/v1/vacancies/{}", ids[0]), None)
        .await;
    assert_eq!(
        (
            vacancy["status"].as_str(),
            vacancy["positions_open"].as_i64()
        ),
        (Some("filled"), Some(0))
    );
    let (_, found) = app
        .get("/api/v1/vacancies?work_regime=full_time", None)
        .await;
    assert!(found.as_array().unwrap().is_empty());
    let (_, listed) = app.get("/api/v1/open-data/vacancies", None).await;
    assert!(!listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == ids[0].as_str()));
    let (status, _) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "rejected").await;
    assert_eq!(status, StatusCode::CONFLICT);
    // After the selection period nothing registers the hired person as unemployed.
    assert_eq!(
        app.registration_at("2026-03-20T10:00:00+05:00", "hired@example.kz")
            .await["status"],
        "employed"
    );
}

#[tokio::test]
async fn an_employers_silence_for_five_working_days_is_a_refusal() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "waiting@example.kz", 600).await;
    let made = app.offer_of("waiting@example.kz", &ids[0]).await;
    app.answer_offer("waiting@example.kz", &made, true).await;
    app.set_clock("2026-03-27T23:59:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(candidates(&app, &ids[0]).await[0]["status"], "accepted");
    assert_eq!(
        app.my_registration("waiting@example.kz").await["status"],
        "job_seeker"
    );
    app.set_clock("2026-03-28T00:00:00+05:00").await;
    app.run_due_jobs().await;
    let list = candidates(&app, &ids[0]).await;
    assert_eq!(list[0]["status"], "rejected");
    assert_eq!(list[0]["decided_by_silence"], true);
    // The selection period ended long ago: the job seeker is decided on the refusal's day.
    let reg = app.my_registration("waiting@example.kz").await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-28");
    let (status, _) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "hired").await;
    assert_eq!(status, StatusCode::CONFLICT, "silence already refused");
}

#[tokio::test]
async fn a_refusal_during_the_selection_period_leaves_the_decision_to_its_end() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "early@example.kz", 700).await;
    let made = app.offer_of("early@example.kz", &ids[0]).await;
    app.answer_offer("early@example.kz", &made, true).await;
    let (status, _) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "rejected").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.my_registration("early@example.kz").await["status"],
        "job_seeker"
    );
    app.set_clock("2026-03-20T00:00:00+05:00").await;
    app.run_due_jobs().await;
    let reg = app.my_registration("early@example.kz").await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-20");
}

#[tokio::test]
async fn the_employer_arranges_an_interview_the_candidate_may_decline() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "talk@example.kz", 800).await;
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    let made = app.offer_of("talk@example.kz", &ids[0]).await;
    app.answer_offer("talk@example.kz", &made, true).await;
    let candidate = made["id"].as_str().unwrap();
    let path = format!(
        "/api/v1/vacancies/{}/candidates/{candidate}/interview",
        ids[0]
    );
    let hr = employer_token(&app).await;
    assert_problem(
        app.post(
            &path,
            Some(&hr),
            json!({ "at": "2026-03-20T09:00:00+05:00", "place": "Абай к-сі, 1" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_date",
    );
    let (status, arranged) = app
        .post(
            &path,
            Some(&hr),
            json!({ "at": "2026-03-26T11:00:00+05:00", "place": "Абай к-сі, 1" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{arranged}");
    assert_eq!(arranged["interview_at"], "2026-03-26T06:00:00Z");
    // Unemployed: come within 5 working days of the notice (214 p.51(3)): 26, 27, 30, 31 March
    // and 1 April.
    assert_eq!(arranged["attend_by"], "2026-04-01T19:00:00Z");
    let token = app.login("talk@example.kz", PASSWORD).await;
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    let invitation = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "interview_invited" && n["channel"] == "cabinet")
        .expect("an invitation");
    assert!(invitation["text"]
        .as_str()
        .unwrap()
        .contains("2026-03-26 11:00"));

    let decline = format!("/api/v1/offers/{candidate}/interview/decline");
    let (status, declined) = app.post(&decline, Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert!(declined["interview_declined_at"].is_string());
    let (status, _) = app.post(&decline, Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(candidates(&app, &ids[0]).await[0]["interview_declined_at"].is_string());
    let stranger = app.citizen("stranger@example.kz").await;
    let (status, _) = app.post(&decline, Some(&stranger), json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The employer-side notices of `kind` the account sees: (channel, text).
async fn employer_notices(app: &TestApp, login: &str, kind: &str) -> Vec<(String, String)> {
    let token = app.login(login, PASSWORD).await;
    let (status, list) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .map(|n| {
            (
                n["channel"].as_str().unwrap().to_string(),
                n["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_employer_and_its_colleagues_are_told_of_a_referred_candidate_without_personal_data() {
    let app = TestApp::spawn().await;
    let ids = vacancies_of(&app, 1, Some("hr@esep.kz")).await;
    app.citizen("colleague@example.kz").await;
    let hr = employer_token(&app).await;
    let (status, invitation) = app
        .post(
            "/api/v1/employers/me/members",
            Some(&hr),
            json!({ "login": "colleague@example.kz" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let colleague = app.login("colleague@example.kz", "secret123").await;
    let accept = format!(
        "/api/v1/me/employer-invitations/{}/accept",
        invitation["id"].as_str().unwrap()
    );
    let (status, _) = app.post(&accept, Some(&colleague), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    job_seeker(&app, "told@example.kz", 800).await;
    let made = app.offer_of("told@example.kz", &ids[0]).await;
    assert!(
        employer_notices(&app, "hr@example.kz", "candidate_referred")
            .await
            .is_empty()
    );
    app.answer_offer("told@example.kz", &made, true).await;

    let owner = employer_notices(&app, "hr@example.kz", "candidate_referred").await;
    let mut channels: Vec<_> = owner.iter().map(|(c, _)| c.as_str()).collect();
    channels.sort_unstable();
    assert_eq!(channels, ["cabinet", "email"], "{owner:?}");
    let colleague = employer_notices(&app, "colleague@example.kz", "candidate_referred").await;
    assert_eq!(colleague.len(), 1, "the cabinet only: {colleague:?}");
    let text = &owner[0].1;
    // The vacancy, the last day to decide (Friday 27 March) and the candidate's number.
    assert!(
        text.contains("Бухгалтер 0") && text.contains("2026-03-27"),
        "{text}"
    );
    assert!(text.contains(made["id"].as_str().unwrap()), "{text}");
    let person = iin("880412", 3, 800);
    assert!(!text.contains("Ерлан") && !text.contains(&person), "{text}");
}

#[tokio::test]
async fn the_employer_is_reminded_the_working_day_before_the_last_day_unless_it_decided() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "undecided@example.kz", 810).await;
    job_seeker(&app, "decided@example.kz", 820).await;
    let undecided = app.offer_of("undecided@example.kz", &ids[0]).await;
    let decided = app.offer_of("decided@example.kz", &ids[0]).await;
    app.answer_offer("undecided@example.kz", &undecided, true)
        .await;
    app.answer_offer("decided@example.kz", &decided, true).await;
    let (status, _) = decide(&app, &ids[0], decided["id"].as_str().unwrap(), "rejected").await;
    assert_eq!(status, StatusCode::OK);

    // Five working days end with Friday 27 March: the reminder goes at 9:00 on Thursday 26th.
    app.set_clock("2026-03-26T08:59:00+05:00").await;
    app.run_due_jobs().await;
    assert!(employer_notices(&app, "hr@example.kz", "decision_reminder")
        .await
        .is_empty());
    app.set_clock("2026-03-26T09:00:00+05:00").await;
    app.run_due_jobs().await;
    let reminders = employer_notices(&app, "hr@example.kz", "decision_reminder").await;
    assert_eq!(
        reminders.len(),
        1,
        "the decided candidate has none: {reminders:?}"
    );
    let text = &reminders[0].1;
    assert!(text.contains(undecided["id"].as_str().unwrap()) && text.contains("2026-03-27"));
    // Once only.
    app.set_clock("2026-03-26T12:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(
        employer_notices(&app, "hr@example.kz", "decision_reminder")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn a_candidate_decided_before_the_reminder_brings_no_reminder() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "quick@example.kz", 830).await;
    let made = app.offer_of("quick@example.kz", &ids[0]).await;
    app.answer_offer("quick@example.kz", &made, true).await;
    app.set_clock("2026-03-25T12:00:00+05:00").await;
    let (status, _) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "hired").await;
    assert_eq!(status, StatusCode::OK);
    app.set_clock("2026-03-26T09:00:00+05:00").await;
    app.run_due_jobs().await;
    assert!(employer_notices(&app, "hr@example.kz", "decision_reminder")
        .await
        .is_empty());
}

/// The offers of a vacancy a person holds, whatever their state.
async fn offers_of(app: &TestApp, login: &str, vacancy: &str) -> Vec<Value> {
    let token = app.login(login, PASSWORD).await;
    let (_, list) = app.get("/api/v1/me/offers", Some(&token)).await;
    list.as_array()
        .unwrap()
        .iter()
        .filter(|o| o["vacancy_id"] == vacancy)
        .cloned()
        .collect()
}

#[tokio::test]
async fn the_nightly_re_match_passes_a_refused_vacancy_to_the_next_best_person() {
    let app = TestApp::spawn().await;
    let logins = [
        "p1@example.kz",
        "p2@example.kz",
        "p3@example.kz",
        "p4@example.kz",
    ];
    for (n, login) in logins.iter().enumerate() {
        job_seeker(&app, login, 200 + n as u32).await;
    }
    // Their own selections (214 p.36) are done before the vacancy comes.
    app.run_due_jobs().await;
    // One position: three offers stand for it (214 p.69), one of the four suitable people waits.
    let vacancy = vacancies(&app, 1).await[0].clone();
    app.run_due_jobs().await;
    let mut offered = Vec::new();
    let mut waiting = Vec::new();
    for login in logins {
        if offers_of(&app, login, &vacancy).await.is_empty() {
            waiting.push(login);
        } else {
            offered.push(login);
        }
    }
    assert_eq!((offered.len(), waiting.len()), (3, 1));
    let refuser = offered[0];
    let refused = app.offer_of(refuser, &vacancy).await;
    app.answer_offer(refuser, &refused, false).await;

    // Until the night nobody else is offered it.
    app.set_clock("2026-03-18T02:59:00+05:00").await;
    app.run_due_jobs().await;
    assert!(offers_of(&app, waiting[0], &vacancy).await.is_empty());

    // At 03:00 the re-match passes it on; the refuser is not offered it again.
    app.set_clock("2026-03-18T03:00:00+05:00").await;
    app.run_due_jobs().await;
    let passed_on = offers_of(&app, waiting[0], &vacancy).await;
    assert_eq!(passed_on.len(), 1);
    assert_eq!(passed_on[0]["status"], "pending");
    let again = offers_of(&app, refuser, &vacancy).await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["status"], "refused");
    for login in &offered[1..] {
        assert_eq!(offers_of(&app, login, &vacancy).await.len(), 1);
    }
}

#[tokio::test]
async fn a_registered_person_responds_to_a_vacancy_and_the_employer_sees_them_at_once() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    let (open, shift) = (&ids[0], &ids[1]);
    let respond = |login: &'static str, vacancy: String| {
        let app = &app;
        async move {
            let token = app.login(login, PASSWORD).await;
            app.post(
                &format!("/api/v1/vacancies/{vacancy}/responses"),
                Some(&token),
                json!({}),
            )
            .await
        }
    };

    // Not registered yet: no response, whatever the resume.
    app.citizen("walk-in@example.kz").await;
    assert_problem(
        respond("walk-in@example.kz", open.clone()).await,
        StatusCode::CONFLICT,
        "not_registered",
    );

    job_seeker(&app, "aidar@example.kz", 300).await;
    app.run_due_jobs().await;
    // The person's choice: even the shift work their resume does not ask for.
    let (status, response) = respond("aidar@example.kz", shift.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{response}");
    assert_eq!(response["status"], "accepted");
    assert_problem(
        respond("aidar@example.kz", shift.clone()).await,
        StatusCode::CONFLICT,
        "offer_exists",
    );
    let seen = candidates(&app, shift).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["self_response"], true);
    assert!(
        seen[0]["score"].is_null(),
        "the regime is not the one asked for"
    );
    assert!(seen[0]["phone"].is_string());
    // Five working days to decide from Tuesday 17 March, over the Nauryz days off (21–25
    // March): the end of Friday 27 March.
    assert_eq!(seen[0]["decision_due"], "2026-03-27T19:00:00Z");

    // An offer of the suitable one is answered, and then it carries its reasons.
    let made = app.offer_of("aidar@example.kz", open).await;
    app.answer_offer("aidar@example.kz", &made, true).await;
    let seen = candidates(&app, open).await;
    assert_eq!(seen[0]["self_response"], false);
    assert!(seen[0]["score"].as_u64().unwrap() > 0);
    assert!(seen[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "same_occupation"));

    // A closed vacancy takes no responses; staff do not respond.
    let hr = employer_token(&app).await;
    app.post(
        &format!("/api/v1/vacancies/{open}/close"),
        Some(&hr),
        json!({}),
    )
    .await;
    job_seeker(&app, "bota@example.kz", 301).await;
    assert_problem(
        respond("bota@example.kz", open.clone()).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let spec = app.specialist("spec.k", "cc-kokshetau").await;
    let (status, _) = app
        .post(
            &format!("/api/v1/vacancies/{shift}/responses"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// An interview arranged on Friday 20 March at 10:00 for Thursday 26 March at 11:00; the
/// candidate's offer id.
async fn interview(app: &TestApp, vacancy: &str, login: &str) -> String {
    let made = app.offer_of(login, vacancy).await;
    app.answer_offer(login, &made, true).await;
    let candidate = made["id"].as_str().unwrap().to_string();
    let hr = employer_token(app).await;
    let (status, body) = app
        .arrange_interview(&hr, vacancy, &candidate, "2026-03-26T11:00:00+05:00")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    candidate
}

#[tokio::test]
async fn an_unemployed_persons_no_show_counts_after_five_working_days_and_goes_to_the_center() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    let reg = job_seeker(&app, "absent@example.kz", 810).await;
    assert_eq!(
        app.registration_at("2026-03-20T10:00:00+05:00", "absent@example.kz")
            .await["status"],
        "unemployed"
    );
    let candidate = interview(&app, &ids[0], "absent@example.kz").await;
    // Notified on Friday 20 March; 21–25 March are the Nauryz days off, so the 5 working days
    // of 214 p.51(3) are 26, 27, 30, 31 March and 1 April: until then no no-show, though the
    // interview is over and the 3 working days of 214 p.74 (to 30 March) are too.
    app.set_clock("2026-04-01T23:59:00+05:00").await;
    let hr = employer_token(&app).await;
    let (status, body) = app.no_show(&hr, &ids[0], &candidate).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "no_show_too_early"),
        "{body}"
    );
    app.set_clock("2026-04-02T00:01:00+05:00").await;
    let hr = employer_token(&app).await;
    // Another employer's vacancy is out of scope; a candidate of another vacancy is unknown.
    let rival = app.citizen("rival@example.kz").await;
    app.head_of(&rival, &bin("1503", 901)).await;
    app.post(
        "/api/v1/employers",
        Some(&rival),
        json!({ "bin": bin("1503", 901), "name": "ТОО «Басқа»", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000" }),
    )
    .await;
    let rival = app.login("rival@example.kz", PASSWORD).await;
    let (status, _) = app.no_show(&rival, &ids[0], &candidate).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.no_show(&hr, &ids[1], &candidate).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, recorded) = app.no_show(&hr, &ids[0], &candidate).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert!(recorded["no_show_at"].is_string());
    assert!(candidates(&app, &ids[0]).await[0]["no_show_at"].is_string());
    let (status, _) = app.no_show(&hr, &ids[0], &candidate).await;
    assert_eq!(status, StatusCode::CONFLICT, "recorded once");

    // 214 p.51(3) deregisters a no-show "without good reason": the center weighs it, the
    // registration stands until then, and the person is told.
    assert_eq!(
        app.my_registration("absent@example.kz").await["status"],
        "unemployed"
    );
    let token = app.login("absent@example.kz", PASSWORD).await;
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(notices
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "interview_no_show" && n["channel"] == "cabinet"));
    let spec = app.specialist("spec@kokshetau.kz", "cc-kokshetau").await;
    let queue = app.work_queue(&spec).await;
    let item = queue
        .iter()
        .find(|i| i["kind"] == "no_show")
        .unwrap_or_else(|| panic!("no no_show in {queue:?}"));
    assert_eq!(item["registration_id"], reg.as_str());
    assert_eq!(item["subject_id"], candidate.as_str());
    assert_eq!(item["legal_basis"], "214 p.51(3)");
    // Within 2 working days of learning (214 p.51), counted from the next day: 3 and 6 April.
    assert_eq!(item["due_at"], "2026-04-06T19:00:00Z");

    let (status, done) = app.deregister(&spec, &reg, "no_show").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let reg = app.my_registration("absent@example.kz").await;
    assert_eq!(reg["deregistration_code"], "no_show");
    assert_eq!(reg["barred_until"], "2026-05-02");
    assert!(!app
        .work_queue(&spec)
        .await
        .iter()
        .any(|i| i["kind"] == "no_show"));
}

#[tokio::test]
async fn a_no_show_with_a_good_reason_is_excused_by_the_center() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "ill@example.kz", 820).await;
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    let candidate = interview(&app, &ids[0], "ill@example.kz").await;
    app.set_clock("2026-04-02T10:00:00+05:00").await;
    let hr = employer_token(&app).await;
    let (status, _) = app.no_show(&hr, &ids[0], &candidate).await;
    assert_eq!(status, StatusCode::OK);
    let excuse = format!("/api/v1/offers/{candidate}/no-show/excuse");
    let (status, _) = app.post(&excuse, Some(&hr), json!({})).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "not the employer's to excuse"
    );
    let other = app.specialist("spec@burabay.kz", "cc-burabay").await;
    let (status, _) = app.post(&excuse, Some(&other), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another center");
    let spec = app.specialist("spec@kokshetau.kz", "cc-kokshetau").await;
    let (status, excused) = app.post(&excuse, Some(&spec), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{excused}");
    assert!(excused["no_show_excused_at"].is_string());
    let (status, _) = app.post(&excuse, Some(&spec), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(!app
        .work_queue(&spec)
        .await
        .iter()
        .any(|i| i["kind"] == "no_show"));
    assert_eq!(
        app.my_registration("ill@example.kz").await["status"],
        "unemployed"
    );
}

#[tokio::test]
async fn a_job_seekers_no_show_is_recorded_once_the_interview_is_over() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "seeker@example.kz", 830).await;
    let candidate = interview(&app, &ids[0], "seeker@example.kz").await;
    // The selection period has not ended: a job seeker, with no 3-day duty (214 p.74 is for the
    // unemployed), so the interview's time alone decides.
    app.set_clock("2026-03-26T10:59:00+05:00").await;
    let hr = employer_token(&app).await;
    assert_problem(
        app.no_show(&hr, &ids[0], &candidate).await,
        StatusCode::CONFLICT,
        "no_show_too_early",
    );
    app.set_clock("2026-03-26T11:01:00+05:00").await;
    let hr = employer_token(&app).await;
    let (status, recorded) = app.no_show(&hr, &ids[0], &candidate).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert!(recorded["attend_by"].is_null());
    let token = app.login("seeker@example.kz", PASSWORD).await;
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(!notices
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "interview_no_show"));
}

#[tokio::test]
async fn a_declined_interview_is_no_no_show() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "declines@example.kz", 840).await;
    let hr = employer_token(&app).await;
    let made = app.offer_of("declines@example.kz", &ids[0]).await;
    app.answer_offer("declines@example.kz", &made, true).await;
    let candidate = made["id"].as_str().unwrap();
    let (status, body) = app.no_show(&hr, &ids[0], candidate).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "invalid_state"),
        "no interview"
    );
    let candidate = interview(&app, &ids[0], "declines@example.kz").await;
    let token = app.login("declines@example.kz", PASSWORD).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/offers/{candidate}/interview/decline"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    app.set_clock("2026-04-06T10:00:00+05:00").await;
    let hr = employer_token(&app).await;
    assert_problem(
        app.no_show(&hr, &ids[0], &candidate).await,
        StatusCode::CONFLICT,
        "interview_declined",
    );
}

/// Makes the database refuse new rows of `table` (those matching `when`, a condition on `NEW`),
/// as a server that died would write nothing more; `allow_inserts` lifts it.
async fn refuse_inserts(app: &TestApp, table: &str, when: &str) {
    let pool = &app.running.state.db.pool;
    let statements = if app.db_url().starts_with("postgres") {
        vec![
            "CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the server is gone'; END $$".to_string(),
            format!("CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION refuse_insert()"),
        ]
    } else {
        vec![format!(
            "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'the server is gone'); END"
        )]
    };
    for sql in statements {
        sqlx::query(&sql).execute(pool).await.unwrap();
    }
}

async fn allow_inserts(app: &TestApp, table: &str) {
    let sql = if app.db_url().starts_with("postgres") {
        format!("DROP TRIGGER refuse_{table} ON {table}")
    } else {
        format!("DROP TRIGGER refuse_{table}")
    };
    sqlx::query(&sql)
        .execute(&app.running.state.db.pool)
        .await
        .unwrap();
}

/// 214 p.69: a new vacancy's selection is stored with the vacancy. The server posts it and dies
/// before its selection makes any offer (no offer can be written); a server started again on
/// the same database runs the stored selection, and the suitable people are offered it.
#[tokio::test]
async fn a_vacancys_selection_p69_survives_a_crash_between_posting_and_selection() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let app = TestApp::spawn_on(db, serve_args).await;
    job_seeker(&app, "survivor@example.kz", 800).await;
    app.run_due_jobs().await;
    refuse_inserts(&app, "offers", "1 = 1").await;
    let ids = vacancies(&app, 1).await;
    assert!(offers_of(&app, "survivor@example.kz", &ids[0])
        .await
        .is_empty());
    // The server is gone; nothing after the posting's commit ran.
    app.running.server.abort();
    app.running.worker.abort();
    allow_inserts(&app, "offers").await;

    let again = TestApp::spawn_on(TestDb::shared(&url), serve_args).await;
    again.run_due_jobs().await;
    let made = offers_of(&again, "survivor@example.kz", &ids[0]).await;
    assert_eq!(made.len(), 1, "the stored selection offered the vacancy");
    assert_eq!(made[0]["status"], "pending");
}

/// 214 p.69: a vacancy is never stored without its selection: when the selection cannot be
/// stored, the posting fails whole and no vacancy is left without one.
#[tokio::test]
async fn a_vacancy_p69_is_stored_only_with_its_selection() {
    let app = TestApp::spawn().await;
    refuse_inserts(&app, "jobs", "NEW.kind = 'select_for_vacancy'").await;
    let hr = crate::employers::employer(&app, "hr@example.kz", 125).await;
    let (status, _) = app
        .post_vacancy(&hr, accounting_vacancy("Бухгалтер", "full_time"))
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let stored = sqlx::query("SELECT id FROM vacancies")
        .fetch_all(&app.running.state.db.pool)
        .await
        .unwrap();
    assert!(stored.is_empty(), "no vacancy without its selection");
    allow_inserts(&app, "jobs").await;
    let (status, v) = app
        .post_vacancy(&hr, accounting_vacancy("Бухгалтер", "full_time"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
}
