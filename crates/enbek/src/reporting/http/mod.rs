//! The HTTP handlers of reporting.

pub mod statistics;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context in the AIS "Labor Market" (the mobility centers, the
/// ministry, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(statistics::get_labor_market_statistics))
}
