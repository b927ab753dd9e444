//! The application for a referral at the career center's desk (`referActiveMeasureInPerson`,
//! 129 App.1, 129 App.2 p.8): the person's IIN, the measure and the place, each document of the
//! measure's checklist as it stands, both consents, and for resettlement the family members who
//! move. The identity document may come from the digital documents service once the person
//! consents by the one-time code sent to their registered phone (129 App.2 p.8). The outcome: the
//! referral with its number and signed document, the refusal with its ground and point, or the
//! documents not accepted with the receipt of 129 App.3.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::measures::participation::Stage;
use enbek_domain::measures::referral::{
    checklist, may_be_digital, ActiveMeasure, Applicant, DeskDocument, Need, ReferralRefusal,
};
use serde::Deserialize;

use super::staff_measures::{measure_name, specialist, stage_name};
use crate::measures::http::referrals::{
    apply_at_desk, ask_consent, ConsentAnswer, DeskApplicationRequest, FamilyMemberRequest,
    ReferralView,
};
use crate::measures::notices::ground_names;
use crate::measures::service::places;
use crate::platform::state::AppState;
use crate::web::form::{choices, with_errors, Choice, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// How many family rows the form offers (resettlement).
const FAMILY_ROWS: usize = 3;

/// The relations of a family member who moves, as the API names them.
const RELATIONS: [&str; 5] = ["spouse", "child", "parent", "sibling", "other"];

/// A document of the checklist with its three states.
struct DocumentRow {
    code: &'static str,
    name: String,
    need: String,
    states: Vec<Choice>,
    error: Option<String>,
}

/// A family row of the form.
struct FamilyRow {
    n: usize,
    relations: Vec<Choice>,
    name: String,
    relation_error: Option<String>,
    name_error: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "measures/staff/desk.html")]
struct DeskPage {
    f: Frame,
    measures: Vec<Choice>,
    measure: String,
    fields: Vec<Field>,
    documents: Vec<DocumentRow>,
    resettlement: bool,
    family: Vec<FamilyRow>,
    personal_data_consent: bool,
    restricted_data_consent: bool,
    /// The person's consent to their digital documents, once asked (129 App.2 p.8).
    consent_id: String,
    /// Where its code went, when it was just asked.
    consent_sent: Option<String>,
    consent_code: String,
    consent_error: Option<String>,
    errors: FormErrors,
}

/// The measure the address names, training by default.
#[derive(Deserialize, Default)]
pub struct Chosen {
    #[serde(default)]
    measure: String,
}

/// The documents a measure's checklist lists (129 App.2 p.8). A parent's consent is listed for
/// public works, needed of a pupil or student of 16 or 17, which the registry tells the use case.
fn documents_of(measure: ActiveMeasure) -> Vec<(DeskDocument, Need)> {
    checklist(
        measure,
        Applicant {
            age: 16,
            in_study: true,
        },
    )
}

fn need_words(tr: &Tr, document: DeskDocument, need: Need) -> String {
    tr.t(match (document, need) {
        (DeskDocument::ParentConsent, _) => "staffmeasures-need-parent-consent",
        (_, Need::Required) => "staffmeasures-need-required",
        (_, Need::IfAny) => "staffmeasures-need-if-any",
    })
}

