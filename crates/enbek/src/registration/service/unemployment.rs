//! Registration as unemployed and deregistration (214 ch.3, 214 p.51–52): the
//! selection period started at a job seeker's registration ends in due work that registers the
//! person as unemployed or refuses on a ground of 214 p.41; the registries are re-checked daily;
//! officers deregister on the grounds of 214 p.51; the person asks for the 214 App.9 information.

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use enbek_domain::ids::Iin;
use enbek_domain::monitoring::{Service, Stage};
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::reference::parameters::keys;
use enbek_domain::registration::unemployment::{
    self as rules, decide_unemployed, Circumstance, CircumstanceSource, Deregistration,
    UnemployedRefusal,
};
use enbek_domain::registration::Status;
use serde_json::json;

use crate::platform::audit;
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::monitoring::{self, NewRequest};
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::registration::error::{Error, Result};
use crate::registration::notices::Kind;
use crate::registration::notices::{ground, GroundOf};
use crate::registration::service::cards::registration_by_id;
use crate::registration::service::cards::registration_in_scope;
use crate::registration::service::papers;
use crate::registration::service::shown::{center_name, recipient_with_assistant, shown, Shown};
use crate::registration::store::circumstances::{self, Report};
use crate::registration::store::persons;
use crate::registration::store::registrations::{self, Ending, Registration};

/// The monitored public service "Registration of the unemployed" (214 p.43).
pub const SERVICE: Service = Service::UnemployedRegistration;

/// The registries are re-checked for every unemployed person once a day, at this local hour.
const RECHECK_AT: NaiveTime = NaiveTime::from_hms_opt(2, 0, 0).expect("a valid time");

/// How many registrations one pass of the daily re-check reads at a time.
const RECHECK_PAGE: i64 = 500;

fn monitoring_subject(registration_id: &str) -> String {
    format!("{registration_id}/unemployed")
}

/// Starts the selection period of a job seeker just registered (214 p.23, 214 p.36): when it ends,
/// due work registers the person as unemployed (214 p.38). Called in the transaction of the
/// registration, once its decision is set; the period's end is kept in `reg`, and written with
/// the decision; its service request is opened in `opened`, written with the registration's.
pub async fn begin_selection(
    tx: &mut Tx,
    state: &AppState,
    reg: &mut Registration,
    opened: &mut monitoring::Opened,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let registered_at = reg.decided_at.unwrap_or(reg.received_at);
    let ends = selection_period_end(state, reg);
    reg.selection_ends_at = Some(ends);
    let center = crate::reference::interface::organization(state, &reg.career_center_id).await?;
    let subject = monitoring_subject(&reg.id);
    opened.open(
        &NewRequest {
            service: SERVICE,
            subject_id: &subject,
            channel: reg.channel,
            organization_id: &reg.career_center_id,
            region_code: center.as_ref().map_or("", |c| c.region_code.as_str()),
            received_at: registered_at,
            due_at: ends,
        },
        now,
    );
    let job = Job::RegisterUnemployed {
        registration_id: reg.id.clone(),
    };
    let key = format!("register_unemployed:{}", reg.id);
    jobs::enqueue(tx, &job, ends, Some(&key), now);
    Ok(())
}

/// The job seeker closed the registration during the selection period.
pub async fn withdraw(
    tx: &mut Tx,
    registration_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    monitoring::advance(
        tx,
        &monitoring_subject(registration_id),
        Stage::Withdrawn,
        now,
    )
    .await
}

/// Registers a job seeker as unemployed when the selection period has ended, or refuses on a ground
/// of 214 p.41 (214 p.38, 214 p.41, 214 p.53–56). The person is unemployed from the day after the
/// period, and the grounds are judged on that day, however late the registries answer. An error (a
/// silent registry) leaves the job to be retried; a registration no longer waiting is left alone.
pub async fn register(state: &AppState, registration_id: &str) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    if reg.status != Status::JobSeeker {
        return Ok(());
    }
    let ends = selection_ends(state, &reg);
    let now = state.clock.now();
    if now < ends {
        // Only a clock set back runs this early: keep the job for when the period is over.
        anyhow::bail!("the selection period ends at {ends}");
    }
    // 214 p.38: an accepted offer awaiting the employer's decision is decided with that decision.
    if state
        .mediation()
        .awaiting_employer(&state.db.pool, &reg.id)
        .await?
    {
        anyhow::bail!("an accepted offer awaits the employer's decision");
    }
    decide_on(state, &reg, local_date(ends)).await
}

