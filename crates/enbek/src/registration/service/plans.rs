//! The individual employment plan (214 p.61–65, 214 App.10), the changes a person reports
//! (214 p.64), and the work queues of specialists and officers (214 p.51–52).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::ids::Iin;
use enbek_domain::reference::office_hours::{local_date, local_instant, working_days_deadline};
use enbek_domain::registration::jobloss::assess;
use enbek_domain::registration::plan::{self as rules, Action, ItemKind, PlanFacts};
use enbek_domain::registration::unemployment::{report_due, Circumstance, CircumstanceSource};
use enbek_domain::registration::Status;
use enbek_domain::text::Rule;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

use crate::accounts::interface as accounts;
use crate::accounts::interface::Purposes;
use crate::platform::audit;
use crate::platform::auth::{Caller, Grant, CASEWORK};
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::http::input;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::registration::error::Code;
use crate::registration::error::{Error, Result};
use crate::registration::interface::Lapse;
use crate::registration::notices::Kind;
use crate::registration::service::cards::registration_in_scope;
use crate::registration::service::papers;
use crate::registration::service::registration::recipient;
use crate::registration::store::circumstances;
pub use crate::registration::store::circumstances::Report;
use crate::registration::store::persons;
use crate::registration::store::plans::{self, Item, PersonConfirmation, Plan};
use crate::registration::store::queue;
use crate::registration::store::registrations::{self, Registration};

/// Reminders of a contact go out at this hour of the working day before it.
const REMINDER_AT: NaiveTime = NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time");

/// The plan term: 2 working days from the start of the day of registration as unemployed.
fn plan_due(state: &AppState, reg: &Registration) -> Option<DateTime<Utc>> {
    reg.unemployed_since
        .map(|d| rules::plan_due(&state.calendar(), local_instant(d, NaiveTime::MIN)))
}

/// Actions suggested from the card, with their reasons.
pub async fn suggestions(
    state: &AppState,
    reg: &Registration,
) -> Result<Vec<(Action, &'static str)>> {
    let person = match &reg.person_id {
        Some(id) => persons::by_id(&state.db.pool, id).await?,
        None => None,
    }
    .ok_or_else(|| Error::new(Common::InvalidState).detail("the person has no card yet"))?;
    let on = local_date(state.clock.now());
    let registry = state
        .registry()
        .person(&Iin::parse(&person.iin)?)
        .await
        .ok()
        .flatten();
    let jobloss_eligible = match (&registry, reg.unemployed_since) {
        (Some(p), Some(since)) => assess(p, since, &state.parameters()).eligible,
        _ => false,
    };
    let mut tx = state.db.begin().await?;
    let rural = reference::rural_district_at(&mut tx, &person.locality_code)
        .await?
        .is_some();
    tx.commit().await?;
    let facts = PlanFacts {
        category: person.category,
        age: enbek_domain::registration::age::age_on(person.birth_date, on),
        education_level: person.profile.education_level.clone(),
        rural,
        jobloss_eligible,
    };
    Ok(rules::suggest(&facts))
}

pub struct NewAction {
    pub action: Action,
    pub due_on: NaiveDate,
    pub note: Option<String>,
}

pub struct NewContact {
    pub on: NaiveDate,
    pub purpose: String,
}

pub struct NewPlan {
    pub goal: String,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub valid_until: NaiveDate,
    pub actions: Vec<NewAction>,
    pub contacts: Vec<NewContact>,
}

