//! Registrations of job seekers and their states.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::AnyPool;

use std::collections::HashMap;

use enbek_domain::registration::unemployment::Deregistration;
use enbek_domain::registration::{Channel, Status};

use crate::platform::db;
use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

/// The application as submitted, kept with the registration.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Application {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub publish_resume: bool,
    pub outsourcing_consent: bool,
    pub personal_data_consent: bool,
    #[serde(default)]
    pub representative_statement: bool,
    #[serde(default)]
    pub presented_last_name: Option<String>,
    #[serde(default)]
    pub presented_first_name: Option<String>,
    #[serde(default)]
    pub presented_birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub education_level: Option<String>,
    #[serde(default)]
    pub experience_years: Option<u32>,
    #[serde(default)]
    pub occupation_codes: Vec<String>,
    /// Language the person reads notices in.
    pub lang: String,
    /// How the applicant's identity was proven: `sms` or `signature` (the portal), `document`
    /// (the desk and the assistant, 214 p.7, 214 p.15), `egov` (its own proof).
    #[serde(default)]
    pub identity_proof: Option<String>,
}

#[derive(Debug, Clone, Row)]
pub struct Registration {
    pub id: String,
    pub person_id: Option<String>,
    pub iin: String,
    pub account_id: Option<String>,
    pub career_center_id: String,
    pub channel: Channel,
    /// Decoded on reading: a stored value outside the enumeration is a decode error.
    pub status: Status,
    pub submitted_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub job_seeker_since: Option<NaiveDate>,
    pub unemployed_since: Option<NaiveDate>,
    /// A refusal as a job seeker (`registration::Refusal`) or as unemployed
    /// (`unemployment::UnemployedRefusal`): the column holds the codes of both.
    pub refusal_code: Option<String>,
    pub deregistration_code: Option<Deregistration>,
    pub closed_reason: Option<String>,
    pub ended_at: Option<DateTime<Utc>>,
    pub barred_until: Option<NaiveDate>,
    /// The end of the selection period as given on registration as a job seeker (214 p.23,
    /// 214 p.36); none before that, and on registrations made before it was kept.
    pub selection_ends_at: Option<DateTime<Utc>>,
    #[row(json)]
    pub application: Application,
    pub submitted_by: Option<String>,
    pub forwarded_by_org: Option<String>,
}

pub async fn insert(tx: &mut Tx, r: &Registration, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let application =
        serde_json::to_string(&r.application).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO registrations (id, person_id, iin, account_id, career_center_id, channel, status, active,
            submitted_at, received_at, due_at, application, submitted_by, forwarded_by_org, created_at, updated_at,
            decided_at, job_seeker_since, refusal_code, selection_ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19)",
    )
    .bind(&r.id)
    .bind(&r.person_id)
    .bind(&r.iin)
    .bind(&r.account_id)
    .bind(&r.career_center_id)
    .bind(r.channel.as_str())
    .bind(r.status.as_str())
    .bind(i64::from(r.status.is_active()))
    .bind(ts(r.submitted_at))
    .bind(ts(r.received_at))
    .bind(ts(r.due_at))
    .bind(application)
    .bind(&r.submitted_by)
    .bind(&r.forwarded_by_org)
    .bind(ts(at))
    .bind(r.decided_at.map(ts))
    .bind(r.job_seeker_since.map(day))
    .bind(&r.refusal_code)
    .bind(r.selection_ends_at.map(ts))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An application the career center accepted on review goes back to the registry check
/// (214 p.20); one no longer waiting for review is left as it is (false).
pub async fn reviewed_to_verifying(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE registrations SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(Status::Verifying.as_str())
    .bind(ts(at))
    .bind(id)
    .bind(Status::PendingReview.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes the decision on an application: registered (with the person and the day) or refused.
pub async fn decide(tx: &mut Tx, r: &Registration, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registrations SET person_id = $1, status = $2, active = $3, decided_at = $4, job_seeker_since = $5,
            refusal_code = $6, career_center_id = $7, updated_at = $8, selection_ends_at = $10 WHERE id = $9",
    )
    .bind(&r.person_id)
    .bind(r.status.as_str())
    .bind(i64::from(r.status.is_active()))
    .bind(r.decided_at.map(ts))
    .bind(r.job_seeker_since.map(day))
    .bind(&r.refusal_code)
    .bind(&r.career_center_id)
    .bind(ts(at))
    .bind(&r.id)
    .bind(r.selection_ends_at.map(ts))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How an active registration ends: closed by the person, employed, refused registration as
/// unemployed, deregistered.
#[derive(Debug)]
pub struct Ending<'a> {
    pub status: Status,
    /// The registration ends only if it is still in this state.
    pub from_status: Option<Status>,
    pub closed_reason: Option<&'a str>,
    pub refusal_code: Option<&'a str>,
    pub deregistration_code: Option<Deregistration>,
    pub barred_until: Option<NaiveDate>,
}

impl Ending<'_> {
    /// An ending in `status`, from whatever active state, with nothing else recorded.
    pub fn to(status: Status) -> Self {
        Ending {
            status,
            from_status: None,
            closed_reason: None,
            refusal_code: None,
            deregistration_code: None,
            barred_until: None,
        }
    }
}

