//! The pages of registration. In the citizen's cabinet: the cabinet's home (the status timeline,
//! the next deadline and the notices), the application to register as a job seeker with its
//! consents, the job-loss payment application, the 214 App.9 information and closing the
//! registration with a reason, the employment plan to read and sign, and reporting a change. For
//! staff: the career center's workspace (the work queue, finding a person by IIN, the employment
//! card, the center's registrations a page at a time).

pub mod application;
pub mod assistant;
pub mod cabinet;
pub mod case;
pub mod deregister;
pub mod desk;
pub mod payment;
pub mod plan;
pub mod plan_editor;
pub mod registrations;
pub mod review;
pub mod workspace;

use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use enbek_domain::reference::office_hours::local_date;

use crate::platform::state::AppState;
use crate::web::Tr;

/// The routes of this context's pages for staff: served where the AIS operations are (on the
/// staff listener when there is one, 206 p.28).
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/workspace", get(workspace::queue))
        .route("/workspace/find", post(workspace::find))
        .route("/workspace/registrations", get(registrations::list))
        .route(
            "/workspace/registrations/{id}",
            get(workspace::registration_card),
        )
        .route("/workspace/desk", get(desk::form).post(desk::register))
        .route("/workspace/registrations/{id}/notice", get(desk::notice))
        .route("/workspace/registrations/{id}/review", post(review::decide))
        .route(
            "/workspace/registrations/{id}/deregister",
            get(deregister::form).post(deregister::deregister),
        )
        .route("/assistant", get(assistant::desk).post(assistant::forward))
        .route(
            "/workspace/registrations/{id}/plan",
            get(plan_editor::page).post(plan_editor::create),
        )
        .route(
            "/workspace/plan-items/{id}/record",
            post(plan_editor::record),
        )
        .route(
            "/workspace/circumstances/{id}/acknowledge",
            post(plan_editor::acknowledge),
        )
}

/// The routes of this context's pages in the citizen's cabinet.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cabinet", get(cabinet::home))
        .route(
            "/cabinet/application",
            get(application::form).post(application::apply),
        )
        .route("/cabinet/payment", get(payment::page).post(payment::apply))
        .route("/cabinet/plan", get(plan::page))
        .route("/cabinet/plan/sign", post(plan::sign))
        .route("/cabinet/plan/confirm", post(plan::confirm))
        .route("/cabinet/plan/report", post(plan::report))
        .route("/cabinet/registration", get(case::page))
        .route("/cabinet/registration/info", post(case::info))
        .route("/cabinet/registration/close", post(case::close))
}

/// Where a visitor who is not signed in is sent.
pub(crate) fn to_sign_in() -> Response {
    Redirect::to("/sign-in").into_response()
}

/// The last day of a term that ends at `at`: a term ending at midnight is the day before's.
pub(crate) fn last_day(tr: &Tr, at: DateTime<Utc>) -> String {
    tr.date(local_date(at - Duration::seconds(1)))
}
