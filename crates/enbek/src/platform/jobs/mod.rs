//! Background work: due jobs are claimed from the database and handled here. The worker inside
//! `serve` looks for due work every interval; when development mode has set the clock by hand,
//! due work runs only through `runDueJobs`, so tests decide when time passes.

pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Every kind of due work, with its typed payload. A job is stored as its `kind` (the variant's
/// name in snake case) and the rest as a JSON payload; the composition root dispatches each kind
/// to the context that owns it. A job is enqueued in the transaction of the change that causes
/// it (`store::enqueue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Deliver one e-mail or SMS from the outbox.
    DeliverNotification { notification_id: String },
    /// Check an application against the state registries (again, if they did not answer).
    VerifyRegistration { registration_id: String },
    /// Register a job seeker as unemployed when the selection period ends (214 p.38).
    RegisterUnemployed { registration_id: String },
    /// Decide a job seeker who refused an offer, as of the refusal's day (214 p.38).
    RegisterAfterRefusal {
        registration_id: String,
        at: DateTime<Utc>,
    },
    /// Decide a job seeker the employer refused once the selection period is over (214 p.38).
    RegisterAfterEmployerRefusal {
        registration_id: String,
        at: DateTime<Utc>,
    },
    /// The daily pass over all unemployed persons.
    RecheckUnemployedAll,
    /// Re-check one unemployed person against the registries (214 p.51(1), 214 p.51(5)).
    RecheckUnemployed { registration_id: String },
    /// Check a job-loss payment application against the registries' contributions.
    CheckJobloss { application_id: String },
    /// Deliver one message to another state system (the social insurance fund).
    DeliverOutbound { message_id: String },
    /// Remind a person of a contact of their plan's schedule, the working day before.
    RemindContact { item_id: String },
    /// The employer's silence on a referred candidate becomes a refusal (214 p.75).
    EmployerSilence { offer_id: String },
    /// Offer a new vacancy to the best suitable registered people (214 p.69).
    SelectForVacancy { vacancy_id: String },
    /// The nightly re-match: the matching index built again, every open vacancy's selection due.
    RematchAll,
    /// Offer a new job seeker the best suitable vacancies (214 p.36).
    SelectForSeeker { registration_id: String },
    /// Ask the registry about an employer it did not answer on (214 p.66; 206 p.10).
    VerifyEmployer { employer_id: String },
    /// Remind the employer to decide on a referred candidate (214 p.73).
    RemindEmployer { offer_id: String },
    /// Tell the owners of saved searches that find a new vacancy (214 p.77).
    NotifySavedSearches { vacancy_id: String },
    /// The term to answer an offer made to an unemployed person is over: an answer missing or
    /// late goes to the career center's work queue (214 p.51(2), 214 p.72).
    LateOfferAnswer { offer_id: String },
    /// Check and write an administrator's reference file (organisations, occupations,
    /// localities), recording its progress.
    ImportReference { import_id: String },
    /// Render, sign and store a recorded document (again, if the signer did not answer).
    IssueDocument { document_id: String },
    /// Decide an application for a referral to an active measure (again, if the registries did
    /// not answer; 129 App.2 p.3).
    DecideReferral { referral_id: String },
    /// The nightly purge of the jobs done more than `DONE_KEPT_DAYS` ago (`purge_done`).
    PurgeDoneJobs,
}

impl Job {
    /// The stored form: the kind, and the payload without it.
    pub fn encode(&self) -> (String, String) {
        let mut value = serde_json::to_value(self).expect("a job serialises");
        let object = value.as_object_mut().expect("a job is an object");
        let kind = match object.remove("kind") {
            Some(serde_json::Value::String(kind)) => kind,
            _ => unreachable!("the kind tag is a string"),
        };
        (kind, value.to_string())
    }

    /// A stored job read back; an unknown kind or a payload that does not fit it is an error.
    pub fn decode(kind: &str, payload: &str) -> Result<Job, serde_json::Error> {
        let mut value: serde_json::Value = serde_json::from_str(payload)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("kind".into(), serde_json::Value::String(kind.into()));
        }
        serde_json::from_value(value)
    }
}

