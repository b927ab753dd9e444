//! Subsidised-job applications, their participants and attendance (206 p.31.3).

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::measures::subsidised::Measure;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct SubsidisedApplication {
    pub id: String,
    pub employer_id: String,
    /// The employer's full name, from its profile.
    pub employer_name: String,
    /// The employer's BIN (or an individual entrepreneur's IIN), from its profile.
    pub employer_bin: String,
    /// The employer's registered place (its profile's locality code).
    pub legal_locality_code: String,
    /// The region of the jobs' locality: its mobility center and career centers see it.
    pub region_code: String,
    /// `public_works`, `social_job`, `youth_practice`, `first_job`, `generation_contract` or
    /// `silver_age`.
    #[schema(value_type = String)]
    pub measure: Measure,
    pub places: i64,
    pub occupation_code: String,
    pub monthly_pay: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub contact_person: String,
    pub contact_phone: String,
    pub locality_code: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(
    tx: &mut Tx,
    a: &SubsidisedApplication,
    created_by: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subsidised_applications (id, employer_id, employer_name, employer_bin, legal_locality_code,
           region_code, measure, places, occupation_code, monthly_pay, starts_on, ends_on, contact_person,
           contact_phone, locality_code, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&a.id)
    .bind(&a.employer_id)
    .bind(&a.employer_name)
    .bind(&a.employer_bin)
    .bind(&a.legal_locality_code)
    .bind(&a.region_code)
    .bind(a.measure.code())
    .bind(a.places)
    .bind(&a.occupation_code)
    .bind(a.monthly_pay)
    .bind(day(a.starts_on))
    .bind(day(a.ends_on))
    .bind(&a.contact_person)
    .bind(&a.contact_phone)
    .bind(&a.locality_code)
    .bind(created_by)
    .bind(ts(a.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<SubsidisedApplication>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM subsidised_applications WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref()
        .map(SubsidisedApplication::from_row)
        .transpose()
}

const SELECTED: &str = "($1 IS NULL OR employer_id = $1) AND ($2 IS NULL OR region_code = $2)
     AND ($3 IS NULL OR measure = $3)";

/// `limit` of the applications of an employer or a region (either when given), of a measure when
/// given, after the first `offset`, newest first, and how many there are in all.
pub async fn page(
    pool: &AnyPool,
    employer_id: Option<&str>,
    region_code: Option<&str>,
    measure: Option<Measure>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SubsidisedApplication>, i64), sqlx::Error> {
    let measure = measure.map(Measure::code);
    let rows = sqlx::query(&format!(
        "SELECT * FROM subsidised_applications WHERE {SELECTED} ORDER BY created_at DESC, id LIMIT $4 OFFSET $5"
    ))
    .bind(employer_id)
    .bind(region_code)
    .bind(measure)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM subsidised_applications WHERE {SELECTED}"
    ))
    .bind(employer_id)
    .bind(region_code)
    .bind(measure)
    .fetch_one(pool)
    .await?;
    let applications = rows
        .iter()
        .map(SubsidisedApplication::from_row)
        .collect::<Result<_, _>>()?;
    Ok((applications, total))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct SubsidisedParticipant {
    pub id: String,
    pub application_id: String,
    pub iin: String,
    pub created_at: DateTime<Utc>,
}

/// Takes the application's row lock until the transaction ends, so that concurrent additions of
/// participants count one after the other (PostgreSQL's READ COMMITTED would otherwise let two
/// counts see the same last place; SQLite writes one at a time).
pub async fn lock(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE subsidised_applications SET id = id WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Adds a participant while fewer than `places` are on the application; false when all places
/// are taken. The caller holds the application's lock.
pub async fn insert_participant(
    tx: &mut Tx,
    p: &SubsidisedParticipant,
    created_by: &str,
    places: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO subsidised_participants (id, application_id, iin, created_by, created_at)
         SELECT $1, $2, $3, $4, $5
          WHERE (SELECT COUNT(*) FROM subsidised_participants WHERE application_id = $2) < $6",
    )
    .bind(&p.id)
    .bind(&p.application_id)
    .bind(&p.iin)
    .bind(created_by)
    .bind(ts(p.created_at))
    .bind(places)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn participants(
    pool: &AnyPool,
    application_id: &str,
) -> Result<Vec<SubsidisedParticipant>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM subsidised_participants WHERE application_id = $1 ORDER BY created_at, id",
    )
    .bind(application_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(SubsidisedParticipant::from_row).collect()
}

pub async fn participant_by_id(
    tx: &mut Tx,
    id: &str,
) -> Result<Option<SubsidisedParticipant>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM subsidised_participants WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.as_ref()
        .map(SubsidisedParticipant::from_row)
        .transpose()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct SubsidisedAttendance {
    pub participant_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub days_worked: i64,
    pub days_absent: i64,
    pub recorded_at: DateTime<Utc>,
}

/// The month's attendance of a participant as it stands, if reported.
pub async fn attendance_of(
    tx: &mut Tx,
    participant_id: &str,
    month: &str,
) -> Result<Option<SubsidisedAttendance>, sqlx::Error> {
    let row =
        sqlx::query("SELECT * FROM subsidised_attendance WHERE participant_id = $1 AND month = $2")
            .bind(participant_id)
            .bind(month)
            .fetch_optional(&mut **tx)
            .await?;
    row.as_ref().map(SubsidisedAttendance::from_row).transpose()
}

/// Records a month's attendance, replacing an earlier report of the same month.
pub async fn upsert_attendance(
    tx: &mut Tx,
    application_id: &str,
    a: &SubsidisedAttendance,
    recorded_by: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subsidised_attendance (participant_id, application_id, month, days_worked, days_absent, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (participant_id, month) DO UPDATE SET days_worked = excluded.days_worked,
           days_absent = excluded.days_absent, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )
    .bind(&a.participant_id)
    .bind(application_id)
    .bind(&a.month)
    .bind(a.days_worked)
    .bind(a.days_absent)
    .bind(recorded_by)
    .bind(ts(a.recorded_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An application's attendance, by month then participant; one month only if given.
pub async fn attendance_list(
    pool: &AnyPool,
    application_id: &str,
    month: Option<&str>,
) -> Result<Vec<SubsidisedAttendance>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM subsidised_attendance WHERE application_id = $1 AND ($2 IS NULL OR month = $2)
         ORDER BY month, participant_id LIMIT 5000",
    )
    .bind(application_id)
    .bind(month)
    .fetch_all(pool)
    .await?;
    rows.iter().map(SubsidisedAttendance::from_row).collect()
}

/// A person hired on the application's jobs through a referral (129 App.8's tear-off notice)
/// joins its participants, once; the referral's place has already counted them.
pub async fn join(
    tx: &mut Tx,
    application_id: &str,
    iin: &str,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subsidised_participants (id, application_id, iin, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id, iin) DO NOTHING",
    )
    .bind(crate::platform::db::new_id())
    .bind(application_id)
    .bind(iin)
    .bind(by)
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
