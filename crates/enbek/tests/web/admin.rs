//! The administrator's pages, walked in Kazakh and in Russian: a staff account created (and
//! that account signs in), organisations imported with their progress page reaching done, a
//! wrong file failing at its line, a holiday and a parameter edition added. And the role
//! walls: a specialist, an officer and a citizen get 403 on the administration, the
//! administrator no workspace.

use reqwest::StatusCode;

use crate::browser::Browser;
use crate::helpers::*;

struct Words {
    lang: &'static str,
    title: &'static str,
    created: &'static str,
    done: &'static str,
    failed: &'static str,
    line: &'static str,
    holiday: &'static str,
    saved_day: &'static str,
    saved_edition: &'static str,
    /// A day of 2027 and a wage of the year, distinct for each walk.
    day: &'static str,
    wage: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    title: "Әкімшілік",
    created: "Есептік жазба құрылды",
    done: "Аяқталды",
    failed: "Қабылданбады",
    line: "3-жол",
    holiday: "Мереке күні",
    saved_day: "Күн сақталды",
    saved_edition: "Редакция сақталды",
    day: "2027-12-30",
    wage: "90000",
};

const RU: Words = Words {
    lang: "ru",
    title: "Администрирование",
    created: "Учётная запись создана",
    done: "Завершён",
    failed: "Отклонён",
    line: "Строка 3",
    holiday: "Праздничный день",
    saved_day: "День сохранён",
    saved_edition: "Редакция сохранена",
    day: "2027-12-29",
    wage: "91000",
};

