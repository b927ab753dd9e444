//! A bounded, seeded fuzz of every operation of the OpenAPI document (issue 9): requests
//! generated from each operation's schema — right and wrong JSON types, missing and extra
//! fields, control and bidirectional characters, very long strings, huge, negative and
//! fractional numbers, unknown enum values, bad dates, random and real path parameters and
//! queries — sent without a token and as a citizen, an employer, a specialist and the administrator. No
//! answer may be a 5xx, and every 4xx is `application/problem+json` with a `code`.
//!
//! The run is reproducible: `ENBEK_FUZZ_SEED=<n>` repeats the run a failure names.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{json, Map, Value};

use crate::authorization::{operations, Body, Operation};
use crate::helpers::*;
use crate::steps::*;
use crate::world::{self, World};

/// Requests per operation.
const PER_OPERATION: u64 = 20;

const DEFAULT_SEED: u64 = 0x00e6_bec9;

fn seed() -> u64 {
    std::env::var("ENBEK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// Strings no form expects.
fn hostile() -> Vec<String> {
    vec![
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "a\u{0}b".into(),
        "\u{202E}gnp.exe\u{202C}".into(),
        "\u{1}\u{1b}[31m\u{7f}".into(),
        "\r\n\t".into(),
        "'; DROP TABLE accounts; --".into(),
        "../../../etc/passwd".into(),
        "%00%2F%2e%2e".into(),
        "😀👩‍👩‍👧".into(),
        "\u{FEFF}\u{200B}".into(),
        "Ж".repeat(3000),
        "x".repeat(20_000),
        "null".into(),
        "-1".into(),
        "1e309".into(),
        "NaN".into(),
    ]
}

/// Numbers no form expects, integers and not.
fn numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(1),
        json!(-1),
        json!(7),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(9_007_199_254_740_993_u64),
        json!(1.5),
        json!(-0.0),
        json!(1e300),
        json!(-1e300),
    ]
}

struct Gen<'a> {
    doc: &'a Value,
    rng: StdRng,
    /// Values that mean something to the service: the world's ids and usual field values.
    plausible: Vec<String>,
}

impl<'a> Gen<'a> {
    fn resolve(&self, mut schema: &'a Value) -> &'a Value {
        while let Some(reference) = schema["$ref"].as_str() {
            let name = reference.rsplit('/').next().unwrap_or_default();
            schema = &self.doc["components"]["schemas"][name];
        }
        schema
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items.choose(&mut self.rng).expect("a choice").clone()
    }

    fn string(&mut self, format: Option<&str>) -> String {
        let odd = self.chance(0.4);
        let shaped: Vec<&str> = match format {
            Some("date") => vec![
                "2026-03-20",
                "2026-02-30",
                "20260320",
                "2026-13-01",
                "0000-01-01",
                "9999-12-31",
                "2026-3-2",
            ],
            Some("date-time") => vec![
                "2026-03-20T05:00:00Z",
                "2026-03-20",
                "2026-03-20T25:00:00Z",
                "1900-01-01T00:00:00Z",
                "+275760-09-13T00:00:00Z",
            ],
            _ => Vec::new(),
        };
        if odd {
            return self.pick(&hostile());
        }
        if !shaped.is_empty() {
            return self.pick(&shaped).to_string();
        }
        let plausible = self.plausible.clone();
        self.pick(&plausible)
    }

    /// Any JSON value, of any type.
    fn anything(&mut self) -> Value {
        match self.rng.gen_range(0..7) {
            0 => Value::Null,
            1 => json!(self.chance(0.5)),
            2 => self.pick(&numbers()),
            3 => json!(self.string(None)),
            4 => json!([self.string(None)]),
            5 => json!({ "a": self.string(None) }),
            _ => json!([]),
        }
    }

    /// A value of `schema`, most of the time of its type, and odd in its content.
    fn value(&mut self, schema: &'a Value, depth: u32) -> Value {
        let schema = self.resolve(schema);
        if depth > 5 {
            return Value::Null;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alternatives) = schema[key].as_array() {
                let alternative = alternatives.choose(&mut self.rng).expect("an alternative");
                return self.value(alternative, depth + 1);
            }
        }
        if let Some(parts) = schema["allOf"].as_array() {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(fields) = self.value(part, depth + 1) {
                    merged.extend(fields);
                }
            }
            return Value::Object(merged);
        }
        if let Some(values) = schema["enum"].as_array() {
            return if self.chance(0.8) {
                self.pick(values)
            } else {
                json!("no_such_value")
            };
        }
        let kind = match &schema["type"] {
            Value::String(t) => t.clone(),
            Value::Array(types) => {
                let types: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
                let real: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
                if real.is_empty() || self.chance(0.1) {
                    "null".to_string()
                } else {
                    self.pick(&real).to_string()
                }
            }
            _ if schema["properties"].is_object() => "object".to_string(),
            _ => return self.anything(),
        };
        match kind.as_str() {
            "object" => {
                let required: Vec<&str> = schema["required"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut out = Map::new();
                if let Some(properties) = schema["properties"].as_object() {
                    for (name, property) in properties {
                        if required.contains(&name.as_str()) || self.chance(0.5) {
                            let v = self.value(property, depth + 1);
                            out.insert(name.clone(), v);
                        }
                    }
                }
                Value::Object(out)
            }
            "array" => {
                let n = self.rng.gen_range(0..4);
                let items = &schema["items"];
                Value::Array((0..n).map(|_| self.value(items, depth + 1)).collect())
            }
            "string" => json!(self.string(schema["format"].as_str())),
            "integer" | "number" => {
                if self.chance(0.5) {
                    json!(self.rng.gen_range(0..400_000))
                } else {
                    self.pick(&numbers())
                }
            }
            "boolean" => json!(self.chance(0.5)),
            "null" => Value::Null,
            _ => self.anything(),
        }
    }

