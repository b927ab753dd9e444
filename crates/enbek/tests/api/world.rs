//! One fixture world for the authorisation matrix and the fuzz: an account of every role of the
//! matrix (docs/AUTHORIZATION.md) and a record behind every path parameter of the API.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;

use crate::helpers::*;
use crate::steps::*;

/// The roles of the matrix, in the order of its columns.
pub const ROLES: [&str; 12] = [
    "anonymous",
    "citizen",
    "other_citizen",
    "employer",
    "other_employer",
    "specialist",
    "other_region_specialist",
    "assistant",
    "officer",
    "ministry",
    "administrator",
    "education_staff",
];

/// The education organisation whose course the citizen is referred to.
const SCHOOL: &str = "eo-kokshetau-polytechnic";

/// The instant the world stands at once built: Friday 20 March 2026, 10:00 in Astana, the day
/// the citizens' selection period has made them unemployed.
pub const NOW: &str = "2026-03-20T10:00:00+05:00";

/// A signed-in account of one role.
pub struct Actor {
    pub login: String,
    pub password: String,
    pub token: String,
}

pub struct World {
    /// Every role but `anonymous`.
    pub actors: BTreeMap<&'static str, Actor>,
    /// Record ids and values by name: `registration`, `other_registration`, `person`, `vacancy`,
    /// `vacancy_to_close`, `offer`, `plan_item`, `circumstance`, `saved_search`, `subsidised`,
    /// `participant`, `participant_iin`, `proof`, `plan_proof`, `invitation`, `certificate_serial`, `citizen_iin`, `other_iin`, `forwarded_iin`,
    /// `employer_bin`.
    pub ids: BTreeMap<&'static str, String>,
}

impl World {
    pub fn id(&self, name: &str) -> &str {
        self.ids
            .get(name)
            .unwrap_or_else(|| panic!("the world has no {name}"))
    }

    /// The token of a role; `None` for `anonymous`.
    pub fn token(&self, role: &str) -> Option<&str> {
        self.actors.get(role).map(|a| a.token.as_str())
    }

    pub fn actor(&self, role: &str) -> &Actor {
        &self.actors[role]
    }
}

pub fn employer_body(bin: &str) -> Value {
    json!({ "bin": bin, "name": "ТОО «Көкше Құрылыс»", "region_code": "110000000",
            "district_code": "111000000", "locality_code": "111010000" })
}

pub fn vacancy_body() -> Value {
    json!({
        "title": "Бухгалтер", "occupation_code": "2411", "positions": 2,
        "salary_from": 250000, "salary_to": 320000, "work_regime": "full_time",
        "employment_type": "permanent", "education_level": "higher", "experience_years": 2,
        "skills": ["1С"], "region_code": "110000000", "district_code": "111000000",
        "locality_code": "111010000", "description": "Учёт и отчётность"
    })
}

pub fn resume_body() -> Value {
    json!({ "occupation_codes": ["2411"], "experience_years": 3, "desired_salary": 200000,
            "work_regime": "full_time", "locality_code": "111010000", "published": true })
}

pub fn subsidised_body() -> Value {
    json!({
        "measure": "public_works", "places": 5, "occupation_code": "9112", "monthly_pay": 90000,
        "starts_on": "2026-01-15", "ends_on": "2026-12-31", "contact_person": "Айгүл Серікова",
        "contact_phone": "+7 (701) 555-12-34", "locality_code": "111010000"
    })
}

pub fn plan_body() -> Value {
    json!({
        "goal": "Работа бухгалтером в Кокшетау", "education": "higher", "occupation": "2411",
        "valid_until": "2026-06-30",
        "actions": [ { "action": "vacancy_information", "due_on": "2026-04-01" } ],
        "contacts": [ { "on": "2026-04-06", "purpose": "консультация" } ]
    })
}

/// The twelve months of contributions before March 2026, with their incomes.
fn contributions() -> Value {
    let months: Vec<String> = (3..=12)
        .map(|m| format!("2025-{m:02}"))
        .chain(["2026-01".to_string(), "2026-02".to_string()])
        .collect();
    let incomes: serde_json::Map<String, Value> =
        months.iter().map(|m| (m.clone(), json!(300000))).collect();
    json!({ "contribution_months": months, "contribution_incomes": incomes })
}

async fn ok(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Value {
    let body = (!body.is_null()).then_some(body);
    let (status, answer) = app.call(method, path, Some(token), body).await;
    assert!(status.is_success(), "{path}: {status} {answer}");
    answer
}

/// POSTs `body` as the account of `token`; returns the id of what was made.
async fn created(app: &TestApp, path: &str, token: &str, body: Value) -> String {
    text(&ok(app, Method::POST, path, token, body).await, "id")
}

fn text(v: &Value, field: &str) -> String {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field} in {v}"))
        .to_string()
}

