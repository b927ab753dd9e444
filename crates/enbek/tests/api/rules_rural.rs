//! Rural residents reached through the assistant of their rural district, whichever channel they
//! applied through: offers of suitable work (214 p.71) and interview notices (214 p.73); and the
//! person's answer to an offer recorded by that assistant, which counts as the person's own
//! (214 p.51(2), 214 p.72).

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const PASSWORD: &str = "secret123";
const ZELENY_BOR: &str = "rd-burabay-zeleny-bor";
const KATARKOL: &str = "rd-burabay-katarkol";

/// Where the registry says a person of the Zeleny Bor rural district lives.
fn rural() -> Value {
    json!({ "district_code": "117000000", "locality_code": "117049100" })
}

/// A second rural district of the Burabay career center, Katarkol, imported beside the built-in
/// Zeleny Bor.
async fn katarkol(app: &TestApp) {
    let csv = "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n\
        rd-burabay-katarkol,rural_district,cc-burabay,Қатаркөл ауылдық округі,Катаркольский сельский округ,Katarkol Rural District,110000000,117000000,117057100,true\n";
    let answer = app
        .client
        .post(format!("{}/api/v1/organizations/import", app.base))
        .bearer_auth(&app.admin)
        .header(CONTENT_TYPE, "text/csv")
        .body(csv)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(answer.status(), StatusCode::OK);
}

/// An employer with one open accounting vacancy in Kokshetau; its id.
async fn vacancy(app: &TestApp) -> String {
    let hr = app.citizen("hr@example.kz").await;
    app.head_of(&hr, &bin("1503", 225)).await;
    let (status, employer) = app
        .post(
            "/api/v1/employers",
            Some(&hr),
            json!({ "bin": bin("1503", 225), "name": "ТОО «Есеп»", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{employer}");
    let (status, v) = app
        .post(
            "/api/v1/vacancies",
            Some(&hr),
            json!({
                "title": "Бухгалтер", "occupation_code": "2411", "positions": 1,
                "salary_from": 250000, "salary_to": 320000, "work_regime": "full_time",
                "employment_type": "permanent", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// A person who applied on the portal (not through an assistant) at the Kokshetau career center
/// on Tuesday 17 March and put in a resume the vacancy suits: the platform's selection offers it
/// at once (214 p.36). The offer.
async fn offered(app: &TestApp, login: &str, serial: u32, lives: Value, vacancy: &str) -> Value {
    let person = iin("880412", 3, serial);
    app.registry_person(&person, lives).await;
    let token = app.citizen(login).await;
    app.prove(&token, &person).await;
    let (status, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&person, "cc-kokshetau"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["channel"], "portal", "{reg}");
    let resume = json!({ "occupation_codes": ["2411"], "experience_years": 3,
        "desired_salary": 200000, "work_regime": "full_time", "locality_code": "111010000" });
    let (status, _) = app
        .call(Method::PUT, "/api/v1/me/resume", Some(&token), Some(resume))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, mine) = app.get("/api/v1/me/offers", Some(&token)).await;
    mine.as_array()
        .unwrap()
        .iter()
        .find(|o| o["vacancy_id"] == vacancy)
        .cloned()
        .unwrap_or_else(|| panic!("no offer of {vacancy} in {mine}"))
}

/// The notices of `kind` the assistants were given about `offer`: their districts.
async fn through_assistants(app: &TestApp, kind: &str, offer: &Value) -> Vec<String> {
    let number = offer["id"].as_str().unwrap();
    let (status, outbox) = app
        .get("/api/v1/dev/outbox?channel=assistant", Some(&app.admin))
        .await;
    assert_eq!(status, StatusCode::OK, "{outbox}");
    outbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind && n["text"].as_str().unwrap().contains(number))
        .map(|n| n["recipient"].as_str().unwrap().to_string())
        .collect()
}

async fn answer_through(
    app: &TestApp,
    assistant: &str,
    offer: &Value,
    accept: bool,
) -> (StatusCode, Value) {
    app.post(
        &format!(
            "/api/v1/assistant/offers/{}/answer",
            offer["id"].as_str().unwrap()
        ),
        Some(assistant),
        json!({ "accept": accept }),
    )
    .await
}

#[tokio::test]
async fn an_offer_to_a_rural_resident_who_applied_online_reaches_the_assistant_too() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "village@example.kz", 300, rural(), &vacancy).await;
    assert_eq!(
        through_assistants(&app, "offer_made", &made).await,
        [ZELENY_BOR]
    );
    // Too: the person's own cabinet has it as well (214 p.71(2)).
    let token = app.login("village@example.kz", PASSWORD).await;
    let (_, notices) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(notices
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "offer_made" && n["channel"] == "cabinet"));
}

#[tokio::test]
async fn an_offer_to_a_city_resident_reaches_no_assistant() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "city@example.kz", 301, json!({}), &vacancy).await;
    assert!(through_assistants(&app, "offer_made", &made)
        .await
        .is_empty());
}

