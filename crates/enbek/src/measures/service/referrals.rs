//! The public service "Issuing referrals to active employment measures" (Order 129) through
//! every channel (129 p.3): one submission path, one registry check, one decision. An application
//! takes its place at once (a full place is refused with `place_full` and nothing is written); the
//! decision refers the person (129 p.10) or refuses on a ground of 129 App.2 p.9 and gives the
//! place back. A registry that does not answer leaves the application pending for the stored job.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::ids::Iin;
use enbek_domain::measures::eligibility::{self, Applicant, Category, History};
use enbek_domain::measures::participation::{self as life, Ending, Stage, TearOff};
use enbek_domain::measures::referral::{
    self as rules, ActiveMeasure, DeskDocument, MeasureKind, Presented, ReferralRefusal,
};
use enbek_domain::monitoring::{Service, Stage as MonitoringStage};
use enbek_domain::reference::office_hours::{local_date, received_at};
use enbek_domain::registration::age::age_on;
use enbek_domain::registration::{Channel, Status};
use enbek_domain::registry::RegistryPerson;
use serde_json::json;

use crate::accounts::interface::consent;
use crate::accounts::interface::directory as accounts;
use crate::measures::error::{Code, Error, Result};
use crate::measures::notices::Kind;
use crate::measures::service::papers;
use crate::measures::store::places::{self, Place};
use crate::measures::store::referrals::{
    self, Commission, Details, FamilyMember, Referral, TearOffNotice,
};
use crate::platform::audit;
use crate::platform::db::{is_unique_violation, new_id, Tx};
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::monitoring::{self, NewRequest};
use crate::platform::notify::{self, Args, Recipient};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::Organization;
use crate::registration::interface::registrations;

/// What a person's consent to the desk taking their digital documents is asked for.
pub const DIGITAL_DOCUMENTS: &str = "digital_documents";

/// The monitored public service (129 App.2 p.3: 1 working day).
pub const SERVICE: Service = Service::ActiveMeasureReferral;

/// An application as a channel hands it in.
pub struct Submission {
    pub channel: Channel,
    pub iin: Iin,
    pub career_center: Organization,
    /// The citizen applying from their own cabinet: the account that proved the IIN.
    pub applicant_account: Option<String>,
    /// Who handed it in: the citizen, the specialist or the egov gateway.
    pub actor_id: String,
    pub measure: ActiveMeasure,
    pub place_id: String,
    /// The two consents of 129 App.1: to collect and process personal data, and to use the data
    /// protected by law held in information systems (Law on personal data art.8).
    pub personal_data_consent: bool,
    pub restricted_data_consent: bool,
    pub family: Vec<FamilyMember>,
    /// At the desk: how each document of the measure's checklist stands (129 App.2 p.8).
    pub presented: Option<Vec<(DeskDocument, Presented)>>,
    /// At the desk: the person's consent by which a document came from the digital documents
    /// service (129 App.2 p.8), checked as given; it is spent with the application.
    pub digital_consent: Option<String>,
}

