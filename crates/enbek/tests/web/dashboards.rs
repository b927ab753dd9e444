//! The dashboards of the mobility center and the ministry, walked in Kazakh and in Russian: the
//! statistics of the months chosen as tables and inline SVG charts, the CSV export with the same
//! rows as the API, the region's layoff notices and subsidised-job applications; the ministry
//! sees every region; the role walls.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::helpers::*;
use crate::steps::*;

/// An unemployed person of the Kokshetau center (registered on 17 March, unemployed on 20
/// March), an employer of Kokshetau with a layoff notice and a subsidised-job application; the
/// officer of Akmola's mobility center, the ministry's officer and a specialist.
async fn with_data(app: &TestApp) {
    app.unemployed("aigerim@example.kz", &iin("880412", 3, 9101), json!({}))
        .await;
    let employer = app.employer("esep.dash@example.kz", esep(901)).await;
    let notice = json!({ "planned_on": "2026-05-04", "groups": [
        { "position": "Оператор", "count": 12 }, { "position": "Кладовщик", "count": 3 } ] });
    let (status, body) = app
        .post("/api/v1/layoff-notices", Some(&employer), notice)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let application = json!({
        "measure": "public_works", "places": 5, "occupation_code": "9112", "monthly_pay": 90000,
        "starts_on": "2026-04-01", "ends_on": "2026-12-31", "contact_person": "Айгүл Серікова",
        "contact_phone": "+77015551234", "locality_code": "111010000"
    });
    let (status, body) = app
        .post(
            "/api/v1/subsidised-job-applications",
            Some(&employer),
            application,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    app.officer("officer.akmola", "mc-110000000").await;
    app.staff("ministry", "ministry_officer", None).await;
    app.specialist("spec.kokshetau", CENTER).await;
}

struct Words {
    lang: &'static str,
    registrations: &'static str,
    stock: &'static str,
    region: &'static str,
    measure: &'static str,
}

const KK: Words = Words {
    lang: "kk",
    registrations: "Жұмыссыз ретінде тіркелгендер",
    stock: "Ай соңындағы жұмыссыздар",
    region: "Ақмола облысы",
    measure: "Қоғамдық жұмыстар",
};

const RU: Words = Words {
    lang: "ru",
    registrations: "Зарегистрировано безработных",
    stock: "Безработных на конец месяца",
    region: "Акмолинская область",
    measure: "Общественные работы",
};

/// The CSV the page links to, fetched with the browser's session.
async fn csv_of(app: &TestApp, browser: &Browser) -> (StatusCode, String, String) {
    let href = browser
        .find("a[download]")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("the CSV link");
    let session = browser
        .client
        .get_named_cookie("enbek_session")
        .await
        .expect("the session cookie");
    let answer = reqwest::Client::new()
        .get(format!("{}{href}", app.base))
        .header("cookie", format!("enbek_session={}", session.value()))
        .send()
        .await
        .unwrap();
    let status = answer.status();
    let disposition = answer
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, disposition, answer.text().await.unwrap())
}

/// The CSV rows the API's statistics give.
fn rows_of(stats: &Value) -> Vec<String> {
    let names = [
        "applications_received",
        "registered_job_seekers",
        "registered_unemployed",
        "unemployed_at_month_end",
        "placed_by_offer",
        "placed_by_contributions",
        "offers_made",
        "offers_accepted",
        "offers_refused",
        "offers_unanswered",
        "services_within_term",
        "services_late",
    ];
    let mut rows = vec![format!("region_code,month,{}", names.join(","))];
    for region in stats["regions"].as_array().unwrap() {
        for month in region["months"].as_array().unwrap() {
            let values: Vec<String> = names.iter().map(|n| month[n].to_string()).collect();
            rows.push(format!(
                "{},{},{}",
                region["region_code"].as_str().unwrap(),
                month["month"].as_str().unwrap(),
                values.join(",")
            ));
        }
    }
    rows
}

