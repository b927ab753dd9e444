//! Subsidised-job applications with participants' attendance (206 p.31.3): the
//! employer applies to organise subsidised jobs, names the people working on them and reports
//! each month's attendance; the staff of the jobs' region see all of it.

use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::contact::Phone;
use enbek_domain::ids::Iin;
use enbek_domain::measures::subsidised::{self as rules, Measure, Month};
use enbek_domain::reference::office_hours::local_date;
use serde_json::json;

use crate::measures::error::Code;
use crate::measures::error::{Error, Result};
use crate::measures::store::places as measure_places;
use crate::measures::store::subsidised;
pub use crate::measures::store::subsidised::{
    SubsidisedApplication, SubsidisedAttendance, SubsidisedParticipant,
};
use crate::mediation::interface::Employer;
use crate::platform::audit;
use crate::platform::auth::{Caller, Grant};
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;
use crate::reference::interface::{check_locality, known_region};

/// An application as the employer submits it, its texts and numbers checked by the handler
/// (`http::input`); the employer's name, BIN and registered place come from its profile.
pub struct NewApplication {
    pub measure: String,
    pub places: u32,
    pub occupation_code: String,
    pub monthly_pay: u64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub contact_person: String,
    pub contact_phone: String,
    pub locality_code: String,
}

fn invalid(detail: &str) -> Error {
    Error::new(Common::InvalidValue).detail(detail.to_string())
}