/// 214 p.38: a job seeker who refuses an offered job is evaluated at once, as of the day of
/// the refusal (`at`). Stored as due work in the refusal's transaction
/// (`decision_after_refusal_due`) and run at once after its commit; a registration no longer
/// waiting is left alone.
pub async fn register_on_refusal(
    state: &AppState,
    registration_id: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    if reg.status != Status::JobSeeker {
        return Ok(());
    }
    decide_on(state, &reg, local_date(at)).await
}

/// Stores the decision after a job seeker's refusal (p.38) in the refusal's transaction.
pub fn decision_after_refusal_due(tx: &mut Tx, registration_id: &str, now: DateTime<Utc>) {
    let job = Job::RegisterAfterRefusal {
        registration_id: registration_id.to_string(),
        at: now,
    };
    let key = format!("register_after_refusal:{registration_id}");
    jobs::enqueue(tx, &job, now, Some(&key), now);
}

/// Stores the decision after the employer's refusal of a job seeker (p.38) in the transaction
/// of that refusal.
pub fn decision_after_employer_refusal_due(
    tx: &mut Tx,
    registration_id: &str,
    offer_id: &str,
    now: DateTime<Utc>,
) {
    let job = Job::RegisterAfterEmployerRefusal {
        registration_id: registration_id.to_string(),
        at: now,
    };
    let key = format!("register_after_employer_refusal:{offer_id}");
    jobs::enqueue(tx, &job, now, Some(&key), now);
}

/// The end of a job seeker's selection period as it was given on registration: a later change of
/// the calendar or of the parameters does not move a term already given. A registration made
/// before the end was kept has it counted again.
fn selection_ends(state: &AppState, reg: &Registration) -> DateTime<Utc> {
    reg.selection_ends_at
        .unwrap_or_else(|| selection_period_end(state, reg))
}

/// The end of a job seeker's selection period, counted from the registration's decision, by the
/// channel of the registration (214 p.23, 214 p.36).
fn selection_period_end(state: &AppState, reg: &Registration) -> DateTime<Utc> {
    let registered_at = reg.decided_at.unwrap_or(reg.received_at);
    rules::selection_ends(
        &state.calendar(),
        &state.parameters(),
        reg.channel,
        registered_at,
    )
}

/// 214 p.38: after the employer's refusal (at `at`), a job seeker whose selection period was
/// over then is decided as of that day; during the period, its end decides as usual.
pub async fn register_if_period_over(
    state: &AppState,
    registration_id: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    if reg.status != Status::JobSeeker || at < selection_ends(state, &reg) {
        return Ok(());
    }
    if state
        .mediation()
        .awaiting_employer(&state.db.pool, &reg.id)
        .await?
    {
        return Ok(());
    }
    decide_on(state, &reg, local_date(at)).await
}

