//! Least privilege: the administrator administers and does no casework (206 p.17–19); a desk
//! registration of a person from another region states the temporary stay (214 p.5).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const BURABAY: &str = "cc-burabay";
const ASTANA_REGION: &str = "710000000";

#[tokio::test]
async fn the_administrator_does_no_casework_and_the_centers_staff_still_do() {
    let app = TestApp::spawn().await;
    let admin = app.admin.clone();
    let assistant = app.assistant().await;
    let burabay = app.specialist("spec.burabay", BURABAY).await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let iin = iin_of(7100);
    let (status, reg) = app.forward_rural(&assistant, &iin).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    let id = reg["id"].as_str().unwrap();
    let registration = format!("/api/v1/registrations/{id}");
    let review = format!("/api/v1/registrations/{id}/review");

    // The administrator neither reads the application nor decides it (214 p.14–20: the
    // district's career center does).
    let refused = |status: StatusCode, body: &Value| {
        assert_eq!((status, code(body)), (StatusCode::FORBIDDEN, "forbidden"));
    };
    let (status, body) = app.get(&registration, Some(&admin)).await;
    refused(status, &body);
    let (status, body) = app
        .post(&review, Some(&admin), json!({ "accept": true }))
        .await;
    refused(status, &body);
    let (status, body) = app
        .get("/api/v1/career-center/registrations", Some(&admin))
        .await;
    refused(status, &body);
    let other = iin_of(7200);
    app.registry_person(&other, json!({})).await;
    let (status, body) = app.desk(&admin, application(&other, CENTER)).await;
    refused(status, &body);

    // The center's specialist does.
    let (status, seen) = app.get(&registration, Some(&burabay)).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let (status, decided) = app
        .post(&review, Some(&burabay), json!({ "accept": true }))
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["status"], "job_seeker");
    let person = decided["person_id"].as_str().unwrap();

    // Cards: not the administrator's; the center's specialist and the region's officer read them.
    let card = format!("/api/v1/persons/{person}/card");
    let find = format!("/api/v1/persons?iin={iin}");
    for path in [&card, &find] {
        let (status, body) = app.get(path, Some(&admin)).await;
        refused(status, &body);
        assert_eq!(app.get(path, Some(&burabay)).await.0, StatusCode::OK);
    }
    assert_eq!(app.get(&card, Some(&officer)).await.0, StatusCode::OK);

    // The administrator still administers: the audit log shows the reads, none of them its own.
    let (reads, audit) = app.person_reads(person).await;
    assert_eq!(
        reads, 3,
        "the specialist's two and the officer's one: {audit}"
    );
}

fn iin_of(serial: u32) -> String {
    iin("871008", 3, serial)
}

#[tokio::test]
async fn a_desk_registration_of_a_person_from_another_region_states_the_temporary_stay() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("spec.kokshetau", CENTER).await;

    // A resident of the center's region: no reason needed.
    let local = iin_of(7300);
    app.registry_person(&local, json!({})).await;
    let (status, reg) = app.desk(&specialist, application(&local, CENTER)).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker");

    // A resident of Astana at the Kokshetau desk: the reason is required.
    let visitor = iin_of(7400);
    app.registry_person(
        &visitor,
        json!({ "region_code": ASTANA_REGION, "district_code": "711000000", "locality_code": "711010000" }),
    )
    .await;
    let (status, body) = app.desk(&specialist, application(&visitor, CENTER)).await;
    assert_eq!(
        (status, code(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "residence_reason_required"
        ),
        "{body}"
    );

    // A stay that is no stay: an empty address, or one that ended yesterday.
    for (stay, expected) in [
        (json!({ "address": "  " }), "invalid_value"),
        (
            json!({ "address": "Кокшетау, ул. Абая 1", "until": "2026-03-16" }),
            "invalid_date",
        ),
    ] {
        let mut form = application(&visitor, CENTER);
        form["temporary_stay"] = stay;
        let (status, body) = app.desk(&specialist, form).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{body}"
        );
    }

    // With the temporary stay stated: registered, and the reason is in the audit entry.
    let mut form = application(&visitor, CENTER);
    form["temporary_stay"] =
        json!({ "address": " Кокшетау, ул. Абая 1, кв. 5 ", "until": "2026-09-30" });
    let (status, reg) = app.desk(&specialist, form).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker");
    let audit = app
        .audit(&format!(
            "entity=registration&entity_id={}",
            reg["id"].as_str().unwrap()
        ))
        .await;
    let submit = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "submit")
        .expect("the submission is audited");
    assert_eq!(
        submit["after"]["temporary_stay"],
        json!({ "address": "Кокшетау, ул. Абая 1, кв. 5", "until": "2026-09-30" })
    );

    // The registry does not answer: the application is taken and waits for the registry's
    // check (a silent registry delays the work, it never refuses it).
    let silent = iin_of(7500);
    app.registry_person(&silent, json!({})).await;
    app.registry_answering(false).await;
    let (status, reg) = app.desk(&specialist, application(&silent, CENTER)).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "verifying");
}
