//! Identity proofing: an account acts for an IIN only once it has proven it, by a one-time code
//! to the registry's phone or by an electronic signature.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

async fn start(app: &TestApp, token: &str, iin: &str, method: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/identity-proofs",
        Some(token),
        json!({ "iin": iin, "method": method }),
    )
    .await
}

async fn answer(app: &TestApp, token: &str, proof: &str, code: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/identity-proofs/complete",
        Some(token),
        json!({ "proof_id": proof, "code": code }),
    )
    .await
}

/// Answers a proof with a body of one's own (`{proof_id, code}` or `{proof_id, signature}`).
async fn complete(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/identity-proofs/complete", Some(token), body)
        .await
}

/// A wrong code: the right one with its last digit changed.
fn wrong(code: &str) -> String {
    let last = code.chars().last().unwrap().to_digit(10).unwrap();
    format!("{}{}", &code[..code.len() - 1], (last + 1) % 10)
}

#[tokio::test]
async fn a_code_goes_only_to_the_registry_phone_and_proves_the_iin() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 100);
    app.registry_person(&person, json!({ "phones": ["+77015550011"] }))
        .await;
    let token = app.citizen("erlan@example.kz").await;
    let (status, started) = start(&app, &token, &person, "sms").await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    assert_eq!(started["phone_masked"], "+7 *** *** 00 11");
    assert!(started["challenge"].is_null());
    assert_eq!(started["expires_at"], "2026-03-17T05:10:00Z");
    let sms = app.last_sms().await;
    assert_eq!(sms["recipient"], "+77015550011");
    // The code is never in the cabinet: whoever holds the account must not read it there.
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&token)).await;
    assert!(notes.as_array().unwrap().is_empty(), "{notes}");

    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["iin_bound"], false);
    let (proof, code_sent) = app.start_sms_proof(&token, &person).await;
    let (status, proven) = answer(&app, &token, &proof, &code_sent).await;
    assert_eq!(status, StatusCode::OK, "{proven}");
    assert_eq!(proven["iin"], person.as_str());
    assert_eq!(proven["method"], "sms");
    assert_eq!(proven["proven_at"], "2026-03-17T05:00:00Z");
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["iin_bound"], true);
    assert_problem(
        answer(&app, &token, &proof, &code_sent).await,
        StatusCode::CONFLICT,
        "proof_completed",
    );
    // The proof is audited without the IIN.
    let audit = app.audit("entity=account&limit=50").await;
    let text = audit.to_string();
    assert!(text.contains("prove_identity"), "{text}");
    assert!(!text.contains(&person));
}

#[tokio::test]
async fn five_wrong_codes_spend_the_proof_even_for_the_right_code_after() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 200);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("guess@example.kz").await;
    let (proof, right) = app.start_sms_proof(&token, &person).await;
    for left in (0..5).rev() {
        let (status, body) = answer(&app, &token, &proof, &wrong(&right)).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "wrong_code")
        );
        assert_eq!(body["attempts_left"], left);
    }
    assert_problem(
        answer(&app, &token, &proof, &right).await,
        StatusCode::CONFLICT,
        "proof_exhausted",
    );
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["iin_bound"], false);

    // Four wrong answers leave the fifth: the right code still proves.
    let (proof, right) = app.start_sms_proof(&token, &person).await;
    for _ in 0..4 {
        answer(&app, &token, &proof, &wrong(&right)).await;
    }
    let (status, body) = answer(&app, &token, &proof, &right).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_code_is_good_for_ten_minutes_and_not_a_second_more() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 300);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("slow@example.kz").await;
    let (proof, code_sent) = app.start_sms_proof(&token, &person).await;
    app.set_clock("2026-03-17T10:10:01+05:00").await;
    assert_problem(
        answer(&app, &token, &proof, &code_sent).await,
        StatusCode::CONFLICT,
        "proof_expired",
    );

    let (proof, code_sent) = app.start_sms_proof(&token, &person).await;
    app.set_clock("2026-03-17T10:20:01+05:00").await;
    let (status, body) = answer(&app, &token, &proof, &code_sent).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_proof_needs_a_registry_phone_an_answering_registry_and_a_citizen() {
    let app = TestApp::spawn().await;
    let no_phone = iin("871008", 3, 400);
    let (status, body) = app
        .post(
            "/api/v1/dev/registry/persons",
            Some(&app.admin),
            json!({ "iin": no_phone, "last_name": "А", "first_name": "Б", "birth_date": "1987-10-08",
                "sex": "male", "region_code": "110000000", "district_code": "111000000",
                "locality_code": "111010000", "employed": false, "entrepreneur": false,
                "pensioner": false, "student": false, "sentences": [], "phones": ["12345"] }),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone"),
        "the simulator keeps only real numbers"
    );
    app.registry_person(&no_phone, json!({ "phones": [] }))
        .await;
    let token = app.citizen("nophone@example.kz").await;
    assert_problem(
        start(&app, &token, &no_phone, "sms").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_registered_phone",
    );
    assert_problem(
        start(&app, &token, "821214240092", "sms").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_iin",
    );
    for method in ["password", "document", "egov"] {
        let (status, body) = start(&app, &token, &no_phone, method).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{method}"
        );
    }
    let (status, _) = start(&app, "no-such-token", &no_phone, "sms").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let specialist = app.specialist("spec.proof", CENTER).await;
    let (status, _) = start(&app, &specialist, &no_phone, "sms").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let person = iin("871008", 3, 410);
    app.registry_person(&person, json!({})).await;
    app.registry_answering(false).await;
    assert_problem(
        start(&app, &token, &person, "sms").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
    );
}

