//! The test application: a real server, a fresh database, and shortcuts for the usual steps.

use base64::Engine;
use enbek::app::{self as server, Running};
use enbek::platform::config::{Secret, ServeArgs};
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
        if !matches!(self.cleanup, Cleanup::Shared) {
            let _ = std::fs::remove_dir_all(signing_dir(&self.url));
        }
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
    /// People made by `proven_person`, so that each is new.
    people: std::sync::atomic::AtomicU32,
    /// Dropped last: the database outlives the server.
    _db: TestDb,
}

/// The signing folder of a test database's server: its own, since each test database has its
/// own development CA.
pub fn signing_dir(url: &str) -> std::path::PathBuf {
    let name: String = url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::env::temp_dir().join("enbek-signing").join(name)
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
        vacancy_search: "index".into(),
        max_body_bytes: 64 * 1024,
        log_format: "json".into(),
        trusted_ca_files: Vec::new(),
        crl_urls: Vec::new(),
        ncanode_url: None,
        ncanode_timeout_ms: 500,
        document_signer: "local".into(),
        signing_dir: signing_dir(url),
        document_store: "database".into(),
        public_url: None,
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

    /// As `spawn`, the server's arguments changed by `change`.
    pub async fn spawn_with(change: impl FnOnce(&mut ServeArgs)) -> TestApp {
        let db = TestDb::new().await;
        TestApp::spawn_on(db, |url| {
            let mut args = serve_args(url);
            change(&mut args);
            args
        })
        .await
    }

    /// Two servers on one new database, as behind a load balancer.
    pub async fn two_on_one_database() -> (TestApp, TestApp) {
        let db = TestDb::new().await;
        let url = db.url.clone();
        let a = TestApp::spawn_on(db, serve_args).await;
        let b = TestApp::spawn_on(TestDb::shared(&url), serve_args).await;
        (a, b)
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
            people: std::sync::atomic::AtomicU32::new(0),
            _db: db,
        };
        app.admin = app.login("admin", ADMIN_PASSWORD).await;
        app.set_clock(WORKING_MORNING).await;
        app
    }

    /// The database's address, for a second server on it or a test's own statements.
    pub fn db_url(&self) -> &str {
        &self._db.url
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
            "student": false, "sentences": [], "disability_group": null, "contribution_months": ["2025-12", "2026-01"],
            "phones": ["+77011234567"]
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

impl TestApp {
    /// The newest SMS kept in the development outbox.
    pub async fn last_sms(&self) -> Value {
        let (status, body) = self
            .get("/api/v1/dev/outbox?channel=sms&limit=1", Some(&self.admin))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body[0].clone()
    }

    /// Starts an SMS identity proof for `iin`; returns the proof id and the code sent.
    pub async fn start_sms_proof(&self, token: &str, iin: &str) -> (String, String) {
        let (status, body) = self
            .post(
                "/api/v1/identity-proofs",
                Some(token),
                json!({ "iin": iin, "method": "sms" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let code = self.last_sms_code().await;
        (body["proof_id"].as_str().unwrap().to_string(), code)
    }

    /// The six-digit code of the newest SMS in the development outbox.
    pub async fn last_sms_code(&self) -> String {
        let sms = self.last_sms().await;
        let text = sms["text"].as_str().expect("an SMS text");
        text.split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .expect("a six-digit code")
            .to_string()
    }

    /// A test certificate from the development CA for `iin` (and an organisation's `bin`).
    pub async fn test_certificate(&self, iin: &str, bin: Option<&str>) -> Value {
        let (status, cert) = self
            .post(
                "/api/v1/dev/certificates",
                Some(&self.admin),
                json!({ "iin": iin, "bin": bin }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{cert}");
        cert
    }

    /// Starts a signature proof for `iin`, signs its challenge with `cert` and answers it.
    pub async fn answer_by_signature(
        &self,
        token: &str,
        iin: &str,
        cert: &Value,
        detached: bool,
    ) -> (StatusCode, Value) {
        let (status, started) = self
            .post(
                "/api/v1/identity-proofs",
                Some(token),
                json!({ "iin": iin, "method": "signature" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{started}");
        let challenge = base64::engine::general_purpose::STANDARD
            .decode(started["challenge"].as_str().expect("a challenge"))
            .expect("base64");
        let signature = sign_cms(
            cert["certificate_pem"].as_str().unwrap(),
            cert["private_key_pem"].as_str().unwrap(),
            &challenge,
            detached,
        );
        self.post(
            "/api/v1/identity-proofs/complete",
            Some(token),
            json!({ "proof_id": started["proof_id"], "signature": signature }),
        )
        .await
    }

    /// A new person the registries know (with a phone), proven by the account of `token`;
    /// returns the IIN.
    pub async fn proven_person(&self, token: &str) -> String {
        let n = self
            .people
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let person = iin("750101", 3, 5000 + n * 10);
        self.registry_person(&person, json!({ "birth_date": "1975-01-01" }))
            .await;
        self.prove(token, &person).await;
        person
    }

    /// The business registry records `bin` as an active legal entity headed by `head_iin`.
    pub async fn business(&self, bin: &str, head_iin: &str) {
        let (status, body) = self
            .post(
                "/api/v1/dev/registry/businesses",
                Some(&self.admin),
                json!({ "bin": bin, "name": "ТОО", "active": true, "head_iin": head_iin }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// Makes the account of `token` the proven head of the legal entity `bin`.
    pub async fn head_of(&self, token: &str, bin: &str) {
        let head = self.proven_person(token).await;
        self.business(bin, &head).await;
    }

    /// Starts an SMS proof of `iin` and answers it with the code sent; returns the proof id and
    /// the answer.
    pub async fn answer_sms_proof(&self, token: &str, iin: &str) -> (String, (StatusCode, Value)) {
        let (proof_id, code) = self.start_sms_proof(token, iin).await;
        let answer = self
            .post(
                "/api/v1/identity-proofs/complete",
                Some(token),
                json!({ "proof_id": proof_id, "code": code }),
            )
            .await;
        (proof_id, answer)
    }

    /// Proves that the account of `token` acts for `iin` (the registry person must exist, with
    /// a phone); returns the completed proof's id.
    pub async fn prove(&self, token: &str, iin: &str) -> String {
        let (proof_id, (status, body)) = self.answer_sms_proof(token, iin).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        proof_id
    }
}

/// A Kazakhstan IBAN for a bank code and account, with its ISO 7064 check digits.
pub fn kz_iban(bank: &str, account: &str) -> String {
    let bban = format!("{bank}{account}");
    let digits: String = format!("{bban}KZ00")
        .chars()
        .map(|c| c.to_digit(36).unwrap().to_string())
        .collect();
    let remainder = digits
        .chars()
        .fold(0u32, |r, c| (r * 10 + c.to_digit(10).unwrap()) % 97);
    format!("KZ{:02}{bban}", 98 - remainder)
}

/// The check digit of the first 11 digits by the IIN check-digit rule (docs/RULES.md), if there is
/// one.
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

/// CMS SignedData (base64) over `content` by a certificate and its PKCS#8 key (PEM, as
/// `issueTestCertificate` answers): RSA PKCS#1 v1.5 with SHA-256, signed attributes, the
/// certificate carried; the content attached or `detached`.
pub fn sign_cms(
    certificate_pem: &str,
    private_key_pem: &str,
    content: &[u8],
    detached: bool,
) -> String {
    use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
    use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
    use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
    use der::{Any, DecodePem, Encode, Tag};
    use rsa::pkcs8::DecodePrivateKey;
    use sha2::Digest;

    let cert =
        x509_cert::Certificate::from_pem(certificate_pem.as_bytes()).expect("a PEM certificate");
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(private_key_pem).expect("a PKCS#8 RSA key");
    let eci = EncapsulatedContentInfo {
        econtent_type: const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1"),
        econtent: (!detached).then(|| Any::new(Tag::OctetString, content).expect("content")),
    };
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key);
    let digest = spki::AlgorithmIdentifierOwned {
        oid: const_oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
        parameters: None,
    };
    let external = detached.then(|| sha2::Sha256::digest(content).to_vec());
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let info = SignerInfoBuilder::new(&signer, sid, digest.clone(), &eci, external.as_deref())
        .expect("a signer info");
    let der = SignedDataBuilder::new(&eci)
        .add_digest_algorithm(digest)
        .and_then(|b| b.add_certificate(CertificateChoices::Certificate(cert)))
        .and_then(|b| b.add_signer_info::<_, rsa::pkcs1v15::Signature>(info))
        .and_then(|b| b.build())
        .and_then(|ci| Ok(ci.to_der()?))
        .expect("a CMS SignedData");
    base64::engine::general_purpose::STANDARD.encode(der)
}
