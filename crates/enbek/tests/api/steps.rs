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

/// ТОО «Есеп», an accounting firm in Kokshetau of BIN `1503…serial`, as its head registers it.
pub fn esep(serial: u32) -> Value {
    json!({ "bin": bin("1503", serial), "name": "ТОО «Есеп»", "region_code": "110000000",
        "district_code": "111000000", "locality_code": "111010000" })
}

/// A vacancy for an accountant in Kokshetau titled `title`, of work regime `regime`.
pub fn accounting_vacancy(title: &str, regime: &str) -> Value {
    json!({
        "title": title, "occupation_code": "2411", "positions": 1, "salary_from": 250000,
        "salary_to": 320000, "work_regime": regime, "employment_type": "permanent",
        "region_code": "110000000", "district_code": "111000000", "locality_code": "111010000"
    })
}

/// A registry record's place of a resident of Zeleny Bor, a village of Burabay district.
pub fn rural() -> Value {
    json!({ "district_code": "117000000", "locality_code": "117049100" })
}

impl TestApp {
    /// A new citizen account `login` that heads the employer `body` and registers it; the
    /// head's token.
    pub async fn employer(&self, login: &str, body: Value) -> String {
        let token = self.citizen(login).await;
        let bin = body["bin"].as_str().expect("a BIN").to_string();
        self.head_of(&token, &bin).await;
        let (status, employer) = self.post("/api/v1/employers", Some(&token), body).await;
        assert_eq!(status, StatusCode::CREATED, "{employer}");
        token
    }

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

    /// A job seeker (see `job_seeker`, no form changes) who puts in a resume for full-time
    /// accounting work in Kokshetau; returns the token and the registration.
    pub async fn job_seeker_with_resume(
        &self,
        login: &str,
        person: &str,
        registry: Value,
    ) -> (String, Value) {
        let (token, reg) = self.job_seeker(login, person, registry, json!({})).await;
        self.put_accounting_resume(&token).await;
        (token, reg)
    }

    /// The account of `token` puts in a resume for full-time accounting work in Kokshetau.
    pub async fn put_accounting_resume(&self, token: &str) {
        let resume = json!({ "occupation_codes": ["2411"], "experience_years": 3,
            "desired_salary": 200000, "work_regime": "full_time", "locality_code": "111010000" });
        let (status, body) = self
            .call(Method::PUT, "/api/v1/me/resume", Some(token), Some(resume))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// The offer of `vacancy` that `login` (signed in again) finds among their offers.
    pub async fn offer_of(&self, login: &str, vacancy: &str) -> Value {
        let token = self.login(login, PASSWORD).await;
        let (_, list) = self.get("/api/v1/me/offers", Some(&token)).await;
        list.as_array()
            .unwrap_or_else(|| panic!("an array: {list}"))
            .iter()
            .find(|o| o["vacancy_id"] == vacancy)
            .cloned()
            .unwrap_or_else(|| panic!("no offer of {vacancy} in {list}"))
    }

    /// `login` (signed in again) accepts or refuses `offer` on the portal.
    pub async fn answer_offer(
        &self,
        login: &str,
        offer: &Value,
        accept: bool,
    ) -> (StatusCode, Value) {
        let token = self.login(login, PASSWORD).await;
        let path = format!(
            "/api/v1/offers/{}/answer",
            offer["id"].as_str().expect("an id")
        );
        self.post(&path, Some(&token), json!({ "accept": accept }))
            .await
    }

    /// The employer's account of `token` invites `candidate` to an interview for `vacancy` at
    /// `at` in Kokshetau.
    pub async fn arrange_interview(
        &self,
        token: &str,
        vacancy: &str,
        candidate: &str,
        at: &str,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/vacancies/{vacancy}/candidates/{candidate}/interview");
        self.post(
            &path,
            Some(token),
            json!({ "at": at, "place": "Абай к-сі, 1" }),
        )
        .await
    }

    /// The employer's account of `token` records that `candidate` did not come to the interview.
    pub async fn no_show(
        &self,
        token: &str,
        vacancy: &str,
        candidate: &str,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/vacancies/{vacancy}/candidates/{candidate}/no-show");
        self.post(&path, Some(token), json!({})).await
    }

    /// The work queue of the staff of `token` for the next five days.
    pub async fn work_queue(&self, token: &str) -> Vec<Value> {
        let (status, list) = self
            .get("/api/v1/work-queue?horizon_days=5", Some(token))
            .await;
        assert_eq!(status, StatusCode::OK, "{list}");
        list.as_array()
            .unwrap_or_else(|| panic!("an array: {list}"))
            .clone()
    }

    /// The specialist of `token` deregisters `registration` on the ground `ground`.
    pub async fn deregister(
        &self,
        token: &str,
        registration: &str,
        ground: &str,
    ) -> (StatusCode, Value) {
        let body = json!({ "registration_id": registration, "ground_code": ground });
        self.post("/api/v1/deregistrations", Some(token), body)
            .await
    }

    /// The registration of `login`, signed in again.
    pub async fn my_registration(&self, login: &str) -> Value {
        let token = self.login(login, PASSWORD).await;
        let (status, reg) = self.get("/api/v1/me/registration", Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "{reg}");
        reg
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
        self.my_registration(login).await
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
