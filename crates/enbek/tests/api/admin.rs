//! The administrator's operations: the staff accounts' list (`listStaffAccounts`) and the
//! localities import (`importLocalities`).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

impl TestApp {
    /// A page of the staff accounts as `token` sees it, with the X-Total-Count.
    async fn staff_list(&self, token: &str, query: &str) -> (StatusCode, Value, Option<i64>) {
        let answer = self
            .client
            .get(format!("{}/api/v1/staff-accounts{query}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let total = answer
            .headers()
            .get("x-total-count")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        (status, answer.json().await.unwrap_or(Value::Null), total)
    }
}

fn logins(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["login"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn the_administrator_lists_staff_accounts_filtered_and_paged_without_personal_data() {
    let app = TestApp::spawn().await;
    let specialist = app
        .staff(
            "spec.kokshetau",
            "career_center_specialist",
            Some("cc-kokshetau"),
        )
        .await;
    app.staff(
        "spec.astana",
        "career_center_specialist",
        Some("cc-astana-saryarka"),
    )
    .await;
    app.staff(
        "officer.akmola",
        "mobility_center_officer",
        Some("mc-110000000"),
    )
    .await;
    app.staff("ministry.one", "ministry_officer", None).await;
    let citizen = app.citizen("someone@example.kz").await;

    // Only the administrator.
    for token in [&specialist, &citizen] {
        let (status, _, _) = app.staff_list(token, "").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = app.get("/api/v1/staff-accounts", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Every staff account, no citizen; login, role, organisation and creation only.
    let (status, all, total) = app.staff_list(&app.admin, "").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let found = logins(&all);
    for login in [
        "spec.kokshetau",
        "spec.astana",
        "officer.akmola",
        "ministry.one",
    ] {
        assert!(found.contains(&login.to_string()), "{login} in {found:?}");
    }
    assert!(!found.contains(&"someone@example.kz".to_string()));
    assert_eq!(total, Some(found.len() as i64));
    let first = all[0].as_object().unwrap();
    let mut fields: Vec<&str> = first.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["created_at", "id", "login", "organization_id", "role"]
    );

    // By role, by organisation, by region.
    let (_, specialists, total) = app
        .staff_list(&app.admin, "?role=career_center_specialist")
        .await;
    assert_eq!(logins(&specialists).len(), 2);
    assert_eq!(total, Some(2));
    let (_, kokshetau, _) = app
        .staff_list(&app.admin, "?organization_id=cc-kokshetau")
        .await;
    assert_eq!(logins(&kokshetau), ["spec.kokshetau"]);
    assert_eq!(kokshetau[0]["role"], "career_center_specialist");
    let (_, akmola, _) = app.staff_list(&app.admin, "?region_code=110000000").await;
    let mut akmola = logins(&akmola);
    akmola.sort();
    assert_eq!(akmola, ["officer.akmola", "spec.kokshetau"]);

    // Paged: one a page, the total kept.
    let (_, page1, total) = app
        .staff_list(&app.admin, "?role=career_center_specialist&per_page=1")
        .await;
    let (_, page2, _) = app
        .staff_list(
            &app.admin,
            "?role=career_center_specialist&per_page=1&page=2",
        )
        .await;
    assert_eq!(total, Some(2));
    assert_eq!(logins(&page1).len(), 1);
    assert_eq!(logins(&page2).len(), 1);
    assert_ne!(logins(&page1), logins(&page2));

    // A role that is not a staff role, a page out of range.
    for query in ["?role=citizen", "?role=chief", "?per_page=1000", "?page=0"] {
        let (status, body, _) = app.staff_list(&app.admin, query).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(code(&body), "invalid_value", "{query}");
    }
}

#[tokio::test]
async fn localities_are_imported_all_or_nothing_and_count_for_the_territory_checks() {
    let app = TestApp::spawn().await;
    let header = "code,name_kk,name_ru,name_en,latitude,longitude\n";
    let good = format!(
        "{header}111045100,Жаңа ауыл,Новый аул,Zhana Aul,53.10,69.50\n\
         111045200,Екінші ауыл,Второй аул,,53.20,69.60\n"
    );
    let specialist = app
        .staff(
            "spec.localities",
            "career_center_specialist",
            Some("cc-kokshetau"),
        )
        .await;
    let (status, _) = app
        .upload("/api/v1/localities/import", &specialist, &good)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // One wrong line refuses the whole file and is named; nothing is written.
    for (bad, line) in [
        (format!("{good}11104530,Қысқа,Короткий,,53.0,69.0\n"), 4),
        (format!("{good}111045300,Теңіз,Море,,95.0,69.0\n"), 4),
        (format!("{header}111045400,,Без имени,,53.0,69.0\n"), 2),
        (format!("{header}111045400,Ауыл,Аул,,north,69.0\n"), 2),
    ] {
        let (status, body) = app
            .upload("/api/v1/localities/import", &app.admin, &bad)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!((code(&body), &body["line"]), ("invalid_csv", &json!(line)));
    }
    assert!(!locality_known(&app, "111045100").await, "nothing written");

    let (status, body) = app
        .upload("/api/v1/localities/import", &app.admin, &good)
        .await;
    assert_eq!((status, &body["imported"]), (StatusCode::OK, &json!(2)));
    assert!(locality_known(&app, "111045100").await);
    assert!(locality_known(&app, "111045200").await);
    // Imported again, the same rows are kept once.
    let (status, body) = app
        .upload("/api/v1/localities/import", &app.admin, &good)
        .await;
    assert_eq!((status, &body["imported"]), (StatusCode::OK, &json!(2)));
}

/// Whether the territory check takes the locality as one the reference data know.
async fn locality_known(app: &TestApp, code: &str) -> bool {
    enbek::reference::service::reference::check_locality(&app.running.state, "locality_code", code)
        .await
        .is_ok()
}
