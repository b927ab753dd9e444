//! The staff's pages of referrals to active measures (Order 129), walked in Kazakh and in
//! Russian: a career center's specialist publishes a course, takes applications at the desk (an
//! incomplete set is not accepted with the documents listed; a full one is referred with its
//! number), enters the tear-off notice and ends the participation; the region's mobility center
//! officer sees the referral without any form.

use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;

const CENTER: &str = "cc-kokshetau";

/// Sets a field's value as typed (date inputs take their ISO value).
async fn set(browser: &Browser, id: &str, value: &str) {
    browser
        .script(&format!(
            "document.querySelector('#{id}').value = '{value}'; return 1;"
        ))
        .await;
}

/// Ticks a radio button or a check box.
async fn tick(browser: &Browser, id: &str) {
    browser
        .script(&format!(
            "document.querySelector('#{id}').checked = true; return 1;"
        ))
        .await;
}

struct Words {
    lang: &'static str,
    not_accepted: &'static str,
    health: &'static str,
    referred: &'static str,
    enrolled: &'static str,
    quit: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    not_accepted: "құжаттар қабылданбады",
    health: "денсаулық",
    referred: "жолданды",
    enrolled: "қабылданды",
    quit: "шығып қалды",
};

const RU: Words = Words {
    lang: "ru",
    not_accepted: "документы не приняты",
    health: "справка о состоянии здоровья",
    referred: "направлен",
    enrolled: "зачислен",
    quit: "выбыл",
};

