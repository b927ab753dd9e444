//! The employer's cabinet, walked in Kazakh and in Russian: register the company, post a vacancy
//! and see a refusal of 214 p.66 next to its field, fix it and post, see a candidate with the
//! reasons of the match, hire. Another employer's vacancy is refused; each form says what is
//! wrong next to its field.

use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::*;

/// What the walk expects to read in each language.
struct Words {
    lang: &'static str,
    /// A serial for this walk's company and job seeker.
    serial: u32,
    verified: &'static str,
    below_minimum_wage: &'static str,
    not_a_number: &'static str,
    reason: &'static str,
    hired: &'static str,
    no_candidates: &'static str,
    too_early: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    serial: 301,
    verified: "Мемлекеттік тізілім растады",
    below_minimum_wage: "ең төменгі жалақыдан төмен",
    not_a_number: "Бүтін санды цифрмен енгізіңіз",
    reason: "сол кәсіп (+50)",
    hired: "Жұмысқа қабылданды",
    no_candidates: "Әзірге үміткерлер жоқ",
    too_early: "Келмеуді әлі белгілеуге болмайды",
};

const RU: Words = Words {
    lang: "ru",
    serial: 302,
    verified: "Подтверждено государственным реестром",
    below_minimum_wage: "ниже минимальной заработной платы",
    not_a_number: "Введите целое число цифрами",
    reason: "та же профессия (+50)",
    hired: "Принят на работу",
    no_candidates: "Кандидатов пока нет",
    too_early: "Неявку ещё нельзя отметить",
};

/// The ids of the fields a form marks invalid.
async fn invalid_fields(browser: &Browser) -> Vec<String> {
    let value = browser
        .script(
            "return Array.from(document.querySelectorAll('[aria-invalid=true]')).map(e => e.id);",
        )
        .await;
    serde_json::from_value(value).expect("a list")
}

async fn employer_walks(app: &TestApp, w: &Words) {
    // The head of the company, with a proven IIN, and a job seeker for accounting work in
    // Kokshetau with a resume (set up through the API).
    let login = format!("head.{}@example.kz", w.lang);
    let token = app.citizen(&login).await;
    let company = bin("1503", w.serial);
    app.head_of(&token, &company).await;
    let seeker = format!("seeker.{}@example.kz", w.lang);
    app.job_seeker_with_resume(&seeker, &iin("870101", 3, w.serial), json!({}))
        .await;

    let browser = Browser::start(&app.base, &format!("employer-{}", w.lang)).await;
    browser.sign_in(None, &login, PASSWORD).await;
    browser.open("/employer").await;
    browser.switch_to(w.lang).await;

    // The company: nothing filled in, then the whole form.
    browser
        .click_to("form.stack button[type=submit]", "an empty registration")
        .await;
    assert_eq!(
        invalid_fields(&browser).await,
        ["bin", "name", "district_code", "locality_code"]
    );
    browser.fill("#bin", &company).await;
    browser.fill("#name", "ТОО «Дала Есеп»").await;
    browser.choose("#region_code", "110000000").await;
    browser.fill("#district_code", "111000000").await;
    browser.fill("#locality_code", "111010000").await;
    browser
        .click_to("form.stack button[type=submit]", "the registration")
        .await;
    assert_eq!(browser.text("#verification").await, w.verified);
    assert!(browser.text(".notice").await.len() > 10, "the empty state");

    // A vacancy: a count that is not a number, then pay below the minimum wage (214 p.66).
    browser
        .click_to("a[href=\"/employer/vacancies/new\"]", "the vacancy form")
        .await;
    browser.fill("#title", "Бухгалтер").await;
    browser.choose("#occupation_code", "2411").await;
    browser.fill("#positions", "екі").await;
    browser.fill("#salary_from", "50000").await;
    browser.choose("#work_regime", "full_time").await;
    browser
        .click_to(
            "form.stack button[type=submit]",
            "a vacancy with a bad count",
        )
        .await;
    assert_eq!(invalid_fields(&browser).await, ["positions"]);
    assert!(browser
        .text("#positions-error")
        .await
        .contains(w.not_a_number));
    browser.fill("#positions", "1").await;
    browser
        .click_to(
            "form.stack button[type=submit]",
            "a vacancy below the minimum wage",
        )
        .await;
    assert_eq!(invalid_fields(&browser).await, ["salary_from"]);
    assert!(browser
        .text("#salary_from-error")
        .await
        .contains(w.below_minimum_wage));
    assert_eq!(
        browser.find("#title").await.prop("value").await.unwrap(),
        Some("Бухгалтер".to_string()),
        "what was typed is kept"
    );
    browser.fill("#salary_from", "250000").await;
    browser
        .click_to("form.stack button[type=submit]", "the vacancy posted")
        .await;
    assert_eq!(browser.text("h1").await, "Бухгалтер");
    let url = browser.url().await;
    let vacancy = url.rsplit('/').next().expect("an id").to_string();

    // The platform's selection offered it to the job seeker, who accepts: a candidate.
    app.run_due_jobs().await;
    let offer = app.offer_of(&seeker, &vacancy).await;
    let (status, body) = app.answer_offer(&seeker, &offer, true).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{body}");
    let candidate = offer["id"].as_str().expect("an id").to_string();
    browser
        .open(&format!("/employer/vacancies/{vacancy}"))
        .await;
    let card = browser.text(".candidate").await;
    assert!(card.contains("Ахметов Ерлан"), "{card}");
    assert!(browser.text(".reasons").await.contains(w.reason), "{card}");

    // The interview form without its day and place, then the hire.
    browser
        .click_to("form.interview button[type=submit]", "an empty interview")
        .await;
    assert_eq!(
        invalid_fields(&browser).await,
        [format!("at-{candidate}"), format!("place-{candidate}")]
    );
    // An interview tomorrow; a no-show cannot be recorded before it (214 p.51(3)).
    browser
        .script(&format!(
            "document.querySelector('#at-{candidate}').value = '2026-03-18T10:00'; return 1;"
        ))
        .await;
    browser
        .fill(&format!("#place-{candidate}"), "Абай к-сі, 1")
        .await;
    browser
        .click_to("form.interview button[type=submit]", "the interview set")
        .await;
    assert!(browser.text(".candidate").await.contains("10:00"));
    browser
        .click_to("button.no-show", "a no-show too early")
        .await;
    assert!(browser
        .text(&format!("#candidate-{candidate}-error"))
        .await
        .contains(w.too_early));
    browser.click_to("button.hire", "the candidate hired").await;
    assert_eq!(browser.text(".candidate-status").await, w.hired);

    // The cabinet lists the vacancy; a new one has no candidates yet.
    browser.open("/employer").await;
    assert!(browser.text(".own-vacancies").await.contains("Бухгалтер"));
    browser.close().await;
}

