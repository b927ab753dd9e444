//! Due work: stored with its due time, claimed with a lease so that two servers on one database
//! never run a job at once, retried with backoff after a failure or a crash.
//!
//! Claiming is one `UPDATE … WHERE id IN (SELECT … LIMIT n) AND <still free> RETURNING`, a batch
//! of the next due jobs at a time: on PostgreSQL a second claimer blocks on the rows, re-checks
//! the lease condition and gets none of them; SQLite has a single writer.

use chrono::{DateTime, Duration, Utc};
use sqlx::AnyPool;

use crate::platform::db::new_id;

use crate::platform::db;
use crate::platform::db::ts;
use crate::platform::db::Insert;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;
use crate::platform::jobs::Job;

pub struct Claimed {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

/// Makes sure a daily job runs at the next `at` (local time) after `now`; one a day.
pub fn schedule_daily(tx: &mut Tx, job: &Job, at: chrono::NaiveTime, now: DateTime<Utc>) {
    use enbek_domain::reference::office_hours::{local_date, local_instant};
    let today = local_date(now);
    let at_today = local_instant(today, at);
    let due = if at_today > now {
        at_today
    } else {
        local_instant(today + chrono::Days::new(1), at)
    };
    enqueue_for_day(tx, job, due, &job.encode().0, local_date(due), now);
}

/// Jobs the re-match queues in one transaction (written at its commit, as one insert).
pub const BATCH: usize = 500;

const JOBS: Insert = Insert {
    into: "INSERT INTO jobs (id, kind, payload, dedupe_key, key_day, due_at, created_at)",
    then: "ON CONFLICT DO NOTHING",
    columns: 7,
};

/// Enqueues jobs, each with its dedupe key if it has one, in the caller's transaction: written
/// at its commit with the transaction's other jobs, in one insert; a job whose key is already
/// queued is not added again.
pub fn enqueue_many(
    tx: &mut Tx,
    jobs: &[(Job, Option<String>)],
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) {
    for (job, key) in jobs {
        enqueue(tx, job, due_at, key.as_deref(), now);
    }
}

/// Enqueues a job in the caller's transaction, as `enqueue_many`. With a `dedupe_key`, a second
/// job with the same key is not added.
pub fn enqueue(
    tx: &mut Tx,
    job: &Job,
    due_at: DateTime<Utc>,
    dedupe_key: Option<&str>,
    now: DateTime<Utc>,
) {
    insert(tx, job, due_at, dedupe_key, None, now);
}

/// Enqueues the job of a daily pass for the local `day`, keyed `<name>:<day>`: a second one is
/// not added that day. No other day can queue it again, so its key need not be kept for good: a
/// month after it is done the purge deletes it, as it does a job without a key.
pub fn enqueue_for_day(
    tx: &mut Tx,
    job: &Job,
    due_at: DateTime<Utc>,
    name: &str,
    day: chrono::NaiveDate,
    now: DateTime<Utc>,
) {
    let key = format!("{name}:{day}");
    insert(tx, job, due_at, Some(&key), Some(day), now);
}

fn insert(
    tx: &mut Tx,
    job: &Job,
    due_at: DateTime<Utc>,
    dedupe_key: Option<&str>,
    key_day: Option<chrono::NaiveDate>,
    now: DateTime<Utc>,
) {
    let (kind, payload) = job.encode();
    tx.insert_at_commit(
        &JOBS,
        vec![
            Some(new_id()),
            Some(kind),
            Some(payload),
            dedupe_key.map(str::to_string),
            key_day.map(db::day),
            Some(ts(due_at)),
            Some(ts(now)),
        ],
    );
}

/// Claims up to `batch` of the next jobs due at `now`, leasing them for `lease`, in the order
/// they fell due.
pub async fn claim(
    pool: &AnyPool,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    batch: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let rows = sqlx::query(
        "UPDATE jobs SET lease_until = $1, leased_by = $2, attempts = attempts + 1
         WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND due_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
                      ORDER BY due_at, id LIMIT $4)
           AND done_at IS NULL AND (lease_until IS NULL OR lease_until < $3)
         RETURNING id, kind, payload, attempts, due_at",
    )
    .bind(ts(now + lease))
    .bind(worker)
    .bind(ts(now))
    .bind(batch)
    .fetch_all(pool)
    .await?;
    let mut claimed = rows
        .iter()
        .map(|r| {
            Ok((
                r.text("due_at")?,
                Claimed {
                    id: r.text("id")?,
                    kind: r.text("kind")?,
                    payload: r.text("payload")?,
                    attempts: r.int("attempts")?,
                },
            ))
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    claimed.sort_by(|a, b| (&a.0, &a.1.id).cmp(&(&b.0, &b.1.id)));
    Ok(claimed.into_iter().map(|(_, c)| c).collect())
}

/// Marks done the jobs `ids` that `worker` claimed and ran, in one statement. Returns how many.
pub async fn complete(
    pool: &AnyPool,
    ids: &[String],
    worker: &str,
    at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db::execute_in(
        pool,
        "UPDATE jobs SET done_at = $1, lease_until = NULL, last_error = NULL
         WHERE id IN ({list}) AND leased_by = $2",
        &[&ts(at), worker],
        ids,
    )
    .await
}

/// Marks done the jobs `kind` with `payload` that are due at `now` and not claimed (or whose
/// claim has lapsed): their work was done at once. Returns how many.
pub async fn complete_unclaimed(
    pool: &AnyPool,
    kind: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jobs SET done_at = $1, lease_until = NULL, last_error = NULL
         WHERE kind = $2 AND payload = $3 AND done_at IS NULL AND due_at <= $1
           AND (lease_until IS NULL OR lease_until < $1)",
    )
    .bind(ts(now))
    .bind(kind)
    .bind(payload)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Releases a failed job to run again at `retry_at`.
pub async fn fail(
    pool: &AnyPool,
    id: &str,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobs SET lease_until = NULL, leased_by = NULL, last_error = $1, due_at = $2 WHERE id = $3")
        .bind(error)
        .bind(ts(retry_at))
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes up to `limit` of the jobs done before `before` whose dedupe key, if they have one,
/// held for a day only (`enqueue_for_day`); returns how many. A key held for good stops the
/// same work from being queued again, so its job is kept.
pub async fn purge_done(
    pool: &AnyPool,
    before: DateTime<Utc>,
    limit: i64,
) -> Result<u64, sqlx::Error> {
    let purged = sqlx::query(
        "DELETE FROM jobs WHERE id IN (
            SELECT id FROM jobs WHERE done_at < $1 AND (dedupe_key IS NULL OR key_day IS NOT NULL) LIMIT $2)",
    )
    .bind(ts(before))
    .bind(limit)
    .execute(pool)
    .await?;
    Ok(purged.rows_affected())
}

pub async fn pending_count(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NULL")
        .fetch_one(pool)
        .await?
        .int("n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::Scratch;
    use enbek_domain::reference::office_hours::local_date;

    fn job(id: &str) -> Job {
        Job::IssueDocument {
            document_id: id.into(),
        }
    }

    #[tokio::test]
    async fn a_job_done_at_once_is_marked_done_only_when_due_unclaimed_and_the_same() {
        let scratch = Scratch::new().await;
        let db = &scratch.db;
        let now = chrono::Utc::now();
        let lease = Duration::minutes(5);
        let mut tx = db.begin().await.unwrap();
        enqueue(&mut tx, &job("d-3"), now, None, now);
        tx.commit().await.unwrap();
        // A worker claims d-3; then d-1 is stored due now and again due a second later, and
        // d-2 due now.
        assert_eq!(claim(&db.pool, "w", now, lease, 1).await.unwrap().len(), 1);
        let mut tx = db.begin().await.unwrap();
        enqueue(&mut tx, &job("d-1"), now, None, now);
        let later = now + Duration::seconds(1);
        enqueue(&mut tx, &job("d-1"), later, None, now);
        enqueue(&mut tx, &job("d-2"), now, None, now);
        tx.commit().await.unwrap();
        let (kind, d1) = job("d-1").encode();
        let d3 = job("d-3").encode().1;

        // Only the same job due now: d-2 and the later d-1 stay.
        assert_eq!(
            complete_unclaimed(&db.pool, &kind, &d1, now).await.unwrap(),
            1
        );
        assert_eq!(pending_count(&db.pool).await.unwrap(), 3);
        assert_eq!(
            complete_unclaimed(&db.pool, &kind, &d1, later)
                .await
                .unwrap(),
            1
        );
        // The claimed one is left to its worker while the lease runs, and taken once it lapsed.
        assert_eq!(
            complete_unclaimed(&db.pool, &kind, &d3, now).await.unwrap(),
            0
        );
        let lapsed = now + lease + Duration::seconds(1);
        assert_eq!(
            complete_unclaimed(&db.pool, &kind, &d3, lapsed)
                .await
                .unwrap(),
            1
        );
        // d-2 is still to do.
        assert_eq!(pending_count(&db.pool).await.unwrap(), 1);
    }

    #[tokio::test]
    async fn the_job_of_a_daily_pass_is_queued_once_a_day() {
        let scratch = Scratch::new().await;
        let db = &scratch.db;
        let now: DateTime<Utc> = "2026-12-01T21:30:00Z".parse().unwrap();
        let today = local_date(now);
        let tomorrow = today + chrono::Days::new(1);
        let mut tx = db.begin().await.unwrap();
        for day in [today, today, tomorrow] {
            enqueue_for_day(&mut tx, &job("r-1"), now, "recheck:r-1", day, now);
        }
        enqueue_for_day(&mut tx, &job("r-2"), now, "recheck:r-2", today, now);
        tx.commit().await.unwrap();
        let keys: Vec<(String, String)> =
            sqlx::query("SELECT dedupe_key, key_day FROM jobs ORDER BY dedupe_key")
                .fetch_all(&db.pool)
                .await
                .unwrap()
                .iter()
                .map(|r| (r.text("dedupe_key").unwrap(), r.text("key_day").unwrap()))
                .collect();
        assert_eq!(
            keys,
            vec![
                (format!("recheck:r-1:{today}"), today.to_string()),
                (format!("recheck:r-1:{tomorrow}"), tomorrow.to_string()),
                (format!("recheck:r-2:{today}"), today.to_string()),
            ]
        );
    }

    #[tokio::test]
    async fn only_jobs_done_before_the_cutoff_and_without_a_key_held_for_good_are_purged() {
        let scratch = Scratch::new().await;
        let db = &scratch.db;
        let now: DateTime<Utc> = "2026-12-01T21:30:00Z".parse().unwrap();
        let cutoff = now - Duration::days(30);
        let second = Duration::seconds(1);
        let mut tx = db.begin().await.unwrap();
        // Done a second before the cutoff, at it, a second after; one before it with a key held
        // for good; one never done; two of a daily pass, done a second before and after it.
        for (id, key) in [
            ("before", None),
            ("at", None),
            ("after", None),
            ("keyed", Some("once:keyed")),
            ("pending", None),
        ] {
            enqueue(&mut tx, &job(id), cutoff - Duration::days(1), key, now);
        }
        let day = local_date(cutoff - Duration::days(1));
        for id in ["daily-before", "daily-after"] {
            enqueue_for_day(&mut tx, &job(id), cutoff - Duration::days(1), id, day, now);
        }
        tx.commit().await.unwrap();
        for (id, done_at) in [
            ("before", Some(cutoff - second)),
            ("at", Some(cutoff)),
            ("after", Some(cutoff + second)),
            ("keyed", Some(cutoff - second)),
            ("pending", None),
            ("daily-before", Some(cutoff - second)),
            ("daily-after", Some(cutoff + second)),
        ] {
            let payload = job(id).encode().1;
            sqlx::query("UPDATE jobs SET done_at = $1 WHERE payload = $2")
                .bind(done_at.map(ts))
                .bind(payload)
                .execute(&db.pool)
                .await
                .unwrap();
        }
        assert_eq!(purge_done(&db.pool, cutoff, 10).await.unwrap(), 2);
        let left: Vec<String> = sqlx::query("SELECT payload FROM jobs ORDER BY payload")
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.text("payload").unwrap())
            .collect();
        let expected: Vec<String> = ["after", "at", "daily-after", "keyed", "pending"]
            .into_iter()
            .map(|id| job(id).encode().1)
            .collect();
        let mut expected = expected;
        expected.sort();
        assert_eq!(left, expected);
        // A batch at a time.
        let mut tx = db.begin().await.unwrap();
        for n in 0..5 {
            enqueue(&mut tx, &job(&format!("old-{n}")), cutoff, None, now);
        }
        tx.commit().await.unwrap();
        sqlx::query("UPDATE jobs SET done_at = $1 WHERE payload LIKE '%old-%'")
            .bind(ts(cutoff - Duration::days(1)))
            .execute(&db.pool)
            .await
            .unwrap();
        assert_eq!(purge_done(&db.pool, cutoff, 3).await.unwrap(), 3);
        assert_eq!(purge_done(&db.pool, cutoff, 3).await.unwrap(), 2);
        assert_eq!(purge_done(&db.pool, cutoff, 3).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn the_jobs_a_worker_ran_are_marked_done_at_once_and_only_its_own() {
        let scratch = Scratch::new().await;
        let db = &scratch.db;
        let now = chrono::Utc::now();
        let lease = Duration::minutes(5);
        let mut tx = db.begin().await.unwrap();
        for id in ["d-1", "d-2", "d-3"] {
            enqueue(&mut tx, &job(id), now, None, now);
        }
        tx.commit().await.unwrap();
        let mine: Vec<String> = claim(&db.pool, "w", now, lease, 2)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        let theirs = claim(&db.pool, "v", now, lease, 2).await.unwrap();
        assert_eq!((mine.len(), theirs.len()), (2, 1));
        assert_eq!(complete(&db.pool, &[], "w", now).await.unwrap(), 0);
        // Another worker's job among the ids is not this worker's to mark.
        let mut ids = mine.clone();
        ids.push(theirs[0].id.clone());
        assert_eq!(complete(&db.pool, &ids, "w", now).await.unwrap(), 2);
        assert_eq!(pending_count(&db.pool).await.unwrap(), 1);
    }
}
