//! Proving the identity from the cabinet by a one-time SMS code to the phone the
//! mobile-citizens registry links to the IIN, through the same use cases as
//! `startIdentityProof` and `completeIdentityProof`: the account acts for an IIN only once it has
//! proven it. The IIN and the code travel in POSTed forms only, never in an address.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::ids::Iin;
use serde::Deserialize;

use crate::accounts::service::identity::{self as service, Answer};
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult};

#[derive(askama::Template)]
#[template(path = "accounts/identity.html")]
struct IdentityPage {
    f: Frame,
    /// The IIN the account has proven, if it has.
    proven: Option<String>,
    iin: String,
    errors: FormErrors,
}

#[derive(askama::Template)]
#[template(path = "accounts/identity_code.html")]
struct CodePage {
    f: Frame,
    proof_id: String,
    phone: String,
    /// Where the code went, in words.
    sent: String,
    errors: FormErrors,
}

fn signed_in(page: &Page) -> Option<Caller> {
    page.caller.clone()
}

fn to_sign_in() -> PageResult<Response> {
    Ok(Redirect::to("/sign-in").into_response())
}

/// The proof's first step: the IIN.
pub async fn page(page: Page) -> PageResult<Response> {
    let Some(caller) = signed_in(&page) else {
        return to_sign_in();
    };
    render(&IdentityPage {
        proven: caller.iin,
        iin: String::new(),
        errors: FormErrors::new(),
        f: page.frame,
    })
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    iin: String,
}

/// Sends the code to the registry's phone and asks for it.
pub async fn start(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<StartForm>,
) -> PageResult<Response> {
    let Some(caller) = signed_in(&page) else {
        return to_sign_in();
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let iin = form.iin.trim().to_string();
    if iin.is_empty() {
        errors.add("iin", tr.t("identity-required-iin"));
    } else {
        let started = async {
            // The same checks as `startIdentityProof`.
            caller.require(&[Role::Citizen, Role::Employer])?;
            let iin = Iin::parse(&iin)?;
            service::start(
                &state,
                &caller.account_id,
                tr.lang,
                &iin,
                ProofMethod::Sms,
                None,
            )
            .await
        }
        .await
        .or_page();
        match started {
            Ok(started) => {
                let phone = started.phone_masked.unwrap_or_default();
                return render(&CodePage {
                    proof_id: started.proof_id,
                    sent: tr.with1("identity-code-sent", "phone", &phone),
                    phone,
                    errors: FormErrors::new(),
                    f: page.frame,
                });
            }
            Err(e) if e.status().is_client_error() => errors.problem("iin", &e, &tr),
            Err(e) => return Err(e),
        }
    }
    let html = render(&IdentityPage {
        proven: caller.iin,
        iin,
        errors,
        f: page.frame,
    })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    proof_id: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    phone: String,
}

/// Checks the code; the account then acts for the IIN, and the cabinet says what is next.
pub async fn complete(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> PageResult<Response> {
    let Some(caller) = signed_in(&page) else {
        return to_sign_in();
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let code = form.code.trim().to_string();
    if code.is_empty() {
        errors.add("code", tr.t("identity-required-code"));
    } else {
        let completed = async {
            caller.require(&[Role::Citizen, Role::Employer])?;
            service::complete(
                &state,
                &caller.account_id,
                &form.proof_id,
                Answer::Code(code),
            )
            .await
        }
        .await
        .or_page();
        match completed {
            Ok(_) => return Ok(Redirect::to("/cabinet").into_response()),
            Err(e) if e.status().is_client_error() => errors.problem("code", &e, &tr),
            Err(e) => return Err(e),
        }
    }
    let html = render(&CodePage {
        proof_id: form.proof_id,
        sent: tr.with1("identity-code-sent", "phone", &form.phone),
        phone: form.phone,
        errors,
        f: page.frame,
    })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
