//! Reference data (docs/RULES.md: reference values, calendar, editions), the OpenAPI document and
//! the operations endpoints.

use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

impl TestApp {
    /// POSTs a text file (CSV or calendar lines) as an administrator or as `token`.
    pub(crate) async fn upload(&self, path: &str, token: &str, text: &str) -> (StatusCode, Value) {
        let answer = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .header(CONTENT_TYPE, "text/csv")
            .body(text.to_string())
            .send()
            .await
            .unwrap();
        let status = answer.status();
        (status, answer.json().await.unwrap_or(Value::Null))
    }
}

fn codes(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|v| v[field].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn every_region_has_its_mobility_center_and_imports_add_centers_all_or_nothing() {
    let app = TestApp::spawn().await;
    let (status, centers) = app
        .get("/api/v1/organizations?kind=mobility_center", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let regions = codes(&centers, "region_code");
    assert_eq!(regions.len(), 20, "17 regions and Astana, Almaty, Shymkent");
    for city in ["710000000", "750000000", "790000000"] {
        assert!(regions.contains(&city.to_string()), "{city}");
    }
    let akmola = centers
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["region_code"] == "110000000")
        .unwrap();
    assert_eq!(
        akmola["name_ru"],
        "Центр трудовой мобильности Акмолинской области"
    );

    let header =
        "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n";
    let good = format!(
        "{header}cc-stepnogorsk,career_center,,Степногорск мансап орталығы,Карьерный центр Степногорска,,110000000,111800000,111810000,false\n\
         rd-stepnogorsk-bestobe,rural_district,cc-stepnogorsk,Бестөбе кенті,Поселок Бестобе,Bestobe,110000000,111800000,111833100,true\n"
    );
    let citizen = app.citizen("reader@example.kz").await;
    let (status, _) = app
        .upload("/api/v1/organizations/import", &citizen, &good)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // One bad line refuses the whole file and names the line.
    let bad = format!("{good}rd-orphan,rural_district,cc-nowhere,Жетім,Сирота,,110000000,,,true\n");
    let (status, body) = app
        .upload("/api/v1/organizations/import", &app.admin, &bad)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "invalid_csv");
    assert_eq!(body["line"], 4);
    let (_, found) = app
        .get(
            "/api/v1/organizations?kind=career_center&region_code=110000000",
            None,
        )
        .await;
    assert!(!codes(&found, "id").contains(&"cc-stepnogorsk".to_string()));

    let unknown_region = format!("{header}cc-x,career_center,,X,X,,990000000,,,false\n");
    let (_, body) = app
        .upload("/api/v1/organizations/import", &app.admin, &unknown_region)
        .await;
    assert_eq!((code(&body), &body["line"]), ("invalid_csv", &json!(2)));

    let (status, body) = app
        .upload("/api/v1/organizations/import", &app.admin, &good)
        .await;
    assert_eq!((status, &body["imported"]), (StatusCode::OK, &json!(2)));
    let (_, found) = app
        .get("/api/v1/organizations?region_code=110000000", None)
        .await;
    let stepnogorsk = found
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "cc-stepnogorsk")
        .expect("imported");
    assert_eq!(
        stepnogorsk["name_en"], "Карьерный центр Степногорска",
        "falls back to Russian"
    );
    assert!(codes(&found, "id").contains(&"rd-stepnogorsk-bestobe".to_string()));
    // A specialist can now be placed in the new center.
    app.specialist("spec.stepnogorsk", "cc-stepnogorsk").await;
}

#[tokio::test]
async fn a_centers_contacts_are_imported_checked_and_shown_on_the_centers_page() {
    let app = TestApp::spawn().await;
    let header = "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural,address,phone,email\n";
    let center = |phone: &str, email: &str| {
        format!(
            "{header}cc-stepnogorsk,career_center,,Степногорск мансап орталығы,Карьерный центр Степногорска,,110000000,111800000,111810000,false,\"Степногорск, 4 мкр., 12\",{phone},{email}\n"
        )
    };
    // A phone or an e-mail that is not one refuses the file, naming the line and the field.
    for (phone, email, field) in [
        ("12345", "cc@example.kz", "phone"),
        ("+7 (71645) 6-12-34", "not-an-address", "email"),
    ] {
        let (status, body) = app
            .upload(
                "/api/v1/organizations/import",
                &app.admin,
                &center(phone, email),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["line"], 2);
        assert!(body["detail"].as_str().unwrap().contains(field), "{body}");
    }
    let (status, body) = app
        .upload(
            "/api/v1/organizations/import",
            &app.admin,
            &center("+7 (71645) 6-12-34", "cc@example.kz"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, found) = app
        .get(
            "/api/v1/organizations?kind=career_center&region_code=110000000",
            None,
        )
        .await;
    let stepnogorsk = found
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "cc-stepnogorsk")
        .expect("imported");
    assert_eq!(stepnogorsk["phone"], "+77164561234");
    assert_eq!(stepnogorsk["email"], "cc@example.kz");
    assert_eq!(stepnogorsk["address"], "Степногорск, 4 мкр., 12");
    // The centers page gives them to anyone looking for the center (206 p.10).
    let page = app.text("/centers?region=110000000").await;
    assert!(page.contains("+77164561234"), "{page}");
    assert!(page.contains("Степногорск, 4 мкр., 12"));
    // A file without the columns leaves the center with none.
    let plain = "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n\
        cc-stepnogorsk,career_center,,Степногорск мансап орталығы,Карьерный центр Степногорска,,110000000,111800000,111810000,false\n";
    let (status, _) = app
        .upload("/api/v1/organizations/import", &app.admin, plain)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, found) = app
        .get(
            "/api/v1/organizations?kind=career_center&region_code=110000000",
            None,
        )
        .await;
    let stepnogorsk = found
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "cc-stepnogorsk")
        .expect("still there");
    assert!(stepnogorsk["phone"].is_null(), "{stepnogorsk}");
}

