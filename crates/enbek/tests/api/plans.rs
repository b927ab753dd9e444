//! The individual employment plan (214 p.61–65, 214 App.10), reported changes (214 p.64) and the
//! work queues of specialists and officers.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

/// Registered as a job seeker on Tuesday 17 March, unemployed from Friday 20 March; the clock is
/// then 20 March 10:00. Returns the registration id.
async fn unemployed(app: &TestApp, login: &str, serial: u32) -> String {
    app.unemployed(login, &iin("890101", 3, serial), json!({}))
        .await
}

fn plan_body() -> Value {
    json!({
        "goal": "Работа бухгалтером в Кокшетау",
        "education": "higher",
        "occupation": "2411",
        "valid_until": "2026-06-30",
        "actions": [
            { "action": "vacancy_information", "due_on": "2026-04-01" },
            { "action": "training", "due_on": "2026-04-10", "note": "1C course" }
        ],
        "contacts": [ { "on": "2026-04-06", "purpose": "консультация по вакансиям" } ]
    })
}

/// The specialist of `spec`'s token draws up the usual plan for registration `id`.
async fn draw_up(app: &TestApp, spec: &str, id: &str) -> (StatusCode, Value) {
    let path = format!("/api/v1/registrations/{id}/plan");
    app.post(&path, Some(spec), plan_body()).await
}

/// Starts an identity proof of `iin` by `method` for signing plan `plan_id`.
async fn start_for_plan(
    app: &TestApp,
    token: &str,
    iin: &str,
    method: &str,
    plan_id: &str,
) -> (StatusCode, Value) {
    app.post(
        "/api/v1/identity-proofs",
        Some(token),
        json!({ "iin": iin, "method": method, "purpose": format!("plan:{plan_id}") }),
    )
    .await
}

/// Starts an SMS proof of `iin` for signing plan `plan_id` and answers it with the code sent;
/// returns the proof id and the answer.
async fn answer_for_plan(
    app: &TestApp,
    token: &str,
    iin: &str,
    plan_id: &str,
) -> (String, (StatusCode, Value)) {
    let (status, started) = start_for_plan(app, token, iin, "sms", plan_id).await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let proof_id = started["proof_id"].as_str().unwrap().to_string();
    let code = app.last_sms_code().await;
    let answer = app
        .post(
            "/api/v1/identity-proofs/complete",
            Some(token),
            json!({ "proof_id": proof_id, "code": code }),
        )
        .await;
    (proof_id, answer)
}

/// A completed SMS proof of `iin` started for signing plan `plan_id`; returns its id.
async fn proof_for_plan(app: &TestApp, token: &str, iin: &str, plan_id: &str) -> String {
    let (proof_id, (status, body)) = answer_for_plan(app, token, iin, plan_id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    proof_id
}

async fn sign(app: &TestApp, token: &str, proof_id: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/me/plan/sign",
        Some(token),
        json!({ "proof_id": proof_id }),
    )
    .await
}