/// Runs a stored job at once, after the commit of the change that stored it, for speed; the
/// stored job repeats it if this pass fails or never comes, so a failure here is only logged.
/// Once this pass has done the work, the stored job is marked done (`done_now`).
pub async fn run_now(state: &AppState, job: Job) {
    let dispatch = state.part::<std::sync::Arc<dyn Dispatch>>();
    match dispatch.run(state, job.clone()).await {
        Ok(()) => done_now(state, &job).await,
        Err(e) => tracing::warn!(kind = %job.encode().0, error = %e, "deferred to the stored job"),
    }
}

/// The work of the stored `job` was just done outside a worker: the stored ones due and not
/// claimed are marked done, so that no worker repeats it (a claimed one is left to its worker:
/// every job is safe to run again). A failure only leaves them to run once more.
pub async fn done_now(state: &AppState, job: &Job) {
    let (kind, payload) = job.encode();
    let now = state.clock.now();
    if let Err(e) = store::complete_unclaimed(&state.db.pool, &kind, &payload, now).await {
        tracing::warn!(kind = %kind, error = %e, "the job done at once is left to run again");
    }
}

/// Runs a job: the composition root's dispatcher, registered as a part at start.
#[async_trait::async_trait]
pub trait Dispatch: Send + Sync {
    async fn run(&self, state: &AppState, job: Job) -> anyhow::Result<()>;
}

use chrono::Duration;
use std::time::{Duration as StdDuration, Instant};

use crate::platform::state::AppState;

const LEASE_MINUTES: i64 = 5;
/// How many due jobs a worker claims at a time: one claim serves them all, and one statement
/// marks them done.
const BATCH: i64 = 16;
/// How long a job run waits at most for its done mark while the batch goes on (well within its
/// lease, so that no other worker takes it again).
const MARK_DONE_WITHIN: StdDuration = StdDuration::from_secs(1);

/// Runs every job due at the clock's now, claimed `BATCH` at a time; returns how many completed.
pub async fn run_due(state: &AppState) -> anyhow::Result<u64> {
    let mut processed = 0;
    loop {
        let now = state.clock.now();
        let claimed = store::claim(
            &state.db.pool,
            &state.worker_id,
            now,
            Duration::minutes(LEASE_MINUTES),
            BATCH,
        )
        .await?;
        if claimed.is_empty() {
            return Ok(processed);
        }
        // The e-mails and SMS apart, to be delivered together; every other job with its decoding.
        let mut notices = Vec::new();
        let mut others = Vec::with_capacity(claimed.len());
        for job in claimed {
            match Job::decode(&job.kind, &job.payload) {
                Ok(Job::DeliverNotification { notification_id }) => {
                    notices.push((job, notification_id));
                }
                decoded => {
                    let decoded = decoded
                        .map_err(|e| anyhow::anyhow!("job {} of kind {}: {e}", job.id, job.kind));
                    others.push((job, decoded));
                }
            }
        }
        // The e-mails and SMS of the batch first, delivered together. The jobs run are marked
        // done together: at the end of the batch, or before the next job once the first of them
        // waited `MARK_DONE_WITHIN`.
        let mut done = deliver_claimed(state, notices).await?;
        let mut first_done = Instant::now();
        for (job, decoded) in others {
            if !done.is_empty() && first_done.elapsed() >= MARK_DONE_WITHIN {
                processed += mark_done(state, &mut done).await?;
            }
            let outcome = match decoded {
                Ok(decoded) => {
                    let dispatch = state.part::<std::sync::Arc<dyn Dispatch>>();
                    dispatch.run(state, decoded).await
                }
                Err(e) => Err(e),
            };
            if let Some(id) = settle(state, job, outcome).await? {
                if done.is_empty() {
                    first_done = Instant::now();
                }
                done.push(id);
            }
        }
        processed += mark_done(state, &mut done).await?;
    }
}