#[tokio::test]
async fn occupations_are_searched_by_name_or_code_and_the_national_classifier_imports() {
    let app = TestApp::spawn().await;
    let (_, majors) = app.get("/api/v1/occupations?level=major", None).await;
    assert_eq!(
        majors.as_array().unwrap().len(),
        10,
        "ISCO-08 major groups 0–9"
    );
    let (_, units) = app
        .get("/api/v1/occupations?level=unit&limit=1000", None)
        .await;
    assert_eq!(units.as_array().unwrap().len(), 436, "ISCO-08 unit groups");
    let (_, children) = app.get("/api/v1/occupations?parent_code=22", None).await;
    assert!(codes(&children, "code")
        .iter()
        .all(|c| c.starts_with("22") && c.len() == 3));
    assert!(!children.as_array().unwrap().is_empty());

    let (_, found) = app.get("/api/v1/occupations?q=2211", None).await;
    assert_eq!(codes(&found, "code"), ["2211"]);
    // Any language, any letter case: the names are folded by Unicode rules on both databases.
    for q in [
        "ВРАЧИ общей",
        "ЖАЛПЫ практика ДӘРІГЕРЛЕРІ",
        "generalist MEDICAL",
    ] {
        let (_, found) = app.get(&format!("/api/v1/occupations?q={q}"), None).await;
        assert_eq!(codes(&found, "code"), ["2211"], "{q}");
    }
    let (_, none) = app.get("/api/v1/occupations?q=%25", None).await;
    assert_eq!(
        none.as_array().unwrap().len(),
        100,
        "a lone wildcard is an empty query"
    );

    let header = "code,level,parent_code,skill_level,name_kk,name_ru,name_en\n";
    let good =
        format!("{header}2211-001,occupation,2211,4,Терапевт дәрігер,Врач-терапевт,Internist\n");
    let bad = format!("{good}2211-002,profession,2211,4,Хирург,Хирург,Surgeon\n");
    let (status, body) = app
        .upload("/api/v1/occupations/import", &app.admin, &bad)
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_csv")
    );
    assert_eq!(body["line"], 3);
    assert!(app
        .get("/api/v1/occupations?q=2211-001", None)
        .await
        .1
        .as_array()
        .unwrap()
        .is_empty());
    let (status, _) = app
        .upload("/api/v1/occupations/import", &app.admin, &good)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, found) = app.get("/api/v1/occupations?parent_code=2211", None).await;
    assert_eq!(codes(&found, "code"), ["2211-001"]);
    assert_eq!(found[0]["name_ru"], "Врач-терапевт");
}