/// The specialist's walk in `w`'s language for the job seeker `person`: returns the referral's
/// number.
async fn specialist_refers(app: &TestApp, w: &Words, person: &str, qualification: &str) -> String {
    let browser = Browser::start(&app.base, &format!("staffmeasures-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "cc.kokshetau", "staff-pass-1")
        .await;
    browser
        .click_to("nav a[href=\"/workspace\"]", "the workspace")
        .await;
    browser
        .click_to("#workspace-measures", "the referrals to measures")
        .await;

    // A course of three places.
    browser
        .fill(
            "#course_provider",
            "Көкшетау жоғары политехникалық колледжі, Абай к-сі 10, +7 7162 25 00 00",
        )
        .await;
    browser
        .choose("#course_school", "eo-kokshetau-polytechnic")
        .await;
    browser.choose("#course_occupation", "7212").await;
    browser.fill("#course_qualification", qualification).await;
    browser.fill("#course_capacity", "3").await;
    set(&browser, "course_starts_on", "2026-04-01").await;
    set(&browser, "course_ends_on", "2026-06-30").await;
    browser
        .click_to("#course-form button[type=submit]", "the course published")
        .await;
    let places = browser.text("table.places").await;
    assert!(places.contains("7212"), "{places}");
    assert!(places.contains("Көкшетау жоғары"), "{places}");

    // The desk: the training's checklist, the health certificate missing.
    browser
        .click_to("#measures-desk", "the desk's application")
        .await;
    assert!(browser.url().await.contains("/workspace/measures/desk"));
    assert_eq!(
        browser
            .find_all_count("#doc-health_certificate input[type=radio]")
            .await,
        3
    );
    // Another measure's checklist comes with `?measure=`: no health certificate for public works.
    browser.choose("#measure", "public_works").await;
    browser
        .click_to("#show-checklist", "the checklist of public works")
        .await;
    assert!(browser.url().await.contains("measure=public_works"));
    assert_eq!(browser.find_all_count("#doc-health_certificate").await, 0);
    browser.choose("#measure", "training").await;
    browser
        .click_to("#show-checklist", "the checklist of training")
        .await;
    let place = browser
        .script("return document.querySelector('#place_id option[value]:not([value=\"\"])').value;")
        .await;
    let place = place.as_str().expect("a place to choose").to_string();

    let apply = |full: bool| {
        let browser = &browser;
        let place = place.clone();
        async move {
            browser.fill("#iin", person).await;
            browser.choose("#place_id", &place).await;
            tick(browser, "doc-identity-valid").await;
            if full {
                tick(browser, "doc-health_certificate-valid").await;
            }
            tick(browser, "personal_data_consent").await;
            tick(browser, "restricted_data_consent").await;
            browser
                .click_to("#desk-form button[type=submit]", "the desk's outcome")
                .await;
        }
    };
    apply(false).await;
    let outcome = browser.page_text().await;
    assert!(outcome.contains(w.not_accepted), "{outcome}");
    let listed = browser.text("ul.not-accepted").await;
    assert!(listed.to_lowercase().contains(w.health), "{listed}");
    assert!(
        browser
            .find("a.pdf")
            .await
            .attr("href")
            .await
            .unwrap()
            .unwrap()
            .starts_with("/workspace/documents/"),
        "the receipt of 129 App.3"
    );

    // A full set is referred, with its number and its signed document.
    browser
        .open("/workspace/measures/desk?measure=training")
        .await;
    apply(true).await;
    assert_eq!(
        browser
            .find(".status")
            .await
            .attr("data-status")
            .await
            .unwrap()
            .as_deref(),
        Some("referred")
    );
    let number = browser.text("dd.number").await;
    assert!(number.starts_with("129-4-2026-"), "{number}");
    assert_eq!(browser.find_all_count("a.pdf").await, 1);

    // The tear-off notice entered from the referral's page: enrolled by order.
    browser.click_to("#open-referral", "the referral").await;
    assert!(browser.text("dl.referral").await.contains(w.referred));
    tick(&browser, "choice-yes").await;
    browser.fill("#order_number", "45-ө").await;
    set(&browser, "order_date", "2026-03-17").await;
    browser
        .click_to("#action-form button[type=submit]", "the tear-off entered")
        .await;
    assert!(browser.text("dl.referral").await.contains(w.enrolled));

    // A day missing is said next to its field; then it ends: quit without good reason.
    tick(&browser, "choice-quit").await;
    browser
        .click_to("#action-form button[type=submit]", "the end without a day")
        .await;
    assert_eq!(browser.find_all_count("#ended_on-error").await, 1);
    tick(&browser, "choice-quit").await;
    set(&browser, "ended_on", "2026-03-17").await;
    browser
        .click_to("#action-form button[type=submit]", "the end entered")
        .await;
    let facts = browser.text("dl.referral").await;
    assert!(facts.contains(w.quit), "{facts}");
    assert_eq!(browser.find_all_count("#action-form").await, 0);

    // The center's list filters by status.
    browser.open("/workspace/measures?status=quit").await;
    assert!(browser.text("table.referrals").await.contains(&number));
    browser.close().await;
    number
}

#[tokio::test]
async fn a_specialist_publishes_a_course_refers_at_the_desk_and_follows_the_referral() {
    let app = TestApp::spawn().await;
    app.specialist("cc.kokshetau", CENTER).await;
    let first = iin("870101", 3, 100);
    app.job_seeker("seeker@example.kz", &first, json!({}), json!({}))
        .await;
    let second = iin("880202", 3, 200);
    app.job_seeker("seeker2@example.kz", &second, json!({}), json!({}))
        .await;
    let kk = specialist_refers(&app, &KK, &first, "Электр дәнекерлеуші").await;
    let ru = specialist_refers(&app, &RU, &second, "Электросварщик").await;
    assert_ne!(kk, ru);

    // The region's mobility center sees both referrals, counted by status, and no form.
    app.officer("officer.akmola", "mc-110000000").await;
    let browser = Browser::start(&app.base, "staffmeasures-officer").await;
    browser
        .sign_in(Some("ru"), "officer.akmola", "staff-pass-1")
        .await;
    browser.open("/workspace/measures").await;
    let referrals = browser.text("table.referrals").await;
    assert!(
        referrals.contains(&kk) && referrals.contains(&ru),
        "{referrals}"
    );
    assert!(browser.text("dl.counts").await.contains("выбыл"));
    assert_eq!(browser.find_all_count("main form[method=post]").await, 0);
    assert!(browser.text("table.places").await.contains("7212"));
    browser
        .click_to("table.referrals a", "a referral of the region")
        .await;
    assert!(browser.text("dl.referral").await.contains("выбыл"));
    assert_eq!(browser.find_all_count("#action-form").await, 0);
    browser.open("/workspace/measures/desk").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;
}

#[tokio::test]
async fn the_desk_takes_a_digital_identity_document_once_the_person_tells_the_code() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let (status, place) = app
        .post(
            "/api/v1/career-center/measure-places",
            Some(&specialist),
            json!({
                "measure": "training", "capacity": 2, "occupation_code": "7212",
                "education_organization_id": "eo-kokshetau-polytechnic",
                "starts_on": "2026-04-01", "ends_on": "2026-06-30"
            }),
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{place}");
    let person = iin("870101", 3, 300);
    app.job_seeker("digital@example.kz", &person, json!({}), json!({}))
        .await;

    let browser = Browser::start(&app.base, "staffmeasures-digital").await;
    browser
        .sign_in(Some("ru"), "cc.kokshetau", "staff-pass-1")
        .await;
    browser
        .open("/workspace/measures/desk?measure=training")
        .await;
    browser.fill("#iin", &person).await;
    browser
        .choose("#place_id", place["id"].as_str().unwrap())
        .await;
    tick(&browser, "doc-identity-digital").await;
    tick(&browser, "doc-health_certificate-valid").await;
    tick(&browser, "personal_data_consent").await;
    tick(&browser, "restricted_data_consent").await;
    // Sent with a digital identity document and no consent yet: the code goes to the person's
    // phone, and the form comes back as typed, asking for it.
    browser
        .click_to("#desk-form button.primary", "the code sent")
        .await;
    assert!(browser.text("#consent-sent").await.contains("***"));
    assert_eq!(
        browser
            .find("#iin")
            .await
            .prop("value")
            .await
            .expect("a value")
            .as_deref(),
        Some(person.as_str())
    );
    // A wrong code is said beside the field.
    let sms = app.last_sms_code().await;
    let wrong = if sms == "000000" { "000001" } else { "000000" };
    browser.fill("#consent_code", wrong).await;
    browser
        .click_to("#desk-form button.primary", "a wrong code")
        .await;
    assert!(browser
        .text("#consent_code-error")
        .await
        .contains("Неверный код"));
    browser.fill("#consent_code", &sms).await;
    browser
        .click_to("#desk-form button.primary", "the referral")
        .await;
    assert!(browser.page_text().await.contains("направлен"));
    browser.close().await;
}
