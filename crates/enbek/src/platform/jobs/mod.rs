//! Background work: due jobs are claimed from the database and handled here. The worker inside
//! `serve` looks for due work every interval; when development mode has set the clock by hand,
//! due work runs only through `runDueJobs`, so tests decide when time passes.

pub mod store;

pub mod kinds {
    /// Deliver one e-mail or SMS from the outbox.
    pub const DELIVER_NOTIFICATION: &str = "deliver_notification";
    /// Check an application against the state registries (again, if they did not answer).
    pub const VERIFY_REGISTRATION: &str = "verify_registration";
    /// Register a job seeker as unemployed when the selection period ends (214 p.38).
    pub const REGISTER_UNEMPLOYED: &str = "register_unemployed";
    /// Decide a job seeker who refused an offer, as of the refusal's day (214 p.38).
    pub const REGISTER_AFTER_REFUSAL: &str = "register_after_refusal";
    /// Decide a job seeker the employer refused once the selection period is over (214 p.38).
    pub const REGISTER_AFTER_EMPLOYER_REFUSAL: &str = "register_after_employer_refusal";
    /// The daily pass over all unemployed persons.
    pub const RECHECK_UNEMPLOYED_ALL: &str = "recheck_unemployed_all";
    /// Re-check one unemployed person against the registries (214 p.51(1), 214 p.51(5)).
    pub const RECHECK_UNEMPLOYED: &str = "recheck_unemployed";
    /// Check a job-loss payment application against the registries' contributions.
    pub const CHECK_JOBLOSS: &str = "check_jobloss";
    /// Deliver one message to another state system (the social insurance fund).
    pub const DELIVER_OUTBOUND: &str = "deliver_outbound";
    /// Remind a person of a contact of their plan's schedule, the working day before.
    pub const REMIND_CONTACT: &str = "remind_contact";
    /// The employer's silence on a referred candidate becomes a refusal (214 p.75).
    pub const EMPLOYER_SILENCE: &str = "employer_silence";
    /// Offer a new vacancy to the best suitable registered people (214 p.69).
    pub const SELECT_FOR_VACANCY: &str = "select_for_vacancy";
    /// The nightly re-match: the matching index built again, every open vacancy's selection due.
    pub const REMATCH_ALL: &str = "rematch_all";
    /// Offer a new job seeker the best suitable vacancies (214 p.36).
    pub const SELECT_FOR_SEEKER: &str = "select_for_seeker";
    /// Ask the registry about an employer it did not answer on (214 p.66; 206 p.10).
    pub const VERIFY_EMPLOYER: &str = "verify_employer";
    /// Remind the employer to decide on a referred candidate (214 p.73).
    pub const REMIND_EMPLOYER: &str = "remind_employer";
    /// Tell the owners of saved searches that find a new vacancy (214 p.77).
    pub const NOTIFY_SAVED_SEARCHES: &str = "notify_saved_searches";
}

use chrono::Duration;
use serde::Deserialize;
use std::time::Duration as StdDuration;

use crate::platform::jobs::store as jobs;

use crate::platform::notify::store as notifications;

use crate::exchange::outbound;
use crate::mediation::service::offers;
use crate::platform::notify::delivery::Outcome;
use crate::platform::state::AppState;
use crate::registration::service::jobloss;
use crate::registration::service::plans;
use crate::registration::service::unemployment;

const LEASE_MINUTES: i64 = 5;

/// Runs every job due at the clock's now; returns how many completed.
pub async fn run_due(state: &AppState) -> anyhow::Result<u64> {
    let mut processed = 0;
    loop {
        let now = state.clock.now();
        let Some(job) = jobs::claim(
            &state.db.pool,
            &state.worker_id,
            now,
            Duration::minutes(LEASE_MINUTES),
        )
        .await?
        else {
            return Ok(processed);
        };
        let outcome = handle(state, &job).await;
        let label = if outcome.is_ok() { "done" } else { "retry" };
        state.metrics.job(&job.kind, label);
        match outcome {
            Ok(()) => {
                let mut tx = state.db.begin().await?;
                jobs::complete(&mut tx, &job.id, &state.worker_id, state.clock.now()).await?;
                tx.commit().await?;
                processed += 1;
            }
            Err(e) => {
                let retry_at = state.clock.now() + backoff(job.attempts);
                tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %e, "job failed; will retry");
                jobs::fail(&state.db.pool, &job.id, &e.to_string(), retry_at).await?;
            }
        }
    }
}

/// 1, 2, 4 … minutes after each failure, at most an hour: retried until it succeeds.
pub fn backoff(attempts: i64) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 7) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exp).min(60))
}

#[derive(Deserialize)]
struct DeliverPayload {
    notification_id: String,
}

#[derive(Deserialize)]
struct ApplicationPayload {
    application_id: String,
}

#[derive(Deserialize)]
struct VacancyPayload {
    vacancy_id: String,
}

#[derive(Deserialize)]
struct EmployerPayload {
    employer_id: String,
}

#[derive(Deserialize)]
struct OfferPayload {
    offer_id: String,
}

#[derive(Deserialize)]
struct ItemPayload {
    item_id: String,
}

#[derive(Deserialize)]
struct MessagePayload {
    message_id: String,
}

#[derive(Deserialize)]
struct RegistrationPayload {
    registration_id: String,
}

