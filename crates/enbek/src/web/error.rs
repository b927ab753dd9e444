//! The pages' errors. A use case's error becomes a page's error in one place (`OrPage`, through
//! `ApiError::from`); the frame's layer renders it as the error page, in the visitor's language,
//! with the status of the problem and a message chosen by its code (`error-<code>` in the
//! translations, else one for its kind of status) that says what to do next.

use axum::body::to_bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentValue;

use crate::platform::http::error::ApiError;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::web::i18n::Tr;
use crate::web::visit::{Frame, Visit};

/// A page's failure: the status and stable code of its problem, and the field it concerns.
#[derive(Debug, Clone)]
pub struct PageError {
    status: StatusCode,
    code: String,
    field: Option<String>,
    retry_after: Option<u64>,
}

pub type PageResult<T> = Result<T, PageError>;

/// A use case's result on a page: its error made a page's error (the one conversion).
pub trait OrPage<T> {
    fn or_page(self) -> PageResult<T>;
}

impl<T, E> OrPage<T> for Result<T, E>
where
    ApiError: From<E>,
{
    fn or_page(self) -> PageResult<T> {
        self.map_err(|e| PageError::from_problem(ApiError::from(e)))
    }
}

/// The code of a form sent without its CSRF token (or with another's).
pub const CSRF: &str = "csrf";

impl PageError {
    fn from_problem(e: ApiError) -> PageError {
        PageError {
            status: e.status(),
            code: e.code().to_string(),
            field: e
                .extra
                .get("field")
                .and_then(|f| f.as_str())
                .map(str::to_string),
            retry_after: e.extra.get("retry_after_seconds").and_then(|s| s.as_u64()),
        }
    }

    /// A form sent without its CSRF token: 403.
    pub fn csrf() -> PageError {
        PageError {
            status: StatusCode::FORBIDDEN,
            code: CSRF.to_string(),
            field: None,
            retry_after: None,
        }
    }

    /// A request no page can read.
    pub fn bad_request() -> PageError {
        PageError::from_problem(ApiError::new(Common::InvalidRequest))
    }

    pub fn not_found() -> PageError {
        PageError::from_problem(ApiError::not_found())
    }

    /// A page for signed-in people only, asked for by a visitor who is not: 401 and a page that
    /// says to sign in.
    pub fn sign_in_first() -> PageError {
        PageError::from_problem(ApiError::new(Common::Unauthorized))
    }

    /// A failure of the server: logged with its cause, shown without it.
    pub fn internal(cause: impl std::fmt::Display) -> PageError {
        PageError::from_problem(ApiError::internal(cause))
    }

    /// The stable code of the problem (`not_found`, `invalid_credentials`, `csrf`…).
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The field of a form the problem concerns, when it names one.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// How long to wait before trying again, when the problem says.
    pub fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }

    /// The problem in the reader's language: its code's own message, or its kind's.
    pub fn message(&self, tr: &Tr) -> String {
        let own = format!("error-{}", self.code);
        if tr.has(&own) {
            return tr.with(
                &own,
                &[(
                    "seconds",
                    FluentValue::from(self.retry_after.unwrap_or(0).to_string()),
                )],
            );
        }
        tr.t(match self.status.as_u16() {
            404 => "error-status-404",
            401 => "error-status-401",
            403 => "error-status-403",
            400..=499 => "error-status-4xx",
            _ => "error-status-5xx",
        })
    }

    /// What to do next, for the error page.
    pub fn next_step(&self, tr: &Tr) -> String {
        tr.t(match (self.code.as_str(), self.status.as_u16()) {
            (CSRF, _) => "error-next-csrf",
            (_, 404) => "error-next-404",
            (_, 401 | 403) => "error-next-403",
            (_, 400..=499) => "error-next-4xx",
            _ => "error-next-5xx",
        })
    }
}

/// A page's failure on its way out, for the frame's layer to render.
#[derive(Debug, Clone)]
pub(crate) struct Failure(pub PageError);

impl Failure {
    /// The failure a response carries: a page's error, or a problem+json answered by the
    /// layers below the page (a body too large, a body too slow); else the response itself.
    pub(crate) async fn of(mut response: Response) -> Result<Response, PageError> {
        if let Some(Failure(e)) = response.extensions_mut().remove::<Failure>() {
            return Err(e);
        }
        let problem = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
        if !problem {
            return Ok(response);
        }
        let status = response.status();
        let body = to_bytes(response.into_body(), 64 * 1024)
            .await
            .unwrap_or_default();
        let code = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_string))
            .unwrap_or_else(|| "internal".to_string());
        Err(PageError {
            status,
            code,
            field: None,
            retry_after: None,
        })
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.status;
        let mut response = status.into_response();
        response.extensions_mut().insert(Failure(self));
        response
    }
}

#[derive(askama::Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    f: Frame,
    title: String,
    message: String,
    next: String,
    status: u16,
    /// The page again, for a form that was refused.
    again: Option<String>,
}

/// The error page of a failure, in the visitor's language.
pub(crate) async fn page(
    state: &AppState,
    visit: &Visit,
    here: &str,
    error: PageError,
) -> Response {
    let caller = visit.caller(state).await.ok().flatten();
    let f = Frame::new(visit, caller.as_ref(), here);
    let tr = f.tr;
    let title = tr.t(match error.status.as_u16() {
        404 => "error-title-404",
        400..=499 => "error-title-4xx",
        _ => "error-title-5xx",
    });
    let again = (error.code == CSRF).then(|| here.split('?').next().unwrap_or("/").to_string());
    let page = ErrorPage {
        title,
        message: error.message(&tr),
        next: error.next_step(&tr),
        status: error.status.as_u16(),
        again,
        f,
    };
    let html = askama::Template::render(&page).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the error page did not render");
        String::from("<!doctype html><title>Error</title><p>Error</p>")
    });
    (
        error.status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}
