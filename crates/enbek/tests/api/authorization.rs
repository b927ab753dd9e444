//! The authorisation matrix (issue 9): every operation of the OpenAPI document called as every
//! role, each answer checked against the table of docs/AUTHORIZATION.md.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

use crate::helpers::*;
use crate::world::{self, World, ROLES};

/// The table, read at compile time: the document and the test cannot drift apart.
const TABLE: &str = include_str!("../../../../docs/AUTHORIZATION.md");

/// One row of the table: the expected outcome by role.
struct Row {
    cells: BTreeMap<String, String>,
}

/// The rows of the matrix by operationId, in the order of the document.
fn table() -> Vec<(String, Row)> {
    let mut lines = TABLE
        .lines()
        .skip_while(|l| !l.starts_with("| operation |"));
    let split = |l: &str| -> Vec<String> {
        l.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let header = split(lines.next().expect("the matrix has a header row"));
    assert_eq!(
        header[1..=ROLES.len()],
        ROLES.map(String::from),
        "the matrix's columns are the roles, in order"
    );
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells = split(l);
            assert_eq!(cells.len(), header.len(), "a cell per column: {l}");
            let row = ROLES
                .iter()
                .zip(&cells[1..])
                .map(|(role, cell)| {
                    assert!(
                        ["allow", "401", "403", "404"].contains(&cell.as_str()),
                        "{}: {role}: {cell} is not allow, 401, 403 or 404",
                        cells[0]
                    );
                    (role.to_string(), cell.clone())
                })
                .collect();
            (cells[0].clone(), Row { cells: row })
        })
        .collect()
}

/// An operation of the OpenAPI document.
pub struct Operation {
    pub id: String,
    pub method: Method,
    pub path: String,
    /// The document's entry for the operation (parameters, request body).
    pub spec: Value,
}

pub fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, spec) in item.as_object().expect("a path item") {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let id = spec["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            out.push(Operation {
                id: id.to_string(),
                method,
                path: path.clone(),
                spec: spec.clone(),
            });
        }
    }
    out
}