/// Registers as unemployed from `on`, or refuses on a ground of 214 p.41 judged on `on`.
async fn decide_on(state: &AppState, reg: &Registration, on: NaiveDate) -> anyhow::Result<()> {
    let parameters = state.parameters();
    let now = state.clock.now();
    let answer = state.registry().person(&Iin::parse(&reg.iin)?).await?;
    let decision = match &answer {
        Some(person) => decide_unemployed(person, on, &parameters),
        None => Err(UnemployedRefusal::FalseInformation),
    };
    let mut tx = state.db.begin().await?;
    let to = recipient_with_assistant(&mut tx, reg).await?;
    let subject = monitoring_subject(&reg.id);
    let (kind, after) = match decision {
        Ok(()) => {
            if !registrations::mark_unemployed(&mut tx, &reg.id, on, now).await? {
                return Ok(());
            }
            monitoring::advance(&mut tx, &subject, Stage::ResultIssued, now).await?;
            let args = Args {
                date: on.to_string(),
                center: center_name(state, &reg.career_center_id).await?,
                reference: reg.id.clone(),
                ..Args::default()
            };
            notify::send(&mut tx, &to, Kind::UnemployedRegistered, &args, now).await?;
            // 214 p.42: the documents of the job-loss payment, within 1 working day.
            notify::send(&mut tx, &to, Kind::JoblossDocuments, &args, now).await?;
            schedule_recheck(&mut tx, now);
            (
                "registered_unemployed",
                json!({ "status": "unemployed", "unemployed_since": on }),
            )
        }
        Err(refusal) => {
            let ending = Ending {
                from_status: Some(Status::JobSeeker),
                refusal_code: Some(refusal.code()),
                ..Ending::to(Status::Refused)
            };
            if !registrations::end(&mut tx, &reg.id, &ending, now).await? {
                return Ok(());
            }
            monitoring::advance(&mut tx, &subject, Stage::Refused, now).await?;
            let args = Args {
                date: local_date(now).to_string(),
                code: refusal.code().to_string(),
                ground: ground(GroundOf::UnemployedRefusal, refusal.code()),
                reference: reg.id.clone(),
                ..Args::default()
            };
            notify::send(&mut tx, &to, Kind::UnemployedRefused, &args, now).await?;
            (
                "refused_unemployed",
                json!({ "status": "refused", "refusal_code": refusal.code(), "ground": refusal.ground() }),
            )
        }
    };
    record(&mut tx, reg, None, "decide_unemployed", kind, after, now).await?;
    let decided = registrations::by_id_tx(&mut tx, &reg.id)
        .await?
        .context("the decided registration")?;
    let name = match (&answer, &reg.person_id) {
        (Some(p), _) => papers::full_name(&p.last_name, &p.first_name, p.middle_name.as_deref()),
        (None, Some(id)) => persons::by_id_tx(&mut tx, id)
            .await?
            .map(|p| papers::person_name(&p))
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    papers::record_decision(&mut tx, state, &decided, &name, now)
        .await
        .map_err(|e| anyhow::anyhow!("recording the decision's document: {}", e.code()))?;
    tx.commit().await?;
    state.metrics.registration("unemployed", kind);
    Ok(())
}

/// Deregisters an unemployed person on a ground of 214 p.51 (214 p.51–52): the registration ends
/// with its code, grounds (2)–(4) bar a new one for 30 calendar days, and the person is told
/// at once (rural residents also through the assistant). `actor` is the officer or specialist;
/// none when the registries told.
pub async fn deregister(
    state: &AppState,
    actor: Option<&str>,
    registration_id: &str,
    ground_of: Deregistration,
) -> Result<Registration> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    deregister_in(&mut tx, state, actor, registration_id, ground_of, now).await?;
    tx.commit().await?;
    state.metrics.registration("unemployed", "deregistered");
    registration_by_id(state, registration_id).await
}

/// Casework staff deregister a person whose card is within their scope (an officer of the
/// person's region or a specialist of the person's center).
pub async fn deregister_by(
    state: &AppState,
    caller: &Caller,
    registration_id: &str,
    ground_of: Deregistration,
) -> Result<Shown> {
    let reg = registration_in_scope(state, caller, registration_id, &CASEWORK).await?;
    let reg = deregister(state, Some(&caller.account_id), &reg.id, ground_of).await?;
    shown(state, reg).await
}

