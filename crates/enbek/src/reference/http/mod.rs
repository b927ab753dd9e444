//! The HTTP handlers of reference data.

pub mod reference;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reference::list_organizations))
        .routes(routes!(reference::list_occupations))
        .routes(routes!(reference::list_classifier))
        .routes(routes!(reference::get_calendar))
        .routes(routes!(reference::list_parameters))
}

/// The operations of this context in the AIS "Labor Market" (staff, the egov intake, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(reference::add_parameter_edition))
}

/// The imports of whole classifier files (a larger body limit).
pub fn imports() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reference::import_organizations))
        .routes(routes!(reference::import_occupations))
        .routes(routes!(reference::upsert_calendar_days))
        .routes(routes!(reference::import_localities))
}
