//! The CHECK constraints on enumerated columns (migrations 0017, 0018, 0019, 0029, 0030): the database refuses a value
//! outside the closed set on both engines, and the sets in the migration are the code's.

use std::collections::{BTreeMap, BTreeSet};

use enbek::platform::db::Db;
use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::delivery::{DeliveryStatus, Destination, NoticeChannel};
use enbek_domain::ids::Sex;
use enbek_domain::measures::eligibility::Category as MeasureCategory;
use enbek_domain::measures::participation::{Ending, Stage as ReferralStage};
use enbek_domain::measures::referral::{ActiveMeasure, ReferralRefusal};
use enbek_domain::measures::subsidised::Measure;
use enbek_domain::mediation::employer::{Authority, EmployerKind, InvitationStatus, Verification};
use enbek_domain::mediation::offer::OfferStatus;
use enbek_domain::mediation::vacancy::{EducationLevel, EmploymentType, VacancyStatus, WorkRegime};
use enbek_domain::monitoring::{Service, Stage};
use enbek_domain::reference::calendar::DayKind;
use enbek_domain::registration::category::Category;
use enbek_domain::registration::jobloss::ApplicationStatus;
use enbek_domain::registration::plan::{Action, ItemKind};
use enbek_domain::registration::unemployment::{
    Circumstance, CircumstanceSource, Deregistration, UnemployedRefusal,
};
use enbek_domain::registration::{Channel, Refusal, Status};

use crate::helpers::TestDb;

const MIGRATIONS: [&str; 5] = [
    include_str!("../../migrations/0017_checks.sql"),
    include_str!("../../migrations/0018_authority_check.sql"),
    include_str!("../../migrations/0019_grounds.sql"),
    include_str!("../../migrations/0029_active_measures.sql"),
    include_str!("../../migrations/0030_education_organizations.sql"),
];

/// `table.column` → the values its CHECK admits, read from the migrations.
fn checked_sets() -> BTreeMap<String, BTreeSet<String>> {
    let mut sets = BTreeMap::new();
    let sql: String = MIGRATIONS
        .iter()
        .flat_map(|m| m.lines())
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ");
    for statement in sql.split("ALTER TABLE ").skip(1) {
        let table = statement.split_whitespace().next().unwrap();
        for check in statement.split("CHECK (").skip(1) {
            let column = check.split_whitespace().next().unwrap();
            let list = check.split(')').next().unwrap();
            let values = list
                .split('\'')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            sets.insert(format!("{table}.{column}"), values);
        }
    }
    sets
}

fn set<'a>(values: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    values.into_iter().map(str::to_string).collect()
}