#[tokio::test]
async fn only_the_assistant_of_the_persons_own_district_answers_for_them() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let village = offered(&app, "village@example.kz", 302, rural(), &vacancy).await;
    let city = offered(&app, "city@example.kz", 303, json!({}), &vacancy).await;
    katarkol(&app).await;
    let zeleny_bor = app
        .staff("assistant.zb", "assistant", Some(ZELENY_BOR))
        .await;
    let katarkol = app.staff("assistant.kk", "assistant", Some(KATARKOL)).await;
    let specialist = app
        .staff(
            "spec.kokshetau",
            "career_center_specialist",
            Some("cc-kokshetau"),
        )
        .await;

    // Another district's assistant, and the district's assistant for a city resident.
    for (token, offer) in [(&katarkol, &village), (&zeleny_bor, &city)] {
        let (status, body) = answer_through(&app, token, offer, true).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::FORBIDDEN, "out_of_scope")
        );
    }
    // Not an assistant at all; the person themselves answers on the portal instead.
    let (status, _) = answer_through(&app, &specialist, &village, true).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let person = app.login("village@example.kz", PASSWORD).await;
    let (status, _) = answer_through(&app, &person, &village, true).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = answer_through(&app, &zeleny_bor, &json!({ "id": "none" }), true).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

    let (_, mine) = app.get("/api/v1/me/offers", Some(&person)).await;
    assert_eq!(mine[0]["status"], "pending", "refused calls change nothing");
    let (status, answered) = answer_through(&app, &zeleny_bor, &village, true).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "accepted");
}

#[tokio::test]
async fn the_assistants_answer_counts_as_the_persons_in_the_same_term() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "village@example.kz", 304, rural(), &vacancy).await;
    // One working day for a job seeker: through the end of Wednesday 18 March.
    assert_eq!(made["answer_due"], "2026-03-18T19:00:00Z");
    app.staff("assistant.zb", "assistant", Some(ZELENY_BOR))
        .await;
    app.set_clock("2026-03-18T23:59:00+05:00").await;
    let assistant = app.login("assistant.zb", "staff-pass-1").await;
    // A refusal on the last minute of the term: in time, and a job seeker who refuses is
    // decided as unemployed at once (214 p.38), as after the person's own refusal.
    let (status, answered) = answer_through(&app, &assistant, &made, false).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "refused");
    assert_eq!(answered["answered_late"], false);
    let token = app.login("village@example.kz", PASSWORD).await;
    let (_, reg) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(reg["status"], "unemployed", "{reg}");
    // The person cannot answer it again: the assistant's answer was theirs.
    let (status, body) = app
        .post(
            &format!("/api/v1/offers/{}/answer", made["id"].as_str().unwrap()),
            Some(&token),
            json!({ "accept": true }),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "invalid_state")
    );
}

#[tokio::test]
async fn an_answer_through_the_assistant_after_the_term_is_late() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "village@example.kz", 305, rural(), &vacancy).await;
    app.staff("assistant.zb", "assistant", Some(ZELENY_BOR))
        .await;
    // The first minute after the term (the end of Wednesday 18 March).
    app.set_clock("2026-03-19T00:01:00+05:00").await;
    let assistant = app.login("assistant.zb", "staff-pass-1").await;
    let (status, answered) = answer_through(&app, &assistant, &made, true).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "accepted");
    assert_eq!(answered["answered_late"], true);
}

#[tokio::test]
async fn the_interview_notice_reaches_a_rural_residents_assistant_and_not_a_city_residents() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let village = offered(&app, "village@example.kz", 306, rural(), &vacancy).await;
    let city = offered(&app, "city@example.kz", 307, json!({}), &vacancy).await;
    let assistant = app
        .staff("assistant.zb", "assistant", Some(ZELENY_BOR))
        .await;
    let (status, _) = answer_through(&app, &assistant, &village, true).await;
    assert_eq!(status, StatusCode::OK);
    let token = app.login("city@example.kz", PASSWORD).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/offers/{}/answer", city["id"].as_str().unwrap()),
            Some(&token),
            json!({ "accept": true }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // The consent given through the assistant referred the person to the employer (214 p.73).
    let hr = app.login("hr@example.kz", PASSWORD).await;
    let (_, candidates) = app
        .get(
            &format!("/api/v1/vacancies/{vacancy}/candidates"),
            Some(&hr),
        )
        .await;
    assert_eq!(candidates.as_array().unwrap().len(), 2, "{candidates}");
    for offer in [&village, &city] {
        let (status, body) = app
            .post(
                &format!(
                    "/api/v1/vacancies/{vacancy}/candidates/{}/interview",
                    offer["id"].as_str().unwrap()
                ),
                Some(&hr),
                json!({ "at": "2026-03-26T11:00:00+05:00", "place": "Абай к-сі, 1" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    assert_eq!(
        through_assistants(&app, "interview_invited", &village).await,
        [ZELENY_BOR]
    );
    assert!(through_assistants(&app, "interview_invited", &city)
        .await
        .is_empty());
}
