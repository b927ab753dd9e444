//! Signed documents end to end (214 App.3–App.6, App.9): issued with their decision, read by
//! their owner and the staff of the issuing organisation and its region, verified by anyone by
//! id or by file, refused when changed, revoked, expired, lapsed or replaced.

use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A job seeker of Kokshetau asks for the 214 App.9 information; returns the owner's token and
/// the answer.
async fn information(app: &TestApp, login: &str, serial: u32) -> (String, Value) {
    let (token, _) = app
        .job_seeker(login, &iin("880412", 3, serial), json!({}), json!({}))
        .await;
    let (status, info) = app
        .post("/api/v1/me/unemployed-info", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    (token, info)
}

/// A document's bytes (`suffix` "" for the PDF, "/signature" for its signature).
async fn download(
    app: &TestApp,
    id: &str,
    suffix: &str,
    query: &str,
    token: Option<&str>,
) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut request = app
        .client
        .get(format!("{}/api/v1/documents/{id}{suffix}{query}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, kind, response.bytes().await.unwrap().to_vec())
}

/// The first of the account's documents of `kind`.
async fn document_of_kind(app: &TestApp, token: &str, kind: &str) -> Value {
    let (_, mine) = app.get("/api/v1/me/documents", Some(token)).await;
    mine.as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == kind)
        .unwrap_or_else(|| panic!("a document {kind}: {mine}"))
        .clone()
}

async fn verify_id(app: &TestApp, id: &str) -> Value {
    let (status, body) = app
        .post(
            "/api/v1/documents/verify",
            None,
            json!({ "document_id": id }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn verify_pdf(app: &TestApp, pdf: &[u8]) -> Value {
    let response = app
        .client
        .post(format!("{}/api/v1/documents/verify", app.base))
        .header("content-type", "application/pdf")
        .body(pdf.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_information_is_a_signed_pdf_in_kazakh_and_russian_that_verifies() {
    let app = TestApp::spawn().await;
    let (token, info) = information(&app, "doc.owner@example.kz", 4100).await;
    let id = info["document_id"].as_str().unwrap();

    let (status, kind, pdf) = download(&app, id, "", "?lang=kk", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let (status, kind, signature) =
        download(&app, id, "/signature", "?lang=kk", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/pkcs7-signature"));
    let (_, _, russian) = download(&app, id, "", "?lang=ru", Some(&token)).await;
    assert!(russian.starts_with(b"%PDF-"));
    assert_ne!(pdf, russian, "each language is its own file");

    let checked = verify_id(&app, id).await;
    assert_eq!(checked["valid"], true, "{checked}");
    assert_eq!(checked["status"], "valid");
    assert_eq!(checked["document_id"], id);
    assert_eq!(checked["kind"], "unemployed_info");
    assert_eq!(checked["issued_on"], "2026-03-17");
    assert_eq!(checked["valid_until"], "2026-04-16");
    assert_eq!(checked["within_term"], true);
    assert_eq!(checked["issuer"]["id"], CENTER);
    assert!(checked["number"].as_str().unwrap().starts_with("9-2026-"));
    assert!(checked["signer"]["certificate"]["serial"].is_string());
    assert!(checked["signer"]["name"].is_string());
    let text = checked.to_string();
    assert!(
        !text.contains("880412"),
        "no personal data in a public answer"
    );

    // The file itself, as anyone who holds it sends it; with its signature too.
    let checked = verify_pdf(&app, &pdf).await;
    assert_eq!(
        (&checked["valid"], &checked["lang"]),
        (&json!(true), &json!("kk"))
    );
    let (status, checked) = app
        .post(
            "/api/v1/documents/verify",
            None,
            json!({ "pdf": B64.encode(&russian), "signature": B64.encode(&signature) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        checked["status"], "signature_invalid",
        "the Kazakh file's signature does not sign the Russian file: {checked}"
    );
    let (_, checked) = app
        .post(
            "/api/v1/documents/verify",
            None,
            json!({ "pdf": B64.encode(&pdf), "signature": B64.encode(&signature) }),
        )
        .await;
    assert_eq!(checked["valid"], true, "{checked}");

    // One byte changed: not the document issued.
    let mut tampered = pdf.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    let checked = verify_pdf(&app, &tampered).await;
    assert_eq!(
        (&checked["valid"], &checked["status"]),
        (&json!(false), &json!("unknown"))
    );
    assert!(checked["document_id"].is_null());
    let (_, checked) = app
        .post(
            "/api/v1/documents/verify",
            None,
            json!({ "pdf": B64.encode(&tampered), "signature": B64.encode(&signature) }),
        )
        .await;
    assert_eq!(checked["status"], "signature_invalid", "{checked}");

    // A form upload, as the public page sends it.
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(pdf.clone()).file_name("info.pdf"),
        )
        .part(
            "signature",
            reqwest::multipart::Part::bytes(signature.clone()).file_name("info.pdf.p7s"),
        );
    let checked: Value = app
        .client
        .post(format!("{}/api/v1/documents/verify", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(checked["valid"], true, "{checked}");

    let (status, mine) = app.get("/api/v1/me/documents", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let kinds = strings(&mine, "kind");
    assert!(kinds.contains(&"unemployed_info"), "{mine}");
    // The registration's 214 App.4 is there too, being signed: the worker issues it (the clock
    // is set by hand, so the worker waits for runDueJobs), and it is numbered when issued.
    let registration = document_of_kind(&app, &token, "job_seeker_registration").await;
    assert_eq!(registration["status"], "pending", "{registration}");
    assert!(registration["number"].is_null(), "{registration}");
    // Its first reader has it issued on the spot: verified by id, it is valid and numbered.
    let checked = verify_id(&app, registration["id"].as_str().unwrap()).await;
    assert_eq!(checked["valid"], true, "{checked}");
    assert!(checked["number"].as_str().unwrap().starts_with("4-2026-"));
    let (_, mine) = app.get("/api/v1/me/documents", Some(&token)).await;
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["status"] == "issued"));
}

#[tokio::test]
async fn a_decisions_document_is_issued_and_numbered_by_the_worker_or_for_its_first_reader() {
    let app = TestApp::spawn().await;
    let mut people = Vec::new();
    for (login, serial) in [
        ("doc.worker1@example.kz", 4150),
        ("doc.worker2@example.kz", 4160),
    ] {
        let person = iin("880412", 3, serial);
        let (token, _) = app.job_seeker(login, &person, json!({}), json!({})).await;
        let doc = document_of_kind(&app, &token, "job_seeker_registration").await;
        assert_eq!(doc["status"], "pending", "{doc}");
        people.push((token, doc));
    }
    let [(first, _), (second, two)] = <[_; 2]>::try_from(people).unwrap();
    // The second is read first: its PDF is issued at once and takes the center's next number.
    let two_id = two["id"].as_str().unwrap().to_string();
    let russian_pdf = || download(&app, &two_id, "", "?lang=ru", Some(&second));
    let (status, kind, pdf) = russian_pdf().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"));
    let two = document_of_kind(&app, &second, "job_seeker_registration").await;
    assert_eq!(two["status"], "issued", "{two}");
    let number_two = two["number"].as_str().unwrap().to_string();
    // The worker issues the first; the second is not issued or numbered again.
    app.run_due_jobs().await;
    let one = document_of_kind(&app, &first, "job_seeker_registration").await;
    assert_eq!(one["status"], "issued", "{one}");
    let number_one = one["number"].as_str().unwrap();
    let seq = |n: &str| n.rsplit('-').next().unwrap().parse::<u32>().unwrap();
    assert_eq!(
        seq(number_one),
        seq(&number_two) + 1,
        "{number_one} after {number_two}: no gap"
    );
    let two_again = document_of_kind(&app, &second, "job_seeker_registration").await;
    assert_eq!(two_again["number"], json!(number_two));
    let (_, _, same) = russian_pdf().await;
    assert_eq!(same, pdf, "the file issued once");
    assert_eq!(
        verify_id(&app, one["id"].as_str().unwrap()).await["valid"],
        true
    );
}

#[tokio::test]
async fn the_information_is_in_force_through_its_thirtieth_day_and_lapses_the_day_after() {
    let app = TestApp::spawn().await;
    let (_, info) = information(&app, "doc.lapse@example.kz", 4110).await;
    let id = info["document_id"].as_str().unwrap();
    assert_eq!(info["valid_until"], "2026-04-16");
    app.set_clock("2026-04-16T23:59:00+05:00").await;
    let checked = verify_id(&app, id).await;
    assert_eq!(
        (&checked["valid"], &checked["within_term"]),
        (&json!(true), &json!(true)),
        "{checked}"
    );
    app.set_clock("2026-04-17T00:01:00+05:00").await;
    let checked = verify_id(&app, id).await;
    assert_eq!(checked["valid"], false, "{checked}");
    assert_eq!(checked["status"], "lapsed");
    assert_eq!(checked["authentic"], true, "the signature itself holds");
    assert_eq!(checked["within_term"], false);
}

#[tokio::test]
async fn a_revoked_signing_certificate_fails_verification_from_its_revocation() {
    let app = TestApp::spawn().await;
    let (_, info) = information(&app, "doc.revoked@example.kz", 4120).await;
    let id = info["document_id"].as_str().unwrap();
    let checked = verify_id(&app, id).await;
    assert_eq!(checked["valid"], true, "{checked}");
    let serial = checked["signer"]["certificate"]["serial"].as_str().unwrap();
    app.set_clock("2026-03-17T11:00:00+05:00").await;
    let (status, body) = app
        .post(
            &format!("/api/v1/dev/certificates/{serial}/revoke"),
            Some(&app.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let checked = verify_id(&app, id).await;
    assert_eq!(
        (&checked["valid"], &checked["status"], &checked["authentic"]),
        (&json!(false), &json!("certificate_revoked"), &json!(false))
    );
}

#[tokio::test]
async fn an_expired_signing_certificate_fails_verification_and_the_next_document_gets_a_new_one() {
    let app = TestApp::spawn().await;
    let (_, info) = information(&app, "doc.expired@example.kz", 4130).await;
    let id = info["document_id"].as_str().unwrap();
    let checked = verify_id(&app, id).await;
    let not_after = checked["signer"]["certificate"]["not_after"]
        .as_str()
        .unwrap()
        .to_string();
    let serial = checked["signer"]["certificate"]["serial"].clone();
    // The development CA's certificates run a year: the day before it ends, then after
    // (sign-ins last hours: each move of a year signs in again).
    assert!(not_after.as_str() > "2027-03-16T05:00:00Z", "{not_after}");
    app.set_clock("2027-03-16T10:00:00+05:00").await;
    assert_eq!(verify_id(&app, id).await["status"], "lapsed");
    let admin = app.login("admin", ADMIN_PASSWORD).await;
    let (status, body) = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/dev/clock",
            Some(&admin),
            Some(json!({ "now": "2027-03-18T10:00:00+05:00" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let checked = verify_id(&app, id).await;
    assert_eq!(
        (&checked["valid"], &checked["status"]),
        (&json!(false), &json!("certificate_expired")),
        "{checked}"
    );
    let token = app.login("doc.expired@example.kz", PASSWORD).await;
    let (status, info) = app
        .post("/api/v1/me/unemployed-info", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{info}");
    let checked = verify_id(&app, info["document_id"].as_str().unwrap()).await;
    assert_eq!(checked["valid"], true, "{checked}");
    assert_ne!(checked["signer"]["certificate"]["serial"], serial);
}

#[tokio::test]
async fn the_owner_and_the_staff_of_the_issuing_center_and_region_read_a_document_and_no_one_else()
{
    let app = TestApp::spawn().await;
    let (token, info) = information(&app, "doc.access@example.kz", 4140).await;
    let id = info["document_id"].as_str().unwrap();
    assert_eq!(
        download(&app, id, "", "", Some(&token)).await.0,
        StatusCode::OK
    );
    assert_eq!(
        download(&app, id, "", "", None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let other = app.citizen("doc.other@example.kz").await;
    assert_eq!(
        download(&app, id, "", "", Some(&other)).await.0,
        StatusCode::NOT_FOUND,
        "another citizen learns nothing"
    );
    let (status, mine) = app.get("/api/v1/me/documents", Some(&other)).await;
    assert_eq!((status, mine), (StatusCode::OK, json!([])));

    let (reads_before, _) = document_reads(&app, id).await;
    let specialist = app.specialist("doc.spec", CENTER).await;
    assert_eq!(
        download(&app, id, "", "", Some(&specialist)).await.0,
        StatusCode::OK
    );
    let officer = app.officer("doc.officer", "mc-110000000").await;
    assert_eq!(
        download(&app, id, "", "?lang=ru", Some(&officer)).await.0,
        StatusCode::OK
    );
    let (reads, _) = document_reads(&app, id).await;
    assert_eq!(reads, reads_before + 2, "each staff read is audited");

    let astana = app.specialist("doc.astana", "cc-astana-saryarka").await;
    let (status, _, body) = download(&app, id, "", "", Some(&astana)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let problem: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(problem["code"], "out_of_scope");
    let astana_officer = app.officer("doc.astana.officer", "mc-710000000").await;
    assert_eq!(
        download(&app, id, "", "", Some(&astana_officer)).await.0,
        StatusCode::FORBIDDEN
    );
    let employer = app.employer("doc.employer@example.kz", esep(4141)).await;
    assert_eq!(
        download(&app, id, "", "", Some(&employer)).await.0,
        StatusCode::NOT_FOUND,
        "an employer's account is a person's too, and not this one's"
    );
    assert_eq!(
        download(&app, id, "", "", Some(&app.admin)).await.0,
        StatusCode::FORBIDDEN,
        "the administrator does no casework"
    );
    let (reads, _) = document_reads(&app, id).await;
    assert_eq!(reads, reads_before + 2, "a refused read reads nothing");
    assert_eq!(
        download(
            &app,
            "0190f3a2-0000-7000-8000-00000000dead",
            "",
            "",
            Some(&token)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_problem(
        app.get(&format!("/api/v1/documents/{id}?lang=en"), Some(&token))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
}

async fn document_reads(app: &TestApp, id: &str) -> (usize, Value) {
    let audit = app.audit(&format!("entity=document&entity_id={id}")).await;
    let reads = strings(&audit, "action")
        .into_iter()
        .filter(|a| *a == "read")
        .count();
    (reads, audit)
}

#[tokio::test]
async fn a_correction_is_a_new_document_and_the_old_one_verifies_as_replaced() {
    let app = TestApp::spawn().await;
    let (token, info) = information(&app, "doc.correct@example.kz", 4150).await;
    let id = info["document_id"].as_str().unwrap();
    let body = json!({ "person_name": "Сейітова Әсел Бекқызы", "reason": "the registry corrected the name" });
    let path = format!("/api/v1/documents/{id}/corrections");
    assert_problem(
        app.post(&path, Some(&token), body.clone()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    let astana = app.specialist("doc.fix.astana", "cc-astana-saryarka").await;
    assert_problem(
        app.post(&path, Some(&astana), body.clone()).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    let specialist = app.specialist("doc.fix", CENTER).await;
    assert_problem(
        app.post(
            &path,
            Some(&specialist),
            json!({ "person_name": "", "reason": "x" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let (status, corrected) = app.post(&path, Some(&specialist), body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{corrected}");
    assert_eq!(corrected["replaces"], id);
    let new_id = corrected["document_id"].as_str().unwrap();

    let old = verify_id(&app, id).await;
    assert_eq!(
        (&old["valid"], &old["status"], &old["replaced_by"]),
        (&json!(false), &json!("replaced"), &json!(new_id))
    );
    let new = verify_id(&app, new_id).await;
    assert_eq!(new["valid"], true, "{new}");
    assert_eq!(new["replaces"], id);
    assert_eq!(new["kind"], "unemployed_info");
    assert_eq!(
        new["valid_until"], "2026-04-16",
        "a correction keeps the term"
    );
    assert_problem(
        app.post(&path, Some(&specialist), body).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let (_, mine) = app.get("/api/v1/me/documents", Some(&token)).await;
    assert!(mine
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == new_id && d["replaces"] == id));
}

#[tokio::test]
async fn a_refused_applicant_gets_the_refusal_as_a_signed_document() {
    let app = TestApp::spawn().await;
    // Unknown to the registries: proven by a signature, then refused (214 App.1 p.9).
    let ghost = iin("900101", 3, 4160);
    let token = app.citizen("doc.refused@example.kz").await;
    let cert = app.test_certificate(&ghost, None).await;
    let (status, body) = app.answer_by_signature(&token, &ghost, &cert, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, reg) = app.apply(&token, &ghost).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "refused", "{reg}");
    let refusal = document_of_kind(&app, &token, "job_seeker_refusal").await;
    let id = refusal["id"].as_str().unwrap();
    let (status, _, pdf) = download(&app, id, "", "?lang=ru", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(verify_pdf(&app, &pdf).await["kind"], "job_seeker_refusal");
    let refusal = document_of_kind(&app, &token, "job_seeker_refusal").await;
    assert!(refusal["number"].as_str().unwrap().starts_with("3-2026-"));
}

#[tokio::test]
async fn registration_as_unemployed_gives_its_document() {
    let app = TestApp::spawn().await;
    let _ = app
        .job_seeker(
            "doc.unemployed@example.kz",
            &iin("880412", 3, 4170),
            json!({}),
            json!({}),
        )
        .await;
    app.registration_at(UNEMPLOYED_FROM, "doc.unemployed@example.kz")
        .await;
    let token = app.login("doc.unemployed@example.kz", PASSWORD).await;
    let app5 = document_of_kind(&app, &token, "unemployed_registration").await;
    assert_eq!(app5["issued_on"], "2026-03-20");
    let checked = verify_id(&app, app5["id"].as_str().unwrap()).await;
    assert_eq!(checked["valid"], true, "{checked}");
    assert!(checked["number"].as_str().unwrap().starts_with("5-2026-"));
}

#[tokio::test]
async fn verification_refuses_what_it_cannot_read_and_knows_no_unknown_id() {
    let app = TestApp::spawn().await;
    let unknown = verify_id(&app, "0190f3a2-0000-7000-8000-00000000beef").await;
    assert_eq!(
        (&unknown["valid"], &unknown["status"]),
        (&json!(false), &json!("unknown"))
    );
    assert_problem(
        app.post("/api/v1/documents/verify", None, json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    assert_problem(
        app.post(
            "/api/v1/documents/verify",
            None,
            json!({ "document_id": "x", "pdf": "JVBERi0=" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
    assert_problem(
        app.post(
            "/api/v1/documents/verify",
            None,
            json!({ "pdf": "not base64!" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let response = app
        .client
        .post(format!("{}/api/v1/documents/verify", app.base))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

/// `enbek verify FILE [SIGNATURE]` against the issuing database, without the server's API.
fn verify_offline(app: &TestApp, files: &[&std::path::Path]) -> (Option<i32>, Value) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_enbek"))
        .arg("verify")
        .args(files)
        .args(["--dev", "--database-url", app.db_url()])
        .env_remove("ENBEK_TRUSTED_CA_FILES")
        .env_remove("ENBEK_DOCUMENT_STORE")
        .output()
        .expect("enbek runs");
    let answer = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("a JSON answer: {}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), answer)
}

#[tokio::test]
async fn enbek_verify_checks_a_file_offline_with_or_without_its_signature() {
    let app = TestApp::spawn().await;
    let (token, info) = information(&app, "doc.offline@example.kz", 4180).await;
    let id = info["document_id"].as_str().unwrap();
    let (_, _, pdf) = download(&app, id, "", "?lang=ru", Some(&token)).await;
    let (_, _, signature) = download(&app, id, "/signature", "?lang=ru", Some(&token)).await;
    let dir = std::env::temp_dir().join(format!("enbek-verify-{id}"));
    std::fs::create_dir_all(&dir).unwrap();
    let (file, p7s, changed) = (
        dir.join("info.pdf"),
        dir.join("info.pdf.p7s"),
        dir.join("changed.pdf"),
    );
    std::fs::write(&file, &pdf).unwrap();
    std::fs::write(&p7s, &signature).unwrap();
    let mut tampered = pdf.clone();
    let last = tampered.len() - 10;
    tampered[last] ^= 0x20;
    std::fs::write(&changed, &tampered).unwrap();

    let (code, answer) = verify_offline(&app, &[&file]);
    assert_eq!(code, Some(0), "{answer}");
    assert_eq!(
        (&answer["valid"], &answer["document_id"], &answer["lang"]),
        (&json!(true), &json!(id), &json!("ru"))
    );
    let (code, answer) = verify_offline(&app, &[&file, &p7s]);
    assert_eq!((code, &answer["valid"]), (Some(0), &json!(true)));
    let (code, answer) = verify_offline(&app, &[&changed, &p7s]);
    assert_eq!(
        (code, &answer["status"]),
        (Some(1), &json!("signature_invalid"))
    );
    let (code, answer) = verify_offline(&app, &[&changed]);
    assert_eq!((code, &answer["status"]), (Some(1), &json!("unknown")));
    let _ = std::fs::remove_dir_all(&dir);
}