/// Opens the import's page until it has ended (it refreshes itself meanwhile).
async fn until_ended(browser: &Browser, w: &Words) -> String {
    let url = browser.url().await;
    let path = url
        .split_once("/admin/")
        .map(|(_, p)| p)
        .unwrap_or_default();
    for _ in 0..40 {
        let state = browser.text("#import-state").await;
        if state.contains(w.done) || state.contains(w.failed) {
            return state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        browser.open(&format!("/admin/{path}")).await;
    }
    panic!("the import did not end");
}

async fn organization_ids(app: &TestApp) -> Vec<String> {
    let (_, found) = app
        .get("/api/v1/organizations?region_code=110000000", None)
        .await;
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

async fn administrator_works(app: &TestApp, w: &Words) {
    let browser = Browser::start(&app.base, &format!("admin-{}", w.lang)).await;
    browser.sign_in(Some(w.lang), "admin", ADMIN_PASSWORD).await;
    browser
        .click_to("nav a[href=\"/admin\"]", "the administration")
        .await;
    assert!(browser.text("h1").await.contains(w.title));

    // A staff account: refused next to its field without its organisation, then created.
    let login = format!("spec.admin.{}", w.lang);
    browser
        .click_to("a[href=\"/admin/staff\"]", "the staff accounts")
        .await;
    browser
        .click_to("a[href=\"/admin/staff/new\"]", "the new account's form")
        .await;
    browser.fill("#login", &login).await;
    browser.fill("#password", "staff-pass-1").await;
    browser.choose("#role", "career_center_specialist").await;
    browser
        .click_to(
            "form[action=\"/admin/staff/new\"] button",
            "no organisation",
        )
        .await;
    assert!(browser.find_all_count("#organization_id-error").await == 1);
    browser.fill("#password", "staff-pass-1").await;
    browser.choose("#organization_id", "cc-kokshetau").await;
    browser
        .click_to(
            "form[action=\"/admin/staff/new\"] button",
            "the account created",
        )
        .await;
    assert!(browser.page_text().await.contains(w.created));
    browser.open("/admin/staff?organization=cc-kokshetau").await;
    assert!(browser.text("table.queue").await.contains(&login));
    app.login(&login, "staff-pass-1").await;

    // Organisations imported in the background, the progress page reaching done.
    let header =
        "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n";
    let id = format!("cc-admin-{}", w.lang);
    let good = format!(
        "{header}{id},career_center,,Сынақ мансап орталығы,Пробный центр карьеры,,110000000,111800000,111810000,false\n"
    );
    browser
        .click_to("a[href=\"/admin\"]", "the administration")
        .await;
    browser
        .click_to("a[href=\"/admin/imports\"]", "the imports")
        .await;
    browser.choose("#kind", "organizations").await;
    browser.fill("#file", &good).await;
    browser
        .click_to(
            "form[action=\"/admin/imports\"] button",
            "the import started",
        )
        .await;
    assert!(until_ended(&browser, w).await.contains(w.done));
    assert!(browser.text("#import-progress").await.contains('1'));
    assert!(organization_ids(app).await.contains(&id));

    // A wrong line: the import fails there and writes nothing.
    let other = format!("cc-admin-bad-{}", w.lang);
    let bad = format!(
        "{header}{other},career_center,,Тағы,Ещё,,110000000,,,false\n\
         rd-x,rural_district,,Жетім,Сирота,,110000000,,,true\nrd-y,unknown,,Ж,С,,110000000,,,true\n"
    );
    browser.open("/admin/imports").await;
    browser.choose("#kind", "organizations").await;
    browser.fill("#file", &bad).await;
    browser
        .click_to("form[action=\"/admin/imports\"] button", "a wrong file")
        .await;
    assert!(until_ended(&browser, w).await.contains(w.failed));
    let error = browser.text("#import-error").await;
    assert!(error.contains(w.line), "{error}");
    assert!(!organization_ids(app).await.contains(&other));

    // A holiday added to the calendar.
    browser.open("/admin/calendar?year=2027").await;
    browser
        .script(&format!(
            "document.querySelector('#date').value = '{}'; return 1;",
            w.day
        ))
        .await;
    browser.choose("#kind", "holiday").await;
    browser.fill("#note", "Сынақ / Проба").await;
    browser
        .click_to("form[action=\"/admin/calendar\"] button", "the day saved")
        .await;
    assert!(browser.page_text().await.contains(w.saved_day));
    let row = browser.text(&format!("#day-{}", w.day)).await;
    assert!(row.contains(w.holiday), "{row}");
    let (_, year) = app.get("/api/v1/calendar?year=2027", None).await;
    assert!(year["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == w.day && d["kind"] == "holiday"));

    // A parameter edition: a wrong value said next to it, then saved.
    browser.open("/admin/parameters").await;
    browser.choose("#key", "min_monthly_wage").await;
    browser
        .script("document.querySelector('#effective_from').value = '2027-01-01'; return 1;")
        .await;
    browser.fill("#value", "a lot").await;
    browser.fill("#source", "Budget law 2027").await;
    browser
        .click_to("form[action=\"/admin/parameters\"] button", "a wrong value")
        .await;
    assert!(browser.find_all_count("#value-error").await == 1);
    browser.fill("#value", w.wage).await;
    browser
        .click_to(
            "form[action=\"/admin/parameters\"] button",
            "the edition saved",
        )
        .await;
    assert!(browser.page_text().await.contains(w.saved_edition));
    let (_, parameters) = app.get("/api/v1/parameters", None).await;
    assert!(parameters
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["key"] == "min_monthly_wage" && p["value"] == w.wage));
    browser.close().await;
}

#[tokio::test]
async fn the_administrator_creates_staff_imports_and_edits_the_calendar_and_parameters() {
    let app = TestApp::spawn().await;
    for words in [&KK, &RU] {
        administrator_works(&app, words).await;
    }
    // The account the administrator created signs in and gets its workspace.
    let browser = Browser::start(&app.base, "admin-created").await;
    browser
        .sign_in(Some("kk"), "spec.admin.kk", "staff-pass-1")
        .await;
    assert!(browser.find_all_count("nav a[href=\"/workspace\"]").await == 1);
    browser.close().await;
}

async fn shown_status(browser: &Browser) -> Option<String> {
    browser
        .find(".problem .message")
        .await
        .attr("data-status")
        .await
        .unwrap()
}

#[tokio::test]
async fn the_administration_is_the_administrators_and_the_administrator_does_no_casework() {
    let app = TestApp::spawn().await;
    let anonymous = reqwest::Client::new()
        .get(format!("{}/admin", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    app.staff(
        "spec.wall",
        "career_center_specialist",
        Some("cc-kokshetau"),
    )
    .await;
    app.staff(
        "officer.wall",
        "mobility_center_officer",
        Some("mc-110000000"),
    )
    .await;
    app.citizen("wall@example.kz").await;
    for (login, password) in [
        ("spec.wall", "staff-pass-1"),
        ("officer.wall", "staff-pass-1"),
        ("wall@example.kz", "secret123"),
    ] {
        let browser = Browser::start(&app.base, &format!("admin-wall-{login}")).await;
        browser.sign_in(Some("ru"), login, password).await;
        assert!(browser.find_all_count("nav a[href=\"/admin\"]").await == 0);
        for path in [
            "/admin",
            "/admin/staff",
            "/admin/staff/new",
            "/admin/imports",
            "/admin/calendar",
            "/admin/parameters",
        ] {
            browser.open(path).await;
            assert_eq!(
                shown_status(&browser).await.as_deref(),
                Some("403"),
                "{login} at {path}"
            );
        }
        browser.close().await;
    }

    // The administrator: the administration, no workspace, no card.
    let browser = Browser::start(&app.base, "admin-wall-admin").await;
    browser.sign_in(Some("kk"), "admin", ADMIN_PASSWORD).await;
    assert!(browser.find_all_count("nav a[href=\"/workspace\"]").await == 0);
    browser.open("/workspace").await;
    assert_eq!(shown_status(&browser).await.as_deref(), Some("403"));
    browser.open("/workspace/registrations/any").await;
    assert_eq!(shown_status(&browser).await.as_deref(), Some("403"));
    browser.close().await;
}
