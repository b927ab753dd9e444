//! The specialist's desk, the rural assistant's desk, the review of a forwarded application and
//! deregistration with a ground, walked in Kazakh and in Russian: a person registered at the
//! desk and their card; one the registries do not know refused with the 214 App.3 notice; an
//! application an assistant forwards, listed on the assistant's desk and registered by the
//! center's specialist; an unemployed person deregistered on a ground of 214 p.51, which the
//! card's history then shows. And the role walls.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::rural;

/// The desk and the deregistration are at the Kokshetau center (where `unemployed` registers).
const DESK: &str = "cc-kokshetau";
/// The center of Burabay district, where the assistant of Zeleny Bor forwards.
const DISTRICT_CENTER: &str = "cc-burabay";

struct Words {
    lang: &'static str,
    serial: u32,
    desk_title: &'static str,
    registered: &'static str,
    notice_title: &'static str,
    ground: &'static str,
    sent: &'static str,
    forwarded: &'static str,
    review_title: &'static str,
    deregistered: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    serial: 6100,
    desk_title: "Жеке жүгінген кезде тіркеу",
    registered: "Жұмыс іздеуші ретінде тіркелді",
    notice_title: "Жұмыс іздеп жүрген адам ретінде тіркеуден бас тарту туралы хабарлама",
    ground: "мемлекеттік деректер қорларымен расталмады",
    sent: "Өтініш мансап орталығына жіберілді.",
    forwarded: "Өтінім мансап орталығына жіберілді",
    review_title: "Көмекші жіберген өтінішті қарау",
    deregistered: "Жұмыссыздар есебінен шығарылды: дәлелсіз себептермен келмеу (214 p.51(3))",
};

const RU: Words = Words {
    lang: "ru",
    serial: 6200,
    desk_title: "Регистрация при личном обращении",
    registered: "Зарегистрирован как лицо, ищущее работу",
    notice_title: "Уведомление об отказе в регистрации в качестве лица, ищущего работу",
    ground: "не подтверждены государственными базами данных",
    sent: "Заявление направлено в карьерный центр.",
    forwarded: "Заявка направлена в карьерный центр",
    review_title: "Рассмотрение заявления, переданного помощником",
    deregistered: "Снят с учёта безработных: неявка без уважительных причин (214 p.51(3))",
};

/// The desk's form filled with the usual answers for `person`.
async fn fill_person(browser: &Browser, person: &str) {
    browser.fill("#iin", person).await;
    browser.fill("#phone", "+7 701 123 45 67").await;
    browser
        .find("#personal_data_consent")
        .await
        .click()
        .await
        .expect("ticked");
}

