//! Referrals to active measures (Order 129) in the cabinet and at the employer: a job seeker
//! finds a course a career center published, applies with both consents of 129 App.1 and reads
//! the referral with its number and documents; another applies without one consent and reads
//! the refusal's ground (129 App.2 p.9(4)); an employer returns the tear-off notice of a person
//! referred to its public works after downloading the signed referral, and another employer
//! sees nothing of it and cannot download it.

use reqwest::StatusCode;
use serde_json::json;

use crate::browser::Browser;
use crate::documents::fetch;
use crate::helpers::*;
use crate::steps::*;

const PLACES: &str = "/api/v1/career-center/measure-places";

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
            "document.getElementById('{id}').value = '{value}'; return 1;"
        ))
        .await;
}

async fn href(browser: &Browser, css: &str) -> String {
    browser
        .find(css)
        .await
        .attr("href")
        .await
        .expect("an attribute")
        .expect("a link")
}

/// The whole page's text, its no-break spaces read as spaces.
async fn page_text(browser: &Browser) -> String {
    browser.page_text().await.replace('\u{a0}', " ")
}

#[tokio::test]
async fn a_job_seeker_applies_for_a_course_in_the_cabinet_and_a_refused_consent_is_the_ground() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let provider = "Көкшетау жоғары политехникалық колледжі, Абай к-сі 10";
    let (status, place) = app
        .post(
            PLACES,
            Some(&specialist),
            json!({
                "measure": "training", "capacity": 3, "occupation_code": "7212",
                "provider": provider, "qualification": "Электр дәнекерлеуші",
                "starts_on": "2026-04-01", "ends_on": "2026-06-30"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    let place = place["id"].as_str().expect("an id").to_string();
    app.job_seeker(
        "seeker.ref@example.kz",
        &iin("870101", 3, 7100),
        json!({}),
        json!({}),
    )
    .await;
    app.job_seeker(
        "second.ref@example.kz",
        &iin("870101", 3, 7101),
        json!({}),
        json!({}),
    )
    .await;

    // In Kazakh: the course is listed from the cabinet's navigation, with its free places.
    let browser = Browser::start(&app.base, "referrals-cabinet").await;
    browser
        .sign_in(Some("kk"), "seeker.ref@example.kz", PASSWORD)
        .await;
    browser.open("/cabinet").await;
    browser
        .click_to(
            ".cabinet-nav a[href=\"/cabinet/measures\"]",
            "the active measures",
        )
        .await;
    assert_eq!(
        browser.text("h1").await,
        "Жұмыспен қамтуға жәрдемдесудің белсенді шаралары"
    );
    let listed = browser.text(&format!("#place-{place}")).await;
    assert!(listed.contains(provider), "{listed}");
    assert!(listed.contains("кәсіптік оқыту"), "{listed}");
    assert_eq!(browser.text(&format!("#place-{place} .free")).await, "3");
    assert_eq!(browser.find_all_count("#referrals-none").await, 1);

    // Nothing chosen: the errors stand beside the measure and the place.
    browser
        .click_to("#apply-submit", "an empty application")
        .await;
    assert_eq!(invalid_fields(&browser).await, ["measure", "place_id"]);

    // The place chosen from the list, both consents given: referred.
    browser
        .click_to(&format!("#place-{place} a.choose"), "the place chosen")
        .await;
    let chosen = browser
        .script("return [document.getElementById('measure').value, document.getElementById('place_id').value];")
        .await;
    assert_eq!(chosen, json!(["training", place]));
    browser
        .find("#personal_data_consent")
        .await
        .click()
        .await
        .expect("ticked");
    browser
        .find("#restricted_data_consent")
        .await
        .click()
        .await
        .expect("ticked");
    browser.click_to("#apply-submit", "the application").await;
    let referral = browser.text(".referral.fresh").await;
    assert!(referral.contains("Жолдама берілді"), "{referral}");
    let number = browser.text(".referral.fresh .number").await;
    assert!(number.starts_with("129-4-2026-"), "{number}");
    // The signed referral and application are the person's documents, in both languages.
    for css in [
        ".referral.fresh a.referral-pdf-kk",
        ".referral.fresh a.application-pdf-ru",
    ] {
        let link = href(&browser, css).await;
        assert!(link.starts_with("/cabinet/documents/"), "{link}");
        assert!(link.contains("/pdf?lang="), "{link}");
    }
    assert!(browser
        .text(".referral.fresh .tear-off-due")
        .await
        .contains("2026"));
    // The place counts the referral.
    assert_eq!(browser.text(&format!("#place-{place} .free")).await, "2");
    browser.close().await;

    // In Russian, another person gives one consent only: refused on 129 App.2 p.9(4).
    let browser = Browser::start(&app.base, "referrals-refused").await;
    browser
        .sign_in(Some("ru"), "second.ref@example.kz", PASSWORD)
        .await;
    browser
        .open(&format!("/cabinet/measures?place={place}"))
        .await;
    browser
        .find("#personal_data_consent")
        .await
        .click()
        .await
        .expect("ticked");
    browser
        .click_to("#apply-submit", "the application without a consent")
        .await;
    let refused = browser.text(".referral.fresh").await;
    assert!(refused.contains("Отказано"), "{refused}");
    let ground = browser.text(".referral.fresh .ground").await;
    assert!(
        ground
            .contains("отсутствие согласия на доступ к персональным данным ограниченного доступа"),
        "{ground}"
    );
    assert!(ground.contains("129 App.2 p.9(4)"), "{ground}");
    assert_eq!(
        browser
            .find_all_count(".referral.fresh a.referral-pdf-ru")
            .await,
        0,
        "a refusal gives no referral"
    );
    // The refusal gave the place back.
    assert_eq!(browser.text(&format!("#place-{place} .free")).await, "2");
    browser.close().await;

    // An account that has not proven its IIN is told to prove it first.
    app.citizen("unproven.ref@example.kz").await;
    let browser = Browser::start(&app.base, "referrals-unproven").await;
    browser
        .sign_in(Some("ru"), "unproven.ref@example.kz", PASSWORD)
        .await;
    browser.open("/cabinet/measures").await;
    assert_eq!(href(&browser, "#prove-first a").await, "/cabinet/identity");
    assert_eq!(browser.find_all_count("form.apply").await, 0);
    browser.close().await;
}

#[tokio::test]
async fn an_employer_returns_the_tear_off_notice_of_a_person_referred_to_its_public_works() {
    let app = TestApp::spawn().await;
    let owner = app.employer("owner.ref@example.kz", esep(801)).await;
    app.employer("other.ref@example.kz", esep(802)).await;
    let (status, jobs) = app
        .post(
            "/api/v1/subsidised-job-applications",
            Some(&owner),
            json!({
                "measure": "public_works", "places": 2, "occupation_code": "9112",
                "monthly_pay": 100000, "starts_on": "2026-04-01", "ends_on": "2026-12-31",
                "contact_person": "Айгүл Серікова", "contact_phone": "+77015551234",
                "locality_code": "111010000"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{jobs}");
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let (status, place) = app
        .post(
            PLACES,
            Some(&specialist),
            json!({ "measure": "public_works", "subsidised_application_id": jobs["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    app.unemployed("worker.ref@example.kz", &iin("870101", 3, 7200), json!({}))
        .await;
    // The clock stands on 20 March now: sign in again.
    let token = app.login("worker.ref@example.kz", PASSWORD).await;
    let (status, referral) = app
        .post(
            "/api/v1/me/active-measures",
            Some(&token),
            json!({ "measure": "public_works", "place_id": place["id"],
                "personal_data_consent": true, "restricted_data_consent": true }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{referral}");
    assert_eq!(referral["status"], "referred", "{referral}");
    let id = referral["id"].as_str().expect("an id").to_string();
    let number = referral["number"].as_str().expect("a number").to_string();

    let browser = Browser::start(&app.base, "referrals-employer").await;
    browser
        .sign_in(Some("ru"), "owner.ref@example.kz", PASSWORD)
        .await;
    browser.open("/employer").await;
    browser
        .click_to("a[href=\"/employer/referrals\"]", "the referrals")
        .await;
    let row = format!("#referral-{id}");
    assert_eq!(browser.text(&format!("{row} .number")).await, number);
    let shown = page_text(&browser).await;
    assert!(
        shown.contains("Общественные работы") || shown.contains("общественные работы"),
        "{shown}"
    );
    assert!(shown.contains("Направление выдано"), "{shown}");
    assert!(
        !shown.contains(&iin("870101", 3, 7200)),
        "no IIN on the list"
    );
    // The signed referral is there to download, in Kazakh and in Russian.
    let document = referral["document_id"].as_str().expect("a document");
    let mut links = Vec::new();
    for (css, lang) in [("a.pdf-kk", "kk"), ("a.pdf-ru", "ru")] {
        let link = href(&browser, &format!("{row} {css}")).await;
        assert_eq!(
            link,
            format!("/received/documents/{document}/pdf?lang={lang}")
        );
        let (status, kind, _, pdf) = fetch(&app, &browser, &link).await;
        assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        links.push(link);
    }

    // Nothing said: the error stands beside the question; a taking without its order or
    // contract is refused beside the order.
    browser
        .click_to(&format!("{row} form.tear-off button"), "an empty notice")
        .await;
    assert!(browser
        .text(&format!("#taken-{id}-error"))
        .await
        .contains("Укажите"));
    browser
        .find(&format!("#taken-{id}-yes"))
        .await
        .click()
        .await
        .expect("chosen");
    browser
        .click_to(
            &format!("{row} form.tear-off button"),
            "a notice without its contract",
        )
        .await;
    assert_eq!(
        invalid_fields(&browser).await,
        [format!("order_number-{id}")]
    );

    // Taken on a labour contract: enrolled, and the end of participation is asked for.
    browser
        .find(&format!("#taken-{id}-yes"))
        .await
        .click()
        .await
        .expect("chosen");
    browser.fill(&format!("#contract_number-{id}"), "17").await;
    set(&browser, &format!("contract_date-{id}"), "2026-03-20").await;
    browser
        .click_to(
            &format!("{row} form.tear-off button"),
            "the notice returned",
        )
        .await;
    assert!(browser
        .text(&format!("{row} .status"))
        .await
        .contains("Принят(а)"));
    assert_eq!(
        browser
            .find_all_count(&format!("{row} form.tear-off"))
            .await,
        0
    );
    assert_eq!(browser.find_all_count(&format!("{row} form.end")).await, 1);
    let (_, read) = app
        .get(&format!("/api/v1/active-measures/{id}"), Some(&token))
        .await;
    assert_eq!(read["status"], "enrolled", "{read}");
    assert_eq!(read["tear_off"]["contract_number"], "17", "{read}");

    // In Kazakh the same stage in its words.
    browser.switch_to("kk").await;
    assert!(browser
        .text(&format!("{row} .status"))
        .await
        .contains("Қабылданды"));
    browser.close().await;

    // Another employer sees nothing of it.
    let browser = Browser::start(&app.base, "referrals-other-employer").await;
    browser
        .sign_in(Some("kk"), "other.ref@example.kz", PASSWORD)
        .await;
    browser.open("/employer/referrals").await;
    assert_eq!(browser.find_all_count("#referrals-none").await, 1);
    assert_eq!(browser.find_all_count(&format!("#referral-{id}")).await, 0);
    // Nor can it download the referral: its owner, a person too, learns nothing of it.
    let (status, _, _, _) = fetch(&app, &browser, &links[0]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    browser.close().await;
}

#[tokio::test]
async fn an_education_organisation_returns_the_enrolment_of_a_person_referred_to_its_course() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("cc.kokshetau", CENTER).await;
    let (status, place) = app
        .post(
            PLACES,
            Some(&specialist),
            json!({
                "measure": "training", "capacity": 2, "occupation_code": "7212",
                "education_organization_id": "eo-kokshetau-polytechnic",
                "qualification": "Электр дәнекерлеуші",
                "starts_on": "2026-04-01", "ends_on": "2026-06-30"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{place}");
    let (token, _) = app
        .job_seeker(
            "learner.ref@example.kz",
            &iin("870101", 3, 7300),
            json!({}),
            json!({}),
        )
        .await;
    let (status, referral) = app
        .post(
            "/api/v1/me/active-measures",
            Some(&token),
            json!({ "measure": "training", "place_id": place["id"],
                "personal_data_consent": true, "restricted_data_consent": true }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{referral}");
    let id = referral["id"].as_str().expect("an id").to_string();
    let number = referral["number"].as_str().expect("a number").to_string();
    app.staff(
        "staff.polytechnic",
        "education_staff",
        Some("eo-kokshetau-polytechnic"),
    )
    .await;
    app.staff(
        "staff.construction",
        "education_staff",
        Some("eo-astana-construction"),
    )
    .await;

    // The college's staff find their referrals from the header, in Kazakh.
    let browser = Browser::start(&app.base, "referrals-college").await;
    browser
        .sign_in(Some("kk"), "staff.polytechnic", "staff-pass-1")
        .await;
    browser
        .click_to("nav a[href=\"/education/referrals\"]", "the referrals")
        .await;
    assert_eq!(
        browser.text("h1").await,
        "Оқуға жолданғандар",
        "the college's page"
    );
    let row = format!("#referral-{id}");
    assert_eq!(browser.text(&format!("{row} .number")).await, number);
    assert!(
        !page_text(&browser).await.contains(&iin("870101", 3, 7300)),
        "no IIN on the list"
    );
    // Enrolled by the college's order (129 App.4): the training's end is asked for next.
    browser
        .find(&format!("#taken-{id}-yes"))
        .await
        .click()
        .await
        .expect("chosen");
    browser.fill(&format!("#order_number-{id}"), "45-к").await;
    set(&browser, &format!("order_date-{id}"), "2026-03-17").await;
    browser
        .click_to(
            &format!("{row} form.tear-off button"),
            "the notice returned",
        )
        .await;
    assert!(browser.url().await.contains("/education/referrals"));
    assert!(browser
        .text(&format!("{row} .status"))
        .await
        .contains("Қабылданды"));
    assert_eq!(browser.find_all_count(&format!("{row} form.end")).await, 1);
    let (_, read) = app
        .get(&format!("/api/v1/active-measures/{id}"), Some(&token))
        .await;
    assert_eq!(read["tear_off"]["order_number"], "45-к", "{read}");
    // The employer's pages are not the college's.
    browser.open("/employer/referrals").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;

    // Another college sees nothing of it.
    let browser = Browser::start(&app.base, "referrals-other-college").await;
    browser
        .sign_in(Some("ru"), "staff.construction", "staff-pass-1")
        .await;
    browser.open("/education/referrals").await;
    assert_eq!(browser.find_all_count("#referrals-none").await, 1);
    assert!(browser
        .text("#referrals-none")
        .await
        .contains("На ваши курсы"));
    browser.close().await;
}