/// As `deregister`, in the caller's transaction: the deregistration is stored with the change
/// that causes it (a third refusal of suitable work, 214 p.51(2)). The caller counts it in the
/// metrics once committed.
pub async fn deregister_in(
    tx: &mut Tx,
    state: &AppState,
    actor: Option<&str>,
    registration_id: &str,
    ground_of: Deregistration,
    now: DateTime<Utc>,
) -> Result<()> {
    let on = local_date(now);
    let bar_days =
        u32::try_from(state.parameters().int_on(keys::REREGISTRATION_BAR_DAYS, on)).unwrap_or(30);
    let barred_until = rules::barred_until(ground_of, on, bar_days);
    let reg = registrations::by_id_tx(tx, registration_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let ending = Ending {
        from_status: Some(Status::Unemployed),
        deregistration_code: Some(ground_of),
        barred_until,
        ..Ending::to(Status::Deregistered)
    };
    if !registrations::end(tx, &reg.id, &ending, now).await? {
        return Err(
            Error::new(Common::InvalidState).detail("only an unemployed person is deregistered")
        );
    }
    let to = recipient_with_assistant(tx, &reg).await?;
    let args = Args {
        date: on.to_string(),
        code: ground_of.code().to_string(),
        ground: ground(GroundOf::Deregistration, ground_of.code()),
        until: barred_until.map(|d| d.to_string()),
        reference: reg.id.clone(),
        ..Args::default()
    };
    notify::send(tx, &to, Kind::Deregistered, &args, now).await?;
    let after = json!({ "status": "deregistered", "deregistration_code": ground_of.code(), "ground": ground_of.ground(), "barred_until": barred_until });
    record(tx, &reg, actor, "deregister", "deregistered", after, now).await?;
    Ok(())
}

/// Makes sure the daily re-check runs at the next `RECHECK_AT` after `now`.
fn schedule_recheck(tx: &mut Tx, now: DateTime<Utc>) {
    jobs::schedule_daily(tx, &Job::RecheckUnemployedAll, RECHECK_AT, now);
}

/// The daily pass: one re-check job per unemployed person, each retried on its own when a
/// registry is silent; then the next pass, while anyone is unemployed.
pub async fn recheck_all(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let today = local_date(now);
    let mut after = String::new();
    let mut any = false;
    loop {
        let ids =
            registrations::ids_in_status(&state.db.pool, Status::Unemployed, &after, RECHECK_PAGE)
                .await?;
        let Some(last) = ids.last().cloned() else {
            break;
        };
        any = true;
        let mut tx = state.db.begin().await?;
        for id in &ids {
            let job = Job::RecheckUnemployed {
                registration_id: id.clone(),
            };
            let name = format!("recheck_unemployed:{id}");
            jobs::enqueue_for_day(&mut tx, &job, now, &name, today, now);
        }
        tx.commit().await?;
        after = last;
    }
    if any {
        let mut tx = state.db.begin().await?;
        schedule_recheck(&mut tx, now);
        tx.commit().await?;
    }
    Ok(())
}

/// Re-checks one unemployed person against the registries (214 p.51(1), 214 p.51(5)): a ground
/// they show ends the registration without anyone's decision. A pension they show is no ground:
/// it goes to the career center's work queue as a change of 214 p.64, once.
pub async fn recheck(state: &AppState, registration_id: &str) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    let (true, Some(since)) = (reg.status == Status::Unemployed, reg.unemployed_since) else {
        return Ok(());
    };
    let Some(person) = state.registry().person(&Iin::parse(&reg.iin)?).await? else {
        return Ok(());
    };
    let today = local_date(state.clock.now());
    if let Some(ground_of) = rules::deregistration_by_registries(&person, since, today) {
        match deregister(state, None, &reg.id, ground_of).await {
            Ok(_) => {}
            // Closed or deregistered meanwhile: nothing left to do.
            Err(e) if e.is(Common::InvalidState) => {}
            Err(e) => anyhow::bail!("deregistering: {}", e.code()),
        }
    } else if person.pensioner {
        pension_in_registry(state, &reg).await?;
    }
    Ok(())
}