/// Takes an application through any channel and decides it at once when the registries answer.
#[tracing::instrument(skip_all, fields(measure = sub.measure.code()))]
pub async fn apply(state: &AppState, sub: Submission) -> Result<Referral> {
    let now = state.clock.now();
    let cal = state.calendar();
    // 129 App.2 p.7: online, after hours or on a day off, received on the next working day.
    let received = if sub.channel.is_online() {
        received_at(&cal, now)
    } else {
        now
    };
    let today = local_date(received);
    let place = places::by_id(&state.db.pool, &sub.place_id)
        .await?
        .ok_or_else(|| Error::new(Code::UnknownPlace).with("place_id", &sub.place_id))?;
    // A course or a job is of the center's region; a resettlement quota is of the region of
    // settlement, which any career center refers to.
    if place.measure != sub.measure
        || (sub.measure != ActiveMeasure::Resettlement
            && place.region_code != sub.career_center.region_code)
        || place.ends_on < today
    {
        return Err(Error::new(Code::PlaceNotOpen).with("place_id", &place.id));
    }
    let iin = sub.iin.as_str().to_string();
    // At the desk the registry tells whether the person studies (a parent's consent for public
    // works) and names them on the receipt; silent, the desk goes by the documents in hand.
    let person = match &sub.presented {
        Some(_) => state.registry().person(&sub.iin).await.ok().flatten(),
        None => None,
    };
    let mut tx = state.db.begin().await?;
    // The identity first: an account acts only for the IIN it has proven.
    let account_id = match &sub.applicant_account {
        Some(account) => {
            let proven = accounts::proven_iin(&mut *tx, account).await?;
            if proven.as_ref().map(|(p, _)| p.as_str()) != Some(iin.as_str()) {
                return Err(Error::new(Common::IdentityNotProven));
            }
            Some(account.clone())
        }
        None => accounts::account_by_iin(&mut tx, &iin).await?,
    };
    if let Some(consent) = &sub.digital_consent {
        if !consent::spend(&mut tx, consent, DIGITAL_DOCUMENTS).await? {
            return Err(Error::new(Code::DigitalConsentRequired)
                .detail("the consent is spent already: ask the person for a new code"));
        }
    }
    let details = Details {
        consents: sub.personal_data_consent && sub.restricted_data_consent,
        commission: None,
        family: sub.family.clone(),
        documents: sub
            .presented
            .iter()
            .flatten()
            .map(|(d, p)| (d.code().to_string(), presented_code(*p).to_string()))
            .collect(),
    };
    let mut referral = Referral {
        id: new_id(),
        iin: iin.clone(),
        account_id,
        registration_id: None,
        career_center_id: sub.career_center.id.clone(),
        region_code: sub.career_center.region_code.clone(),
        channel: sub.channel,
        measure: sub.measure,
        place_id: Some(place.id.clone()),
        category: None,
        stage: Stage::Pending,
        refusal_code: None,
        refusal_detail: None,
        submitted_by: sub.actor_id.clone(),
        submitted_at: now,
        received_at: received,
        due_at: rules::referral_due(&cal, now),
        decided_at: None,
        number: None,
        document_id: None,
        application_document_id: None,
        tear_off_due_at: None,
        returned_at: None,
        returned_by: None,
        tear_off: None,
        ended_on: None,
        ended_at: None,
        ending: None,
        good_reason: None,
        data: details,
    };
    // At the desk: an incomplete set or an expired document is not accepted (129 p.8): the
    // receipt of 129 App.3 lists them, and no application is taken.
    if let Some(presented) = &sub.presented {
        let applicant = rules::Applicant {
            age: age_on(sub.iin.birth_date(), today),
            in_study: person.as_ref().is_some_and(|p| p.student),
        };
        let list = rules::checklist(sub.measure, applicant);
        let missing = rules::not_accepted(&list, |d| {
            presented
                .iter()
                .find(|(p, _)| *p == d)
                .map_or(Presented::Missing, |(_, s)| *s)
        });
        if !missing.is_empty() {
            referral.place_id = None;
            referral.stage = Stage::NotAccepted;
            referral.decided_at = Some(now);
            referral.data.documents = missing
                .iter()
                .map(|(d, p)| (d.code().to_string(), presented_code(*p).to_string()))
                .collect();
            insert(&mut tx, &referral).await?;
            let recorded = papers::record_not_accepted(
                &mut tx,
                &referral,
                person.as_ref(),
                &sub.career_center,
                now,
            )
            .await?;
            referral.document_id = Some(recorded.id.clone());
            referrals::set_document(&mut tx, &referral.id, &recorded.id, &recorded.number).await?;
            audit_entry(&mut tx, &referral, "not_accept", &sub.actor_id, now);
            tx.commit().await?;
            return referrals::by_id(&state.db.pool, &referral.id)
                .await?
                .ok_or_else(Error::not_found);
        }
    }
    if !places::book(&mut tx, &place.id).await? {
        return Err(Error::new(Code::PlaceFull).with("place_id", &place.id));
    }
    insert(&mut tx, &referral).await?;
    monitoring::open(
        &mut tx,
        &NewRequest {
            service: SERVICE,
            subject_id: &referral.id,
            channel: referral.channel,
            organization_id: &referral.career_center_id,
            region_code: &referral.region_code,
            received_at: referral.received_at,
            due_at: referral.due_at,
        },
        now,
    )
    .await?;
    let job = Job::DecideReferral {
        referral_id: referral.id.clone(),
    };
    jobs::enqueue(&mut tx, &job, now, None, now);
    audit_entry(&mut tx, &referral, "apply", &sub.actor_id, now);
    tx.commit().await?;
    if let Err(e) = decide(state, &referral.id).await {
        tracing::warn!(error = %e, "referral decision deferred to the stored job");
    }
    referrals::by_id(&state.db.pool, &referral.id)
        .await?
        .ok_or_else(Error::not_found)
}