/// Runs the claimed `DeliverNotification` jobs of a batch at once (`notify::deliver_all`: one
/// read and one mark for all): the ids of those that succeeded, to be marked done.
async fn deliver_claimed(
    state: &AppState,
    jobs: Vec<(store::Claimed, String)>,
) -> anyhow::Result<Vec<String>> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = jobs.iter().map(|(_, id)| id.clone()).collect();
    let delivered = crate::platform::notify::deliver_all(state, &ids).await;
    let mut done = Vec::with_capacity(jobs.len());
    for (job, notification_id) in jobs {
        let outcome = match &delivered {
            Ok(failed) => match failed.get(&notification_id) {
                Some(e) => Err(anyhow::anyhow!("{e}")),
                None => Ok(()),
            },
            Err(e) => Err(anyhow::anyhow!("{e}")),
        };
        if let Some(id) = settle(state, job, outcome).await? {
            done.push(id);
        }
    }
    Ok(done)
}

/// Marks done the jobs this worker ran (`done`, emptied); returns how many.
async fn mark_done(state: &AppState, done: &mut Vec<String>) -> anyhow::Result<u64> {
    let marked = store::complete(&state.db.pool, done, &state.worker_id, state.clock.now()).await?;
    done.clear();
    Ok(marked)
}

/// Records how a claimed job ran: its id when it succeeded (to be marked done), None when it
/// failed and was released to run again after its backoff.
async fn settle(
    state: &AppState,
    job: store::Claimed,
    outcome: anyhow::Result<()>,
) -> anyhow::Result<Option<String>> {
    let label = if outcome.is_ok() { "done" } else { "retry" };
    state.metrics.job(&job.kind, label);
    match outcome {
        Ok(()) => Ok(Some(job.id)),
        Err(e) => {
            let retry_at = state.clock.now() + backoff(job.attempts);
            tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job failed; will retry");
            store::fail(&state.db.pool, &job.id, &e.to_string(), retry_at).await?;
            Ok(None)
        }
    }
}

/// How long a job done is kept (for a look at what ran) before the nightly purge deletes it.
pub const DONE_KEPT_DAYS: i64 = 30;

/// When the nightly purge runs (local time), before the re-match at 3:00.
const PURGE_AT: chrono::NaiveTime =
    chrono::NaiveTime::from_hms_opt(2, 30, 0).expect("a valid time");

/// Rows deleted by one statement of the purge, so that no statement holds the table long.
const PURGE_BATCH: i64 = 10_000;

/// Makes sure the nightly purge is due (once a night, whichever server asks): at start, and by
/// each purge for the next night.
pub async fn schedule_purge(state: &AppState) -> Result<(), sqlx::Error> {
    let mut tx = state.db.begin().await?;
    store::schedule_daily(&mut tx, &Job::PurgeDoneJobs, PURGE_AT, state.clock.now());
    tx.commit().await
}

/// Deletes the jobs done more than `DONE_KEPT_DAYS` ago, `PURGE_BATCH` at a time, and makes the
/// next night's purge due. At national scale every application leaves several done jobs, which
/// the claims never read again (their index holds only the pending) but the table would keep for
/// ever. A job whose dedupe key holds for good is kept, since its key is what stops the same
/// work from being queued again; one keyed for its day only (a daily pass's) is not.
pub async fn purge_done(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let before = now - Duration::days(DONE_KEPT_DAYS);
    let mut purged = 0;
    loop {
        let n = store::purge_done(&state.db.pool, before, PURGE_BATCH).await?;
        purged += n;
        if n < PURGE_BATCH as u64 {
            break;
        }
    }
    tracing::info!(purged, "jobs done before {} purged", before.date_naive());
    schedule_purge(state).await?;
    Ok(())
}

/// How many jobs wait to be run, for the health check.
pub async fn pending_count(state: &AppState) -> Result<i64, sqlx::Error> {
    store::pending_count(&state.db.pool).await
}

/// 1, 2, 4 … minutes after each failure, at most an hour: retried until it succeeds.
pub fn backoff(attempts: i64) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 7) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exp).min(60))
}

/// The worker inside `serve`.
pub fn spawn_worker(state: AppState, interval: StdDuration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if state.clock.is_manual() {
                continue;
            }
            if let Err(e) = run_due(&state).await {
                tracing::error!(error = %e, "background worker pass failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_and_stops_at_an_hour() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(4), Duration::minutes(8));
        assert_eq!(backoff(7), Duration::minutes(60));
        assert_eq!(backoff(50), Duration::minutes(60));
    }
}
