//! One referral as staff read it (`getActiveMeasureReferral`, the read audited), and what its
//! status calls for from the career center's specialist: the regional commission's decision on a
//! pending resettlement (`recordResettlementCommission`, 129 App.11), the tear-off notice of a
//! referral (`returnReferralTearOff`, 129 App.4, App.5, App.8, App.11), the end of participation
//! (`endActiveMeasure`; quitting without good reason is the ground of 214 p.51(3)).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::measures::participation::{Ending, Stage};
use enbek_domain::measures::referral::{ActiveMeasure, ReferralRefusal};
use enbek_domain::text;
use serde::Deserialize;

use super::staff_measures::{
    date_in, day, measure_name, optional, required, specialist, staff, stage_name,
};
use crate::measures::http::referrals::{
    end_by, readable, tear_off_by, ReferralView, TearOffRequest,
};
use crate::measures::notices::ground_names;
use crate::measures::service::referrals::record_commission;
use crate::measures::store::referrals::Commission;
use crate::platform::http::input;
use crate::platform::state::AppState;
use crate::web::form::{choices, with_errors, Choice, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// A fact of the referral: its label and value.
struct Fact {
    label: String,
    value: String,
}

#[derive(askama::Template)]
#[template(path = "measures/staff/referral.html")]
struct ReferralPage {
    f: Frame,
    id: String,
    facts: Vec<Fact>,
    overdue: bool,
    document_id: Option<String>,
    application_document_id: Option<String>,
    /// Which form the status calls for: `commission`, `tear_off`, `end`, or none.
    form: String,
    yes_no: Vec<Choice>,
    fields: Vec<Field>,
    endings: Vec<Choice>,
    good_reason: bool,
    errors: FormErrors,
}

/// What a sent-back form carries.
#[derive(Deserialize, Default)]
pub struct ActionForm {
    #[serde(default)]
    choice: String,
    #[serde(default)]
    decision_number: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    order_number: String,
    #[serde(default)]
    order_date: String,
    #[serde(default)]
    contract_number: String,
    #[serde(default)]
    contract_date: String,
    #[serde(default)]
    housing: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    good_reason: Option<String>,
    #[serde(default)]
    ended_on: String,
}

const HOUSING: [&str; 4] = ["housing", "service_housing", "dormitory", "rent_subsidy"];

fn facts(tr: &Tr, v: &ReferralView) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: String| {
        facts.push(Fact {
            label: tr.t(label),
            value,
        })
    };
    if let Some(n) = &v.number {
        fact("staffmeasures-number", n.clone());
    }
    if let Some(m) = ActiveMeasure::parse(&v.measure) {
        fact("staffmeasures-measure", measure_name(tr, m));
    }
    fact("staffmeasures-status", stage_name(tr, &v.status));
    fact(
        "staffmeasures-channel",
        tr.t(&format!("staffmeasures-channel-{}", v.channel)),
    );
    fact("staffmeasures-submitted", day(tr, v.submitted_at));
    if let Some(c) = &v.category {
        fact("staffmeasures-category", c.clone());
    }
    if let Some(r) = v.refusal_code.as_deref().and_then(ReferralRefusal::parse) {
        let ground = format!(
            "{} ({})",
            ground_names(r).get(tr.lang),
            v.ground.clone().unwrap_or_default()
        );
        fact("staffmeasures-ground", ground);
    }
    if let Some(d) = &v.refusal_detail {
        fact("staffmeasures-detail", d.clone());
    }
    if let Some(due) = v.tear_off_due_at {
        fact("staffmeasures-tear-off-due", day(tr, due));
    }
    if let Some(t) = &v.tear_off {
        let order = [
            t.order_number.clone(),
            t.order_date.map(|d| tr.date(d)),
            t.contract_number.clone(),
            t.contract_date.map(|d| tr.date(d)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        fact(
            "staffmeasures-tear-off",
            format!(
                "{}{}",
                tr.t(if t.taken {
                    "staffmeasures-taken"
                } else {
                    "staffmeasures-not-taken"
                }),
                if order.is_empty() {
                    String::new()
                } else {
                    format!(": {order}")
                }
            ),
        );
        if let Some(h) = &t.housing {
            fact(
                "staffmeasures-field-housing",
                tr.t(&format!("staffmeasures-housing-{h}")),
            );
        }
        if let Some(r) = &t.reason {
            fact("staffmeasures-field-reason", r.clone());
        }
    }
    if let Some(e) = &v.ending {
        let mut words = tr.t(&format!("staffmeasures-ending-{e}"));
        if v.good_reason == Some(true) {
            words = format!("{words}, {}", tr.t("staffmeasures-good-reason"));
        }
        fact("staffmeasures-ending", words);
    }
    if let Some(on) = v.ended_on {
        fact("staffmeasures-field-ended-on", tr.date(on));
    }
    for m in &v.family {
        fact(
            "staffmeasures-family",
            format!(
                "{} ({})",
                m.full_name,
                tr.t(&format!("staffmeasures-relation-{}", m.relation))
            ),
        );
    }
    facts
}

async fn referral_page(
    state: &AppState,
    page: Page,
    id: &str,
    typed: ActionForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = staff(&page)?;
    let tr = page.tr();
    let r = readable(state, caller, id).await.or_page()?;
    let resettlement = r.measure == ActiveMeasure::Resettlement;
    let form = match (caller.grant(Role::CareerCenterSpecialist), r.stage) {
        (None, _) => "",
        (Some(_), Stage::Pending) if resettlement && r.data.commission.is_none() => "commission",
        (Some(_), Stage::Referred) => "tear_off",
        (Some(_), Stage::Enrolled) => "end",
        _ => "",
    };
    let v = ReferralView::of(r, state.clock.now());
    let fields = match form {
        "commission" => vec![
            Field::new(
                "decision_number",
                tr.t("staffmeasures-field-decision-number"),
                "text",
                &typed.decision_number,
            ),
            Field::new(
                "decided_on",
                tr.t("staffmeasures-field-decided-on"),
                "date",
                &typed.decided_on,
            ),
        ],
        "tear_off" => {
            let mut fields = vec![
                Field::new(
                    "order_number",
                    tr.t("staffmeasures-field-order-number"),
                    "text",
                    &typed.order_number,
                ),
                Field::new(
                    "order_date",
                    tr.t("staffmeasures-field-order-date"),
                    "date",
                    &typed.order_date,
                ),
                Field::new(
                    "contract_number",
                    tr.t("staffmeasures-field-contract-number"),
                    "text",
                    &typed.contract_number,
                ),
                Field::new(
                    "contract_date",
                    tr.t("staffmeasures-field-contract-date"),
                    "date",
                    &typed.contract_date,
                ),
            ];
            if resettlement {
                fields.push(
                    Field::new(
                        "housing",
                        tr.t("staffmeasures-field-housing"),
                        "select",
                        &typed.housing,
                    )
                    .choose_from(
                        std::iter::once((String::new(), tr.t("staffmeasures-housing-none")))
                            .chain(HOUSING.iter().map(|h| {
                                (h.to_string(), tr.t(&format!("staffmeasures-housing-{h}")))
                            }))
                            .collect(),
                    ),
                );
            }
            fields.push(Field::new(
                "reason",
                tr.t("staffmeasures-field-reason"),
                "textarea",
                &typed.reason,
            ));
            fields
        }
        "end" => vec![Field::new(
            "ended_on",
            tr.t("staffmeasures-field-ended-on"),
            "date",
            &typed.ended_on,
        )],
        _ => Vec::new(),
    };
    let yes_no_words = if form == "commission" {
        ("staffmeasures-approved", "staffmeasures-not-approved")
    } else {
        ("staffmeasures-taken", "staffmeasures-not-taken")
    };
    let html = render(&ReferralPage {
        id: v.id.clone(),
        facts: facts(&tr, &v),
        overdue: v.tear_off_overdue,
        document_id: v.document_id.clone(),
        application_document_id: v.application_document_id.clone(),
        form: form.to_string(),
        yes_no: choices(
            vec![
                ("yes".into(), tr.t(yes_no_words.0)),
                ("no".into(), tr.t(yes_no_words.1)),
            ],
            &typed.choice,
        ),
        fields: with_errors(fields, &errors),
        endings: choices(
            Ending::ALL
                .iter()
                .map(|e| {
                    (
                        e.code().to_string(),
                        tr.t(&format!("staffmeasures-ending-{}", e.code())),
                    )
                })
                .collect(),
            &typed.choice,
        ),
        good_reason: typed.good_reason.is_some(),
        f: page.frame,
        errors,
    })?;
    Ok(html)
}

/// One referral, with the form its status calls for.
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    referral_page(&state, page, &id, ActionForm::default(), FormErrors::new()).await
}

/// The yes or no of a form: an error next to it when neither is chosen.
fn yes_no(choice: &str, errors: &mut FormErrors, tr: &Tr) -> Option<bool> {
    match choice {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add("choice", tr.t("staffmeasures-choose"));
            None
        }
    }
}