async fn officer_reads(app: &TestApp, w: &Words) {
    let browser = Browser::start(&app.base, &format!("dashboards-{}", w.lang)).await;
    browser
        .sign_in(Some(w.lang), "officer.akmola", STAFF_PASSWORD)
        .await;
    browser
        .click_to("nav a[href=\"/dashboards\"]", "the dashboards")
        .await;
    assert_eq!(
        browser.find_all_count("#region").await,
        0,
        "the region is fixed"
    );
    assert!(browser.page_text().await.contains(w.region));
    browser.fill("#from", "2026-02").await;
    browser.fill("#to", "2026-03").await;
    browser
        .click_to("form[action=\"/dashboards\"] button", "February and March")
        .await;
    assert!(browser.url().await.contains("from=2026-02"));
    assert_eq!(browser.find_all_count("svg.chart[role=img]").await, 5);
    assert_eq!(browser.find_all_count("svg.chart rect.chart-bar").await, 24);
    browser
        .script("document.querySelector('#section-registrations').scrollIntoView(); return 1;")
        .await;
    browser.check("the charts").await;
    let registrations = browser.text("#table-registrations").await;
    assert!(registrations.contains(w.registrations), "{registrations}");
    let march = browser
        .text("#table-registrations tbody tr:nth-child(2)")
        .await;
    assert_eq!(
        march.split_whitespace().collect::<Vec<_>>(),
        ["2026-03", "1", "1", "1"]
    );
    let stock = browser.text("#table-stock").await;
    assert!(stock.contains(w.stock), "{stock}");
    let stock_march = browser.text("#table-stock tbody tr:nth-child(2) td").await;
    assert_eq!(stock_march.trim(), "1");

    // The CSV: the same filters, the same numbers as the API.
    let (status, disposition, csv) = csv_of(app, &browser).await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let officer = app.login("officer.akmola", STAFF_PASSWORD).await;
    let (_, stats) = app
        .get("/api/v1/statistics?from=2026-02&to=2026-03", Some(&officer))
        .await;
    assert_eq!(
        csv.lines().map(str::to_string).collect::<Vec<_>>(),
        rows_of(&stats)
    );
    assert!(
        csv.lines()
            .nth(2)
            .unwrap()
            .starts_with("110000000,2026-03,1,1,1,1,"),
        "{csv}"
    );

    // The region's layoff notices and subsidised-job applications.
    browser
        .click_to("a[href=\"/dashboards/layoffs\"]", "the layoff notices")
        .await;
    let layoffs = browser.text("#layoffs").await;
    assert!(layoffs.contains("Оператор × 12"), "{layoffs}");
    assert!(layoffs.contains(w.region), "{layoffs}");
    browser
        .click_to("a[href=\"/dashboards/subsidised\"]", "the subsidised jobs")
        .await;
    let subsidised = browser.text("#subsidised").await;
    assert!(subsidised.contains("ТОО «Есеп»"), "{subsidised}");
    assert!(subsidised.contains(w.measure), "{subsidised}");

    // Another region's statistics are refused.
    browser.open("/dashboards?region=710000000").await;
    assert_eq!(browser.status_shown().await.as_deref(), Some("403"));
    browser.close().await;
}

#[tokio::test]
async fn the_mobility_center_reads_its_regions_dashboards() {
    let app = TestApp::spawn().await;
    with_data(&app).await;
    for words in [&KK, &RU] {
        officer_reads(&app, words).await;
    }
}

#[tokio::test]
async fn the_ministry_sees_every_region_and_others_get_no_dashboards() {
    let app = TestApp::spawn().await;
    with_data(&app).await;
    let browser = Browser::start(&app.base, "dashboards-ministry").await;
    browser
        .sign_in(Some("ru"), "ministry", STAFF_PASSWORD)
        .await;
    browser
        .click_to("nav a[href=\"/dashboards\"]", "the dashboards")
        .await;
    assert!(browser.text("#dash-scope").await.contains("Все регионы"));
    browser.fill("#from", "2026-03").await;
    browser.fill("#to", "2026-03").await;
    browser
        .click_to("form[action=\"/dashboards\"] button", "March, every region")
        .await;
    let all = browser.text("#table-registrations tbody tr").await;
    assert_eq!(
        all.split_whitespace().collect::<Vec<_>>(),
        ["2026-03", "1", "1", "1"]
    );
    browser.choose("#region", "710000000").await;
    browser
        .click_to("form[action=\"/dashboards\"] button", "March, Astana")
        .await;
    let astana = browser.text("#table-registrations tbody tr").await;
    assert_eq!(
        astana.split_whitespace().collect::<Vec<_>>(),
        ["2026-03", "0", "0", "0"]
    );
    let (status, _, csv) = csv_of(&app, &browser).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    browser.fill("#from", "2026-04").await;
    browser
        .click_to("form[action=\"/dashboards\"] button", "a reversed period")
        .await;
    assert!(
        browser.find_all_count("#to-error").await + browser.find_all_count("#from-error").await > 0
    );
    browser
        .click_to(
            "a[href=\"/dashboards/layoffs\"]",
            "every region's layoff notices",
        )
        .await;
    assert!(browser.text("#layoffs").await.contains("Кладовщик × 3"));
    browser.open("/dashboards/layoffs?from=2026-13").await;
    assert_eq!(browser.find_all_count("#from-error").await, 1);
    browser.open("/dashboards/layoffs?from=2026-06").await;
    assert_eq!(
        browser.find_all_count("#layoffs").await,
        0,
        "planned in May"
    );
    // Both sides of the month: planned on 4 May, within May, not by the end of April.
    browser
        .open("/dashboards/layoffs?from=2026-05&to=2026-05")
        .await;
    assert!(browser.text("#layoffs").await.contains("Кладовщик × 3"));
    browser.open("/dashboards/layoffs?to=2026-04").await;
    assert_eq!(
        browser.find_all_count("#layoffs").await,
        0,
        "planned in May"
    );
    browser.close().await;

    for (login, password) in [
        ("aigerim@example.kz", PASSWORD),
        ("esep.dash@example.kz", PASSWORD),
        ("spec.kokshetau", STAFF_PASSWORD),
    ] {
        let browser = Browser::start(&app.base, "dashboards-refused").await;
        browser.sign_in(Some("kk"), login, password).await;
        assert_eq!(
            browser.find_all_count("nav a[href=\"/dashboards\"]").await,
            0
        );
        for path in [
            "/dashboards",
            "/dashboards/layoffs",
            "/dashboards/subsidised",
        ] {
            browser.open(path).await;
            assert_eq!(
                browser.status_shown().await.as_deref(),
                Some("403"),
                "{login} {path}"
            );
        }
        browser.close().await;
    }
    let anonymous = reqwest::Client::new()
        .get(format!("{}/dashboards/statistics.csv", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
