//! The pages of reference data on the portal: the mobility and career centers of each region
//! (206 p.10).

pub mod centers;

use axum::routing::get;
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new().route("/centers", get(centers::centers))
}
