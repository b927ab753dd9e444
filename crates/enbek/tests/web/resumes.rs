//! The published resumes, for an employer looking for staff (214 p.77): found by occupation, pay
//! and the words of the occupation's name, with the public fields only; a visitor is asked to sign in and a citizen is refused.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;

/// Three job seekers' resumes (two published: an accountant and a welder; one not) and an
/// employer whose head is `hr@example.kz` (password `secret123`).
async fn with_resumes(app: &TestApp) {
    for (n, (published, code, pay)) in [
        (true, "2411", 300_000),
        (true, "7212", 450_000),
        (false, "2411", 250_000),
    ]
    .into_iter()
    .enumerate()
    {
        let token = app.citizen(&format!("seeker{n}@example.kz")).await;
        let resume = json!({
            "occupation_codes": [code], "experience_years": 6, "education_level": "higher",
            "skills": ["1С", "МСФО"], "desired_salary": pay, "work_regime": "full_time",
            "locality_code": "111010000", "languages": ["kk", "ru"],
            "willing_to_relocate": n == 1, "published": published
        });
        let (status, body) = app
            .call(Method::PUT, "/api/v1/me/resume", Some(&token), Some(resume))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let token = app.citizen("hr@example.kz").await;
    let company = bin("1503", 211);
    app.head_of(&token, &company).await;
    let (status, body) = app
        .post(
            "/api/v1/employers",
            Some(&token),
            json!({ "bin": company, "name": "ТОО «Есеп»", "region_code": "110000000",
                    "district_code": "111000000", "locality_code": "111010000" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// What the walk reads in each language.
struct Words {
    lang: &'static str,
    two_found: &'static str,
    one_found: &'static str,
    not_a_number: &'static str,
    years: &'static str,
    /// A form of a word of the welders' occupation's name.
    welder: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    two_found: "Табылған түйіндемелер: 2",
    one_found: "Табылған түйіндемелер: 1",
    not_a_number: "сандармен",
    years: "6 жыл",
    welder: "дәнекерлеуші",
};

const RU: Words = Words {
    lang: "ru",
    two_found: "Найдено резюме: 2",
    one_found: "Найдено резюме: 1",
    not_a_number: "цифрами",
    years: "6 лет",
    welder: "сварщика",
};

async fn employer_finds_resumes(app: &TestApp, w: &Words) {
    let browser = Browser::start(&app.base, &format!("resumes-{}", w.lang)).await;
    browser.open("/sign-in").await;
    browser
        .click_to(
            &format!(".langs button[value=\"{}\"]", w.lang),
            "the language switch",
        )
        .await;
    browser.fill("#login", "hr@example.kz").await;
    browser.fill("#password", "secret123").await;
    browser
        .click_to("form.stack button[type=submit]", "the sign-in")
        .await;
    browser
        .click_to("nav a[href=\"/resumes\"]", "the published resumes")
        .await;
    assert_eq!(browser.text("#results-title").await, w.two_found);
    // Numbers are grouped with no-break spaces.
    let page = browser
        .page_text()
        .await
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(page.contains(w.years), "{page}");
    assert!(page.contains("450 000"), "{page}");
    for private in ["seeker0", "seeker1", "seeker2"] {
        assert!(!page.contains(private), "{private} shown");
    }

    // By occupation: the accountant only (the unpublished one is never shown).
    browser.choose("#occupation", "2411").await;
    browser
        .click_to("form[role=search] button[type=submit]", "the search")
        .await;
    assert_eq!(browser.text("#results-title").await, w.one_found);
    assert!(browser
        .page_text()
        .await
        .replace(['\u{a0}', '\u{202f}'], " ")
        .contains("300 000"));

    // A pay that is not a number is said next to its field.
    browser.fill("#salary_max", "много").await;
    browser
        .click_to("form[role=search] button[type=submit]", "a bad pay")
        .await;
    let invalid = browser
        .find("#salary_max")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    assert!(browser
        .text("#salary_max-error")
        .await
        .contains(w.not_a_number));

    // By pay asked at most: the welder asks more.
    browser.open("/resumes?salary_max=400000").await;
    assert_eq!(browser.text("#results-title").await, w.one_found);

    // By a word of the occupation's name, in another form: the welder, and the words stay in
    // the field and in the pages' addresses.
    browser.open("/resumes").await;
    browser.fill("#q", w.welder).await;
    browser
        .click_to("form[role=search] button[type=submit]", "the words")
        .await;
    assert_eq!(browser.text("#results-title").await, w.one_found);
    let page = browser
        .page_text()
        .await
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(page.contains("450 000"), "{page}");
    let kept = browser.find("#q").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(w.welder));
    browser.close().await;
}

#[tokio::test]
async fn an_employer_finds_published_resumes_without_personal_data() {
    let app = TestApp::spawn().await;
    with_resumes(&app).await;
    for words in [&KK, &RU] {
        employer_finds_resumes(&app, words).await;
    }
}

#[tokio::test]
async fn a_visitor_is_asked_to_sign_in_and_a_citizen_may_not_read_resumes() {
    let app = TestApp::spawn().await;
    with_resumes(&app).await;
    let client = reqwest::Client::new();
    let anonymous = client
        .get(format!("{}/resumes", app.base))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert!(anonymous
        .text()
        .await
        .unwrap()
        .contains("войдите в систему"));

    let browser = Browser::start(&app.base, "resumes-citizen").await;
    // A visitor is shown the link (and asked to sign in); a job seeker is not shown it.
    browser.open("/").await;
    assert_eq!(browser.find_all_count("nav a[href=\"/resumes\"]").await, 1);
    browser
        .sign_in(None, "seeker0@example.kz", "secret123")
        .await;
    assert_eq!(browser.find_all_count("nav a[href=\"/resumes\"]").await, 0);
    browser.open("/resumes").await;
    assert_eq!(browser.status_shown().await, Some("403".to_string()));
    assert!(!browser.page_text().await.contains("МСФО"));
    browser.close().await;
}
