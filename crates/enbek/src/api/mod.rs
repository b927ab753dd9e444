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
use utoipa_axum::routes;

use crate::accounts::http::{accounts, identity};
use crate::exchange::{certificates, dev};
use crate::measures::http::subsidised;
use crate::mediation::http::{employers, matching, offers, open_data, saved_searches};
use crate::platform::http::error::ApiError;
use crate::platform::http::{edge, lang};
use crate::platform::ops;
use crate::platform::state::{AppState, Settings};
use crate::reference::http::reference;
use crate::registration::http::{cards, jobloss, plans, registration, unemployment};
use crate::web as ui;

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

/// The portal: accounts, reference data, a citizen's own registration, card and notices.
fn portal_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(ops::health))
        .routes(routes!(accounts::create_account))
        .routes(routes!(accounts::login))
        .routes(routes!(accounts::logout))
        .routes(routes!(accounts::me))
        .routes(routes!(identity::start_identity_proof))
        .routes(routes!(identity::complete_identity_proof))
        .routes(routes!(reference::list_organizations))
        .routes(routes!(reference::list_occupations))
        .routes(routes!(reference::list_classifier))
        .routes(routes!(reference::get_calendar))
        .routes(routes!(reference::list_parameters))
        .routes(routes!(registration::apply_job_seeker))
        .routes(routes!(registration::get_my_registration))
        .routes(routes!(registration::close_my_registration))
        .routes(routes!(registration::list_my_notifications))
        .routes(routes!(cards::get_my_card))
        .routes(routes!(unemployment::request_unemployed_info))
        .routes(routes!(
            jobloss::apply_jobloss_payment,
            jobloss::get_my_jobloss_payment
        ))
        .routes(routes!(jobloss::change_jobloss_iban))
        .routes(routes!(employers::register_employer))
        .routes(routes!(employers::get_my_employer))
        .routes(routes!(employers::add_employer_member))
        .routes(routes!(employers::list_my_employer_invitations))
        .routes(routes!(employers::accept_employer_invitation))
        .routes(routes!(employers::decline_employer_invitation))
        .routes(routes!(
            employers::create_layoff_notice,
            employers::list_layoff_notices
        ))
        .routes(routes!(
            subsidised::create_subsidised_job_application,
            subsidised::list_subsidised_job_applications
        ))
        .routes(routes!(
            subsidised::add_subsidised_participant,
            subsidised::list_subsidised_participants
        ))
        .routes(routes!(
            subsidised::record_subsidised_attendance,
            subsidised::list_subsidised_attendance
        ))
        .routes(routes!(
            employers::create_vacancy,
            employers::search_vacancies
        ))
        .routes(routes!(employers::get_vacancy))
        .routes(routes!(open_data::list_open_data_vacancies))
        .routes(routes!(employers::close_vacancy))
        .routes(routes!(offers::list_vacancy_candidates))
        .routes(routes!(offers::respond_to_vacancy))
        .routes(routes!(matching::search_resumes))
        .routes(routes!(offers::decide_on_candidate))
        .routes(routes!(offers::schedule_interview))
        .routes(routes!(offers::record_no_show))
        .routes(routes!(matching::upsert_my_resume, matching::get_my_resume))
        .routes(routes!(matching::list_my_vacancy_matches))
        .routes(routes!(
            saved_searches::create_saved_search,
            saved_searches::list_my_saved_searches
        ))
        .routes(routes!(saved_searches::delete_saved_search))
        .routes(routes!(offers::list_my_offers))
        .routes(routes!(offers::respond_to_offer))
        .routes(routes!(offers::decline_interview))
        .routes(routes!(plans::get_my_plan))
        .routes(routes!(plans::sign_my_plan))
        .routes(routes!(plans::report_circumstance))
}

/// The AIS "Labor Market" and administration: staff, the egov intake, and development mode.
fn staff_api(dev: bool) -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::new()
        .routes(routes!(accounts::create_staff_account))
        .routes(routes!(reference::add_parameter_edition))
        .routes(routes!(
            registration::register_in_person,
            registration::list_center_registrations
        ))
        .routes(routes!(registration::forward_by_assistant))
        .routes(routes!(registration::receive_from_egov))
        .routes(routes!(registration::review))
        .routes(routes!(registration::get_registration))
        .routes(routes!(unemployment::deregister_person))
        .routes(routes!(matching::list_vacancy_matches))
        .routes(routes!(offers::create_offer))
        .routes(routes!(offers::excuse_no_show))
        .routes(routes!(plans::suggest_plan_actions))
        .routes(routes!(
            plans::create_employment_plan,
            plans::get_employment_plan
        ))
        .routes(routes!(plans::record_plan_item))
        .routes(routes!(plans::acknowledge_circumstance))
        .routes(routes!(plans::get_work_queue))
        .routes(routes!(cards::get_person_card))
        .routes(routes!(cards::find_person_card))
        .routes(routes!(ops::service_monitoring))
        .routes(routes!(ops::list_audit));
    if !dev {
        return router;
    }
    router
        .routes(routes!(dev::set_clock, dev::get_clock))
        .routes(routes!(dev::run_due_jobs))
        .routes(routes!(dev::upsert_registry_person))
        .routes(routes!(dev::upsert_registry_business))
        .routes(routes!(dev::set_registry_availability))
        .routes(routes!(dev::list_outbox))
        .routes(routes!(dev::list_outbound))
        .routes(routes!(certificates::issue_test_certificate))
        .routes(routes!(certificates::revoke_test_certificate))
}

/// Imports carry whole classifier files: staff operations with a larger body limit.
fn imports_api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reference::import_organizations))
        .routes(routes!(reference::import_occupations))
        .routes(routes!(reference::upsert_calendar_days))
}

/// The largest body of an import.
const IMPORT_MAX_BYTES: usize = 32 * 1024 * 1024;

/// The operations of a surface, each with its body rules (the limit of its body and the time it
/// has to arrive, checked before the handler runs: see `edge::read_body`).
fn api(surface: Surface, settings: &Settings) -> OpenApiRouter<AppState> {
    let ordinary = match surface {
        Surface::All => portal_api().merge(staff_api(settings.dev)),
        Surface::Portal => portal_api(),
    };
    let ordinary = with_body_rules(ordinary, settings.max_body_bytes, settings.body_timeout);
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
        .merge(ui::routes())
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
