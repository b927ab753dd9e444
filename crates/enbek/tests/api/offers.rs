//! Offers of suitable work and the answers that move a registration (214 p.38, p.51(2),
//! p.71–72).

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const PASSWORD: &str = "secret123";

fn vacancy(title: &str, regime: &str) -> Value {
    json!({
        "title": title, "occupation_code": "2411", "positions": 1, "salary_from": 250000,
        "salary_to": 320000, "work_regime": regime, "employment_type": "permanent",
        "region_code": "110000000", "district_code": "111000000", "locality_code": "111010000"
    })
}

/// An employer with `n` suitable vacancies and one shift-work vacancy (last); their ids.
async fn vacancies(app: &TestApp, n: usize) -> Vec<String> {
    let hr = app.citizen("hr@example.kz").await;
    app.post(
        "/api/v1/employers",
        Some(&hr),
        json!({ "bin": bin("1503", 125), "name": "ТОО «Есеп»", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000" }),
    )
    .await;
    let mut ids = Vec::new();
    for i in 0..=n {
        let regime = if i == n { "shift" } else { "full_time" };
        let (status, v) = app
            .post(
                "/api/v1/vacancies",
                Some(&hr),
                vacancy(&format!("Бухгалтер {i}"), regime),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    ids
}

/// A job seeker registered on Tuesday 17 March with a resume for full-time accounting work.
async fn job_seeker(app: &TestApp, login: &str, serial: u32) -> String {
    let person = iin("880412", 3, serial);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen(login).await;
    let (_, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&person, "cc-kokshetau"),
        )
        .await;
    let resume = json!({ "occupation_codes": ["2411"], "experience_years": 3, "desired_salary": 200000,
        "work_regime": "full_time", "locality_code": "111010000" });
    let (status, _) = app
        .call(Method::PUT, "/api/v1/me/resume", Some(&token), Some(resume))
        .await;
    assert_eq!(status, StatusCode::OK);
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

/// The person's offer of a vacancy, made by the platform's selection (p.36, p.69).
async fn my_offer(app: &TestApp, login: &str, vacancy: &str) -> Value {
    let token = app.login(login, PASSWORD).await;
    let (_, list) = app.get("/api/v1/me/offers", Some(&token)).await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o["vacancy_id"] == vacancy)
        .cloned()
        .unwrap_or_else(|| panic!("no offer of {vacancy} in {list}"))
}

async fn answer(app: &TestApp, login: &str, offer: &Value, accept: bool) -> (StatusCode, Value) {
    let token = app.login(login, PASSWORD).await;
    app.post(
        &format!("/api/v1/offers/{}/answer", offer["id"].as_str().unwrap()),
        Some(&token),
        json!({ "accept": accept }),
    )
    .await
}

async fn registration(app: &TestApp, login: &str) -> Value {
    let token = app.login(login, PASSWORD).await;
    app.get("/api/v1/me/registration", Some(&token)).await.1
}

#[tokio::test]
async fn a_job_seeker_who_refuses_an_offer_is_registered_as_unemployed_at_once() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "aidar@example.kz", 100).await;
    // The platform's selection offered the vacancy as soon as the resume was in (p.36).
    let made = my_offer(&app, "aidar@example.kz", &ids[0]).await;
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

    let (status, answered) = answer(&app, "aidar@example.kz", &made, false).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "refused");
    assert_eq!(answered["answered_late"], false);
    let reg = registration(&app, "aidar@example.kz").await;
    assert_eq!(reg["status"], "unemployed");
    assert_eq!(reg["unemployed_since"], "2026-03-17");
    let (status, body) = answer(&app, "aidar@example.kz", &made, true).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "invalid_state")
    );
}

#[tokio::test]
async fn an_accepted_offer_awaiting_the_employer_holds_registration_as_unemployed() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "dana@example.kz", 200).await;
    let made = my_offer(&app, "dana@example.kz", &ids[0]).await;
    // Answered a minute late: recorded as late, and still an answer.
    app.set_clock("2026-03-19T00:01:00+05:00").await;
    let (_, answered) = answer(&app, "dana@example.kz", &made, true).await;
    assert_eq!(answered["status"], "accepted");
    assert_eq!(answered["answered_late"], true);
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(
        registration(&app, "dana@example.kz").await["status"],
        "job_seeker"
    );
}

#[tokio::test]
async fn an_unemployed_persons_third_refusal_ends_the_registration_with_a_bar() {
    let app = TestApp::spawn().await;
    job_seeker(&app, "aset@example.kz", 300).await;
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(
        registration(&app, "aset@example.kz").await["status"],
        "unemployed"
    );
    // Posted now, each vacancy is offered to the suitable unemployed person (p.69).
    let ids = vacancies(&app, 3).await;
    for (i, vacancy) in ids[..3].iter().enumerate() {
        let made = my_offer(&app, "aset@example.kz", vacancy).await;
        if i == 0 {
            // Three working days for the unemployed: Thursday 26, Friday 27, Monday 30 March.
            assert_eq!(made["answer_due"], "2026-03-30T19:00:00Z");
        }
        answer(&app, "aset@example.kz", &made, false).await;
        let status = &registration(&app, "aset@example.kz").await["status"];
        assert_eq!(
            status,
            if i < 2 { "unemployed" } else { "deregistered" },
            "after {} refusals",
            i + 1
        );
    }
    let reg = registration(&app, "aset@example.kz").await;
    assert_eq!(reg["deregistration_code"], "refused_three_offers");
    assert_eq!(reg["barred_until"], "2026-04-19");
}

