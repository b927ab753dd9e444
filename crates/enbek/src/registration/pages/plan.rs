//! The individual employment plan to read and sign, and reporting a change of 214 p.64 —
//! through the same use cases as `getMyPlan`, `signMyPlan` and `reportCircumstance`. The person
//! signs by a one-time code sent to the phone the mobile-citizens registry links to their IIN
//! (214 p.62; the API also takes an electronic signature).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::ids::Iin;
use enbek_domain::registration::unemployment::Circumstance;
use serde::Deserialize;

use crate::accounts::interface as identity;
use crate::platform::state::AppState;
use crate::registration::error::Error;
use crate::registration::http::plans::{report_change, CircumstanceRequest};
use crate::registration::pages::to_sign_in;
use crate::registration::service::plans::{self as service, ShownPlan};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// A step of the plan as the page lists it.
pub struct Step {
    pub what: String,
    pub due: String,
    pub state: String,
    pub overdue: bool,
}

/// The plan as the page shows it.
pub struct Shown {
    pub goal: String,
    pub valid_until: String,
    pub signed: Option<String>,
    pub steps: Vec<Step>,
}

/// A kind of change to choose.
pub struct Kind {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

/// The form for the one-time code that signs the plan, once the code is sent.
pub struct CodeForm {
    pub proof_id: String,
    /// The number the code went to, all but its last four digits hidden.
    pub phone: String,
    /// Where the code went, in words.
    pub sent: String,
}

/// Where the signing stands: the sign button (with why the last try failed, if it did), or
/// the code form.
#[derive(Default)]
pub struct Signing {
    pub code: Option<CodeForm>,
    pub errors: FormErrors,
}

#[derive(askama::Template)]
#[template(path = "registration/plan.html")]
struct PlanPage {
    f: Frame,
    plan: Option<Shown>,
    signing: Signing,
    kinds: Vec<Kind>,
    form: ReportForm,
    reported: bool,
    errors: FormErrors,
}

fn shown(tr: &Tr, p: ShownPlan) -> Shown {
    Shown {
        goal: p.plan.goal,
        valid_until: tr.date(p.plan.valid_until),
        signed: p
            .plan
            .signed_by_person_at
            .map(|at| tr.date(enbek_domain::reference::office_hours::local_date(at))),
        steps: p
            .items
            .into_iter()
            .map(|s| {
                let i = s.item;
                let what = match i.action {
                    Some(a) => tr.t(&format!("plan-action-{}", a.code())),
                    None => tr.t("plan-contact"),
                };
                Step {
                    what: match i.note {
                        Some(note) if !note.is_empty() => format!("{what} — {note}"),
                        _ => what,
                    },
                    due: tr.date(i.due_on),
                    state: match (i.outcome.as_deref(), s.overdue) {
                        (Some(outcome), _) => tr.t(&format!("plan-outcome-{outcome}")),
                        (None, true) => tr.t("plan-overdue"),
                        (None, false) => tr.t("plan-ahead"),
                    },
                    overdue: s.overdue,
                }
            })
            .collect(),
    }
}

fn kinds(tr: &Tr, chosen: &str) -> Vec<Kind> {
    Circumstance::ALL
        .iter()
        .map(|c| Kind {
            code: c.code(),
            label: tr.t(&format!("plan-change-{}", c.code())),
            selected: c.code() == chosen,
        })
        .collect()
}

async fn my_plan(state: &AppState, account_id: &str, tr: &Tr) -> PageResult<Option<Shown>> {
    match service::my_plan(state, account_id).await.or_page() {
        Ok(p) => Ok(Some(shown(tr, p))),
        Err(e) if e.status() == StatusCode::NOT_FOUND => Ok(None),
        Err(e) => Err(e),
    }
}

async fn plan_page(
    state: &AppState,
    page: Page,
    account_id: &str,
    signing: Signing,
    form: ReportForm,
    reported: bool,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    render(&PlanPage {
        plan: my_plan(state, account_id, &tr).await?,
        signing,
        kinds: kinds(&tr, &form.kind),
        form,
        reported,
        errors,
        f: page.frame,
    })
}

/// The plan, and the form to report a change.
pub async fn page(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    plan_page(
        &state,
        page,
        &caller.account_id,
        Signing::default(),
        ReportForm::default(),
        false,
        FormErrors::new(),
    )
    .await
}

#[derive(Deserialize)]
pub struct SignForm {}

/// The person asks to sign their plan: a one-time code goes to the phone the registry links to
/// the account's proven IIN, by a proof started for this plan (`startIdentityProof` with the
/// purpose `plan:<id>`), and the page asks for it.
pub async fn sign(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(_): CsrfForm<SignForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    let tr = page.tr();
    let plan = service::my_plan(&state, &caller.account_id)
        .await
        .or_page()?;
    let started = async {
        let iin = Iin::parse(caller.proven_iin()?)?;
        let purpose = service::plan_purpose(&plan.plan.id);
        identity::start(
            &state,
            &caller.account_id,
            tr.lang,
            &iin,
            ProofMethod::Sms,
            Some(&purpose),
        )
        .await
        .map_err(Error::from)
    }
    .await
    .or_page();
    let mut signing = Signing::default();
    match started {
        Ok(started) => {
            let phone = started.phone_masked.unwrap_or_default();
            signing.code = Some(CodeForm {
                proof_id: started.proof_id,
                sent: tr.with1("plan-code-sent", "phone", &phone),
                phone,
            });
        }
        Err(e) if e.status().is_client_error() => signing.errors.problem("sign", &e, &tr),
        Err(e) => return Err(e),
    }
    let status = signing.errors.status();
    signing_page(&state, page, &caller.account_id, signing, status).await
}

/// The plan page with the signing's state (the code form, its errors) and `status`.
async fn signing_page(
    state: &AppState,
    page: Page,
    account_id: &str,
    signing: Signing,
    status: StatusCode,
) -> PageResult<Response> {
    let html = plan_page(
        state,
        page,
        account_id,
        signing,
        ReportForm::default(),
        false,
        FormErrors::new(),
    )
    .await?;
    Ok((status, html).into_response())
}

/// The code form as sent.
#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    proof_id: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    phone: String,
}

