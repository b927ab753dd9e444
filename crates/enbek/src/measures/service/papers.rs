//! The documents of the service "Issuing referrals to active employment measures", in Kazakh
//! and Russian, recorded in the decision's transaction and issued (signed by the career center)
//! once it commits: the application (129 App.1), the receipt of refusal to accept documents
//! (129 App.3), and the referrals (129 App.4, App.5, App.8, App.11) with their tear-off notices.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::measures::referral::{ActiveMeasure, MeasureKind};
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registry::RegistryPerson;
use serde_json::json;

use crate::documents::interface::{
    self as documents, issued_by, DocumentsRefusal, Form, Forms, MeasureApplication, Paper,
    Recorded, ResettlementReferral, SubsidisedReferral, TrainingReferral,
};
use crate::measures::error::{Error, Result};
use crate::measures::store::places::Place;
use crate::measures::store::referrals::Referral;
use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Organization;
use crate::registration::interface::full_name;

/// An organisation the referral names (its career center).
pub(crate) async fn organization(tx: &mut Tx, id: &str) -> Result<Organization> {
    reference::organization_by_id(&mut **tx, id)
        .await?
        .ok_or_else(|| Error::internal(format!("no organisation {id}")))
}

fn person_name(p: &RegistryPerson) -> String {
    full_name(&p.last_name, &p.first_name, p.middle_name.as_deref())
}

/// Months of a period, counted as the forms state them (a begun month counts).
fn months(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let whole = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    u32::try_from(whole + i32::from(to.day() >= from.day())).unwrap_or(0)
}

async fn record(
    tx: &mut Tx,
    r: &Referral,
    center: &Organization,
    forms: Forms,
    at: DateTime<Utc>,
) -> Result<Recorded> {
    Ok(documents::record(
        tx,
        Paper {
            account_id: r.account_id.as_deref(),
            person_id: None,
            registration_id: r.registration_id.as_deref(),
            organization_id: &center.id,
            region_code: &center.region_code,
            valid_until: None,
            data: json!({ "referral_id": r.id, "measure": r.measure.code(), "stage": r.stage.code() }),
            replaces: None,
            forms,
        },
        at,
    )
    .await?)
}

/// The application (129 App.1): the person, where they live, the measure chosen and the
/// documents the desk took (online: the registries' data).
pub(crate) async fn record_application(
    tx: &mut Tx,
    r: &Referral,
    person: &RegistryPerson,
    center: &Organization,
    at: DateTime<Utc>,
) -> Result<Recorded> {
    let name = person_name(person);
    let on = local_date(r.received_at);
    let forms = Forms::both(|lang, tr| {
        let documents = if r.data.documents.is_empty() {
            vec![tr.t("measures-papers-online-data")]
        } else {
            r.data
                .documents
                .iter()
                .filter(|(_, state)| state == "valid")
                .map(|(code, _)| tr.t(&format!("measures-document-{code}")))
                .collect()
        };
        Form::MeasureApplication(MeasureApplication {
            issue: issued_by(center, lang, on),
            person: name.clone(),
            address: person.locality_code.clone(),
            measure: r.measure.code().to_string(),
            documents,
            submitted_on: local_date(r.submitted_at),
        })
    });
    record(tx, r, center, forms, at).await
}

/// The receipt of refusal to accept documents (129 p.8, 129 App.3): each document missing or
/// expired.
pub(crate) async fn record_not_accepted(
    tx: &mut Tx,
    r: &Referral,
    person: Option<&RegistryPerson>,
    center: &Organization,
    at: DateTime<Utc>,
) -> Result<Recorded> {
    let name = person.map(person_name).unwrap_or_default();
    let on = local_date(at);
    let forms = Forms::both(|lang, _| {
        Form::DocumentsRefusal(DocumentsRefusal {
            issue: issued_by(center, lang, on),
            provider: center.name(lang).to_string(),
            person: name.clone(),
            documents: r.data.documents.clone(),
        })
    });
    record(tx, r, center, forms, at).await
}

/// The referral (129 p.10): to training at an education organisation (129 App.4) or on the job
/// (129 App.5), to a subsidised job (129 App.8), or to resettlement (129 App.11), each with its
/// tear-off notice.
pub(crate) async fn record_referral(
    tx: &mut Tx,
    r: &Referral,
    place: &Place,
    person: &RegistryPerson,
    center: &Organization,
    at: DateTime<Utc>,
) -> Result<Recorded> {
    let name = person_name(person);
    let on = local_date(at);
    let occupation = reference::occupation_by_code(&mut **tx, &place.occupation_code).await?;
    let occupation_in = |lang: Lang| {
        occupation.as_ref().map_or_else(
            || place.occupation_code.clone(),
            |o| lang.pick(&o.name_kk, &o.name_ru, &o.name_en).to_string(),
        )
    };
    let months = months(place.starts_on, place.ends_on);
    let category = r.category.map(|c| c.code().to_string()).unwrap_or_default();
    let forms = Forms::both(|lang, tr| {
        let issue = issued_by(center, lang, on);
        match r.measure.kind() {
            MeasureKind::Training => Form::TrainingReferral(TrainingReferral {
                issue,
                on_the_job: place.on_the_job,
                person: name.clone(),
                organisation: place.provider.clone(),
                months,
                starts_on: place.starts_on,
                ends_on: place.ends_on,
                qualification: place
                    .qualification
                    .clone()
                    .unwrap_or_else(|| occupation_in(lang)),
            }),
            MeasureKind::SubsidisedJob(_) => Form::SubsidisedReferral(SubsidisedReferral {
                issue,
                category: category.clone(),
                person: name.clone(),
                iin: r.iin.clone(),
                employer: place.provider.clone(),
                measure: r.measure.code().to_string(),
                occupation: occupation_in(lang),
                months,
                starts_on: place.starts_on,
                ends_on: place.ends_on,
            }),
            MeasureKind::Resettlement => Form::ResettlementReferral(ResettlementReferral {
                issue,
                person: name.clone(),
                iin: r.iin.clone(),
                decision_on: r.data.commission.as_ref().map_or(on, |c| c.decided_on),
                decision_number: r
                    .data
                    .commission
                    .as_ref()
                    .map(|c| c.number.clone())
                    .unwrap_or_default(),
                destination: place.provider.clone(),
                occupation: occupation_in(lang),
                family: r
                    .data
                    .family
                    .iter()
                    .map(|m| {
                        (
                            tr.t(&format!("measures-relation-{}", m.relation)),
                            m.full_name.clone(),
                        )
                    })
                    .collect(),
            }),
        }
    });
    debug_assert!(r.measure != ActiveMeasure::Resettlement || place.destination_code.is_some());
    record(tx, r, center, forms, at).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_counts_its_begun_months() {
        assert_eq!(months(d("2026-03-01"), d("2026-08-31")), 6);
        assert_eq!(months(d("2026-03-15"), d("2026-09-14")), 6);
        assert_eq!(months(d("2026-03-15"), d("2026-09-15")), 7);
        assert_eq!(months(d("2026-01-10"), d("2026-12-31")), 12);
    }
}
