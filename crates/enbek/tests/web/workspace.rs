//! The career center's workspace, walked in Kazakh and in Russian: the queue with its terms and
//! points of law, a person found by IIN (the IIN never in an address, the read audited), and the
//! role walls — a visitor is asked to sign in, a citizen refused, another region's specialist
//! kept out of the card.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::helpers::*;

const CENTER: &str = "cc-burabay";

/// A job seeker registered on the portal at the Burabay center, and an application an
/// assistant forwarded there from a village of Burabay district: its IIN.
async fn with_cases(app: &TestApp) -> String {
    let person = iin("871008", 3, 4031);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("dana@example.kz").await;
    app.prove(&token, &person).await;
    let (status, reg) = app
        .post(
            "/api/v1/registrations",
            Some(&token),
            application(&person, CENTER),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");

    let rural = iin("900215", 4, 4032);
    app.registry_person(
        &rural,
        json!({ "district_code": "117000000", "locality_code": "117049100" }),
    )
    .await;
    let assistant = app
        .staff("assistant.zb", "assistant", Some("rd-burabay-zeleny-bor"))
        .await;
    let mut form = application(&rural, CENTER);
    form.as_object_mut().unwrap().remove("career_center_id");
    let (status, forwarded) = app
        .post("/api/v1/assistant/registrations", Some(&assistant), form)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{forwarded}");
    person
}

struct Words {
    lang: &'static str,
    review: &'static str,
    pending: &'static str,
    invalid: &'static str,
    not_found: &'static str,
    registered: &'static str,
    through_assistant: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    review: "Көмекші жіберген өтінішті қарау",
    pending: "Бұл өтінішті ауылдық округ әкімінің көмекшісі жіберді",
    invalid: "ЖСН дұрыс емес",
    not_found: "карточкасы жоқ",
    registered: "Жұмыс іздеуші ретінде тіркелді",
    through_assistant: "әкім көмекшісі арқылы",
};

const RU: Words = Words {
    lang: "ru",
    review: "Рассмотреть заявление, переданное помощником",
    pending: "Это заявление передал помощник акима сельского округа",
    invalid: "Неверный ИИН",
    not_found: "Карточки занятости с этим ИИН нет",
    registered: "Зарегистрирован как ищущий работу",
    through_assistant: "через помощника акима",
};

async fn specialist_works(app: &TestApp, w: &Words, person: &str) {
    let browser = Browser::start(&app.base, &format!("workspace-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "spec.k", "staff-pass-1")
        .await;
    browser
        .click_to("nav a[href=\"/workspace\"]", "the workspace")
        .await;
    let queue = browser.text("table.queue").await;
    assert!(queue.contains(w.review), "{queue}");
    assert!(queue.contains("214 p.20"), "{queue}");

    // The filters are the address's: a kind the queue does not hold leaves nothing, and says so;
    // the forwarded application's kind keeps it.
    browser.choose("#kind", "no_show").await;
    browser
        .click_to("form.filter-bar button", "the no-show filter")
        .await;
    assert!(browser.url().await.contains("kind=no_show"));
    assert_eq!(browser.find_all_count("#queue-none-chosen").await, 1);
    browser.choose("#kind", "review_forwarded").await;
    browser
        .click_to("form.filter-bar button", "the review filter")
        .await;
    assert!(browser.text("table.queue").await.contains(w.review));

    // The center's registrations, a page at a time: both, then the one waiting for its review.
    browser
        .click_to("a[href=\"/workspace/registrations\"]", "the registrations")
        .await;
    assert_eq!(
        browser.find_all_count("table.registrations tbody tr").await,
        2
    );
    browser.choose("#status", "pending_review").await;
    browser
        .click_to("form.filter-bar button", "the pending filter")
        .await;
    assert_eq!(
        browser.find_all_count("table.registrations tbody tr").await,
        1
    );
    assert!(browser.text("#registrations-found").await.contains('1'));
    assert!(browser
        .text("table.registrations")
        .await
        .contains(w.through_assistant));
    browser.open("/workspace").await;
    browser
        .click_to("table.queue a", "the forwarded application")
        .await;
    assert!(browser.page_text().await.contains(w.pending));

    // A wrong IIN and an unknown one are said next to the field.
    browser.open("/workspace").await;
    browser.fill("#iin", "123").await;
    browser
        .click_to("form[action=\"/workspace/find\"] button", "a wrong IIN")
        .await;
    assert!(browser.text("#iin-error").await.contains(w.invalid));
    browser.fill("#iin", &iin("750101", 3, 9999)).await;
    browser
        .click_to("form[action=\"/workspace/find\"] button", "an unknown IIN")
        .await;
    assert!(browser.text("#iin-error").await.contains(w.not_found));

    // The person's card: found by IIN, which stays out of the address.
    browser.fill("#iin", person).await;
    browser
        .click_to("form[action=\"/workspace/find\"] button", "the card")
        .await;
    assert!(!browser.url().await.contains(person));
    let card = browser.page_text().await;
    assert!(card.contains(w.registered), "{card}");
    browser.close().await;
}

/// How many reads of person cards the audit trail holds.
async fn card_reads(app: &TestApp) -> usize {
    let (status, audit) = app
        .get("/api/v1/audit?entity=person", Some(&app.admin))
        .await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    audit
        .as_array()
        .map(|a| a.iter().filter(|e| e["action"] == "read").count())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_specialist_works_the_queue_and_finds_a_person_by_iin() {
    let app = TestApp::spawn().await;
    let person = with_cases(&app).await;
    app.specialist_account("spec.k").await;
    let before = card_reads(&app).await;
    for words in [&KK, &RU] {
        specialist_works(&app, words, &person).await;
    }
    assert_eq!(card_reads(&app).await, before + 2, "each card read audited");
}

#[tokio::test]
async fn the_workspace_is_for_caseworkers_of_the_cards_own_region() {
    let app = TestApp::spawn().await;
    let person = with_cases(&app).await;
    let anonymous = reqwest::Client::new()
        .get(format!("{}/workspace", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // A citizen gets no workspace.
    let browser = Browser::start(&app.base, "workspace-citizen").await;
    browser
        .sign_in(Some("ru"), "dana@example.kz", "secret123")
        .await;
    assert!(browser.find_all_count("nav a[href=\"/workspace\"]").await == 0);
    browser.open("/workspace").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;

    // Another region's specialist finds no card of this region.
    app.staff(
        "spec.a",
        "career_center_specialist",
        Some("cc-astana-saryarka"),
    )
    .await;
    let browser = Browser::start(&app.base, "workspace-other").await;
    browser.sign_in(Some("ru"), "spec.a", "staff-pass-1").await;
    browser.open("/workspace").await;
    browser.fill("#iin", &person).await;
    browser
        .click_to(
            "form[action=\"/workspace/find\"] button",
            "another region's card",
        )
        .await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    assert!(!browser.page_text().await.contains("Зарегистрирован"));
    // Nor any list of this center's registrations: the list is of their own center.
    browser.open("/workspace/registrations").await;
    assert_eq!(
        browser.find_all_count("table.registrations tbody tr").await,
        0
    );
    browser.close().await;

    // Nor does a specialist of another center of the same region: a card is its center's.
    app.staff(
        "spec.kokshetau",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    let browser = Browser::start(&app.base, "workspace-other-center").await;
    browser
        .sign_in(Some("kk"), "spec.kokshetau", "staff-pass-1")
        .await;
    browser.open("/workspace").await;
    browser.fill("#iin", &person).await;
    browser
        .click_to(
            "form[action=\"/workspace/find\"] button",
            "another center's card",
        )
        .await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    assert!(!browser.page_text().await.contains("тіркелді"));
    browser.close().await;

    // The region's mobility center officer works the queue, but a center's list is its
    // specialists'.
    app.staff("officer.k", "mobility_center_officer", Some("mc-110000000"))
        .await;
    let browser = Browser::start(&app.base, "workspace-officer").await;
    browser
        .sign_in(Some("ru"), "officer.k", "staff-pass-1")
        .await;
    browser.open("/workspace").await;
    assert_eq!(
        browser
            .find_all_count("a[href=\"/workspace/registrations\"]")
            .await,
        0
    );
    browser.open("/workspace/registrations").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;
}

impl TestApp {
    /// A specialist of the Burabay center (password `staff-pass-1`).
    async fn specialist_account(&self, login: &str) -> Value {
        let token = self
            .staff(login, "career_center_specialist", Some(CENTER))
            .await;
        let (_, me) = self.get("/api/v1/me", Some(&token)).await;
        me
    }
}