    /// A request body for `schema`: valid in shape, or broken in one of the usual ways.
    fn body(&mut self, schema: &'a Value) -> Body {
        let mut value = self.value(schema, 0);
        match self.rng.gen_range(0..20) {
            0..=7 => {}
            8..=9 => {
                if let Some(fields) = value.as_object_mut() {
                    let keys: Vec<String> = fields.keys().cloned().collect();
                    if let Some(key) = keys.choose(&mut self.rng) {
                        fields.remove(key);
                    }
                }
            }
            10..=11 => {
                let extra = self.anything();
                if let Some(fields) = value.as_object_mut() {
                    fields.insert("unexpected_field".into(), extra);
                }
            }
            12..=14 => {
                let keys: Vec<String> = value
                    .as_object()
                    .map(|f| f.keys().cloned().collect())
                    .unwrap_or_default();
                if let Some(key) = keys.choose(&mut self.rng) {
                    value[key.as_str()] = self.anything();
                }
            }
            15..=16 => value = self.anything(),
            17 => return Body::Text("application/json", "{\"a\": [1, ".into()),
            18 => return Body::Text("application/json", String::new()),
            _ => return Body::Text("text/plain", value.to_string()),
        }
        Body::Json(value)
    }

    /// A text body (CSV, calendar lines): a header and rows of odd fields.
    fn text(&mut self, kind: &'static str) -> Body {
        let mut text = String::new();
        if self.chance(0.5) {
            text.push_str("id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n");
        }
        for _ in 0..self.rng.gen_range(0..4) {
            let fields: Vec<String> = (0..self.rng.gen_range(1..11))
                .map(|_| self.string(None).replace(['\n', ','], " "))
                .collect();
            text.push_str(&fields.join(if self.chance(0.8) { "," } else { " " }));
            text.push('\n');
        }
        Body::Text(kind, text)
    }
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// Keeps the rest of the run meaningful: the clock stays where the world stands, and the
/// registry simulator keeps answering.
fn tame(op: &str, body: &mut Body) {
    if let Body::Json(Value::Object(fields)) = body {
        match op {
            "setClock" if fields.get("now").is_some_and(Value::is_string) => {
                fields.insert("now".into(), json!(world::NOW));
            }
            "setRegistryAvailability" => {
                fields.insert("answering".into(), json!(true));
            }
            _ => {}
        }
    }
}

async fn fuzz_operation(
    app: &TestApp,
    w: &World,
    doc: &Value,
    op: &Operation,
    seed: u64,
    failures: &mut Vec<String>,
) {
    let mut plausible: Vec<String> = w.ids.values().cloned().collect();
    plausible.extend(
        [
            "2411",
            "9112",
            "110000000",
            "111000000",
            "111010000",
            "cc-kokshetau",
            "mc-110000000",
            "+77011234567",
            "person@example.kz",
            "full_time",
            "permanent",
            "higher",
            "sms",
            "hired",
            "public_works",
            "2026-03",
            "no_show",
            "moved",
            "done",
            "kk",
            "ru",
        ]
        .map(String::from),
    );
    let op_seed = op
        .id
        .bytes()
        .fold(seed, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    for n in 0..PER_OPERATION {
        let mut gen = Gen {
            doc,
            rng: StdRng::seed_from_u64(op_seed.wrapping_add(n)),
            plausible: plausible.clone(),
        };
        let mut path = op.path.clone();
        while let Some(start) = path.find('{') {
            let end = path[start..].find('}').expect("a closed parameter") + start;
            let value = if gen.chance(0.5) {
                let real: Vec<String> = w.ids.values().cloned().collect();
                gen.pick(&real)
            } else {
                gen.string(None)
            };
            path.replace_range(start..=end, &encode(&value));
        }
        let mut query = Vec::new();
        for parameter in op.spec["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] != "query" || gen.chance(0.3) {
                continue;
            }
            let value = match gen.value(&parameter["schema"], 0) {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let name = parameter["name"].as_str().unwrap_or_default();
            query.push(format!("{}={}", encode(name), encode(&value)));
        }
        let content = &op.spec["requestBody"]["content"];
        let mut body = if let Some(schema) = content.get("application/json") {
            gen.body(&schema["schema"])
        } else if content.get("text/csv").is_some() {
            gen.text("text/csv")
        } else if content.get("text/plain").is_some() {
            gen.text("text/plain")
        } else if gen.chance(0.2) {
            Body::Json(gen.anything())
        } else {
            Body::None
        };
        tame(&op.id, &mut body);
        let role = gen.pick(&[
            "anonymous",
            "citizen",
            "employer",
            "specialist",
            "administrator",
        ]);
        let url = if query.is_empty() {
            format!("{}{path}", app.base)
        } else {
            format!("{}{path}?{}", app.base, query.join("&"))
        };
        let shown = match &body {
            Body::None => String::new(),
            Body::Json(v) => v.to_string(),
            Body::Text(kind, text) => format!("({kind}) {text}"),
        };
        let cut = |s: &str| s.chars().take(400).collect::<String>();
        let request_line = format!(
            "ENBEK_FUZZ_SEED={seed} {} #{n}: {} {} as {role} body {}",
            op.id,
            op.method,
            cut(&url),
            cut(&shown)
        );
        let mut request = app.client.request(op.method.clone(), url);
        if let Some(token) = w.token(role) {
            request = request.bearer_auth(token);
        }
        request = match body {
            Body::None => request,
            Body::Json(v) => request.json(&v),
            Body::Text(kind, text) => request.header("content-type", kind).body(text),
        };
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("no answer ({e}): {request_line}"));
                continue;
            }
        };
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let text = response.text().await.unwrap_or_default();
        let problem: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let fault = if status.is_server_error() {
            Some("a server error")
        } else if status.is_client_error() && !content_type.starts_with("application/problem+json")
        {
            Some("a 4xx that is not application/problem+json")
        } else if status.is_client_error() && !problem["code"].is_string() {
            Some("a problem without a code")
        } else {
            None
        };
        if let Some(fault) = fault {
            failures.push(format!(
                "{fault}: {request_line} -> {status} {content_type} {}",
                cut(&text)
            ));
        }
    }
}

