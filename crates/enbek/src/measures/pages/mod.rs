//! The pages of active measures: the employer's subsidised-job applications, their participants
//! and monthly attendance (206 p.31.3); the citizen's referrals to active measures in the
//! cabinet and the employer's referrals with their tear-off notices (Order 129).

pub mod cabinet;
pub mod referrals;
pub mod subsidised;

use axum::routing::{get, post};
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/employer/subsidised",
            get(subsidised::applications).post(subsidised::apply),
        )
        .route("/employer/subsidised/{id}", get(subsidised::application))
        .route(
            "/employer/subsidised/{id}/participants",
            post(subsidised::add_participant),
        )
        .route(
            "/employer/subsidised/{id}/attendance",
            post(subsidised::record_attendance),
        )
        .route("/cabinet/measures", get(cabinet::page).post(cabinet::apply))
        .route("/employer/referrals", get(referrals::list))
        .route(
            "/employer/referrals/{id}/tear-off",
            post(referrals::return_tear_off),
        )
        .route("/employer/referrals/{id}/end", post(referrals::end))
}
