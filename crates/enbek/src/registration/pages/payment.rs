//! The job-loss social payment application (Social Code art.102; the guide's step 4) with the
//! computed amount and its formula, through the same use cases as `applyJoblossPayment` and
//! `getMyJoblossPayment`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::Value;

use crate::platform::state::AppState;
use crate::registration::pages::to_sign_in;
use crate::registration::service::jobloss::{self as service, masked_iban, Shown};
use crate::web::{render, CsrfForm, FormErrors, Frame, Lang, OrPage, Page, PageResult, Tr};

/// An application as the page shows it.
pub struct Applied {
    pub status: String,
    pub submitted: String,
    pub iban: String,
    pub eligible: Option<bool>,
    /// The monthly amount and how long it is paid, when computed.
    pub amount: Option<String>,
    pub duration: Option<String>,
    /// The formula, each factor in words and figures.
    pub formula: Vec<(String, String)>,
    pub result: Option<String>,
    pub months: Option<String>,
    pub delivered: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "registration/payment.html")]
struct PaymentPage {
    f: Frame,
    applied: Option<Applied>,
    iban: String,
    errors: FormErrors,
}

/// A rate or coefficient as the language writes decimals.
fn decimal(lang: Lang, x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    match lang {
        Lang::En => text,
        Lang::Kk | Lang::Ru => text.replace('.', ","),
    }
}

fn int(v: &Value, field: &str) -> Option<i64> {
    v.get(field).and_then(Value::as_i64)
}

fn applied(tr: &Tr, shown: Shown) -> Applied {
    let a = shown.application;
    let v = a.assessment.unwrap_or(Value::Null);
    let mut formula = Vec::new();
    let mut result = None;
    if let (Some(average), Some(amount)) =
        (int(&v, "average_monthly_income"), int(&v, "monthly_amount"))
    {
        let rate = v["replacement_rate"].as_f64().unwrap_or(0.0);
        let coefficient = v["stage_coefficient"].as_f64().unwrap_or(0.0);
        let band = &v["stage_band"];
        let band = match (int(band, "from_months"), int(band, "to_months")) {
            (Some(from), Some(to)) => tr.with(
                "payment-band",
                &[
                    ("from", FluentValue::from(from)),
                    ("to", FluentValue::from(to)),
                ],
            ),
            (Some(from), None) => {
                tr.with("payment-band-open", &[("from", FluentValue::from(from))])
            }
            _ => tr.t("payment-band-none"),
        };
        formula = vec![
            (
                tr.with1(
                    "payment-average",
                    "cap",
                    &tr.money(int(&v, "income_cap").unwrap_or(0)),
                ),
                tr.money(average),
            ),
            (tr.t("payment-rate"), decimal(tr.lang, rate)),
            (
                tr.with(
                    "payment-coefficient",
                    &[
                        (
                            "months",
                            FluentValue::from(int(&v, "participation_months").unwrap_or(0)),
                        ),
                        ("band", FluentValue::from(band)),
                    ],
                ),
                decimal(tr.lang, coefficient),
            ),
        ];
        result = Some(tr.with(
            "payment-formula",
            &[
                ("average", FluentValue::from(tr.money(average))),
                ("rate", FluentValue::from(decimal(tr.lang, rate))),
                (
                    "coefficient",
                    FluentValue::from(decimal(tr.lang, coefficient)),
                ),
                ("amount", FluentValue::from(tr.money(amount))),
            ],
        ));
    }
    let eligible = v.get("eligible").and_then(Value::as_bool);
    Applied {
        status: tr.t(&format!("payment-status-{}", a.status.as_str())),
        submitted: tr.date(enbek_domain::reference::office_hours::local_date(
            a.submitted_at,
        )),
        iban: masked_iban(&a.iban),
        amount: int(&v, "monthly_amount").map(|m| tr.money(m)),
        duration: int(&v, "duration_months")
            .filter(|_| eligible == Some(true))
            .map(|m| tr.count("payment-duration-months", m)),
        months: match (int(&v, "months_in_window"), int(&v, "months_required")) {
            (Some(months), Some(required)) => Some(tr.with(
                "payment-months",
                &[
                    ("months", FluentValue::from(months)),
                    ("required", FluentValue::from(required)),
                ],
            )),
            _ => None,
        },
        eligible,
        formula,
        result,
        delivered: shown
            .delivered_to_fund_at
            .map(|at| tr.date(enbek_domain::reference::office_hours::local_date(at))),
    }
}

async fn mine(state: &AppState, account_id: &str, tr: &Tr) -> PageResult<Option<Applied>> {
    match service::mine(state, account_id).await.or_page() {
        Ok(shown) => Ok(Some(applied(tr, shown))),
        Err(e) if e.status() == StatusCode::NOT_FOUND => Ok(None),
        Err(e) => Err(e),
    }
}

/// The application, or the form to apply.
pub async fn page(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    render(&PaymentPage {
        applied: mine(&state, &caller.account_id, &tr).await?,
        iban: String::new(),
        errors: FormErrors::new(),
        f: page.frame,
    })
}

#[derive(Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    iban: String,
}

/// Applies with the bank account the payment goes to; checked and sent to the fund at once.
pub async fn apply(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<PaymentForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if form.iban.trim().is_empty() {
        errors.add("iban", tr.t("payment-required-iban"));
    } else {
        let applied = async {
            caller.require(&[Role::Citizen])?;
            caller.proven_iin()?;
            Ok::<_, crate::registration::error::Error>(())
        }
        .await
        .or_page();
        let applied = match applied {
            Ok(()) => service::apply(&state, &caller.account_id, &form.iban)
                .await
                .or_page(),
            Err(e) => Err(e),
        };
        match applied {
            Ok(_) => return Ok(Redirect::to("/cabinet/payment").into_response()),
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                errors.problem("iban", &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let html = render(&PaymentPage {
        applied: mine(&state, &caller.account_id, &tr).await?,
        iban: form.iban,
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}
