//! Connections, headers and the development clock across restarts: timeouts and caps spoken by
//! hand over raw TCP, where an HTTP client would hide what the server does.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Longest wait for something the server must do at once or within a short timeout.
const PATIENCE: Duration = Duration::from_secs(3);

fn addr(app: &TestApp) -> SocketAddr {
    app.running.addr
}

fn get_head(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: enbek\r\n\r\n")
}

/// A response read off the wire: status, headers (lower-case names) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// Reads one response (with a `Content-Length` body); None when the connection closes first or
/// nothing complete arrives within the patience.
async fn read_answer(stream: &mut TcpStream) -> Option<Answer> {
    tokio::time::timeout(PATIENCE, async {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let mut lines = head.split("\r\n");
        let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map_or(0, |(_, v)| v.parse().unwrap_or(0));
        let mut body = buf[head_end..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        Some(Answer {
            status,
            headers,
            body,
        })
    })
    .await
    .ok()
    .flatten()
}

/// Whether the server closes the connection within the patience (whatever it sent before).
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    tokio::time::timeout(PATIENCE, async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return true,
                Ok(_) => continue,
            }
        }
    })
    .await
    .unwrap_or(false)
}

/// Another client address than the test client's own (whose pooled connection counts as one
/// from 127.0.0.1): the whole 127/8 is the loopback.
const OTHER_CLIENT: &str = "127.0.0.2";

async fn connect_from(app: &TestApp) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(format!("{OTHER_CLIENT}:0").parse().unwrap())?;
    socket.connect(addr(app)).await
}

/// A connection from the other client address that has been served one request and is kept
/// alive.
async fn served_connection(app: &TestApp) -> TcpStream {
    let mut stream = connect_from(app).await.unwrap();
    stream
        .write_all(get_head("/healthz").as_bytes())
        .await
        .unwrap();
    let answer = read_answer(&mut stream).await.expect("served");
    assert_eq!(answer.status, 200);
    stream
}

/// Whether a new connection from the other client address is served, or closed without an
/// answer.
async fn a_new_connection_is_served(app: &TestApp) -> bool {
    let Ok(mut stream) = connect_from(app).await else {
        return false;
    };
    if stream
        .write_all(get_head("/healthz").as_bytes())
        .await
        .is_err()
    {
        return false;
    }
    read_answer(&mut stream).await.is_some()
}

