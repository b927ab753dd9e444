//! Bounded amounts and counts, territory codes checked against the reference data, and free text
//! without control or invisible characters (docs/SECURITY.md, "Values and free text").

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::employers::{employer, vacancy};
use crate::helpers::*;
use crate::steps::*;

/// Posts `body` and expects a 422 with `code` naming `field`.
async fn refused(app: &TestApp, path: &str, token: &str, body: Value, code: &str, field: &str) {
    let (status, problem) = app.post(path, Some(token), body.clone()).await;
    assert_eq!(
        (status, problem["code"].as_str(), problem["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some(code), Some(field)),
        "{body}: {problem}"
    );
}

async fn taken(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let (status, created) = app.post(path, Some(token), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}: {created}");
    created
}

const VACANCIES: &str = "/api/v1/vacancies";

#[tokio::test]
async fn amounts_and_counts_of_a_vacancy_are_taken_up_to_their_bounds_and_refused_beyond() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 301).await;
    let top = taken(
        &app,
        VACANCIES,
        &token,
        with(
            vacancy(),
            json!({ "salary_from": 100_000_000, "salary_to": 100_000_000, "positions": 10_000,
                    "experience_years": 70 }),
        ),
    )
    .await;
    assert_eq!(top["salary_to"], 100_000_000, "published as sent");
    for (change, field) in [
        (json!({ "salary_to": 100_000_001 }), "salary_to"),
        (
            json!({ "salary_from": 100_000_001, "salary_to": null }),
            "salary_from",
        ),
        // 2^64 − 1 used to be stored and published as 2^63 − 1.
        (
            json!({ "salary_from": 18_446_744_073_709_551_615_u64, "salary_to": null }),
            "salary_from",
        ),
        (json!({ "positions": 10_001 }), "positions"),
        (json!({ "experience_years": 71 }), "experience_years"),
    ] {
        refused(
            &app,
            VACANCIES,
            &token,
            with(vacancy(), change),
            "invalid_value",
            field,
        )
        .await;
    }

    // Search filters and pages have their bounds too.
    for (query, ok) in [
        ("salary_min=100000000", true),
        ("salary_min=100000001", false),
        ("salary_min=-1", false),
        ("page=100000", true),
        ("page=100001", false),
        ("page=9223372036854775807", false),
        ("per_page=100", true),
        ("per_page=101", false),
    ] {
        let (status, body) = app.get(&format!("{VACANCIES}?{query}"), None).await;
        let expected = if ok {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!(status, expected, "{query}: {body}");
    }
}

#[tokio::test]
async fn a_resumes_desired_salary_and_a_subsidised_jobs_pay_and_places_are_bounded() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("aigul@example.kz").await;
    let resume = |changes: Value| {
        with(
            json!({
                "occupation_codes": ["2411"], "experience_years": 5, "skills": ["1С"],
                "locality_code": "111010000", "desired_salary": 250000
            }),
            changes,
        )
    };
    let put = |body: Value| app.call(Method::PUT, "/api/v1/me/resume", Some(&citizen), Some(body));
    let (status, body) = put(resume(json!({ "desired_salary": 100_000_000 }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = put(resume(json!({ "desired_salary": 100_000_001 }))).await;
    assert_eq!(
        (status, code(&body), body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
            Some("desired_salary")
        )
    );

    let token = employer(&app, "hr@example.kz", 302).await;
    let application = |changes: Value| {
        with(
            json!({
                "measure": "public_works", "places": 5, "occupation_code": "9112",
                "monthly_pay": 90000, "starts_on": "2026-04-01", "ends_on": "2026-09-30",
                "contact_person": "Айгүл Серікова", "contact_phone": "+77015551234",
                "locality_code": "111010000"
            }),
            changes,
        )
    };
    const APPLICATIONS: &str = "/api/v1/subsidised-job-applications";
    taken(
        &app,
        APPLICATIONS,
        &token,
        application(json!({ "places": 10_000, "monthly_pay": 100_000_000 })),
    )
    .await;
    for (change, field) in [
        (json!({ "places": 10_001 }), "places"),
        (json!({ "monthly_pay": 100_000_001 }), "monthly_pay"),
    ] {
        refused(
            &app,
            APPLICATIONS,
            &token,
            application(change),
            "invalid_value",
            field,
        )
        .await;
    }
    // An unknown locality of a known region.
    refused(
        &app,
        APPLICATIONS,
        &token,
        application(json!({ "locality_code": "119999999" })),
        "unknown_territory",
        "locality_code",
    )
    .await;
}

#[tokio::test]
async fn a_district_lies_in_its_region_and_a_locality_in_its_district() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 303).await;
    // Burabay district (Akmola region) and its town Shchuchinsk; a district known only from
    // the localities table (Yesil, Astana).
    for place in [
        json!({ "district_code": "117000000", "locality_code": "117020100" }),
        json!({ "region_code": "710000000", "district_code": "711200000", "locality_code": "711200000" }),
    ] {
        taken(&app, VACANCIES, &token, with(vacancy(), place)).await;
    }
    for (place, field) in [
        // Kokshetau is not in Burabay district.
        (
            json!({ "district_code": "117000000", "locality_code": "111010000" }),
            "locality_code",
        ),
        // An Astana district is not in Akmola region.
        (
            json!({ "district_code": "711300000", "locality_code": "711300000" }),
            "district_code",
        ),
        // No such district, no such locality.
        (
            json!({ "district_code": "119900000", "locality_code": "119910000" }),
            "district_code",
        ),
        (
            json!({ "district_code": "117000000", "locality_code": "117099900" }),
            "locality_code",
        ),
        // A locality code in the place of a district.
        (
            json!({ "district_code": "117020100", "locality_code": "117020100" }),
            "district_code",
        ),
    ] {
        refused(
            &app,
            VACANCIES,
            &token,
            with(vacancy(), place),
            "unknown_territory",
            field,
        )
        .await;
    }
    // An employer's registered place is checked the same way.
    let other = app.citizen("other@example.kz").await;
    app.head_of(&other, &bin("1503", 304)).await;
    let registration = json!({ "bin": bin("1503", 304), "name": "ТОО «Бурабай»",
        "region_code": "110000000", "district_code": "117000000", "locality_code": "111010000" });
    refused(
        &app,
        "/api/v1/employers",
        &other,
        registration.clone(),
        "unknown_territory",
        "locality_code",
    )
    .await;
    taken(
        &app,
        "/api/v1/employers",
        &other,
        with(registration, json!({ "locality_code": "117049100" })),
    )
    .await;
    // A resume's locality is one of the reference data.
    let citizen = app.citizen("aigul@example.kz").await;
    assert_problem(
        app.call(
            Method::PUT,
            "/api/v1/me/resume",
            Some(&citizen),
            Some(json!({ "occupation_codes": ["2411"], "locality_code": "117099900" })),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_territory",
    );
}

#[tokio::test]
async fn free_text_refuses_control_and_bidirectional_characters_and_keeps_kazakh_letters() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 305).await;
    let kazakh = "Әкімшілік қызметкер: ғимарат, қоңырау, өнім, ұйым, үй, һәм ілім (ӘҒҚҢӨҰҮҺІ)";
    let posted = taken(
        &app,
        VACANCIES,
        &token,
        with(
            vacancy(),
            json!({ "title": kazakh, "description": "Міндеттері:\n\t— есеп\r\n\t— есеп беру" }),
        ),
    )
    .await;
    assert_eq!(posted["title"], kazakh);
    assert_eq!(
        posted["description"],
        "Міндеттері:\n\t— есеп\n\t— есеп беру"
    );
    let title_200 = "ә".repeat(200);
    taken(
        &app,
        VACANCIES,
        &token,
        with(vacancy(), json!({ "title": title_200 })),
    )
    .await;

    for (change, code, field) in [
        // "Бухгалтер" shown reversed after U+202E RIGHT-TO-LEFT OVERRIDE.
        (
            json!({ "title": "Бухгалтер \u{202E}ретлахгуБ" }),
            "invalid_text",
            "title",
        ),
        (
            json!({ "title": "Бух\u{0}галтер" }),
            "invalid_text",
            "title",
        ),
        (
            json!({ "title": "Бухгалтер\nбас" }),
            "invalid_text",
            "title",
        ),
        (
            json!({ "title": format!("{}ә", "ә".repeat(200)) }),
            "invalid_value",
            "title",
        ),
        (
            json!({ "description": "есеп\u{2066}беру" }),
            "invalid_text",
            "description",
        ),
        (
            json!({ "description": "есеп\u{7}беру" }),
            "invalid_text",
            "description",
        ),
        (
            json!({ "skills": ["1С\u{200B}"] }),
            "invalid_text",
            "skills",
        ),
    ] {
        refused(
            &app,
            VACANCIES,
            &token,
            with(vacancy(), change),
            code,
            field,
        )
        .await;
    }

    // The same rule holds in every other free-text field, e.g. an employer's name and a search.
    let other = app.citizen("other@example.kz").await;
    refused(
        &app,
        "/api/v1/employers",
        &other,
        json!({ "bin": bin("1503", 306), "name": "ТОО \u{202E}«Көкше»", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000" }),
        "invalid_text",
        "name",
    )
    .await;
    assert_problem(
        app.get(
            &format!("{VACANCIES}?q=%E2%80%AE%D0%B5%D1%81%D0%B5%D0%BF"),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_text",
    );
    let (status, _) = app
        .get(&format!("{VACANCIES}?q=%D0%B5%D1%81%D0%B5%D0%BF"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
}