/// Draws up the plan of an unemployed person, signed by the specialist who made it (214 p.61,
/// 214 p.62); each contact of the schedule gets a reminder the working day before.
pub async fn create(
    state: &AppState,
    specialist: &str,
    reg: &Registration,
    new: NewPlan,
) -> Result<ShownPlan> {
    let now = state.clock.now();
    let today = local_date(now);
    if reg.status != Status::Unemployed {
        return Err(
            Error::new(Common::InvalidState).detail("a plan is drawn up for an unemployed person")
        );
    }
    if new.goal.trim().is_empty() || new.actions.is_empty() {
        return Err(
            Error::new(Common::InvalidValue).detail("a plan has a goal and at least one action")
        );
    }
    let dates = new
        .actions
        .iter()
        .map(|a| a.due_on)
        .chain(new.contacts.iter().map(|c| c.on))
        .chain([new.valid_until]);
    if dates.clone().any(|d| d < today) || dates.clone().any(|d| d > new.valid_until) {
        return Err(Error::new(Common::InvalidDate)
            .detail("dates run from today to the plan's valid_until"));
    }
    let person_id = reg
        .person_id
        .clone()
        .ok_or_else(|| Error::new(Common::InvalidState))?;
    let plan = Plan {
        id: new_id(),
        registration_id: reg.id.clone(),
        person_id,
        career_center_id: reg.career_center_id.clone(),
        goal: new.goal.trim().to_string(),
        education: new.education,
        occupation: new.occupation,
        valid_until: new.valid_until,
        due_at: plan_due(state, reg).unwrap_or(now),
        created_by: specialist.to_string(),
        created_at: now,
        signed_by_specialist_at: now,
        signed_by_person_at: None,
        person_confirmation: None,
        person_certificate_serial: None,
        person_certificate_issuer: None,
    };
    let actions = new
        .actions
        .into_iter()
        .map(|a| (ItemKind::Action, Some(a.action), a.due_on, a.note));
    let contacts = new
        .contacts
        .into_iter()
        .map(|c| (ItemKind::Contact, None, c.on, Some(c.purpose)));
    let items: Vec<Item> = actions
        .chain(contacts)
        .enumerate()
        .map(|(i, (item, action, due_on, note))| Item {
            id: new_id(),
            plan_id: plan.id.clone(),
            position: i as i64,
            item,
            action,
            due_on,
            note,
            outcome: None,
            recorded_at: None,
        })
        .collect();
    let mut tx = state.db.begin().await?;
    if let Err(e) = plans::insert(&mut tx, &plan, &items).await {
        return Err(if crate::platform::db::is_unique_violation(&e) {
            Error::new(Code::PlanExists)
        } else {
            e.into()
        });
    }
    for contact in items.iter().filter(|i| i.item == ItemKind::Contact) {
        schedule_reminder(&mut tx, state, contact, now);
    }
    persons::add_event(
        &mut tx,
        &plan.person_id,
        now,
        "plan_drawn_up",
        json!({ "plan_id": plan.id, "registration_id": reg.id, "within_term": now <= plan.due_at }),
    )
    .await?;
    audit::Entry::new(now, "create", "plan", &plan.id)
        .by(specialist)
        .after(json!({ "registration_id": reg.id, "items": items.len(), "valid_until": plan.valid_until }))
        .record(&mut tx);
    tx.commit().await?;
    shown_plan(state, plan).await
}

fn schedule_reminder(tx: &mut Tx, state: &AppState, contact: &Item, now: DateTime<Utc>) {
    let cal = state.calendar();
    let mut day_before = contact.due_on.pred_opt().unwrap_or(contact.due_on);
    while !cal.is_working_day(day_before) && day_before > local_date(now) {
        day_before = day_before.pred_opt().unwrap_or(day_before);
    }
    let due = local_instant(day_before, REMINDER_AT).max(now);
    let job = Job::RemindContact {
        item_id: contact.id.clone(),
    };
    let key = format!("remind_contact:{}", contact.id);
    jobs::enqueue(tx, &job, due, Some(&key), now);
}