#[test]
fn the_checked_sets_are_the_codes_of_the_domain() {
    let sets = checked_sets();
    let expect = |column: &str, values: BTreeSet<String>| {
        assert_eq!(sets.get(column), Some(&values), "{column}");
    };
    expect("registrations.status", set(Status::ALL.map(Status::as_str)));
    expect(
        "registrations.channel",
        set([
            Channel::Portal,
            Channel::InPerson,
            Channel::Assistant,
            Channel::Egov,
        ]
        .map(Channel::as_str)),
    );
    let refusals = Refusal::ALL
        .map(Refusal::code)
        .into_iter()
        .chain(UnemployedRefusal::ALL.map(UnemployedRefusal::code));
    expect("registrations.refusal_code", set(refusals));
    expect(
        "registrations.deregistration_code",
        set(Deregistration::ALL.map(Deregistration::code)),
    );
    expect("account_roles.role", set(Role::ALL.map(Role::as_str)));
    expect("calendar_days.kind", set(DayKind::ALL.map(DayKind::as_str)));
    expect(
        "circumstances.kind",
        set(Circumstance::ALL.map(Circumstance::code)),
    );
    expect("plan_items.action", set(Action::ALL.map(Action::code)));
    expect(
        "subsidised_applications.measure",
        set(Measure::ALL.map(Measure::code)),
    );
    let regimes = set(WorkRegime::ALL.iter().map(|w| w.code()));
    let levels = set(EducationLevel::ALL.iter().map(|e| e.code()));
    expect("vacancies.work_regime", regimes.clone());
    expect("resumes.work_regime", regimes.clone());
    expect("saved_searches.work_regime", regimes);
    expect("vacancies.education_level", levels.clone());
    expect("resumes.education_level", levels);
    expect(
        "vacancies.employment_type",
        set(EmploymentType::ALL.iter().map(|e| e.code())),
    );
    expect(
        "vacancies.status",
        set(VacancyStatus::ALL.map(VacancyStatus::as_str)),
    );
    expect(
        "offers.status",
        set(OfferStatus::ALL.map(OfferStatus::as_str)),
    );
    expect(
        "jobloss_applications.status",
        set(ApplicationStatus::ALL.map(ApplicationStatus::as_str)),
    );
    let stages = set(Stage::ALL.map(Stage::as_str));
    expect("service_requests.stage", stages.clone());
    expect("service_request_stages.stage", stages);
    expect(
        "service_requests.service",
        set(Service::ALL.map(Service::as_str)),
    );
    let deliveries = set(DeliveryStatus::ALL.map(DeliveryStatus::as_str));
    expect("notifications.status", deliveries.clone());
    expect(
        "notifications.channel",
        set(NoticeChannel::ALL.map(NoticeChannel::as_str)),
    );
    expect("outbound_messages.status", deliveries);
    expect(
        "outbound_messages.destination",
        set(Destination::ALL.map(Destination::as_str)),
    );
    expect("plan_items.item", set(ItemKind::ALL.map(ItemKind::as_str)));
    expect(
        "employers.kind",
        set(EmployerKind::ALL.map(EmployerKind::as_str)),
    );
    expect(
        "employers.verification",
        set(Verification::ALL.map(Verification::as_str)),
    );
    expect(
        "employer_invitations.status",
        set(InvitationStatus::ALL.map(InvitationStatus::as_str)),
    );
    expect(
        "circumstances.source",
        set(CircumstanceSource::ALL.map(CircumstanceSource::as_str)),
    );
    let measures = set(ActiveMeasure::ALL.map(ActiveMeasure::code));
    expect("measure_places.measure", measures.clone());
    expect("measure_referrals.measure", measures);
    expect(
        "measure_referrals.stage",
        set(ReferralStage::ALL.map(ReferralStage::code)),
    );
    expect(
        "measure_referrals.category",
        set(MeasureCategory::ALL.map(MeasureCategory::code)),
    );
    expect(
        "measure_referrals.ending",
        set(Ending::ALL.map(Ending::code)),
    );
    expect(
        "measure_referrals.refusal_code",
        set(ReferralRefusal::ALL.map(ReferralRefusal::code)),
    );
    expect(
        "measure_referrals.channel",
        set([
            Channel::Portal,
            Channel::InPerson,
            Channel::Assistant,
            Channel::Egov,
        ]
        .map(Channel::as_str)),
    );
    // Enumerations without a list of all their values: every checked value is one of theirs.
    let parses = |column: &str, parse: &dyn Fn(&str) -> bool, count: usize| {
        let values = &sets[column];
        assert_eq!(values.len(), count, "{column}");
        assert!(values.iter().all(|v| parse(v)), "{column}: {values:?}");
    };
    parses("organizations.kind", &|v| OrgKind::parse(v).is_some(), 4);
    parses("persons.category", &|v| Category::parse(v).is_some(), 3);
    parses("persons.sex", &|v| Sex::parse(v).is_some(), 2);
    parses("employers.authority", &|v| Authority::parse(v).is_some(), 3);
    parses(
        "notifications.lang",
        &|v| enbek::platform::http::lang::Lang::parse(v).is_some(),
        3,
    );
    parses(
        "accounts.locale",
        &|v| enbek::platform::http::lang::Lang::parse(v).is_some(),
        3,
    );
}

/// A registration row with every required column, in the given status.
async fn insert_registration(db: &Db, id: &str, status: &str) -> Result<(), sqlx::Error> {
    let now = enbek::platform::db::ts(chrono::Utc::now());
    sqlx::query(
        "INSERT INTO registrations (id, iin, career_center_id, channel, status, active, submitted_at,
            received_at, due_at, application, created_at, updated_at)
         VALUES ($1, $2, 'cc-test', 'portal', $3, 0, $4, $4, $4, '{}', $4, $4)",
    )
    .bind(id)
    .bind(format!("8710084014{}", id.len()))
    .bind(status)
    .bind(now)
    .execute(&db.pool)
    .await
    .map(|_| ())
}

#[tokio::test]
async fn the_database_refuses_an_unknown_status_on_insert_and_on_update() {
    let test_db = TestDb::new().await;
    let db = Db::connect(&test_db.url)
        .await
        .expect("connect and migrate");

    insert_registration(&db, "r-known", "closed")
        .await
        .expect("a known status is stored");
    let refused = insert_registration(&db, "r-unknown", "approved").await;
    assert!(
        matches!(refused, Err(sqlx::Error::Database(_))),
        "{refused:?}"
    );

    let update = sqlx::query("UPDATE registrations SET status = 'approved' WHERE id = 'r-known'")
        .execute(&db.pool)
        .await;
    assert!(
        matches!(update, Err(sqlx::Error::Database(_))),
        "{update:?}"
    );
    let update = sqlx::query("UPDATE registrations SET channel = 'fax' WHERE id = 'r-known'")
        .execute(&db.pool)
        .await;
    assert!(
        matches!(update, Err(sqlx::Error::Database(_))),
        "{update:?}"
    );
    // An optional code stays optional; a wrong one is refused.
    sqlx::query("UPDATE registrations SET refusal_code = NULL, deregistration_code = 'no_show' WHERE id = 'r-known'")
        .execute(&db.pool)
        .await
        .expect("NULL and a known code pass");
    let update =
        sqlx::query("UPDATE registrations SET deregistration_code = 'bored' WHERE id = 'r-known'")
            .execute(&db.pool)
            .await;
    assert!(
        matches!(update, Err(sqlx::Error::Database(_))),
        "{update:?}"
    );

    let status: String =
        sqlx::query_scalar("SELECT status FROM registrations WHERE id = 'r-known'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(status, "closed");
    db.pool.close().await;
}
