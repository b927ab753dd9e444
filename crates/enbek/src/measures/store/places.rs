//! The places a career center refers to (129 p.10): courses, subsidised jobs, resettlement
//! quotas. Booking a place never passes its capacity: the one update that books checks it.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::measures::referral::ActiveMeasure;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::{day, ts, Row, Tx};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Place {
    pub id: String,
    /// The measure of 129 App.1 (the API's `measure`).
    #[schema(value_type = String)]
    pub measure: ActiveMeasure,
    /// The career center that publishes the place and refers to it.
    pub career_center_id: String,
    pub region_code: String,
    /// The education organisation, the employer or the place of settlement, as the referral
    /// names it: name, address, contact phone.
    pub provider: String,
    /// The employer who returns the tear-off notices (subsidised jobs, training on the job).
    pub employer_id: Option<String>,
    /// The education organisation whose staff return the tear-off notices of a course
    /// (129 App.4).
    pub education_organization_id: Option<String>,
    /// The employer's application the jobs come from (206 p.31.3).
    pub subsidised_application_id: Option<String>,
    pub occupation_code: String,
    /// The qualification (skill) a course teaches.
    pub qualification: Option<String>,
    /// Training on the job at an employer (129 App.5) rather than at an education organisation
    /// (129 App.4).
    pub on_the_job: bool,
    /// Resettlement: the locality of settlement (a KATO code).
    pub destination_code: Option<String>,
    /// Resettlement: the regional commission's decision.
    pub decision_number: Option<String>,
    pub decision_on: Option<NaiveDate>,
    pub monthly_pay: Option<i64>,
    pub capacity: i64,
    pub taken: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, p: &Place, created_by: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO measure_places (id, measure, career_center_id, region_code, provider, employer_id,
           subsidised_application_id, occupation_code, qualification, on_the_job, destination_code,
           decision_number, decision_on, monthly_pay, capacity, taken, starts_on, ends_on, created_by, created_at,
           education_organization_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
    )
    .bind(&p.id)
    .bind(p.measure.code())
    .bind(&p.career_center_id)
    .bind(&p.region_code)
    .bind(&p.provider)
    .bind(&p.employer_id)
    .bind(&p.subsidised_application_id)
    .bind(&p.occupation_code)
    .bind(&p.qualification)
    .bind(i64::from(p.on_the_job))
    .bind(&p.destination_code)
    .bind(&p.decision_number)
    .bind(p.decision_on.map(day))
    .bind(p.monthly_pay)
    .bind(p.capacity)
    .bind(p.taken)
    .bind(day(p.starts_on))
    .bind(day(p.ends_on))
    .bind(created_by)
    .bind(ts(p.created_at))
    .bind(&p.education_organization_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn by_id<'e, E>(ex: E, id: &str) -> Result<Option<Place>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query("SELECT * FROM measure_places WHERE id = $1")
        .bind(id)
        .fetch_optional(ex)
        .await?;
    row.as_ref().map(Place::from_row).transpose()
}

/// Takes one place; false when all are taken. The check and the count are one statement, so
/// concurrent referrals to the last place take it once (PostgreSQL re-checks the condition on
/// the row it has locked; SQLite writes one at a time).
pub async fn book(tx: &mut Tx, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE measure_places SET taken = taken + 1 WHERE id = $1 AND taken < capacity",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes one of the places published from a subsidised-job application, for a participant the
/// employer adds directly, so that referrals cannot then over-fill the jobs: `None` when the
/// application's jobs are not published, `Some(false)` when all are taken.
pub async fn book_for_application(
    tx: &mut Tx,
    application_id: &str,
) -> Result<Option<bool>, sqlx::Error> {
    let booked = sqlx::query(
        "UPDATE measure_places SET taken = taken + 1
          WHERE subsidised_application_id = $1 AND taken < capacity",
    )
    .bind(application_id)
    .execute(&mut **tx)
    .await?;
    if booked.rows_affected() == 1 {
        return Ok(Some(true));
    }
    let published: Option<String> =
        sqlx::query_scalar("SELECT id FROM measure_places WHERE subsidised_application_id = $1")
            .bind(application_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(published.map(|_| false))
}

/// Gives a place back (the organisation did not take the person).
pub async fn release(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE measure_places SET taken = taken - 1 WHERE id = $1 AND taken > 0")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Which places a list shows.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub region_code: Option<&'a str>,
    pub career_center_id: Option<&'a str>,
    pub employer_id: Option<&'a str>,
    pub measure: Option<ActiveMeasure>,
    /// Only places with a free place whose period has not ended by this day.
    pub open_on: Option<NaiveDate>,
}

/// `limit` places after the first `offset`, the soonest to start first, and how many there are.
pub async fn page(
    pool: &AnyPool,
    f: &Filter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Place>, i64), sqlx::Error> {
    const WHERE: &str = "($1 IS NULL OR region_code = $1) AND ($2 IS NULL OR career_center_id = $2)
        AND ($3 IS NULL OR employer_id = $3) AND ($4 IS NULL OR measure = $4)
        AND ($5 IS NULL OR (taken < capacity AND ends_on >= $5))";
    let measure = f.measure.map(ActiveMeasure::code);
    let open = f.open_on.map(day);
    let rows = sqlx::query(&format!(
        "SELECT * FROM measure_places WHERE {WHERE} ORDER BY starts_on, id LIMIT $6 OFFSET $7"
    ))
    .bind(f.region_code)
    .bind(f.career_center_id)
    .bind(f.employer_id)
    .bind(measure)
    .bind(open.as_deref())
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM measure_places WHERE {WHERE}"
    ))
    .bind(f.region_code)
    .bind(f.career_center_id)
    .bind(f.employer_id)
    .bind(measure)
    .bind(open.as_deref())
    .fetch_one(pool)
    .await?;
    let places = rows.iter().map(Place::from_row).collect::<Result<_, _>>()?;
    Ok((places, total))
}