async fn insert(tx: &mut Tx, referral: &Referral) -> Result<()> {
    referrals::insert(tx, referral).await.map_err(|e| {
        if is_unique_violation(&e) {
            Error::new(Code::ReferralExists)
        } else {
            e.into()
        }
    })
}

fn presented_code(p: Presented) -> &'static str {
    match p {
        Presented::Valid => "valid",
        Presented::Expired => "expired",
        Presented::Missing => "missing",
        Presented::Digital => "digital",
    }
}

fn audit_entry(tx: &mut Tx, r: &Referral, action: &str, by: &str, at: DateTime<Utc>) {
    // The IIN stays out of the audit entry: the referral's id leads to it.
    audit::Entry::new(at, action, "measure_referral", &r.id)
        .by(by)
        .after(json!({
            "measure": r.measure.code(), "stage": r.stage.code(), "place_id": r.place_id,
            "channel": r.channel.as_str(), "refusal_code": r.refusal_code,
        }))
        .record(tx);
}

/// What the decision found: refer in a category, refuse on a ground with what was found, or
/// (resettlement) wait for the regional commission.
enum Outcome {
    Refer(Category),
    Refuse(ReferralRefusal, String),
    AwaitCommission,
}

/// The decision on an application (129 App.2 p.9, 129 p.10), from the registries and the
/// person's registration and past referrals. An application already decided is left alone; a
/// registry that does not answer is an error, for the stored job to try again.
pub async fn decide(state: &AppState, id: &str) -> anyhow::Result<()> {
    let Some(referral) = referrals::by_id(&state.db.pool, id).await? else {
        return Ok(());
    };
    if referral.stage != Stage::Pending {
        return Ok(());
    }
    let iin = Iin::parse(&referral.iin)?;
    let person = state.registry().person(&iin).await?;
    let now = state.clock.now();
    let on = local_date(referral.received_at.max(now).min(referral.due_at));
    let mut tx = state.db.begin().await?;
    let registration = registrations::active_for_iin(&mut tx, &referral.iin).await?;
    // Applying for a measure answers the center's calls for one (214 p.51(3)).
    if let Some(reg) = &registration {
        crate::measures::store::summons::answer_open(&mut tx, &reg.id, referral.submitted_at)
            .await?;
    }
    let history = history(
        &mut tx,
        &referral.iin,
        Some(&referral.id),
        registration.as_ref(),
    )
    .await
    .map_err(failed)?;
    let place = match &referral.place_id {
        Some(id) => places::by_id(&mut *tx, id).await?,
        None => None,
    };
    let outcome = outcome(
        state,
        &referral,
        place.as_ref().map(|p| p.occupation_code.as_str()),
        person.as_ref(),
        registration.as_ref(),
        &history,
        on,
    );
    let mut decided = referral.clone();
    decided.registration_id = registration.as_ref().map(|r| r.id.clone());
    decided.decided_at = Some(now);
    let center = papers::organization(&mut tx, &referral.career_center_id)
        .await
        .map_err(failed)?;
    // The application itself (129 App.1), once the registries name the person.
    if let Some(person) = &person {
        let recorded = papers::record_application(&mut tx, &referral, person, &center, now)
            .await
            .map_err(failed)?;
        decided.application_document_id = Some(recorded.id);
    }
    let (kind, monitoring_stage) = match outcome {
        Outcome::AwaitCommission => {
            monitoring::advance(&mut tx, &referral.id, MonitoringStage::InProgress, now).await?;
            tx.commit().await?;
            return Ok(());
        }
        Outcome::Refuse(ground, detail) => {
            decided.stage = Stage::Refused;
            decided.refusal_code = Some(ground.code().to_string());
            decided.refusal_detail = Some(detail);
            if let Some(place) = &place {
                places::release(&mut tx, &place.id).await?;
            }
            (Kind::ReferralRefused, MonitoringStage::Refused)
        }
        Outcome::Refer(category) => {
            let (Some(place), Some(person)) = (&place, &person) else {
                anyhow::bail!("a referral without its place or person");
            };
            decided.stage = Stage::Referred;
            decided.category = Some(category);
            decided.tear_off_due_at = rules::tear_off_due(&state.calendar(), referral.measure, now);
            let recorded = papers::record_referral(&mut tx, &decided, place, person, &center, now)
                .await
                .map_err(failed)?;
            decided.number = Some(recorded.number);
            decided.document_id = Some(recorded.id);
            (Kind::ReferralIssued, MonitoringStage::ResultIssued)
        }
    };
    if !referrals::decide(&mut tx, &decided).await? {
        return Ok(());
    }
    monitoring::advance(&mut tx, &decided.id, monitoring_stage, now).await?;
    audit::Entry::new(now, "decide", "measure_referral", &decided.id)
        .after(json!({
            "stage": decided.stage.code(), "refusal_code": decided.refusal_code,
            "number": decided.number, "category": decided.category.map(Category::code),
        }))
        .record(&mut tx);
    tell(&mut tx, &decided, &center, kind, now)
        .await
        .map_err(failed)?;
    tx.commit().await?;
    Ok(())
}