#[tokio::test]
async fn no_generated_request_makes_a_server_error_and_every_refusal_is_a_problem() {
    let app = TestApp::spawn().await;
    let w = world::world(&app).await;
    let (status, doc) = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let seed = seed();
    println!("fuzz seed {seed} (ENBEK_FUZZ_SEED={seed} repeats this run)");
    // Signing out ends the sessions the fuzz uses: it comes last.
    let mut ops = operations(&doc);
    ops.sort_by_key(|o| (o.id == "logout", o.id.clone()));
    let mut failures = Vec::new();
    for op in &ops {
        fuzz_operation(&app, &w, &doc, op, seed, &mut failures).await;
    }
    assert!(
        failures.is_empty(),
        "{} of {} generated requests failed:\n{}",
        failures.len(),
        ops.len() as u64 * PER_OPERATION,
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_nul_in_a_path_or_query_is_refused_as_a_problem_not_a_failure() {
    let app = TestApp::spawn().await;
    // PostgreSQL cannot compare text with a NUL: such values are refused before any query.
    assert_problem(
        app.get("/api/v1/occupations?q=a%00b", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    // Other control characters are refused as text, not as a failure.
    assert_problem(
        app.get("/api/v1/occupations?q=a%01b", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_text",
    );
    assert_problem(
        app.get("/api/v1/vacancies/a%00b", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, body) = app.get("/api/v1/vacancies/a%01b", None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
    // In a body too: in a value, as text naming its field; in a field's name.
    let (status, body) = app
        .post(
            "/api/v1/sessions",
            None,
            json!({ "login": "a\u{0}b", "password": "secret123" }),
        )
        .await;
    assert_eq!(
        (status, code(&body), body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_text",
            Some("login")
        )
    );
    assert_problem(
        app.post(
            "/api/v1/sessions",
            None,
            json!({ "login\u{0}": "a@example.kz", "password": "secret123" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    assert_problem(
        app.post(
            "/api/v1/sessions",
            None,
            json!({ "login": "a\u{1}b", "password": "secret123" }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    );
}

#[tokio::test]
async fn a_page_beyond_the_bound_is_refused_and_the_last_one_is_an_empty_page() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("spec.k", "cc-kokshetau").await;
    for path in [
        "/api/v1/open-data/vacancies",
        "/api/v1/vacancies",
        "/api/v1/resumes",
    ] {
        for (page, expected) in [
            ("100000", StatusCode::OK),
            ("100001", StatusCode::UNPROCESSABLE_ENTITY),
            ("9223372036854775807", StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let url = format!("{path}?page={page}&per_page=100");
            let (status, body) = app.get(&url, Some(&specialist)).await;
            assert_eq!(status, expected, "{url}: {body}");
        }
    }
    let (status, body) = app.get("/api/v1/open-data/vacancies?page=1", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["next_page"], Value::Null);
}