async fn desk_page(
    state: &AppState,
    page: Page,
    measure: ActiveMeasure,
    form: &BTreeMap<String, String>,
    consent_sent: Option<String>,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = specialist(&page)?;
    let tr = page.tr();
    let typed = |key: &str| form.get(key).cloned().unwrap_or_default();
    // A course or a job of the center's region; a resettlement quota of any region.
    let region = caller
        .grant(Role::CareerCenterSpecialist)
        .and_then(|g| g.region_code.clone());
    let region =
        (measure != ActiveMeasure::Resettlement).then_some(region.as_deref().unwrap_or("-"));
    let (open, _) = places::open(state, region, Some(measure), 100, 0)
        .await
        .or_page()?;
    let place_choices = open
        .into_iter()
        .map(|p| {
            let label = format!(
                "{} — {} ({})",
                p.provider,
                p.occupation_code,
                tr.with1(
                    "staffmeasures-free-of",
                    "free",
                    &tr.number(p.capacity - p.taken)
                )
            );
            (p.id, label)
        })
        .collect();
    let fields = vec![
        Field::new(
            "iin",
            tr.t("staffmeasures-field-iin"),
            "numeric",
            &typed("iin"),
        )
        .hint(tr.t("staffmeasures-field-iin-hint")),
        Field::new(
            "place_id",
            tr.t("staffmeasures-field-place"),
            "select",
            &typed("place_id"),
        )
        .choose_from(place_choices),
    ];
    let documents = documents_of(measure)
        .into_iter()
        .map(|(d, need)| {
            let key = format!("doc-{}", d.code());
            let chosen = form.get(&key).map_or("missing", String::as_str);
            let mut states = vec!["valid", "expired", "missing"];
            if may_be_digital(d) {
                states.push("digital");
            }
            DocumentRow {
                code: d.code(),
                name: tr.t(&format!("measures-document-{}", d.code())),
                need: need_words(&tr, d, need),
                states: choices(
                    states
                        .iter()
                        .map(|s| (s.to_string(), tr.t(&format!("staffmeasures-document-{s}"))))
                        .collect(),
                    chosen,
                ),
                error: errors.get(&key).map(str::to_string),
            }
        })
        .collect();
    let family = (0..FAMILY_ROWS)
        .map(|n| FamilyRow {
            n,
            relations: choices(
                std::iter::once((String::new(), tr.t("staffmeasures-relation-none")))
                    .chain(
                        RELATIONS
                            .iter()
                            .map(|r| (r.to_string(), tr.t(&format!("staffmeasures-relation-{r}")))),
                    )
                    .collect(),
                &typed(&format!("family_relation_{n}")),
            ),
            name: typed(&format!("family_name_{n}")),
            relation_error: errors
                .get(&format!("family_relation_{n}"))
                .map(str::to_string),
            name_error: errors.get(&format!("family_name_{n}")).map(str::to_string),
        })
        .collect();
    let html = render(&DeskPage {
        measures: choices(
            ActiveMeasure::ALL
                .iter()
                .map(|m| (m.code().to_string(), measure_name(&tr, *m)))
                .collect(),
            measure.code(),
        ),
        measure: measure.code().to_string(),
        fields: with_errors(fields, &errors),
        documents,
        resettlement: measure == ActiveMeasure::Resettlement,
        family,
        personal_data_consent: form.contains_key("personal_data_consent"),
        restricted_data_consent: form.contains_key("restricted_data_consent"),
        consent_id: typed("consent_id"),
        consent_sent,
        consent_code: typed("consent_code"),
        consent_error: errors.get("consent_code").map(str::to_string),
        f: page.frame,
        errors,
    })?;
    Ok(html)
}

/// The desk's form for the measure the address names (`?measure=`), with its checklist.
pub async fn form(
    State(state): State<AppState>,
    page: Page,
    PageQuery(chosen): PageQuery<Chosen>,
) -> PageResult<Response> {
    let measure = ActiveMeasure::parse(chosen.measure.trim()).unwrap_or(ActiveMeasure::Training);
    desk_page(
        &state,
        page,
        measure,
        &BTreeMap::new(),
        None,
        FormErrors::new(),
    )
    .await
}

/// A document not accepted, in words.
struct NotAccepted {
    name: String,
    state: String,
}

#[derive(askama::Template)]
#[template(path = "measures/staff/outcome.html")]
struct OutcomePage {
    f: Frame,
    id: String,
    status_code: String,
    status: String,
    measure: String,
    number: Option<String>,
    document_id: Option<String>,
    ground: Option<String>,
    point: Option<String>,
    detail: Option<String>,
    not_accepted: Vec<NotAccepted>,
}

/// The field of the form a refusal of the use case concerns.
fn field_of(problem: Option<&str>, code: &str) -> String {
    match problem {
        Some("family" | "family.relation") => "family_relation_0".into(),
        Some("family.full_name") => "family_name_0".into(),
        Some("documents") => "documents".into(),
        Some("measure") => "measure".into(),
        Some("iin") => "iin".into(),
        _ => match code {
            "invalid_iin" | "referral_exists" | "identity_not_proven" => "iin".into(),
            "digital_consent_required"
            | "wrong_code"
            | "proof_expired"
            | "proof_exhausted"
            | "confirmation_required" => "consent_code".into(),
            _ => "place_id".into(),
        },
    }
}

