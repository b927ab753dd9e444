//! What a career center can refer to (129 p.10): training courses (at an education organisation,
//! or on the job at an employer), subsidised jobs from the employers' applications (206 p.31.3),
//! and the region's resettlement quota on the regional commission's decision.

use chrono::NaiveDate;
use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::measures::referral::{ActiveMeasure, MeasureKind};
use enbek_domain::reference::office_hours::local_date;
use serde_json::json;

use crate::measures::error::{Error, Result};
use crate::measures::store::places::{self, Filter, Place};
use crate::measures::store::subsidised;
use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::db::{is_unique_violation, new_id};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::{check_locality, Code as ReferenceCode, Organization};

/// A place as the specialist publishes it, its texts and numbers checked by the handler.
pub struct NewPlace {
    pub measure: ActiveMeasure,
    /// Training and resettlement: the education organisation or employer (name, address,
    /// phone), or the place of settlement. Subsidised jobs take the employer's from the
    /// application.
    pub provider: Option<String>,
    pub occupation_code: Option<String>,
    pub qualification: Option<String>,
    pub on_the_job: bool,
    /// Training on the job: the employer who returns the tear-off notice (129 App.5).
    pub employer_id: Option<String>,
    /// Training at an education organisation of the reference data, whose staff return the
    /// tear-off notice (129 App.4); the provider's text defaults to its name and contacts.
    pub education_organization_id: Option<String>,
    /// Subsidised jobs: the employer's application (206 p.31.3).
    pub subsidised_application_id: Option<String>,
    /// Resettlement: the locality of settlement, and the regional commission's decision that set
    /// the quota.
    pub destination_code: Option<String>,
    pub decision_number: Option<String>,
    pub decision_on: Option<NaiveDate>,
    /// How many may be referred; for subsidised jobs at most the application's places.
    pub capacity: Option<u32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

fn required<T>(value: Option<T>, field: &str) -> Result<T> {
    value.ok_or_else(|| {
        Error::new(Common::InvalidValue)
            .detail(format!("{field} is required for this measure"))
            .with("field", field)
    })
}

/// The education organisation a course names: one of the reference data, of the center's region.
async fn education_organization(
    state: &AppState,
    id: &str,
    region_code: &str,
) -> Result<Organization> {
    let unknown = || {
        Error::new(Common::InvalidValue)
            .detail("no such education organisation in the center's region")
            .with("field", "education_organization_id")
    };
    let org = reference::organization_by_id(&state.db.pool, id)
        .await?
        .ok_or_else(unknown)?;
    if org.kind != OrgKind::EducationOrganization || org.region_code != region_code {
        return Err(unknown());
    }
    Ok(org)
}

/// The provider as the referral names it: the organisation's name and its contacts.
fn provider_of(org: &Organization) -> String {
    [Some(&org.name_ru), org.address.as_ref(), org.phone.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A career center specialist publishes a place of their center's region.
pub async fn publish(state: &AppState, caller: &Caller, new: NewPlace) -> Result<Place> {
    let center_id = caller
        .organization(Role::CareerCenterSpecialist)?
        .to_string();
    let center = reference::organization_by_id(&state.db.pool, &center_id)
        .await?
        .ok_or_else(|| Error::new(ReferenceCode::UnknownOrganization))?;
    let now = state.clock.now();
    let today = local_date(now);
    let mut place = Place {
        id: new_id(),
        measure: new.measure,
        career_center_id: center.id.clone(),
        region_code: center.region_code.clone(),
        provider: String::new(),
        employer_id: None,
        education_organization_id: None,
        subsidised_application_id: None,
        occupation_code: String::new(),
        qualification: new.qualification,
        on_the_job: false,
        destination_code: None,
        decision_number: None,
        decision_on: None,
        monthly_pay: None,
        capacity: 0,
        taken: 0,
        starts_on: today,
        ends_on: today,
        created_at: now,
    };
    match new.measure.kind() {
        MeasureKind::SubsidisedJob(kind) => {
            let id = required(new.subsidised_application_id, "subsidised_application_id")?;
            let application = subsidised::by_id(&state.db.pool, &id)
                .await?
                .ok_or_else(|| {
                    Error::new(Common::InvalidValue)
                        .detail("no such subsidised-job application")
                        .with("field", "subsidised_application_id")
                })?;
            if application.region_code != center.region_code {
                return Err(Error::new(Common::OutOfScope)
                    .detail("the application's jobs are in another region"));
            }
            if application.measure != kind {
                return Err(Error::new(Common::InvalidValue)
                    .detail("the application is for another kind of subsidised job")
                    .with("field", "measure"));
            }
            let capacity = i64::from(new.capacity.unwrap_or(u32::MAX)).min(application.places);
            place.provider = format!(
                "{}, {}, {}",
                application.employer_name, application.locality_code, application.contact_phone
            );
            place.employer_id = Some(application.employer_id.clone());
            place.occupation_code = application.occupation_code.clone();
            place.monthly_pay = Some(application.monthly_pay);
            place.capacity = capacity;
            place.starts_on = application.starts_on;
            place.ends_on = application.ends_on;
            place.subsidised_application_id = Some(application.id);
        }
        MeasureKind::Training | MeasureKind::Resettlement => {
            let school = match (&new.education_organization_id, new.on_the_job) {
                (Some(id), false) if new.measure == ActiveMeasure::Training => {
                    Some(education_organization(state, id, &center.region_code).await?)
                }
                (Some(_), _) => {
                    return Err(Error::new(Common::InvalidValue)
                        .detail("only a course at an education organisation names one")
                        .with("field", "education_organization_id"))
                }
                (None, _) => None,
            };
            place.provider = match (new.provider, &school) {
                (Some(provider), _) => provider,
                (None, Some(school)) => provider_of(school),
                (None, None) => required(None, "provider")?,
            };
            place.education_organization_id = school.map(|s| s.id);
            place.occupation_code = required(new.occupation_code, "occupation_code")?;
            place.capacity = i64::from(required(new.capacity, "capacity")?);
            place.starts_on = required(new.starts_on, "starts_on")?;
            place.ends_on = required(new.ends_on, "ends_on")?;
            if new.measure == ActiveMeasure::Resettlement {
                let destination = required(new.destination_code, "destination_code")?;
                check_locality(state, "destination_code", &destination).await?;
                // The quota is of the region of settlement: its career centers publish it.
                if destination.get(..2) != center.region_code.get(..2) {
                    return Err(Error::new(Common::InvalidValue)
                        .detail("destination_code is a locality of the center's region")
                        .with("field", "destination_code"));
                }
                place.destination_code = Some(destination);
                if new.decision_on.is_some_and(|d| d > today) {
                    return Err(Error::new(Common::InvalidDate)
                        .detail("decision_on is not after today")
                        .with("field", "decision_on"));
                }
                place.decision_number = new.decision_number;
                place.decision_on = new.decision_on;
            } else if new.on_the_job {
                place.on_the_job = true;
                if let Some(id) = new.employer_id {
                    crate::mediation::interface::employer_by_id(&state.db.pool, &id)
                        .await?
                        .ok_or_else(|| {
                            Error::new(Common::InvalidValue)
                                .detail("no such employer")
                                .with("field", "employer_id")
                        })?;
                    place.employer_id = Some(id);
                }
            }
        }
    }
    if place.ends_on <= place.starts_on || place.ends_on < today {
        return Err(Error::new(Common::InvalidDate)
            .detail("ends_on is after starts_on and not before today"));
    }
    if place.capacity < 1 {
        return Err(Error::new(Common::InvalidValue).detail("capacity is at least 1"));
    }
    let mut tx = state.db.begin().await?;
    if !reference::occupation_exists(&mut tx, &place.occupation_code).await? {
        return Err(Error::new(ReferenceCode::UnknownOccupation));
    }
    if let Err(e) = places::insert(&mut tx, &place, &caller.account_id).await {
        return Err(if is_unique_violation(&e) {
            Error::new(Common::InvalidState).detail("the application's jobs are already published")
        } else {
            e.into()
        });
    }
    audit::Entry::new(now, "create", "measure_place", &place.id)
        .by(caller.account_id.as_str())
        .after(json!({
            "measure": place.measure.code(), "capacity": place.capacity,
            "subsidised_application_id": place.subsidised_application_id,
            "starts_on": place.starts_on, "ends_on": place.ends_on,
        }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(place)
}

/// The places open to referral (a free place, the period not over), of a region and a measure
/// when given: what anyone may see.
pub async fn open(
    state: &AppState,
    region_code: Option<&str>,
    measure: Option<ActiveMeasure>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Place>, i64)> {
    let today = local_date(state.clock.now());
    let filter = Filter {
        region_code,
        measure,
        open_on: Some(today),
        ..Filter::default()
    };
    Ok(places::page(&state.db.pool, &filter, limit, offset).await?)
}

/// Every place of the specialist's center, full or not, or of the officer's region.
pub async fn of_staff(
    state: &AppState,
    caller: &Caller,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Place>, i64)> {
    let grant = caller.require(&[Role::CareerCenterSpecialist, Role::MobilityCenterOfficer])?;
    let filter = match grant.role {
        Role::CareerCenterSpecialist => Filter {
            career_center_id: Some(grant.organization_id.as_deref().unwrap_or("-")),
            ..Filter::default()
        },
        _ => Filter {
            region_code: Some(grant.region_code.as_deref().unwrap_or("-")),
            ..Filter::default()
        },
    };
    Ok(places::page(&state.db.pool, &filter, limit, offset).await?)
}