/// The 214 App.10 document the person's signature gave: in their documents, and valid.
async fn plan_document(app: &TestApp, token: &str) -> Value {
    let (_, mine) = app.get("/api/v1/me/documents", Some(token)).await;
    let document = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "employment_plan")
        .unwrap_or_else(|| panic!("the plan's document: {mine}"))
        .clone();
    let (status, checked) = app
        .post(
            "/api/v1/documents/verify",
            None,
            json!({ "document_id": document["id"] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(checked["valid"], true, "{checked}");
    assert!(checked["number"].as_str().unwrap().starts_with("10-2026-"));
    document
}

async fn my_plan(app: &TestApp, token: &str) -> Value {
    let (status, plan) = app.get("/api/v1/me/plan", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    plan
}

async fn queue(app: &TestApp, token: &str, horizon: u32) -> Vec<Value> {
    let (status, items) = app
        .get(
            &format!("/api/v1/work-queue?horizon_days={horizon}"),
            Some(token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{items}");
    items.as_array().unwrap().clone()
}

async fn reminders(app: &TestApp, token: &str) -> usize {
    let (_, list) = app.get("/api/v1/me/notifications", Some(token)).await;
    list.as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "contact_reminder" && n["channel"] == "cabinet")
        .count()
}

fn kinds(items: &[Value]) -> Vec<(String, bool)> {
    items
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["overdue"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_plan_is_due_two_working_days_after_registration_and_the_queue_shows_it() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "plan@example.kz", 100).await;
    app.specialist("spec.k", CENTER).await;
    app.officer("officer.akmola", "mc-110000000").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    // Due at the end of Friday 27 March (Nauryz between): not today's work on the 20th...
    assert!(queue(&app, &spec, 0).await.is_empty());
    let ahead = queue(&app, &spec, 5).await;
    assert_eq!(kinds(&ahead), [("draw_up_plan".to_string(), false)]);
    assert_eq!(ahead[0]["due_at"], "2026-03-27T19:00:00Z");
    assert_eq!(ahead[0]["legal_basis"], "214 p.61");
    assert_eq!(ahead[0]["registration_id"], id.as_str());
    // ... today's on the 27th, overdue on Monday 30th; the region's officer sees it too.
    app.set_clock("2026-03-27T09:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    assert_eq!(
        kinds(&queue(&app, &spec, 0).await),
        [("draw_up_plan".to_string(), false)]
    );
    app.set_clock("2026-03-30T09:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    assert_eq!(
        kinds(&queue(&app, &spec, 0).await),
        [("draw_up_plan".to_string(), true)]
    );
    let officer = app.login("officer.akmola", "staff-pass-1").await;
    assert_eq!(queue(&app, &officer, 0).await.len(), 1);
    let other = app.specialist("spec.b", "cc-burabay").await;
    assert!(queue(&app, &other, 30).await.is_empty());
    let astana = app.officer("officer.astana", "mc-710000000").await;
    assert!(queue(&app, &astana, 30).await.is_empty());

    // Drawn up late: recorded as such.
    let (status, plan) = draw_up(&app, &spec, &id).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["within_term"], false);
    assert!(queue(&app, &spec, 0).await.is_empty());
}

#[tokio::test]
async fn a_specialist_draws_up_the_plan_the_person_signs_and_contacts_are_reminded() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "dana@example.kz", 200).await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (status, suggestions) = app
        .get(
            &format!("/api/v1/registrations/{id}/plan/suggestions"),
            Some(&spec),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{suggestions}");
    let suggested: Vec<&str> = strings(&suggestions, "action");
    for action in ["vacancy_information", "portal_search", "interviews"] {
        assert!(suggested.contains(&action), "{action}");
    }
    assert!(suggestions[0]["section"].is_string() && suggestions[0]["reason"].is_string());

    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let (status, plan) = draw_up(&app, &spec, &id).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["within_term"], true);
    assert!(plan["signed_by_specialist_at"].is_string());
    assert!(plan["signed_by_person_at"].is_null());
    assert_eq!(plan["items"].as_array().unwrap().len(), 3);
    assert_eq!(plan["items"][1]["section"], "active_measures");
    assert_problem(
        draw_up(&app, &spec, &id).await,
        StatusCode::CONFLICT,
        "plan_exists",
    );

    let token = app.login("dana@example.kz", PASSWORD).await;
    let mine = my_plan(&app, &token).await;
    assert_eq!(mine["id"], plan["id"]);
    assert!(mine["person_confirmation"].is_null());
    // Signed by a one-time code to the registry's phone, started for this plan (214 p.62).
    let person = iin("890101", 3, 200);
    let plan_id = plan["id"].as_str().unwrap();
    let proof = proof_for_plan(&app, &token, &person, plan_id).await;
    let (status, signed) = sign(&app, &token, &proof).await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(signed["signed_by_person_at"], "2026-03-26T06:00:00Z");
    assert_eq!(
        signed["person_confirmation"],
        json!({ "method": "sms", "certificate_serial": null })
    );
    assert_eq!(plan_document(&app, &token).await["issued_on"], "2026-03-26");
    let (_, seen) = app
        .get(&format!("/api/v1/registrations/{id}/plan"), Some(&spec))
        .await;
    assert_eq!(seen["person_confirmation"]["method"], "sms");
    // Signed once: another fresh proof for it finds the plan signed, and is not spent.
    let again = proof_for_plan(&app, &token, &person, plan_id).await;
    assert_problem(
        sign(&app, &token, &again).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );

    // The contact on Monday 6 April is reminded at 9:00 on Friday 3 April.
    app.set_clock("2026-04-03T08:59:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login("dana@example.kz", PASSWORD).await;
    assert_eq!(reminders(&app, &token).await, 0);
    app.set_clock("2026-04-03T09:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(reminders(&app, &token).await, 1);
}

#[tokio::test]
async fn the_person_signs_the_plan_by_a_signature_over_its_content_and_the_plan_keeps_the_certificate(
) {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "signer@example.kz", 600).await;
    let person = iin("890101", 3, 600);
    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (_, plan) = draw_up(&app, &spec, &id).await;
    let plan_id = plan["id"].as_str().unwrap();
    let token = app.login("signer@example.kz", PASSWORD).await;
    let cert = app.test_certificate(&person, None).await;
    let pem = cert["certificate_pem"].as_str().unwrap();
    let key = cert["private_key_pem"].as_str().unwrap();

    // The challenge is a text naming the plan and the SHA-256 of its content, and a nonce.
    let (status, started) = start_for_plan(&app, &token, &person, "signature", plan_id).await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let challenge = BASE64
        .decode(started["challenge"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(challenge.clone()).expect("a readable challenge");
    assert!(
        text.contains(&format!("purpose: plan:{plan_id}\n")),
        "{text}"
    );
    let digest = text
        .lines()
        .find_map(|l| l.strip_prefix("sha256: "))
        .expect("the plan's digest");
    assert_eq!(digest.len(), 64, "{text}");
    assert!(text.lines().any(|l| l.starts_with("nonce: ")), "{text}");
    // The same plan, the same digest; another nonce.
    let (_, twin) = start_for_plan(&app, &token, &person, "signature", plan_id).await;
    let twin =
        String::from_utf8(BASE64.decode(twin["challenge"].as_str().unwrap()).unwrap()).unwrap();
    assert!(twin.contains(&format!("sha256: {digest}\n")) && twin != text);

    // A signature over another digest of the plan proves nothing, and signs nothing.
    let forged = text.replace(digest, &"0".repeat(64));
    let (status, answer) = app
        .post(
            "/api/v1/identity-proofs/complete",
            Some(&token),
            json!({ "proof_id": started["proof_id"], "signature": sign_cms(pem, key, forged.as_bytes(), false) }),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::UNPROCESSABLE_ENTITY, "signature_invalid")
    );
    assert_problem(
        sign(&app, &token, started["proof_id"].as_str().unwrap()).await,
        StatusCode::FORBIDDEN,
        "confirmation_required",
    );
    assert!(my_plan(&app, &token).await["signed_by_person_at"].is_null());

    // A signature over the challenge itself signs the plan, with the certificate recorded.
    let (status, proven) = app
        .post(
            "/api/v1/identity-proofs/complete",
            Some(&token),
            json!({ "proof_id": started["proof_id"], "signature": sign_cms(pem, key, &challenge, true) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{proven}");
    let (status, signed) = sign(&app, &token, started["proof_id"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(
        signed["person_confirmation"],
        json!({ "method": "signature", "certificate_serial": cert["serial"] })
    );
    plan_document(&app, &token).await;
    let (_, seen) = app
        .get(&format!("/api/v1/registrations/{id}/plan"), Some(&spec))
        .await;
    assert_eq!(
        seen["person_confirmation"]["certificate_serial"],
        cert["serial"]
    );
}

#[tokio::test]
async fn only_a_fresh_unspent_proof_of_the_persons_own_iin_for_this_plan_signs_it() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "refused@example.kz", 700).await;
    let person = iin("890101", 3, 700);
    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (_, plan) = draw_up(&app, &spec, &id).await;
    let plan_id = plan["id"].as_str().unwrap().to_string();
    let token = app.login("refused@example.kz", PASSWORD).await;
    let refused = |proof: String| {
        let (app, token) = (&app, &token);
        async move {
            let (status, body) = sign(app, token, &proof).await;
            assert_eq!(
                (status, code(&body)),
                (StatusCode::FORBIDDEN, "confirmation_required"),
                "{body}"
            );
            assert!(my_plan(app, token).await["signed_by_person_at"].is_null());
        }
    };

    // No such proof; a proof started for the plan but not answered.
    refused("no-such-proof".into()).await;
    let (_, open) = start_for_plan(&app, &token, &person, "sms", &plan_id).await;
    refused(open["proof_id"].as_str().unwrap().into()).await;
    // A proof of the person's IIN started for no purpose: it binds no plan.
    refused(app.prove(&token, &person).await).await;
    // A proof for this plan of another IIN cannot even be completed by this account.
    let stranger = iin("890101", 3, 710);
    app.registry_person(&stranger, json!({})).await;
    let (other_iin, (status, body)) = answer_for_plan(&app, &token, &stranger, &plan_id).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "account_iin_mismatch")
    );
    refused(other_iin).await;
    // Another account: it may not start a proof for this plan, and its own proofs are not ours.
    let other = app.citizen("other@example.kz").await;
    let other_person = app.proven_person(&other).await;
    assert_problem(
        start_for_plan(&app, &other, &other_person, "sms", &plan_id).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    refused(app.prove(&other, &other_person).await).await;
    // A purpose that names no plan of this account.
    assert_problem(
        start_for_plan(&app, &token, &person, "sms", "no-such-plan").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );

    // A proof spent already (as a parallel request would have spent it).
    let spent = proof_for_plan(&app, &token, &person, &plan_id).await;
    sqlx::query("UPDATE identity_proofs SET used_for = $1 WHERE id = $2")
        .bind(format!("plan:{plan_id}"))
        .bind(&spent)
        .execute(&app.running.state.db.pool)
        .await
        .unwrap();
    refused(spent).await;

    // Ten minutes and a second after its answer a proof is stale; at ten minutes it still signs,
    // but only the content it was started for: an item's date changed meanwhile (the test's own
    // statement) refuses it, and the content restored lets it sign.
    app.set_clock("2026-03-26T12:30:00+05:00").await;
    let token = app.login("refused@example.kz", PASSWORD).await;
    let stale = proof_for_plan(&app, &token, &person, &plan_id).await;
    app.set_clock("2026-03-26T12:35:00+05:00").await;
    let token = app.login("refused@example.kz", PASSWORD).await;
    let fresh = proof_for_plan(&app, &token, &person, &plan_id).await;
    app.set_clock("2026-03-26T12:40:01+05:00").await;
    let token = app.login("refused@example.kz", PASSWORD).await;
    let (status, _) = sign(&app, &token, &stale).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "stale");
    app.set_clock("2026-03-26T12:45:00+05:00").await;
    let token = app.login("refused@example.kz", PASSWORD).await;
    let move_first_item = |to: &'static str| {
        let (app, plan_id) = (&app, &plan_id);
        async move {
            sqlx::query("UPDATE plan_items SET due_on = $1 WHERE plan_id = $2 AND position = 0")
                .bind(to)
                .bind(plan_id)
                .execute(&app.running.state.db.pool)
                .await
                .unwrap();
        }
    };
    move_first_item("2026-04-02").await;
    let (status, body) = sign(&app, &token, &fresh).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "confirmation_required")
    );
    move_first_item("2026-04-01").await;
    let (status, signed) = sign(&app, &token, &fresh).await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(signed["person_confirmation"]["method"], "sms");
}

#[tokio::test]
async fn overdue_actions_and_missed_contacts_reach_the_queue_until_recorded() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "aset@example.kz", 300).await;
    app.set_clock("2026-03-26T11:00:00+05:00").await;
    let spec = app.specialist("spec.k", CENTER).await;
    let (_, plan) = draw_up(&app, &spec, &id).await;
    let action_id = plan["items"][0]["id"].as_str().unwrap().to_string();
    let contact_id = plan["items"][2]["id"].as_str().unwrap().to_string();

    app.set_clock("2026-04-01T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let today = queue(&app, &spec, 0).await;
    assert_eq!(
        kinds(&today),
        [("plan_action".to_string(), false)],
        "due today"
    );
    app.set_clock("2026-04-02T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let late = queue(&app, &spec, 0).await;
    assert_eq!(kinds(&late), [("plan_action".to_string(), true)]);
    assert_eq!(late[0]["subject_id"], action_id.as_str());
    let (_, view) = app
        .get(&format!("/api/v1/registrations/{id}/plan"), Some(&spec))
        .await;
    assert_eq!(view["items"][0]["overdue"], true);

    assert_problem(
        app.post(
            &format!("/api/v1/plan-items/{action_id}"),
            Some(&spec),
            json!({ "outcome": "missed" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    let (status, view) = app
        .post(
            &format!("/api/v1/plan-items/{action_id}"),
            Some(&spec),
            json!({ "outcome": "done" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["items"][0]["outcome"], "done");
    assert!(queue(&app, &spec, 0).await.is_empty());

    app.set_clock("2026-04-07T12:00:00+05:00").await;
    let spec = app.login("spec.k", "staff-pass-1").await;
    let missed = queue(&app, &spec, 0).await;
    assert_eq!(kinds(&missed), [("plan_contact".to_string(), true)]);
    assert_eq!(missed[0]["legal_basis"], "214 p.44, p.51(4)");
    app.post(
        &format!("/api/v1/plan-items/{contact_id}"),
        Some(&spec),
        json!({ "outcome": "missed" }),
    )
    .await;
    assert!(queue(&app, &spec, 0).await.is_empty());
}

#[tokio::test]
async fn only_the_persons_specialist_draws_up_a_plan_for_an_unemployed_person_with_valid_items() {
    let app = TestApp::spawn().await;
    let id = unemployed(&app, "scope@example.kz", 400).await;
    let person = iin("890101", 3, 410);
    app.registry_person(&person, json!({})).await;
    let seeker = app.citizen("seeker@example.kz").await;
    app.prove(&seeker, &person).await;
    let (_, js) = app.apply(&seeker, &person).await;
    let own = app.specialist("spec.k", CENTER).await;
    let other = app.specialist("spec.b", "cc-burabay").await;
    let officer = app.officer("officer.akmola", "mc-110000000").await;
    let citizen = app.login("scope@example.kz", PASSWORD).await;
    let path = format!("/api/v1/registrations/{id}/plan");
    let mut unknown = plan_body();
    unknown["actions"][0]["action"] = json!("astrology");
    let mut past = plan_body();
    past["actions"][0]["due_on"] = json!("2026-03-19");
    let mut beyond = plan_body();
    beyond["contacts"][0]["on"] = json!("2026-07-01");
    let mut empty = plan_body();
    empty["actions"] = json!([]);
    let cases = [
        (
            &other,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "out_of_scope",
        ),
        (
            &officer,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &citizen,
            path.clone(),
            plan_body(),
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
        (
            &own,
            path.clone(),
            unknown,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            &own,
            path.clone(),
            past,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_date",
        ),
        (
            &own,
            path.clone(),
            beyond,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_date",
        ),
        (
            &own,
            path.clone(),
            empty,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            &own,
            format!("/api/v1/registrations/{}/plan", js["id"].as_str().unwrap()),
            plan_body(),
            StatusCode::CONFLICT,
            "invalid_state",
        ),
        (
            &own,
            "/api/v1/registrations/nope/plan".into(),
            plan_body(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (token, path, body, status, expected) in cases {
        let (got, answer) = app.post(&path, Some(token), body).await;
        assert_eq!((got, code(&answer)), (status, expected), "{path}");
    }
    // Nothing was half-written: the specialist still draws it up, once.
    let (status, _) = app.post(&path, Some(&own), plan_body()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app.get(&path, Some(&officer)).await;
    assert_eq!(status, StatusCode::OK, "the region's officer reads it");
    let (status, _) = app.get(&path, Some(&other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_change_is_reported_within_five_working_days_and_the_center_acts_on_it() {
    let app = TestApp::spawn().await;
    unemployed(&app, "change@example.kz", 500).await;
    let report = |at: &'static str, body: Value| {
        let app = &app;
        async move {
            app.set_clock(at).await;
            let token = app.login("change@example.kz", PASSWORD).await;
            app.post("/api/v1/me/circumstances", Some(&token), body)
                .await
        }
    };
    // Got a job on Friday 20 March: 26, 27, 30, 31 March and 1 April (Nauryz between).
    let job = json!({ "kind": "employed", "occurred_on": "2026-03-20" });
    let (status, on_time) = report("2026-04-01T23:59:00+05:00", job.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{on_time}");
    assert_eq!(on_time["report_due_at"], "2026-04-01T19:00:00Z");
    assert_eq!(on_time["reported_late"], false);
    // A minute after the term (24:00 of 1 April itself is the last moment in time).
    let (_, late) = report(
        "2026-04-02T00:01:00+05:00",
        json!({ "kind": "moved", "occurred_on": "2026-03-20" }),
    )
    .await;
    assert_eq!(late["reported_late"], true);

    assert_problem(
        report(
            "2026-04-02T10:00:00+05:00",
            json!({ "kind": "married", "occurred_on": "2026-03-20" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
    assert_problem(
        report(
            "2026-04-02T10:00:00+05:00",
            json!({ "kind": "moved", "occurred_on": "2026-04-03" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_date",
    );

    // The center acts within 2 working days of learning (214 p.51): due end of Friday 3 April.
    let spec = app.specialist("spec.k", CENTER).await;
    let ahead = queue(&app, &spec, 2).await;
    let changes: Vec<&Value> = ahead
        .iter()
        .filter(|i| i["kind"] == "circumstance")
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["due_at"], "2026-04-03T19:00:00Z");
    assert_eq!(changes[1]["detail"], "moved (reported late)");
    let id = changes[0]["subject_id"].as_str().unwrap().to_string();
    let (status, acknowledged) = app
        .post(
            &format!("/api/v1/circumstances/{id}/acknowledge"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(acknowledged["acknowledged_at"].is_string());
    let (status, _) = app
        .post(
            &format!("/api/v1/circumstances/{id}/acknowledge"),
            Some(&spec),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let other = app.specialist("spec.b", "cc-burabay").await;
    let second = changes[1]["subject_id"].as_str().unwrap();
    let (status, _) = app
        .post(
            &format!("/api/v1/circumstances/{second}/acknowledge"),
            Some(&other),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
