//! Offers of suitable work and the person's answer (214 p.38, 214 p.51(2), 214 p.71–72).

use chrono::{DateTime, TimeDelta, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::matching::{score, Match};
use enbek_domain::mediation::offer::{
    answer_due, answer_late, decision_reminder_at, refusals_deregister, OfferStatus,
    EMPLOYER_DECISION_DAYS,
};
use enbek_domain::mediation::vacancy::VacancyStatus;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::reference::office_hours::working_days_deadline;
use enbek_domain::registration::attendance::{self, Summons};
use enbek_domain::registration::unemployment::Deregistration;
use enbek_domain::registration::Status;
use enbek_domain::text;
use serde_json::json;

use crate::mediation::error::Code;
use crate::mediation::error::{Error, Result};
use crate::mediation::notices::Kind;
use crate::mediation::service::employers::tell_employer;
use crate::mediation::service::employers::{named, Named};
use crate::mediation::service::matching::{opening, receives_offers, seeker};
use crate::mediation::service::selection;
use crate::mediation::store::employers::{self, Employer, Vacancy};
use crate::mediation::store::offers;
pub use crate::mediation::store::offers::Offer;
use crate::mediation::store::resumes::{self, Resume};
use crate::platform::audit;
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::http::input;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::registration::interface as unemployment;
use crate::registration::interface::persons;
use crate::registration::interface::recipient;
use crate::registration::interface::recipient_with_assistant;
use crate::registration::interface::registration_by_id;
use crate::registration::interface::registrations::{self, Ending, Registration};
use crate::registration::interface::require_scope;
use crate::registration::interface::require_serving_assistant;

/// A vacancy is offered to a registered person (214 p.71) by a specialist, or by the
/// platform's own selection (`specialist` none, 214 p.36, 214 p.69): only suitable work (the
/// person's resume meets every hard constraint), answered within 1 or 3 working days (214 p.72).
/// For an unemployed person the end of the term is due work (`LateOfferAnswer`, 214 p.51(2)).
pub async fn create(
    state: &AppState,
    specialist: Option<&str>,
    reg: &Registration,
    vacancy_id: &str,
) -> Result<Offer> {
    let unemployed = reg.status == Status::Unemployed;
    if !receives_offers(reg) {
        return Err(
            Error::new(Common::InvalidState).detail("offers go to job seekers and the unemployed")
        );
    }
    let now = state.clock.now();
    let vacancy = employers::vacancy_by_id(&state.db.pool, vacancy_id)
        .await?
        .filter(|v| v.status == VacancyStatus::Open && v.valid_until >= local_date(now))
        .ok_or_else(|| Error::new(Common::InvalidState).detail("the vacancy is not open"))?;
    let account_id = reg
        .account_id
        .clone()
        .ok_or_else(|| Error::new(Code::NoResume))?;
    let resume = resumes::by_account(&state.db.pool, &account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoResume))?;
    let suitable = opening(&vacancy, &state.places())
        .and_then(|o| score(&seeker(&resume, &state.places()), &o));
    if suitable.is_none() {
        return Err(Error::new(Code::NotSuitable)
            .detail("the vacancy breaks a hard constraint of suitable work (214 p.2.10)"));
    }
    let offer = new_offer(
        &vacancy.id,
        reg,
        account_id,
        specialist.unwrap_or("selection"),
        now,
        answer_due(&state.calendar(), now, unemployed),
    );
    let mut tx = state.db.begin().await?;
    match offers::insert(&mut tx, &offer).await {
        Err(e) if is_unique_violation(&e) => return Err(Error::new(Code::OfferExists)),
        other => other?,
    }
    if unemployed {
        let job = Job::LateOfferAnswer {
            offer_id: offer.id.clone(),
        };
        let key = format!("late_offer_answer:{}", offer.id);
        jobs::enqueue(&mut tx, &job, offer.answer_due_at, Some(&key), now);
    }
    let args = Args {
        // The term ends at 24:00 of its last day.
        date: local_date(offer.answer_due_at)
            .pred_opt()
            .unwrap_or(local_date(offer.answer_due_at))
            .to_string(),
        note: vacancy.title.clone(),
        reference: offer.id.clone(),
        ..Args::default()
    };
    let to = recipient_with_assistant(&mut tx, reg).await?;
    notify::send(&mut tx, &to, Kind::OfferMade, &args, now).await?;
    audit::Entry::new(now, "create", "offer", &offer.id)
        .by(specialist)
        .after(json!({ "vacancy_id": vacancy.id, "registration_id": reg.id, "answer_due_at": offer.answer_due_at }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(offer)
}

fn new_offer(
    vacancy_id: &str,
    reg: &Registration,
    account_id: String,
    created_by: &str,
    now: DateTime<Utc>,
    answer_due_at: DateTime<Utc>,
) -> Offer {
    Offer {
        id: new_id(),
        vacancy_id: vacancy_id.to_string(),
        registration_id: reg.id.clone(),
        account_id: Some(account_id),
        created_by: created_by.to_string(),
        created_at: now,
        answer_due_at,
        to_unemployed: reg.status == Status::Unemployed,
        late_answer_at: None,
        status: OfferStatus::Pending,
        answered_at: None,
        answered_late: None,
        referred_at: None,
        decision_due_at: None,
        decided_at: None,
        decided_by_silence: None,
        interview_at: None,
        interview_place: None,
        interview_notified_at: None,
        interview_declined_at: None,
        no_show_at: None,
        no_show_excused_at: None,
    }
}

/// Consent sends the resume to the employer at once (214 p.73), who is told and decides within
/// 5 working days, reminded the working day before the last; silence then counts as refusal
/// (214 p.75).
async fn refer_to_employer(
    state: &AppState,
    tx: &mut Tx,
    parties: &(Vacancy, Employer),
    offer: &Offer,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let due = working_days_deadline(&state.calendar(), now, EMPLOYER_DECISION_DAYS);
    offers::refer(tx, &offer.id, now, due).await?;
    let silence = Job::EmployerSilence {
        offer_id: offer.id.clone(),
    };
    let key = format!("employer_silence:{}", offer.id);
    jobs::enqueue(tx, &silence, due, Some(&key), now);
    tell_employer_of_candidate(tx, parties, offer, Kind::CandidateReferred, due, now).await?;
    let remind_at = decision_reminder_at(&state.calendar(), due).max(now);
    let reminder = Job::RemindEmployer {
        offer_id: offer.id.clone(),
    };
    let key = format!("remind_employer:{}", offer.id);
    jobs::enqueue(tx, &reminder, remind_at, Some(&key), now);
    Ok(())
}

/// Who made an offer that is the person's own response.
pub const SELF_RESPONSE: &str = "self";

/// A registered person's own response to an open vacancy (214 p.77, self-service): responding
/// is consent, so the resume goes to the employer at once as after an accepted offer (214 p.73) and
/// the employer's term to decide runs (214 p.75). The person chooses: no suitability test, and no
/// refusal to count.
pub async fn respond(state: &AppState, account_id: &str, vacancy_id: &str) -> Result<Offer> {
    let reg = registrations::latest_for_account(&state.db.pool, account_id)
        .await?
        .filter(receives_offers)
        .ok_or_else(|| {
            Error::new(Code::NotRegistered)
                .detail("responses go through a registration as a job seeker (applyJobSeeker)")
        })?;
    if resumes::by_account(&state.db.pool, account_id)
        .await?
        .is_none()
    {
        return Err(Error::new(Code::NoResume));
    }
    let now = state.clock.now();
    let vacancy = employers::vacancy_by_id(&state.db.pool, vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if vacancy.status != VacancyStatus::Open || vacancy.valid_until < local_date(now) {
        return Err(Error::new(Common::InvalidState).detail("the vacancy is not open"));
    }
    let offer = new_offer(
        &vacancy.id,
        &reg,
        account_id.to_string(),
        SELF_RESPONSE,
        now,
        now,
    );
    let parties = vacancy_and_employer(state, &offer).await?;
    let mut tx = state.db.begin().await?;
    match offers::insert(&mut tx, &offer).await {
        Err(e) if is_unique_violation(&e) => return Err(Error::new(Code::OfferExists)),
        other => other?,
    }
    offers::answer(&mut tx, &offer.id, OfferStatus::Accepted, false, now).await?;
    refer_to_employer(state, &mut tx, &parties, &offer, now).await?;
    audit::Entry::new(now, "respond", "offer", &offer.id)
        .by(account_id)
        .after(json!({ "vacancy_id": vacancy.id, "registration_id": reg.id, "status": OfferStatus::Accepted.as_str() }))
        .record(&mut tx);
    tx.commit().await?;
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The person answers an offer (214 p.72). A late answer is recorded as late. A job seeker's
/// refusal is decided at once (214 p.38); an unemployed person's third refusal of suitable work
/// offered while unemployed ends the registration (214 p.51(2)).
pub async fn answer(
    state: &AppState,
    account_id: &str,
    offer: &Offer,
    accept: bool,
) -> Result<Offer> {
    let now = state.clock.now();
    // The answer is given now.
    let late = answer_late(offer.answer_due_at, None, now);
    let status = if accept {
        OfferStatus::Accepted
    } else {
        OfferStatus::Refused
    };
    let reg = registration_by_id(state, &offer.registration_id).await?;
    let parties = vacancy_and_employer(state, offer).await?;
    let mut tx = state.db.begin().await?;
    if !offers::answer(&mut tx, &offer.id, status, late, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the offer is already answered"));
    }
    let refusals = offers::refusals(&mut tx, &reg.id).await?;
    if accept {
        refer_to_employer(state, &mut tx, &parties, offer, now).await?;
    }
    let job_seeker_refused = !accept && reg.status == Status::JobSeeker;
    let deregistered =
        !accept && reg.status == Status::Unemployed && refusals_deregister(&refusals);
    if job_seeker_refused {
        unemployment::decision_after_refusal_due(&mut tx, &reg.id, now);
    }
    if deregistered {
        unemployment::deregister_in(
            &mut tx,
            state,
            None,
            &reg.id,
            Deregistration::RefusedThreeOffers,
            now,
        )
        .await?;
    }
    audit::Entry::new(now, "answer", "offer", &offer.id)
        .by(account_id)
        .before(json!({ "status": OfferStatus::Pending.as_str() }))
        .after(json!({ "status": status.as_str(), "late": late }))
        .record(&mut tx);
    tx.commit().await?;
    if deregistered {
        state.metrics.registration("unemployed", "deregistered");
    }
    if job_seeker_refused {
        // At once, for speed; the stored job decides it if this pass fails or never comes.
        if let Err(e) = unemployment::register_on_refusal(state, &reg.id, now).await {
            tracing::warn!(registration = %reg.id, error = %e, "decision after a refusal deferred");
        }
    }
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The employer's decision on a referred candidate (214 p.75–76, 214 p.81): a hire ends the
/// person's registration as `employed` and fills a position (the vacancy leaves the search with
/// its last one); a refusal, or silence for 5 working days, lets a job seeker whose selection
/// period is over be decided as unemployed.
pub async fn decide(
    state: &AppState,
    actor: Option<&str>,
    offer: &Offer,
    hired: bool,
) -> Result<Offer> {
    let now = state.clock.now();
    let status = if hired {
        OfferStatus::Hired
    } else {
        OfferStatus::Rejected
    };
    let reg = registration_by_id(state, &offer.registration_id).await?;
    let vacancy = employers::vacancy_by_id(&state.db.pool, &offer.vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let mut tx = state.db.begin().await?;
    if !offers::decide(&mut tx, &offer.id, status, actor.is_none(), now).await? {
        return Err(Error::new(Common::InvalidState).detail("the candidate is already decided"));
    }
    if hired {
        if !employers::fill_position(&mut tx, &vacancy.id, now).await? {
            return Err(
                Error::new(Common::InvalidState).detail("no position of the vacancy is open")
            );
        }
        let ending = Ending {
            closed_reason: Some("hired"),
            ..Ending::to(Status::Employed)
        };
        registrations::end(&mut tx, &reg.id, &ending, now).await?;
    }
    let args = Args {
        date: local_date(now).to_string(),
        note: vacancy.title.clone(),
        reference: offer.id.clone(),
        ..Args::default()
    };
    let kind = if hired { Kind::Hired } else { Kind::NotHired };
    let to = recipient(&mut tx, &reg).await?;
    notify::send(&mut tx, &to, kind, &args, now).await?;
    if !hired {
        unemployment::decision_after_employer_refusal_due(&mut tx, &reg.id, &offer.id, now);
    }
    audit::Entry::new(now, "decide", "offer", &offer.id)
        .by(actor)
        .before(json!({ "status": OfferStatus::Accepted.as_str() }))
        .after(json!({ "status": status.as_str(), "by_silence": actor.is_none() }))
        .record(&mut tx);
    tx.commit().await?;
    if hired {
        state.vacancy_index().changed();
    }
    if !hired {
        // At once, for speed; the stored job decides it if this pass fails or never comes.
        if let Err(e) = unemployment::register_if_period_over(state, &reg.id, now).await {
            tracing::warn!(registration = %reg.id, error = %e, "decision after the employer's refusal deferred");
        }
    }
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Silence for 5 working days counts as refusal (214 p.75).
pub async fn employer_silent(state: &AppState, offer_id: &str) -> anyhow::Result<()> {
    let Some(offer) = offers::by_id(&state.db.pool, offer_id).await? else {
        return Ok(());
    };
    if offer.status != OfferStatus::Accepted {
        return Ok(());
    }
    match decide(state, None, &offer, false).await {
        Ok(_) => Ok(()),
        Err(e) if e.is(Common::InvalidState) => Ok(()),
        Err(e) => anyhow::bail!("deciding by silence: {}", e.code()),
    }
}

/// The term to answer an offer made to an unemployed person is over (214 p.72): an answer
/// missing, or given after the term, is a ground of 214 p.51(2). It is recorded on the offer and
/// so enters the work queue of the person's center, where the specialist applies
/// `late_offer_answer`. A person no longer unemployed is left alone.
pub async fn answer_term_over(state: &AppState, offer_id: &str) -> anyhow::Result<()> {
    let Some(offer) = offers::by_id(&state.db.pool, offer_id).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    if !answer_late(offer.answer_due_at, offer.answered_at, now) {
        if offer.answered_at.is_none() {
            // Only a clock set back runs this early: keep the job for when the term is over.
            anyhow::bail!("the term to answer ends at {}", offer.answer_due_at);
        }
        return Ok(());
    }
    let unemployed = registrations::by_id(&state.db.pool, &offer.registration_id)
        .await?
        .is_some_and(|r| r.status == Status::Unemployed);
    if !offer.to_unemployed || !unemployed {
        return Ok(());
    }
    let mut tx = state.db.begin().await?;
    if offers::record_late_answer(&mut tx, &offer.id, now).await? {
        audit::Entry::new(now, "late_answer", "offer", &offer.id)
            .after(
                json!({ "answer_due_at": offer.answer_due_at, "answered_at": offer.answered_at }),
            )
            .record(&mut tx);
    }
    tx.commit().await?;
    Ok(())
}

/// Tells the accounts of the vacancy's employer of a referred candidate (214 p.73): the
/// vacancy's title, the last day to decide and the candidate's number; nothing of the person,
/// whom the employer sees in the cabinet.
async fn tell_employer_of_candidate(
    tx: &mut Tx,
    (vacancy, employer): &(Vacancy, Employer),
    offer: &Offer,
    kind: Kind,
    decision_due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let args = Args {
        // The term ends at 24:00 of its last day.
        date: local_date(decision_due - TimeDelta::seconds(1)).to_string(),
        note: vacancy.title.clone(),
        reference: offer.id.clone(),
        ..Args::default()
    };
    tell_employer(tx, employer, kind, &args, now).await
}

/// The offer's vacancy and its employer.
async fn vacancy_and_employer(state: &AppState, offer: &Offer) -> Result<(Vacancy, Employer)> {
    let vacancy = employers::vacancy_by_id(&state.db.pool, &offer.vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let employer = employers::employer_by_id(&state.db.pool, &vacancy.employer_id)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok((vacancy, employer))
}

/// Reminds the employer, the working day before the term's last day, to decide on a referred
/// candidate (214 p.73, 214 p.75); a decided candidate is left alone.
pub async fn remind_employer(state: &AppState, offer_id: &str) -> anyhow::Result<()> {
    let Some(offer) = offers::by_id(&state.db.pool, offer_id).await? else {
        return Ok(());
    };
    let Some(due) = offer
        .decision_due_at
        .filter(|_| offer.status == OfferStatus::Accepted)
    else {
        return Ok(());
    };
    let parties = vacancy_and_employer(state, &offer)
        .await
        .map_err(|e| anyhow::anyhow!("reminding the employer: {}", e.code()))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    tell_employer_of_candidate(&mut tx, &parties, &offer, Kind::DecisionReminder, due, now).await?;
    audit::Entry::new(now, "remind_employer", "offer", &offer.id)
        .after(json!({ "decision_due_at": due }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// The employer arranges an interview with a referred candidate, who is told its time and place
/// (214 p.73, 214 p.79); an unemployed person turns to the employer within 3 working days of the
/// notice (214 p.74), and not coming within 5 is a ground of deregistration (214 p.51(3),
/// `attend_by`). The place is checked free text (`http::input`).
pub async fn schedule_interview(
    state: &AppState,
    employer_account: &str,
    offer: &Offer,
    at: chrono::DateTime<chrono::Utc>,
    place: &str,
) -> Result<Offer> {
    let now = state.clock.now();
    if at <= now {
        return Err(Error::new(Common::InvalidDate).detail("the interview is in the future"));
    }
    let reg = registration_by_id(state, &offer.registration_id).await?;
    let vacancy = employers::vacancy_by_id(&state.db.pool, &offer.vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let mut tx = state.db.begin().await?;
    if !offers::schedule_interview(&mut tx, &offer.id, at, place, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the candidate is already decided"));
    }
    let args = Args {
        date: format!(
            "{}",
            at.with_timezone(&enbek_domain::reference::office_hours::kz_offset())
                .format("%Y-%m-%d %H:%M")
        ),
        note: format!("{}, {}", vacancy.title, place),
        reference: offer.id.clone(),
        ..Args::default()
    };
    let to = recipient_with_assistant(&mut tx, &reg).await?;
    notify::send(&mut tx, &to, Kind::InterviewInvited, &args, now).await?;
    audit::Entry::new(now, "schedule_interview", "offer", &offer.id)
        .by(employer_account)
        .after(json!({ "interview_at": at }))
        .record(&mut tx);
    tx.commit().await?;
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The candidate declines the interview on the portal (214 p.80).
pub async fn decline_interview(state: &AppState, account_id: &str, offer: &Offer) -> Result<Offer> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !offers::decline_interview(&mut tx, &offer.id, now).await? {
        return Err(Error::new(Common::InvalidState).detail("there is no interview to decline"));
    }
    audit::Entry::new(now, "decline_interview", "offer", &offer.id)
        .by(account_id)
        .record(&mut tx);
    tx.commit().await?;
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The moment from which the employer may record a no-show: the interview's time has passed
/// and, for an unemployed person, the 5 working days of 214 p.51(3) too (`attend_by`).
pub fn no_show_from(
    state: &AppState,
    offer: &Offer,
    unemployed: bool,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let at = offer.interview_at?;
    Some(attend_by(state, offer, unemployed).map_or(at, |by| by.max(at)))
}

/// The employer records that the candidate did not come to the interview (214 p.51(3)). An
/// unemployed person is told, and the no-show goes to the career center's work queue: 214 p.51(3)
/// deregisters only a no-show "without good reason", which the specialist weighs (applying
/// `no_show` with `deregisterPerson`, or excusing it); a job seeker has no such duty, so it is
/// only recorded.
pub async fn record_no_show(
    state: &AppState,
    employer_account: &str,
    offer: &Offer,
) -> Result<Offer> {
    let now = state.clock.now();
    if offer.interview_at.is_none() {
        return Err(Error::new(Common::InvalidState).detail("no interview was arranged"));
    }
    if offer.interview_declined_at.is_some() {
        return Err(Error::new(Code::InterviewDeclined)
            .detail("the candidate declined the interview on the portal (214 p.80)"));
    }
    if offer.status == OfferStatus::Hired || offer.no_show_at.is_some() {
        return Err(Error::new(Common::InvalidState).detail("hired, or the no-show is recorded"));
    }
    let reg = registration_by_id(state, &offer.registration_id).await?;
    let unemployed = reg.status == Status::Unemployed;
    let from = no_show_from(state, offer, unemployed).ok_or_else(Error::not_found)?;
    if now <= from {
        return Err(Error::new(Code::NoShowTooEarly).detail(format!(
            "a no-show can be recorded after {}",
            from.to_rfc3339()
        )));
    }
    let vacancy = employers::vacancy_by_id(&state.db.pool, &offer.vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let mut tx = state.db.begin().await?;
    if !offers::record_no_show(&mut tx, &offer.id, employer_account, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the no-show cannot be recorded"));
    }
    if unemployed {
        let args = Args {
            // The last day to come (a deadline is 24:00 of its last day).
            date: local_date(from - chrono::Duration::seconds(1)).to_string(),
            note: vacancy.title.clone(),
            reference: offer.id.clone(),
            ..Args::default()
        };
        let to = recipient(&mut tx, &reg).await?;
        notify::send(&mut tx, &to, Kind::InterviewNoShow, &args, now).await?;
    }
    audit::Entry::new(now, "record_no_show", "offer", &offer.id)
        .by(employer_account)
        .after(json!({ "no_show_at": now, "unemployed": unemployed }))
        .record(&mut tx);
    tx.commit().await?;
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The career center accepts the person's good reason for a no-show (214 p.51(3)): it leaves
/// the work queue and is no ground to deregister.
pub async fn excuse_no_show(state: &AppState, specialist: &str, offer: &Offer) -> Result<Offer> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !offers::excuse_no_show(&mut tx, &offer.id, specialist, now).await? {
        return Err(Error::new(Common::InvalidState).detail("no unexcused no-show"));
    }
    audit::Entry::new(now, "excuse_no_show", "offer", &offer.id)
        .by(specialist)
        .after(json!({ "no_show_excused_at": now }))
        .record(&mut tx);
    tx.commit().await?;
    offers::by_id(&state.db.pool, &offer.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The end of an unemployed person's term to come to the place of the offered job after the
/// notice of the interview: 5 working days (214 p.51(3)); not having come by then, without good
/// reason, is a ground of deregistration. (The 3 working days of 214 p.74 to turn to the employer
/// are a duty, not this term.)
pub fn attend_by(
    state: &AppState,
    offer: &Offer,
    unemployed: bool,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let notified = offer.interview_notified_at.filter(|_| unemployed)?;
    Some(attendance::attend_by(
        &state.calendar(),
        notified,
        Summons::OfferedPlace,
    ))
}

/// How many people the platform's selection offers a vacancy to, per position (214 p.69).
const OFFERS_PER_POSITION: usize = 3;

/// How many vacancies the platform's selection offers a new job seeker (214 p.36).
const OFFERS_PER_SEEKER: usize = 3;

/// The platform's selection for a new vacancy (214 p.69: within 1 working day), and again each
/// night: the best suitable registered people are offered it until three offers stand per open
/// position. Nobody is offered the same vacancy twice, so a refusal passes the vacancy on to
/// the next best. Idempotent.
pub async fn select_for_vacancy(state: &AppState, vacancy_id: &str) -> anyhow::Result<()> {
    let Some(vacancy) = employers::vacancy_by_id(&state.db.pool, vacancy_id).await? else {
        return Ok(());
    };
    if vacancy.status != VacancyStatus::Open {
        return Ok(());
    }
    let wanted = usize::try_from(vacancy.positions_open).unwrap_or(1).max(1) * OFFERS_PER_POSITION;
    let mut made = usize::try_from(offers::standing_for_vacancy(&state.db.pool, vacancy_id).await?)
        .unwrap_or(0);
    if made >= wanted {
        return Ok(());
    }
    let offered = offers::offered_registrations(&state.db.pool, vacancy_id).await?;
    let candidates = crate::mediation::service::matching::candidates_for(state, &vacancy)
        .await
        .map_err(|e| anyhow::anyhow!("selection: {}", e.code()))?;
    for c in candidates {
        if made >= wanted {
            break;
        }
        let Some(reg) = c.registration.filter(|r| !offered.contains(&r.id)) else {
            continue;
        };
        match create(state, None, &reg, &vacancy.id).await {
            // Another pass's offer, made meanwhile, counts as made.
            Ok(_) => made += 1,
            Err(e) => match e.own() {
                Some(Code::OfferExists) => made += 1,
                Some(Code::NotSuitable | Code::NoResume) => {}
                _ if e.is(Common::InvalidState) => {}
                _ => anyhow::bail!("offering: {}", e.code()),
            },
        }
    }
    Ok(())
}

/// The nightly re-match (214 p.69): the matching index is built again and every
/// open vacancy's selection is due again, each as its own job; then the next night's, while
/// any vacancy is open. The jobs are queued a batch to a transaction (200 000 open vacancies at
/// national scale), the next night first; a re-match stopped half-way and run again adds only
/// the selections not yet queued today (their keys name the day).
pub async fn rematch_all(state: &AppState) -> anyhow::Result<()> {
    let open = state.matcher().rebuild(state).await?;
    let now = state.clock.now();
    if open.is_empty() {
        return Ok(());
    }
    let mut tx = state.db.begin().await?;
    jobs::schedule_daily(&mut tx, &Job::RematchAll, selection::REMATCH_AT, now);
    tx.commit().await?;
    let today = local_date(now);
    for batch in open.chunks(jobs::BATCH) {
        let selections: Vec<(Job, Option<String>)> = batch
            .iter()
            .map(|id| {
                let job = Job::SelectForVacancy {
                    vacancy_id: id.clone(),
                };
                (job, Some(format!("select_for_vacancy:{id}:{today}")))
            })
            .collect();
        let mut tx = state.db.begin().await?;
        jobs::enqueue_many(&mut tx, &selections, now, now);
        tx.commit().await?;
    }
    // The night's changes are the day's largest: the planner's statistics follow them.
    state.db.optimize().await?;
    Ok(())
}

/// The platform's selection for a new job seeker (214 p.36: within 2 working days): the best
/// suitable open vacancies are offered. Idempotent.
pub async fn select_for_seeker(state: &AppState, registration_id: &str) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    let Some(account_id) = reg.account_id.clone() else {
        return Ok(());
    };
    let found = match crate::mediation::service::matching::vacancies_for(state, &account_id).await {
        Ok(found) => found,
        // Without a resume there is nothing to select by; a new resume selects again.
        Err(e) if e.own() == Some(Code::NoResume) => return Ok(()),
        Err(e) => anyhow::bail!("selection: {}", e.code()),
    };
    let offered = offers::offered_vacancies(&state.db.pool, registration_id).await?;
    let mut made = 0;
    for (vacancy, _) in found {
        if made == OFFERS_PER_SEEKER {
            break;
        }
        // One offered before is among the best still: it counts, and is not offered again.
        if offered.contains(&vacancy.id) {
            made += 1;
            continue;
        }
        match create(state, None, &reg, &vacancy.id).await {
            Ok(_) => made += 1,
            Err(e) => match e.own() {
                Some(Code::OfferExists) => made += 1,
                Some(Code::NotSuitable) => {}
                _ if e.is(Common::InvalidState) => {}
                _ => anyhow::bail!("offering: {}", e.code()),
            },
        }
    }
    Ok(())
}

/// An offer as it is shown: with the end of an unemployed person's term to come (214 p.51(3)),
/// and its vacancy.
pub struct ShownOffer {
    pub offer: Offer,
    pub attend_by: Option<DateTime<Utc>>,
    pub vacancy: Option<Named>,
}

async fn shown(state: &AppState, offer: Offer) -> Result<ShownOffer> {
    let vacancy = match employers::vacancy_by_id(&state.db.pool, &offer.vacancy_id).await? {
        Some(v) => Some(named(state, v).await?),
        None => None,
    };
    let unemployed = registrations::by_id(&state.db.pool, &offer.registration_id)
        .await?
        .is_some_and(|r| r.status == Status::Unemployed);
    Ok(ShownOffer {
        attend_by: attend_by(state, &offer, unemployed),
        offer,
        vacancy,
    })
}

/// A specialist whose scope reaches the registration's card offers it a vacancy.
pub async fn offer_by(
    state: &AppState,
    caller: &Caller,
    registration_id: &str,
    vacancy_id: &str,
) -> Result<ShownOffer> {
    let reg = registration_by_id(state, registration_id).await?;
    require_scope(state, caller, &reg, &[Role::CareerCenterSpecialist]).await?;
    let offer = create(state, Some(&caller.account_id), &reg, vacancy_id).await?;
    shown(state, offer).await
}

/// The offers made to the account.
pub async fn my_offers(state: &AppState, account_id: &str) -> Result<Vec<ShownOffer>> {
    let mut out = Vec::new();
    for o in offers::for_account(&state.db.pool, account_id).await? {
        out.push(shown(state, o).await?);
    }
    Ok(out)
}

/// One of the account's own offers, or 404.
async fn my_offer(state: &AppState, account_id: &str, id: &str) -> Result<Offer> {
    offers::by_id(&state.db.pool, id)
        .await?
        .filter(|o| o.account_id.as_deref() == Some(account_id))
        .ok_or_else(Error::not_found)
}

/// The person answers an offer made to them.
pub async fn answer_mine(
    state: &AppState,
    account_id: &str,
    id: &str,
    accept: bool,
) -> Result<ShownOffer> {
    let offer = my_offer(state, account_id, id).await?;
    let offer = answer(state, account_id, &offer, accept).await?;
    shown(state, offer).await
}

/// The assistant of the rural district that serves the person records the person's answer to an
/// offer (214 p.51(2): a rural resident answers through the akimat, where the assistant works); it
/// counts as the person's own, in the same term and the same count of refusals (`answer`).
pub async fn answer_through_assistant(
    state: &AppState,
    caller: &Caller,
    id: &str,
    accept: bool,
) -> Result<ShownOffer> {
    let (offer, reg) = offer_and_registration(state, id).await?;
    require_serving_assistant(state, caller, &reg).await?;
    let offer = answer(state, &caller.account_id, &offer, accept).await?;
    shown(state, offer).await
}

/// The person responds to a vacancy themselves.
pub async fn respond_to_vacancy(
    state: &AppState,
    account_id: &str,
    vacancy_id: &str,
) -> Result<ShownOffer> {
    let offer = respond(state, account_id, vacancy_id).await?;
    shown(state, offer).await
}

/// The person declines the interview of an offer made to them.
pub async fn decline_my_interview(
    state: &AppState,
    account_id: &str,
    id: &str,
) -> Result<ShownOffer> {
    let offer = my_offer(state, account_id, id).await?;
    let offer = decline_interview(state, account_id, &offer).await?;
    shown(state, offer).await
}

/// The caller's own vacancy, or 403/404.
async fn own_vacancy(state: &AppState, caller: &Caller, id: &str) -> Result<Vacancy> {
    crate::mediation::service::employers::own_vacancy(state, caller, id).await
}

/// A referred candidate of the caller's vacancy, or 404.
async fn own_candidate(
    state: &AppState,
    caller: &Caller,
    id: &str,
    candidate_id: &str,
) -> Result<Offer> {
    let vacancy = own_vacancy(state, caller, id).await?;
    offers::by_id(&state.db.pool, candidate_id)
        .await?
        .filter(|o| o.vacancy_id == vacancy.id && o.referred_at.is_some())
        .ok_or_else(Error::not_found)
}

/// A candidate referred to the employer on the person's consent (214 p.73): now, and only now,
/// with name and contacts; the resume without its health restrictions, which are the person's
/// and the career center's to know (the match already honours them).
pub struct Referred {
    pub offer: Offer,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub resume: Option<Resume>,
    /// How the resume meets the vacancy (214 p.70): none when it breaks a hard constraint.
    pub matched: Option<Match>,
}

/// The candidates referred to the caller's own vacancy; the read is written to the audit log.
pub async fn referred_to_own(
    state: &AppState,
    caller: &Caller,
    vacancy_id: &str,
) -> Result<Vec<Referred>> {
    Ok(own_vacancy_candidates(state, caller, vacancy_id).await?.1)
}

/// The caller's own vacancy with the candidates referred to it (the cabinet's vacancy page);
/// 403 `out_of_scope` for another employer's. The read is written to the audit log.
pub async fn own_vacancy_candidates(
    state: &AppState,
    caller: &Caller,
    vacancy_id: &str,
) -> Result<(Vacancy, Vec<Referred>)> {
    let vacancy = own_vacancy(state, caller, vacancy_id).await?;
    let mut out = Vec::new();
    for o in offers::referred_to(&state.db.pool, &vacancy.id).await? {
        let reg = registrations::by_id(&state.db.pool, &o.registration_id).await?;
        let person = match reg.as_ref().and_then(|r| r.person_id.clone()) {
            Some(pid) => persons::by_id(&state.db.pool, &pid).await?,
            None => None,
        };
        let mut resume = match &o.account_id {
            Some(account) => resumes::by_account(&state.db.pool, account).await?,
            None => None,
        };
        let matched = resume
            .as_ref()
            .zip(opening(&vacancy, &state.places()))
            .and_then(|(r, v)| score(&seeker(r, &state.places()), &v));
        if let Some(r) = resume.as_mut() {
            r.health_restrictions.clear();
        }
        out.push(Referred {
            last_name: person.as_ref().map(|p| p.last_name.clone()),
            first_name: person.as_ref().map(|p| p.first_name.clone()),
            phone: reg.as_ref().and_then(|r| r.application.phone.clone()),
            email: reg.as_ref().and_then(|r| r.application.email.clone()),
            resume,
            matched,
            offer: o,
        });
    }
    audit::record_read(
        &state.db.pool,
        state.clock.now(),
        &caller.account_id,
        "vacancy_candidates",
        &vacancy.id,
    )
    .await?;
    Ok((vacancy, out))
}

/// The employer decides on a candidate of their own vacancy.
pub async fn decide_on_own(
    state: &AppState,
    caller: &Caller,
    vacancy_id: &str,
    candidate_id: &str,
    hired: bool,
) -> Result<ShownOffer> {
    let offer = own_candidate(state, caller, vacancy_id, candidate_id).await?;
    let offer = decide(state, Some(&caller.account_id), &offer, hired).await?;
    shown(state, offer).await
}

/// The employer invites a candidate of their own vacancy to an interview; the place is checked
/// once the candidate is found.
pub async fn interview_own(
    state: &AppState,
    caller: &Caller,
    vacancy_id: &str,
    candidate_id: &str,
    at: DateTime<Utc>,
    place: &str,
) -> Result<ShownOffer> {
    let offer = own_candidate(state, caller, vacancy_id, candidate_id).await?;
    let place = input::text("place", place, text::SHORT)?;
    let offer = schedule_interview(state, &caller.account_id, &offer, at, &place).await?;
    shown(state, offer).await
}

/// The employer records that a candidate of their own vacancy did not come.
pub async fn no_show_at_own(
    state: &AppState,
    caller: &Caller,
    vacancy_id: &str,
    candidate_id: &str,
) -> Result<ShownOffer> {
    let offer = own_candidate(state, caller, vacancy_id, candidate_id).await?;
    let offer = record_no_show(state, &caller.account_id, &offer).await?;
    shown(state, offer).await
}

/// Casework staff whose scope reaches the person's card accept their good reason for a no-show.
pub async fn excuse_by(state: &AppState, caller: &Caller, id: &str) -> Result<ShownOffer> {
    let (offer, reg) = offer_and_registration(state, id).await?;
    require_scope(state, caller, &reg, &CASEWORK).await?;
    let offer = excuse_no_show(state, &caller.account_id, &offer).await?;
    shown(state, offer).await
}

/// The offer of this id and the registration it was made on; 404 when either is missing.
async fn offer_and_registration(state: &AppState, id: &str) -> Result<(Offer, Registration)> {
    let offer = offers::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let reg = registration_by_id(state, &offer.registration_id).await?;
    Ok((offer, reg))
}
