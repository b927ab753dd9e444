//! The pages of active measures: the employer's subsidised-job applications, their participants
//! and monthly attendance (206 p.31.3); the citizen's referrals to active measures in the
//! cabinet and the employer's and the education organisation's referrals with their tear-off
//! notices (Order 129); and for staff the
//! places and referrals of a career center or of a region, the desk's application and each
//! referral's tear-off notice and end.

pub mod cabinet;
pub mod referrals;
pub mod staff_desk;
pub mod staff_measures;
pub mod staff_referral;
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
        .route("/education/referrals", get(referrals::school_list))
        .route(
            "/education/referrals/{id}/tear-off",
            post(referrals::school_tear_off),
        )
        .route("/education/referrals/{id}/end", post(referrals::school_end))
}

/// The routes of the staff's pages of referrals (Order 129): served where the AIS operations are
/// (on the staff listener when there is one), as the workspace is.
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/workspace/measures", get(staff_measures::overview))
        .route("/workspace/measures/places", post(staff_measures::publish))
        .route(
            "/workspace/measures/desk",
            get(staff_desk::form).post(staff_desk::apply),
        )
        .route("/workspace/measures/{id}", get(staff_referral::page))
        .route(
            "/workspace/measures/{id}/commission",
            post(staff_referral::commission),
        )
        .route(
            "/workspace/measures/{id}/tear-off",
            post(staff_referral::tear_off),
        )
        .route("/workspace/measures/{id}/end", post(staff_referral::end))
}