#[derive(Deserialize)]
struct RegistrationAtPayload {
    registration_id: String,
    at: chrono::DateTime<chrono::Utc>,
}

async fn handle(state: &AppState, job: &jobs::Claimed) -> anyhow::Result<()> {
    match job.kind.as_str() {
        kinds::DELIVER_NOTIFICATION => {
            let p: DeliverPayload = serde_json::from_str(&job.payload)?;
            deliver(state, &p.notification_id).await
        }
        kinds::VERIFY_REGISTRATION => {
            let p: RegistrationPayload = serde_json::from_str(&job.payload)?;
            crate::registration::service::registration::verify(state, &p.registration_id).await
        }
        kinds::REGISTER_UNEMPLOYED => {
            let p: RegistrationPayload = serde_json::from_str(&job.payload)?;
            unemployment::register(state, &p.registration_id).await
        }
        kinds::REGISTER_AFTER_REFUSAL => {
            let p: RegistrationAtPayload = serde_json::from_str(&job.payload)?;
            unemployment::register_on_refusal(state, &p.registration_id, p.at).await
        }
        kinds::REGISTER_AFTER_EMPLOYER_REFUSAL => {
            let p: RegistrationAtPayload = serde_json::from_str(&job.payload)?;
            unemployment::register_if_period_over(state, &p.registration_id, p.at).await
        }
        kinds::CHECK_JOBLOSS => {
            let p: ApplicationPayload = serde_json::from_str(&job.payload)?;
            jobloss::check(state, &p.application_id).await
        }
        kinds::DELIVER_OUTBOUND => {
            let p: MessagePayload = serde_json::from_str(&job.payload)?;
            deliver_outbound(state, &p.message_id).await
        }
        kinds::REMIND_CONTACT => {
            let p: ItemPayload = serde_json::from_str(&job.payload)?;
            plans::remind(state, &p.item_id).await
        }
        kinds::SELECT_FOR_VACANCY => {
            let p: VacancyPayload = serde_json::from_str(&job.payload)?;
            offers::select_for_vacancy(state, &p.vacancy_id).await
        }
        kinds::REMATCH_ALL => offers::rematch_all(state).await,
        kinds::SELECT_FOR_SEEKER => {
            let p: RegistrationPayload = serde_json::from_str(&job.payload)?;
            offers::select_for_seeker(state, &p.registration_id).await
        }
        kinds::NOTIFY_SAVED_SEARCHES => {
            let p: VacancyPayload = serde_json::from_str(&job.payload)?;
            crate::mediation::service::saved_searches::notify_for_vacancy(state, &p.vacancy_id)
                .await
        }
        kinds::EMPLOYER_SILENCE => {
            let p: OfferPayload = serde_json::from_str(&job.payload)?;
            offers::employer_silent(state, &p.offer_id).await
        }
        kinds::VERIFY_EMPLOYER => {
            let p: EmployerPayload = serde_json::from_str(&job.payload)?;
            crate::mediation::service::employers::verify(state, &p.employer_id).await
        }
        kinds::REMIND_EMPLOYER => {
            let p: OfferPayload = serde_json::from_str(&job.payload)?;
            offers::remind_employer(state, &p.offer_id).await
        }
        kinds::RECHECK_UNEMPLOYED_ALL => unemployment::recheck_all(state).await,
        kinds::RECHECK_UNEMPLOYED => {
            let p: RegistrationPayload = serde_json::from_str(&job.payload)?;
            unemployment::recheck(state, &p.registration_id).await
        }
        other => anyhow::bail!("unknown job kind {other}"),
    }
}

/// Delivers one e-mail or SMS; a delivered one is left alone (idempotent on retry).
async fn deliver(state: &AppState, id: &str) -> anyhow::Result<()> {
    let Some(n) = notifications::by_id(&state.db.pool, id).await? else {
        return Ok(());
    };
    if n.status != notifications::PENDING {
        return Ok(());
    }
    match state.delivery.send(&n).await {
        Ok(outcome) => {
            notifications::mark_delivered(&state.db.pool, id, state.clock.now()).await?;
            count_delivery(state, &n.channel, outcome);
            Ok(())
        }
        Err(e) => {
            notifications::mark_failed(&state.db.pool, id, &e.to_string()).await?;
            state.metrics.notification(&n.channel, "failed");
            Err(e)
        }
    }
}

fn count_delivery(state: &AppState, channel: &str, outcome: Outcome) {
    let label = match outcome {
        Outcome::Sent => "sent",
        Outcome::KeptInDevOutbox => "dev_outbox",
    };
    state.metrics.notification(channel, label);
}

/// Delivers one message to another state system; a delivered one is left alone.
async fn deliver_outbound(state: &AppState, message_id: &str) -> anyhow::Result<()> {
    let Some(message) = outbound::by_id(&state.db.pool, message_id).await? else {
        return Ok(());
    };
    if message.status != outbound::PENDING {
        return Ok(());
    }
    match state.delivery.to_fund(&message.payload).await {
        Ok(outcome) => {
            outbound::mark_delivered(&state.db.pool, &message.id, state.clock.now()).await?;
            count_delivery(state, &message.destination, outcome);
            Ok(())
        }
        Err(e) => {
            outbound::mark_failed(&state.db.pool, &message.id, &e.to_string()).await?;
            state.metrics.notification(&message.destination, "failed");
            Err(e)
        }
    }
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
