//! Employers and vacancies (214 ch.5 §2, 214 p.66–68).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;

fn employer_body(bin: &str) -> Value {
    json!({ "bin": bin, "name": "ТОО «Көкше Құрылыс»", "region_code": "110000000",
            "district_code": "111000000", "locality_code": "111010000" })
}

/// A signed-in employer account; returns its token.
pub async fn employer(app: &TestApp, login: &str, serial: u32) -> String {
    let token = app.citizen(login).await;
    app.head_of(&token, &bin("1503", serial)).await;
    let (status, body) = app
        .post(
            "/api/v1/employers",
            Some(&token),
            employer_body(&bin("1503", serial)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    token
}

pub fn vacancy() -> Value {
    json!({
        "title": "Бухгалтер", "occupation_code": "2411", "positions": 2,
        "salary_from": 250000, "salary_to": 320000, "work_regime": "full_time",
        "employment_type": "permanent", "education_level": "higher", "experience_years": 2,
        "skills": ["1С", "МСФО"], "region_code": "110000000", "district_code": "111000000",
        "locality_code": "111010000", "description": "Ведение учёта, налоговая отчётность"
    })
}

#[tokio::test]
async fn an_employer_is_registered_by_bin_or_an_entrepreneurs_iin_as_the_registries_say() {
    let app = TestApp::spawn().await;
    let token = app.citizen("owner@example.kz").await;
    let company = bin("1503", 100);
    app.head_of(&token, &company).await;
    let (status, employer) = app
        .post("/api/v1/employers", Some(&token), employer_body(&company))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{employer}");
    assert_eq!(employer["kind"], "legal_entity");
    let token = app.login("owner@example.kz", "secret123").await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert!(me["roles"].as_array().unwrap().contains(&json!("employer")));
    assert_problem(
        app.post(
            "/api/v1/employers",
            Some(&token),
            employer_body(&bin("1503", 300)),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    // An account acts for a company only through a proven identity the registry confirms.
    let other = app.citizen("other@example.kz").await;
    assert_problem(
        app.post("/api/v1/employers", Some(&other), employer_body(&company))
            .await,
        StatusCode::FORBIDDEN,
        "identity_not_proven",
    );
    let other_person = app.proven_person(&other).await;
    let (status, body) = app
        .post("/api/v1/employers", Some(&other), employer_body(&company))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "not_employer_head"),
        "the registry names another head"
    );

    // Liquidated in the business registry; not a BIN at all; an unknown region.
    let closed = bin("1503", 400);
    let (status, _) = app
        .post(
            "/api/v1/dev/registry/businesses",
            Some(&app.admin),
            json!({ "bin": closed, "name": "ТОО «Жабық»", "active": false }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let cases = [
        (
            employer_body(&closed),
            StatusCode::UNPROCESSABLE_ENTITY,
            "employer_not_in_registry",
        ),
        (
            employer_body("150340000001"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_bin",
        ),
        (
            with(
                employer_body(&bin("1503", 500)),
                json!({ "region_code": "990000000" }),
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
        (
            with(employer_body(&bin("1503", 500)), json!({ "name": " " })),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
        ),
    ];
    for (body, status, expected) in cases {
        let (got, answer) = app
            .post("/api/v1/employers", Some(&other), body.clone())
            .await;
        assert_eq!((got, code(&answer)), (status, expected), "{body}");
    }

    // An individual entrepreneur registers by the IIN the account has proven, if the registry
    // says so.
    let trader = iin("800505", 3, 600);
    let clerk = iin("800505", 3, 700);
    app.registry_person(&trader, json!({ "entrepreneur": true }))
        .await;
    app.registry_person(&clerk, json!({})).await;
    let (status, body) = app
        .post("/api/v1/employers", Some(&other), employer_body(&trader))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "identity_not_proven"),
        "{other_person} is not the trader"
    );
    let clerk_account = app.citizen("clerk@example.kz").await;
    app.prove(&clerk_account, &clerk).await;
    assert_problem(
        app.post(
            "/api/v1/employers",
            Some(&clerk_account),
            employer_body(&clerk),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "employer_not_in_registry",
    );
    let trader_account = app.citizen("trader@example.kz").await;
    app.prove(&trader_account, &trader).await;
    let (status, ie) = app
        .post(
            "/api/v1/employers",
            Some(&trader_account),
            employer_body(&trader),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{ie}");
    assert_eq!(ie["kind"], "individual_entrepreneur");
    let (status, _) = app
        .post("/api/v1/employers", None, employer_body(&bin("1503", 800)))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_vacancy_is_refused_on_each_rule_and_posted_late_is_recorded() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 100).await;
    let (status, posted) = app.post_vacancy(&token, vacancy()).await;
    assert_eq!(status, StatusCode::CREATED, "{posted}");
    assert_eq!(posted["status"], "open");
    assert_eq!(posted["positions_open"], 2);
    assert_eq!(posted["arose_on"], "2026-03-17");
    assert_eq!(posted["posted_late"], false);

    // Arose Monday 9 March: 10, 11, 12, 13 and 16 March are the five working days.
    let (_, on_time) = app
        .post_vacancy(&token, with(vacancy(), json!({ "arose_on": "2026-03-10" })))
        .await;
    assert_eq!(on_time["posted_late"], false);
    let (_, late) = app
        .post_vacancy(&token, with(vacancy(), json!({ "arose_on": "2026-03-09" })))
        .await;
    assert_eq!(late["post_due_at"], "2026-03-16T19:00:00Z");
    assert_eq!(late["posted_late"], true);

    let refused = [
        (json!({ "positions": 0 }), "no_positions"),
        (json!({ "salary_from": 320001 }), "salary_range"),
        (
            json!({ "salary_from": 84999, "salary_to": null }),
            "below_minimum_wage",
        ),
        (json!({ "category": "judge" }), "excluded_vacancy"),
        (json!({ "category": "national_bank" }), "excluded_vacancy"),
        (json!({ "occupation_code": "9999" }), "unknown_occupation"),
        (json!({ "work_regime": "flexible" }), "invalid_value"),
        (json!({ "employment_type": "forever" }), "invalid_value"),
        (json!({ "education_level": "phd" }), "invalid_value"),
        (json!({ "arose_on": "2026-03-18" }), "invalid_date"),
        (json!({ "title": "" }), "invalid_value"),
    ];
    for (change, expected) in refused {
        let (status, body) = app
            .post_vacancy(&token, with(vacancy(), change.clone()))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {body}");
        assert_eq!(code(&body), expected, "{change}");
    }
    let (_, body) = app
        .post_vacancy(
            &token,
            with(
                vacancy(),
                json!({ "salary_from": 84999, "salary_to": null }),
            ),
        )
        .await;
    assert_eq!(body["minimum_wage"], 85000);
    // Part-time work may pay less than the full-time minimum; the boundary itself is taken.
    for change in [
        json!({ "work_regime": "part_time", "salary_from": 40000, "salary_to": null }),
        json!({ "salary_from": 85000, "salary_to": null }),
    ] {
        let (status, body) = app.post_vacancy(&token, with(vacancy(), change)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let citizen = app.citizen("someone@example.kz").await;
    let (status, _) = app.post_vacancy(&citizen, vacancy()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn anyone_searches_open_vacancies_by_words_place_pay_and_regime() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "hr@example.kz", 100).await;
    let offers = [
        vacancy(),
        with(
            vacancy(),
            json!({ "title": "Главный бухгалтер", "salary_from": 400000, "salary_to": 500000 }),
        ),
        with(
            vacancy(),
            json!({ "title": "Электрик", "occupation_code": "7411", "work_regime": "shift", "salary_to": null, "skills": ["электромонтаж"], "description": "Обслуживание сетей" }),
        ),
        with(
            vacancy(),
            json!({ "title": "Бухгалтер в Астане", "region_code": "710000000", "district_code": "711300000", "locality_code": "711300000" }),
        ),
    ];
    let mut ids = Vec::new();
    for v in offers {
        let (status, body) = app.post_vacancy(&token, v).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }
    let titles = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, all) = app.get("/api/v1/vacancies", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.as_array().unwrap().len(), 4);
    assert!(all[0].get("post_due_at").is_none(), "public fields only");
    assert_eq!(all[0]["employer_name"], "ТОО «Көкше Құрылыс»");

    let (_, found) = app
        .get("/api/v1/vacancies?q=БУХГАЛТЕР&region_code=110000000", None)
        .await;
    assert_eq!(titles(&found).len(), 2);
    let (_, found) = app.get("/api/v1/vacancies?q=мсфо%20учёта", None).await;
    assert_eq!(titles(&found).len(), 3, "skills and description, ё as е");
    let (_, found) = app
        .get("/api/v1/vacancies?occupation_code=7411", None)
        .await;
    assert_eq!(titles(&found), ["Электрик"]);
    // Word forms in Russian and Kazakh find the same vacancies.
    for form in ["бухгалтера", "бухгалтерлер", "Бухгалтерам", "электриктер"]
    {
        let (_, found) = app.get(&format!("/api/v1/vacancies?q={form}"), None).await;
        let expected = if form.starts_with("электр") {
            1
        } else {
            3
        };
        assert_eq!(titles(&found).len(), expected, "{form}");
    }
    let (_, found) = app.get("/api/v1/vacancies?work_regime=shift", None).await;
    assert_eq!(titles(&found), ["Электрик"]);
    let (_, found) = app.get("/api/v1/vacancies?salary_min=400000", None).await;
    assert_eq!(titles(&found), ["Главный бухгалтер"]);
    let (_, found) = app
        .get("/api/v1/vacancies?sort=salary&per_page=1", None)
        .await;
    assert_eq!(titles(&found), ["Главный бухгалтер"]);
    let page = app
        .client
        .get(format!("{}/api/v1/vacancies?per_page=3&page=2", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.headers()["x-total-count"], "4");
    assert_eq!(
        page.json::<Value>()
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for bad in ["per_page=101", "page=0", "sort=random", "salary_min=lots"] {
        let (status, _) = app.get(&format!("/api/v1/vacancies?{bad}"), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    // Closed by its employer, or past its last day: no longer found.
    let (status, closed) = app
        .post(
            &format!("/api/v1/vacancies/{}/close", ids[2]),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(closed["status"], "closed");
    assert_problem(
        app.post(
            &format!("/api/v1/vacancies/{}/close", ids[2]),
            Some(&token),
            json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let (_, found) = app
        .get("/api/v1/vacancies?occupation_code=7411", None)
        .await;
    assert!(titles(&found).is_empty());
    let rival = employer(&app, "rival@example.kz", 900).await;
    let (status, body) = app
        .post(
            &format!("/api/v1/vacancies/{}/close", ids[0]),
            Some(&rival),
            json!({}),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "out_of_scope")
    );

    app.set_clock("2026-04-16T10:00:00+05:00").await;
    let (_, found) = app.get("/api/v1/vacancies", None).await;
    assert_eq!(
        found.as_array().unwrap().len(),
        3,
        "open through its 30th day"
    );
    app.set_clock("2026-04-17T10:00:00+05:00").await;
    let (_, found) = app.get("/api/v1/vacancies", None).await;
    assert!(found.as_array().unwrap().is_empty());
    let (_, one) = app
        .get(&format!("/api/v1/vacancies/{}", ids[0]), None)
        .await;
    assert_eq!(one["status"], "expired");
    let (status, _) = app.get("/api/v1/vacancies/no-such-id", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_employer_adds_colleagues_and_announces_a_mass_layoff_to_its_region() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "owner@example.kz", 100).await;
    app.citizen("colleague@example.kz").await;
    let add = |login: &'static str| {
        let (app, owner) = (&app, owner.clone());
        async move {
            app.post(
                "/api/v1/employers/me/members",
                Some(&owner),
                json!({ "login": login }),
            )
            .await
        }
    };
    let (status, invitation) = add("colleague@example.kz").await;
    assert_eq!(status, StatusCode::CREATED);
    let colleague = app.login("colleague@example.kz", "secret123").await;
    let (status, _) = app
        .post(
            &format!(
                "/api/v1/me/employer-invitations/{}/accept",
                invitation["id"].as_str().unwrap()
            ),
            Some(&colleague),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        add("colleague@example.kz").await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
    let (status, _) = add("nobody@example.kz").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let colleague = app.login("colleague@example.kz", "secret123").await;
    let (status, _) = app.post_vacancy(&colleague, vacancy()).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the colleague acts for the employer"
    );
    let outsider = app.citizen("outsider@example.kz").await;
    let (status, _) = app
        .post(
            "/api/v1/employers/me/members",
            Some(&outsider),
            json!({ "login": "owner@example.kz" }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let notice = json!({
        "planned_on": "2026-05-01",
        "groups": [
            { "position": "Оператор", "occupation_code": "8189", "count": 12, "qualification": "3 разряд", "salary": 180000, "categories": ["pre_pension"] },
            { "position": "Кладовщик", "count": 3 }
        ]
    });
    let (status, created) = app
        .post("/api/v1/layoff-notices", Some(&owner), notice.clone())
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["workers_count"], 15);
    assert_eq!(created["region_code"], "110000000");
    let mut past = notice.clone();
    past["planned_on"] = json!("2026-03-16");
    assert_problem(
        app.post("/api/v1/layoff-notices", Some(&owner), past).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_date",
    );
    assert_problem(
        app.post(
            "/api/v1/layoff-notices",
            Some(&owner),
            json!({ "planned_on": "2026-05-01", "groups": [] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );

    let akmola = app.officer("officer.akmola", "mc-110000000").await;
    let astana = app.officer("officer.astana", "mc-710000000").await;
    let (_, seen) = app.get("/api/v1/layoff-notices", Some(&akmola)).await;
    assert_eq!(seen.as_array().unwrap().len(), 1);
    let (_, unseen) = app.get("/api/v1/layoff-notices", Some(&astana)).await;
    assert!(unseen.as_array().unwrap().is_empty());
    let (_, own) = app.get("/api/v1/layoff-notices", Some(&owner)).await;
    assert_eq!(own.as_array().unwrap().len(), 1);
    let (status, _) = app.get("/api/v1/layoff-notices", Some(&outsider)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The kinds and channels of the caller's notifications.
async fn notices(app: &TestApp, token: &str) -> Vec<(String, String, String)> {
    let (status, list) = app.get("/api/v1/me/notifications", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["kind"].as_str().unwrap().to_string(),
                n["channel"].as_str().unwrap().to_string(),
                n["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_silent_registry_delays_the_employer_and_its_later_answer_verifies_it() {
    let app = TestApp::spawn().await;
    let token = app.citizen("waiting@example.kz").await;
    app.head_of(&token, &bin("1503", 140)).await;
    // The proof's one-time code goes out first, out of the way of the jobs counted below.
    app.run_due_jobs().await;
    app.registry_answering(false).await;
    let (status, employer) = app
        .post(
            "/api/v1/employers",
            Some(&token),
            with(
                employer_body(&bin("1503", 140)),
                json!({ "email": "hr@kokshe.kz" }),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{employer}");
    assert_eq!(employer["verification"], "pending");
    let token = app.login("waiting@example.kz", "secret123").await;
    let (status, me) = app.get("/api/v1/employers/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["verification"], "pending");

    // While pending, nothing is posted in the employer's name.
    assert_problem(
        app.post_vacancy(&token, vacancy()).await,
        StatusCode::CONFLICT,
        "employer_not_verified",
    );
    assert_problem(app
        .post(
            "/api/v1/layoff-notices",
            Some(&token),
            json!({ "planned_on": "2026-05-01", "groups": [{ "position": "Бухгалтер", "count": 2, "categories": [] }] }),
        )
        .await, StatusCode::CONFLICT, "employer_not_verified");

    // Still silent: the check waits and is retried (1 minute, then 2, …).
    assert_eq!(app.run_due_jobs().await, 0);
    app.registry_answering(true).await;
    app.set_clock("2026-03-17T10:05:00+05:00").await;
    assert!(app.run_due_jobs().await >= 1);
    let (_, me) = app.get("/api/v1/employers/me", Some(&token)).await;
    assert_eq!(me["verification"], "verified", "{me}");
    assert_eq!(me["verified_at"], "2026-03-17T05:05:00Z");
    let seen = notices(&app, &token).await;
    assert!(
        seen.iter()
            .any(|(kind, channel, _)| kind == "employer_verified" && channel == "cabinet"),
        "{seen:?}"
    );
    assert!(seen
        .iter()
        .any(|(kind, channel, _)| kind == "employer_verified" && channel == "email"));
    let (status, posted) = app.post_vacancy(&token, vacancy()).await;
    assert_eq!(status, StatusCode::CREATED, "{posted}");
}

#[tokio::test]
async fn a_registry_that_answers_late_with_a_refusal_refuses_the_employer_and_tells_the_owner() {
    let app = TestApp::spawn().await;
    let closed = bin("1503", 150);
    app.post(
        "/api/v1/dev/registry/businesses",
        Some(&app.admin),
        json!({ "bin": closed, "name": "ТОО «Жабық»", "active": false }),
    )
    .await;
    let token = app.citizen("late@example.kz").await;
    let late = app.proven_person(&token).await;
    app.registry_answering(false).await;
    let (status, employer) = app
        .post("/api/v1/employers", Some(&token), employer_body(&closed))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{employer}");
    app.registry_answering(true).await;
    app.set_clock("2026-03-17T10:05:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login("late@example.kz", "secret123").await;
    let (_, me) = app.get("/api/v1/employers/me", Some(&token)).await;
    assert_eq!(me["verification"], "refused", "{me}");
    assert_eq!(me["refusal_code"], "employer_not_in_registry");
    let seen = notices(&app, &token).await;
    let refused: Vec<_> = seen
        .iter()
        .filter(|(kind, _, _)| kind == "employer_refused")
        .collect();
    assert_eq!(refused.len(), 1, "{seen:?}");
    assert!(refused[0].2.contains("employer_not_in_registry"));
    // The same code as a refusal at once.
    assert_problem(
        app.post_vacancy(&token, vacancy()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "employer_not_in_registry",
    );
    // A second run changes nothing; the owner may register again, and the BIN is free again
    // for whoever the registry confirms.
    app.set_clock("2026-03-17T11:00:00+05:00").await;
    app.run_due_jobs().await;
    assert_eq!(
        notices(&app, &token)
            .await
            .iter()
            .filter(|(kind, _, _)| kind == "employer_refused")
            .count(),
        1
    );
    app.business(&bin("1503", 160), &late).await;
    let (status, again) = app
        .post(
            "/api/v1/employers",
            Some(&token),
            employer_body(&bin("1503", 160)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{again}");
    let other = app.citizen("reopened@example.kz").await;
    app.head_of(&other, &closed).await;
    let (status, reopened) = app
        .post("/api/v1/employers", Some(&other), employer_body(&closed))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reopened}");
    assert_eq!(reopened["id"], employer["id"]);
    assert_eq!(reopened["verification"], "verified");
}

#[tokio::test]
async fn a_late_registry_answer_naming_another_head_refuses_the_employer() {
    let app = TestApp::spawn().await;
    let company = bin("1503", 170);
    let head_account = app.citizen("head@example.kz").await;
    let head = app.proven_person(&head_account).await;
    app.business(&company, &head).await;
    let token = app.citizen("impostor@example.kz").await;
    app.proven_person(&token).await;
    app.registry_answering(false).await;
    let (status, employer) = app
        .post("/api/v1/employers", Some(&token), employer_body(&company))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{employer}");
    assert_eq!(employer["authority"], "head");
    app.registry_answering(true).await;
    app.set_clock("2026-03-17T10:05:00+05:00").await;
    app.run_due_jobs().await;
    let token = app.login("impostor@example.kz", "secret123").await;
    let (_, me) = app.get("/api/v1/employers/me", Some(&token)).await;
    assert_eq!(me["verification"], "refused", "{me}");
    assert_eq!(me["refusal_code"], "not_employer_head");

    // The head the registry records registers the company.
    let (status, employer) = app
        .post(
            "/api/v1/employers",
            Some(&head_account),
            employer_body(&company),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{employer}");
    assert_eq!(employer["verification"], "verified");
}

#[tokio::test]
async fn the_holder_of_an_organisation_certificate_registers_its_bin_without_being_its_head() {
    let app = TestApp::spawn().await;
    let company = bin("1503", 180);
    let clerk = iin("900101", 3, 180);
    let token = app.citizen("clerk@example.kz").await;
    let cert = app.test_certificate(&clerk, Some(&company)).await;
    let (status, body) = app.answer_by_signature(&token, &clerk, &cert, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, employer) = app
        .post("/api/v1/employers", Some(&token), employer_body(&company))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{employer}");
    assert_eq!(employer["authority"], "organisation_certificate");
    assert_eq!(employer["verification"], "verified");

    // Another holder of the same certificate finds the employer registered; a certificate of
    // another BIN gives no right to this one.
    let second = iin("900101", 3, 190);
    let other = app.citizen("second@example.kz").await;
    let cert = app.test_certificate(&second, Some(&company)).await;
    app.answer_by_signature(&other, &second, &cert, false).await;
    assert_problem(
        app.post("/api/v1/employers", Some(&other), employer_body(&company))
            .await,
        StatusCode::CONFLICT,
        "employer_exists",
    );
    let third = iin("900101", 3, 200);
    let outsider = app.citizen("third@example.kz").await;
    let cert = app.test_certificate(&third, Some(&bin("1503", 190))).await;
    app.answer_by_signature(&outsider, &third, &cert, false)
        .await;
    assert_problem(
        app.post(
            "/api/v1/employers",
            Some(&outsider),
            employer_body(&company),
        )
        .await,
        StatusCode::FORBIDDEN,
        "not_employer_head",
    );
}

#[tokio::test]
async fn an_employer_edits_its_own_open_vacancy_under_the_same_rules_and_lists_its_vacancies() {
    let app = TestApp::spawn().await;
    let token = employer(&app, "edit@example.kz", 821).await;
    let other = employer(&app, "edit.other@example.kz", 822).await;
    let (status, posted) = app.post_vacancy(&token, vacancy()).await;
    assert_eq!(status, StatusCode::CREATED, "{posted}");
    let path = format!("/api/v1/vacancies/{}", posted["id"].as_str().unwrap());
    let put = |token: &str, body: Value| {
        let token = token.to_string();
        let app = &app;
        let path = path.clone();
        async move {
            app.call(reqwest::Method::PUT, &path, Some(&token), Some(body))
                .await
        }
    };

    // The rules of a new vacancy (214 p.66), and only the vacancy's own employer.
    assert_problem(
        put(
            &token,
            with(vacancy(), json!({ "salary_from": 1000, "salary_to": null })),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "below_minimum_wage",
    );
    assert_problem(
        put(&other, vacancy()).await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    let (status, edited) = put(
        &token,
        with(
            vacancy(),
            json!({ "title": "Главный бухгалтер", "positions": 3 }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["title"], "Главный бухгалтер");
    assert_eq!(edited["positions_open"], 3);
    assert_eq!(
        edited["posted_at"], posted["posted_at"],
        "the day it was posted stays"
    );
    assert_eq!(
        edited["valid_until"], posted["valid_until"],
        "its term stays"
    );

    let (status, mine) = app
        .get("/api/v1/employers/me/vacancies", Some(&token))
        .await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(strings(&mine, "title"), ["Главный бухгалтер"]);
    let (_, theirs) = app
        .get("/api/v1/employers/me/vacancies", Some(&other))
        .await;
    assert_eq!(theirs, json!([]));

    // A closed vacancy is not edited.
    let (status, _) = app
        .post(&format!("{path}/close"), Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_problem(
        put(&token, vacancy()).await,
        StatusCode::CONFLICT,
        "invalid_state",
    );
}
