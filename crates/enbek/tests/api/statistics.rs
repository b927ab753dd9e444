//! The labour market's statistics (`getLaborMarketStatistics`): months of local time, bounded;
//! an officer's region wall; counts from registrations, offers and the service monitoring.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::steps::*;
use crate::world;

const AKMOLA: &str = "110000000";
const ASTANA: &str = "710000000";

fn months<'a>(stats: &'a Value, region: &str) -> &'a Vec<Value> {
    stats["regions"]
        .as_array()
        .and_then(|regions| regions.iter().find(|r| r["region_code"] == region))
        .and_then(|r| r["months"].as_array())
        .unwrap_or_else(|| panic!("no months of {region} in {stats}"))
}

async fn statistics(app: &TestApp, token: &str, query: &str) -> (StatusCode, Value) {
    app.get(&format!("/api/v1/statistics?{query}"), Some(token))
        .await
}

/// An application handed in at the desk at 23:59 on the last day of March (local time) counts
/// in March; one a minute later, at midnight of 1 April, in April.
#[tokio::test]
async fn a_month_ends_at_local_midnight() {
    let app = TestApp::spawn().await;
    app.specialist("spec.kokshetau", CENTER).await;
    app.officer("officer.akmola", "mc-110000000").await;
    let march = iin("880412", 3, 8100);
    let april = iin("900215", 4, 8200);
    app.registry_person(&march, json!({})).await;
    app.registry_person(&april, json!({})).await;

    app.set_clock("2026-03-31T23:59:00+05:00").await;
    let specialist = app.login("spec.kokshetau", STAFF_PASSWORD).await;
    let (status, reg) = app.desk(&specialist, application(&march, CENTER)).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    app.set_clock("2026-04-01T00:00:00+05:00").await;
    let (status, reg) = app.desk(&specialist, application(&april, CENTER)).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");

    let officer = app.login("officer.akmola", STAFF_PASSWORD).await;
    let (status, stats) = statistics(&app, &officer, "from=2026-03&to=2026-04").await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(stats["from"], "2026-03");
    assert_eq!(stats["to"], "2026-04");
    assert_eq!(
        stats["regions"].as_array().map(Vec::len),
        Some(1),
        "{stats}"
    );
    let m = months(&stats, AKMOLA);
    assert_eq!(m.len(), 2);
    assert_eq!(m[0]["month"], "2026-03");
    assert_eq!(m[0]["applications_received"], 1, "{stats}");
    assert_eq!(m[0]["registered_job_seekers"], 1, "{stats}");
    assert_eq!(m[1]["month"], "2026-04");
    assert_eq!(m[1]["applications_received"], 1, "{stats}");
    assert_eq!(m[1]["registered_job_seekers"], 1, "{stats}");
    // Only the months asked for count.
    let (_, april_only) = statistics(&app, &officer, "from=2026-04&to=2026-04").await;
    assert_eq!(months(&april_only, AKMOLA)[0]["applications_received"], 1);
    let (_, february) = statistics(&app, &officer, "from=2026-02&to=2026-02").await;
    assert_eq!(months(&february, AKMOLA)[0]["applications_received"], 0);
}