#[tokio::test]
async fn a_request_head_finished_within_the_header_timeout_is_served_and_a_trickled_one_is_cut() {
    let app = TestApp::spawn_with(|a| a.header_timeout_ms = 400).await;
    // In time: the head in three parts over about 100 ms.
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    let head = get_head("/healthz");
    for part in [&head[..5], &head[5..20], &head[20..]] {
        stream.write_all(part.as_bytes()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answer = read_answer(&mut stream).await.expect("served");
    assert_eq!(answer.status, 200);
    // Too slow: a byte every 100 ms never finishes the head in time.
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    let started = Instant::now();
    let (mut reader, mut writer) = stream.split();
    let trickle = async {
        for byte in head.as_bytes() {
            if writer.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let closed = async {
        let mut chunk = [0u8; 1024];
        let mut got = Vec::new();
        loop {
            match reader.read(&mut chunk).await {
                Ok(0) | Err(_) => return got,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
            }
        }
    };
    let got = tokio::select! {
        got = closed => got,
        () = async { trickle.await; std::future::pending::<()>().await } => unreachable!(),
    };
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(350) && elapsed < PATIENCE,
        "cut at the timeout: {elapsed:?}"
    );
    assert!(
        !String::from_utf8_lossy(&got).contains(" 200 "),
        "never served"
    );
}

#[tokio::test]
async fn a_kept_alive_connection_is_served_again_within_the_idle_timeout_and_closed_after_it() {
    let app = TestApp::spawn_with(|a| a.header_timeout_ms = 400).await;
    let mut stream = served_connection(&app).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    stream
        .write_all(get_head("/healthz").as_bytes())
        .await
        .unwrap();
    let answer = read_answer(&mut stream).await.expect("served again");
    assert_eq!(answer.status, 200);
    let started = Instant::now();
    assert!(closed_by_server(&mut stream).await, "closed when idle");
    assert!(started.elapsed() >= Duration::from_millis(350));
}

#[tokio::test]
async fn connections_beyond_the_per_address_cap_are_closed_at_once() {
    let app = TestApp::spawn_with(|a| a.max_connections_per_address = 3).await;
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(served_connection(&app).await);
    }
    let mut fourth = connect_from(&app).await.unwrap();
    let _ = fourth.write_all(get_head("/healthz").as_bytes()).await;
    assert!(read_answer(&mut fourth).await.is_none(), "no answer");
    assert!(closed_by_server(&mut fourth).await);
    // Another address is not held back by this one.
    let mut elsewhere = TcpStream::connect(addr(&app)).await.unwrap();
    elsewhere
        .write_all(get_head("/healthz").as_bytes())
        .await
        .unwrap();
    assert_eq!(
        read_answer(&mut elsewhere).await.expect("served").status,
        200
    );
    // A place freed is a place taken again (the server notices the close shortly).
    drop(open.pop());
    let deadline = Instant::now() + PATIENCE;
    while !a_new_connection_is_served(&app).await {
        assert!(Instant::now() < deadline, "a freed place is never given");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_trusted_proxy_is_exempt_from_the_per_address_cap_but_not_from_the_cap_in_all() {
    let app = TestApp::spawn_with(|a| {
        a.max_connections_per_address = 1;
        a.max_connections = 3;
        a.trusted_proxies = vec![OTHER_CLIENT.parse().unwrap()];
    })
    .await;
    // The test client's own pooled connection may hold one place: take what is left.
    let mut open = Vec::new();
    while open.len() < 3 {
        let mut stream = connect_from(&app).await.unwrap();
        stream
            .write_all(get_head("/healthz").as_bytes())
            .await
            .unwrap();
        match read_answer(&mut stream).await {
            Some(answer) => {
                assert_eq!(answer.status, 200);
                open.push(stream);
            }
            None => break,
        }
    }
    assert!(open.len() >= 2, "more than one from the proxy's address");
    assert!(!a_new_connection_is_served(&app).await, "the cap in all");
}

#[tokio::test]
async fn a_body_announced_above_the_limit_is_refused_at_once_and_one_at_the_limit_is_read() {
    let app = TestApp::spawn().await;
    let limit = serve_args("").max_body_bytes;
    // Just over: answered without a byte of the body sent.
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    let head = format!(
        "POST /api/v1/sessions HTTP/1.1\r\nHost: enbek\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        limit + 1
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream).await.expect("answered at once");
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(code(&answer.json()), "payload_too_large");
    assert!(closed_by_server(&mut stream).await, "the body is not read");
    // Just at the limit: read and judged on its merits.
    let login = json!({ "login": "nobody@example.kz", "password": "wrong-pass" }).to_string();
    let body = format!("{login}{}", " ".repeat(limit - login.len()));
    let response = app
        .client
        .post(format!("{}/api/v1/sessions", app.base))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Imports have their own, larger limit.
    let days = format!(
        "2027-05-17 holiday Kurban Ait\n{}",
        "# padding\n".repeat(limit / 10 + 1)
    );
    let response = app
        .client
        .post(format!("{}/api/v1/calendar/days", app.base))
        .bearer_auth(&app.admin)
        .header("content-type", "text/plain")
        .body(days)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_body_that_does_not_arrive_within_the_body_timeout_is_cut_with_408() {
    let app = TestApp::spawn_with(|a| a.body_timeout_ms = 400).await;
    let login = json!({ "login": "nobody@example.kz", "password": "wrong-pass" }).to_string();
    let head = format!(
        "POST /api/v1/sessions HTTP/1.1\r\nHost: enbek\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        login.len()
    );
    // In time: the body in two parts 100 ms apart.
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&login.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.write_all(&login.as_bytes()[10..]).await.unwrap();
    let answer = read_answer(&mut stream).await.expect("answered");
    assert_eq!(answer.status, 401, "judged on its merits");
    // Too slow: ten bytes, then nothing.
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&login.as_bytes()[..10]).await.unwrap();
    let started = Instant::now();
    let answer = read_answer(&mut stream).await.expect("answered");
    assert!(started.elapsed() >= Duration::from_millis(350));
    assert_eq!(answer.status, 408);
    assert_eq!(code(&answer.json()), "request_timeout");
    assert!(closed_by_server(&mut stream).await, "the connection is cut");
}

#[tokio::test]
async fn personal_answers_are_not_stored_public_ones_may_be_and_every_one_is_nosniff() {
    let app = TestApp::spawn().await;
    let token = app.citizen("headers@example.kz").await;
    let get = |path: &str, token: Option<&str>| {
        let mut request = app.client.get(format!("{}{path}", app.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let cache = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let nosniff =
        |r: &reqwest::Response| r.headers().get("x-content-type-options").unwrap().clone();
    // The caller's own account.
    let mine = get("/api/v1/me", Some(&token)).await.unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(cache(&mine).as_deref(), Some("no-store"));
    assert_eq!(nosniff(&mine), "nosniff");
    // A public search without a token.
    let public = get("/api/v1/vacancies", None).await.unwrap();
    assert_eq!(public.status(), StatusCode::OK);
    assert_eq!(cache(&public), None);
    assert_eq!(nosniff(&public), "nosniff");
    // Every problem.
    let problem = get("/api/v1/no-such-thing", None).await.unwrap();
    assert_eq!(problem.status(), StatusCode::NOT_FOUND);
    assert_eq!(cache(&problem).as_deref(), Some("no-store"));
    assert_eq!(nosniff(&problem), "nosniff");
}

#[tokio::test]
async fn a_request_id_is_made_when_missing_kept_when_usable_and_echoed() {
    let app = TestApp::spawn().await;
    let id_of = |given: Option<&str>| {
        let mut request = app.client.get(format!("{}/healthz", app.base));
        if let Some(given) = given {
            request = request.header("x-request-id", given);
        }
        async move {
            let response = request.send().await.unwrap();
            response
                .headers()
                .get("x-request-id")
                .expect("an x-request-id")
                .to_str()
                .unwrap()
                .to_string()
        }
    };
    let made = id_of(None).await;
    assert!(uuid::Uuid::parse_str(&made).is_ok(), "{made}");
    assert_ne!(made, id_of(None).await, "one per request");
    assert_eq!(id_of(Some("trace-42.a_b")).await, "trace-42.a_b");
    let replaced = id_of(Some("871008401427;drop")).await;
    assert!(uuid::Uuid::parse_str(&replaced).is_ok(), "{replaced}");
}

#[tokio::test]
async fn a_development_clock_set_by_hand_stands_where_it_was_after_a_restart() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let first = TestApp::spawn_on(db, serve_args).await;
    first.set_clock("2026-05-04T09:30:00+05:00").await;
    let second = enbek::app::start(serve_args(&url))
        .await
        .expect("the server starts");
    let clock: Value = reqwest::get(format!("http://{}/api/v1/dev/clock", second.addr))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clock["now"], "2026-05-04T04:30:00Z");
    assert!(
        second.state.clock.is_manual(),
        "due work waits for runDueJobs"
    );
    second.server.abort();
    second.worker.abort();
    // Outside development mode the stored instant means nothing.
    let mut args = serve_args(&url);
    args.dev = false;
    let production = enbek::app::start(args).await.expect("the server starts");
    assert!(!production.state.clock.is_manual());
    production.server.abort();
    production.worker.abort();
    // The setting is audited.
    let (_, audit) = first
        .get("/api/v1/audit?entity=dev_clock", Some(&first.admin))
        .await;
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "set"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_development_server_on_a_new_database_follows_the_system_clock() {
    let db = TestDb::new().await;
    let running = enbek::app::start(serve_args(&db.url))
        .await
        .expect("the server starts");
    assert!(!running.state.clock.is_manual());
    running.server.abort();
    running.worker.abort();
}
