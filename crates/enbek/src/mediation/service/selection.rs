//! When mediation's selections are due: stored as due work in the transaction of the change that
//! calls for them, so a crash after its commit loses nothing, and run at once after the commit
//! for speed. It stands below the use cases that post a vacancy or save a resume and the
//! selection itself (`offers`), which the job dispatcher reaches, so none of them imports another
//! in a loop.

use chrono::{DateTime, Utc};

use crate::mediation::store::resumes;
use crate::platform::db::Tx;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::{run_now, Job};
use crate::platform::state::AppState;

/// When the nightly re-match runs (local time): after the day's changes, before the working day.
pub(crate) const REMATCH_AT: chrono::NaiveTime =
    chrono::NaiveTime::from_hms_opt(3, 0, 0).expect("a valid time");

/// A new vacancy's selection (214 p.69: within 1 working day) and the nightly re-match, stored
/// as due work in the transaction that posts the vacancy.
pub fn vacancy_selection_due(tx: &mut Tx, vacancy_id: &str, now: DateTime<Utc>) {
    jobs::enqueue(tx, &vacancy_job(vacancy_id), now, None, now);
    jobs::schedule_daily(tx, &Job::RematchAll, REMATCH_AT, now);
}

/// Runs a new vacancy's stored selection at once, after its commit; the job repeats it if this
/// pass fails or never comes.
pub async fn select_now_for_vacancy(state: &AppState, vacancy_id: &str) {
    run_now(state, vacancy_job(vacancy_id)).await;
}

/// A new job seeker's (or a new resume's) selection (214 p.36: within 2 working days), stored
/// as due work in the transaction of the change that calls for it.
pub fn seeker_selection_due(tx: &mut Tx, registration_id: &str, now: DateTime<Utc>) {
    jobs::enqueue(tx, &seeker_job(registration_id), now, None, now);
}

/// A new job seeker's selection, stored as due work in the transaction that registers them when
/// their account has a resume to select by; without one there is nothing to select by, and the
/// resume, when saved, calls for the selection itself. Whether it was stored.
pub async fn new_seeker_selection_due(
    tx: &mut Tx,
    registration_id: &str,
    account_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let Some(account_id) = account_id else {
        return Ok(false);
    };
    if !resumes::exists_for(tx, account_id).await? {
        return Ok(false);
    }
    seeker_selection_due(tx, registration_id, now);
    Ok(true)
}

/// Runs a job seeker's stored selection at once, after its commit, as above.
pub async fn select_now_for_seeker(state: &AppState, registration_id: &str) {
    run_now(state, seeker_job(registration_id)).await;
}

fn vacancy_job(vacancy_id: &str) -> Job {
    Job::SelectForVacancy {
        vacancy_id: vacancy_id.to_string(),
    }
}

fn seeker_job(registration_id: &str) -> Job {
    Job::SelectForSeeker {
        registration_id: registration_id.to_string(),
    }
}