/// Reminds the person of a contact with the career center, unless it is already recorded or
/// the registration has ended.
pub async fn remind(state: &AppState, item_id: &str) -> anyhow::Result<()> {
    let Some(item) = plans::item_by_id(&state.db.pool, item_id).await? else {
        return Ok(());
    };
    let Some(plan) = plans::by_id(&state.db.pool, &item.plan_id).await? else {
        return Ok(());
    };
    let Some(reg) = registrations::by_id(&state.db.pool, &plan.registration_id).await? else {
        return Ok(());
    };
    if item.outcome.is_some() || reg.status != Status::Unemployed {
        return Ok(());
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let args = Args {
        date: item.due_on.to_string(),
        center: crate::registration::service::registration::center_name(
            state,
            &reg.career_center_id,
        )
        .await?,
        note: item.note.clone().unwrap_or_default(),
        ..Args::default()
    };
    let to = recipient(&mut tx, &reg).await?;
    notify::send(&mut tx, &to, Kind::ContactReminder, &args, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A plan with its items, each marked overdue when its day has passed without an outcome.
pub struct ShownPlan {
    pub plan: Plan,
    pub items: Vec<ShownItem>,
}

pub struct ShownItem {
    pub item: Item,
    pub overdue: bool,
}

async fn shown_plan(state: &AppState, plan: Plan) -> Result<ShownPlan> {
    let today = local_date(state.clock.now());
    let items = plans::items(&state.db.pool, &plan.id)
        .await?
        .into_iter()
        .map(|item| ShownItem {
            overdue: rules::is_overdue(item.due_on, item.outcome.is_some(), today),
            item,
        })
        .collect();
    Ok(ShownPlan { plan, items })
}

/// The plan of a registration.
pub async fn plan_of(state: &AppState, reg: &Registration) -> Result<ShownPlan> {
    let plan = plans::by_registration(&state.db.pool, &reg.id)
        .await?
        .ok_or_else(Error::not_found)?;
    shown_plan(state, plan).await
}

/// The current registration of the person the account acts for; 404 `no_registration`.
async fn my_registration(state: &AppState, account_id: &str) -> Result<Registration> {
    registrations::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoRegistration))
}

async fn my_plan_row(state: &AppState, account_id: &str) -> Result<Plan> {
    let reg = my_registration(state, account_id).await?;
    plans::by_registration(&state.db.pool, &reg.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The plan of the person the account acts for.
pub async fn my_plan(state: &AppState, account_id: &str) -> Result<ShownPlan> {
    let plan = my_plan_row(state, account_id).await?;
    shown_plan(state, plan).await
}

/// The purpose an identity proof is started for to sign plan `plan_id` (`startIdentityProof`).
pub fn plan_purpose(plan_id: &str) -> String {
    format!("plan:{plan_id}")
}

/// The content the person signs (214 p.62, 214 App.10): the plan's goal, education and
/// occupation, each item with its due date and note, and the day the plan runs to.
#[derive(Serialize)]
struct Content<'a> {
    plan: &'a str,
    goal: &'a str,
    education: Option<&'a str>,
    occupation: Option<&'a str>,
    valid_until: NaiveDate,
    items: Vec<ItemContent<'a>>,
}

#[derive(Serialize)]
struct ItemContent<'a> {
    item: &'a str,
    action: Option<&'a str>,
    due_on: NaiveDate,
    note: Option<&'a str>,
}

/// The SHA-256 (hex) of the plan's content, as JSON with its fields in a fixed order: the same
/// plan gives the same digest, any change of an item, a date or the run-to day another. What
/// is recorded later against an item (its outcome) is not part of it.
pub fn content_digest(plan: &Plan, items: &[Item]) -> String {
    let content = Content {
        plan: &plan.id,
        goal: &plan.goal,
        education: plan.education.as_deref(),
        occupation: plan.occupation.as_deref(),
        valid_until: plan.valid_until,
        items: items
            .iter()
            .map(|i| ItemContent {
                item: i.item.as_str(),
                action: i.action.map(Action::code),
                due_on: i.due_on,
                note: i.note.as_deref(),
            })
            .collect(),
    };
    let bytes = serde_json::to_vec(&content).expect("a plan's content is JSON");
    hex::encode(Sha256::digest(bytes))
}

/// Registration's answer to accounts' `Purposes`: the digest of the plan `plan:<id>` names,
/// when it is the plan of the account's current registration.
pub struct PlanPurposes;

#[async_trait]
impl Purposes for PlanPurposes {
    async fn digest(
        &self,
        pool: &AnyPool,
        account_id: &str,
        purpose: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        let Some(plan_id) = purpose.strip_prefix("plan:") else {
            return Ok(None);
        };
        let Some(reg) = registrations::latest_for_account(pool, account_id).await? else {
            return Ok(None);
        };
        match plans::by_registration(pool, &reg.id).await? {
            Some(plan) if plan.id == plan_id => {
                let items = plans::items(pool, &plan.id).await?;
                Ok(Some(content_digest(&plan, &items)))
            }
            _ => Ok(None),
        }
    }
}

/// The person signs their own plan, confirmed by the identity proof `proof_id` of the account's
/// own proven IIN (`account_iin`).
pub async fn sign_mine(
    state: &AppState,
    account_id: &str,
    account_iin: &str,
    proof_id: &str,
) -> Result<ShownPlan> {
    let plan = my_plan_row(state, account_id).await?;
    sign(state, account_id, account_iin, &plan, proof_id).await?;
    let plan = plans::by_id(&state.db.pool, &plan.id)
        .await?
        .ok_or_else(Error::not_found)?;
    shown_plan(state, plan).await
}

/// The person's signature on the plan (214 p.62): a completed, fresh, unspent identity proof of
/// the account's own IIN, started for this plan over its present content (a one-time code to
/// the registry's phone, or an electronic signature of a text naming the plan and its digest),
/// spent in the same transaction; the plan records the method and, for a signature, the
/// certificate. Without such a proof, `confirmation_required` and nothing is written.
async fn sign(
    state: &AppState,
    account_id: &str,
    account_iin: &str,
    plan: &Plan,
    proof_id: &str,
) -> Result<()> {
    if plan.signed_by_person_at.is_some() {
        return Err(Error::new(Common::InvalidState).detail("the plan is already signed"));
    }
    let items = plans::items(&state.db.pool, &plan.id).await?;
    let digest = content_digest(plan, &items);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let confirmation = accounts::confirm(
        now,
        &mut tx,
        account_id,
        account_iin,
        proof_id,
        &plan_purpose(&plan.id),
        Some(digest.as_str()),
    )
    .await?;
    let certificate = confirmation
        .certificate
        .as_ref()
        .map(|c| (c.serial.as_str(), c.issuer.as_str()));
    let recorded = PersonConfirmation {
        method: confirmation.method,
        certificate,
    };
    if !plans::sign_by_person(&mut tx, &plan.id, now, &recorded).await? {
        return Err(Error::new(Common::InvalidState).detail("the plan is already signed"));
    }
    let reg = registrations::by_id_tx(&mut tx, &plan.registration_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let person = persons::by_id_tx(&mut tx, &plan.person_id)
        .await?
        .ok_or_else(Error::not_found)?;
    papers::record_plan(
        &mut tx,
        state,
        plan,
        &items,
        &reg,
        &person,
        &papers::PersonSignature {
            method: confirmation.method,
            certificate_serial: certificate.map(|(serial, _)| serial),
            at: now,
        },
        now,
    )
    .await?;
    audit::Entry::new(now, "sign", "plan", &plan.id)
        .by(account_id)
        .after(json!({
            "signed_by_person_at": now,
            "proof_id": proof_id,
            "content_sha256": digest,
            "person_confirmation": {
                "method": confirmation.method.as_str(),
                "certificate_serial": certificate.map(|(serial, _)| serial),
                "certificate_issuer": certificate.map(|(_, issuer)| issuer),
            },
        }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// A specialist whose scope reaches the card records what happened to an item of its plan.
pub async fn record_by(
    state: &AppState,
    caller: &Caller,
    item_id: &str,
    outcome: &str,
) -> Result<ShownPlan> {
    let item = plans::item_by_id(&state.db.pool, item_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let plan = plans::by_id(&state.db.pool, &item.plan_id)
        .await?
        .ok_or_else(Error::not_found)?;
    registration_in_scope(
        state,
        caller,
        &plan.registration_id,
        &[Role::CareerCenterSpecialist],
    )
    .await?;
    record(state, &caller.account_id, &item, outcome).await?;
    shown_plan(state, plan).await
}

/// What happened to an action (`done`) or a contact (`attended`, `missed`).
async fn record(state: &AppState, specialist: &str, item: &Item, outcome: &str) -> Result<()> {
    let allowed: &[&str] = if item.item == ItemKind::Contact {
        &["attended", "missed"]
    } else {
        &["done"]
    };
    if !allowed.contains(&outcome) {
        return Err(Error::new(Common::InvalidValue).detail(format!(
            "the outcome of this item is one of {}",
            allowed.join(", ")
        )));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    plans::record_outcome(&mut tx, &item.id, outcome, now).await?;
    audit::Entry::new(now, "record", "plan_item", &item.id)
        .by(specialist)
        .before(json!({ "outcome": item.outcome }))
        .after(json!({ "outcome": outcome }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// The details of a reported change (214 p.64).
const DETAILS: Rule = Rule::lines(1_000);

/// A change reported by the person the account acts for, on their current registration; the
/// details are checked once the registration is found.
pub async fn report_mine(
    state: &AppState,
    account_id: &str,
    kind: Circumstance,
    occurred_on: NaiveDate,
    details: Option<&str>,
) -> Result<Report> {
    let reg = my_registration(state, account_id).await?;
    let details = input::opt_text("details", details, DETAILS)?;
    report(state, account_id, &reg, kind, occurred_on, details).await
}

/// A change reported by the person (214 p.64): late when after 5 working days; the career
/// center acts on it within 2 working days (214 p.51).
async fn report(
    state: &AppState,
    account_id: &str,
    reg: &Registration,
    kind: Circumstance,
    occurred_on: NaiveDate,
    details: Option<String>,
) -> Result<Report> {
    let now = state.clock.now();
    if occurred_on > local_date(now) {
        return Err(Error::new(Common::InvalidDate).detail("occurred_on is in the future"));
    }
    if reg.status != Status::Unemployed {
        return Err(Error::new(Common::InvalidState)
            .detail("changes are reported while registered as unemployed"));
    }
    let report_due_at = report_due(&state.calendar(), occurred_on);
    let report = Report {
        id: new_id(),
        registration_id: reg.id.clone(),
        career_center_id: reg.career_center_id.clone(),
        kind,
        occurred_on,
        details,
        reported_at: now,
        report_due_at,
        reported_late: now > report_due_at,
        source: CircumstanceSource::Person,
        acknowledged_at: None,
        acknowledged_by: None,
    };
    let mut tx = state.db.begin().await?;
    circumstances::insert(&mut tx, &report).await?;
    if let Some(person_id) = &reg.person_id {
        persons::add_event(
            &mut tx,
            person_id,
            now,
            "circumstance_reported",
            json!({ "report_id": report.id, "kind": report.kind.code(), "occurred_on": occurred_on, "reported_late": report.reported_late }),
        )
        .await?;
    }
    audit::Entry::new(now, "report", "circumstance", &report.id)
        .by(account_id)
        .after(json!({ "kind": report.kind.code(), "occurred_on": occurred_on, "reported_late": report.reported_late }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(report)
}

/// The career center's term to act on a report (214 p.51: within 2 working days of learning).
pub fn act_due(state: &AppState, report: &Report) -> DateTime<Utc> {
    working_days_deadline(&state.calendar(), report.reported_at, 2)
}

/// One piece of work with its legal term.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    /// `review_forwarded`, `draw_up_plan`, `plan_action`, `plan_contact`, `circumstance`,
    /// `no_show`, `late_offer_answer`, `quit_active_measure` or `measure_call_unanswered`.
    pub kind: String,
    pub registration_id: String,
    /// The plan item, report or offer (for `no_show` and `late_offer_answer`) it concerns.
    pub subject_id: Option<String>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    pub legal_basis: String,
    /// For `circumstance`: the change of 214 p.64 (`moved`, `employed`, `entrepreneur`,
    /// `founder`, `disability`, `pension`), with ` (reported late)` after its 5 working days or
    /// ` (from the registry)` for a pension the daily registry check found and the person has
    /// not reported (a pension is no ground of 214 p.51 by itself; not reporting it is, 214
    /// p.51(6)). For `plan_action`, the action; for `no_show`, the vacancy.
    pub detail: Option<String>,
}

/// The work queue of a casework grant: a specialist's center, or the career centers of an
/// officer's region (without a region, nothing).
pub async fn work_queue_of(
    state: &AppState,
    grant: &Grant,
    horizon: u32,
) -> Result<Vec<QueueItem>> {
    let centers = match grant.role {
        Role::CareerCenterSpecialist => grant.organization_id.iter().cloned().collect(),
        _ => match grant.region_code.as_deref() {
            Some(region) => {
                reference::organizations(&state.db.pool, Some("career_center"), Some(region))
                    .await?
                    .into_iter()
                    .map(|o| o.id)
                    .collect()
            }
            None => Vec::new(),
        },
    };
    work_queue(state, &centers, horizon).await
}

/// What is due by the end of `horizon` working days from today, and what is overdue, at the
/// given career centers, in order of term.
async fn work_queue(state: &AppState, centers: &[String], horizon: u32) -> Result<Vec<QueueItem>> {
    let now = state.clock.now();
    let cal = state.calendar();
    let until = working_days_deadline(&cal, now, horizon);
    // The deadline instant is 24:00 of the horizon's last day.
    let until_day = local_date(until).pred_opt().unwrap_or(local_date(until));
    let pool = &state.db.pool;
    let mut items = Vec::new();
    let mut push = |kind: &str,
                    registration_id: &str,
                    subject: Option<String>,
                    due_at: DateTime<Utc>,
                    basis: &str,
                    detail: Option<String>| {
        if due_at <= until {
            items.push(QueueItem {
                kind: kind.to_string(),
                registration_id: registration_id.to_string(),
                subject_id: subject,
                due_at,
                overdue: due_at < now,
                legal_basis: basis.to_string(),
                detail,
            });
        }
    };
    for reg in queue::registrations_in(pool, centers, Status::PendingReview).await? {
        push(
            "review_forwarded",
            &reg.id,
            None,
            reg.due_at,
            "214 p.20",
            None,
        );
    }
    for reg in queue::without_plan(pool, centers).await? {
        if let Some(due) = plan_due(state, &reg) {
            push("draw_up_plan", &reg.id, None, due, "214 p.61", None);
        }
    }
    for (item_id, registration_id, item, action, due_on) in
        queue::open_items(pool, centers, until_day).await?
    {
        let due = local_instant(due_on.succ_opt().unwrap_or(due_on), NaiveTime::MIN);
        let (kind, basis) = if item == ItemKind::Contact {
            ("plan_contact", "214 p.44, p.51(4)")
        } else {
            ("plan_action", "214 p.63, p.64")
        };
        let action = action.map(|a| a.code().to_string());
        push(kind, &registration_id, Some(item_id), due, basis, action);
    }
    for report in circumstances::open_at(pool, centers).await? {
        let due = act_due(state, &report);
        let detail = Some(format!(
            "{}{}",
            report.kind.code(),
            if report.source == CircumstanceSource::Registry {
                " (from the registry)"
            } else if report.reported_late {
                " (reported late)"
            } else {
                ""
            }
        ));
        push(
            "circumstance",
            &report.registration_id,
            Some(report.id.clone()),
            due,
            "214 p.51, p.64",
            detail,
        );
    }
    // 214 p.51(3): a no-show the employer recorded after the 5 working days from the notice, for
    // the specialist to weigh (good reason or not); 214 p.51(2), 214 p.72: an offer an unemployed
    // person did not answer in time, found when the term passed, for the specialist to apply
    // `late_offer_answer`; each within the 2 working days of 214 p.51.
    for lapse in Lapse::ALL {
        for (offer_id, registration_id, vacancy_id, at) in state
            .mediation()
            .unemployed_lapses(pool, centers, lapse)
            .await?
        {
            let due = working_days_deadline(&cal, at, 2);
            push(
                lapse.kind(),
                &registration_id,
                Some(offer_id),
                due,
                lapse.legal_term(),
                Some(format!("vacancy {vacancy_id}")),
            );
        }
    }
    // 214 p.51(3): an unemployed person who quit an active measure without good reason, or did
    // not answer a call to the center for a measure within 3 working days, for the specialist
    // to weigh within the 2 working days of 214 p.51.
    for lapse in state.measures().lapses(pool, centers, now).await? {
        push(
            lapse.kind,
            &lapse.registration_id,
            Some(lapse.subject_id),
            working_days_deadline(&cal, lapse.at, 2),
            "214 p.51(3)",
            lapse.detail,
        );
    }
    items.sort_by_key(|i| i.due_at);
    Ok(items)
}

/// Casework staff whose scope reaches the card acknowledge a report.
pub async fn acknowledge_by(state: &AppState, caller: &Caller, id: &str) -> Result<Report> {
    let report = circumstances::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    registration_in_scope(state, caller, &report.registration_id, &CASEWORK).await?;
    acknowledge(state, &caller.account_id, &report).await?;
    circumstances::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The career center acknowledges a report.
async fn acknowledge(state: &AppState, by: &str, report: &Report) -> Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !circumstances::acknowledge(&mut tx, &report.id, by, now).await? {
        return Err(Error::new(Common::InvalidState).detail("already acknowledged"));
    }
    audit::Entry::new(now, "acknowledge", "circumstance", &report.id)
        .by(by)
        .after(json!({ "acknowledged_at": now }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// The reported changes of a registration the career center has not yet acknowledged, the
/// oldest first (for the plan editor, beside the work queue's items).
pub async fn open_reports_of(state: &AppState, reg: &Registration) -> Result<Vec<Report>> {
    let centers = [reg.career_center_id.clone()];
    Ok(circumstances::open_at(&state.db.pool, &centers)
        .await?
        .into_iter()
        .filter(|r| r.registration_id == reg.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> (Plan, Vec<Item>) {
        let at = DateTime::<Utc>::from_timestamp(1_774_500_000, 0).expect("an instant");
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 4, d).expect("a day");
        let plan = Plan {
            id: "p1".into(),
            registration_id: "r1".into(),
            person_id: "person1".into(),
            career_center_id: "cc-kokshetau".into(),
            goal: "Работа бухгалтером".into(),
            education: Some("higher".into()),
            occupation: Some("2411".into()),
            valid_until: NaiveDate::from_ymd_opt(2026, 6, 30).expect("a day"),
            due_at: at,
            created_by: "spec".into(),
            created_at: at,
            signed_by_specialist_at: at,
            signed_by_person_at: None,
            person_confirmation: None,
            person_certificate_serial: None,
            person_certificate_issuer: None,
        };
        let item = |position: i64, item, action, due_on, note: Option<&str>| Item {
            id: format!("i{position}"),
            plan_id: "p1".into(),
            position,
            item,
            action,
            due_on,
            note: note.map(str::to_string),
            outcome: None,
            recorded_at: None,
        };
        let items = vec![
            item(
                0,
                ItemKind::Action,
                Some(Action::VacancyInformation),
                day(1),
                None,
            ),
            item(1, ItemKind::Contact, None, day(6), Some("консультация")),
        ];
        (plan, items)
    }

    #[test]
    fn the_digest_follows_the_content_the_person_signs() {
        let (plan, items) = plan();
        let digest = content_digest(&plan, &items);
        assert_eq!(digest.len(), 64);
        assert_eq!(digest, content_digest(&plan.clone(), &items.clone()));
        // What happens later to the plan is not what was signed.
        let mut later = plan.clone();
        later.signed_by_person_at = Some(plan.created_at);
        let mut recorded = items.clone();
        recorded[0].outcome = Some("done".into());
        assert_eq!(digest, content_digest(&later, &recorded));
        // Any change of an item, a date, a note or the run-to day is another content.
        let mut moved = items.clone();
        moved[0].due_on = NaiveDate::from_ymd_opt(2026, 4, 2).expect("a day");
        let mut noted = items.clone();
        noted[1].note = Some("другое".into());
        let mut fewer = items.clone();
        fewer.pop();
        let mut longer = plan.clone();
        longer.valid_until = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a day");
        for (what, other) in [
            ("a due date", content_digest(&plan, &moved)),
            ("a note", content_digest(&plan, &noted)),
            ("an item", content_digest(&plan, &fewer)),
            ("the run-to day", content_digest(&longer, &items)),
        ] {
            assert_ne!(digest, other, "{what}");
        }
    }
}
