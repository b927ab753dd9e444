//! The development CA (issueTestCertificate, revokeTestCertificate) and the signature
//! verifier the identity proof uses, end to end: a certificate issued over the API signs a
//! challenge with the helper `sign_cms`, and the server's verifier judges it.

use base64::Engine;
use chrono::{DateTime, Utc};
use enbek::exchange::pki::{SignatureError, Signer};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const CHALLENGE: &[u8] = b"enbek identity proof 0123456789abcdef";

async fn issue(app: &TestApp, body: Value) -> Value {
    let (status, cert) = app
        .post("/api/v1/dev/certificates", Some(&app.admin), body)
        .await;
    assert_eq!(status, StatusCode::OK, "{cert}");
    cert
}

async fn verify(
    app: &TestApp,
    cert: &Value,
    content: &[u8],
    detached: bool,
    at: DateTime<Utc>,
) -> Result<Signer, SignatureError> {
    let cms = sign_cms(
        cert["certificate_pem"].as_str().unwrap(),
        cert["private_key_pem"].as_str().unwrap(),
        CHALLENGE,
        detached,
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(cms)
        .unwrap();
    app.running
        .state
        .signatures()
        .verify(&der, content, at)
        .await
}

fn now(app: &TestApp) -> DateTime<Utc> {
    app.running.state.clock.now()
}

#[tokio::test]
async fn a_test_certificate_names_its_iin_and_its_signatures_are_accepted_attached_or_detached() {
    let app = TestApp::spawn().await;
    let iin = iin("900101", 3, 1);
    let cert = issue(&app, json!({ "iin": iin })).await;
    assert!(cert["certificate_pem"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    assert!(cert["private_key_pem"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    for detached in [false, true] {
        let signer = verify(&app, &cert, CHALLENGE, detached, now(&app))
            .await
            .unwrap();
        assert_eq!(signer.iin.unwrap().as_str(), iin);
        assert_eq!(signer.bin, None);
        assert_eq!(signer.certificate_serial, cert["serial"].as_str().unwrap());
    }
    // Over other bytes (another challenge) the same signature is refused.
    assert_eq!(
        verify(&app, &cert, b"another challenge", false, now(&app)).await,
        Err(SignatureError::Invalid)
    );
}

#[tokio::test]
async fn an_organisation_test_certificate_carries_the_bin_besides_the_iin() {
    let app = TestApp::spawn().await;
    let (iin, bin) = (iin("850505", 4, 2), bin("0403", 1));
    let cert = issue(&app, json!({ "iin": iin, "bin": bin })).await;
    let signer = verify(&app, &cert, CHALLENGE, false, now(&app))
        .await
        .unwrap();
    assert_eq!(signer.iin.unwrap().as_str(), iin);
    assert_eq!(signer.bin.unwrap().as_str(), bin);
}

#[tokio::test]
async fn a_revoked_test_certificate_is_refused_from_its_revocation_on() {
    let app = TestApp::spawn().await;
    let cert = issue(&app, json!({ "iin": iin("900101", 3, 3) })).await;
    let before = now(&app);
    assert!(verify(&app, &cert, CHALLENGE, false, before).await.is_ok());
    app.set_clock("2026-03-17T11:00:00+05:00").await;
    let serial = cert["serial"].as_str().unwrap();
    let (status, revoked) = app
        .post(
            &format!("/api/v1/dev/certificates/{serial}/revoke"),
            Some(&app.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert_eq!(
        verify(&app, &cert, CHALLENGE, false, now(&app)).await,
        Err(SignatureError::Revoked)
    );
    // A signature judged at an instant before the revocation still stands.
    assert!(verify(&app, &cert, CHALLENGE, false, before).await.is_ok());
    assert_problem(
        app.post(
            "/api/v1/dev/certificates/0badc0de/revoke",
            Some(&app.admin),
            json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let audit = app.audit("entity=dev_certificate").await;
    let actions: Vec<_> = strings(&audit, "action");
    assert!(
        actions.contains(&"issue") && actions.contains(&"revoke"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_test_certificate_expires_a_year_after_its_issue() {
    let app = TestApp::spawn().await;
    let cert = issue(&app, json!({ "iin": iin("900101", 3, 4) })).await;
    let not_after: DateTime<Utc> = serde_json::from_value(cert["not_after"].clone()).unwrap();
    assert!(verify(&app, &cert, CHALLENGE, false, not_after)
        .await
        .is_ok());
    let later = not_after + chrono::Duration::seconds(1);
    assert_eq!(
        verify(&app, &cert, CHALLENGE, false, later).await,
        Err(SignatureError::Expired)
    );
}

#[tokio::test]
async fn only_an_administrator_issues_and_revokes_test_certificates_for_a_valid_iin() {
    let app = TestApp::spawn().await;
    let citizen = app.citizen("aigerim@example.kz").await;
    let body = json!({ "iin": iin("900101", 3, 5) });
    let (status, _) = app
        .post("/api/v1/dev/certificates", None, body.clone())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .post("/api/v1/dev/certificates", Some(&citizen), body)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .post(
            "/api/v1/dev/certificates/01/revoke",
            Some(&citizen),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_problem(
        app.post(
            "/api/v1/dev/certificates",
            Some(&app.admin),
            json!({ "iin": "900101300018" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_iin",
    );
    let bad_bin = json!({ "iin": iin("900101", 3, 5), "bin": "123" });
    assert_problem(
        app.post("/api/v1/dev/certificates", Some(&app.admin), bad_bin)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_bin",
    );
}

#[tokio::test]
async fn the_development_ca_survives_a_restart_and_is_not_trusted_outside_dev_mode() {
    let db = TestDb::new().await;
    let first = TestApp::spawn_on(TestDb::shared(&db.url), serve_args).await;
    let cert = issue(&first, json!({ "iin": iin("900101", 3, 6) })).await;
    let at = now(&first);
    let second = TestApp::spawn_on(TestDb::shared(&db.url), serve_args).await;
    assert!(verify(&second, &cert, CHALLENGE, false, at).await.is_ok());
    let mut args = serve_args(&db.url);
    args.dev = false;
    let production = enbek::app::start(args).await.expect("the server starts");
    production.server.abort();
    production.worker.abort();
    let cms = sign_cms(
        cert["certificate_pem"].as_str().unwrap(),
        cert["private_key_pem"].as_str().unwrap(),
        CHALLENGE,
        false,
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(cms)
        .unwrap();
    assert_eq!(
        production
            .state
            .signatures()
            .verify(&der, CHALLENGE, at)
            .await,
        Err(SignatureError::Untrusted)
    );
}
