//! Steps many API tests take on their way to what they test: an application on the portal, a
//! citizen registered as unemployed, staff of the usual organisations, a silent registry, and
//! the check of a problem answer.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

/// The Kokshetau career center, where the tests' citizens apply.
pub const CENTER: &str = "cc-kokshetau";
/// The password of the citizens `TestApp::citizen` signs up.
pub const PASSWORD: &str = "secret123";
/// The password of the staff `TestApp::staff` creates.
pub const STAFF_PASSWORD: &str = "staff-pass-1";
/// Friday 20 March 2026, 10:00 in Astana: a job seeker registered on Tuesday 17 March is
/// unemployed by then.
pub const UNEMPLOYED_FROM: &str = "2026-03-20T10:00:00+05:00";

/// Asserts that `answer` is a problem of status `expected` and code `problem`.
#[track_caller]
pub fn assert_problem(answer: (StatusCode, Value), expected: StatusCode, problem: &str) {
    let (status, body) = answer;
    assert_eq!((status, code(&body)), (expected, problem), "{body}");
}

/// `v` with the fields of `changes` set.
pub fn with(mut v: Value, changes: Value) -> Value {
    for (k, x) in changes.as_object().expect("an object") {
        v[k] = x.clone();
    }
    v
}

/// The text `field` of each item of the array `list`.
pub fn strings<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("an array: {list}"))
        .iter()
        .map(|item| {
            item[field]
                .as_str()
                .unwrap_or_else(|| panic!("no {field} in {item}"))
        })
        .collect()
}

/// A registry record's place of a resident of Zeleny Bor, a village of Burabay district.
pub fn rural() -> Value {
    json!({ "district_code": "117000000", "locality_code": "117049100" })
}

impl TestApp {
    /// A career-center specialist of `center`, signed in.
    pub async fn specialist(&self, login: &str, center: &str) -> String {
        self.staff(login, "career_center_specialist", Some(center))
            .await
    }

    /// A mobility-center officer of `center`, signed in.
    pub async fn officer(&self, login: &str, center: &str) -> String {
        self.staff(login, "mobility_center_officer", Some(center))
            .await
    }

    /// The assistant of the Zeleny Bor rural district (Burabay), signed in.
    pub async fn assistant(&self) -> String {
        self.staff("assistant.zb", "assistant", Some("rd-burabay-zeleny-bor"))
            .await
    }

    /// The employer of `token` posts the vacancy `body`.
    pub async fn post_vacancy(&self, token: &str, body: Value) -> (StatusCode, Value) {
        self.post("/api/v1/vacancies", Some(token), body).await
    }

    /// A career-center specialist of `token` registers the person of `form` at the desk.
    pub async fn desk(&self, token: &str, form: Value) -> (StatusCode, Value) {
        self.post("/api/v1/career-center/registrations", Some(token), form)
            .await
    }

    /// The assistant of `token` forwards the application `form` to a career center.
    pub async fn forward(&self, token: &str, form: Value) -> (StatusCode, Value) {
        self.post("/api/v1/assistant/registrations", Some(token), form)
            .await
    }

    /// `iin` in the registry as a resident of Zeleny Bor, a village of Burabay district; the
    /// assistant of `assistant`'s token forwards the application, naming no center.
    pub async fn forward_rural(&self, assistant: &str, iin: &str) -> (StatusCode, Value) {
        self.registry_person(iin, rural()).await;
        let mut form = application(iin, CENTER);
        form.as_object_mut()
            .expect("a form")
            .remove("career_center_id");
        self.forward(assistant, form).await
    }

    /// The monitoring summary of `service` for applications received on Tuesday 17 March 2026,
    /// as the account of `token` asks for it.
    pub async fn monitoring_of_17_march(&self, token: &str, service: &str) -> (StatusCode, Value) {
        let path = format!("/api/v1/monitoring/services/{service}?from=2026-03-17&to=2026-03-17");
        self.get(&path, Some(token)).await
    }

    /// The audit trail the administrator reads for `query` (`entity=…&entity_id=…`).
    pub async fn audit(&self, query: &str) -> Value {
        let path = format!("/api/v1/audit?{query}");
        let (status, audit) = self.get(&path, Some(&self.admin)).await;
        assert_eq!(status, StatusCode::OK, "{audit}");
        audit
    }

    /// How many reads of the card of `person` the audit trail records, and the trail.
    pub async fn person_reads(&self, person: &str) -> (usize, Value) {
        let audit = self
            .audit(&format!("entity=person&entity_id={person}"))
            .await;
        let reads = strings(&audit, "action")
            .into_iter()
            .filter(|a| *a == "read")
            .count();
        (reads, audit)
    }

    /// The registry simulator answers, or falls silent.
    pub async fn registry_answering(&self, answering: bool) {
        let (status, body) = self
            .call(
                Method::PUT,
                "/api/v1/dev/registry/availability",
                Some(&self.admin),
                Some(json!({ "answering": answering })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// The account of `token` applies on the portal for `iin` at the Kokshetau center.
    pub async fn apply(&self, token: &str, iin: &str) -> (StatusCode, Value) {
        self.post(
            "/api/v1/registrations",
            Some(token),
            application(iin, CENTER),
        )
        .await
    }

    /// A new citizen account that proves `iin` (already in the registry) and applies on the
    /// portal; returns the token and the answer.
    pub async fn apply_on_portal(&self, login: &str, iin: &str) -> (String, StatusCode, Value) {
        let token = self.citizen(login).await;
        self.prove(&token, iin).await;
        let (status, body) = self.apply(&token, iin).await;
        (token, status, body)
    }

    /// `person` in the registry with `registry` changes, applied on the portal with `form`
    /// changes to the usual answers and registered as a job seeker; returns the token and the
    /// registration.
    pub async fn job_seeker(
        &self,
        login: &str,
        person: &str,
        registry: Value,
        form: Value,
    ) -> (String, Value) {
        self.registry_person(person, registry).await;
        let token = self.citizen(login).await;
        self.prove(&token, person).await;
        let form = with(application(person, CENTER), form);
        let (status, reg) = self.post("/api/v1/registrations", Some(&token), form).await;
        assert_eq!(status, StatusCode::CREATED, "{reg}");
        assert_eq!(reg["status"], "job_seeker", "{reg}");
        (token, reg)
    }

    /// The citizen of `token` closes their registration for `reason`.
    pub async fn close_registration(&self, token: &str, reason: &str) -> (StatusCode, Value) {
        let body = json!({ "reason": reason });
        self.post("/api/v1/me/registration/close", Some(token), body)
            .await
    }

    /// Moves the clock to `now`, runs what fell due and reads the registration of `login`,
    /// signed in again.
    pub async fn registration_at(&self, now: &str, login: &str) -> Value {
        self.set_clock(now).await;
        self.run_due_jobs().await;
        let token = self.login(login, PASSWORD).await;
        let (status, reg) = self.get("/api/v1/me/registration", Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "{reg}");
        reg
    }

    /// A job seeker (see `job_seeker`) registered on the clock's Tuesday 17 March, unemployed
    /// from Friday 20 March, where the clock then stands; returns the registration id.
    pub async fn unemployed(&self, login: &str, person: &str, changes: Value) -> String {
        let (_, reg) = self.job_seeker(login, person, changes, json!({})).await;
        let mine = self.registration_at(UNEMPLOYED_FROM, login).await;
        assert_eq!(mine["status"], "unemployed", "{mine}");
        reg["id"].as_str().expect("an id").to_string()
    }
}
