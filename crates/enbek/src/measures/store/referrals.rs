//! Applications for referrals and the referrals they become (Order 129), through every channel.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::measures::eligibility::Category;
use enbek_domain::measures::participation::{Ending, Stage};
use enbek_domain::measures::referral::ActiveMeasure;
use enbek_domain::registration::Channel;
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use crate::platform::db::{day, ts, Row, RowExt, Tx};

/// What an application carries beside its columns: the family members who move with the person
/// (resettlement) and the documents the desk checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Details {
    /// Both consents of 129 App.1 given: to collect and process personal data, and to use the
    /// data protected by law held in information systems.
    #[serde(default)]
    pub consents: bool,
    /// Resettlement: each family member who moves with the person.
    #[serde(default)]
    pub family: Vec<FamilyMember>,
    /// At the desk: each document of the checklist and how it stood (`valid`, `expired`,
    /// `missing`).
    #[serde(default)]
    pub documents: Vec<(String, String)>,
    /// Resettlement: the regional commission's decision on the person (129 App.11).
    #[serde(default)]
    pub commission: Option<Commission>,
}

/// The regional commission's decision on a person's resettlement (129 App.11; a negative one is
/// the ground of 129 App.2 p.9(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Commission {
    pub approved: bool,
    pub number: String,
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FamilyMember {
    /// The relation to the applicant (`spouse`, `child`, `parent`, `sibling`, `other`).
    pub relation: String,
    pub full_name: String,
}

/// What the tear-off notice said, as returned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TearOffNotice {
    /// Enrolled, hired or settled; false when the organisation did not take the person.
    pub taken: bool,
    /// The enrolment or hiring order (129 App.4, App.5, App.8), or the social contract's order
    /// (129 App.11).
    pub order_number: Option<String>,
    pub order_date: Option<NaiveDate>,
    /// The labour contract (129 App.8) or the social contract (129 App.11).
    pub contract_number: Option<String>,
    pub contract_date: Option<NaiveDate>,
    /// The participation's period as the notice gives it.
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Resettlement: `housing`, `service_housing`, `dormitory` or `rent_subsidy`.
    pub housing: Option<String>,
    /// Why the person was not taken.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Row)]
pub struct Referral {
    pub id: String,
    pub iin: String,
    pub account_id: Option<String>,
    pub registration_id: Option<String>,
    pub career_center_id: String,
    pub region_code: String,
    pub channel: Channel,
    pub measure: ActiveMeasure,
    pub place_id: Option<String>,
    pub category: Option<Category>,
    pub stage: Stage,
    pub refusal_code: Option<String>,
    pub refusal_detail: Option<String>,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub number: Option<String>,
    pub document_id: Option<String>,
    pub application_document_id: Option<String>,
    pub tear_off_due_at: Option<DateTime<Utc>>,
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_by: Option<String>,
    #[row(json)]
    pub tear_off: Option<TearOffNotice>,
    pub ended_on: Option<NaiveDate>,
    pub ended_at: Option<DateTime<Utc>>,
    pub ending: Option<Ending>,
    pub good_reason: Option<bool>,
    #[row(json)]
    pub data: Details,
}

fn json<T: Serialize>(v: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub async fn insert(tx: &mut Tx, r: &Referral) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO measure_referrals (id, iin, account_id, registration_id, career_center_id, region_code,
           channel, measure, place_id, category, stage, refusal_code, refusal_detail, submitted_by,
           submitted_at, received_at, due_at, decided_at, number, document_id, application_document_id,
           tear_off_due_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
    )
    .bind(&r.id)
    .bind(&r.iin)
    .bind(&r.account_id)
    .bind(&r.registration_id)
    .bind(&r.career_center_id)
    .bind(&r.region_code)
    .bind(r.channel.as_str())
    .bind(r.measure.code())
    .bind(&r.place_id)
    .bind(r.category.map(Category::code))
    .bind(r.stage.code())
    .bind(&r.refusal_code)
    .bind(&r.refusal_detail)
    .bind(&r.submitted_by)
    .bind(ts(r.submitted_at))
    .bind(ts(r.received_at))
    .bind(ts(r.due_at))
    .bind(r.decided_at.map(ts))
    .bind(&r.number)
    .bind(&r.document_id)
    .bind(&r.application_document_id)
    .bind(r.tear_off_due_at.map(ts))
    .bind(json(&r.data)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a decision on a pending application: its stage, category, ground, number, documents
/// and the tear-off's term; false when it was no longer pending.
pub async fn decide(tx: &mut Tx, r: &Referral) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE measure_referrals SET stage = $1, category = $2, refusal_code = $3, refusal_detail = $4,
           decided_at = $5, number = $6, document_id = $7, tear_off_due_at = $8, registration_id = $9,
           application_document_id = $11
         WHERE id = $10 AND stage = 'pending'",
    )
    .bind(r.stage.code())
    .bind(r.category.map(Category::code))
    .bind(&r.refusal_code)
    .bind(&r.refusal_detail)
    .bind(r.decided_at.map(ts))
    .bind(&r.number)
    .bind(&r.document_id)
    .bind(r.tear_off_due_at.map(ts))
    .bind(&r.registration_id)
    .bind(&r.id)
    .bind(&r.application_document_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The document an application gave at once (the receipt of 129 App.3) and its number.
pub async fn set_document(
    tx: &mut Tx,
    id: &str,
    document_id: &str,
    number: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE measure_referrals SET document_id = $1, number = $2 WHERE id = $3")
        .bind(document_id)
        .bind(number)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the regional commission's decision on a pending resettlement application.
pub async fn set_data(tx: &mut Tx, id: &str, data: &Details) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE measure_referrals SET data = $1 WHERE id = $2 AND stage = 'pending'")
            .bind(json(data)?)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the tear-off notice of a referral still waiting for it; false otherwise.
pub async fn record_tear_off(
    tx: &mut Tx,
    id: &str,
    stage: Stage,
    notice: &TearOffNotice,
    by: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE measure_referrals SET stage = $1, tear_off = $2, returned_by = $3, returned_at = $4
         WHERE id = $5 AND stage = 'referred'",
    )
    .bind(stage.code())
    .bind(json(notice)?)
    .bind(by)
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records how a participation ended; false when the person was not taking part.
pub async fn end(
    tx: &mut Tx,
    id: &str,
    stage: Stage,
    ending: Ending,
    good_reason: bool,
    on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE measure_referrals SET stage = $1, ending = $2, good_reason = $3, ended_on = $4, ended_at = $5
         WHERE id = $6 AND stage = 'enrolled'",
    )
    .bind(stage.code())
    .bind(ending.code())
    .bind(i64::from(good_reason))
    .bind(day(on))
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id<'e, E>(ex: E, id: &str) -> Result<Option<Referral>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query("SELECT * FROM measure_referrals WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    row.as_ref().map(Referral::from_row).transpose()
}

/// The referral whose document (129 App.4, App.5, App.8, App.11) is `document_id`.
pub async fn by_document(
    pool: &AnyPool,
    document_id: &str,
) -> Result<Option<Referral>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM measure_referrals WHERE document_id = $1")
        .bind(document_id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(Referral::from_row).transpose()
}

/// A person's referrals and applications, newest first.
pub async fn of_iin<'e, E>(ex: E, iin: &str) -> Result<Vec<Referral>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows = sqlx::query(
        "SELECT * FROM measure_referrals WHERE iin = $1 ORDER BY submitted_at DESC, id DESC LIMIT 200",
    )
    .bind(iin)
    .fetch_all(ex)
    .await?;
    rows.iter().map(Referral::from_row).collect()
}

