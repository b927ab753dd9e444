//! The job-loss social payment application (Social Code art.102; 214 p.57; guide step 4): an
//! unemployed person applies from the cabinet with an IBAN; the registries' record of
//! contributions decides whether it may go; it leaves for the State Social Insurance Fund as an
//! outbound message, retried until the fund confirms receipt.

use chrono::{DateTime, Utc};
use enbek_domain::delivery::Destination;
use enbek_domain::ids::{Iban, Iin};
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registration::jobloss::{assess, ApplicationStatus};
use enbek_domain::registration::Status;
use serde_json::json;

use crate::exchange::outbound;
use crate::platform::audit;
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::registration::error::Code;
use crate::registration::error::{Error, Result};
use crate::registration::notices::Kind;
use crate::registration::service::cards::registration_by_id;
use crate::registration::service::registration::recipient;
use crate::registration::store::jobloss::{self, Application};
use crate::registration::store::registrations;

/// An application with when the fund confirmed receipt of it.
pub struct Shown {
    pub application: Application,
    pub delivered_to_fund_at: Option<DateTime<Utc>>,
}

async fn shown(state: &AppState, application: Application) -> Result<Shown> {
    let delivered_to_fund_at = match &application.message_id {
        Some(id) => outbound::by_id(&state.db.pool, id)
            .await?
            .and_then(|m| m.delivered_at),
        None => None,
    };
    Ok(Shown {
        application,
        delivered_to_fund_at,
    })
}

/// The latest application of the account.
pub async fn mine(state: &AppState, account_id: &str) -> Result<Shown> {
    let application = jobloss::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    shown(state, application).await
}

/// Takes an application from the person's cabinet and checks it at once; a silent registry
/// leaves it `checking`, to be retried.
pub async fn apply(state: &AppState, account_id: &str, iban: &str) -> Result<Shown> {
    let iban = Iban::parse(iban)?;
    let reg = registrations::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoRegistration))?;
    if reg.status != Status::Unemployed {
        return Err(Error::new(Common::InvalidState)
            .detail("the job-loss payment is for a person registered as unemployed"));
    }
    let now = state.clock.now();
    let application = Application {
        id: new_id(),
        registration_id: reg.id.clone(),
        account_id: account_id.to_string(),
        iban: iban.as_str().to_string(),
        status: ApplicationStatus::Checking,
        assessment: None,
        submitted_at: now,
        decided_at: None,
        message_id: None,
    };
    let mut tx = state.db.begin().await?;
    match jobloss::insert(&mut tx, &application).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::new(Code::JoblossApplicationExists))
        }
        other => other?,
    }
    let job = Job::CheckJobloss {
        application_id: application.id.clone(),
    };
    jobs::enqueue(&mut tx, &job, now, None, now);
    audit::Entry::new(now, "apply", "jobloss_application", &application.id)
        .by(account_id)
        .after(json!({ "registration_id": reg.id, "status": ApplicationStatus::Checking.as_str() }))
        .record(&mut tx);
    tx.commit().await?;
    if let Err(e) = check(state, &application.id).await {
        tracing::warn!(application = %application.id, error = %e, "job-loss check deferred");
    }
    let application = jobloss::by_id(&state.db.pool, &application.id)
        .await?
        .ok_or_else(Error::not_found)?;
    shown(state, application).await
}

/// What a changed IBAN is spent as: a confirming proof serves one change only.
const IBAN_CHANGE: &str = "iban_change";