pub enum Body {
    None,
    Json(Value),
    Text(&'static str, String),
}

/// A request that passes every check an operation makes before its authorisation: a valid body,
/// the required query, real records in the path.
struct Request {
    path: String,
    query: String,
    body: Body,
}

fn path_value(op: &str, name: &str, w: &World) -> String {
    let record = match (op, name) {
        (_, "candidate_id") => "offer",
        (_, "classifier") => return "education_level".into(),
        (_, "service") => return "job_seeker_registration".into(),
        ("acknowledgeCircumstance", _) => "circumstance",
        ("getPersonCard", _) => "person",
        ("recordPlanItem", _) => "plan_item",
        (
            "respondToOffer" | "answerOfferThroughAssistant" | "declineInterview" | "excuseNoShow",
            _,
        ) => "offer",
        ("deleteSavedSearch", _) => "saved_search",
        ("acceptEmployerInvitation" | "declineEmployerInvitation", _) => "invitation",
        ("revokeTestCertificate", _) => "certificate_serial",
        ("getDocument" | "getDocumentSignature" | "correctDocument", _) => "document",
        ("closeVacancy", _) => "vacancy_to_close",
        (
            "getActiveMeasureReferral"
            | "returnReferralTearOff"
            | "endActiveMeasure"
            | "recordResettlementCommission",
            _,
        ) => "measure_referral",
        ("recordSummonsAnswer", _) => "measure_summons",
        (op, _) if op.contains("Subsidised") => "subsidised",
        (op, _) if op.contains("Vacancy") || op.contains("Candidate") || op.contains("NoShow") => {
            "vacancy"
        }
        ("scheduleInterview", _) => "vacancy",
        _ => "registration",
    };
    w.id(record).to_string()
}

fn query(op: &str, w: &World) -> String {
    match op {
        "getCalendar" => "year=2026".into(),
        "getServiceMonitoring" => "from=2026-03-01&to=2026-03-31".into(),
        "findPersonCard" => format!("iin={}", w.id("citizen_iin")),
        "getLaborMarketStatistics" => "from=2026-03&to=2026-03".into(),
        _ => String::new(),
    }
}

fn body(op: &str, w: &World) -> Body {
    let application = |iin: &str| {
        let mut form = application(iin, "cc-kokshetau");
        form.as_object_mut().unwrap().remove("career_center_id");
        form
    };
    let json = match op {
        "createAccount" => {
            json!({ "login": "matrix@example.kz", "password": "matrix-pass-1", "accept_terms": true })
        }
        "login" => {
            let a = w.actor("citizen");
            json!({ "login": a.login, "password": a.password })
        }
        "createStaffAccount" => {
            json!({ "login": "matrix.ministry", "password": "staff-pass-1", "role": "ministry_officer" })
        }
        "updateMe" => json!({ "locale": "kk" }),
        "startIdentityProof" => json!({ "iin": w.id("citizen_iin"), "method": "sms" }),
        "completeIdentityProof" => json!({ "proof_id": "no-such-proof", "code": "123456" }),
        "addParameterEdition" => {
            json!({ "key": "no_such_parameter", "effective_from": "2027-01-01", "value": "1", "source": "matrix" })
        }
        "applyJobSeeker" | "receiveEgovApplication" => {
            crate::helpers::application(w.id("citizen_iin"), "cc-kokshetau")
        }
        "registerJobSeekerInPerson" => application(w.id("other_iin")),
        "forwardJobSeekerApplication" => application(w.id("forwarded_iin")),
        "reviewForwardedRegistration" => json!({ "accept": true }),
        "closeMyRegistration" => json!({ "reason": "own_wish" }),
        "applyJoblossPayment" => json!({ "iban": kz_iban("722", "0000123456789") }),
        "changeJoblossIban" => {
            json!({ "iban": kz_iban("601", "0000987654321"), "proof_id": w.id("proof") })
        }
        "deregisterPerson" => {
            json!({ "registration_id": w.id("other_registration"), "ground_code": "no_show" })
        }
        // The first employer's BIN: refused as existing, so that nobody becomes an employer here.
        "registerEmployer" => world::employer_body(w.id("employer_bin")),
        // An account that has an employer already: refused on its state, nobody joins.
        "addEmployerMember" => json!({ "login": w.actor("other_employer").login }),
        "createLayoffNotice" => {
            json!({ "planned_on": "2026-06-01", "groups": [ { "position": "Оператор", "count": 3 } ] })
        }
        "createSubsidisedJobApplication" => world::subsidised_body(),
        "addSubsidisedParticipant" => json!({ "iin": w.id("participant_iin") }),
        "recordSubsidisedAttendance" => {
            json!({ "participant_id": w.id("participant"), "month": "2026-03", "days_worked": 10 })
        }
        "createMeasurePlace" => world::course_body(),
        "applyActiveMeasure" | "receiveEgovActiveMeasure" => json!({
            "measure": "training", "place_id": w.id("measure_place"), "iin": w.id("citizen_iin"),
            "personal_data_consent": true, "restricted_data_consent": true
        }),
        "referActiveMeasureInPerson" => json!({
            "iin": w.id("other_iin"), "measure": "training", "place_id": w.id("measure_place"),
            "documents": { "identity": "valid", "health_certificate": "valid" },
            "personal_data_consent": true, "restricted_data_consent": true
        }),
        "askDigitalDocumentConsent" => json!({ "iin": w.id("other_iin") }),
        "returnReferralTearOff" => {
            json!({ "taken": true, "order_number": "1", "order_date": "2026-03-20" })
        }
        "endActiveMeasure" => json!({ "ending": "completed", "ended_on": "2026-03-20" }),
        "summonForActiveMeasure" => json!({ "measure": "public_works" }),
        "recordResettlementCommission" => {
            json!({ "approved": true, "decision_number": "1", "decided_on": "2026-03-16" })
        }
        "createVacancy" => world::vacancy_body(),
        "updateVacancy" => {
            let mut body = world::vacancy_body();
            body["salary_from"] = json!(1000);
            body["salary_to"] = Value::Null;
            body
        }
        "createOffer" => {
            json!({ "vacancy_id": w.id("vacancy"), "registration_id": w.id("registration") })
        }
        "respondToOffer" | "answerOfferThroughAssistant" => json!({ "accept": true }),
        "decideOnCandidate" => json!({ "decision": "rejected" }),
        "scheduleInterview" => json!({ "at": "2026-03-25T05:00:00Z", "place": "Кокшетау, Абая 1" }),
        "upsertMyResume" => world::resume_body(),
        "createSavedSearch" => json!({ "q": "бухгалтер" }),
        "createEmploymentPlan" => world::plan_body(),
        "recordPlanItem" => json!({ "outcome": "done" }),
        "reportCircumstance" => json!({ "kind": "moved", "occurred_on": "2026-03-19" }),
        "signMyPlan" => json!({ "proof_id": w.id("plan_proof") }),
        "setClock" => json!({ "now": world::NOW }),
        "verifyDocument" => json!({ "document_id": w.id("document") }),
        "correctDocument" => {
            json!({ "person_name": "Сейітов Нұрлан Бекұлы", "reason": "the registry corrected the name" })
        }
        "issueTestCertificate" => json!({ "iin": w.id("citizen_iin") }),
        "upsertRegistryPerson" => {
            let mut person = json!({
                "iin": iin("991231", 3, 7900), "last_name": "Сейтов", "first_name": "Арман",
                "birth_date": "1999-12-31", "sex": "male", "region_code": "110000000",
                "district_code": "111000000", "locality_code": "111010000", "employed": false,
                "entrepreneur": false, "pensioner": false, "student": false, "sentences": [],
                "contribution_months": [], "phones": ["+77015550099"]
            });
            person["middle_name"] = Value::Null;
            person
        }
        "upsertRegistryBusiness" => {
            json!({ "bin": bin("1503", 7950), "name": "ТОО «Матрица»", "active": true })
        }
        "setRegistryAvailability" => json!({ "answering": true }),
        "importOrganizations" => {
            return Body::Text(
                "text/csv",
                "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n".into(),
            )
        }
        "importOccupations" => {
            return Body::Text(
                "text/csv",
                "code,level,parent_code,skill_level,name_kk,name_ru,name_en\n".into(),
            )
        }
        "upsertCalendarDays" => return Body::Text("text/plain", String::new()),
        "importLocalities" => {
            return Body::Text(
                "text/csv",
                "code,name_kk,name_ru,name_en,latitude,longitude\n".into(),
            )
        }
        _ => return Body::None,
    };
    Body::Json(json)
}

fn request(op: &Operation, w: &World) -> Request {
    let mut path = op.path.clone();
    while let Some(start) = path.find('{') {
        let end = path[start..].find('}').expect("a closed parameter") + start;
        let value = path_value(&op.id, &path[start + 1..end], w);
        path.replace_range(start..=end, &value);
    }
    Request {
        path,
        query: query(&op.id, w),
        body: body(&op.id, w),
    }
}

/// Sends a request as `token`; the status and the problem code, if any.
pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    query: &str,
    token: Option<&str>,
    body: &Body,
) -> (StatusCode, String) {
    let mut url = format!("{}{path}", app.base);
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    let mut request = app.client.request(method, url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request = match body {
        Body::None => request,
        Body::Json(v) => request.json(v),
        Body::Text(kind, text) => request.header("content-type", *kind).body(text.clone()),
    };
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let problem: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    (status, code(&problem).to_string())
}

fn meets(expected: &str, status: StatusCode) -> bool {
    match expected {
        "allow" => !matches!(status.as_u16(), 401 | 403),
        cell => cell == status.as_str(),
    }
}

#[tokio::test]
async fn every_operation_answers_every_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    let w = world::world(&app).await;
    let (status, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let ops: BTreeMap<String, Operation> = operations(&doc)
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect();
    let rows = table();

    let named: BTreeSet<&String> = rows.iter().map(|(op, _)| op).collect();
    assert_eq!(named.len(), rows.len(), "an operation has two rows");
    let missing: Vec<&String> = ops.keys().filter(|op| !named.contains(op)).collect();
    assert!(
        missing.is_empty(),
        "operations without a row in docs/AUTHORIZATION.md: {missing:?}"
    );
    let unknown: Vec<&&String> = named.iter().filter(|op| !ops.contains_key(**op)).collect();
    assert!(
        unknown.is_empty(),
        "rows of docs/AUTHORIZATION.md naming no operation: {unknown:?}"
    );

    let mut mismatches = Vec::new();
    // Last, in this order: answering the invitation (declined, then the acceptance finds it
    // answered) would make the other citizen an employer's member; closing the citizens'
    // registrations would turn the rest into answers on a closed case.
    const LAST: [&str; 3] = [
        "declineEmployerInvitation",
        "acceptEmployerInvitation",
        "closeMyRegistration",
    ];
    let mut rows: Vec<&(String, Row)> = rows.iter().collect();
    rows.sort_by_key(|(id, _)| LAST.iter().position(|last| last == id));
    for (id, row) in rows {
        let op = &ops[id];
        let req = request(op, &w);
        // The refused first: an allowed call may change what a later one finds.
        let mut order: Vec<&str> = ROLES.to_vec();
        order.sort_by_key(|role| row.cells[*role] == "allow");
        for role in order {
            let expected = &row.cells[role];
            // Signing out ends the session: each role signs out of a session of its own.
            let fresh;
            let token = match (id.as_str(), w.actors.get(role)) {
                ("logout", Some(actor)) => {
                    fresh = app.login(&actor.login, &actor.password).await;
                    Some(fresh.as_str())
                }
                _ => w.token(role),
            };
            let (status, problem) = send(
                &app,
                op.method.clone(),
                &req.path,
                &req.query,
                token,
                &req.body,
            )
            .await;
            if !meets(expected, status) {
                mismatches.push(format!(
                    "{id} as {role}: the matrix says {expected}, the answer was {status} {problem}"
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} answers differ from docs/AUTHORIZATION.md:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
