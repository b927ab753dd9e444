//! The pages of accounts on the portal: sign up with the user agreement, sign in, sign out, the
//! language switch; proving the identity from the cabinet.

pub mod admin;
pub mod identity;
pub mod language;
pub mod sessions;

use axum::routing::{get, post};
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sign-in",
            get(sessions::sign_in_page).post(sessions::sign_in),
        )
        .route(
            "/sign-up",
            get(sessions::sign_up_page).post(sessions::sign_up),
        )
        .route("/sign-out", post(sessions::sign_out))
        .route("/terms", get(sessions::terms))
        .route("/language", post(language::switch))
        .route(
            "/cabinet/identity",
            get(identity::page).post(identity::start),
        )
        .route("/cabinet/identity/code", post(identity::complete))
}

/// The routes of this context's pages for staff: the administration's start and its staff
/// accounts, served where the AIS operations are.
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin::start))
        .route("/admin/staff", get(admin::staff))
        .route(
            "/admin/staff/new",
            get(admin::new_staff).post(admin::create_staff),
        )
}