/// What a sent form's use case answered: back to the referral, or the form with the problem
/// next to `field` (or the field it names).
async fn answered<T>(
    state: &AppState,
    page: Page,
    id: &str,
    form: ActionForm,
    mut errors: FormErrors,
    result: Option<PageResult<T>>,
    field: &str,
) -> PageResult<Response> {
    let tr = page.tr();
    match result {
        Some(Ok(_)) => {
            return Ok(Redirect::to(&format!("/workspace/measures/{id}")).into_response())
        }
        Some(Err(e)) if matches!(e.status().as_u16(), 409 | 422) => {
            errors.add(e.field().unwrap_or(field), e.message(&tr));
        }
        Some(Err(e)) => return Err(e),
        None => {}
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        referral_page(state, page, id, form, errors).await?,
    )
        .into_response())
}

/// Records the regional commission's decision on a pending resettlement.
pub async fn commission(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let approved = yes_no(&form.choice, &mut errors, &tr);
    required(&form.decision_number, "decision_number", &mut errors, &tr);
    required(&form.decided_on, "decided_on", &mut errors, &tr);
    let number =
        match input::text("decision_number", form.decision_number.trim(), text::ITEM).or_page() {
            Ok(n) => Some(n),
            Err(e) => {
                if !errors.has("decision_number") {
                    errors.add("decision_number", e.message(&tr));
                }
                None
            }
        };
    let decided_on = date_in(&form.decided_on, "decided_on", &mut errors, &tr);
    let result = match (approved, number, decided_on, errors.is_empty()) {
        (Some(approved), Some(number), Some(decided_on), true) => {
            let center = caller
                .organization(Role::CareerCenterSpecialist)
                .or_page()?;
            let c = Commission {
                approved,
                number,
                decided_on,
            };
            Some(
                record_commission(&state, center, &caller.account_id, &id, c)
                    .await
                    .or_page(),
            )
        }
        _ => None,
    };
    answered(&state, page, &id, form, errors, result, "decided_on").await
}