/// Which referrals a list shows.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub career_center_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub employer_id: Option<&'a str>,
    /// The referrals to the courses of an education organisation.
    pub education_organization_id: Option<&'a str>,
    pub stage: Option<Stage>,
    /// Only referrals whose tear-off notice is not returned and whose term ended by this instant.
    pub tear_off_due_before: Option<DateTime<Utc>>,
}

/// `limit` referrals after `offset`, the earliest tear-off term first, then the newest.
pub async fn page(
    pool: &AnyPool,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Referral>, i64), sqlx::Error> {
    const WHERE: &str =
        "($1 IS NULL OR r.career_center_id = $1) AND ($2 IS NULL OR r.region_code = $2)
        AND ($3 IS NULL OR p.employer_id = $3) AND ($4 IS NULL OR r.stage = $4)
        AND ($5 IS NULL OR (r.stage = 'referred' AND r.tear_off_due_at <= $5))
        AND ($6 IS NULL OR p.education_organization_id = $6)";
    let stage = f.stage.map(Stage::code);
    let due = f.tear_off_due_before.map(ts);
    let rows = sqlx::query(&format!(
        "SELECT r.* FROM measure_referrals r LEFT JOIN measure_places p ON p.id = r.place_id WHERE {WHERE}
         ORDER BY r.tear_off_due_at IS NULL, r.tear_off_due_at, r.submitted_at DESC, r.id LIMIT $7 OFFSET $8"
    ))
    .bind(f.career_center_id)
    .bind(f.region_code)
    .bind(f.employer_id)
    .bind(stage)
    .bind(due.as_deref())
    .bind(f.education_organization_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM measure_referrals r LEFT JOIN measure_places p ON p.id = r.place_id WHERE {WHERE}"
    ))
    .bind(f.career_center_id)
    .bind(f.region_code)
    .bind(f.employer_id)
    .bind(stage)
    .bind(due.as_deref())
    .bind(f.education_organization_id)
    .fetch_one(pool)
    .await?;
    let referrals = rows
        .iter()
        .map(Referral::from_row)
        .collect::<Result<_, _>>()?;
    Ok((referrals, total))
}

/// The unemployed people of the centers who quit a measure without good reason (214 p.51(3)),
/// for the career center to weigh: (referral id, registration id, measure, when recorded),
/// oldest first. Only registrations still unemployed: once deregistered the item is done.
pub async fn unexcused_quits(
    pool: &AnyPool,
    centers: &[String],
) -> Result<Vec<(String, String, String, DateTime<Utc>)>, sqlx::Error> {
    let mut out = Vec::new();
    for center in centers {
        let rows = sqlx::query(
            "SELECT m.id, m.registration_id, m.measure, m.ended_at FROM measure_referrals m
               JOIN registrations r ON r.id = m.registration_id
              WHERE r.career_center_id = $1 AND r.status = 'unemployed' AND m.stage = 'quit'
                AND m.good_reason = 0 AND m.ended_at >= r.unemployed_since
              ORDER BY m.ended_at, m.id",
        )
        .bind(center)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            out.push((
                r.text("id")?,
                r.text("registration_id")?,
                r.text("measure")?,
                r.instant("ended_at")?,
            ));
        }
    }
    Ok(out)
}
