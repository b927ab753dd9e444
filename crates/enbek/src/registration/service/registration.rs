//! Registration as a job seeker through every channel (214 ch.2): one submission
//! path, one registry check, one decision.

use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::{CardPlace, OrgKind, Role};
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::delivery::NoticeChannel;
use enbek_domain::ids::Iin;
use enbek_domain::monitoring::{Service, Stage};
use enbek_domain::reference::office_hours::{local_date, received_at, working_days_deadline};
use enbek_domain::reference::parameters::keys;
use enbek_domain::registration::age::age_on;
use enbek_domain::registration::category::{self, CardFacts, Category};
use enbek_domain::registration::unemployment::pension_age_months;
use enbek_domain::registration::{
    self as rules, Channel, PresentedIdentity, Refusal, Status, TemporaryStay,
};
use enbek_domain::registry::RegistryPerson;
use serde_json::json;
use sqlx::AnyConnection;

use crate::accounts::interface::directory as accounts;
use crate::exchange::registry::Unavailable;
use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::monitoring::{self, NewRequest};
use crate::platform::notify;
use crate::platform::notify::store as notifications;
use crate::platform::notify::Args;
use crate::platform::notify::Recipient;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::check_occupations;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;
use crate::reference::interface::Organization;
use crate::registration::error::Code;
use crate::registration::error::{Error, Result};
use crate::registration::notices::Kind;
use crate::registration::notices::{ground, GroundOf};
use crate::registration::service::cards::registration_by_id;
use crate::registration::service::papers;
pub(crate) use crate::registration::service::shown::{
    center_name, names, recipient, shown, shown_with, Shown,
};
use crate::registration::service::unemployment;
use crate::registration::store::persons::{self, CardWrite, Profile};
pub use crate::registration::store::registrations::Application;
use crate::registration::store::registrations::{self, Ending, Registration};

/// The monitored public service (214 p.22; 214 App.1).
pub const SERVICE: Service = Service::JobSeekerRegistration;

pub struct Submission {
    pub channel: Channel,
    pub iin: Iin,
    pub career_center: Organization,
    /// The citizen applying from their own cabinet (portal channel).
    pub applicant_account: Option<String>,
    /// Who submitted: the citizen, the specialist, the assistant or the egov gateway.
    pub actor_id: String,
    /// The rural district whose assistant forwarded the application.
    pub forwarded_by_org: Option<String>,
    pub application: Application,
    /// At the desk: the temporary stay stated for a person living in another region (214 p.5),
    /// kept in the audit entry of the submission.
    pub temporary_stay: Option<TemporaryStay>,
}

/// The organisation `id` names when it is of `kind`; 422 `unknown_organization` otherwise.
pub async fn organization_of_kind(
    state: &AppState,
    id: Option<&str>,
    kind: OrgKind,
) -> Result<Organization> {
    let id = id.ok_or_else(|| {
        Error::new(ReferenceCode::UnknownOrganization).detail("career_center_id is required")
    })?;
    crate::reference::interface::organization(state, id)
        .await?
        .filter(|o| o.kind == kind)
        .ok_or_else(|| Error::new(ReferenceCode::UnknownOrganization).with("organization_id", id))
}

/// Takes an application through any channel: its occupations checked against the classifier
/// and the applicant's proof of the IIN read (one connection of the readers for both); at the
/// desk, without a stated temporary stay, the residence the registry knows checked against the
/// center's region (214 p.5); then submitted.
pub async fn apply(state: &AppState, sub: Submission) -> Result<Shown> {
    let proven = {
        let mut conn = state.db.pool.acquire().await?;
        check_occupations(&mut conn, &sub.application.occupation_codes).await?;
        // The identity before anything else of the case: an account acts only for the IIN it
        // has proven, and nothing about another IIN's case is told (nor the registry asked about
        // it) before that.
        match &sub.applicant_account {
            Some(account) => Some(applicant_proof(&mut conn, account, sub.iin.as_str()).await?),
            None => None,
        }
    };
    let mut asked = None;
    if sub.channel == Channel::InPerson && sub.temporary_stay.is_none() {
        // 214 p.5: residence or temporary stay. Without a stated stay the registry must place the
        // person in the center's region. A registry that does not answer delays the work, it
        // never refuses it: the application is taken and checked when the registry answers, and
        // the specialist has the person's ID document in hand.
        let answer = state.registry().person(&sub.iin).await;
        match &answer {
            Ok(person) => {
                if person.as_ref().is_some_and(|p| {
                    rules::needs_temporary_stay(&sub.career_center.region_code, &p.region_code)
                }) {
                    return Err(Error::new(Code::ResidenceReasonRequired).detail(
                        "the registry places the person's residence in another region: state the temporary stay (temporary_stay.address)",
                    ));
                }
            }
            Err(e) => tracing::warn!(error = %e, "residence not checked: the registry is silent"),
        }
        asked = Some(answer);
    }
    submit(state, sub, asked, proven).await
}