/// A problem of the decision as the stored job reports it.
fn failed(e: Error) -> anyhow::Error {
    anyhow::anyhow!("deciding a referral: {}", e.code())
}

/// The decision's outcome: the consents (129 App.2 p.9(4)), a person the registries know
/// (p.9(1)), then the measure's requirements and the Social Code's bars (p.9(2), p.9(5), p.9(6)).
fn outcome(
    state: &AppState,
    referral: &Referral,
    occupation: Option<&str>,
    person: Option<&RegistryPerson>,
    registration: Option<&registrations::Registration>,
    history: &History,
    on: NaiveDate,
) -> Outcome {
    if !referral.data.consents {
        return Outcome::Refuse(
            ReferralRefusal::NoPersonalDataConsent,
            "both consents of the application are required".into(),
        );
    }
    let Some(person) = person else {
        return Outcome::Refuse(
            ReferralRefusal::UnreliableDocuments,
            "the state registries know no such IIN".into(),
        );
    };
    let applicant = applicant(person, registration);
    let parameters = state.parameters();
    if let Some(unmet) = eligibility::first_unmet(
        &parameters,
        referral.measure,
        occupation,
        &applicant,
        history,
        on,
    ) {
        return Outcome::Refuse(unmet.refusal, unmet.detail);
    }
    let Some(category) = eligibility::category_for(&parameters, referral.measure, &applicant, on)
    else {
        return Outcome::Refuse(
            ReferralRefusal::RequirementsNotMet,
            "in no category the measure is open to".into(),
        );
    };
    // Resettlement is referred on the regional commission's decision (129 App.11): until it is
    // recorded the application waits; a negative one refuses (129 App.2 p.9(3)).
    if referral.measure == ActiveMeasure::Resettlement {
        return match &referral.data.commission {
            None => Outcome::AwaitCommission,
            Some(c) if !c.approved => Outcome::Refuse(
                ReferralRefusal::NegativeApproval,
                format!(
                    "the regional commission's decision No. {} of {}",
                    c.number, c.decided_on
                ),
            ),
            Some(_) => Outcome::Refer(category),
        };
    }
    Outcome::Refer(category)
}