#[tokio::test]
async fn an_employer_registers_posts_a_vacancy_past_a_refusal_and_hires_a_candidate() {
    let app = TestApp::spawn().await;
    for words in [&KK, &RU] {
        employer_walks(&app, words).await;
    }
}

#[tokio::test]
async fn another_employers_vacancy_is_refused_and_an_empty_one_says_what_to_do() {
    let app = TestApp::spawn().await;
    let other = app.employer("other@example.kz", esep(401)).await;
    let (_, theirs) = app
        .post_vacancy(&other, accounting_vacancy("Кассир", "full_time"))
        .await;
    let theirs = theirs["id"].as_str().expect("an id").to_string();
    let mine = app.employer("mine@example.kz", esep(402)).await;
    let (_, own) = app
        .post_vacancy(&mine, accounting_vacancy("Экономист", "full_time"))
        .await;
    let own = own["id"].as_str().expect("an id").to_string();

    let browser = Browser::start(&app.base, "employer-scope").await;
    browser.sign_in(None, "mine@example.kz", PASSWORD).await;
    for w in [&KK, &RU] {
        browser.open("/employer").await;
        browser.switch_to(w.lang).await;
        browser.open(&format!("/employer/vacancies/{own}")).await;
        assert!(browser.text(".notice").await.contains(w.no_candidates));
        // The vacancy edited: a refusal next to its field, then new terms.
        browser
            .click_to(
                &format!("a[href=\"/employer/vacancies/{own}/edit\"]"),
                "the vacancy's form",
            )
            .await;
        // Its terms: as posted, then as the walk in the language before left them.
        let shown = browser
            .find("#salary_from")
            .await
            .prop("value")
            .await
            .unwrap();
        let expected = if w.lang == "kk" { "250000" } else { "300000" };
        assert_eq!(
            shown.as_deref(),
            Some(expected),
            "the form shows the vacancy's terms"
        );
        browser.fill("#salary_from", "10000").await;
        browser.fill("#salary_to", "").await;
        browser
            .click_to(
                "form.stack button[type=submit]",
                "an edit below the minimum wage",
            )
            .await;
        assert_eq!(invalid_fields(&browser).await, ["salary_from"]);
        assert!(browser
            .text("#salary_from-error")
            .await
            .contains(w.below_minimum_wage));
        let title = format!("Экономист ({})", w.lang);
        browser.fill("#title", &title).await;
        browser.fill("#salary_from", "300000").await;
        browser
            .click_to("form.stack button[type=submit]", "the vacancy edited")
            .await;
        assert_eq!(browser.text("h1").await, title);
        // Another employer's vacancy: neither its page nor its form.
        for path in ["", "/edit"] {
            browser
                .open(&format!("/employer/vacancies/{theirs}{path}"))
                .await;
            assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
            assert_eq!(browser.lang().await, w.lang);
        }
    }
    // Every page of the cabinet fits a phone's width.
    browser
        .client
        .set_window_size(390, 844)
        .await
        .expect("a phone's window");
    for path in [
        "/employer".to_string(),
        "/employer/vacancies/new".to_string(),
        format!("/employer/vacancies/{own}"),
        format!("/employer/vacancies/{own}/edit"),
        "/employer/colleagues".to_string(),
        "/employer/layoffs".to_string(),
        "/employer/subsidised".to_string(),
    ] {
        browser.open(&path).await;
        let fits = browser
            .script("return document.documentElement.scrollWidth <= window.innerWidth;")
            .await;
        assert_eq!(
            fits,
            serde_json::Value::Bool(true),
            "{path} is wider than a phone"
        );
    }
    browser.close().await;

    // Signed out, the cabinet asks to sign in.
    let status = reqwest::get(format!("{}/employer", app.base))
        .await
        .unwrap()
        .status();
    assert_eq!(status, reqwest::StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_employer_invites_a_colleague_who_joins_and_is_removed() {
    let app = TestApp::spawn().await;
    app.employer("owner@example.kz", esep(501)).await;
    let browser = Browser::start(&app.base, "employer-colleagues").await;
    browser.sign_in(None, "owner@example.kz", PASSWORD).await;
    for (w, invited, remove) in [
        (&KK, "жауап күтілуде", "Шығару"),
        (&RU, "ждёт ответа", "Исключить"),
    ] {
        let colleague = format!("colleague.{}@example.kz", w.lang);
        let token = app.citizen(&colleague).await;
        browser.open("/employer/colleagues").await;
        browser.switch_to(w.lang).await;
        assert!(browser.text(".members").await.contains("owner@example.kz"));
        // Nothing typed, then a login nobody has.
        browser
            .click_to("form.stack button[type=submit]", "an empty invitation")
            .await;
        assert_eq!(invalid_fields(&browser).await, ["login"]);
        browser.fill("#login", "nobody@example.kz").await;
        browser
            .click_to("form.stack button[type=submit]", "an invitation to nobody")
            .await;
        assert_eq!(invalid_fields(&browser).await, ["login"]);
        browser.fill("#login", &colleague).await;
        browser
            .click_to("form.stack button[type=submit]", "the invitation sent")
            .await;
        assert!(browser.text(".invitations").await.contains(invited));
        // The colleague accepts (through the API), joins, and is removed.
        let (_, mine) = app
            .get("/api/v1/me/employer-invitations", Some(&token))
            .await;
        let id = mine[0]["id"].as_str().expect("an invitation").to_string();
        let (status, body) = app
            .post(
                &format!("/api/v1/me/employer-invitations/{id}/accept"),
                Some(&token),
                json!({}),
            )
            .await;
        assert_eq!(status, reqwest::StatusCode::OK, "{body}");
        browser.open("/employer/colleagues").await;
        assert!(browser.text(".members").await.contains(&colleague));
        assert_eq!(browser.text("button.remove").await, remove);
        browser
            .click_to("button.remove", "the colleague removed")
            .await;
        assert!(!browser.text(".members").await.contains(&colleague));
        let (status, _) = app.get("/api/v1/employers/me", Some(&token)).await;
        assert_eq!(status, reqwest::StatusCode::FORBIDDEN);
    }
    browser.close().await;
}

#[tokio::test]
async fn an_employer_gives_notice_of_a_layoff() {
    let app = TestApp::spawn().await;
    app.employer("layoffs@example.kz", esep(601)).await;
    let browser = Browser::start(&app.base, "employer-layoffs").await;
    browser.sign_in(None, "layoffs@example.kz", PASSWORD).await;
    for (w, position) in [(&KK, "Оператор"), (&RU, "Слесарь")] {
        browser.open("/employer/layoffs").await;
        browser.switch_to(w.lang).await;
        // Nothing filled in; then a day already past.
        browser
            .click_to("form.stack button[type=submit]", "an empty layoff notice")
            .await;
        assert_eq!(
            invalid_fields(&browser).await,
            ["planned_on", "position", "count"]
        );
        browser
            .script("document.querySelector('#planned_on').value = '2026-03-01'; return 1;")
            .await;
        browser.fill("#position", position).await;
        browser.fill("#count", "12").await;
        browser
            .click_to("form.stack button[type=submit]", "a layoff in the past")
            .await;
        assert_eq!(invalid_fields(&browser).await, ["planned_on"]);
        browser
            .script("document.querySelector('#planned_on').value = '2026-06-01'; return 1;")
            .await;
        browser
            .click_to("form.stack button[type=submit]", "the layoff notice sent")
            .await;
        assert!(browser.text(".notices").await.contains(position));
    }
    browser.close().await;
}