/// The code answers the proof, and the proof signs the plan (`completeIdentityProof`, then
/// `signMyPlan`); a wrong code is said at the field, and the form stays for another try.
pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    let tr = page.tr();
    let mut signing = Signing::default();
    let code = form.code.trim().to_string();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if code.is_empty() {
        signing.errors.add("code", tr.t("identity-required-code"));
    } else {
        let signed = async {
            let iin = caller.proven_iin()?;
            identity::complete(
                &state,
                &caller.account_id,
                &form.proof_id,
                identity::Answer::Code(code),
            )
            .await?;
            service::sign_mine(&state, &caller.account_id, iin, &form.proof_id).await
        }
        .await
        .or_page();
        match signed {
            Ok(_) => return Ok(Redirect::to("/cabinet/plan").into_response()),
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                signing.errors.problem("code", &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    signing.code = Some(CodeForm {
        sent: tr.with1("plan-code-sent", "phone", &form.phone),
        proof_id: form.proof_id,
        phone: form.phone,
    });
    signing_page(&state, page, &caller.account_id, signing, status).await
}

/// The report form as sent.
#[derive(Deserialize, Default)]
pub struct ReportForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    occurred_on: String,
    #[serde(default)]
    details: String,
}

/// Reports a change (214 p.64): the career center acknowledges it.
pub async fn report(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if form.kind.is_empty() {
        errors.add("kind", tr.t("plan-required-kind"));
    }
    let occurred_on = NaiveDate::parse_from_str(form.occurred_on.trim(), "%Y-%m-%d").ok();
    if occurred_on.is_none() {
        errors.add("occurred_on", tr.t("plan-required-date"));
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if let (true, Some(occurred_on)) = (errors.is_empty(), occurred_on) {
        let body = CircumstanceRequest {
            kind: form.kind.clone(),
            occurred_on,
            details: Some(form.details.trim().to_string()).filter(|d| !d.is_empty()),
        };
        match report_change(&state, &caller, &body).await.or_page() {
            Ok(_) => {
                return plan_page(
                    &state,
                    page,
                    &caller.account_id,
                    Signing::default(),
                    ReportForm::default(),
                    true,
                    FormErrors::new(),
                )
                .await
            }
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                let field = match e.field() {
                    Some("details") => "details",
                    Some("occurred_on") => "occurred_on",
                    _ if e.code() == "invalid_date" => "occurred_on",
                    _ => "kind",
                };
                errors.problem(field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let response = plan_page(
        &state,
        page,
        &caller.account_id,
        Signing::default(),
        form,
        false,
        errors,
    )
    .await?;
    Ok((status, response).into_response())
}