/// What the state registry answered on the applicant: the person it knows (or none), or
/// silence.
type Answer = std::result::Result<Option<RegistryPerson>, Unavailable>;

/// Takes an application: checks that no registration is active and no bar stands, records it
/// with its received time and legal term, and (except on the assistant route, which waits for
/// the career center) checks it against the registries at once: when the registry answers, the
/// application is decided in the transaction that records it; when it is silent, the
/// application waits in `verifying` for the stored check and the person is told it was
/// received. `asked` is the registry's answer when the caller has asked already, `proven` how
/// the applicant's account proved the IIN (`applicant_proof`; none without an account). Answers
/// the registration as it was written, without reading it back.
async fn submit(
    state: &AppState,
    sub: Submission,
    asked: Option<Answer>,
    proven: Option<ProofMethod>,
) -> Result<Shown> {
    let now = state.clock.now();
    let calendar = state.calendar();
    let parameters = state.parameters();
    // 214 App.1 p.7: online applications after hours count from the next working day.
    let received = if sub.channel.is_online() {
        received_at(&calendar, now)
    } else {
        now
    };
    let received_on = local_date(received);
    let term = u32::try_from(parameters.int_on(keys::JOB_SEEKER_REGISTRATION_TERM, received_on))
        .unwrap_or(1);
    let due_at = working_days_deadline(&calendar, received, term);
    let iin = sub.iin.as_str();

    let status = if sub.channel == Channel::Assistant {
        Status::PendingReview
    } else {
        Status::Verifying
    };
    let answer = match (status, asked) {
        (Status::Verifying, Some(answer)) => Some(answer),
        (Status::Verifying, None) => Some(state.registry().person(&sub.iin).await),
        _ => None,
    };
    let mut tx = state.db.begin().await?;
    let (account_id, proof) = match proven {
        Some(proof) => (sub.applicant_account.clone(), proof),
        None => (
            accounts::account_by_iin(&mut tx, iin).await?,
            match sub.channel {
                Channel::Egov => ProofMethod::Egov,
                _ => ProofMethod::Document,
            },
        ),
    };
    let standing = registrations::standing(&mut tx, iin).await?;
    if let Some(active) = standing.active_id {
        return Err(Error::new(Code::RegistrationExists).with("registration_id", active));
    }
    let barred_until = standing.barred_until;
    if rules::is_barred(barred_until, received_on) {
        return Err(Error::new(Code::ReregistrationBarred).with("barred_until", barred_until));
    }
    let mut application = sub.application;
    application.identity_proof = Some(proof.as_str().to_string());
    let mut registration = Registration {
        id: new_id(),
        person_id: None,
        iin: iin.to_string(),
        account_id,
        career_center_id: sub.career_center.id.clone(),
        channel: sub.channel,
        status,
        submitted_at: now,
        received_at: received,
        due_at,
        decided_at: None,
        job_seeker_since: None,
        unemployed_since: None,
        refusal_code: None,
        deregistration_code: None,
        closed_reason: None,
        ended_at: None,
        barred_until: None,
        selection_ends_at: None,
        application,
        submitted_by: Some(sub.actor_id.clone()),
        forwarded_by_org: sub.forwarded_by_org.clone(),
    };
    let mut opened = monitoring::Opened::default();
    opened.open(
        &NewRequest {
            service: SERVICE,
            subject_id: &registration.id,
            channel: registration.channel,
            organization_id: &sub.career_center.id,
            region_code: &sub.career_center.region_code,
            received_at: received,
            due_at,
        },
        now,
    );
    let mut submitted = json!({ "channel": registration.channel, "status": registration.status, "career_center_id": registration.career_center_id });
    if let Some(stay) = &sub.temporary_stay {
        submitted["temporary_stay"] = json!(stay);
    }
    audit::Entry::new(now, "submit", "registration", &registration.id)
        .by(sub.actor_id.as_str())
        .after(submitted)
        .record(&mut tx);
    let decided = match answer {
        None => {
            let to = recipient(&mut tx, &registration).await?;
            let args = Args {
                date: local_date(now).to_string(),
                center: names(&sub.career_center),
                reference: registration.id.clone(),
                ..Args::default()
            };
            notify::send(&mut tx, &to, Kind::ForwardedToCareerCenter, &args, now).await?;
            None
        }
        Some(answer) => {
            check_at_once(&mut tx, state, &mut registration, answer, &mut opened, now).await?
        }
    };
    // Written as it stands at the end, decided or not: one insert. A second application of the
    // IIN racing this one meets the one active registration here (or waits for it).
    if let Err(e) = registrations::insert(&mut tx, &registration, now).await {
        return Err(if is_unique_violation(&e) {
            Error::new(Code::RegistrationExists)
        } else {
            e.into()
        });
    }
    opened.write(&mut tx).await?;
    tx.commit().await?;
    let (category, factors) = match decided {
        Some(decided) => {
            after_decision(state, &registration, &decided).await;
            (decided.category, decided.category_factors)
        }
        None => (None, None),
    };
    shown_with(state, registration, category, factors).await
}