/// 206 p.31.3: an application to organise subsidised jobs.
#[tracing::instrument(skip_all, fields(employer_id = %employer.id))]
pub async fn create_application(
    state: &AppState,
    account_id: &str,
    employer: &Employer,
    new: NewApplication,
) -> Result<SubsidisedApplication> {
    let measure = Measure::parse(&new.measure).ok_or_else(|| {
        invalid("measure is public_works, social_job, youth_practice, first_job, generation_contract or silver_age")
    })?;
    rules::check_period(new.starts_on, new.ends_on).map_err(refusal)?;
    let phone = Phone::parse(&new.contact_phone)?;
    let locality = new.locality_code.trim();
    if locality.len() != 9 || !locality.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("locality_code is 9 digits"));
    }
    // The first two digits of a territory code name its region.
    let region_code = format!("{}0000000", &locality[..2]);
    known_region(state, &region_code).await?;
    check_locality(state, "locality_code", locality).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !reference::occupation_exists(&mut tx, &new.occupation_code).await? {
        return Err(Error::new(ReferenceCode::UnknownOccupation));
    }
    let application = SubsidisedApplication {
        id: new_id(),
        employer_id: employer.id.clone(),
        employer_name: employer.name.clone(),
        employer_bin: employer.bin.clone(),
        legal_locality_code: employer.locality_code.clone(),
        region_code,
        measure,
        places: i64::from(new.places),
        occupation_code: new.occupation_code,
        monthly_pay: i64::try_from(new.monthly_pay).map_err(Error::internal)?,
        starts_on: new.starts_on,
        ends_on: new.ends_on,
        contact_person: new.contact_person,
        contact_phone: phone.as_str().to_string(),
        locality_code: locality.to_string(),
        created_at: now,
    };
    subsidised::insert(&mut tx, &application, account_id).await?;
    audit::Entry::new(now, "create", "subsidised_application", &application.id)
        .by(account_id)
        .after(json!({
            "employer_id": employer.id, "measure": application.measure.code(), "places": application.places,
            "starts_on": application.starts_on, "ends_on": application.ends_on
        }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(application)
}

/// A person working on the application's jobs, by IIN; once per application.
#[tracing::instrument(skip_all, fields(application_id = %application.id))]
async fn add_participant(
    state: &AppState,
    account_id: &str,
    application: &SubsidisedApplication,
    iin: &str,
) -> Result<SubsidisedParticipant> {
    let iin = Iin::parse(iin)?;
    let now = state.clock.now();
    let participant = SubsidisedParticipant {
        id: new_id(),
        application_id: application.id.clone(),
        iin: iin.as_str().to_string(),
        created_at: now,
    };
    let mut tx = state.db.begin().await?;
    let places = application.places;
    subsidised::lock(&mut tx, &application.id).await?;
    match subsidised::insert_participant(&mut tx, &participant, account_id, places).await {
        Err(e) if is_unique_violation(&e) => return Err(Error::new(Code::ParticipantExists)),
        Ok(false) => return Err(Error::new(Code::PlacesFilled).with("places", places)),
        other => other?,
    };
    // Published jobs count the participant too (Order 129 referrals take the rest).
    if measure_places::book_for_application(&mut tx, &application.id).await? == Some(false) {
        return Err(Error::new(Code::PlacesFilled).with("places", places));
    }
    // The IIN stays out of the audit entry: the participant's id leads to it.
    audit::Entry::new(
        now,
        "add_participant",
        "subsidised_application",
        &application.id,
    )
    .by(account_id)
    .after(json!({ "participant_id": participant.id }))
    .record(&mut tx);
    tx.commit().await?;
    Ok(participant)
}

/// A month's attendance of a participant (206 p.31.3). A second report of the same month
/// replaces the first; the audit keeps both.
#[tracing::instrument(skip_all, fields(application_id = %application.id))]
async fn record_attendance(
    state: &AppState,
    account_id: &str,
    application: &SubsidisedApplication,
    participant_id: &str,
    month: &str,
    days_worked: i64,
    days_absent: i64,
) -> Result<SubsidisedAttendance> {
    let month = Month::parse(month)
        .ok_or_else(|| Error::new(Common::InvalidDate).detail("month is YYYY-MM"))?;
    let now = state.clock.now();
    rules::check_attendance(
        month,
        days_worked,
        days_absent,
        (application.starts_on, application.ends_on),
        local_date(now),
    )
    .map_err(|r| {
        let e = refusal(r);
        match r {
            rules::Refusal::DayCounts { days_in_month } => e.with("days_in_month", days_in_month),
            _ => e,
        }
    })?;
    let mut tx = state.db.begin().await?;
    let participant = subsidised::participant_by_id(&mut tx, participant_id)
        .await?
        .filter(|p| p.application_id == application.id)
        .ok_or_else(|| Error::not_found().detail("no such participant of this application"))?;
    let month = month.to_string();
    let before = subsidised::attendance_of(&mut tx, &participant.id, &month).await?;
    let attendance = SubsidisedAttendance {
        participant_id: participant.id,
        month,
        days_worked,
        days_absent,
        recorded_at: now,
    };
    subsidised::upsert_attendance(&mut tx, &application.id, &attendance, account_id).await?;
    let days = |a: &SubsidisedAttendance| json!({ "days_worked": a.days_worked, "days_absent": a.days_absent });
    audit::Entry::new(
        now,
        if before.is_some() {
            "replace"
        } else {
            "create"
        },
        "subsidised_attendance",
        &format!("{}/{}", attendance.participant_id, attendance.month),
    )
    .by(account_id)
    .before(before.as_ref().map(days))
    .after(days(&attendance))
    .record(&mut tx);
    tx.commit().await?;
    Ok(attendance)
}

/// Who sees applications besides their employer: the mobility center and the career centers of
/// the jobs' region.
const REGION_STAFF: [Role; 2] = [Role::MobilityCenterOfficer, Role::CareerCenterSpecialist];

/// Everyone who reads applications.
pub const READERS: [Role; 3] = [
    Role::Employer,
    Role::MobilityCenterOfficer,
    Role::CareerCenterSpecialist,
];

/// An application the caller may read: the employer's own, or one of the region of a mobility
/// center officer or a career center specialist; others 403, an unknown one 404.
async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<SubsidisedApplication> {
    caller.require(&READERS)?;
    let application = subsidised::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let reaches = caller.grants.iter().any(|g| match g.role {
        Role::Employer => g.organization_id.as_deref() == Some(application.employer_id.as_str()),
        r if REGION_STAFF.contains(&r) => {
            g.region_code.as_deref() == Some(application.region_code.as_str())
        }
        _ => false,
    });
    if !reaches {
        return Err(
            Error::new(Common::OutOfScope).detail("another employer's or region's application")
        );
    }
    Ok(application)
}

/// The caller's employer's own application, or 403/404.
async fn own(state: &AppState, caller: &Caller, id: &str) -> Result<SubsidisedApplication> {
    let employer_id = caller.organization(Role::Employer)?;
    let application = subsidised::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if application.employer_id != employer_id {
        return Err(Error::new(Common::OutOfScope).detail("another employer's application"));
    }
    Ok(application)
}

/// The caller's employer applies for subsidised jobs (`createSubsidisedJobApplication`, the
/// cabinet): only a verified employer.
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    new: NewApplication,
) -> Result<SubsidisedApplication> {
    let employer = crate::mediation::interface::my_employer(state, caller).await?;
    crate::mediation::interface::ensure_verified(&employer)?;
    create_application(state, &caller.account_id, &employer, new).await
}

