//! The pages of active measures: the employer's subsidised-job applications, their participants
//! and monthly attendance (206 p.31.3).

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
}
