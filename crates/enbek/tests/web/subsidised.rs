//! The employer's subsidised jobs (206 p.31.3), walked in Kazakh and in Russian: an application,
//! a participant, a month's attendance; each form's errors next to their fields; another
//! employer's application refused.

use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::*;

/// The ids of the fields a form marks invalid.
async fn invalid_fields(browser: &Browser) -> Vec<String> {
    let value = browser
        .script(
            "return Array.from(document.querySelectorAll('[aria-invalid=true]')).map(e => e.id);",
        )
        .await;
    serde_json::from_value(value).expect("a list")
}

async fn set(browser: &Browser, id: &str, value: &str) {
    browser
        .script(&format!(
            "document.querySelector('#{id}').value = '{value}'; return 1;"
        ))
        .await;
}

#[tokio::test]
async fn an_employer_applies_for_subsidised_jobs_and_records_a_months_attendance() {
    let app = TestApp::spawn().await;
    let other = app.employer("other.sub@example.kz", esep(701)).await;
    let body = json!({
        "measure": "public_works", "places": 5, "occupation_code": "9112", "monthly_pay": 90000,
        "starts_on": "2026-01-15", "ends_on": "2026-12-31", "contact_person": "Айгүл Серікова",
        "contact_phone": "+77015551234", "locality_code": "111010000"
    });
    let (status, theirs) = app
        .post("/api/v1/subsidised-job-applications", Some(&other), body)
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{theirs}");
    let theirs = theirs["id"].as_str().expect("an id").to_string();
    app.employer("sub@example.kz", esep(702)).await;

    let browser = Browser::start(&app.base, "subsidised").await;
    browser.open("/sign-in").await;
    browser.fill("#login", "sub@example.kz").await;
    browser.fill("#password", PASSWORD).await;
    browser
        .click_to("form.stack button[type=submit]", "the sign-in")
        .await;
    for (lang, measure, serial) in [
        ("kk", "Қоғамдық жұмыстар", 11),
        ("ru", "Общественные работы", 12),
    ] {
        browser.open("/employer/subsidised").await;
        browser
            .click_to(
                &format!(".langs button[value=\"{lang}\"]"),
                "the language switch",
            )
            .await;
        assert_eq!(browser.lang().await, lang);
        browser
            .click_to("form.stack button[type=submit]", "an empty application")
            .await;
        assert_eq!(
            invalid_fields(&browser).await,
            [
                "places",
                "monthly_pay",
                "starts_on",
                "ends_on",
                "contact_person",
                "contact_phone",
                "locality_code"
            ]
        );
        browser.choose("#measure", "public_works").await;
        browser.fill("#places", "2").await;
        browser.choose("#occupation_code", "9112").await;
        browser.fill("#monthly_pay", "100000").await;
        set(&browser, "starts_on", "2026-03-01").await;
        set(&browser, "ends_on", "2026-08-31").await;
        browser.fill("#contact_person", "Айгүл Серікова").await;
        browser.fill("#contact_phone", "+77015551234").await;
        browser.fill("#locality_code", "111010000").await;
        browser
            .click_to("form.stack button[type=submit]", "the application")
            .await;
        assert_eq!(browser.text("h1").await, measure);

        // A participant: nothing, then an IIN.
        browser
            .click_to(
                "form.participant button[type=submit]",
                "an empty participant",
            )
            .await;
        assert_eq!(invalid_fields(&browser).await, ["iin"]);
        let person = iin("900101", 3, 8000 + serial);
        browser.fill("#iin", &person).await;
        browser
            .click_to(
                "form.participant button[type=submit]",
                "the participant added",
            )
            .await;
        assert!(browser.text(".participants").await.contains(&person));

        // A month not begun yet, then March.
        browser.fill("#month", "2026-05").await;
        browser.fill("#days_worked", "10").await;
        browser
            .click_to(
                "form.attendance-form button[type=submit]",
                "a month not begun",
            )
            .await;
        assert_eq!(invalid_fields(&browser).await, ["month"]);
        browser.fill("#month", "2026-03").await;
        browser.fill("#days_worked", "10").await;
        browser.fill("#days_absent", "1").await;
        browser
            .click_to("form.attendance-form button[type=submit]", "the attendance")
            .await;
        assert!(browser.text(".attendance").await.contains("2026-03"));

        // Another employer's application.
        browser
            .open(&format!("/employer/subsidised/{theirs}"))
            .await;
        assert_eq!(browser.status_shown().await, Some("403".to_string()));
    }
    browser.close().await;
}