/// A pension the registries show for an unemployed person (214 p.64(6)): unless the center
/// already knows of one on this registration (reported by the person, or told before), it is
/// kept as a change learned from the registry, for the specialist to weigh within the 2 working
/// days of 214 p.51 (whether the person failed to report it, 214 p.51(6)).
async fn pension_in_registry(state: &AppState, reg: &Registration) -> anyhow::Result<()> {
    let now = state.clock.now();
    let today = local_date(now);
    let mut tx = state.db.begin().await?;
    if circumstances::known(&mut tx, &reg.id, Circumstance::Pension).await? {
        return Ok(());
    }
    let report = Report {
        id: new_id(),
        registration_id: reg.id.clone(),
        career_center_id: reg.career_center_id.clone(),
        kind: Circumstance::Pension,
        occurred_on: today,
        details: None,
        reported_at: now,
        report_due_at: rules::report_due(&state.calendar(), today),
        reported_late: false,
        source: CircumstanceSource::Registry,
        acknowledged_at: None,
        acknowledged_by: None,
    };
    circumstances::insert(&mut tx, &report).await?;
    let after =
        json!({ "circumstance_id": report.id, "kind": report.kind.code(), "source": "registry" });
    record(
        &mut tx,
        reg,
        None,
        "registry_pension",
        "pension_in_registry",
        after,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The information on registration as unemployed (214 p.45, 214 App.9): registered or not on the
/// day of issue, valid 30 calendar days, kept as a document record.
pub struct UnemployedInfo {
    pub document_id: String,
    /// The document's number (`9-<year>-<sequence>`).
    pub number: String,
    pub registered: bool,
    pub unemployed_since: Option<NaiveDate>,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
}

pub async fn unemployed_info(
    state: &AppState,
    account_id: &str,
    iin: &str,
) -> Result<UnemployedInfo> {
    let now = state.clock.now();
    let issued_on = local_date(now);
    let reg = registrations::latest_for_account(&state.db.pool, account_id).await?;
    let unemployed = reg.as_ref().filter(|r| r.status == Status::Unemployed);
    let person = persons::by_account(&state.db.pool, account_id).await?;
    // A person the service has no card of is named by the registry, and the mobility center of
    // their region issues the information.
    let registry = match &person {
        Some(_) => None,
        None => Some(
            state
                .registry()
                .person(&Iin::parse(iin)?)
                .await
                .map_err(|e| Error::new(Common::Unavailable).detail(e.to_string()))?
                .ok_or_else(|| {
                    Error::new(Common::NotFound).detail("the person is not in the state registry")
                })?,
        ),
    };
    let valid_until = rules::unemployed_info_valid_until(issued_on);
    let mut tx = state.db.begin().await?;
    let issuer = match (unemployed, reg.as_ref(), &person, &registry) {
        (Some(r), _, _, _) | (None, Some(r), _, _) => {
            reference::organization_by_id(&mut *tx, &r.career_center_id).await?
        }
        (None, None, Some(p), _) => {
            reference::organization_by_id(&mut *tx, &p.career_center_id).await?
        }
        (None, None, None, Some(p)) => {
            papers::region_mobility_center(&mut tx, &p.region_code).await?
        }
        (None, None, None, None) => None,
    }
    .ok_or_else(|| Error::internal("no organisation issues the information"))?;
    let name = match (&person, &registry) {
        (Some(p), _) => papers::person_name(p),
        (None, Some(p)) => papers::full_name(&p.last_name, &p.first_name, p.middle_name.as_deref()),
        (None, None) => String::new(),
    };
    let recorded = papers::record_unemployed_info(
        &mut tx,
        state,
        account_id,
        person.as_ref().map(|p| p.id.as_str()),
        unemployed.map(|r| r.id.as_str()),
        &issuer,
        &name,
        unemployed.and_then(|r| r.unemployed_since),
        valid_until,
        now,
    )
    .await?;
    let info = UnemployedInfo {
        document_id: recorded.id.clone(),
        number: recorded.number.clone(),
        registered: unemployed.is_some(),
        unemployed_since: unemployed.and_then(|r| r.unemployed_since),
        issued_on,
        valid_until,
    };
    audit::Entry::new(now, "issue", "document", &info.document_id)
        .by(account_id)
        .after(json!({ "kind": "unemployed_info", "registered": info.registered, "valid_until": info.valid_until }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(info)
}

/// The card's history and the audit log of a change of state.
async fn record(
    tx: &mut Tx,
    reg: &Registration,
    actor: Option<&str>,
    action: &str,
    event: &str,
    after: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    if let Some(person_id) = &reg.person_id {
        let mut detail = after.clone();
        detail["registration_id"] = json!(reg.id);
        persons::add_event(tx, person_id, now, event, detail).await?;
    }
    audit::Entry::new(now, action, "registration", &reg.id)
        .by(actor)
        .before(json!({ "status": reg.status }))
        .after(after)
        .record(tx);
    Ok(())
}
