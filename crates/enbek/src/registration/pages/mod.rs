//! The pages of registration: the career center's workspace (the AIS side: the work queue,
//! finding a person by IIN, the employment card).

pub mod workspace;

use axum::routing::{get, post};
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages for staff: served where the AIS operations are (on the
/// staff listener when there is one, 206 p.28).
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/workspace", get(workspace::queue))
        .route("/workspace/find", post(workspace::find))
        .route(
            "/workspace/registrations/{id}",
            get(workspace::registration_card),
        )
}
