//! The HTTP handlers of accounts.

pub mod accounts;
pub mod identity;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accounts::create_account))
        .routes(routes!(accounts::login))
        .routes(routes!(accounts::logout))
        .routes(routes!(accounts::me, accounts::update_me))
        .routes(routes!(identity::start_identity_proof))
        .routes(routes!(identity::complete_identity_proof))
}

/// The operations of this context in the AIS "Labor Market" (staff, the egov intake, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(
        accounts::create_staff_account,
        accounts::list_staff_accounts
    ))
}