/// Enters the tear-off notice as returned on paper.
pub async fn tear_off(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let taken = yes_no(&form.choice, &mut errors, &tr);
    if taken == Some(true)
        && form.order_number.trim().is_empty()
        && form.contract_number.trim().is_empty()
    {
        errors.add("order_number", tr.t("staffmeasures-order-or-contract"));
    }
    let order_date = date_in(&form.order_date, "order_date", &mut errors, &tr);
    let contract_date = date_in(&form.contract_date, "contract_date", &mut errors, &tr);
    let result = match (taken, errors.is_empty()) {
        (Some(taken), true) => {
            let body = TearOffRequest {
                taken,
                order_number: optional(&form.order_number),
                order_date,
                contract_number: optional(&form.contract_number),
                contract_date,
                starts_on: None,
                ends_on: None,
                housing: optional(&form.housing),
                reason: optional(&form.reason),
            };
            Some(tear_off_by(&state, &caller, &id, body).await.or_page())
        }
        _ => None,
    };
    answered(&state, page, &id, form, errors, result, "order_date").await
}

/// Ends participation: completed, quit (with or without good reason) or dismissed.
pub async fn end(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let ending = Ending::parse(form.choice.trim());
    if ending.is_none() {
        errors.add("choice", tr.t("staffmeasures-choose"));
    }
    required(&form.ended_on, "ended_on", &mut errors, &tr);
    let ended_on = date_in(&form.ended_on, "ended_on", &mut errors, &tr);
    let result = match (ending, ended_on, errors.is_empty()) {
        (Some(ending), Some(on), true) => Some(
            end_by(&state, &caller, &id, ending, form.good_reason.is_some(), on)
                .await
                .or_page(),
        ),
        _ => None,
    };
    answered(&state, page, &id, form, errors, result, "ended_on").await
}