/// The caller's employer's own applications (the cabinet).
pub async fn own_applications(
    state: &AppState,
    caller: &Caller,
) -> Result<Vec<SubsidisedApplication>> {
    let grant = caller.require(&[Role::Employer])?;
    applications_for(state, grant).await
}

/// The caller's employer's own application with its participants and the attendance recorded
/// (the cabinet); another employer's is 403.
pub async fn own_application(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(
    SubsidisedApplication,
    Vec<SubsidisedParticipant>,
    Vec<SubsidisedAttendance>,
)> {
    let application = own(state, caller, id).await?;
    let participants = subsidised::participants(&state.db.pool, &application.id).await?;
    let attendance = subsidised::attendance_list(&state.db.pool, &application.id, None).await?;
    Ok((application, participants, attendance))
}

/// The applications a grant may read (the latest 500): an employer's own, or those of the
/// staff's region.
pub async fn applications_for(
    state: &AppState,
    grant: &Grant,
) -> Result<Vec<SubsidisedApplication>> {
    Ok(applications_page(state, grant, None, 500, 0).await?.0)
}

/// `limit` of the applications a grant may read after the first `offset`, of a measure when
/// given, newest first, with how many there are in all: an employer's own, or those of the
/// staff's region; neither an employer nor a region: nothing, never everything.
pub async fn applications_page(
    state: &AppState,
    grant: &Grant,
    measure: Option<Measure>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SubsidisedApplication>, i64)> {
    let (employer, region) = match grant.role {
        Role::Employer => (grant.organization_id.as_deref(), None),
        _ => (None, grant.region_code.as_deref()),
    };
    if employer.is_none() && region.is_none() {
        return Ok((Vec::new(), 0));
    }
    Ok(subsidised::page(&state.db.pool, employer, region, measure, limit, offset).await?)
}

/// The employer adds a participant to their own application.
pub async fn add_participant_to_own(
    state: &AppState,
    caller: &Caller,
    id: &str,
    iin: &str,
) -> Result<SubsidisedParticipant> {
    let application = own(state, caller, id).await?;
    add_participant(state, &caller.account_id, &application, iin).await
}

/// The participants of an application the caller may read.
pub async fn participants_of(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<Vec<SubsidisedParticipant>> {
    let application = readable(state, caller, id).await?;
    Ok(subsidised::participants(&state.db.pool, &application.id).await?)
}

/// The employer records a month's attendance on their own application.
pub async fn record_attendance_at_own(
    state: &AppState,
    caller: &Caller,
    id: &str,
    participant_id: &str,
    month: &str,
    days_worked: i64,
    days_absent: i64,
) -> Result<SubsidisedAttendance> {
    let application = own(state, caller, id).await?;
    record_attendance(
        state,
        &caller.account_id,
        &application,
        participant_id,
        month,
        days_worked,
        days_absent,
    )
    .await
}

/// The attendance recorded on an application the caller may read, of one month when given.
pub async fn attendance_of(
    state: &AppState,
    caller: &Caller,
    id: &str,
    month: Option<&str>,
) -> Result<Vec<SubsidisedAttendance>> {
    let application = readable(state, caller, id).await?;
    Ok(subsidised::attendance_list(&state.db.pool, &application.id, month).await?)
}

/// The problem of a period or an attendance the rules refuse (206 p.31.3).
fn refusal(r: rules::Refusal) -> Error {
    let code = match r {
        rules::Refusal::PeriodEmpty
        | rules::Refusal::FutureMonth
        | rules::Refusal::OutsidePeriod => Common::InvalidDate,
        rules::Refusal::DayCounts { .. } => Common::InvalidValue,
    };
    Error::new(code).detail(r.detail())
}