#[tokio::test]
async fn an_offer_is_suitable_work_from_the_persons_center_and_answered_by_the_person_only() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    let reg = job_seeker(&app, "aliya@example.kz", 400).await;
    let spec = app
        .staff("spec.k", "career_center_specialist", Some("cc-kokshetau"))
        .await;
    let other = app
        .staff("spec.b", "career_center_specialist", Some("cc-burabay"))
        .await;
    let (status, body) = offer(&app, &spec, &ids[1], &reg).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "not_suitable"),
        "shift work"
    );
    let (status, body) = offer(&app, &other, &ids[0], &reg).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "out_of_scope")
    );
    // The selection already offered it: one open offer per vacancy and person.
    let made = my_offer(&app, "aliya@example.kz", &ids[0]).await;
    let (status, body) = offer(&app, &spec, &ids[0], &reg).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "offer_exists")
    );
    let (status, _) = offer(&app, &spec, "no-such-vacancy", &reg).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = offer(&app, &spec, &ids[0], "no-such-registration").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    app.citizen("stranger@example.kz").await;
    let (status, _) = answer(&app, "stranger@example.kz", &made, false).await;
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
    answer(&app, "aliya@example.kz", &made, false).await;
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
    let made = my_offer(&app, "hired@example.kz", &ids[0]).await;
    assert!(candidates(&app, &ids[0]).await.is_empty(), "no consent yet");
    answer(&app, "hired@example.kz", &made, true).await;
    let list = candidates(&app, &ids[0]).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["first_name"], "Ерлан");
    assert_eq!(list[0]["phone"], "+77011234567");
    assert_eq!(list[0]["resume"]["occupation_codes"], json!(["2411"]));
    // Five working days: 18, 19, 20, 26 and 27 March.
    assert_eq!(list[0]["decision_due"], "2026-03-27T19:00:00Z");

    let rival = app.citizen("rival@example.kz").await;
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
    let (status, body) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "maybe").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value")
    );

    let (status, decided) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "hired").await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["status"], "hired");
    let reg = registration(&app, "hired@example.kz").await;
    assert_eq!(reg["status"], "employed");
    // Its only position filled, the vacancy leaves the search (p.76).
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
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(
        registration(&app, "hired@example.kz").await["status"],
        "employed"
    );
}

#[tokio::test]
async fn an_employers_silence_for_five_working_days_is_a_refusal() {
    let app = TestApp::spawn().await;
    let ids = vacancies(&app, 1).await;
    job_seeker(&app, "waiting@example.kz", 600).await;
    let made = my_offer(&app, "waiting@example.kz", &ids[0]).await;
    answer(&app, "waiting@example.kz", &made, true).await;
    app.set_clock("2026-03-27T23:59:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(candidates(&app, &ids[0]).await[0]["status"], "accepted");
    assert_eq!(
        registration(&app, "waiting@example.kz").await["status"],
        "job_seeker"
    );
    app.set_clock("2026-03-28T00:00:00+05:00").await;
    app.run_due_jobs().await;
    let list = candidates(&app, &ids[0]).await;
    assert_eq!(list[0]["status"], "rejected");
    assert_eq!(list[0]["decided_by_silence"], true);
    // The selection period ended long ago: the job seeker is decided on the refusal's day.
    let reg = registration(&app, "waiting@example.kz").await;
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
    let made = my_offer(&app, "early@example.kz", &ids[0]).await;
    answer(&app, "early@example.kz", &made, true).await;
    let (status, _) = decide(&app, &ids[0], made["id"].as_str().unwrap(), "rejected").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        registration(&app, "early@example.kz").await["status"],
        "job_seeker"
    );
    app.set_clock("2026-03-20T00:00:00+05:00").await;
    app.run_due_jobs().await;
    let reg = registration(&app, "early@example.kz").await;
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
    let made = my_offer(&app, "talk@example.kz", &ids[0]).await;
    answer(&app, "talk@example.kz", &made, true).await;
    let candidate = made["id"].as_str().unwrap();
    let path = format!(
        "/api/v1/vacancies/{}/candidates/{candidate}/interview",
        ids[0]
    );
    let hr = employer_token(&app).await;
    let (status, body) = app
        .post(
            &path,
            Some(&hr),
            json!({ "at": "2026-03-20T09:00:00+05:00", "place": "Абай к-сі, 1" }),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_date")
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
    // Unemployed: come within 3 working days of the notice (26, 27 and 30 March).
    assert_eq!(arranged["attend_by"], "2026-03-30T19:00:00Z");
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
