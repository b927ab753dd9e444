//! The HTTP handlers of active measures.

pub mod referrals;
pub mod subsidised;
pub mod summons;

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
        .routes(routes!(referrals::list_measure_places))
        .routes(routes!(referrals::list_my_measure_places))
        .routes(routes!(
            referrals::create_measure_place,
            referrals::list_center_measure_places
        ))
        .routes(routes!(
            referrals::apply_active_measure,
            referrals::list_my_active_measures
        ))
        .routes(routes!(referrals::receive_egov_active_measure))
        .routes(routes!(referrals::refer_in_person))
        .routes(routes!(referrals::ask_digital_document_consent))
        .routes(routes!(referrals::list_active_measure_referrals))
        .routes(routes!(referrals::get_active_measure_referral))
        .routes(routes!(referrals::return_tear_off))
        .routes(routes!(referrals::end_active_measure))
        .routes(routes!(referrals::record_commission))
        .routes(routes!(summons::summon_for_active_measure))
        .routes(routes!(summons::record_summons_answer))
}