async fn at_the_desk(app: &TestApp, w: &Words) {
    let person = iin("871008", 3, w.serial + 1);
    app.registry_person(&person, json!({})).await;
    let unknown = iin("900101", 3, w.serial + 2);

    let browser = Browser::start(&app.base, &format!("desk-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "spec.desk", "staff-pass-1")
        .await;
    browser.open("/workspace/desk").await;
    assert!(browser.text("h1").await.contains(w.desk_title));

    // Bad input: said next to its field, with a 422 (nothing written).
    browser
        .click_to("form[action=\"/workspace/desk\"] button", "an empty form")
        .await;
    for field in ["#iin-error", "#phone-error", "#personal_data_consent-error"] {
        assert!(browser.find_all_count(field).await == 1, "{field}");
    }
    fill_person(&browser, "123").await;
    browser
        .click_to("form[action=\"/workspace/desk\"] button", "a wrong IIN")
        .await;
    assert!(browser.find_all_count("#iin-error").await == 1);
    assert!(browser.find_all_count("#phone-error").await == 0);

    // A person the registries know: registered, the card linked.
    browser.open("/workspace/desk").await;
    fill_person(&browser, &person).await;
    browser
        .click_to(
            "form[action=\"/workspace/desk\"] button",
            "the registration",
        )
        .await;
    assert!(browser.text(".status").await.contains(w.registered));
    assert!(
        !browser.url().await.contains(&person),
        "no IIN in the address"
    );
    browser
        .click_to("a.button[href^=\"/workspace/registrations/\"]", "the card")
        .await;
    let card = browser.page_text().await;
    assert!(card.contains("Ахметов"), "{card}");

    // One they do not know: refused, with the notice of 214 App.3.
    browser.open("/workspace/desk").await;
    fill_person(&browser, &unknown).await;
    browser
        .click_to("form[action=\"/workspace/desk\"] button", "the refusal")
        .await;
    assert!(browser.text("h1").await.contains(w.notice_title));
    let ground = browser.text(".ground").await;
    assert!(ground.contains(w.ground), "{ground}");
    assert!(ground.contains("214 p.8"), "{ground}");
    assert!(browser.page_text().await.contains("214 App.3"));
    browser.close().await;
}

async fn forwarded_and_reviewed(app: &TestApp, w: &Words) {
    let resident = iin("871008", 3, w.serial + 3);
    app.registry_person(&resident, rural()).await;

    let browser = Browser::start(&app.base, &format!("desk-assistant-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "assistant.zb", "staff-pass-1")
        .await;
    browser
        .click_to("nav a[href=\"/assistant\"]", "the assistant's desk")
        .await;
    fill_person(&browser, &resident).await;
    browser.fill("#last_name", "Ахметов").await;
    browser.fill("#first_name", "Ерлан").await;
    browser
        .click_to("form[action=\"/assistant\"] button", "the forwarding")
        .await;
    assert!(browser.page_text().await.contains(w.sent));
    let list = browser.text("ol.notices").await;
    assert!(list.contains(w.forwarded), "{list}");
    assert!(!list.contains(&resident), "no IIN in the list");
    browser.close().await;

    // The district's center reviews it.
    let specialist = app.login("spec.district", "staff-pass-1").await;
    let id = pending_review(app, &specialist).await;
    let browser = Browser::start(&app.base, &format!("desk-review-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "spec.district", "staff-pass-1")
        .await;
    browser
        .open(&format!("/workspace/registrations/{id}"))
        .await;
    assert!(browser.text("h1").await.contains(w.review_title));
    let shown = browser.page_text().await;
    assert!(!shown.contains(&resident), "no IIN on the review");
    assert!(shown.contains("214 p.20"), "{shown}");
    browser
        .find("#decision-accept")
        .await
        .click()
        .await
        .expect("chosen");
    browser
        .click_to(
            &format!("form[action=\"/workspace/registrations/{id}/review\"] button"),
            "the decision",
        )
        .await;
    assert!(browser.text(".status").await.contains(w.registered));
    browser.close().await;
}

/// The one application waiting for the review at the specialist's center.
async fn pending_review(app: &TestApp, token: &str) -> String {
    let (status, list) = app
        .get(
            "/api/v1/career-center/registrations?status=pending_review",
            Some(token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{list:?}");
    list[0]["id"].as_str().expect("an id").to_string()
}

#[tokio::test]
async fn a_specialist_registers_at_the_desk_and_reviews_what_an_assistant_forwards() {
    let app = TestApp::spawn().await;
    app.staff("spec.desk", "career_center_specialist", Some(DESK))
        .await;
    app.staff(
        "spec.district",
        "career_center_specialist",
        Some(DISTRICT_CENTER),
    )
    .await;
    app.staff("assistant.zb", "assistant", Some("rd-burabay-zeleny-bor"))
        .await;
    for words in [&KK, &RU] {
        at_the_desk(&app, words).await;
        forwarded_and_reviewed(&app, words).await;
    }
}

#[tokio::test]
async fn a_specialist_deregisters_an_unemployed_person_on_a_ground() {
    let app = TestApp::spawn().await;
    let kk = app
        .unemployed("aigul@example.kz", &iin("871008", 4, 6301), json!({}))
        .await;
    app.set_clock(WORKING_MORNING).await;
    let ru = app
        .unemployed("olga@example.kz", &iin("871008", 4, 6302), json!({}))
        .await;
    app.staff("spec.desk", "career_center_specialist", Some(DESK))
        .await;
    for (w, id) in [(&KK, kk), (&RU, ru)] {
        let browser = Browser::start(&app.base, &format!("desk-deregister-{}", w.lang)).await;
        browser
            .sign_in(Some(w.lang), "spec.desk", "staff-pass-1")
            .await;
        browser
            .open(&format!("/workspace/registrations/{id}"))
            .await;
        browser
            .click_to("a[href$=\"/deregister\"]", "the deregistration form")
            .await;
        // No ground chosen: said next to the field.
        browser
            .click_to("form[action$=\"/deregister\"] button", "no ground")
            .await;
        assert!(browser.find_all_count("#ground_code-error").await == 1);
        browser.choose("#ground_code", "no_show").await;
        browser
            .click_to("form[action$=\"/deregister\"] button", "the deregistration")
            .await;
        let history = browser.text("ol.history").await;
        assert!(history.contains(w.deregistered), "{history}");
        assert!(browser.find_all_count("a[href$=\"/deregister\"]").await == 0);
        browser.close().await;
    }
    let (status, reg) = app
        .get(
            &format!(
                "/api/v1/registrations/{}",
                app_id(&app, "aigul@example.kz").await
            ),
            Some(
                &app.staff("spec.other", "career_center_specialist", Some(DESK))
                    .await,
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reg}");
    assert_eq!(reg["deregistration_code"], "no_show", "{reg}");
}

async fn app_id(app: &TestApp, login: &str) -> String {
    let mine: Value = app.my_registration(login).await;
    mine["id"].as_str().expect("an id").to_string()
}

#[tokio::test]
async fn the_desks_keep_to_their_roles_and_regions() {
    let app = TestApp::spawn().await;
    let assistant = app.assistant().await;
    let (status, forwarded) = app.forward_rural(&assistant, &iin("871008", 3, 6401)).await;
    assert_eq!(status, StatusCode::CREATED, "{forwarded}");
    let forwarded = forwarded["id"].as_str().expect("an id").to_string();
    let unemployed = app
        .unemployed("aigul@example.kz", &iin("871008", 4, 6402), json!({}))
        .await;

    for path in ["/workspace/desk", "/assistant"] {
        let anonymous = reqwest::Client::new()
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{path}");
    }

    // A citizen has neither desk.
    let browser = Browser::start(&app.base, "desk-citizen").await;
    browser
        .sign_in(Some("ru"), "aigul@example.kz", "secret123")
        .await;
    for path in ["/workspace/desk", "/assistant"] {
        browser.open(path).await;
        assert_eq!(
            browser.status_shown().await.as_deref(),
            Some("403"),
            "{path}"
        );
    }
    browser.close().await;

    // The assistant has no specialist's desk.
    let browser = Browser::start(&app.base, "desk-assistant-wall").await;
    browser
        .sign_in(Some("kk"), "assistant.zb", "staff-pass-1")
        .await;
    browser.open("/workspace/desk").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;

    // Another region's specialist neither reviews nor deregisters this region's cases.
    app.staff(
        "spec.a",
        "career_center_specialist",
        Some("cc-astana-saryarka"),
    )
    .await;
    let browser = Browser::start(&app.base, "desk-other-region").await;
    browser.sign_in(Some("ru"), "spec.a", "staff-pass-1").await;
    for path in [
        format!("/workspace/registrations/{forwarded}"),
        format!("/workspace/registrations/{unemployed}/deregister"),
    ] {
        browser.open(&path).await;
        assert_eq!(
            browser.status_shown().await.as_deref(),
            Some("403"),
            "{path}"
        );
        assert!(browser.find_all_count("form[action$=\"/review\"]").await == 0);
        assert!(browser.find_all_count("#ground_code").await == 0);
    }
    browser.close().await;

    // The district's center refuses it: a refusal needs its ground, then gives the notice.
    app.staff(
        "spec.district",
        "career_center_specialist",
        Some(DISTRICT_CENTER),
    )
    .await;
    let browser = Browser::start(&app.base, "desk-review-refusal").await;
    browser
        .sign_in(Some("ru"), "spec.district", "staff-pass-1")
        .await;
    browser
        .open(&format!("/workspace/registrations/{forwarded}"))
        .await;
    let submit = format!("form[action=\"/workspace/registrations/{forwarded}/review\"] button");
    browser
        .find("#decision-refuse")
        .await
        .click()
        .await
        .expect("chosen");
    browser.click_to(&submit, "a refusal without ground").await;
    assert!(browser.find_all_count("#refusal_code-error").await == 1);
    browser.choose("#refusal_code", "false_information").await;
    browser.click_to(&submit, "the refusal").await;
    assert!(browser.text("h1").await.contains(RU.notice_title));
    assert!(browser.text(".ground").await.contains("214 p.8"));
    // The registration's page then shows the notice.
    browser
        .open(&format!("/workspace/registrations/{forwarded}"))
        .await;
    assert!(browser.text("h1").await.contains(RU.notice_title));
    browser.close().await;
}
