//! Employer membership by invitation (docs/SECURITY.md): a member invites by login, only the
//! invited account's acceptance makes it a member; staff accounts never act for employers.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::employers::{employer, vacancy};
use crate::helpers::*;
use crate::steps::*;

async fn invite(app: &TestApp, member: &str, login: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/employers/me/members",
        Some(member),
        json!({ "login": login }),
    )
    .await
}

async fn answer(app: &TestApp, token: &str, invitation: &Value, verb: &str) -> (StatusCode, Value) {
    let id = invitation["id"].as_str().expect("an invitation id");
    app.post(
        &format!("/api/v1/me/employer-invitations/{id}/{verb}"),
        Some(token),
        json!({}),
    )
    .await
}

#[tokio::test]
async fn an_invited_account_becomes_a_member_only_when_it_accepts() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let colleague = app.citizen("colleague@example.kz").await;

    let (status, invitation) = invite(&app, &owner, "colleague@example.kz").await;
    assert_eq!(status, StatusCode::CREATED, "{invitation}");
    assert_eq!(invitation["status"], "invited");
    assert_eq!(invitation["login"], "colleague@example.kz");
    assert_eq!(invitation["expires_at"], "2026-03-24T05:00:00Z");

    // Invited is not a member: no employer, no vacancies.
    let (status, _) = app.get("/api/v1/employers/me", Some(&colleague)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.post_vacancy(&colleague, vacancy()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A second invitation while the first waits is refused.
    assert_problem(
        invite(&app, &owner, "colleague@example.kz").await,
        StatusCode::CONFLICT,
        "invitation_exists",
    );

    // The invited person is told in the cabinet and sees the invitation.
    let (_, notes) = app.get("/api/v1/me/notifications", Some(&colleague)).await;
    let notice = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "employer_invitation")
        .expect("a cabinet notice of the invitation");
    assert_eq!(notice["channel"], "cabinet");
    assert!(notice["text"].as_str().unwrap().contains("Көкше Құрылыс"));
    let (status, mine) = app
        .get("/api/v1/me/employer-invitations", Some(&colleague))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], invitation["id"]);
    assert_eq!(mine[0]["employer_name"], "ТОО «Көкше Құрылыс»");

    // Nobody else answers it.
    let outsider = app.citizen("outsider@example.kz").await;
    let (status, _) = answer(&app, &outsider, &invitation, "accept").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = answer(&app, &owner, &invitation, "accept").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, theirs) = app
        .get("/api/v1/me/employer-invitations", Some(&outsider))
        .await;
    assert!(theirs.as_array().unwrap().is_empty());

    let (status, accepted) = answer(&app, &colleague, &invitation, "accept").await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["status"], "accepted");
    let (status, company) = app.get("/api/v1/employers/me", Some(&colleague)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(company["id"], invitation["employer_id"]);
    let (status, _) = app.post_vacancy(&colleague, vacancy()).await;
    assert_eq!(status, StatusCode::CREATED);
    // Answered once: neither accepted again nor declined.
    for verb in ["accept", "decline"] {
        assert_problem(
            answer(&app, &colleague, &invitation, verb).await,
            StatusCode::CONFLICT,
            "invalid_state",
        );
    }

    // Each step is audited.
    let audit = app
        .audit(&format!(
            "entity=employer_invitation&entity_id={}",
            invitation["id"].as_str().unwrap()
        ))
        .await;
    let mut actions: Vec<&str> = strings(&audit, "action");
    actions.sort_unstable();
    assert_eq!(actions, ["accept", "invite"]);
}