/// The applicant as the rules of 129 p.2 read them: the categories from the registration (job
/// seeker, unemployed) and the registries (downtime, kandas, student), the age, the education and
/// whether the person ever worked.
fn applicant(
    person: &RegistryPerson,
    registration: Option<&registrations::Registration>,
) -> Applicant {
    let mut categories = Vec::new();
    match registration.map(|r| r.status) {
        Some(Status::Unemployed) => categories.extend([Category::JobSeeker, Category::Unemployed]),
        Some(Status::JobSeeker) => categories.push(Category::JobSeeker),
        _ => {}
    }
    for (is, category) in [
        (person.downtime, Category::Downtime),
        (person.kandas, Category::Kandas),
        (person.student, Category::Student),
    ] {
        if is {
            categories.push(category);
        }
    }
    Applicant {
        birth_date: person.birth_date,
        sex: person.sex,
        categories,
        education: person.education.clone(),
        has_worked: person.employed || !person.contribution_months.is_empty(),
    }
}

/// The measures open to the citizen today, as the decision would judge an application (129 p.2,
/// 129 App.2 p.9(2), p.9(5), p.9(6)), and the region whose places they may take (their
/// registration's center's, else where the registries place them). An account that has not
/// proven an IIN is refused `identity_not_proven`; a silent registry answers 503.
pub async fn open_to(state: &AppState, iin: &str) -> Result<(Vec<ActiveMeasure>, String)> {
    let parsed = Iin::parse(iin)?;
    let person =
        state.registry().person(&parsed).await?.ok_or_else(|| {
            Error::new(Common::NotFound).detail("the registries know no such IIN")
        })?;
    let today = local_date(state.clock.now());
    let mut tx = state.db.begin().await?;
    let registration = registrations::active_for_iin(&mut tx, iin).await?;
    let history = history(&mut tx, iin, None, registration.as_ref()).await?;
    let region = match &registration {
        Some(r) => {
            papers::organization(&mut tx, &r.career_center_id)
                .await?
                .region_code
        }
        None => person.region_code.clone(),
    };
    tx.rollback().await?;
    let applicant = applicant(&person, registration.as_ref());
    let parameters = state.parameters();
    let open = ActiveMeasure::ALL
        .into_iter()
        .filter(|m| {
            eligibility::first_unmet(&parameters, *m, None, &applicant, &history, today).is_none()
        })
        .collect();
    Ok((open, region))
}

/// The person's past referrals as the Social Code's bars read them (less the application being
/// decided).
async fn history(
    tx: &mut Tx,
    iin: &str,
    deciding: Option<&str>,
    registration: Option<&registrations::Registration>,
) -> Result<History> {
    let past = referrals::of_iin(&mut **tx, iin).await?;
    let social_jobs = past
        .iter()
        .filter(|r| Some(r.id.as_str()) != deciding && r.measure == ActiveMeasure::SocialJob)
        .filter(|r| {
            matches!(
                r.stage,
                Stage::Referred
                    | Stage::Enrolled
                    | Stage::Completed
                    | Stage::Quit
                    | Stage::Dismissed
            )
        })
        .filter_map(|r| r.decided_at.map(local_date))
        .collect();
    let quit_on = past
        .iter()
        .filter(|r| r.stage == Stage::Quit && r.good_reason == Some(false))
        .filter_map(|r| r.ended_on)
        .max();
    let registered_on = registration.and_then(|r| r.job_seeker_since.or(r.unemployed_since));
    Ok(History {
        social_jobs,
        quit_on,
        registered_on,
    })
}

/// Tells the person of the decision in their cabinet.
async fn tell(
    tx: &mut Tx,
    r: &Referral,
    center: &Organization,
    kind: Kind,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(account_id) = &r.account_id else {
        return Ok(());
    };
    let lang = accounts::locale_and_iin(&mut **tx, account_id)
        .await?
        .and_then(|(locale, _)| crate::platform::http::lang::Lang::parse(&locale));
    let to = Recipient {
        account_id: Some(account_id.clone()),
        lang,
        ..Recipient::default()
    };
    let ground = r.refusal_code.as_deref().and_then(ReferralRefusal::parse);
    let args = Args {
        date: local_date(now).format("%d.%m.%Y").to_string(),
        center: crate::platform::notify::Names {
            kk: center.name_kk.clone(),
            ru: center.name_ru.clone(),
            en: center.name_en.clone(),
        },
        code: r.refusal_code.clone().unwrap_or_default(),
        ground: ground
            .map(crate::measures::notices::ground_names)
            .unwrap_or_default(),
        until: None,
        reference: r.number.clone().unwrap_or_else(|| r.id.clone()),
        months: 0,
        note: crate::measures::notices::measure_names(r.measure)
            .get(lang.unwrap_or(crate::platform::http::lang::Lang::Kk))
            .to_string(),
    };
    notify::send(tx, &to, kind, &args, now).await?;
    Ok(())
}

