//! The HTTP handlers of active measures.

pub mod subsidised;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
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
}
