//! The pages of reporting, for staff: the dashboards of the mobility center and the ministry
//! (the statistics by month as tables and charts, with a CSV export), the region's layoff notices
//! and subsidised-job applications.

pub mod chart;
pub mod dashboards;

use axum::routing::get;
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages for staff: served where the AIS operations are (on the
/// staff listener when there is one, 206 p.28).
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/dashboards", get(dashboards::dashboard))
        .route("/dashboards/statistics.csv", get(dashboards::csv))
        .route("/dashboards/layoffs", get(dashboards::layoffs))
        .route("/dashboards/subsidised", get(dashboards::subsidised))
}
