//! Rows decoded into domain types at the store's edge: a column's value outside its type is a
//! decode error naming the column and the value, NULL is `None` only where the type allows it,
//! and a status filter the domain does not know matches no registration.

use chrono::{NaiveDate, TimeZone, Utc};
use enbek::platform::db::{Column, Db, Json};
use enbek_domain::ids::Sex;
use enbek_domain::mediation::vacancy::WorkRegime;
use enbek_domain::registration::Status;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::any::AnyRow;

use crate::helpers::*;
use crate::steps::*;

/// A migrated database, with the guard that removes it when dropped.
async fn db() -> (TestDb, Db) {
    let test_db = TestDb::new().await;
    let db = Db::connect(&test_db.url)
        .await
        .expect("connect and migrate");
    (test_db, db)
}

/// One row of literal values (`SELECT … AS v`), typed as the tables type them (text, bigint) so
/// that both engines answer alike.
async fn row(db: &Db, select: &str) -> AnyRow {
    sqlx::query(&format!("SELECT {select}"))
        .fetch_one(&db.pool)
        .await
        .expect("a row")
}

fn message(e: sqlx::Error) -> String {
    e.to_string()
}

#[tokio::test]
async fn an_enumerated_column_reads_its_codes_and_refuses_any_other() {
    let (_guard, db) = db().await;
    let r = row(
        &db,
        "CAST('job_seeker' AS TEXT) AS v, CAST('Job_seeker' AS TEXT) AS w, CAST(NULL AS TEXT) AS n, \
         CAST('male' AS TEXT) AS s, CAST('remote' AS TEXT) AS x",
    )
    .await;
    assert_eq!(Status::read(&r, "v").unwrap(), Status::JobSeeker);
    assert_eq!(Sex::read(&r, "s").unwrap(), Sex::Male);
    assert_eq!(WorkRegime::read(&r, "x").unwrap(), WorkRegime::Remote);
    let unknown = message(Status::read(&r, "w").unwrap_err());
    assert!(unknown.contains(r#"unknown w "Job_seeker""#), "{unknown}");
    assert_eq!(Option::<Status>::read(&r, "n").unwrap(), None);
    assert_eq!(
        Option::<Status>::read(&r, "v").unwrap(),
        Some(Status::JobSeeker)
    );
    assert!(
        Option::<Status>::read(&r, "w").is_err(),
        "an optional column's unknown value is an error, not None"
    );
    assert!(Status::read(&r, "n").is_err(), "NULL in a required column");
    assert!(Status::read(&r, "absent").is_err(), "no such column");
}

#[tokio::test]
async fn instants_days_flags_and_counts_read_as_stored() {
    let (_guard, db) = db().await;
    let r = row(
        &db,
        "CAST('2026-03-17T04:05:06.000007Z' AS TEXT) AS at, CAST('2026-03-17' AS TEXT) AS d, \
         CAST('2026-02-30' AS TEXT) AS bad_d, CAST(1 AS BIGINT) AS yes, CAST(0 AS BIGINT) AS no, \
         CAST(4294967295 AS BIGINT) AS max_u32, CAST(4294967296 AS BIGINT) AS over_u32, \
         CAST(-1 AS BIGINT) AS negative, CAST(NULL AS BIGINT) AS n",
    )
    .await;
    assert_eq!(
        chrono::DateTime::<Utc>::read(&r, "at").unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 17, 4, 5, 6).unwrap() + chrono::Duration::microseconds(7)
    );
    assert_eq!(
        NaiveDate::read(&r, "d").unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 17).unwrap()
    );
    assert!(NaiveDate::read(&r, "bad_d").is_err());
    assert!(bool::read(&r, "yes").unwrap());
    assert!(!bool::read(&r, "no").unwrap());
    assert_eq!(Option::<bool>::read(&r, "n").unwrap(), None);
    assert_eq!(u32::read(&r, "max_u32").unwrap(), u32::MAX);
    assert!(u32::read(&r, "over_u32").is_err());
    assert_eq!(u64::read(&r, "over_u32").unwrap(), 4_294_967_296);
    assert!(u64::read(&r, "negative").is_err());
    assert_eq!(Option::<u32>::read(&r, "n").unwrap(), None);
}

#[tokio::test]
async fn a_json_column_reads_its_value_and_refuses_text_that_is_not_json() {
    let (_guard, db) = db().await;
    let r = row(
        &db,
        r#"CAST('["a","b"]' AS TEXT) AS list, CAST('["a",' AS TEXT) AS broken"#,
    )
    .await;
    let Json(list) = Json::<Vec<String>>::read(&r, "list").unwrap();
    assert_eq!(list, ["a", "b"]);
    assert!(Json::<Vec<String>>::read(&r, "broken").is_err());
    assert!(Json::<serde_json::Value>::read(&r, "broken").is_err());
}

#[tokio::test]
async fn a_status_filter_the_domain_does_not_know_lists_no_registration() {
    let app = TestApp::spawn().await;
    let specialist = app.specialist("spec.rows", CENTER).await;
    let iin = iin("871008", 3, 6100);
    app.registry_person(&iin, json!({})).await;
    let (status, reg) = app.desk(&specialist, application(&iin, CENTER)).await;
    assert_eq!(status, StatusCode::CREATED, "{reg}");
    assert_eq!(reg["status"], "job_seeker");

    let listed = |queue: &serde_json::Value| {
        queue
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == reg["id"])
    };
    let (status, all) = app
        .get("/api/v1/career-center/registrations", Some(&specialist))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(listed(&all), "{all}");
    let (status, known) = app
        .get(
            "/api/v1/career-center/registrations?status=job_seeker",
            Some(&specialist),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(listed(&known), "{known}");
    let (status, other) = app
        .get(
            "/api/v1/career-center/registrations?status=unemployed",
            Some(&specialist),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!listed(&other), "{other}");
    for unknown in ["job_seekers", "Job_seeker", ""] {
        let (status, none) = app
            .get(
                &format!("/api/v1/career-center/registrations?status={unknown}"),
                Some(&specialist),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{unknown:?}");
        assert_eq!(none, json!([]), "{unknown:?}");
    }
}