/// Takes the application at the desk; shows its outcome, or the form with what is wrong.
pub async fn apply(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let typed = |key: &str| {
        form.get(key)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let measure = ActiveMeasure::parse(&typed("measure")).unwrap_or(ActiveMeasure::Training);
    let mut errors = FormErrors::new();
    if typed("iin").is_empty() {
        errors.add("iin", tr.t("staffmeasures-required"));
    }
    if typed("place_id").is_empty() {
        errors.add("place_id", tr.t("staffmeasures-no-place"));
    }
    let documents = documents_of(measure)
        .into_iter()
        .filter_map(|(d, _)| {
            let state = typed(&format!("doc-{}", d.code()));
            (!state.is_empty()).then(|| (d.code().to_string(), state))
        })
        .collect();
    let family = (0..FAMILY_ROWS)
        .filter_map(|n| {
            let relation = typed(&format!("family_relation_{n}"));
            let full_name = typed(&format!("family_name_{n}"));
            (!relation.is_empty() || !full_name.is_empty()).then_some(FamilyMemberRequest {
                relation,
                full_name,
            })
        })
        .collect();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    // A digital identity document without a consent yet: the code goes to the person's phone
    // first, and the form comes back for it.
    let digital = typed(&format!("doc-{}", DeskDocument::Identity.code())) == "digital";
    if errors.is_empty() && digital && typed("consent_id").is_empty() {
        let mut shown = form.clone();
        let mut sent = None;
        match ask_consent(&state, &caller, &typed("iin")).await.or_page() {
            Ok(asked) => {
                shown.insert("consent_id".into(), asked.consent_id);
                shown.remove("consent_code");
                sent = Some(asked.phone_masked.unwrap_or_default());
            }
            Err(e) if matches!(e.status().as_u16(), 422 | 429) => {
                errors.add("iin", e.message(&tr));
            }
            Err(e) => return Err(e),
        }
        let status = errors.status();
        let html = desk_page(&state, page, measure, &shown, sent, errors).await?;
        return Ok((status, html).into_response());
    }
    let mut shown = form.clone();
    if errors.is_empty() {
        let body = DeskApplicationRequest {
            iin: typed("iin"),
            measure: measure.code().to_string(),
            place_id: typed("place_id"),
            documents,
            personal_data_consent: form.contains_key("personal_data_consent"),
            restricted_data_consent: form.contains_key("restricted_data_consent"),
            family,
            digital_consent: (!typed("consent_id").is_empty()).then(|| ConsentAnswer {
                consent_id: typed("consent_id"),
                code: typed("consent_code"),
            }),
        };
        match apply_at_desk(&state, &caller, body).await.or_page() {
            Ok(r) => {
                let v = ReferralView::of(r, state.clock.now());
                return Ok((StatusCode::CREATED, outcome(page, v)?).into_response());
            }
            Err(e)
                if matches!(e.status().as_u16(), 409 | 422)
                    || e.code() == "confirmation_required" =>
            {
                status = e.status();
                let field = field_of(e.field(), e.code());
                if field == "consent_code" && e.code() != "wrong_code" {
                    // The consent cannot be used any more: the next sending asks a new code.
                    shown.remove("consent_id");
                    errors.add(&field, tr.t("staffmeasures-consent-again"));
                } else {
                    errors.add(&field, e.message(&tr));
                }
            }
            Err(e) => return Err(e),
        }
    }
    let html = desk_page(&state, page, measure, &shown, None, errors).await?;
    Ok((status, html).into_response())
}

fn outcome(page: Page, v: ReferralView) -> PageResult<Response> {
    let tr = page.tr();
    let refusal = v.refusal_code.as_deref().and_then(ReferralRefusal::parse);
    let not_accepted = if v.status == Stage::NotAccepted.code() {
        v.documents_not_accepted
            .iter()
            .map(|d| NotAccepted {
                name: tr.t(&format!("measures-document-{}", d.document)),
                state: tr.t(&format!("staffmeasures-document-{}", d.state)),
            })
            .collect()
    } else {
        Vec::new()
    };
    render(&OutcomePage {
        status: stage_name(&tr, &v.status),
        measure: ActiveMeasure::parse(&v.measure)
            .map(|m| measure_name(&tr, m))
            .unwrap_or_default(),
        ground: refusal.map(|g| ground_names(g).get(tr.lang).to_string()),
        point: v.ground,
        detail: v.refusal_detail,
        number: v.number,
        document_id: v.document_id,
        not_accepted,
        id: v.id,
        status_code: v.status,
        f: page.frame,
    })
}
