//! The API: it assembles the contexts' routes, the OpenAPI document and the edge middleware.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::HeaderName;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::platform::http::error::ApiError;
use crate::platform::http::{edge, lang};
use crate::platform::ops;
use crate::platform::state::{AppState, Settings};
use crate::web;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Electronic Labor Exchange and AIS \"Labor Market\" API",
        description = "The public employment services platform of Kazakhstan (enbek.kz and the career centers' back office). Errors are application/problem+json with a stable `code`; titles follow Accept-Language (kk, ru, en).",
        version = "1"
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "accounts", description = "Accounts and sessions (206 p.17-19)"),
        (name = "registration", description = "Registration as a job seeker (214 ch.2)"),
        (name = "unemployment", description = "Registration as unemployed, the 214 App.9 information, deregistration (214 ch.3, 214 p.51-52)"),
        (name = "employers", description = "Employers and vacancies (214 ch.5 par.2)"),
        (name = "matching", description = "Resumes and suitable-work matches (214 p.2.10, 214 p.69-70)"),
        (name = "plans", description = "Individual employment plans, reported changes, work queues (214 p.61-65)"),
        (name = "documents", description = "Signed documents: the PDF, the citizen's list, public verification (214 App.3-App.6, App.9, App.10)"),
        (name = "cards", description = "Individual employment cards (214 p.2.6, 214 p.10)"),
        (name = "reference", description = "Reference data, calendar, dated parameters"),
        (name = "operations", description = "Health, monitoring (214 p.22), audit"),
        (name = "development", description = "Development mode only (--dev)")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Which operations a listener serves (206 p.28: the AIS is not reachable from the internet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// Everything, on one listener (the default).
    All,
    /// The portal only: the public listener when a staff listener is configured.
    Portal,
}

/// The portal: accounts, reference data, a citizen's own registration, card and notices, the
/// employer's cabinet, vacancies and resumes.
fn portal_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(ops::portal())
        .merge(crate::accounts::http::portal())
        .merge(crate::reference::http::portal())
        .merge(crate::registration::http::portal())
        .merge(crate::documents::http::portal())
        .merge(crate::mediation::http::portal())
        .merge(crate::measures::http::portal())
}

/// The AIS "Labor Market" and administration: staff, the egov intake, and development mode.
fn staff_api(dev: bool) -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::new()
        .merge(ops::staff())
        .merge(crate::accounts::http::staff())
        .merge(crate::reference::http::staff())
        .merge(crate::registration::http::staff())
        .merge(crate::mediation::http::staff())
        .merge(crate::reporting::http::staff())
        .merge(crate::documents::http::staff());
    if dev {
        router.merge(crate::exchange::dev())
    } else {
        router
    }
}

/// Imports carry whole classifier files: staff operations with a larger body limit.
fn imports_api() -> OpenApiRouter<AppState> {
    crate::reference::http::imports()
}

/// The largest body of an import.
const IMPORT_MAX_BYTES: usize = 32 * 1024 * 1024;

/// The largest document sent to be verified (a PDF and its signature).
const DOCUMENT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// The operations of a surface, each with its body rules (the limit of its body and the time it
/// has to arrive, checked before the handler runs: see `edge::read_body`).
fn api(surface: Surface, settings: &Settings) -> OpenApiRouter<AppState> {
    let ordinary = match surface {
        Surface::All => portal_api().merge(staff_api(settings.dev)),
        Surface::Portal => portal_api(),
    };
    let ordinary = with_body_rules(ordinary, settings.max_body_bytes, settings.body_timeout).merge(
        with_body_rules(
            crate::documents::http::uploads(),
            DOCUMENT_MAX_BYTES,
            settings.body_timeout,
        ),
    );
    match surface {
        Surface::All => ordinary.merge(with_body_rules(
            imports_api(),
            IMPORT_MAX_BYTES,
            settings.body_timeout,
        )),
        Surface::Portal => ordinary,
    }
}

fn with_body_rules(
    router: OpenApiRouter<AppState>,
    max_bytes: usize,
    timeout: std::time::Duration,
) -> OpenApiRouter<AppState> {
    router
        .layer(DefaultBodyLimit::max(max_bytes))
        .layer(middleware::from_fn_with_state(
            edge::BodyRules { max_bytes, timeout },
            edge::read_body,
        ))
}