/// The months must be `YYYY-MM`, in order, at most 36 of them.
#[tokio::test]
async fn the_period_is_checked() {
    let app = TestApp::spawn().await;
    let ministry = app.staff("ministry", "ministry_officer", None).await;
    for (query, problem) in [
        ("from=2026-3&to=2026-04", "invalid_date"),
        ("from=2026-13&to=2026-12", "invalid_date"),
        ("from=2026-03-01&to=2026-04", "invalid_date"),
        ("from=2026-05&to=2026-04", "invalid_date"),
        ("from=2024-01&to=2027-01", "period_too_long"),
    ] {
        assert_problem(
            statistics(&app, &ministry, query).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            problem,
        );
    }
    let (status, stats) = statistics(&app, &ministry, "from=2024-01&to=2026-12").await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(months(&stats, AKMOLA).len(), 36);
    assert_problem(
        statistics(
            &app,
            &ministry,
            "from=2026-03&to=2026-03&region_code=999000000",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_value",
    );
}

/// An officer sees their region only; the ministry every region, or one; the world's
/// registrations, unemployed, offers and services counted in March; no personal data.
#[tokio::test]
async fn the_officer_sees_their_region_and_the_ministry_all() {
    let app = TestApp::spawn().await;
    let w = world::world(&app).await;
    let officer = w.token("officer").expect("the officer");
    let ministry = w.token("ministry").expect("the ministry");

    assert_problem(
        statistics(
            &app,
            officer,
            &format!("from=2026-03&to=2026-03&region_code={ASTANA}"),
        )
        .await,
        StatusCode::FORBIDDEN,
        "out_of_scope",
    );
    let (status, own) = statistics(
        &app,
        officer,
        &format!("from=2026-03&to=2026-03&region_code={AKMOLA}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{own}");
    let march = &months(&own, AKMOLA)[0];
    assert_eq!(march["applications_received"], 2, "{own}");
    assert_eq!(march["registered_job_seekers"], 2, "{own}");
    assert_eq!(march["registered_unemployed"], 2, "{own}");
    assert_eq!(march["unemployed_at_month_end"], 2, "{own}");
    assert!(march["offers_made"].as_i64() >= Some(1), "{own}");
    assert!(march["offers_accepted"].as_i64() >= Some(1), "{own}");
    // The services' terms are the monitoring's, every monitored service of the month together.
    let (mut within, mut late) = (0, 0);
    for service in [
        "job_seeker_registration",
        "unemployed_registration",
        "active_measure_referral",
    ] {
        let path = format!("/api/v1/monitoring/services/{service}?from=2026-03-01&to=2026-03-31");
        let (status, summary) = app.get(&path, Some(officer)).await;
        assert_eq!(status, StatusCode::OK, "{summary}");
        within += summary["within_term"].as_i64().unwrap();
        late += summary["late"].as_i64().unwrap();
    }
    assert!(within > 0, "{own}");
    assert_eq!(march["services_within_term"], within, "{own}");
    assert_eq!(march["services_late"], late, "{own}");
    let text = own.to_string();
    for secret in [w.id("citizen_iin"), w.id("other_iin"), w.id("person")] {
        assert!(!text.contains(secret), "{own}");
    }

    let (status, all) = statistics(&app, ministry, "from=2026-02&to=2026-03").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    assert!(all["regions"].as_array().map(Vec::len) > Some(10), "{all}");
    assert_eq!(months(&all, AKMOLA)[1], *march);
    assert_eq!(months(&all, AKMOLA)[0]["applications_received"], 0);
    assert_eq!(months(&all, ASTANA)[1]["applications_received"], 0);
    let (status, astana) = statistics(
        &app,
        ministry,
        &format!("from=2026-03&to=2026-03&region_code={ASTANA}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{astana}");
    assert_eq!(astana["regions"].as_array().map(Vec::len), Some(1));

    for role in ["citizen", "employer", "specialist", "assistant"] {
        let (status, _) = statistics(
            &app,
            w.token(role).unwrap_or_default(),
            "from=2026-03&to=2026-03",
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
    }

    // In April the employer hires the citizen through the offer, and the other citizen is
    // deregistered as employed (contributions paid): both count in April, and March's
    // unemployed at its end are still the two.
    app.set_clock("2026-04-02T10:00:00+05:00").await;
    let employer = w.actor("employer");
    let employer = app.login(&employer.login, &employer.password).await;
    let decision = format!(
        "/api/v1/vacancies/{}/candidates/{}/decision",
        w.id("vacancy"),
        w.id("offer")
    );
    let (status, hired) = app
        .post(&decision, Some(&employer), json!({ "decision": "hired" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{hired}");
    let officer = app.login("officer.akmola", STAFF_PASSWORD).await;
    let ground = json!({ "registration_id": w.id("other_registration"), "ground_code": "contributions_received" });
    let (status, ended) = app
        .post("/api/v1/deregistrations", Some(&officer), ground)
        .await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    let (_, later) = statistics(&app, &officer, "from=2026-03&to=2026-04").await;
    let [march, april] = &months(&later, AKMOLA)[..] else {
        panic!("two months: {later}");
    };
    assert_eq!(march["unemployed_at_month_end"], 2, "{later}");
    assert_eq!(march["placed_by_offer"], 0, "{later}");
    assert_eq!(april["unemployed_at_month_end"], 0, "{later}");
    assert_eq!(april["registered_unemployed"], 0, "{later}");
    assert_eq!(april["placed_by_offer"], 1, "{later}");
    assert_eq!(april["placed_by_contributions"], 1, "{later}");
}

/// 206 p.28: with a staff listener, the statistics and the dashboards are served there only.
#[tokio::test]
async fn the_statistics_stay_off_the_public_address() {
    let db = TestDb::new().await;
    let mut args = serve_args(&db.url);
    args.staff_listen = Some("127.0.0.1:0".parse().unwrap());
    let running = enbek::app::start(args).await.expect("the server starts");
    let public = format!("http://{}", running.addr);
    let staff = format!("http://{}", running.staff_addr.expect("a staff address"));
    let client = reqwest::Client::new();
    for path in [
        "/api/v1/statistics?from=2026-03&to=2026-03",
        "/dashboards",
        "/dashboards/statistics.csv",
        "/dashboards/layoffs",
        "/dashboards/subsidised",
    ] {
        let on_public = client.get(format!("{public}{path}")).send().await.unwrap();
        assert_eq!(on_public.status(), StatusCode::NOT_FOUND, "{path}");
        let on_staff = client.get(format!("{staff}{path}")).send().await.unwrap();
        assert_eq!(on_staff.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    running.server.abort();
    running.worker.abort();
}