/// Ends an active registration; false when it was not active (or not in `from_status`).
pub async fn end(
    tx: &mut Tx,
    id: &str,
    e: &Ending<'_>,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE registrations SET status = $1, active = 0, closed_reason = $2, refusal_code = COALESCE($3, refusal_code),
            deregistration_code = $4, barred_until = $5, ended_at = $6, updated_at = $6
         WHERE id = $7 AND active = 1 AND ($8 IS NULL OR status = $8)",
    )
    .bind(e.status.as_str())
    .bind(e.closed_reason)
    .bind(e.refusal_code)
    .bind(e.deregistration_code.map(Deregistration::code))
    .bind(e.barred_until.map(day))
    .bind(ts(at))
    .bind(id)
    .bind(e.from_status.map(Status::as_str))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A job seeker becomes unemployed from `since` (214 p.38); false when no longer a job seeker.
pub async fn mark_unemployed(
    tx: &mut Tx,
    id: &str,
    since: NaiveDate,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE registrations SET status = 'unemployed', unemployed_since = $1, updated_at = $2
         WHERE id = $3 AND status = 'job_seeker'",
    )
    .bind(day(since))
    .bind(ts(at))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ids of registrations in `status`, a page at a time in id order after `after`.
pub async fn ids_in_status(
    pool: &AnyPool,
    status: Status,
    after: &str,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM registrations WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(status.as_str())
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(|r| r.text("id")).collect()
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Registration>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM registrations WHERE id = $1", id).await
}

pub async fn by_id_tx(tx: &mut Tx, id: &str) -> Result<Option<Registration>, sqlx::Error> {
    db::one_by(&mut **tx, "SELECT * FROM registrations WHERE id = $1", id).await
}

pub async fn active_for_iin(tx: &mut Tx, iin: &str) -> Result<Option<Registration>, sqlx::Error> {
    db::one_by(
        &mut **tx,
        "SELECT * FROM registrations WHERE iin = $1 AND active = 1",
        iin,
    )
    .await
}

/// Where an IIN stands before a new application, read at once: its active registration's id,
/// and the last day of the latest bar on re-registration, if any.
pub struct Standing {
    pub active_id: Option<String>,
    pub barred_until: Option<NaiveDate>,
}

pub async fn standing(tx: &mut Tx, iin: &str) -> Result<Standing, sqlx::Error> {
    let row = sqlx::query(
        "SELECT (SELECT id FROM registrations WHERE iin = $1 AND active = 1) AS active_id,
                MAX(barred_until) AS b
         FROM registrations WHERE iin = $1",
    )
    .bind(iin)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Standing {
        active_id: row.opt_text("active_id")?,
        barred_until: row.opt_date("b")?,
    })
}

/// The latest registration of the person an account acts for: the registrations of the IIN the
/// account has proven, whatever channel they came through. An account that has proven no IIN
/// has none.
pub async fn latest_for_account<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    account_id: &str,
) -> Result<Option<Registration>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT r.* FROM registrations r JOIN accounts a ON a.iin = r.iin
         WHERE a.id = $1 AND a.iin_proven_at IS NOT NULL ORDER BY r.created_at DESC, r.id DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    row.as_ref().map(Registration::from_row).transpose()
}

/// The latest registration of each account given that has one.
pub async fn latest_for_accounts(
    pool: &AnyPool,
    account_ids: &[&str],
) -> Result<HashMap<String, Registration>, sqlx::Error> {
    let rows = db::all_in(
        pool,
        "SELECT r.*, a.id AS proven_account_id FROM registrations r JOIN accounts a ON a.iin = r.iin
         WHERE a.id IN ({list}) AND a.iin_proven_at IS NOT NULL ORDER BY r.created_at DESC, r.id DESC",
        &[],
        account_ids,
    )
    .await?;
    let mut latest = HashMap::new();
    for row in rows {
        let account = row.text("proven_account_id")?;
        latest
            .entry(account)
            .or_insert(Registration::from_row(&row)?);
    }
    Ok(latest)
}

/// A career center's registrations, of a status when given, in order of term: `limit` of them
/// after the first `offset`.
pub async fn list_for_center(
    pool: &AnyPool,
    center_id: &str,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Registration>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM registrations WHERE career_center_id = $1 AND ($2 IS NULL OR status = $2) ORDER BY due_at, id LIMIT $3 OFFSET $4",
    )
    .bind(center_id)
    .bind(status.map(Status::as_str))
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Registration::from_row).collect()
}

/// How many registrations a career center holds, of a status when given.
pub async fn count_for_center(
    pool: &AnyPool,
    center_id: &str,
    status: Option<Status>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE career_center_id = $1 AND ($2 IS NULL OR status = $2)",
    )
    .bind(center_id)
    .bind(status.map(Status::as_str))
    .fetch_one(pool)
    .await
}

/// The rural district whose assistant forwarded the person's latest forwarded application, if
/// any: a card stays within that assistant's reach.
pub async fn last_forwarded_by(
    pool: &AnyPool,
    person_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT forwarded_by_org FROM registrations WHERE person_id = $1 AND forwarded_by_org IS NOT NULL ORDER BY id DESC LIMIT 1")
        .bind(person_id)
        .fetch_optional(pool)
        .await
}
