//! The HTTP handlers of mediation.

pub mod employers;
pub mod matching;
pub mod offers;
pub mod open_data;
pub mod saved_searches;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(employers::register_employer))
        .routes(routes!(employers::get_my_employer))
        .routes(routes!(employers::list_my_vacancies))
        .routes(routes!(
            employers::add_employer_member,
            employers::list_employer_members
        ))
        .routes(routes!(employers::remove_employer_member))
        .routes(routes!(employers::list_my_employer_invitations))
        .routes(routes!(employers::accept_employer_invitation))
        .routes(routes!(employers::decline_employer_invitation))
        .routes(routes!(
            employers::create_layoff_notice,
            employers::list_layoff_notices
        ))
        .routes(routes!(
            employers::create_vacancy,
            employers::search_vacancies
        ))
        .routes(routes!(employers::count_vacancy_facets))
        .routes(routes!(employers::get_vacancy, employers::update_vacancy))
        .routes(routes!(open_data::list_open_data_vacancies))
        .routes(routes!(open_data::export_open_data_vacancies))
        .routes(routes!(employers::close_vacancy))
        .routes(routes!(offers::list_vacancy_candidates))
        .routes(routes!(offers::respond_to_vacancy))
        .routes(routes!(matching::search_resumes))
        .routes(routes!(offers::decide_on_candidate))
        .routes(routes!(offers::schedule_interview))
        .routes(routes!(offers::record_no_show))
        .routes(routes!(matching::upsert_my_resume, matching::get_my_resume))
        .routes(routes!(matching::list_my_vacancy_matches))
        .routes(routes!(
            saved_searches::create_saved_search,
            saved_searches::list_my_saved_searches
        ))
        .routes(routes!(saved_searches::delete_saved_search))
        .routes(routes!(offers::list_my_offers))
        .routes(routes!(offers::respond_to_offer))
        .routes(routes!(offers::decline_interview))
}

/// The operations of this context in the AIS "Labor Market" (staff, the egov intake, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(matching::list_vacancy_matches))
        .routes(routes!(offers::create_offer))
        .routes(routes!(offers::answer_offer_through_assistant))
        .routes(routes!(offers::excuse_no_show))
}
