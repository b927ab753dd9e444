//! The portal's public pages and its sign-up, sign-in and sign-out, walked in Kazakh and in
//! Russian.

use reqwest::StatusCode;
use serde_json::json;

use crate::browser::Browser;
use crate::helpers::*;

/// An employer with three open vacancies: two accountants (full and part time) and a welder.
async fn with_vacancies(app: &TestApp) {
    let token = app.citizen("hr@example.kz").await;
    let company = bin("1503", 210);
    app.head_of(&token, &company).await;
    let (status, body) = app
        .post(
            "/api/v1/employers",
            Some(&token),
            json!({ "bin": company, "name": "ТОО «Көкше Құрылыс»", "region_code": "110000000",
                    "district_code": "111000000", "locality_code": "111010000" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    for (title, regime, from, to, employment) in [
        (
            "Бухгалтер",
            "full_time",
            250_000,
            Some(320_000),
            "permanent",
        ),
        ("Бухгалтер-кассир", "part_time", 150_000, None, "temporary"),
        ("Сварщик", "shift", 400_000, None, "permanent"),
    ] {
        let (status, body) = app
            .post(
                "/api/v1/vacancies",
                Some(&token),
                json!({
                    "title": title, "occupation_code": "2411", "positions": 2,
                    "salary_from": from, "salary_to": to, "work_regime": regime,
                    "employment_type": employment, "education_level": "higher",
                    "experience_years": 2, "skills": ["1С"], "region_code": "110000000",
                    "district_code": "111000000", "locality_code": "111010000",
                    "description": "Учёт и отчётность"
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}

/// What the walks expect to read in each language.
struct Words {
    lang: &'static str,
    /// A form of "accountant" other than the title's.
    word_form: &'static str,
    found_one: &'static str,
    pay: &'static str,
    posted: &'static str,
    sign_in: &'static str,
    wrong_password: &'static str,
    csrf: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    word_form: "бухгалтерлер",
    found_one: "Табылған бос жұмыс орындары: 1",
    pay: "250\u{a0}000 – 320\u{a0}000\u{a0}₸",
    posted: "2026 жылғы 17 наурыз",
    sign_in: "Кіру",
    wrong_password: "Логин немесе құпиясөз қате.",
    csrf: "Форманың мерзімі өтіп кеткен",
};

const RU: Words = Words {
    lang: "ru",
    word_form: "бухгалтеров",
    found_one: "Найдена 1 вакансия",
    pay: "250\u{a0}000 – 320\u{a0}000\u{a0}₸",
    posted: "17 марта 2026 г.",
    sign_in: "Войти",
    wrong_password: "Неверный логин или пароль.",
    csrf: "Срок действия формы истёк",
};

async fn visitor_searches_and_opens_a_vacancy(app: &TestApp, w: &Words) {
    let browser = Browser::start(&app.base, &format!("search-{}", w.lang)).await;
    browser.open("/").await;
    browser.switch_to(w.lang).await;
    // The home page's search, with a word in another form than the title's.
    browser.fill("#q", w.word_form).await;
    browser
        .click_to("form[role=search] button[type=submit]", "the search")
        .await;
    assert_eq!(browser.lang().await, w.lang, "the language is remembered");
    let titles = browser.text(".results").await;
    assert!(titles.contains("Бухгалтер-кассир"), "{titles}");
    assert!(!titles.contains("Сварщик"), "{titles}");
    // A filter: full time only.
    browser.choose("#regime", "full_time").await;
    browser
        .click_to("form[role=search] button.primary", "the filtered search")
        .await;
    assert_eq!(browser.text("#results-title").await, w.found_one);
    let results = browser.text(".results").await;
    assert!(
        results.contains("Бухгалтер") && !results.contains("кассир"),
        "{results}"
    );
    // Each option with what choosing it would find: the regimes under the words alone, the
    // region under the words and the regime.
    for (option, count) in [
        ("#regime option[value=full_time]", "(1)"),
        ("#regime option[value=part_time]", "(1)"),
        ("#regime option[value=shift]", "(0)"),
        ("#region option[value='110000000']", "(1)"),
        ("#region option[value='610000000']", "(0)"),
    ] {
        let label = browser
            .script(&format!(
                "return document.querySelector(\"{option}\").textContent"
            ))
            .await;
        let label = label.as_str().unwrap_or_default();
        assert!(
            label.ends_with(count) && label.len() > 4,
            "{option}: {label}"
        );
    }
    browser.click_to(".results h3 a", "a vacancy").await;
    assert_eq!(browser.text("h1").await, "Бухгалтер");
    // The browser reads no-break spaces as spaces.
    let page = browser.page_text().await.replace('\u{a0}', " ");
    assert!(page.contains(&w.pay.replace('\u{a0}', " ")), "{page}");
    assert!(page.contains(w.posted), "{page}");
    assert!(page.contains("ТОО «Көкше Құрылыс»"), "{page}");
    // The order: highest pay first.
    browser.open("/vacancies").await;
    browser.choose("#sort", "salary").await;
    browser
        .click_to("form[role=search] button.primary", "the search by pay")
        .await;
    assert_eq!(browser.text(".results li h3").await, "Сварщик");
    // The type of employment: temporary work only.
    browser.open("/vacancies").await;
    browser.choose("#employment", "temporary").await;
    browser
        .click_to(
            "form[role=search] button.primary",
            "the search by employment",
        )
        .await;
    let results = browser.text(".results").await;
    assert!(
        results.starts_with("Бухгалтер-кассир") && results.matches("ТОО").count() == 1,
        "{results}"
    );
    // Posted in the last week: all three, posted today; a span not offered is named wrong.
    browser.open("/vacancies").await;
    browser.choose("#posted", "7").await;
    browser
        .click_to(
            "form[role=search] button.primary",
            "the search by date posted",
        )
        .await;
    let results = browser.text(".results").await;
    assert_eq!(results.matches("ТОО").count(), 3, "{results}");
    browser.open("/vacancies?posted=2").await;
    assert!(!browser.text("#posted-error").await.is_empty());
    // All open vacancies as one file of open data.
    let export = browser
        .client
        .find(fantoccini::Locator::Css(
            "a[href='/api/v1/open-data/vacancies.jsonl.gz']",
        ))
        .await
        .expect("the export's link");
    assert!(!export.text().await.unwrap().is_empty());
    browser.close().await;
}

#[tokio::test]
async fn a_visitor_searches_vacancies_with_a_word_form_and_a_filter_and_opens_one() {
    let app = TestApp::spawn().await;
    with_vacancies(&app).await;
    for words in [&KK, &RU] {
        visitor_searches_and_opens_a_vacancy(&app, words).await;
    }
}

/// The login shown in the header, if someone is signed in.
async fn signed_in_as(browser: &Browser) -> Option<String> {
    let found = browser
        .client
        .find_all(fantoccini::Locator::Css(".account .who"))
        .await
        .expect("a search");
    match found.first() {
        Some(who) => Some(who.text().await.expect("a text")),
        None => None,
    }
}

async fn person_signs_up_in_and_out(app: &TestApp, w: &Words) {
    let browser = Browser::start(&app.base, &format!("account-{}", w.lang)).await;
    let login = format!("ruslan.{}@example.kz", w.lang);
    browser.open("/sign-up").await;
    browser.switch_to(w.lang).await;
    browser.fill("#login", &login).await;
    browser.fill("#password", "Dala-Zhol-2026").await;
    browser
        .find("#accept_terms")
        .await
        .click()
        .await
        .expect("ticked");
    browser
        .click_to("form.stack button[type=submit]", "the sign-up")
        .await;
    assert_eq!(
        signed_in_as(&browser).await.as_deref(),
        Some(login.as_str())
    );
    // The session cookie: HttpOnly, SameSite=Lax; its value is in no address.
    let cookie = browser
        .client
        .get_named_cookie("enbek_session")
        .await
        .expect("the session cookie");
    assert_eq!(cookie.http_only(), Some(true));
    assert_eq!(format!("{:?}", cookie.same_site()), "Some(Lax)");
    assert!(!browser.url().await.contains(cookie.value()));
    // The account's language is the page's.
    let token = app.login(&login, "Dala-Zhol-2026").await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["locale"], w.lang);

    browser
        .click_to(".account button[type=submit]", "the sign-out")
        .await;
    assert_eq!(signed_in_as(&browser).await, None);
    assert_eq!(browser.lang().await, w.lang);

    browser.open("/sign-in").await;
    assert!(!browser.text("h1").await.is_empty());
    browser.fill("#login", &login).await;
    browser.fill("#password", "Dala-Zhol-2026").await;
    browser
        .click_to("form.stack button[type=submit]", "the sign-in")
        .await;
    assert_eq!(
        signed_in_as(&browser).await.as_deref(),
        Some(login.as_str())
    );
    // Signed in, the switch changes the language the account keeps: a browser that has no
    // choice of its own shows the person's pages in it, and notices are written in it.
    let other = if w.lang == "kk" { "ru" } else { "kk" };
    browser.switch_to(other).await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["locale"], other);
    browser
        .client
        .delete_cookie("enbek_lang")
        .await
        .expect("the language cookie removed");
    browser.open("/").await;
    assert_eq!(browser.lang().await, other, "the account's language");
    browser.switch_to(w.lang).await;
    browser
        .click_to(".account button[type=submit]", "the sign-out")
        .await;
    assert_eq!(signed_in_as(&browser).await, None);
    let nav = browser.text("nav").await;
    assert!(nav.contains(w.sign_in), "{nav}");
    browser.close().await;
}

#[tokio::test]
async fn a_person_signs_up_signs_in_and_signs_out() {
    let app = TestApp::spawn().await;
    for words in [&KK, &RU] {
        person_signs_up_in_and_out(&app, words).await;
    }
}

/// The ids of the fields a form marks invalid.
async fn invalid_fields(browser: &Browser) -> Vec<String> {
    let value = browser
        .script(
            "return Array.from(document.querySelectorAll('[aria-invalid=true]')).map(e => e.id);",
        )
        .await;
    serde_json::from_value(value).expect("a list")
}

#[tokio::test]
async fn every_form_says_what_is_wrong_next_to_its_field() {
    let app = TestApp::spawn().await;
    app.citizen("taken@example.kz").await;
    let browser = Browser::start(&app.base, "forms").await;
    browser.open("/sign-in").await;
    browser.switch_to("ru").await;

    // Sign-in: nothing entered, then a wrong password.
    browser
        .click_to("form.stack button[type=submit]", "an empty sign-in")
        .await;
    assert_eq!(invalid_fields(&browser).await, ["login", "password"]);
    assert!(browser
        .text(".error-summary")
        .await
        .contains("Введите пароль."));
    browser.fill("#login", "taken@example.kz").await;
    browser.fill("#password", "not-the-password").await;
    browser
        .click_to("form.stack button[type=submit]", "a wrong password")
        .await;
    assert_eq!(invalid_fields(&browser).await, ["login"]);
    assert_eq!(browser.text("#login-error").await, RU.wrong_password);
    assert_eq!(
        browser.find("#login").await.prop("value").await.unwrap(),
        Some("taken@example.kz".to_string()),
        "the login is kept, the password is not"
    );

    // Sign-up: a bad login, no agreement; then a weak password; then a taken login.
    browser.open("/sign-up").await;
    browser.fill("#login", "not a login").await;
    browser.fill("#password", "Dala-Zhol-2026").await;
    browser
        .click_to(
            "form.stack button[type=submit]",
            "a sign-up without the agreement",
        )
        .await;
    assert_eq!(invalid_fields(&browser).await, ["accept_terms"]);
    browser.find("#accept_terms").await.click().await.unwrap();
    browser.fill("#password", "Dala-Zhol-2026").await;
    browser
        .click_to(
            "form.stack button[type=submit]",
            "a sign-up with a bad login",
        )
        .await;
    assert_eq!(invalid_fields(&browser).await, ["login"]);
    assert!(browser.text("#login-error").await.contains("+7"));
    browser.fill("#login", "new@example.kz").await;
    browser.fill("#password", "password").await;
    browser
        .click_to("form.stack button[type=submit]", "a weak password")
        .await;
    assert_eq!(invalid_fields(&browser).await, ["password"]);
    assert!(browser
        .find("#accept_terms")
        .await
        .prop("checked")
        .await
        .unwrap()
        .is_some_and(|c| c == "true"));
    browser.fill("#login", "taken@example.kz").await;
    browser.fill("#password", "Dala-Zhol-2026").await;
    browser
        .click_to("form.stack button[type=submit]", "a taken login")
        .await;
    assert_eq!(invalid_fields(&browser).await, ["login"]);
    assert!(browser.text("#login-error").await.contains("уже есть"));

    // The search: a pay floor that is not a number.
    browser.open("/vacancies").await;
    browser.switch_to("kk").await;
    browser.fill("#salary_min", "көп").await;
    browser
        .click_to(
            "form[role=search] button.primary",
            "a search with a bad pay floor",
        )
        .await;
    assert_eq!(invalid_fields(&browser).await, ["salary_min"]);
    assert!(browser.text("#salary_min-error").await.contains("200000"));
    browser.close().await;
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_with_a_page_that_says_what_to_do() {
    let app = TestApp::spawn().await;
    app.citizen("someone@example.kz").await;
    // In the browser: the form's token taken out before sending.
    let browser = Browser::start(&app.base, "csrf").await;
    browser.open("/sign-in").await;
    for w in [&KK, &RU] {
        browser.switch_to(w.lang).await;
        browser
            .script("document.querySelector('form.stack input[name=csrf]').remove(); return 1;")
            .await;
        browser.fill("#login", "someone@example.kz").await;
        browser.fill("#password", "secret123").await;
        browser
            .click_to("form.stack button[type=submit]", "a form without its token")
            .await;
        assert_eq!(browser.status_shown().await, Some("403".to_string()));
        assert!(browser.text(".problem").await.contains(w.csrf));
        assert_eq!(signed_in_as(&browser).await, None, "not signed in");
        browser
            .click_to(".problem .actions a", "the page again")
            .await;
        assert!(browser.url().await.ends_with("/sign-in"));
    }
    browser.close().await;

    // Without a browser: a post from elsewhere, with no token, or with another visitor's.
    let client = reqwest::Client::new();
    let refused = client
        .post(format!("{}/sign-in", app.base))
        .header("accept-language", "ru")
        .form(&[("login", "someone@example.kz"), ("password", "secret123")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(refused.text().await.unwrap().contains(RU.csrf));
    let (nonce, token) = sign_in_form(&app).await;
    let post = |cookie: String, token: String| {
        client
            .post(format!("{}/sign-in", app.base))
            .header("cookie", cookie)
            .form(&[
                ("csrf", token),
                ("login", "someone@example.kz".into()),
                ("password", "secret123".into()),
            ])
            .send()
    };
    let other = "enbek_csrf=".to_string() + &"0".repeat(64);
    assert_eq!(
        post(other, token.clone()).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // With the visitor's own cookie and token it goes through: a redirect with the session.
    let accepted = sign_in(&app, &nonce, &token).await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let set = accepted.headers()["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("enbek_session=enb_") && set.contains("HttpOnly"));
    assert!(set.contains("SameSite=Lax"));
}

/// The sign-in page's CSRF cookie (`name=value`) and its form's token, as a new visitor gets them.
async fn sign_in_form(app: &TestApp) -> (String, String) {
    let page = reqwest::get(format!("{}/sign-in", app.base)).await.unwrap();
    let nonce = page.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = page.text().await.unwrap();
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a token in the form")
        .to_string();
    (nonce, token)
}

/// The sign-in form sent with a CSRF cookie and token, for `someone@example.kz`.
async fn sign_in(app: &TestApp, nonce: &str, token: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/sign-in", app.base))
        .header("cookie", nonce)
        .form(&[
            ("csrf", token),
            ("login", "someone@example.kz"),
            ("password", "secret123"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_form_one_server_made_is_taken_by_another_on_the_same_database_only() {
    let (a, b) = TestApp::two_on_one_database().await;
    a.citizen("someone@example.kz").await;
    // Behind a load balancer the form comes from one server and goes to another.
    let (nonce, token) = sign_in_form(&a).await;
    let taken = sign_in(&b, &nonce, &token).await;
    assert_eq!(taken.status(), StatusCode::SEE_OTHER);
    let set = taken.headers()["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("enbek_session=enb_"), "{set}");
    // A server of another deployment (another database) has another key.
    let elsewhere = TestApp::spawn().await;
    elsewhere.citizen("someone@example.kz").await;
    assert_eq!(
        sign_in(&elsewhere, &nonce, &token).await.status(),
        StatusCode::FORBIDDEN
    );
}

/// Whether the page is no wider than the window (nothing to scroll sideways).
async fn fits_the_window(browser: &Browser) -> bool {
    browser
        .script("return document.documentElement.scrollWidth <= window.innerWidth;")
        .await
        .as_bool()
        .expect("a boolean")
}

#[tokio::test]
async fn the_pages_fit_a_phone_and_a_missing_page_says_what_to_do() {
    let app = TestApp::spawn().await;
    with_vacancies(&app).await;
    let browser = Browser::start(&app.base, "phone").await;
    browser
        .client
        .set_window_size(390, 844)
        .await
        .expect("a phone's window");
    browser.open("/").await;
    browser.switch_to("kk").await;
    for path in [
        "/",
        "/vacancies?q=бухгалтер",
        "/centers",
        "/terms",
        "/sign-up",
    ] {
        browser.open(path).await;
        assert!(
            fits_the_window(&browser).await,
            "{path} is wider than a phone"
        );
    }
    // The centers of one region: its mobility center and the demo career centers.
    browser.open("/centers?region=110000000").await;
    let centers = browser.text(".region-list").await;
    assert!(
        centers.contains("Ақмола облысының еңбек ұтқырлығы орталығы"),
        "{centers}"
    );
    assert!(
        centers.contains("Көкшетау қаласының мансап орталығы"),
        "{centers}"
    );
    assert!(centers.contains("Зеленый Бор ауылдық округі"), "{centers}");
    assert_eq!(browser.find_all_count(".region-list > li").await, 1);
    // A vacancy that does not exist: 404 in the reader's language, with where to go.
    browser.open("/vacancies/no-such-vacancy").await;
    assert_eq!(browser.status_shown().await, Some("404".to_string()));
    assert_eq!(browser.text("h1").await, "Бет табылмады");
    assert!(browser
        .text(".problem .actions")
        .await
        .contains("Бос жұмыс орындарын іздеу"));
    browser.close().await;
    let status = reqwest::get(format!("{}/vacancies/no-such-vacancy", app.base))
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
}
