//! Rural residents reached through the assistant of their rural district, whichever channel they
//! applied through: offers of suitable work (214 p.71) and interview notices (214 p.73); and the
//! person's answer to an offer recorded by that assistant, which counts as the person's own
//! (214 p.51(2), 214 p.72).

use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const ZELENY_BOR: &str = "rd-burabay-zeleny-bor";
const KATARKOL: &str = "rd-burabay-katarkol";

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
    let hr = app.employer("hr@example.kz", esep(225)).await;
    let (status, v) = app
        .post_vacancy(&hr, accounting_vacancy("Бухгалтер", "full_time"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// A person who applied on the portal (not through an assistant) at the Kokshetau career center
/// on Tuesday 17 March and put in a resume the vacancy suits: the platform's selection offers it
/// at once (214 p.36). The offer.
async fn offered(app: &TestApp, login: &str, serial: u32, lives: Value, vacancy: &str) -> Value {
    let person = iin("880412", 3, serial);
    let (_, reg) = app.job_seeker_with_resume(login, &person, lives).await;
    assert_eq!(reg["channel"], "portal", "{reg}");
    app.offer_of(login, vacancy).await
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
    let zeleny_bor = app.assistant().await;
    let katarkol = app.staff("assistant.kk", "assistant", Some(KATARKOL)).await;
    let specialist = app.specialist("spec.kokshetau", CENTER).await;

    // Another district's assistant, and the district's assistant for a city resident.
    for (token, offer) in [(&katarkol, &village), (&zeleny_bor, &city)] {
        assert_problem(
            answer_through(&app, token, offer, true).await,
            StatusCode::FORBIDDEN,
            "out_of_scope",
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
    app.assistant().await;
    app.set_clock("2026-03-18T23:59:00+05:00").await;
    let assistant = app.login("assistant.zb", STAFF_PASSWORD).await;
    // A refusal on the last minute of the term: in time, and a job seeker who refuses is
    // decided as unemployed at once (214 p.38), as after the person's own refusal.
    let (status, answered) = answer_through(&app, &assistant, &made, false).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["status"], "refused");
    assert_eq!(answered["answered_late"], false);
    let reg = app.my_registration("village@example.kz").await;
    assert_eq!(reg["status"], "unemployed", "{reg}");
    // The person cannot answer it again: the assistant's answer was theirs.
    assert_problem(
        app.answer_offer("village@example.kz", &made, true).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
}

#[tokio::test]
async fn an_answer_through_the_assistant_after_the_term_is_late() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "village@example.kz", 305, rural(), &vacancy).await;
    app.assistant().await;
    // The first minute after the term (the end of Wednesday 18 March).
    app.set_clock("2026-03-19T00:01:00+05:00").await;
    let assistant = app.login("assistant.zb", STAFF_PASSWORD).await;
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
    let assistant = app.assistant().await;
    let (status, _) = answer_through(&app, &assistant, &village, true).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.answer_offer("city@example.kz", &city, true).await;
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
        let candidate = offer["id"].as_str().unwrap();
        let (status, body) = app
            .arrange_interview(&hr, &vacancy, candidate, "2026-03-26T11:00:00+05:00")
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

/// The assistant reads the notices its district received, with the resident each concerns, and
/// so learns of the offer it may answer for them; another district's assistant sees none of them,
/// and nobody else may read the list.
#[tokio::test]
async fn the_assistant_reads_its_districts_notices_with_the_residents_name() {
    let app = TestApp::spawn().await;
    let vacancy = vacancy(&app).await;
    let made = offered(&app, "village@example.kz", 305, rural(), &vacancy).await;
    katarkol(&app).await;
    let zeleny_bor = app.assistant().await;
    let katarkol = app.staff("assistant.kk", "assistant", Some(KATARKOL)).await;

    let (status, notices) = app
        .get("/api/v1/assistant/notifications", Some(&zeleny_bor))
        .await;
    assert_eq!(status, StatusCode::OK, "{notices}");
    let offer = notices
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "offer_made")
        .expect("the offer reached the district");
    assert_eq!(offer["channel"], "assistant");
    assert!(offer["text"]
        .as_str()
        .unwrap()
        .contains(made["id"].as_str().unwrap()));
    assert!(
        offer["person_name"].as_str().is_some_and(|n| !n.is_empty()),
        "{offer}"
    );
    assert!(
        !notices.to_string().contains(&iin("880412", 3, 305)),
        "no IIN"
    );
    // The reading is audited.
    let reads = app.audit("entity=assistant_notices").await;
    assert_eq!(reads.as_array().map(Vec::len), Some(1), "{reads}");

    let (status, other) = app
        .get("/api/v1/assistant/notifications", Some(&katarkol))
        .await;
    assert_eq!(status, StatusCode::OK, "{other}");
    assert_eq!(other, json!([]), "another district's assistant sees none");
    let specialist = app.specialist("spec.kokshetau", CENTER).await;
    let person = app.login("village@example.kz", PASSWORD).await;
    for token in [&specialist, &person] {
        let (status, _) = app
            .get("/api/v1/assistant/notifications", Some(token))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
