//! The pages of mediation on the portal: the home page with its search, the vacancy search
//! with its filters, order and pages, a vacancy's page, and the published resumes for
//! employers; the citizen's cabinet's offers, interviews and responses to vacancies, the resume
//! editor, the suitable vacancies with their reasons, and saved searches; the employer's cabinet.

pub mod cabinet;
pub mod cabinet_resume;
pub mod cabinet_searches;
pub mod employer;
pub mod resumes;
pub mod vacancies;
pub mod workspace;

use axum::routing::{get, post};
use axum::Router;

use crate::platform::state::AppState;

/// The routes of this context's pages for staff: the workspace's mediation (on the staff
/// listener when there is one, 206 p.28).
pub fn staff() -> Router<AppState> {
    Router::new()
        .route("/workspace/vacancies", get(workspace::vacancies))
        .route("/workspace/vacancies/{id}", get(workspace::vacancy))
        .route("/workspace/vacancies/{id}/offer", post(workspace::offer))
}

/// The routes of this context's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(vacancies::home))
        .route("/vacancies", get(vacancies::search))
        .route("/vacancies/{id}", get(vacancies::vacancy))
        .route("/resumes", get(resumes::search))
        .route("/vacancies/{id}/respond", post(cabinet::respond))
        .route("/cabinet/offers", get(cabinet::offers))
        .route(
            "/cabinet/resume",
            get(cabinet_resume::resume).post(cabinet_resume::save),
        )
        .route("/cabinet/matches", get(cabinet_resume::matches))
        .route(
            "/cabinet/searches",
            get(cabinet_searches::searches).post(cabinet_searches::save),
        )
        .route(
            "/cabinet/searches/{id}/delete",
            post(cabinet_searches::delete),
        )
        .route("/cabinet/offers/{id}/answer", post(cabinet::answer))
        .route(
            "/cabinet/offers/{id}/interview/decline",
            post(cabinet::decline_interview),
        )
        .route("/employer", get(employer::home).post(employer::register))
        .route(
            "/employer/colleagues",
            get(employer::colleagues).post(employer::invite),
        )
        .route(
            "/employer/colleagues/{account}/remove",
            post(employer::remove_colleague),
        )
        .route(
            "/employer/layoffs",
            get(employer::layoffs).post(employer::notify_layoff),
        )
        .route("/employer/vacancies", post(employer::post_vacancy))
        .route("/employer/vacancies/new", get(employer::new_vacancy_page))
        .route("/employer/vacancies/{id}", get(employer::vacancy))
        .route(
            "/employer/vacancies/{id}/edit",
            get(employer::edit_vacancy_page).post(employer::edit_vacancy),
        )
        .route("/employer/vacancies/{id}/close", post(employer::close))
        .route(
            "/employer/vacancies/{id}/candidates/{candidate}/decision",
            post(employer::decide),
        )
        .route(
            "/employer/vacancies/{id}/candidates/{candidate}/interview",
            post(employer::interview),
        )
        .route(
            "/employer/vacancies/{id}/candidates/{candidate}/no-show",
            post(employer::no_show),
        )
}
