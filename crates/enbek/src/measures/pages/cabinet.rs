//! The citizen's active measures in the cabinet (Order 129): the places open to them, the
//! application of 129 App.1 with its two consents, and their applications and referrals with
//! the refusal's ground and the signed documents. The same use cases as the API's
//! `listMeasurePlaces`, `applyActiveMeasure` and `listMyActiveMeasures`.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use enbek_domain::measures::referral::{ActiveMeasure, ReferralRefusal};
use enbek_domain::reference::office_hours::local_date;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::measures::http::referrals::{
    apply_in_cabinet, mine, FamilyMemberRequest, MeasureApplicationRequest, ReferralView,
};
use crate::measures::notices::{ground_names, measure_names};
use crate::measures::service::places;
use crate::measures::store::places::Place;
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::occupation_names;
use crate::registration::interface::registrations;
use crate::web::form::{choices, Choice};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// The open places the page lists at most.
const PLACES_SHOWN: i64 = 100;

/// The family members the form offers rows for (resettlement, 129 App.11).
const FAMILY_ROWS: usize = 3;

/// The relations of a family member who moves (129 App.11).
const RELATIONS: [&str; 5] = ["spouse", "child", "parent", "sibling", "other"];

fn measure_name(tr: &Tr, m: ActiveMeasure) -> String {
    measure_names(m).get(tr.lang).to_string()
}

fn period(tr: &Tr, from: NaiveDate, to: NaiveDate) -> String {
    tr.with(
        "referrals-period",
        &[
            ("from", FluentValue::from(tr.date(from))),
            ("to", FluentValue::from(tr.date(to))),
        ],
    )
}

/// The last day of a term that ends at `at` (a term ending at midnight is the day before's).
pub(super) fn last_day(tr: &Tr, at: DateTime<Utc>) -> String {
    tr.date(local_date(at - Duration::seconds(1)))
}

/// A place as the list shows it.
struct PlaceRow {
    id: String,
    measure: String,
    provider: String,
    occupation: String,
    qualification: Option<String>,
    period: String,
    free: String,
    /// The link that chooses it in the form.
    choose: String,
}

/// A family member's row of the form.
struct FamilyRow {
    n: usize,
    relations: Vec<Choice>,
    full_name: String,
    relation_error: Option<String>,
    name_error: Option<String>,
}

/// A signed document's PDFs in the cabinet.
struct Files {
    kk: String,
    ru: String,
}

fn files(id: Option<&str>) -> Option<Files> {
    id.map(|id| Files {
        kk: format!("/cabinet/documents/{id}/pdf?lang=kk"),
        ru: format!("/cabinet/documents/{id}/pdf?lang=ru"),
    })
}

/// An application or referral as the person reads it.
struct ReferralRow {
    id: String,
    measure: String,
    status: String,
    status_class: &'static str,
    number: Option<String>,
    submitted: String,
    /// The refusal's ground in words, with its point of law.
    ground: Option<String>,
    detail: Option<String>,
    tear_off_due: Option<String>,
    referral: Option<Files>,
    application: Option<Files>,
    /// Just sent: the outcome is said first.
    fresh: bool,
}

#[derive(askama::Template)]
#[template(path = "measures/cabinet.html")]
struct CabinetPage {
    f: Frame,
    proven: bool,
    /// Whether the places are of the region of the person's career center.
    regional: bool,
    filter: Vec<Choice>,
    places: Vec<PlaceRow>,
    measures: Vec<Choice>,
    place_choices: Vec<Choice>,
    personal_data_consent: bool,
    restricted_data_consent: bool,
    family: Vec<FamilyRow>,
    referrals: Vec<ReferralRow>,
    errors: FormErrors,
}

/// What the page is asked for: a measure to list, a place chosen, an application just sent.
#[derive(Deserialize, Default)]
pub struct CabinetQuery {
    #[serde(default)]
    measure: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    applied: String,
}

/// The application as sent.
#[derive(Deserialize, Default)]
pub struct ApplicationForm {
    #[serde(default)]
    measure: String,
    #[serde(default)]
    place_id: String,
    personal_data_consent: Option<String>,
    restricted_data_consent: Option<String>,
    #[serde(default)]
    family_relation_1: String,
    #[serde(default)]
    family_name_1: String,
    #[serde(default)]
    family_relation_2: String,
    #[serde(default)]
    family_name_2: String,
    #[serde(default)]
    family_relation_3: String,
    #[serde(default)]
    family_name_3: String,
}

impl ApplicationForm {
    fn family(&self) -> [(&str, &str); FAMILY_ROWS] {
        [
            (&self.family_relation_1, &self.family_name_1),
            (&self.family_relation_2, &self.family_name_2),
            (&self.family_relation_3, &self.family_name_3),
        ]
    }
}