/// Changes the bank account of the person's application. A change of where money goes is
/// confirmed by a fresh identity proof (a code to the registry's phone or a signature), told to
/// the person on every channel, and, once the application is with the fund, sent to the fund.
pub async fn change_iban(
    state: &AppState,
    account_id: &str,
    account_iin: &str,
    iban: &str,
    proof_id: &str,
) -> Result<Shown> {
    let iban = Iban::parse(iban)?;
    let application = jobloss::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if application.status == ApplicationStatus::NotEligible {
        return Err(Error::new(Common::InvalidState)
            .detail("the application was not sent: there is no payment to redirect"));
    }
    let reg = registration_by_id(state, &application.registration_id).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    crate::accounts::interface::confirm(
        now,
        &mut tx,
        account_id,
        account_iin,
        proof_id,
        IBAN_CHANGE,
        None,
    )
    .await?;
    jobloss::set_iban(&mut tx, &application.id, iban.as_str()).await?;
    if application.status == ApplicationStatus::SentToFund {
        let message = json!({
            "application_id": application.id,
            "change": IBAN_CHANGE,
            "iban": iban.as_str(),
            "changed_at": now,
        });
        to_fund(&mut tx, &application.id, &message, now).await?;
    }
    let args = Args {
        date: local_date(now).to_string(),
        reference: application.id.clone(),
        note: masked_iban(iban.as_str()),
        ..Args::default()
    };
    let to = recipient(&mut tx, &reg).await?;
    notify::send(&mut tx, &to, Kind::IbanChanged, &args, now).await?;
    audit::Entry::new(now, "change_iban", "jobloss_application", &application.id)
        .by(account_id)
        .before(json!({ "iban": masked_iban(&application.iban) }))
        .after(json!({ "iban": masked_iban(iban.as_str()), "proof_id": proof_id }))
        .record(&mut tx);
    tx.commit().await?;
    let application = jobloss::by_id(&state.db.pool, &application.id)
        .await?
        .ok_or_else(Error::not_found)?;
    shown(state, application).await
}

/// An IBAN with all but its last four characters hidden.
pub fn masked_iban(iban: &str) -> String {
    let hidden = iban.len().saturating_sub(4);
    format!("{}{}", "*".repeat(hidden), &iban[hidden..])
}

/// Checks an application against the registries' contributions (guide step 4: at least 6 of
/// the 24 months before registration) and sends it to the fund, or tells the person why not.
/// An error (a silent registry) leaves the job to be retried.
pub async fn check(state: &AppState, application_id: &str) -> anyhow::Result<()> {
    let Some(application) = jobloss::by_id(&state.db.pool, application_id).await? else {
        return Ok(());
    };
    if application.status != ApplicationStatus::Checking {
        return Ok(());
    }
    let Some(reg) = registrations::by_id(&state.db.pool, &application.registration_id).await?
    else {
        return Ok(());
    };
    let registered_on = reg
        .unemployed_since
        .ok_or_else(|| anyhow::anyhow!("an unemployed registration without its day"))?;
    let iin = Iin::parse(&reg.iin)?;
    let person = state
        .registry()
        .person(&iin)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the registries no longer know the person"))?;
    let assessment = assess(&person, registered_on, &state.parameters());
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let (status, message_id, kind) = if assessment.eligible {
        let message = json!({
            "application_id": application.id,
            "iin": reg.iin,
            "iban": application.iban,
            "registration_id": reg.id,
            "unemployed_since": registered_on,
            "submitted_at": application.submitted_at,
            "assessment": assessment,
        });
        let message_id = to_fund(&mut tx, &application.id, &message, now).await?;
        (
            ApplicationStatus::SentToFund,
            Some(message_id),
            Kind::JoblossSubmitted,
        )
    } else {
        (
            ApplicationStatus::NotEligible,
            None,
            Kind::JoblossNotEligible,
        )
    };
    let decided = jobloss::decide(
        &mut tx,
        &application.id,
        status,
        &assessment,
        message_id.as_deref(),
        now,
    )
    .await?;
    if !decided {
        return Ok(());
    }
    tell(
        &mut tx,
        &reg,
        &application,
        kind,
        assessment.months_in_window,
        now,
    )
    .await?;
    audit::Entry::new(now, "check", "jobloss_application", &application.id)
        .before(json!({ "status": ApplicationStatus::Checking.as_str() }))
        .after(json!({ "status": status.as_str(), "assessment": assessment }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// Writes a message for the State Social Insurance Fund about an application and schedules its
/// delivery (retried until the fund confirms receipt), in the caller's transaction.
async fn to_fund(
    tx: &mut Tx,
    application_id: &str,
    message: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let message_id = new_id();
    outbound::insert(
        tx,
        &message_id,
        Destination::SocialInsuranceFund,
        application_id,
        message,
        now,
    )
    .await?;
    let job = Job::DeliverOutbound {
        message_id: message_id.clone(),
    };
    jobs::enqueue(tx, &job, now, None, now);
    Ok(message_id)
}

async fn tell(
    tx: &mut Tx,
    reg: &registrations::Registration,
    application: &Application,
    kind: Kind,
    months: u32,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let args = Args {
        date: local_date(now).to_string(),
        reference: application.id.clone(),
        months,
        ..Args::default()
    };
    let to = recipient(tx, reg).await?;
    notify::send(tx, &to, kind, &args, now).await
}
