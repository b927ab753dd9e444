//! The pages of mediation on the portal: the home page with its search, the vacancy search
//! with its filters, order and pages, a vacancy's page, and the published resumes for
//! employers.

pub mod resumes;
pub mod vacancies;

use axum::routing::get;
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(vacancies::home))
        .route("/vacancies", get(vacancies::search))
        .route("/vacancies/{id}", get(vacancies::vacancy))
        .route("/resumes", get(resumes::search))
}