/// The region of the career center of the person's registration, when they have one.
async fn region_of(state: &AppState, caller: &Caller) -> PageResult<Option<String>> {
    let Some(registration) = registrations::latest_for_account(&state.db.pool, &caller.account_id)
        .await
        .or_page()?
    else {
        return Ok(None);
    };
    Ok(
        reference::organization_by_id(&state.db.pool, &registration.career_center_id)
            .await
            .or_page()?
            .map(|o| o.region_code),
    )
}

fn place_label(tr: &Tr, p: &Place, occupations: &HashMap<String, String>) -> String {
    format!(
        "{} — {} — {} ({})",
        measure_name(tr, p.measure),
        p.provider,
        occupations
            .get(&p.occupation_code)
            .cloned()
            .unwrap_or_else(|| p.occupation_code.clone()),
        period(tr, p.starts_on, p.ends_on)
    )
}

fn status_class(status: &str) -> &'static str {
    match status {
        "refused" | "not_accepted" | "not_taken" | "quit" | "dismissed" => "state-refused",
        "pending" => "state-pending",
        _ => "state-verified",
    }
}

fn referral_row(tr: &Tr, v: ReferralView, applied: &str) -> ReferralRow {
    let ground = v
        .refusal_code
        .as_deref()
        .and_then(ReferralRefusal::parse)
        .map(|r| {
            tr.with(
                "referrals-ground",
                &[
                    ("ground", FluentValue::from(ground_names(r).get(tr.lang))),
                    ("point", FluentValue::from(r.ground())),
                ],
            )
        });
    ReferralRow {
        measure: ActiveMeasure::parse(&v.measure)
            .map(|m| measure_name(tr, m))
            .unwrap_or_else(|| v.measure.clone()),
        status: tr.t(&format!("referrals-status-{}", v.status)),
        status_class: status_class(&v.status),
        number: v.number,
        submitted: tr.date(local_date(v.submitted_at)),
        ground,
        detail: v.refusal_detail,
        tear_off_due: v
            .tear_off_due_at
            .filter(|_| v.status == "referred")
            .map(|at| last_day(tr, at)),
        referral: files(v.document_id.as_deref()),
        application: files(v.application_document_id.as_deref()),
        fresh: v.id == applied,
        id: v.id,
    }
}

async fn cabinet_page(
    state: &AppState,
    page: Page,
    query: CabinetQuery,
    form: ApplicationForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let Some(caller) = page.caller.as_ref() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let proven = caller.iin.is_some();
    let region = region_of(state, caller).await?;
    let shown = ActiveMeasure::parse(query.measure.trim());
    let (open, _) = places::open(state, region.as_deref(), shown, PLACES_SHOWN, 0)
        .await
        .or_page()?;
    let occupations: HashMap<String, String> = occupation_names(state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let all_measures: Vec<(String, String)> = ActiveMeasure::ALL
        .iter()
        .map(|m| (m.code().to_string(), measure_name(&tr, *m)))
        .collect();
    let mut filter = vec![(String::new(), tr.t("referrals-filter-all"))];
    filter.extend(all_measures.clone());
    // The place chosen from the list, with its measure; else what was sent.
    let chosen_place = if form.place_id.is_empty() {
        query.place.trim().to_string()
    } else {
        form.place_id.clone()
    };
    let chosen_measure = if !form.measure.is_empty() {
        form.measure.clone()
    } else if let Some(p) = open.iter().find(|p| p.id == chosen_place) {
        p.measure.code().to_string()
    } else {
        query.measure.trim().to_string()
    };
    let mut measures = vec![(String::new(), tr.t("referrals-choose-measure"))];
    measures.extend(all_measures);
    let mut place_options = vec![(String::new(), tr.t("referrals-choose-place"))];
    place_options.extend(
        open.iter()
            .map(|p| (p.id.clone(), place_label(&tr, p, &occupations))),
    );
    let relation_options: Vec<(String, String)> = std::iter::once((String::new(), "—".into()))
        .chain(
            RELATIONS
                .iter()
                .map(|r| (r.to_string(), tr.t(&format!("referrals-relation-{r}")))),
        )
        .collect();
    let family = form
        .family()
        .iter()
        .enumerate()
        .map(|(i, (relation, name))| FamilyRow {
            n: i + 1,
            relations: choices(relation_options.clone(), relation),
            full_name: name.to_string(),
            relation_error: errors
                .get(&format!("family_relation_{}", i + 1))
                .map(str::to_string),
            name_error: errors
                .get(&format!("family_name_{}", i + 1))
                .map(str::to_string),
        })
        .collect();
    let places = open
        .iter()
        .map(|p| PlaceRow {
            id: p.id.clone(),
            measure: measure_name(&tr, p.measure),
            provider: p.provider.clone(),
            occupation: occupations
                .get(&p.occupation_code)
                .cloned()
                .unwrap_or_else(|| p.occupation_code.clone()),
            qualification: p.qualification.clone(),
            period: period(&tr, p.starts_on, p.ends_on),
            free: tr.number(p.capacity - p.taken),
            choose: format!("/cabinet/measures?place={}#apply-title", p.id),
        })
        .collect();
    let now = state.clock.now();
    let referrals = mine(state, caller)
        .await
        .or_page()?
        .into_iter()
        .map(|r| referral_row(&tr, ReferralView::of(r, now), query.applied.trim()))
        .collect();
    render(&CabinetPage {
        proven,
        regional: region.is_some(),
        filter: choices(filter, query.measure.trim()),
        places,
        measures: choices(measures, &chosen_measure),
        place_choices: choices(place_options, &chosen_place),
        personal_data_consent: form.personal_data_consent.is_some(),
        restricted_data_consent: form.restricted_data_consent.is_some(),
        family,
        referrals,
        errors,
        f: page.frame,
    })
}

/// The places open to the person, the application form, and their applications and referrals.
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<CabinetQuery>,
) -> PageResult<Response> {
    cabinet_page(
        &state,
        page,
        query,
        ApplicationForm::default(),
        FormErrors::new(),
    )
    .await
}

