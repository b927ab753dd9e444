//! The pages of reference data on the portal: the mobility and career centers of each region
//! (206 p.10).

pub mod admin;
pub mod centers;

use axum::routing::get;
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new().route("/centers", get(centers::centers))
}

/// The routes of this context's pages for staff: the administrator's imports, calendar and
/// parameters, served where the AIS operations are.
pub fn staff() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/imports",
            get(admin::imports_list).post(admin::start_import),
        )
        .route("/admin/imports/{id}", get(admin::import))
        .route(
            "/admin/calendar",
            get(admin::calendar).post(admin::save_day),
        )
        .route(
            "/admin/parameters",
            get(admin::parameters).post(admin::add_edition),
        )
}
