//! The web frame: server-rendered pages for people (the portal today, the AIS workspace next).
//!
//! It stands below the contexts and uses only the platform: the layout and its assets, the
//! translations and the formatting for the reader's language (`i18n`), the visitor's cookies —
//! language, session, CSRF (`visit`) — and the pages' errors (`error`). Each context keeps its
//! own pages beside its API handlers (`<context>/pages/`), calls its own use cases from them
//! and lists their routes; `api` merges them under `layer`.
//!
//! The earlier static citizen page (`crates/enbek/ui/`, over the JSON API) is served at `/ui/`
//! until the cabinet's pages replace it.

pub mod error;
pub mod form;
pub mod i18n;
pub mod paging;
pub mod visit;

use axum::http::{header, HeaderValue};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::platform::state::AppState;

pub use error::{OrPage, PageError, PageResult};
pub use form::FormErrors;
pub use i18n::{Lang, Tr};
pub use visit::{CsrfForm, Frame, Page, PageQuery};

const INDEX: &str = include_str!("../../ui/index.html");
const SCRIPT: &str = include_str!("../../ui/app.js");
const STYLE: &str = include_str!("../../ui/app.css");
const WEB_STYLE: &str = include_str!("static/web.css");
const WEB_SCRIPT: &str = include_str!("static/web.js");

/// Only our own files run, no inline script or style; a page is never framed and sends no
/// referrer.
pub const SECURITY: [(header::HeaderName, &str); 4] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

fn file(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (SECURITY, [(header::CONTENT_TYPE, content_type)], body)
}

/// The frame's own routes: its assets and the earlier static page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/ui/",
            get(|| async { file("text/html; charset=utf-8", INDEX) }),
        )
        .route(
            "/ui/app.js",
            get(|| async { file("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/ui/app.css",
            get(|| async { file("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/static/web.css",
            get(|| async { file("text/css; charset=utf-8", WEB_STYLE) }),
        )
        .route(
            "/static/web.js",
            get(|| async { file("text/javascript; charset=utf-8", WEB_SCRIPT) }),
        )
}

/// The pages of the contexts under the frame's layer: each request gets its visit (language,
/// session, CSRF nonce), each response the security headers, and an error the error page.
pub fn layer(pages: Router<AppState>, state: AppState) -> Router<AppState> {
    pages
        .merge(routes())
        .layer(middleware::from_fn_with_state(state, visit::visit))
}

/// A path on this site to go back to: anything else (another site, a scheme) becomes `/`.
pub fn local_path(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// Every page answer: the security headers, and no caching of what may be personal or carry a
/// form's token.
pub(crate) fn page_headers(response: &mut Response) {
    let headers = response.headers_mut();
    for (name, value) in SECURITY {
        headers.insert(name, HeaderValue::from_static(value));
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html || !headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// An askama template rendered into an HTML answer (or the error page, if it could not be).
pub fn render(template: &impl askama::Template) -> PageResult<Response> {
    let html = template.render().map_err(PageError::internal)?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_of_this_site_is_gone_back_to() {
        assert_eq!(local_path("/vacancies?q=x"), "/vacancies?q=x");
        assert_eq!(local_path("//evil.example/"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }
}