#[tokio::test]
async fn classifiers_are_listed_in_three_languages_and_an_unknown_one_is_404() {
    let app = TestApp::spawn().await;
    for name in [
        "education_level",
        "work_regime",
        "employment_type",
        "close_reason",
    ] {
        let (status, values) = app.get(&format!("/api/v1/classifiers/{name}"), None).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        for v in values.as_array().unwrap() {
            assert_eq!(v["classifier"], name);
            for lang in ["name_kk", "name_ru", "name_en"] {
                assert!(!v[lang].as_str().unwrap().is_empty(), "{name} {lang}");
            }
        }
    }
    assert_problem(
        app.get("/api/v1/classifiers/horoscope", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn the_calendar_shows_each_year_and_an_administrator_amends_it() {
    let app = TestApp::spawn().await;
    let (status, year) = app.get("/api/v1/calendar?year=2026", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(year["covered"], true);
    // Mon 31 August 2026 is worked: 30 August is no longer a holiday from 2026.
    assert_eq!(year["working_days"], 247);
    let nauryz: Vec<_> = year["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["date"].as_str().unwrap().starts_with("2026-03-2"))
        .map(|d| d["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        nauryz,
        [
            "2026-03-21",
            "2026-03-22",
            "2026-03-23",
            "2026-03-24",
            "2026-03-25"
        ]
    );
    let (_, later) = app.get("/api/v1/calendar?year=2031", None).await;
    assert_eq!(later["covered"], false);
    assert_problem(
        app.get("/api/v1/calendar?year=nineteen", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    let (status, _) = app.get("/api/v1/calendar?year=1900", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // A transfer order published later: Saturday 5 December 2026 becomes a working day.
    let order = "2026-12-05 working transfer order: Saturday worked\n";
    let citizen = app.citizen("reader@example.kz").await;
    let (status, _) = app.upload("/api/v1/calendar/days", &citizen, order).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_problem(
        app.upload(
            "/api/v1/calendar/days",
            &app.admin,
            "2026-02-30 holiday Nowhere\n",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_csv",
    );
    assert_eq!(
        app.get("/api/v1/calendar?year=2026", None).await.1["working_days"],
        247
    );
    let (status, body) = app.upload("/api/v1/calendar/days", &app.admin, order).await;
    assert_eq!((status, &body["imported"]), (StatusCode::OK, &json!(1)));
    assert_eq!(
        app.get("/api/v1/calendar?year=2026", None).await.1["working_days"],
        248
    );
}

#[tokio::test]
async fn parameters_keep_dated_editions_and_only_an_administrator_adds_one() {
    let app = TestApp::spawn().await;
    let (_, list) = app.get("/api/v1/parameters", None).await;
    let wages: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["key"] == "min_monthly_wage")
        .collect();
    assert!(wages.len() >= 2, "several editions of one parameter");
    let edition = json!({ "key": "min_monthly_wage", "effective_from": "2027-01-01", "value": "90000", "source": "Budget law 2027-2029" });
    let citizen = app.citizen("reader@example.kz").await;
    let (status, _) = app
        .post("/api/v1/parameters", Some(&citizen), edition.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut unknown = edition.clone();
    unknown["key"] = json!("moon_phase");
    assert_problem(
        app.post("/api/v1/parameters", Some(&app.admin), unknown)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let mut words = edition.clone();
    words["value"] = json!("ninety thousand");
    let (status, _) = app
        .post("/api/v1/parameters", Some(&app.admin), words)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut bad_date = edition.clone();
    bad_date["effective_from"] = json!("2027-13-01");
    let (status, _) = app
        .post("/api/v1/parameters", Some(&app.admin), bad_date)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _) = app
        .post("/api/v1/parameters", Some(&app.admin), edition.clone())
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = app.get("/api/v1/parameters", None).await;
    assert!(list.as_array().unwrap().contains(&edition));
    let audit = app
        .audit("entity=parameter&entity_id=min_monthly_wage")
        .await;
    assert_eq!(audit[0]["after"]["value"], "90000");
}

#[tokio::test]
async fn the_openapi_document_names_the_operations_and_fields_of_the_contract() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut operations = Vec::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            if let Some(id) = op["operationId"].as_str() {
                operations.push(id.to_string());
            }
        }
    }
    for id in [
        "createAccount",
        "login",
        "getMe",
        "createStaffAccount",
        "listOrganizations",
        "listOccupations",
        "applyJobSeeker",
        "registerJobSeekerInPerson",
        "getMyRegistration",
        "listMyNotifications",
        "closeMyRegistration",
        "getMyCard",
        "getPersonCard",
        "setClock",
        "runDueJobs",
        "upsertRegistryPerson",
        "listOutbox",
        "getServiceMonitoring",
        "requestUnemployedInfo",
        "deregisterPerson",
        "applyJoblossPayment",
        "createEmploymentPlan",
        "getWorkQueue",
        "registerEmployer",
        "getMyEmployer",
        "createVacancy",
        "closeVacancy",
        "searchVacancies",
        "upsertMyResume",
        "listMyOffers",
        "respondToOffer",
        "listVacancyCandidates",
        "decideOnCandidate",
        "scheduleInterview",
        "createLayoffNotice",
        "createSubsidisedJobApplication",
        "listSubsidisedJobApplications",
        "addSubsidisedParticipant",
        "listSubsidisedParticipants",
        "recordSubsidisedAttendance",
        "listSubsidisedAttendance",
        "createSavedSearch",
        "listMySavedSearches",
        "deleteSavedSearch",
    ] {
        assert!(operations.contains(&id.to_string()), "{id}");
    }
    let apply = &doc["paths"]["/api/v1/registrations"]["post"];
    let schema_ref = apply["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap();
    let schema = &doc["components"]["schemas"][schema_ref.rsplit('/').next().unwrap()];
    for field in [
        "iin",
        "career_center_id",
        "phone",
        "email",
        "publish_resume",
        "personal_data_consent",
    ] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
}

#[tokio::test]
async fn health_and_metrics_answer_without_personal_data() {
    let app = TestApp::spawn().await;
    let (status, health) = app.get("/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");

    let person = iin("870903", 3, 4100);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("metrics@example.kz").await;
    app.prove(&token, &person).await;
    let (status, _) = app.apply(&token, &person).await;
    assert_eq!(status, StatusCode::CREATED);
    let metrics = app.text("/metrics").await;
    assert!(metrics.contains("http_requests"), "{metrics}");
    assert!(!metrics.contains(&person));
    assert!(!metrics.contains("metrics@example.kz"));
}
