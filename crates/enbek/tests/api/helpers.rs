//! The test application: a real server, a fresh database, and shortcuts for the usual steps.

use enbek::config::{Secret, ServeArgs};
use enbek::server::{self, Running};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const ADMIN_PASSWORD: &str = "admin-pass-1";

/// A Tuesday, 10:00 in Astana: an ordinary working morning.
pub const WORKING_MORNING: &str = "2026-03-17T10:00:00+05:00";

/// A database of its own for one test, removed when the test ends.
pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Another `TestDb` owns the database.
    Shared,
    File(std::path::PathBuf),
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    /// The same database again, for a second server; the first `TestDb` removes it.
    pub fn shared(url: &str) -> TestDb {
        TestDb {
            url: url.to_string(),
            cleanup: Cleanup::Shared,
        }
    }

    pub async fn new() -> TestDb {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("ENBEK_TEST_DATABASE_URL") {
            Ok(admin_url) if admin_url.starts_with("postgres") => {
                let name = format!("enbek_test_{id}");
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create the test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                TestDb {
                    url: format!("{base}/{name}"),
                    cleanup: Cleanup::Postgres { admin_url, name },
                }
            }
            _ => {
                let path = std::env::temp_dir().join(format!("enbek-test-{id}.db"));
                TestDb {
                    url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::File(path),
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Shared => {}
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    rt.block_on(async {
                        if let Ok(mut conn) =
                            <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url).await
                        {
                            let _ = sqlx::query(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .execute(&mut conn)
                            .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub admin: String,
    pub running: Running,
    /// Dropped last: the database outlives the server.
    _db: TestDb,
}

pub fn serve_args(url: &str) -> ServeArgs {
    ServeArgs {
        dev: true,
        listen: "127.0.0.1:0".parse().unwrap(),
        staff_listen: None,
        database_url: Secret::from(url),
        admin_password: Some(Secret::from(ADMIN_PASSWORD)),
        registry_url: None,
        registry_timeout_ms: 500,
        registry_file: None,
        organizations_file: None,
        localities_file: None,
        smtp_url: None,
        mail_from: "noreply@enbek.kz".into(),
        sms_url: None,
        fund_url: None,
        token_ttl_hours: 12,
        login_address_limit: 100,
        trusted_proxies: Vec::new(),
        worker_interval_ms: 50,
        max_body_bytes: 64 * 1024,
        log_format: "json".into(),
        header_timeout_ms: 10_000,
        body_timeout_ms: 30_000,
        max_connections: 1024,
        max_connections_per_address: 256,
    }
}

impl TestApp {
    /// A development-mode server with its clock set to an ordinary working morning.
    pub async fn spawn() -> TestApp {
        let db = TestDb::new().await;
        TestApp::spawn_on(db, serve_args).await
    }

    pub async fn spawn_on(db: TestDb, args: impl FnOnce(&str) -> ServeArgs) -> TestApp {
        let running = server::start(args(&db.url))
            .await
            .expect("the server starts");
        let base = format!("http://{}", running.addr);
        let client = reqwest::Client::new();
        let mut app = TestApp {
            base,
            client,
            admin: String::new(),
            running,
            _db: db,
        };
        app.admin = app.login("admin", ADMIN_PASSWORD).await;
        app.set_clock(WORKING_MORNING).await;
        app
    }

    /// Sends a request; returns the status and the JSON body (Null when empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The body of a GET as text (pages, scripts, metrics).
    pub async fn text(&self, path: &str) -> String {
        let response = self.client.get(format!("{}{path}", self.base)).send().await;
        response
            .expect("the server answers")
            .text()
            .await
            .expect("a body")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn login(&self, login: &str, password: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/sessions",
                None,
                json!({ "login": login, "password": password }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login {login}: {body}");
        body["token"].as_str().expect("a token").to_string()
    }

    pub async fn set_clock(&self, now: &str) {
        let (status, body) = self
            .call(
                Method::PUT,
                "/api/v1/dev/clock",
                Some(&self.admin),
                Some(json!({ "now": now })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    pub async fn run_due_jobs(&self) -> u64 {
        let (status, body) = self
            .post("/api/v1/dev/jobs/run", Some(&self.admin), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["processed"].as_u64().expect("processed")
    }

    /// A citizen account, signed in.
    pub async fn citizen(&self, login: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/accounts",
                None,
                json!({ "login": login, "password": "secret123", "accept_terms": true }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        self.login(login, "secret123").await
    }

    /// A staff account of `role` in `organization`, signed in.
    pub async fn staff(&self, login: &str, role: &str, organization: Option<&str>) -> String {
        let body = json!({ "login": login, "password": "staff-pass-1", "role": role, "organization_id": organization });
        let (status, body) = self
            .post("/api/v1/staff-accounts", Some(&self.admin), body)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        self.login(login, "staff-pass-1").await
    }

    /// Puts a person into the registry simulator; `changes` overrides the defaults.
    pub async fn registry_person(&self, iin: &str, changes: Value) {
        let mut person = json!({
            "iin": iin, "last_name": "Ахметов", "first_name": "Ерлан", "middle_name": "Серикович",
            "birth_date": "1987-10-08", "sex": "male", "region_code": "110000000", "district_code": "111000000",
            "locality_code": "111010000", "employed": false, "entrepreneur": false, "pensioner": false,
            "student": false, "convicted": false, "disability_group": null, "contribution_months": ["2025-12", "2026-01"]
        });
        for (k, v) in changes.as_object().expect("an object") {
            person[k] = v.clone();
        }
        let (status, body) = self
            .post("/api/v1/dev/registry/persons", Some(&self.admin), person)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

/// The check digit of the first 11 digits by the rule of SPEC §3, if there is one.
fn check_digit(body: &str) -> Option<u32> {
    let d: Vec<u32> = body.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum = |w: &[u32]| d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11;
    let mut r = sum(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if r == 10 {
        r = sum(&[3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    (r < 10).then_some(r)
}

/// The first serial from `serial` whose 11 digits `body(serial)` have a check digit.
fn with_check_digit(serial: u32, body: impl Fn(u32) -> String) -> String {
    (serial..serial + 200)
        .find_map(|s| {
            let body = body(s);
            check_digit(&body).map(|r| format!("{body}{r}"))
        })
        .expect("some serial gives a check digit")
}

/// A valid IIN for a birth date (YYMMDD), century-and-sex digit and serial.
pub fn iin(birth_yymmdd: &str, century_sex: u8, serial: u32) -> String {
    with_check_digit(serial, |s| format!("{birth_yymmdd}{century_sex}{s:04}"))
}

/// A valid BIN of a resident legal entity registered in `yymm`.
pub fn bin(yymm: &str, serial: u32) -> String {
    with_check_digit(serial, |s| format!("{yymm}40{s:05}"))
}

/// The application form with the usual answers.
pub fn application(iin: &str, center: &str) -> Value {
    json!({
        "iin": iin, "career_center_id": center, "phone": "+7 701 123 45 67", "email": "person@example.kz",
        "publish_resume": true, "outsourcing_consent": false, "personal_data_consent": true
    })
}

pub fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}