/// How the applicant proved the IIN they apply for from their cabinet: the account acts only
/// for the IIN it has proven.
async fn applicant_proof(
    conn: &mut AnyConnection,
    account_id: &str,
    iin: &str,
) -> Result<ProofMethod> {
    accounts::proven_iin(conn, account_id)
        .await?
        .filter(|(proven, _)| proven == iin)
        .map(|(_, method)| method)
        .ok_or_else(|| Error::new(Common::IdentityNotProven))
}

/// The registry check made at once, in the transaction that puts an application in `verifying`
/// (a submission, a forwarded application accepted on review): the application is decided
/// there when the registry answered (`Some`; the caller writes the registration's row, as
/// `decide_in`). When it was silent, the check is stored as due work, so that nothing is lost,
/// and the application waits with the person told it was received (`received_unchecked`).
async fn check_at_once(
    tx: &mut Tx,
    state: &AppState,
    reg: &mut Registration,
    answer: Answer,
    opened: &mut monitoring::Opened,
    now: DateTime<Utc>,
) -> Result<Option<Decided>> {
    match answer {
        Ok(person) => Ok(Some(
            decide_in(tx, state, reg, person.as_ref(), None, opened, now).await?,
        )),
        Err(e) => {
            tracing::warn!(registration = %reg.id, error = %e, "registry check deferred");
            let check = Job::VerifyRegistration {
                registration_id: reg.id.clone(),
            };
            jobs::enqueue(tx, &check, now, None, now);
            received_unchecked(tx, reg, opened, now).await?;
            Ok(None)
        }
    }
}

/// An application the registry has not answered on yet: its service request is in progress,
/// and the person is told in the cabinet that it was received.
async fn received_unchecked(
    tx: &mut Tx,
    reg: &Registration,
    opened: &mut monitoring::Opened,
    now: DateTime<Utc>,
) -> Result<()> {
    opened.advance(tx, &reg.id, Stage::InProgress, now).await?;
    let to = Recipient {
        phone: None,
        email: None,
        assistant_org: None,
        ..recipient(tx, reg).await?
    };
    let args = Args {
        date: local_date(reg.received_at).to_string(),
        reference: reg.id.clone(),
        ..Args::default()
    };
    notify::send(tx, &to, Kind::ApplicationReceived, &args, now).await?;
    Ok(())
}

/// Checks an application in `verifying` against the registries and decides it. Returns an error
/// when the registry does not answer (the job is then retried); does nothing if already decided.
pub async fn verify(state: &AppState, registration_id: &str) -> anyhow::Result<()> {
    let Some(reg) = registrations::by_id(&state.db.pool, registration_id).await? else {
        return Ok(());
    };
    if reg.status != Status::Verifying {
        return Ok(());
    }
    // `decide` does nothing to an application decided meanwhile.
    let answer = state.registry().person(&Iin::parse(&reg.iin)?).await?;
    decide(state, &reg.id, answer.as_ref(), None)
        .await
        .map_err(|e| anyhow::anyhow!("deciding: {}", e.code()))
}