/// The specialist of the referring career center records the regional commission's decision on
/// a pending resettlement application (129 App.11), and the application is decided.
pub async fn record_commission(
    state: &AppState,
    center_id: &str,
    by: &str,
    id: &str,
    commission: Commission,
) -> Result<Referral> {
    let referral = referrals::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if referral.career_center_id != center_id {
        return Err(Error::new(Common::OutOfScope).detail("another career center's application"));
    }
    if referral.measure != ActiveMeasure::Resettlement
        || referral.stage != Stage::Pending
        || referral.data.commission.is_some()
    {
        return Err(Error::new(Common::InvalidState)
            .detail("the commission decides once, on a pending resettlement application")
            .with("stage", referral.stage.code()));
    }
    let now = state.clock.now();
    if commission.decided_on > local_date(now) {
        return Err(Error::new(Common::InvalidDate).detail("decided_on is not after today"));
    }
    let mut data = referral.data.clone();
    data.commission = Some(commission.clone());
    let mut tx = state.db.begin().await?;
    if !referrals::set_data(&mut tx, &referral.id, &data).await? {
        return Err(Error::new(Common::InvalidState).detail("the application is decided"));
    }
    audit::Entry::new(now, "record_commission", "measure_referral", &referral.id)
        .by(by)
        .after(json!({ "approved": commission.approved, "number": commission.number, "decided_on": commission.decided_on }))
        .record(&mut tx);
    let job = Job::DecideReferral {
        referral_id: referral.id.clone(),
    };
    jobs::enqueue(&mut tx, &job, now, None, now);
    tx.commit().await?;
    if let Err(e) = decide(state, &referral.id).await {
        tracing::warn!(error = %e, "referral decision deferred to the stored job");
    }
    referrals::by_id(&state.db.pool, &referral.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Who returns a referral's tear-off notice or records how participation ended.
pub enum Receiver<'a> {
    /// The employer of the place (subsidised jobs, training on the job).
    Employer(&'a str),
    /// The education organisation of a course (129 App.4).
    School(&'a str),
    /// A specialist of the referring career center, or for resettlement of a career center of
    /// the region of settlement (129 App.11).
    Specialist {
        center_id: &'a str,
        region_code: &'a str,
    },
}

/// Whether `receiver` is the organisation the referral whose document is `document_id` sends the
/// person to (its place's employer, its course's education organisation).
pub async fn receives_document(
    state: &AppState,
    receiver: &Receiver<'_>,
    document_id: &str,
) -> Result<bool, sqlx::Error> {
    let Some(referral) = referrals::by_document(&state.db.pool, document_id).await? else {
        return Ok(false);
    };
    let place = place_of(state, &referral).await?;
    Ok(place.is_some_and(|place| receives(receiver, &referral, &place)))
}

/// The place a referral sends the person to; none for an application without one.
async fn place_of(state: &AppState, referral: &Referral) -> Result<Option<Place>, sqlx::Error> {
    match &referral.place_id {
        Some(p) => places::by_id(&state.db.pool, p).await,
        None => Ok(None),
    }
}

/// Whether the receiver may act on the referral's tear-off and participation.
fn receives(receiver: &Receiver<'_>, r: &Referral, place: &Place) -> bool {
    match receiver {
        Receiver::Employer(id) => {
            place.employer_id.as_deref() == Some(*id)
                && r.measure.kind() != MeasureKind::Resettlement
        }
        Receiver::School(id) => {
            place.education_organization_id.as_deref() == Some(*id)
                && r.measure == ActiveMeasure::Training
        }
        Receiver::Specialist {
            center_id,
            region_code,
        } => {
            r.career_center_id == *center_id
                || (r.measure == ActiveMeasure::Resettlement && place.region_code == *region_code)
        }
    }
}

/// A referral and its place the receiver may act on; another's is 403 `out_of_scope`, an
/// unknown one 404.
pub async fn received(
    state: &AppState,
    receiver: &Receiver<'_>,
    id: &str,
) -> Result<(Referral, Place)> {
    let referral = referrals::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let place = place_of(state, &referral).await?.ok_or_else(|| {
        Error::new(Common::InvalidState).detail("the application has no referral")
    })?;
    if !receives(receiver, &referral, &place) {
        return Err(Error::new(Common::OutOfScope).detail("another organisation's referral"));
    }
    Ok((referral, place))
}

/// The tear-off notice comes back (129 App.4, App.5, App.8 within five working days of the
/// referral; 129 App.11 with no term): the person was taken (the order or contract named) or
/// not; a person not taken frees the place. A subsidised job's participant joins the employer's
/// application (206 p.31.3), where the monthly attendance is recorded.
pub async fn return_tear_off(
    state: &AppState,
    receiver: &Receiver<'_>,
    by: &str,
    id: &str,
    notice: TearOffNotice,
) -> Result<Referral> {
    let (referral, place) = received(state, receiver, id).await?;
    let tear_off = if notice.taken {
        TearOff::Taken
    } else {
        TearOff::NotTaken
    };
    let stage = life::after_tear_off(referral.stage, tear_off).map_err(|n| {
        Error::new(Common::InvalidState)
            .detail("the tear-off notice comes back once, for a referral")
            .with("stage", n.stage.code())
    })?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !referrals::record_tear_off(&mut tx, &referral.id, stage, &notice, by, now).await? {
        return Err(
            Error::new(Common::InvalidState).detail("the tear-off notice is already returned")
        );
    }
    if stage == Stage::NotTaken {
        places::release(&mut tx, &place.id).await?;
    }
    if let (Stage::Enrolled, Some(application_id)) = (stage, &place.subsidised_application_id) {
        crate::measures::store::subsidised::join(&mut tx, application_id, &referral.iin, by, now)
            .await?;
    }
    let late = referral.tear_off_due_at.is_some_and(|due| now >= due);
    audit::Entry::new(now, "return_tear_off", "measure_referral", &referral.id)
        .by(by)
        .after(json!({ "stage": stage.code(), "late": late, "order_number": notice.order_number, "contract_number": notice.contract_number }))
        .record(&mut tx);
    tx.commit().await?;
    referrals::by_id(&state.db.pool, &referral.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Participation ends: completed, quit or dismissed, on a day. Quitting without good reason is
/// the 214 p.51(3) ground for an unemployed person (the career center's work queue shows it) and
/// starts the wait before a new referral (Social Code art.109 p.4, art.111 p.7).
pub async fn end(
    state: &AppState,
    receiver: &Receiver<'_>,
    by: &str,
    id: &str,
    ending: Ending,
    good_reason: bool,
    on: NaiveDate,
) -> Result<Referral> {
    let (referral, _) = received(state, receiver, id).await?;
    let stage = life::after_ending(referral.stage, ending).map_err(|n| {
        Error::new(Common::InvalidState)
            .detail("participation ends once, after the tear-off notice says the person was taken")
            .with("stage", n.stage.code())
    })?;
    let now = state.clock.now();
    let today = local_date(now);
    let started = referral.returned_at.map(local_date).unwrap_or(today);
    if on > today || on < started {
        return Err(Error::new(Common::InvalidDate)
            .detail("ended_on is between the tear-off's return and today"));
    }
    let good_reason = ending == Ending::Quit && good_reason;
    let mut tx = state.db.begin().await?;
    if !referrals::end(&mut tx, &referral.id, stage, ending, good_reason, on, now).await? {
        return Err(Error::new(Common::InvalidState).detail("participation has already ended"));
    }
    audit::Entry::new(now, "end", "measure_referral", &referral.id)
        .by(by)
        .after(json!({
            "ending": ending.code(), "good_reason": good_reason, "ended_on": on,
            "ground": life::quit_without_good_reason(ending, good_reason).then_some("214 p.51(3)"),
        }))
        .record(&mut tx);
    tx.commit().await?;
    referrals::by_id(&state.db.pool, &referral.id)
        .await?
        .ok_or_else(Error::not_found)
}