/// The field of the form a refusal of the use case concerns, by the field the problem names:
/// the place's refusals (`place_full`, `place_not_open`, `referral_exists`…) name none.
fn field_of(named: Option<&str>) -> &'static str {
    match named {
        Some("measure") => "measure",
        Some(f) if f.starts_with("family") => "family_name_1",
        _ => "place_id",
    }
}

/// Applies (`applyActiveMeasure`): the decision, a referral or a refusal with its ground, is
/// shown on the list; what is wrong with the form comes back next to its field. A consent
/// refused is no error of the form: the service refuses on 129 App.2 p.9(4), and says so.
pub async fn apply(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ApplicationForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if form.measure.trim().is_empty() {
        errors.add("measure", tr.t("referrals-required-measure"));
    }
    if form.place_id.trim().is_empty() {
        errors.add("place_id", tr.t("referrals-required-place"));
    }
    let mut family = Vec::new();
    for (i, (relation, name)) in form.family().iter().enumerate() {
        let (relation, name) = (relation.trim(), name.trim());
        match (relation.is_empty(), name.is_empty()) {
            (true, true) => {}
            (false, false) => family.push(FamilyMemberRequest {
                relation: relation.to_string(),
                full_name: name.to_string(),
            }),
            (true, false) => errors.add(
                [
                    "family_relation_1",
                    "family_relation_2",
                    "family_relation_3",
                ][i],
                tr.t("referrals-required-relation"),
            ),
            (false, true) => errors.add(
                ["family_name_1", "family_name_2", "family_name_3"][i],
                tr.t("referrals-required-family-name"),
            ),
        }
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let body = MeasureApplicationRequest {
            measure: form.measure.trim().to_string(),
            place_id: form.place_id.trim().to_string(),
            career_center_id: None,
            personal_data_consent: form.personal_data_consent.is_some(),
            restricted_data_consent: form.restricted_data_consent.is_some(),
            family,
            iin: None,
        };
        match apply_in_cabinet(&state, &caller, body).await.or_page() {
            Ok(r) => {
                return Ok(Redirect::to(&format!(
                    "/cabinet/measures?applied={}#referral-{}",
                    r.id, r.id
                ))
                .into_response())
            }
            Err(e) if e.status().is_client_error() && e.status() != StatusCode::FORBIDDEN => {
                status = e.status();
                let own = format!("referrals-error-{}", e.code());
                let message = if tr.has(&own) {
                    tr.t(&own)
                } else {
                    e.message(&tr)
                };
                errors.add(field_of(e.field()), message);
            }
            Err(e) => return Err(e),
        }
    }
    let html = cabinet_page(&state, page, CabinetQuery::default(), form, errors).await?;
    Ok((status, html).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn every_status_and_relation_has_its_words_in_each_language() {
        use enbek_domain::measures::participation::Stage;
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for s in Stage::ALL {
                let id = format!("referrals-status-{}", s.code());
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
            for r in RELATIONS {
                let id = format!("referrals-relation-{r}");
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }

    #[test]
    fn a_refusal_is_said_with_its_ground_and_point() {
        let tr = Tr::new(Lang::Ru);
        let ground = tr.with(
            "referrals-ground",
            &[
                (
                    "ground",
                    FluentValue::from(
                        ground_names(ReferralRefusal::NoPersonalDataConsent).get(Lang::Ru),
                    ),
                ),
                ("point", FluentValue::from("129 App.2 p.9(4)")),
            ],
        );
        assert!(ground.contains("отсутствие согласия"), "{ground}");
        assert!(ground.contains("129 App.2 p.9(4)"), "{ground}");
    }
}
