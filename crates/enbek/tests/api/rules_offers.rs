//! The grounds of deregistration that offers and interviews give (214 p.51(2), 214 p.51(3)): the
//! term to come after an interview notice, the three refusals, the late answer.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const HR: &str = "hr@example.kz";
const SPECIALIST: &str = "spec@kokshetau.kz";

/// An employer in Kokshetau; its head's token.
async fn employer(app: &TestApp) -> String {
    app.employer(HR, esep(125)).await
}

/// `n` full-time accounting vacancies posted now; the platform's selection offers each at once
/// to the suitable registered people (214 p.69). Their ids.
async fn post_vacancies(app: &TestApp, n: usize) -> Vec<String> {
    let hr = app.login(HR, PASSWORD).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let (status, v) = app
            .post_vacancy(
                &hr,
                accounting_vacancy(&format!("Бухгалтер {i}"), "full_time"),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    ids
}

/// A job seeker registered now (Tuesday 17 March) with a resume for full-time accounting work;
/// the registration's id.
async fn job_seeker(app: &TestApp, login: &str, serial: u32) -> String {
    let person = iin("880412", 3, serial);
    let (_, reg) = app.job_seeker_with_resume(login, &person, json!({})).await;
    reg["id"].as_str().unwrap().to_string()
}

/// A job seeker registered on Tuesday 17 March and, the selection period over, unemployed from
/// Friday 20 March, when the clock stands at 10:00.
async fn unemployed(app: &TestApp, login: &str, serial: u32) -> String {
    let reg = job_seeker(app, login, serial).await;
    let mine = app.registration_at(UNEMPLOYED_FROM, login).await;
    assert_eq!(mine["status"], "unemployed");
    reg
}

async fn registration(app: &TestApp, login: &str) -> Value {
    app.my_registration(login).await
}

async fn answer(app: &TestApp, login: &str, offer: &Value, accept: bool) -> Value {
    let (status, body) = app.answer_offer(login, offer, accept).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn no_show(app: &TestApp, vacancy: &str, candidate: &str) -> (StatusCode, Value) {
    let hr = app.login(HR, PASSWORD).await;
    app.no_show(&hr, vacancy, candidate).await
}

async fn specialist(app: &TestApp) -> String {
    app.specialist(SPECIALIST, CENTER).await
}

async fn work_queue(app: &TestApp, kind: &str) -> Vec<Value> {
    let spec = app.login(SPECIALIST, STAFF_PASSWORD).await;
    let mut list = app.work_queue(&spec).await;
    list.retain(|i| i["kind"] == kind);
    list
}

#[tokio::test]
async fn an_unemployed_person_has_five_working_days_to_come_across_the_may_holidays() {
    let app = TestApp::spawn().await;
    employer(&app).await;
    let reg = unemployed(&app, "may@example.kz", 910).await;
    specialist(&app).await;
    app.set_clock("2026-04-29T15:00:00+05:00").await;
    let ids = post_vacancies(&app, 1).await;
    let made = app.offer_of("may@example.kz", &ids[0]).await;
    answer(&app, "may@example.kz", &made, true).await;
    let candidate = made["id"].as_str().unwrap();
    let hr = app.login(HR, PASSWORD).await;
    let (status, arranged) = app
        .arrange_interview(&hr, &ids[0], candidate, "2026-04-30T11:00:00+05:00")
        .await;
    assert_eq!(status, StatusCode::OK, "{arranged}");
    // Told on Wednesday 29 April: 30 April, then (after 1 May and the weekend) 4, 5 and 6 May,
    // then (after 7 May) Friday 8 May, the 5th working day (214 p.51(3)).
    assert_eq!(arranged["attend_by"], "2026-05-08T19:00:00Z");

    // The 3 working days of 214 p.74 are long over, and the 4th working day too: no ground yet,
    // and in the last minute of the 5th none either.
    for at in ["2026-05-06T23:59:00+05:00", "2026-05-08T23:59:00+05:00"] {
        app.set_clock(at).await;
        let (status, body) = no_show(&app, &ids[0], candidate).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::CONFLICT, "no_show_too_early"),
            "{at}: {body}"
        );
    }
    assert!(work_queue(&app, "no_show").await.is_empty());

    // The day after the 5th working day the no-show is recorded and goes to the center.
    app.set_clock("2026-05-09T00:01:00+05:00").await;
    let (status, recorded) = no_show(&app, &ids[0], candidate).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    let queue = work_queue(&app, "no_show").await;
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["registration_id"], reg.as_str());
    assert_eq!(queue[0]["legal_basis"], "214 p.51(3)");
    // 2 working days of 214 p.51 from the record: Tuesday 12 May (11 May is the Victory Day
    // carried over) and Wednesday 13 May.
    assert_eq!(queue[0]["due_at"], "2026-05-13T19:00:00Z");
}

