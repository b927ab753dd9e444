//! Nothing is lost when a server is killed under load: every application it answered `201`
//! before the kill is kept whole, and each one in flight either committed whole (a second sending
//! is `registration_exists`) or left nothing (a second sending registers it).

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::background::proven_citizen;
use crate::helpers::*;
use crate::steps::{assert_problem, CENTER};

const PEOPLE: u32 = 40;

#[tokio::test]
async fn a_server_killed_under_load_keeps_every_answered_application_whole() {
    let a = TestApp::spawn().await;
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        people.push(proven_citizen(&a, &format!("k{i}@example.kz"), 7600 + i * 10).await);
    }
    // The server that takes the load: the release of this build as its own process, on the same
    // database, killed with SIGKILL (nothing of it runs after).
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut b = Command::new(env!("CARGO_BIN_EXE_enbek"))
        .args(["serve", "--dev"])
        .env("DATABASE_URL", a.db_url())
        .env("ENBEK_LISTEN", format!("127.0.0.1:{port}"))
        .env("ENBEK_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("ENBEK_SIGNING_DIR", signing_dir(a.db_url()))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while reqwest::get(format!("{base}/healthz")).await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "b never answered"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let client = reqwest::Client::new();
    let sending: Vec<_> = people
        .iter()
        .map(|(token, iin)| {
            let request = client
                .post(format!("{base}/api/v1/registrations"))
                .bearer_auth(token)
                .json(&application(iin, CENTER))
                .send();
            tokio::spawn(async move {
                match request.await {
                    Ok(r) => Some(r.status()),
                    Err(_) => None,
                }
            })
        })
        .collect();
    // Kill it once a few have been answered.
    let seen = Instant::now();
    loop {
        let done = sending.iter().filter(|h| h.is_finished()).count();
        if done >= 5 || seen.elapsed() > Duration::from_secs(30) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    b.kill().expect("killed");
    b.wait().unwrap();
    let mut answered = Vec::new();
    for h in sending {
        answered.push(h.await.unwrap());
    }
    let created = answered
        .iter()
        .filter(|s| **s == Some(StatusCode::CREATED))
        .count();
    assert!(
        created >= 1,
        "some were answered before the kill: {answered:?}"
    );
    assert!(
        answered.iter().any(|s| s.is_none()),
        "some were in flight at the kill: {answered:?}"
    );

    // On the server that stayed: each answered one is there, the others register once now.
    for ((token, iin), status) in people.iter().zip(&answered) {
        let (_, mine) = a.get("/api/v1/me/registration", Some(token)).await;
        let again = a.apply(token, iin).await;
        match status {
            Some(StatusCode::CREATED) => {
                assert_eq!(mine["status"], "job_seeker", "{mine}");
                assert_problem(again, StatusCode::CONFLICT, "registration_exists");
            }
            _ if mine["status"] == "job_seeker" => {
                assert_problem(again, StatusCode::CONFLICT, "registration_exists");
            }
            _ => {
                let (status, body) = again;
                assert_eq!(status, StatusCode::CREATED, "nothing half-written: {body}");
            }
        }
        let (_, mine) = a.get("/api/v1/me/registration", Some(token)).await;
        assert_eq!(mine["status"], "job_seeker", "{mine}");
    }
}