/// The decision (214 p.8, 214 p.11–12, 214 p.33–35): registered, with the card written and its
/// category; or refused with the ground of 214 App.1 p.9 and the 214 App.3 notice.
pub async fn decide(
    state: &AppState,
    registration_id: &str,
    registry: Option<&RegistryPerson>,
    refusal_by_specialist: Option<Refusal>,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(mut reg) = registrations::by_id_tx(&mut tx, registration_id).await? else {
        return Err(Error::not_found());
    };
    let undecided = [Status::Verifying.as_str(), Status::PendingReview.as_str()];
    if !undecided.contains(&reg.status.as_str()) {
        return Ok(());
    }
    let mut opened = monitoring::Opened::default();
    let decided = decide_in(
        &mut tx,
        state,
        &mut reg,
        registry,
        refusal_by_specialist,
        &mut opened,
        now,
    )
    .await?;
    registrations::decide(&mut tx, &reg, now).await?;
    opened.write(&mut tx).await?;
    tx.commit().await?;
    after_decision(state, &reg, &decided).await;
    Ok(())
}

/// A decision made in a transaction, for what follows its commit: the new job seeker's category
/// (214 p.11), and whether their selection is to run at once.
struct Decided {
    category: Option<Category>,
    category_factors: Option<serde_json::Value>,
    select_now: bool,
}

/// The decision of an undecided application in the caller's transaction (`decide`): all but the
/// registration's own row, which the caller writes as it stands (a submission inserts it decided,
/// the decision of a stored one updates it).
async fn decide_in(
    tx: &mut Tx,
    state: &AppState,
    reg: &mut Registration,
    registry: Option<&RegistryPerson>,
    refusal_by_specialist: Option<Refusal>,
    opened: &mut monitoring::Opened,
    now: DateTime<Utc>,
) -> Result<Decided> {
    let before = json!({ "status": reg.status });
    let received_on = local_date(reg.received_at);
    // After hours the result is issued on the day the application counts as received.
    let decided_at = now.max(reg.received_at);
    let app = reg.application.clone();
    let presented = PresentedIdentity {
        last_name: app.presented_last_name.clone(),
        first_name: app.presented_first_name.clone(),
        birth_date: app.presented_birth_date,
    };
    let result = match refusal_by_specialist {
        Some(refusal) => Err(refusal),
        None => rules::decide(
            registry,
            &presented,
            app.representative_statement,
            received_on,
        ),
    };
    let decided = match (result, registry) {
        (Ok(()), Some(person)) => {
            let rural = reg.forwarded_by_org.is_some()
                || reference::rural_district_at(tx, &person.locality_code)
                    .await?
                    .is_some();
            let facts = card_facts(state, person, &app, rural, received_on);
            let assessment = category::assess(&facts);
            let factors = json!({ "points": assessment.points, "factors": assessment.factors });
            let profile = Profile {
                education_level: app.education_level.clone(),
                experience_years: app.experience_years,
                occupation_codes: app.occupation_codes.clone(),
            };
            let (person_id, previous) = persons::write_card(
                tx,
                &CardWrite {
                    iin: &reg.iin,
                    account_id: reg.account_id.as_deref(),
                    career_center_id: &reg.career_center_id,
                    registry: person,
                    phone: app.phone.as_deref(),
                    email: app.email.as_deref(),
                    profile: &profile,
                    category: assessment.category.as_str(),
                    category_factors: &factors,
                    at: decided_at,
                },
            )
            .await?;
            if previous.is_some() {
                // 214 p.21: a repeat application updates the same card.
                persons::add_event(
                    tx,
                    &person_id,
                    decided_at,
                    "card_updated",
                    json!({ "registration_id": reg.id }),
                )
                .await?;
            }
            persons::add_event(
                tx,
                &person_id,
                decided_at,
                "registered_job_seeker",
                json!({ "registration_id": reg.id, "channel": reg.channel.as_str(), "category": assessment.category.as_str(), "category_factors": factors }),
            )
            .await?;
            reg.person_id = Some(person_id);
            reg.status = Status::JobSeeker;
            reg.job_seeker_since = Some(received_on);
            reg.decided_at = Some(decided_at);
            opened
                .advance(tx, &reg.id, Stage::ResultIssued, decided_at)
                .await?;
            let center = center_name(state, &reg.career_center_id).await?;
            let args = Args {
                date: received_on.to_string(),
                center,
                reference: reg.id.clone(),
                ..Args::default()
            };
            let to = recipient(tx, reg).await?;
            notify::send(tx, &to, Kind::JobSeekerRegistered, &args, now).await?;
            unemployment::begin_selection(tx, state, reg, opened, now).await?;
            let select_now = state
                .mediation()
                .seeker_selection_due(tx, &reg.id, reg.account_id.as_deref(), now)
                .await?;
            Decided {
                category: Some(assessment.category),
                category_factors: Some(factors),
                select_now,
            }
        }
        (result, _) => {
            let refusal = result.err().unwrap_or(Refusal::FalseInformation);
            reg.status = Status::Refused;
            reg.refusal_code = Some(refusal.code().to_string());
            reg.decided_at = Some(decided_at);
            opened
                .advance(tx, &reg.id, Stage::Refused, decided_at)
                .await?;
            let args = Args {
                date: local_date(decided_at).to_string(),
                code: refusal.code().to_string(),
                ground: ground(GroundOf::JobSeekerRefusal, refusal.code()),
                reference: reg.id.clone(),
                ..Args::default()
            };
            let to = recipient(tx, reg).await?;
            notify::send(tx, &to, Kind::JobSeekerRefused, &args, now).await?;
            Decided {
                category: None,
                category_factors: None,
                select_now: false,
            }
        }
    };
    audit::Entry::new(now, "decide", "registration", &reg.id)
        .before(before)
        .after(json!({ "status": reg.status, "refusal_code": reg.refusal_code, "job_seeker_since": reg.job_seeker_since }))
        .record(tx);
    let name = match registry {
        Some(p) => papers::full_name(&p.last_name, &p.first_name, p.middle_name.as_deref()),
        None => papers::full_name(
            app.presented_last_name.as_deref().unwrap_or_default(),
            app.presented_first_name.as_deref().unwrap_or_default(),
            None,
        ),
    };
    papers::record_decision(tx, state, reg, &name, decided_at).await?;
    Ok(decided)
}