pub fn app(state: AppState, surface: Surface) -> Router {
    let (router, openapi) = api(surface, &state.settings).split_for_parts();
    let openapi_json = openapi
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    let mut router = router.route(
        "/api/v1/openapi.json",
        get(move || async move { ([("content-type", "application/json")], openapi_json) }),
    );
    // Metrics are for operators: on the staff listener when there is one.
    if surface == Surface::All {
        router = router.route("/metrics", get(ops::metrics));
    }
    router
        .merge(pages(state.clone(), surface))
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async {
            ApiError::not_found().detail("method not allowed on this path")
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            count_requests,
        ))
        .layer(middleware::from_fn(lang::scope_language))
        .layer(middleware::from_fn(edge::access_log))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // Only the route template: paths and queries may carry personal data.
            tracing::info_span!(
                "http",
                method = %req.method(),
                route = %edge::route(req),
                request_id = %edge::request_id(req.headers()),
            )
        }))
        // Outermost last: a usable request id is kept or made, and echoed in the response.
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static(
            edge::REQUEST_ID,
        )))
        .layer(SetRequestIdLayer::new(
            HeaderName::from_static(edge::REQUEST_ID),
            MakeRequestUuid,
        ))
        .layer(middleware::from_fn(edge::sanitize_request_id))
        .layer(middleware::from_fn(edge::security_headers))
        .with_state(state)
}

/// The pages for people: each context's, under the web frame's layer, with the same body rules
/// as the API's ordinary operations — but the upload of a document to verify, which has the
/// documents' limit. The staff's pages stand where the AIS operations do.
fn pages(state: AppState, surface: Surface) -> Router<AppState> {
    let settings = &state.settings;
    let rules = edge::BodyRules {
        max_bytes: settings.max_body_bytes,
        timeout: settings.body_timeout,
    };
    let mut pages = Router::new()
        .merge(crate::accounts::pages::routes())
        .merge(crate::registration::pages::routes())
        .merge(crate::documents::pages::routes())
        .merge(crate::reference::pages::routes())
        .merge(crate::mediation::pages::routes())
        .merge(crate::measures::pages::routes());
    if surface == Surface::All {
        pages = pages.merge(crate::registration::pages::staff());
        pages = pages.merge(crate::documents::pages::staff());
        pages = pages.merge(crate::mediation::pages::staff());
        pages = pages.merge(crate::reporting::pages::staff());
        pages = pages.merge(crate::accounts::pages::staff());
        pages = pages.merge(crate::reference::pages::staff());
        pages = pages.merge(crate::measures::pages::staff());
    }
    web::layer(pages, state.clone())
        .layer(DefaultBodyLimit::max(rules.max_bytes))
        .layer(middleware::from_fn_with_state(rules, edge::read_body))
        .merge(crate::documents::pages::uploads(&state, DOCUMENT_MAX_BYTES))
}

async fn count_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let response = next.run(request).await;
    state.metrics.http(&method, response.status().as_u16());
    response
}

#[cfg(test)]
mod tests {
    use crate::platform::problem::{CodeInfo, Common, ProblemCode};

    /// Every problem code of the service: the platform's and each context's.
    fn every_code() -> Vec<&'static CodeInfo> {
        let mut all: Vec<&'static CodeInfo> = Common::ALL.iter().map(|c| c.info()).collect();
        all.extend(crate::accounts::error::Code::ALL.iter().map(|c| c.info()));
        all.extend(crate::reference::error::Code::ALL.iter().map(|c| c.info()));
        all.extend(
            crate::registration::error::Code::ALL
                .iter()
                .map(|c| c.info()),
        );
        all.extend(crate::mediation::error::Code::ALL.iter().map(|c| c.info()));
        all.extend(crate::measures::error::Code::ALL.iter().map(|c| c.info()));
        all.extend(crate::reporting::error::Code::ALL.iter().map(|c| c.info()));
        all.extend(crate::documents::error::Code::ALL.iter().map(|c| c.info()));
        all
    }

    #[test]
    fn every_code_is_unique_and_has_three_titles() {
        let all = every_code();
        for (i, info) in all.iter().enumerate() {
            assert!(
                all[i + 1..].iter().all(|other| other.name != info.name),
                "{} twice",
                info.name
            );
            assert!(!info.kk.is_empty() && !info.ru.is_empty() && !info.en.is_empty());
            assert!((400..=599).contains(&info.status), "{}", info.name);
        }
    }
}