#[tokio::test]
async fn refusals_as_a_job_seeker_do_not_count_toward_the_three() {
    let app = TestApp::spawn().await;
    employer(&app).await;
    let before = post_vacancies(&app, 2).await;
    job_seeker(&app, "picky@example.kz", 920).await;
    // The platform's selection offered both vacancies to the job seeker (214 p.36); the first
    // refusal decided registration as unemployed at once (214 p.38).
    let first = app.offer_of("picky@example.kz", &before[0]).await;
    assert_eq!(
        answer(&app, "picky@example.kz", &first, false).await["status"],
        "refused"
    );
    assert_eq!(
        registration(&app, "picky@example.kz").await["status"],
        "unemployed"
    );
    // The other offer was made to the job seeker too: refused once unemployed, it still does not
    // count.
    let second = app.offer_of("picky@example.kz", &before[1]).await;
    answer(&app, "picky@example.kz", &second, false).await;
    // Offered while unemployed: the first two refusals leave the registration standing (four
    // refusals in all), the third ends it (214 p.51(2)).
    let after = post_vacancies(&app, 3).await;
    for (i, vacancy) in after.iter().enumerate() {
        let made = app.offer_of("picky@example.kz", vacancy).await;
        answer(&app, "picky@example.kz", &made, false).await;
        assert_eq!(
            registration(&app, "picky@example.kz").await["status"],
            if i < 2 { "unemployed" } else { "deregistered" },
            "after {} refusals as unemployed",
            i + 1
        );
    }
    let reg = registration(&app, "picky@example.kz").await;
    assert_eq!(reg["deregistration_code"], "refused_three_offers");
}

#[tokio::test]
async fn an_offer_not_answered_in_time_goes_to_the_center_as_late_offer_answer() {
    let app = TestApp::spawn().await;
    employer(&app).await;
    let reg = unemployed(&app, "slow@example.kz", 930).await;
    specialist(&app).await;
    let ids = post_vacancies(&app, 3).await;
    let in_time = app.offer_of("slow@example.kz", &ids[0]).await;
    // Offered on Friday 20 March: 3 working days, after Nauryz 26, 27 and 30 March (214 p.72).
    assert_eq!(in_time["answer_due"], "2026-03-30T19:00:00Z");

    // An answer in the last minute of the term's last day is in time; no term is over yet.
    app.set_clock("2026-03-30T23:59:00+05:00").await;
    let answered = answer(&app, "slow@example.kz", &in_time, false).await;
    assert_eq!(answered["answered_late"], false);
    app.run_due_jobs().await;
    assert!(work_queue(&app, "late_offer_answer").await.is_empty());

    // The day after, one answer comes late and one never comes: both go to the center when the
    // term's due work runs; the answer in time does not.
    app.set_clock("2026-03-31T00:01:00+05:00").await;
    let late = app.offer_of("slow@example.kz", &ids[1]).await;
    assert_eq!(
        answer(&app, "slow@example.kz", &late, true).await["answered_late"],
        true
    );
    let silent = app.offer_of("slow@example.kz", &ids[2]).await;
    app.run_due_jobs().await;
    let queue = work_queue(&app, "late_offer_answer").await;
    let mut subjects: Vec<&str> = queue
        .iter()
        .map(|i| i["subject_id"].as_str().unwrap())
        .collect();
    subjects.sort_unstable();
    let mut expected = vec![late["id"].as_str().unwrap(), silent["id"].as_str().unwrap()];
    expected.sort_unstable();
    assert_eq!(subjects, expected);
    for item in &queue {
        assert_eq!(item["registration_id"], reg.as_str());
        assert_eq!(item["legal_basis"], "214 p.51(2), p.72");
        // Within 2 working days of learning (214 p.51): 1 and 2 April.
        assert_eq!(item["due_at"], "2026-04-02T19:00:00Z");
    }
    // The specialist applies the ground; until then the registration stands.
    assert_eq!(
        registration(&app, "slow@example.kz").await["status"],
        "unemployed"
    );
    let spec = app.login(SPECIALIST, STAFF_PASSWORD).await;
    let (status, done) = app.deregister(&spec, &reg, "late_offer_answer").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let ended = registration(&app, "slow@example.kz").await;
    assert_eq!(ended["deregistration_code"], "late_offer_answer");
    assert_eq!(ended["barred_until"], "2026-04-30");
    assert!(work_queue(&app, "late_offer_answer").await.is_empty());
}