#[tokio::test]
async fn a_declined_invitation_adds_nobody_and_a_new_one_may_follow() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let colleague = app.citizen("colleague@example.kz").await;
    let (_, invitation) = invite(&app, &owner, "colleague@example.kz").await;
    let (status, declined) = answer(&app, &colleague, &invitation, "decline").await;
    assert_eq!(status, StatusCode::OK, "{declined}");
    assert_eq!(declined["status"], "declined");
    assert_problem(
        answer(&app, &colleague, &invitation, "accept").await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let (status, _) = app.get("/api/v1/employers/me", Some(&colleague)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let audit = app
        .audit(&format!(
            "entity=employer_invitation&entity_id={}",
            invitation["id"].as_str().unwrap()
        ))
        .await;
    assert!(audit
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "decline"));
    // The declining person may still register their own employer, as its head.
    app.head_of(&colleague, &bin("1503", 300)).await;
    let (status, body) = app
        .post(
            "/api/v1/employers",
            Some(&colleague),
            json!({ "bin": bin("1503", 300), "name": "ТОО «Өз»", "region_code": "110000000",
                    "district_code": "111000000", "locality_code": "111010000" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // …and, belonging to an employer now, cannot be invited to another.
    assert_problem(
        invite(&app, &owner, "colleague@example.kz").await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
}

#[tokio::test]
async fn an_invitation_expires_after_seven_days() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    app.citizen("late@example.kz").await;
    app.citizen("prompt@example.kz").await;
    let (_, late) = invite(&app, &owner, "late@example.kz").await;
    let (_, prompt) = invite(&app, &owner, "prompt@example.kz").await;

    // One second before the term: still open.
    app.set_clock("2026-03-24T09:59:59+05:00").await;
    let token = app.login("prompt@example.kz", "secret123").await;
    let (status, body) = answer(&app, &token, &prompt, "accept").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // At the term: expired.
    app.set_clock("2026-03-24T10:00:00+05:00").await;
    let token = app.login("late@example.kz", "secret123").await;
    let (_, mine) = app
        .get("/api/v1/me/employer-invitations", Some(&token))
        .await;
    assert_eq!(mine[0]["status"], "expired");
    for verb in ["accept", "decline"] {
        assert_problem(
            answer(&app, &token, &late, verb).await,
            StatusCode::CONFLICT,
            "invitation_expired",
        );
    }
    let (status, _) = app.get("/api/v1/employers/me", Some(&token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A lapsed invitation does not block a new one.
    let owner = app.login("owner@example.kz", "secret123").await;
    let (status, again) = invite(&app, &owner, "late@example.kz").await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    assert_eq!(again["status"], "invited");
}

#[tokio::test]
async fn accepting_checks_again_that_the_account_has_no_employer() {
    let app = TestApp::spawn().await;
    let first = employer(&app, "first@example.kz", 100).await;
    let second = employer(&app, "second@example.kz", 200).await;
    let person = app.citizen("sought@example.kz").await;
    let (status, from_first) = invite(&app, &first, "sought@example.kz").await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, from_second) = invite(&app, &second, "sought@example.kz").await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "both may invite a free account"
    );
    let (status, _) = answer(&app, &person, &from_first, "accept").await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        answer(&app, &person, &from_second, "accept").await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let (_, company) = app.get("/api/v1/employers/me", Some(&person)).await;
    assert_eq!(company["id"], from_first["employer_id"]);
}

#[tokio::test]
async fn staff_accounts_never_act_for_an_employer() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    let specialist = app.specialist("spec.kokshetau", "cc-kokshetau").await;
    app.citizen("citizen@example.kz").await;

    // Not invited…
    for login in ["spec.kokshetau", "admin"] {
        let (status, body) = invite(&app, &owner, login).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::FORBIDDEN, "staff_cannot_be_employer"),
            "{login}"
        );
    }
    let (status, _) = invite(&app, &owner, "citizen@example.kz").await;
    assert_eq!(status, StatusCode::CREATED);

    // …and registering no employer of their own.
    let company = json!({ "bin": bin("1503", 300), "name": "ТОО «Қызметтік»", "region_code": "110000000",
                          "district_code": "111000000", "locality_code": "111010000" });
    for token in [&specialist, &app.admin] {
        assert_problem(
            app.post("/api/v1/employers", Some(token), company.clone())
                .await,
            StatusCode::FORBIDDEN,
            "staff_cannot_be_employer",
        );
    }
    let citizen = app.login("citizen@example.kz", "secret123").await;
    app.head_of(&citizen, &bin("1503", 300)).await;
    let (status, body) = app.post("/api/v1/employers", Some(&citizen), company).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn the_colleagues_are_listed_and_a_member_but_not_the_owner_is_removed() {
    let app = TestApp::spawn().await;
    let owner = app.employer("owner.m@example.kz", esep(811)).await;
    let colleague = app.citizen("colleague.m@example.kz").await;
    let (status, sent) = invite(&app, &owner, "colleague.m@example.kz").await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let (status, body) = answer(&app, &colleague, &sent, "accept").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, list) = app
        .get("/api/v1/employers/me/members", Some(&colleague))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(
        strings(&list["members"], "login"),
        ["owner.m@example.kz", "colleague.m@example.kz"]
    );
    assert_eq!(list["members"][0]["owner"], true);
    assert_eq!(list["invitations"][0]["status"], "accepted");
    let owner_id = list["members"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_string();
    let colleague_id = list["members"][1]["account_id"]
        .as_str()
        .unwrap()
        .to_string();

    // The owner stays; a stranger is not a member; the colleague is removed.
    let remove = |token: String, id: String| {
        let app = &app;
        async move {
            app.call(
                reqwest::Method::DELETE,
                &format!("/api/v1/employers/me/members/{id}"),
                Some(&token),
                None,
            )
            .await
        }
    };
    assert_problem(
        remove(colleague.clone(), owner_id).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    assert_problem(
        remove(owner.clone(), "no-such-account".into()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (status, _) = remove(owner.clone(), colleague_id).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.get("/api/v1/employers/me", Some(&colleague)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
