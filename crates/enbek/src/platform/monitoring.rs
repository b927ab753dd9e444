//! Public-service monitoring (214 p.22, 214 p.43): each request's stages with their
//! times, and whether the result was issued within the legal term.

use chrono::{DateTime, Utc};
use enbek_domain::monitoring::{self as rules, Service};
use enbek_domain::registration::Channel;
use serde::Serialize;
use sqlx::AnyPool;

use crate::platform::db::new_id;

use crate::platform::db::{ts, value_rows, Insert};

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

/// Opens a request at its first stage, received.
pub async fn open(tx: &mut Tx, r: &NewRequest<'_>, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut opened = Opened::default();
    opened.open(r, at);
    opened.write(tx).await
}

/// The requests a transaction opens, kept until it writes them (`write`, before its commit): a
/// request opened and moved on in one transaction (an application decided as it is submitted)
/// is written once, at its last stage; the stages are written as the transaction commits.
#[must_use = "the requests opened are stored by `write`"]
#[derive(Default)]
pub struct Opened {
    requests: Vec<Request>,
    /// Each stage's id, its request's place in `requests`, the stage and its instant.
    stages: Vec<(String, usize, rules::Stage, DateTime<Utc>)>,
}

/// A request opened in this transaction, as it stands.
struct Request {
    id: String,
    service: Service,
    subject_id: String,
    channel: Channel,
    organization_id: String,
    region_code: String,
    received_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    stage: rules::Stage,
    completed_at: Option<DateTime<Utc>>,
    within_term: Option<bool>,
}

impl Opened {
    /// Opens a request at its first stage, received.
    pub fn open(&mut self, r: &NewRequest<'_>, at: DateTime<Utc>) {
        self.requests.push(Request {
            id: new_id(),
            service: r.service,
            subject_id: r.subject_id.to_string(),
            channel: r.channel,
            organization_id: r.organization_id.to_string(),
            region_code: r.region_code.to_string(),
            received_at: r.received_at,
            due_at: r.due_at,
            stage: rules::Stage::Received,
            completed_at: None,
            within_term: None,
        });
        self.stages.push((
            new_id(),
            self.requests.len() - 1,
            rules::Stage::Received,
            at,
        ));
    }

    /// Moves the request of `subject_id` to `stage` as `advance` does: here if this transaction
    /// opened it, else in the database.
    pub async fn advance(
        &mut self,
        tx: &mut Tx,
        subject_id: &str,
        stage: rules::Stage,
        at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let Some(i) = self
            .requests
            .iter()
            .position(|r| r.subject_id == subject_id)
        else {
            return advance(tx, subject_id, stage, at).await;
        };
        let r = &mut self.requests[i];
        r.stage = stage;
        if stage.is_final() {
            r.completed_at = Some(at);
        }
        if stage.is_answer() {
            // As `advance` compares them: stored text, fixed width.
            r.within_term = Some(ts(at) <= ts(r.due_at));
        }
        self.stages.push((new_id(), i, stage, at));
        Ok(())
    }

    /// Stores the requests opened (one insert) and keeps their stages for the commit, with the
    /// transaction's other stages (one insert).
    pub async fn write(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        if self.requests.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO service_requests (id, service, subject_id, channel, organization_id, region_code, received_at, due_at, stage, completed_at, within_term)
             VALUES {}",
            value_rows(self.requests.len(), 11)
        );
        let mut query = sqlx::query(&sql);
        for r in &self.requests {
            query = query
                .bind(&r.id)
                .bind(r.service.as_str())
                .bind(&r.subject_id)
                .bind(r.channel.as_str())
                .bind(&r.organization_id)
                .bind(&r.region_code)
                .bind(ts(r.received_at))
                .bind(ts(r.due_at))
                .bind(r.stage.as_str())
                .bind(r.completed_at.map(ts))
                .bind(r.within_term.map(i64::from));
        }
        query.execute(&mut **tx).await?;
        for (id, request, stage, at) in self.stages {
            stage_row(tx, id, &self.requests[request].id, stage, at);
        }
        Ok(())
    }
}

const STAGES: Insert = Insert {
    into: "INSERT INTO service_request_stages (id, request_id, stage, at)",
    then: "",
    columns: 4,
};

/// A request's stage `id`, written as the transaction commits, with its other stages in one
/// insert.
fn stage_row(tx: &mut Tx, id: String, request_id: &str, stage: rules::Stage, at: DateTime<Utc>) {
    tx.insert_at_commit(
        &STAGES,
        vec![
            Some(id),
            Some(request_id.to_string()),
            Some(stage.as_str().to_string()),
            Some(ts(at)),
        ],
    );
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
    stage_row(tx, new_id(), &id, stage, at);
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::{Db, Scratch};
    use sqlx::Row as _;

    /// Each request's row and stages as stored, by subject.
    async fn stored(db: &Db) -> Vec<(String, String, Option<String>, Option<i64>, Vec<String>)> {
        let rows = sqlx::query(
            "SELECT id, subject_id, stage, completed_at, within_term FROM service_requests ORDER BY subject_id",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let mut out = Vec::new();
        for r in rows {
            let subject: String = r.get("subject_id");
            let stages = stages(&db.pool, &subject).await.unwrap();
            out.push((
                subject,
                r.get("stage"),
                r.get("completed_at"),
                r.get("within_term"),
                stages
                    .iter()
                    .map(|s| format!("{}@{}", s.stage.as_str(), ts(s.at)))
                    .collect(),
            ));
        }
        out
    }

    #[tokio::test]
    async fn requests_opened_and_moved_on_in_one_transaction_are_stored_as_step_by_step() {
        let due = "2026-03-20T13:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let received = due - chrono::Duration::days(3);
        let late = due + chrono::Duration::microseconds(1);
        // On the due instant an answer is in term; a microsecond after, late; a request only
        // received, or withdrawn, is neither.
        let cases = [
            ("on-time", vec![(rules::Stage::ResultIssued, due)]),
            (
                "late",
                vec![
                    (rules::Stage::InProgress, due),
                    (rules::Stage::Refused, late),
                ],
            ),
            ("open", vec![]),
            ("withdrawn", vec![(rules::Stage::Withdrawn, late)]),
        ];
        let mut results = Vec::new();
        for together in [false, true] {
            let scratch = Scratch::new().await;
            let db = &scratch.db;
            let mut tx = db.begin().await.unwrap();
            let mut opened = Opened::default();
            for (subject, moves) in &cases {
                let r = NewRequest {
                    service: Service::JobSeekerRegistration,
                    subject_id: subject,
                    channel: Channel::Portal,
                    organization_id: "cc-1",
                    region_code: "110000000",
                    received_at: received,
                    due_at: due,
                };
                if together {
                    opened.open(&r, received);
                } else {
                    open(&mut tx, &r, received).await.unwrap();
                }
                for (stage, at) in moves {
                    if together {
                        opened.advance(&mut tx, subject, *stage, *at).await.unwrap();
                    } else {
                        advance(&mut tx, subject, *stage, *at).await.unwrap();
                    }
                }
            }
            opened.write(&mut tx).await.unwrap();
            tx.commit().await.unwrap();
            results.push(stored(db).await);
        }
        let late_row = results[1].iter().find(|r| r.0 == "late").unwrap();
        assert_eq!(late_row.3, Some(0), "{late_row:?}");
        let on_time = results[1].iter().find(|r| r.0 == "on-time").unwrap();
        assert_eq!(on_time.3, Some(1), "{on_time:?}");
        assert_eq!(late_row.4.len(), 3, "received, in progress, refused");
        assert_eq!(results[0], results[1]);
    }
}