#[tokio::test]
async fn an_account_starts_at_most_five_proofs_an_hour() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 500);
    app.registry_person(&person, json!({})).await;
    let token = app.citizen("spam@example.kz").await;
    for _ in 0..5 {
        let (status, body) = start(&app, &token, &person, "sms").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    assert_problem(
        start(&app, &token, &person, "sms").await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    );
    app.set_clock("2026-03-17T11:00:01+05:00").await;
    let (status, _) = start(&app, &token, &person, "sms").await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn another_accounts_proof_cannot_be_answered() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 600);
    app.registry_person(&person, json!({})).await;
    let owner = app.citizen("owner@example.kz").await;
    let (proof, code_sent) = app.start_sms_proof(&owner, &person).await;
    let thief = app.citizen("thief@example.kz").await;
    let (status, _) = answer(&app, &thief, &proof, &code_sent).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = complete(
        &app,
        &owner,
        json!({ "proof_id": proof, "signature": "AAAA" }),
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_request"),
        "an SMS proof is answered with its code"
    );
    assert_problem(
        complete(&app, &owner, json!({ "proof_id": proof })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    );
}

/// The takeover a security review found: a fresh account applies with a stranger's IIN, reads
/// the stranger's card, becomes unemployed, sends a job-loss payment application with its own
/// IBAN and obtains the 214 App.9 information in the stranger's name. Each step now fails.
#[tokio::test]
async fn an_account_cannot_act_for_an_iin_it_has_not_proven() {
    let app = TestApp::spawn().await;
    let victim = iin("871008", 3, 700);
    app.registry_person(&victim, json!({ "phones": ["+77017770000"] }))
        .await;
    let attacker = app.citizen("attacker@example.kz").await;

    // The application answers the same whether the IIN is registered or not.
    assert_problem(
        app.apply(&attacker, &victim).await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    let owner = app.citizen("victim@example.kz").await;
    app.prove(&owner, &victim).await;
    let (status, reg) = app.apply(&owner, &victim).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    let (status, body) = app.apply(&attacker, &victim).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "identity_not_proven")
    );
    assert!(body.get("registration_id").is_none(), "{body}");

    // The code goes to the victim's phone, never to the attacker; guesses spend the proof.
    let (status, started) = start(&app, &attacker, &victim, "sms").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.last_sms().await["recipient"], "+77017770000");
    let proof = started["proof_id"].as_str().unwrap();
    for guess in ["000000", "111111", "123456", "999999", "424242"] {
        answer(&app, &attacker, proof, guess).await;
    }
    let (status, _) = answer(&app, &attacker, proof, "555555").await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Nothing of the victim's case reaches the attacker's account.
    for path in ["/api/v1/me/registration", "/api/v1/me/card"] {
        let (status, body) = app.get(path, Some(&attacker)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert!(!body.to_string().contains("Ахметов"), "{path}");
    }
    app.set_clock("2026-03-20T10:00:00+05:00").await;
    app.run_due_jobs().await;
    let owner = app.login("victim@example.kz", "secret123").await;
    let attacker = app.login("attacker@example.kz", "secret123").await;
    let (_, mine) = app.get("/api/v1/me/registration", Some(&owner)).await;
    assert_eq!(mine["status"], "unemployed", "{mine}");
    assert_problem(
        app.post(
            "/api/v1/me/jobloss-payment",
            Some(&attacker),
            json!({ "iban": "KZ86125KZT5004100100" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    assert_problem(
        app.post("/api/v1/me/unemployed-info", Some(&attacker), json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    let (status, _) = app.get("/api/v1/me/plan", Some(&attacker)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_signature_by_a_trusted_certificate_of_the_iin_proves_it_attached_or_detached() {
    let app = TestApp::spawn().await;
    for (n, detached) in [(800, false), (810, true)] {
        let person = iin("871008", 3, n);
        let token = app.citizen(&format!("signer{n}@example.kz")).await;
        let cert = app.test_certificate(&person, None).await;
        let (status, proven) = app
            .answer_by_signature(&token, &person, &cert, detached)
            .await;
        assert_eq!(status, StatusCode::OK, "{proven}");
        assert_eq!(proven["method"], "signature");
        assert_eq!(proven["iin"], person.as_str());
    }
}

#[tokio::test]
async fn a_signature_of_another_iin_a_revoked_or_expired_certificate_or_other_bytes_proves_nothing()
{
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 900);
    let token = app.citizen("careful@example.kz").await;

    // Another person's certificate: the signer is not the IIN being proven.
    let stranger = app.test_certificate(&iin("871008", 3, 910), None).await;
    assert_problem(
        app.answer_by_signature(&token, &person, &stranger, false)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signer_mismatch",
    );

    // A revoked certificate.
    let cert = app.test_certificate(&person, None).await;
    let serial = cert["serial"].as_str().unwrap();
    let (status, _) = app
        .post(
            &format!("/api/v1/dev/certificates/{serial}/revoke"),
            Some(&app.admin),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        app.answer_by_signature(&token, &person, &cert, false).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "certificate_revoked",
    );

    // Bytes that are not the challenge, and a signature whose bytes were changed.
    let cert = app.test_certificate(&person, None).await;
    let (_, started) = start(&app, &token, &person, "signature").await;
    let other = sign_cms(
        cert["certificate_pem"].as_str().unwrap(),
        cert["private_key_pem"].as_str().unwrap(),
        b"not the challenge",
        false,
    );
    assert_problem(
        complete(
            &app,
            &token,
            json!({ "proof_id": started["proof_id"], "signature": other }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_invalid",
    );
    let (_, started) = start(&app, &token, &person, "signature").await;
    let challenge = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        started["challenge"].as_str().unwrap(),
    )
    .unwrap();
    let signed = sign_cms(
        cert["certificate_pem"].as_str().unwrap(),
        cert["private_key_pem"].as_str().unwrap(),
        &challenge,
        true,
    );
    let mut der =
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, signed).unwrap();
    let last = der.len() - 1;
    der[last] ^= 0x01;
    let tampered = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, der);
    assert_problem(
        complete(
            &app,
            &token,
            json!({ "proof_id": started["proof_id"], "signature": tampered }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_invalid",
    );
    assert_problem(
        complete(
            &app,
            &token,
            json!({ "proof_id": started["proof_id"], "signature": "not base64!" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signature_invalid",
    );

    // A certificate past its year of validity.
    app.set_clock("2027-03-17T12:00:00+05:00").await;
    let token = app.login("careful@example.kz", "secret123").await;
    let (_, started) = start(&app, &token, &person, "signature").await;
    assert_problem(complete(&app, &token, json!({ "proof_id": started["proof_id"], "signature": sign_cms(
                cert["certificate_pem"].as_str().unwrap(),
                cert["private_key_pem"].as_str().unwrap(),
                &base64::Engine::decode(&base64::engine::general_purpose::STANDARD, started["challenge"].as_str().unwrap()).unwrap(),
                false,
            ) })).await, StatusCode::UNPROCESSABLE_ENTITY, "certificate_expired");
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["iin_bound"], false, "nothing above proved the IIN");
}

#[tokio::test]
async fn a_certificate_of_another_servers_development_ca_is_not_trusted() {
    let app = TestApp::spawn().await;
    let elsewhere = TestApp::spawn().await;
    let person = iin("871008", 3, 950);
    let foreign = elsewhere.test_certificate(&person, None).await;
    let token = app.citizen("foreign@example.kz").await;
    assert_problem(
        app.answer_by_signature(&token, &person, &foreign, false)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "certificate_untrusted",
    );
    let own = app.test_certificate(&person, None).await;
    let (status, _) = app.answer_by_signature(&token, &person, &own, false).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn at_most_ten_codes_an_hour_go_to_one_persons_phone_whatever_the_accounts() {
    let app = TestApp::spawn().await;
    let person = iin("871008", 3, 960);
    app.registry_person(&person, json!({})).await;
    for login in ["one@example.kz", "two@example.kz"] {
        let token = app.citizen(login).await;
        for _ in 0..5 {
            let (status, body) = start(&app, &token, &person, "sms").await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
    }
    let third = app.citizen("three@example.kz").await;
    assert_problem(
        start(&app, &third, &person, "sms").await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    );
    // A signature sends nothing to the phone: still open to the person.
    let (status, _) = start(&app, &third, &person, "signature").await;
    assert_eq!(status, StatusCode::CREATED);
    app.set_clock("2026-03-17T11:00:01+05:00").await;
    let third = app.login("three@example.kz", "secret123").await;
    let (status, _) = start(&app, &third, &person, "sms").await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_proof_for_a_purpose_names_something_of_the_accounts_and_confirms_only_that() {
    let app = TestApp::spawn().await;
    // Twelve months of contributions to February 2026: the job-loss payment is due.
    let paid: Vec<String> = (0..12)
        .map(|i| {
            let month = 2025 * 12 + 2 + i;
            format!("{}-{:02}", month / 12, month % 12 + 1)
        })
        .collect();
    let incomes: serde_json::Map<String, Value> =
        paid.iter().map(|m| (m.clone(), json!(200_000))).collect();
    let person = iin("880412", 3, 1200);
    let id = app
        .unemployed(
            "purpose@example.kz",
            &person,
            json!({ "contribution_months": paid, "contribution_incomes": incomes }),
        )
        .await;
    let token = app.login("purpose@example.kz", PASSWORD).await;
    let start_for = |purpose: String| {
        let (app, token, person) = (&app, &token, &person);
        async move {
            app.post(
                "/api/v1/identity-proofs",
                Some(token),
                json!({ "iin": person, "method": "sms", "purpose": purpose }),
            )
            .await
        }
    };
    // A purpose that names nothing of the account's is refused, and no code goes out.
    let sent = app.last_sms().await;
    for purpose in ["plan:no-such-plan", "iban_change", ""] {
        let (status, body) = start_for(purpose.to_string()).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_value"),
            "{purpose}"
        );
    }
    assert_eq!(app.last_sms().await, sent);

    let (status, payment) = app
        .post(
            "/api/v1/me/jobloss-payment",
            Some(&token),
            json!({ "iban": kz_iban("722", "0000123456789") }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");
    let spec = app.specialist("spec.k", CENTER).await;
    let plan = json!({
        "goal": "Работа бухгалтером", "valid_until": "2026-06-30",
        "actions": [ { "action": "vacancy_information", "due_on": "2026-04-01" } ]
    });
    let (status, plan) = app
        .post(
            &format!("/api/v1/registrations/{id}/plan"),
            Some(&spec),
            plan,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    let plan_id = plan["id"].as_str().unwrap();

    // A proof started for the plan does not confirm a new IBAN; it stays unspent, and signs
    // the plan.
    let (status, started) = start_for(format!("plan:{plan_id}")).await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let proof_id = started["proof_id"].as_str().unwrap();
    let code_sent = app.last_sms_code().await;
    let (status, _) = answer(&app, &token, proof_id, &code_sent).await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        app.call(
            reqwest::Method::PUT,
            "/api/v1/me/jobloss-payment/iban",
            Some(&token),
            Some(json!({ "iban": kz_iban("601", "0000987654321"), "proof_id": proof_id })),
        )
        .await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
    let (status, signed) = app
        .post(
            "/api/v1/me/plan/sign",
            Some(&token),
            json!({ "proof_id": proof_id }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(signed["person_confirmation"]["method"], "sms");
}
