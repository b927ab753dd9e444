//! Due work: delivery through real SMTP and HTTP peers, two servers on one database, recovery
//! after a crash.

use axum::routing::post;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::*;

/// A minimal SMTP server on loopback that accepts every message and keeps its DATA.
async fn smtp_peer() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}?tls=none", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (url, received)
}

/// An SMS gateway on loopback that keeps every message POSTed to it.
async fn sms_peer() -> (String, Arc<Mutex<Vec<Value>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    let app = axum::Router::new().route(
        "/send",
        post(move |axum::Json(body): axum::Json<Value>| {
            let store = store.clone();
            async move {
                store.lock().unwrap().push(body);
                StatusCode::ACCEPTED
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// A citizen who has proven an IIN known to the registries; the proof's one-time code has gone
/// out, out of the way of what the tests count. Returns (token, IIN).
pub async fn proven_citizen(app: &TestApp, login: &str, serial: u32) -> (String, String) {
    let iin = iin("871008", 3, serial);
    app.registry_person(&iin, json!({})).await;
    let token = app.citizen(login).await;
    app.prove(&token, &iin).await;
    app.run_due_jobs().await;
    (token, iin)
}

async fn apply(app: &TestApp, token: &str, iin: &str) {
    let (status, body) = app.apply(token, iin).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn register(app: &TestApp, login: &str, serial: u32) -> String {
    let (token, iin) = proven_citizen(app, login, serial).await;
    apply(app, &token, &iin).await;
    token
}

#[tokio::test]
async fn notices_leave_through_a_real_smtp_server_and_sms_gateway_and_record_delivery() {
    let (smtp_url, mails) = smtp_peer().await;
    let (sms_url, texts) = sms_peer().await;
    let app = TestApp::spawn_with(|a| {
        a.smtp_url = Some(smtp_url.as_str().into());
        a.sms_url = Some(sms_url.as_str().into());
    })
    .await;
    let token = register(&app, "mail@example.kz", 7000).await;
    // Only the registration's notices from here on: the proof's code went out already.
    texts.lock().unwrap().clear();
    let (_, before) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(before
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["channel"] != "cabinet")
        .all(|n| n["status"] == "pending"));

    assert!(app.run_due_jobs().await >= 2);
    assert_eq!(mails.lock().unwrap().len(), 1);
    assert!(mails.lock().unwrap()[0].contains("person@example.kz"));
    let sms = texts.lock().unwrap().clone();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0]["to"], "+77011234567");
    let (_, after) = app.get("/api/v1/me/notifications", Some(&token)).await;
    for n in after.as_array().unwrap() {
        assert_eq!(n["status"], "delivered", "{n}");
        assert!(n["delivered_at"].is_string());
    }
    // Delivered messages are not sent again.
    app.run_due_jobs().await;
    assert_eq!(texts.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_gateway_keeps_the_message_and_retries_until_delivered() {
    let app = TestApp::spawn_with(|a| {
        a.sms_url = Some("http://127.0.0.1:9/send".into());
    })
    .await;
    let token = register(&app, "retry@example.kz", 7100).await;
    app.run_due_jobs().await;
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    let sms = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["channel"] == "sms")
        .unwrap();
    assert_eq!(sms["status"], "pending");
    let (_, health) = app.get("/healthz", None).await;
    assert!(
        health["pending_jobs"].as_i64().unwrap() >= 1,
        "the delivery waits as due work"
    );
}

#[tokio::test]
async fn the_notices_due_together_are_delivered_together_and_a_failed_one_waits_alone() {
    let (smtp_url, mails) = smtp_peer().await;
    let app = TestApp::spawn_with(|a| {
        a.smtp_url = Some(smtp_url.as_str().into());
        a.sms_url = Some("http://127.0.0.1:9/send".into());
    })
    .await;
    let mut tokens = Vec::new();
    for n in 0..5 {
        let token = proven_citizen(&app, &format!("batch{n}@example.kz"), 7200 + n)
            .await
            .0;
        tokens.push(token);
    }
    // Five registrations, each telling its person by e-mail and by SMS: ten messages due at once,
    // claimed and delivered in one pass; the SMS gateway does not answer.
    for (n, token) in tokens.iter().enumerate() {
        apply(&app, token, &iin("871008", 3, 7200 + n as u32)).await;
    }
    app.run_due_jobs().await;
    assert_eq!(mails.lock().unwrap().len(), 5);
    for token in &tokens {
        let (_, notes) = app.get("/api/v1/me/notifications", Some(token)).await;
        let of = |channel: &str| {
            notes
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["channel"] == channel)
                .cloned()
                .unwrap()
        };
        let (email, sms) = (of("email"), of("sms"));
        assert_eq!(email["status"], "delivered");
        assert!(email["delivered_at"].is_string());
        assert_eq!(sms["status"], "pending");
        // Each tried once; the failed one keeps its error.
        for (n, failed) in [(email, false), (sms, true)] {
            let (attempts, error): (i64, Option<String>) =
                sqlx::query_as("SELECT attempts, last_error FROM notifications WHERE id = $1")
                    .bind(n["id"].as_str().unwrap())
                    .fetch_one(&app.running.state.db.pool)
                    .await
                    .unwrap();
            assert_eq!((attempts, error.is_some()), (1, failed), "{n}");
        }
    }
    // The delivered are not sent again when the failed are retried.
    app.set_clock("2026-03-17T11:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(mails.lock().unwrap().len(), 5);
}

#[tokio::test]
async fn two_servers_on_one_database_never_run_a_job_twice() {
    let (a, b) = TestApp::two_on_one_database().await;
    let mut people = Vec::new();
    for i in 0..6 {
        people.push(proven_citizen(&a, &format!("p{i}@example.kz"), 7200 + i * 10).await);
    }
    for (token, iin) in &people {
        apply(&a, token, iin).await;
    }
    let (_, outbox) = a.get("/api/v1/dev/outbox", Some(&a.admin)).await;
    let outbound = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["channel"] != "assistant" && n["kind"] != "identity_code")
        .count();
    assert_eq!(outbound, 12, "an SMS and an e-mail per registration");
    let (pa, pb) = tokio::join!(a.run_due_jobs(), b.run_due_jobs());
    // Each registration was decided in its request (the registry answered), and its selection
    // of vacancies (214 p.36) was done at once and marked done; left to the workers are the
    // deliveries and the issuing of each 214 App.4 document.
    assert_eq!(pa + pb, 18, "every job ran exactly once: {pa} + {pb}");
    let undone: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL \
         AND kind IN ('verify_registration', 'select_for_seeker', 'issue_document')",
    )
    .fetch_one(&a.running.state.db.pool)
    .await
    .unwrap();
    assert_eq!(undone, 0);
    let (_, outbox) = a.get("/api/v1/dev/outbox", Some(&a.admin)).await;
    for n in outbox.as_array().unwrap() {
        assert_eq!(n["attempts"], 1, "{n}");
        assert_eq!(n["status"], "delivered");
    }
}

#[tokio::test]
async fn a_job_left_by_a_crashed_worker_runs_again_when_its_lease_ends() {
    let app = TestApp::spawn().await;
    let iin = iin("871008", 3, 7300);
    app.registry_person(&iin, json!({})).await;
    let token = app.citizen("crash@example.kz").await;
    app.prove(&token, &iin).await;
    app.run_due_jobs().await;
    app.registry_answering(false).await;
    let (_, reg) = app.apply(&token, &iin).await;
    assert_eq!(reg["status"], "verifying");
    app.registry_answering(true).await;

    // A worker claimed the check and died: its lease runs five minutes.
    let lease_until = "2026-03-17T05:05:00.000000Z";
    sqlx::query("UPDATE jobs SET leased_by = 'dead-worker', lease_until = $1 WHERE kind = 'verify_registration'")
        .bind(lease_until)
        .execute(&app.running.state.db.pool)
        .await
        .unwrap();
    assert_eq!(app.run_due_jobs().await, 0, "a live lease is respected");
    app.set_clock("2026-03-17T10:05:01+05:00").await;
    // The check, then the SMS and the e-mail of the registration it decided, and the issuing of
    // its 214 App.4 document. The selection of vacancies for the new job seeker (214 p.36),
    // stored with the decision, was done at once by the check and is not run again.
    assert_eq!(app.run_due_jobs().await, 4);
    let (_, mine) = app.get("/api/v1/me/registration", Some(&token)).await;
    assert_eq!(mine["status"], "job_seeker");
}

#[tokio::test]
async fn jobs_are_queued_in_batches_and_a_queued_key_is_not_queued_again() {
    use enbek::platform::jobs::{store as jobs, Job};
    let app = TestApp::spawn().await;
    let db = &app.running.state.db;
    let now = chrono::Utc::now();
    let selection = |n: usize| {
        let job = Job::SelectForVacancy {
            vacancy_id: format!("v-{n}"),
        };
        (job, Some(format!("batch-test:{n}")))
    };
    let queued = || async {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE dedupe_key LIKE 'batch-test:%'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        n as usize
    };
    // One job already queued; then more than two statements' worth at the commit (one insert of
    // at most 500 rows each), the queued one among them.
    let mut tx = db.begin().await.unwrap();
    jobs::enqueue_many(
        &mut tx,
        &(7..8).map(selection).collect::<Vec<_>>(),
        now,
        now,
    );
    tx.commit().await.unwrap();
    assert_eq!(queued().await, 1);
    let many: Vec<_> = (0..2 * jobs::BATCH + 7).map(selection).collect();
    let mut tx = db.begin().await.unwrap();
    jobs::enqueue_many(&mut tx, &many, now, now);
    assert_eq!(queued().await, 1, "nothing is written before the commit");
    tx.commit().await.unwrap();
    assert_eq!(queued().await, 2 * jobs::BATCH + 7);
    // Queued again (a re-match run twice the same day): nothing is added.
    let mut tx = db.begin().await.unwrap();
    jobs::enqueue_many(&mut tx, &many, now, now);
    tx.commit().await.unwrap();
    assert_eq!(queued().await, 2 * jobs::BATCH + 7);
    // Rolled back, nothing kept is written.
    let mut tx = db.begin().await.unwrap();
    jobs::enqueue_many(&mut tx, &[selection(9_999)], now, now);
    tx.rollback().await.unwrap();
    assert_eq!(queued().await, 2 * jobs::BATCH + 7);
}

#[tokio::test]
async fn the_jobs_done_a_month_ago_are_purged_at_night_and_the_next_purge_is_due() {
    use enbek::platform::jobs::{store as jobs, Job};
    let app = TestApp::spawn().await;
    let pool = &app.running.state.db.pool;
    let count = |sql: &'static str| async move {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.unwrap();
        n
    };
    // Each server makes sure the nightly purge is due when it starts.
    assert_eq!(
        count("SELECT COUNT(*) FROM jobs WHERE kind = 'purge_done_jobs' AND done_at IS NULL").await,
        1
    );
    app.set_clock("2026-03-17T10:00:00+05:00").await;
    register(&app, "purged@example.kz", 4700).await;
    app.run_due_jobs().await;
    // The nightly re-match, a daily pass, runs that night.
    let now = app.running.state.clock.now();
    let mut tx = app.running.state.db.begin().await.unwrap();
    jobs::schedule_daily(
        &mut tx,
        &Job::RematchAll,
        chrono::NaiveTime::from_hms_opt(3, 0, 0).unwrap(),
        now,
    );
    tx.commit().await.unwrap();
    app.set_clock("2026-03-18T03:00:00+05:00").await;
    app.run_due_jobs().await;
    let done_then =
        count("SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL AND dedupe_key IS NULL").await;
    assert!(done_then > 0);
    let daily_then =
        count("SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL AND key_day = '2026-03-18'")
            .await;
    assert_eq!(daily_then, 1);
    let held = "SELECT COUNT(*) FROM jobs WHERE dedupe_key IS NOT NULL AND key_day IS NULL";
    let held_then = count(held).await;
    assert!(held_then > 0);

    // 31 days later, at night: the purge runs with the day's due work.
    app.set_clock("2026-04-18T02:30:00+05:00").await;
    let now = app.running.state.clock.now();
    let mut tx = app.running.state.db.begin().await.unwrap();
    jobs::enqueue(&mut tx, &Job::PurgeDoneJobs, now, None, now);
    tx.commit().await.unwrap();
    app.run_due_jobs().await;
    // Nothing done more than 30 days ago without a key, or with a key of its day only, is left;
    // what ran tonight is kept, and so is every job whose key holds for good.
    let cutoff = enbek::platform::db::ts(now - chrono::Duration::days(30));
    let old: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at < $1 AND (dedupe_key IS NULL OR key_day IS NOT NULL)",
    )
    .bind(&cutoff)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(old, 0);
    assert!(count("SELECT COUNT(*) FROM jobs WHERE done_at IS NOT NULL").await > 0);
    assert!(count(held).await >= held_then);
    // The next night's purge is due at 2:30 Kazakhstan time.
    let next: Vec<String> = sqlx::query_scalar(
        "SELECT due_at FROM jobs WHERE kind = 'purge_done_jobs' AND done_at IS NULL",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(
        next.contains(&"2026-04-18T21:30:00.000000Z".to_string()),
        "{next:?}"
    );
}

/// A pooled connection idle for a second or more is pinged before it is handed out, so one the
/// database dropped meanwhile (PostgreSQL restarted, a connection killed) is replaced and no
/// request fails for it; one used more recently is handed out without the round trip.
#[tokio::test]
async fn connections_the_database_dropped_are_replaced_without_failing_a_request() {
    use enbek::platform::db::Backend;
    let app = TestApp::spawn().await;
    let db = &app.running.state.db;
    // Every connection open to the database in use, several idle in the pool.
    let mut busy = Vec::new();
    for _ in 0..8 {
        busy.push(db.pool.acquire().await.unwrap());
    }
    drop(busy);
    if db.backend == Backend::Postgres {
        let killed: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert!(
            !killed.is_empty(),
            "the pool's idle connections were dropped"
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let mut reads = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let pool = db.pool.clone();
        reads.spawn(async move {
            sqlx::query_scalar::<_, i32>("SELECT 1")
                .fetch_one(&pool)
                .await
        });
    }
    while let Some(read) = reads.join_next().await {
        assert_eq!(read.unwrap().unwrap(), 1);
    }
    let (status, body) = app
        .get("/api/v1/organizations?kind=career_center", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn reads_are_answered_while_a_transaction_holds_the_writer() {
    let app = TestApp::spawn().await;
    // A long transaction holds the writer (on SQLite the one connection that writes).
    let mut tx = app.running.state.db.begin().await.unwrap();
    sqlx::query("UPDATE organizations SET phone = phone WHERE id = 'cc-kokshetau'")
        .execute(&mut *tx)
        .await
        .unwrap();
    let (status, organizations) = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        app.get("/api/v1/organizations?kind=career_center", None),
    )
    .await
    .expect("a read does not wait for the writer");
    assert_eq!(status, StatusCode::OK, "{organizations}");
    assert!(organizations
        .as_array()
        .is_some_and(|list| !list.is_empty()));
    tx.rollback().await.unwrap();
}

/// Asks `app` until `done` holds of the answer to `path`, for at most five seconds; how long it
/// took.
async fn within_five_seconds(
    app: &TestApp,
    path: &str,
    done: impl Fn(&Value) -> bool,
) -> std::time::Duration {
    let started = std::time::Instant::now();
    loop {
        let (_, body) = app.get(path, None).await;
        if done(&body) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{path} did not follow within 5 s: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_calendar_day_or_parameter_edition_added_on_one_server_reaches_the_other() {
    let (a, b) = TestApp::two_on_one_database().await;
    let year = "/api/v1/calendar?year=2026";
    assert_eq!(b.get(year, None).await.1["working_days"], 247);
    // A transfer order entered on server a: Saturday 5 December 2026 is worked.
    let (status, body) = a
        .upload(
            "/api/v1/calendar/days",
            &a.admin,
            "2026-12-05 working transfer order: Saturday worked\n",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    within_five_seconds(&b, year, |c| c["working_days"] == 248).await;
    // A new edition of a parameter, likewise.
    let edition = json!({ "key": "min_monthly_wage", "effective_from": "2027-01-01",
        "value": "90000", "source": "Budget law 2027-2029" });
    let (status, body) = a
        .post("/api/v1/parameters", Some(&a.admin), edition.clone())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    within_five_seconds(&b, "/api/v1/parameters", |list| {
        list.as_array().is_some_and(|l| l.contains(&edition))
    })
    .await;
}

#[tokio::test]
async fn a_session_ended_on_one_server_is_refused_there_at_once_and_on_the_other_within_seconds() {
    let (a, b) = TestApp::two_on_one_database().await;
    let token = a.citizen("kept@example.kz").await;
    // Both servers have read the session (and keep it for a second).
    assert_eq!(a.get("/api/v1/me", Some(&token)).await.0, StatusCode::OK);
    assert_eq!(b.get("/api/v1/me", Some(&token)).await.0, StatusCode::OK);
    let (status, _) = a
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        a.get("/api/v1/me", Some(&token)).await.0,
        StatusCode::UNAUTHORIZED,
        "the server that ended it refuses it at once"
    );
    let started = std::time::Instant::now();
    while b.get("/api/v1/me", Some(&token)).await.0 != StatusCode::UNAUTHORIZED {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "the other server still takes the ended session"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_organisation_renamed_on_one_server_is_named_so_there_at_once_and_on_the_other_within_seconds(
) {
    let (a, b) = TestApp::two_on_one_database().await;
    let (token, _) = a
        .job_seeker(
            "renamed@example.kz",
            &iin("880101", 3, 7400),
            json!({}),
            json!({}),
        )
        .await;
    let center = |reg: &Value| reg["registration_notice"]["career_center_ru"].clone();
    let mine = "/api/v1/me/registration";
    assert_eq!(
        center(&b.get(mine, Some(&token)).await.1),
        "Карьерный центр города Кокшетау"
    );
    let renamed = "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural\n\
        cc-kokshetau,career_center,,Көкшетау қаласының мансап орталығы,Центр занятости города Кокшетау,Kokshetau City Employment Center,110000000,111000000,111010000,false\n";
    let (status, body) = a
        .upload("/api/v1/organizations/import", &a.admin, renamed)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        center(&a.get(mine, Some(&token)).await.1),
        "Центр занятости города Кокшетау",
        "the server that imported names it so at once"
    );
    let started = std::time::Instant::now();
    while center(&b.get(mine, Some(&token)).await.1) != "Центр занятости города Кокшетау"
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "the other server still names the center as before"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