/// What follows the commit of a decision: it is counted, and a new job seeker with a resume is
/// offered the suitable vacancies at once.
async fn after_decision(state: &AppState, reg: &Registration, decided: &Decided) {
    state
        .metrics
        .registration(reg.channel.as_str(), reg.status.as_str());
    if decided.select_now {
        state
            .mediation()
            .select_now_for_seeker(state, &reg.id)
            .await;
    }
}

/// What the category model reads from the card (214 p.11).
fn card_facts(
    state: &AppState,
    person: &RegistryPerson,
    app: &Application,
    rural: bool,
    on: chrono::NaiveDate,
) -> CardFacts {
    let age = age_on(person.birth_date, on);
    let pension_years = pension_age_months(&state.parameters(), person.sex, on) / 12;
    CardFacts {
        age,
        years_to_pension: Some(pension_years.saturating_sub(age)),
        education_level: app.education_level.clone(),
        experience_years: app.experience_years,
        disability_group: person.disability_group,
        months_since_last_contribution: person.months_since_last_contribution(on),
        rural,
    }
}

/// A registration a specialist acts on: one of their own center only. The district's career
/// center decides a forwarded application (214 p.14–20); the administrator does no casework
/// (206 p.17–19). 404 when there is none, 403 `out_of_scope` at another center.
pub async fn at_own_center(state: &AppState, caller: &Caller, id: &str) -> Result<Registration> {
    let reg = registration_by_id(state, id).await?;
    if caller
        .organization(Role::CareerCenterSpecialist)
        .is_ok_and(|c| c == reg.career_center_id)
    {
        Ok(reg)
    } else {
        Err(Error::new(Common::OutOfScope))
    }
}

/// The career center confirms or refuses an application an assistant forwarded (214 p.20).
pub async fn review(
    state: &AppState,
    actor_id: &str,
    reg: &Registration,
    refusal: Option<Refusal>,
) -> Result<Shown> {
    decide_review(state, actor_id, reg, refusal).await?;
    let reg = registration_by_id(state, &reg.id).await?;
    shown(state, reg).await
}