/// A citizen who has proven `person` and applied at the Kokshetau career center; returns the
/// registration.
async fn registered(app: &TestApp, login: &str, person: &str, registry: Value) -> Value {
    app.job_seeker(login, person, registry, json!({})).await.1
}

/// An employer's owner, who has proven their own IIN and whom the business registry records as
/// the company's head, with a verified employer.
async fn employer_owner(app: &TestApp, login: &str, head: &str, company: &str) -> String {
    app.registry_person(head, json!({})).await;
    let token = app.citizen(login).await;
    app.prove(&token, head).await;
    app.business(company, head).await;
    let (status, body) = app
        .post("/api/v1/employers", Some(&token), employer_body(company))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    token
}

/// A welding course of the Kokshetau career center (129 App.4).
pub fn course_body() -> Value {
    json!({
        "measure": "training", "capacity": 20, "occupation_code": "7212",
        "provider": "Көкшетау политехникалық колледжі, Абай к-сі 10", "qualification": "Электр дәнекерлеуші",
        "starts_on": "2026-04-01", "ends_on": "2026-06-30"
    })
}

/// Builds the world on a fresh development server (clock at the working morning of 17 March).
pub async fn world(app: &TestApp) -> World {
    let mut ids = BTreeMap::new();
    let citizen_iin = iin("880412", 3, 7100);
    let other_iin = iin("900215", 4, 7200);
    let forwarded_iin = iin("871008", 3, 7300);
    let participant_iin = iin("950505", 3, 7400);
    let employer_bin = bin("1503", 7500);

    // Two citizens registered as job seekers on Tuesday 17 March; unemployed on Friday 20 March.
    let reg = registered(app, "citizen@example.kz", &citizen_iin, contributions()).await;
    ids.insert("registration", text(&reg, "id"));
    ids.insert("person", text(&reg, "person_id"));
    let other = registered(app, "other@example.kz", &other_iin, json!({})).await;
    ids.insert("other_registration", text(&other, "id"));
    app.registry_person(&forwarded_iin, rural()).await;
    app.registry_person(&participant_iin, json!({})).await;
    app.set_clock(NOW).await;
    app.run_due_jobs().await;

    // Tokens issued before the clock moved have expired: everyone signs in again below.
    let citizen = app.login("citizen@example.kz", PASSWORD).await;
    let (_, mine) = app.get("/api/v1/me/registration", Some(&citizen)).await;
    assert_eq!(mine["status"], "unemployed", "{mine}");
    let (_, documents) = app.get("/api/v1/me/documents", Some(&citizen)).await;
    ids.insert("document", text(&documents[0], "id"));

    // Two employers, each with its owner's identity proven; the first with two vacancies and a
    // subsidised-job application with one participant.
    let employer = employer_owner(
        app,
        "employer@example.kz",
        &iin("760301", 3, 7600),
        &employer_bin,
    )
    .await;
    employer_owner(
        app,
        "other-employer@example.kz",
        &iin("770401", 4, 7700),
        &bin("1503", 7800),
    )
    .await;
    let vacancy = created(app, "/api/v1/vacancies", &employer, vacancy_body()).await;
    ids.insert("vacancy", vacancy);
    let to_close = created(app, "/api/v1/vacancies", &employer, vacancy_body()).await;
    ids.insert("vacancy_to_close", to_close);
    let subsidised = "/api/v1/subsidised-job-applications";
    let subsidised = created(app, subsidised, &employer, subsidised_body()).await;
    let participants = format!("/api/v1/subsidised-job-applications/{subsidised}/participants");
    let participant = json!({ "iin": participant_iin });
    let participant = created(app, &participants, &employer, participant).await;
    ids.insert("participant", participant);
    ids.insert("subsidised", subsidised);

    // The citizen's resume, response to the vacancy (a referred candidate), saved search,
    // reported change and job-loss payment application; a fresh proof to confirm an IBAN change.
    ok(
        app,
        Method::PUT,
        "/api/v1/me/resume",
        &citizen,
        resume_body(),
    )
    .await;
    let responses = format!("/api/v1/vacancies/{}/responses", ids["vacancy"]);
    let offer = created(app, &responses, &citizen, json!(null)).await;
    ids.insert("offer", offer);
    let search = json!({ "q": "бухгалтер" });
    let search = created(app, "/api/v1/me/saved-searches", &citizen, search).await;
    ids.insert("saved_search", search);
    let report = json!({ "kind": "moved", "occurred_on": "2026-03-19" });
    let report = created(app, "/api/v1/me/circumstances", &citizen, report).await;
    ids.insert("circumstance", report);
    let payment = json!({ "iban": kz_iban("722", "0000123456789") });
    ok(
        app,
        Method::POST,
        "/api/v1/me/jobloss-payment",
        &citizen,
        payment,
    )
    .await;
    let proof = app.prove(&citizen, &citizen_iin).await;
    ids.insert("proof", proof);

    // The first employer invites the other citizen to act for it; the development CA issues
    // a test certificate (for revokeTestCertificate).
    let invitation = json!({ "login": "other@example.kz" });
    let invitation = created(app, "/api/v1/employers/me/members", &employer, invitation).await;
    ids.insert("invitation", invitation);
    let admin_now = app.login("admin", ADMIN_PASSWORD).await;
    let certificate = ok(
        app,
        Method::POST,
        "/api/v1/dev/certificates",
        &admin_now,
        json!({ "iin": citizen_iin }),
    )
    .await;
    ids.insert("certificate_serial", text(&certificate, "serial"));

    // Staff: the Kokshetau career center's specialist draws up the citizen's plan.
    let admin = app.login("admin", ADMIN_PASSWORD).await;
    let staff = [
        (
            "specialist",
            "spec.kokshetau",
            "career_center_specialist",
            Some(CENTER),
        ),
        (
            "other_region_specialist",
            "spec.astana",
            "career_center_specialist",
            Some("cc-astana-saryarka"),
        ),
        (
            "assistant",
            "assistant.zb",
            "assistant",
            Some("rd-burabay-zeleny-bor"),
        ),
        (
            "officer",
            "officer.akmola",
            "mobility_center_officer",
            Some("mc-110000000"),
        ),
        ("ministry", "ministry", "ministry_officer", None),
        (
            "education_staff",
            "staff.polytechnic",
            "education_staff",
            Some(SCHOOL),
        ),
    ];
    for (_, login, role, org) in &staff {
        let body = json!({ "login": login, "password": STAFF_PASSWORD, "role": role, "organization_id": org });
        ok(app, Method::POST, "/api/v1/staff-accounts", &admin, body).await;
    }
    let specialist = app.login("spec.kokshetau", STAFF_PASSWORD).await;
    let plan = ok(
        app,
        Method::POST,
        &format!("/api/v1/registrations/{}/plan", ids["registration"]),
        &specialist,
        plan_body(),
    )
    .await;
    let item = plan["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["action"].is_string()))
        .unwrap_or_else(|| panic!("a plan action in {plan}"));
    ids.insert("plan_item", text(item, "id"));
    // The citizen's proof started for the plan, to sign it (signMyPlan, 214 p.62).
    let purpose = format!("plan:{}", text(&plan, "id"));
    let body = json!({ "iin": citizen_iin, "method": "sms", "purpose": purpose });
    let started = ok(app, Method::POST, "/api/v1/identity-proofs", &citizen, body).await;
    let answer = json!({ "proof_id": started["proof_id"], "code": app.last_sms_code().await });
    ok(
        app,
        Method::POST,
        "/api/v1/identity-proofs/complete",
        &citizen,
        answer,
    )
    .await;
    ids.insert("plan_proof", text(&started, "proof_id"));
    // The Kokshetau center's welding course at the polytechnic college, and the citizen's
    // referral to it (Order 129).
    let mut course = course_body();
    course["education_organization_id"] = json!(SCHOOL);
    let place = created(
        app,
        "/api/v1/career-center/measure-places",
        &specialist,
        course,
    )
    .await;
    let body = json!({ "measure": "training", "place_id": place, "personal_data_consent": true,
        "restricted_data_consent": true });
    let referral = created(app, "/api/v1/me/active-measures", &citizen, body).await;
    ids.insert("measure_place", place);
    ids.insert("measure_referral", referral);
    let summons = format!(
        "/api/v1/registrations/{}/measure-summons",
        ids["registration"]
    );
    let summons = created(app, &summons, &specialist, json!({})).await;
    ids.insert("measure_summons", summons);

    ids.insert("citizen_iin", citizen_iin);
    ids.insert("other_iin", other_iin);
    ids.insert("forwarded_iin", forwarded_iin);
    ids.insert("participant_iin", participant_iin);
    ids.insert("employer_bin", employer_bin);

    let mut logins: Vec<(&'static str, &str, &str)> = vec![
        ("citizen", "citizen@example.kz", PASSWORD),
        ("other_citizen", "other@example.kz", PASSWORD),
        ("employer", "employer@example.kz", PASSWORD),
        ("other_employer", "other-employer@example.kz", PASSWORD),
        ("administrator", "admin", ADMIN_PASSWORD),
    ];
    logins.extend(
        staff
            .iter()
            .map(|(role, login, ..)| (*role, *login, STAFF_PASSWORD)),
    );
    let mut actors = BTreeMap::new();
    for (role, login, password) in logins {
        actors.insert(
            role,
            Actor {
                login: login.to_string(),
                password: password.to_string(),
                token: app.login(login, password).await,
            },
        );
    }
    World { actors, ids }
}
