//! Sign up, sign in and sign out through the same use cases as the API's `createAccount`,
//! `login` and `logout`; the session token lives in an HttpOnly cookie and is stored hashed.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::http::accounts::client_address;
use crate::accounts::service::accounts::{self as service, TERMS_VERSION};
use crate::platform::state::AppState;
use crate::web::visit::{clear_cookie, set_cookie, SESSION_COOKIE};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult};

#[derive(askama::Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage {
    f: Frame,
    login: String,
    errors: FormErrors,
}

#[derive(askama::Template)]
#[template(path = "accounts/sign_up.html")]
struct SignUpPage {
    f: Frame,
    login: String,
    accepted: bool,
    errors: FormErrors,
}

#[derive(askama::Template)]
#[template(path = "accounts/terms.html")]
struct TermsPage {
    f: Frame,
    version: &'static str,
}

/// With a status other than 200 (a form sent back with its errors).
fn with_status(status: StatusCode, response: Response) -> Response {
    (status, response).into_response()
}

pub async fn sign_in_page(page: Page) -> PageResult<Response> {
    render(&SignInPage {
        f: page.frame,
        login: String::new(),
        errors: FormErrors::new(),
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

/// Signs in; the session's token goes into the cookie, never into a page or an address.
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    page: Page,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if form.login.trim().is_empty() {
        errors.add("login", tr.t("form-required-login"));
    }
    if form.password.is_empty() {
        errors.add("password", tr.t("form-required-password"));
    }
    if errors.is_empty() {
        let address =
            client_address(peer.ip(), &headers, &state.settings.trusted_proxies).to_string();
        match service::login(&state, &form.login, form.password, &address)
            .await
            .or_page()
        {
            Ok((token, expires_at)) => {
                let mut response = Redirect::to("/").into_response();
                let seconds = (expires_at - state.clock.now()).num_seconds().max(0);
                set_cookie(
                    &mut response,
                    SESSION_COOKIE,
                    &token,
                    Some(seconds),
                    page.visit.secure,
                );
                return Ok(response);
            }
            Err(e) if e.status().is_client_error() => errors.problem("login", &e, &tr),
            Err(e) => return Err(e),
        }
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(with_status(
        status,
        render(&SignInPage {
            f: page.frame,
            login: form.login,
            errors,
        })?,
    ))
}

pub async fn sign_up_page(page: Page) -> PageResult<Response> {
    render(&SignUpPage {
        f: page.frame,
        login: String::new(),
        accepted: false,
        errors: FormErrors::new(),
    })
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    accept_terms: Option<String>,
}

/// Signs up with the user agreement (the same use case as `createAccount`), in the language of
/// the page, then signs in.
pub async fn sign_up(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    page: Page,
    CsrfForm(form): CsrfForm<SignUpForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let accepted = form.accept_terms.is_some();
    let mut errors = FormErrors::new();
    if form.login.trim().is_empty() {
        errors.add("login", tr.t("form-required-login"));
    }
    if form.password.is_empty() {
        errors.add("password", tr.t("form-required-password"));
    }
    if !accepted {
        errors.add("accept_terms", tr.t("error-terms_not_accepted"));
    }
    if errors.is_empty() {
        let created =
            service::register_citizen(&state, &form.login, &form.password, accepted, tr.lang)
                .await
                .or_page();
        match created {
            Ok(_) => {
                let address = client_address(peer.ip(), &headers, &state.settings.trusted_proxies)
                    .to_string();
                let (token, expires_at) =
                    service::login(&state, &form.login, form.password.clone(), &address)
                        .await
                        .or_page()?;
                let mut response = Redirect::to("/").into_response();
                let seconds = (expires_at - state.clock.now()).num_seconds().max(0);
                set_cookie(
                    &mut response,
                    SESSION_COOKIE,
                    &token,
                    Some(seconds),
                    page.visit.secure,
                );
                return Ok(response);
            }
            Err(e) if e.status().is_client_error() => {
                let field = match e.code() {
                    "weak_password" => "password",
                    "terms_not_accepted" => "accept_terms",
                    _ => "login",
                };
                errors.problem(field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&SignUpPage {
            f: page.frame,
            login: form.login,
            accepted,
            errors,
        })?,
    ))
}

#[derive(Deserialize)]
pub struct SignOutForm {}

/// Signs out: the session ends (as `logout`) and its cookie is removed.
pub async fn sign_out(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(_): CsrfForm<SignOutForm>,
) -> PageResult<Response> {
    if let Some(caller) = &page.caller {
        service::logout(&state, &caller.token_hash, &caller.account_id)
            .await
            .or_page()?;
    }
    let mut response = Redirect::to("/").into_response();
    clear_cookie(&mut response, SESSION_COOKIE, page.visit.secure);
    Ok(response)
}

/// The user agreement a person accepts on signing up.
pub async fn terms(page: Page) -> PageResult<Response> {
    render(&TermsPage {
        f: page.frame,
        version: TERMS_VERSION,
    })
}