async fn decide_review(
    state: &AppState,
    actor_id: &str,
    reg: &Registration,
    refusal: Option<Refusal>,
) -> Result<()> {
    let now = state.clock.now();
    if reg.status != Status::PendingReview {
        return Err(Error::new(Common::InvalidState)
            .detail("only an application waiting for review can be reviewed"));
    }
    // Accepted, the application is checked against the registry at once, as a submission is.
    let answer = match refusal {
        None => Some(
            state
                .registry()
                .person(&Iin::parse(&reg.iin).map_err(Error::internal)?)
                .await,
        ),
        Some(_) => None,
    };
    let mut tx = state.db.begin().await?;
    audit::Entry::new(now, "review", "registration", &reg.id)
        .by(actor_id)
        .before(json!({ "status": reg.status }))
        .after(json!({ "accepted": refusal.is_none(), "refusal_code": refusal.map(|r| r.code()) }))
        .record(&mut tx);
    if let Some(answer) = answer {
        if !registrations::reviewed_to_verifying(&mut tx, &reg.id, now).await? {
            // Closed or decided meanwhile: nothing is left to check.
            tx.commit().await?;
            return Ok(());
        }
        let mut reg = Registration {
            status: Status::Verifying,
            ..reg.clone()
        };
        let mut opened = monitoring::Opened::default();
        let decided = check_at_once(&mut tx, state, &mut reg, answer, &mut opened, now).await?;
        if decided.is_some() {
            registrations::decide(&mut tx, &reg, now).await?;
        }
        opened.write(&mut tx).await?;
        tx.commit().await?;
        if let Some(decided) = decided {
            after_decision(state, &reg, &decided).await;
        }
        return Ok(());
    }
    tx.commit().await?;
    decide(state, &reg.id, None, refusal).await
}

/// The person closes their own registration (guide: "Close registration").
pub async fn close(
    state: &AppState,
    account_id: &str,
    reason: rules::CloseReason,
) -> Result<Shown> {
    let now = state.clock.now();
    let reg = registrations::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoRegistration))?;
    let status = reg.status;
    if !status.may_be_closed_by_person() {
        return Err(Error::new(Common::InvalidState).detail("the registration is not active"));
    }
    let final_status = reason.final_status();
    let reason = reason.as_str();
    let mut tx = state.db.begin().await?;
    let ending = Ending {
        closed_reason: Some(reason),
        ..Ending::to(final_status)
    };
    if !registrations::end(&mut tx, &reg.id, &ending, now).await? {
        return Err(Error::new(Common::InvalidState));
    }
    // Withdrawn before a result: the service request ends without one.
    match status {
        Status::Verifying | Status::PendingReview => {
            monitoring::advance(&mut tx, &reg.id, Stage::Withdrawn, now).await?;
        }
        Status::JobSeeker => unemployment::withdraw(&mut tx, &reg.id, now).await?,
        _ => {}
    }
    if let Some(person_id) = &reg.person_id {
        persons::add_event(
            &mut tx,
            person_id,
            now,
            "registration_closed",
            json!({ "registration_id": reg.id, "reason": reason }),
        )
        .await?;
    }
    audit::Entry::new(now, "close", "registration", &reg.id)
        .by(account_id)
        .before(json!({ "status": reg.status }))
        .after(json!({ "status": final_status.as_str(), "reason": reason }))
        .record(&mut tx);
    let args = Args {
        date: local_date(now).to_string(),
        reference: reg.id.clone(),
        ..Args::default()
    };
    let to = recipient(&mut tx, &reg).await?;
    notify::send(&mut tx, &to, Kind::RegistrationClosed, &args, now).await?;
    tx.commit().await?;
    let reg = registration_by_id(state, &reg.id).await?;
    shown(state, reg).await
}

/// The earliest end of a term to answer an offer the person has not answered yet (214 p.72),
/// for the cabinet's next deadline; mediation keeps the offers (the port `Mediation`).
pub async fn next_offer_answer_due(
    state: &AppState,
    account_id: &str,
) -> Result<Option<DateTime<Utc>>> {
    Ok(state
        .mediation()
        .next_answer_due(&state.db.pool, account_id)
        .await?)
}

/// The latest registration of the person the account acts for; 404 `no_registration`.
pub async fn mine(state: &AppState, account_id: &str) -> Result<Shown> {
    let reg = registrations::latest_for_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoRegistration))?;
    shown(state, reg).await
}

