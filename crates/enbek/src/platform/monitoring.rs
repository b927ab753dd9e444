//! Public-service monitoring (214 p.22, 214 p.43): each request's stages with their
//! times, and whether the result was issued within the legal term.

use chrono::{DateTime, Utc};
use enbek_domain::monitoring::{self as rules, Service};
use enbek_domain::registration::Channel;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::new_id;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub struct NewRequest<'a> {
    pub service: Service,
    pub subject_id: &'a str,
    pub channel: Channel,
    pub organization_id: &'a str,
    pub region_code: &'a str,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

pub async fn open(tx: &mut Tx, r: &NewRequest<'_>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO service_requests (id, service, subject_id, channel, organization_id, region_code, received_at, due_at, stage)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(r.service.as_str())
    .bind(r.subject_id)
    .bind(r.channel.as_str())
    .bind(r.organization_id)
    .bind(r.region_code)
    .bind(ts(r.received_at))
    .bind(ts(r.due_at))
    .bind(rules::Stage::Received.as_str())
    .execute(&mut **tx)
    .await?;
    stage_row(tx, &id, rules::Stage::Received, at).await
}

async fn stage_row(
    tx: &mut Tx,
    request_id: &str,
    stage: rules::Stage,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO service_request_stages (id, request_id, stage, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(new_id())
    .bind(request_id)
    .bind(stage.as_str())
    .bind(ts(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the request of `subject_id` to `stage`; a final stage records whether it was in term.
pub async fn advance(
    tx: &mut Tx,
    subject_id: &str,
    stage: rules::Stage,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // Whether an answer came within the term is decided by the row's own due instant (both are
    // stored as fixed-width RFC 3339 UTC text, so they compare as text).
    let Some(row) = sqlx::query(
        "UPDATE service_requests SET stage = $1, completed_at = COALESCE($2, completed_at),
           within_term = CASE WHEN $3 = 1 THEN (CASE WHEN $4 <= due_at THEN 1 ELSE 0 END) ELSE within_term END
         WHERE subject_id = $5 RETURNING id",
    )
    .bind(stage.as_str())
    .bind(stage.is_final().then(|| ts(at)))
    .bind(i64::from(stage.is_answer()))
    .bind(ts(at))
    .bind(subject_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(());
    };
    let id = row.text("id")?;
    stage_row(tx, &id, stage, at).await
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServiceSummary {
    pub service: String,
    pub received: i64,
    pub in_progress: i64,
    pub result_issued: i64,
    pub refused: i64,
    pub withdrawn: i64,
    pub within_term: i64,
    pub late: i64,
    /// Requests still open whose term has already passed.
    pub overdue_open: i64,
}

pub async fn summary(
    pool: &AnyPool,
    service: Service,
    region_code: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<ServiceSummary, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS received,
            COALESCE(SUM(CASE WHEN completed_at IS NULL THEN 1 ELSE 0 END), 0) AS in_progress,
            COALESCE(SUM(CASE WHEN stage = 'result_issued' THEN 1 ELSE 0 END), 0) AS result_issued,
            COALESCE(SUM(CASE WHEN stage = 'refused' THEN 1 ELSE 0 END), 0) AS refused,
            COALESCE(SUM(CASE WHEN stage = 'withdrawn' THEN 1 ELSE 0 END), 0) AS withdrawn,
            COALESCE(SUM(CASE WHEN within_term = 1 THEN 1 ELSE 0 END), 0) AS within_term,
            COALESCE(SUM(CASE WHEN within_term = 0 THEN 1 ELSE 0 END), 0) AS late,
            COALESCE(SUM(CASE WHEN completed_at IS NULL AND due_at < $4 THEN 1 ELSE 0 END), 0) AS overdue_open
         FROM service_requests WHERE service = $1 AND received_at >= $2 AND received_at < $3 AND ($5 IS NULL OR region_code = $5)",
    )
    .bind(service.as_str())
    .bind(ts(from))
    .bind(ts(to))
    .bind(ts(now))
    .bind(region_code)
    .fetch_one(pool)
    .await?;
    Ok(ServiceSummary {
        service: service.as_str().to_string(),
        received: row.int("received")?,
        in_progress: row.int("in_progress")?,
        result_issued: row.int("result_issued")?,
        refused: row.int("refused")?,
        withdrawn: row.int("withdrawn")?,
        within_term: row.int("within_term")?,
        late: row.int("late")?,
        overdue_open: row.int("overdue_open")?,
    })
}

#[derive(Debug, Serialize, utoipa::ToSchema, Row)]
pub struct Stage {
    #[schema(value_type = String)]
    pub stage: rules::Stage,
    pub at: DateTime<Utc>,
}

pub async fn stages(pool: &AnyPool, subject_id: &str) -> Result<Vec<Stage>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT st.stage, st.at FROM service_request_stages st JOIN service_requests r ON r.id = st.request_id
         WHERE r.subject_id = $1 ORDER BY st.id",
    )
    .bind(subject_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(Stage::from_row).collect()
}

/// Per region and month of receipt (`instants` are the months' boundaries): the requests of both
/// services answered within their term and late.
pub async fn by_month(
    pool: &AnyPool,
    instants: &[DateTime<Utc>],
    region_code: Option<&str>,
) -> Result<Vec<crate::platform::buckets::Bucket>, sqlx::Error> {
    let months = instants.len().saturating_sub(1);
    if months == 0 {
        return Ok(Vec::new());
    }
    let region_param = months + 2;
    let sql = format!(
        "SELECT region_code, {period} AS period_index,
            COALESCE(SUM(CASE WHEN within_term = 1 THEN 1 ELSE 0 END), 0) AS within_term,
            COALESCE(SUM(CASE WHEN within_term = 0 THEN 1 ELSE 0 END), 0) AS late
         FROM service_requests
         WHERE received_at >= $1 AND received_at < ${last}
           AND (${region_param} IS NULL OR region_code = ${region_param})
         GROUP BY region_code, period_index",
        period = crate::platform::buckets::period_of("received_at", 1, months),
        last = months + 1,
    );
    let mut query = sqlx::query(&sql);
    for t in instants {
        query = query.bind(ts(*t));
    }
    let rows = query.bind(region_code).fetch_all(pool).await?;
    crate::platform::buckets::read(&rows, &["within_term", "late"])
}