/// A registration with the monitoring stages of its public service (214 p.22), for its owner
/// or for staff who may see the card; a staff read is written to the audit log.
pub async fn with_stages(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(Shown, Vec<monitoring::Stage>)> {
    let reg = registration_by_id(state, id).await?;
    let center = reference::organization_by_id(&state.db.pool, &reg.career_center_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let place = CardPlace {
        career_center_id: &reg.career_center_id,
        region_code: &center.region_code,
        forwarded_by: reg.forwarded_by_org.as_deref(),
    };
    let own = reg.account_id.as_deref() == Some(caller.account_id.as_str());
    if !own && !caller.may_see(&place) {
        return Err(caller.beyond_reach().into());
    }
    if !own {
        audit::record_read(
            &state.db.pool,
            state.clock.now(),
            &caller.account_id,
            "registration",
            &reg.id,
        )
        .await?;
    }
    let stages = monitoring::stages(&state.db.pool, &reg.id).await?;
    Ok((shown(state, reg).await?, stages))
}

/// One item of a career center's work queue, with its legal term.
pub struct Queued {
    pub registration: Registration,
    pub overdue: bool,
    /// The point of law that sets the term.
    pub legal_term: &'static str,
}

/// A career center's registrations, of a status when given, in order of term (the first 500).
pub async fn center_queue(
    state: &AppState,
    center_id: &str,
    status: Option<Status>,
) -> Result<Vec<Queued>> {
    Ok(center_page(state, center_id, status, 500, 0).await?.0)
}

/// `limit` of a career center's registrations after the first `offset`, of a status when given,
/// in order of term, with how many there are in all.
pub async fn center_page(
    state: &AppState,
    center_id: &str,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Queued>, i64)> {
    let now = state.clock.now();
    let pool = &state.db.pool;
    let rows = registrations::list_for_center(pool, center_id, status, limit, offset).await?;
    let total = registrations::count_for_center(pool, center_id, status).await?;
    let queued = rows
        .into_iter()
        .map(|r| {
            let pending = r.decided_at.is_none()
                && matches!(r.status, Status::Verifying | Status::PendingReview);
            Queued {
                legal_term: if r.channel == Channel::Assistant {
                    "214 p.20: 1 working day from receipt"
                } else {
                    "214 App.1 p.3: 1 working day"
                },
                overdue: pending && r.due_at < now,
                registration: r,
            }
        })
        .collect();
    Ok((queued, total))
}

pub use crate::platform::notify::store::Notification;

/// A notice that reached the assistant of a rural district, with the name of the resident it
/// concerns, so that the assistant can tell them and bring back their answer.
pub struct AssistantNotice {
    pub notification: Notification,
    /// The resident's name as the registries give it (no IIN).
    pub person_name: Option<String>,
}

/// The notices the assistant's rural district received for the residents it serves (214 p.20,
/// 214 p.52, 214 p.71, 214 p.73), newest first. Only an assistant reads them, and only its own
/// district's; the reading is audited, as every staff read of a person's data.
pub async fn assistant_notices(
    state: &AppState,
    caller: &Caller,
    limit: i64,
) -> Result<Vec<AssistantNotice>> {
    let district = caller.organization(Role::Assistant)?;
    let rows = notifications::for_assistant(&state.db.pool, district, limit).await?;
    // A resident's name is read once however many of their notices are listed.
    let mut names: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut notices = Vec::with_capacity(rows.len());
    for n in rows {
        let person_name = match &n.person_id {
            Some(id) => match names.get(id) {
                Some(name) => name.clone(),
                None => {
                    let name = persons::by_id(&state.db.pool, id)
                        .await?
                        .map(|p| format!("{} {}", p.last_name, p.first_name));
                    names.insert(id.clone(), name.clone());
                    name
                }
            },
            None => None,
        };
        notices.push(AssistantNotice {
            person_name,
            notification: n,
        });
    }
    audit::record_read(
        &state.db.pool,
        state.clock.now(),
        &caller.account_id,
        "assistant_notices",
        district,
    )
    .await?;
    Ok(notices)
}

/// The notices of the account and of the person it acts for, as the cabinet lists them (the
/// assistant's copies are not the person's).
pub async fn my_notifications(
    state: &AppState,
    account_id: &str,
) -> Result<Vec<notifications::Notification>> {
    let person = persons::by_account(&state.db.pool, account_id).await?;
    let rows = notifications::for_account(
        &state.db.pool,
        account_id,
        person.as_ref().map(|p| p.id.as_str()),
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter(|n| n.channel != NoticeChannel::Assistant)
        .collect())
}
