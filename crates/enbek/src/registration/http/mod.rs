//! The HTTP handlers of registration.

pub mod cards;
pub mod jobloss;
pub mod plans;
pub mod registration;
pub mod unemployment;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::platform::state::AppState;

/// The operations of this context on the portal (enbek.kz).
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(registration::apply_job_seeker))
        .routes(routes!(registration::get_my_registration))
        .routes(routes!(registration::close_my_registration))
        .routes(routes!(registration::list_my_notifications))
        .routes(routes!(cards::get_my_card))
        .routes(routes!(unemployment::request_unemployed_info))
        .routes(routes!(
            jobloss::apply_jobloss_payment,
            jobloss::get_my_jobloss_payment
        ))
        .routes(routes!(jobloss::change_jobloss_iban))
        .routes(routes!(plans::get_my_plan))
        .routes(routes!(plans::sign_my_plan))
        .routes(routes!(plans::report_circumstance))
}

/// The operations of this context in the AIS "Labor Market" (staff, the egov intake, administration).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(
            registration::register_in_person,
            registration::list_center_registrations
        ))
        .routes(routes!(registration::forward_by_assistant))
        .routes(routes!(registration::list_assistant_notifications))
        .routes(routes!(registration::receive_from_egov))
        .routes(routes!(registration::review))
        .routes(routes!(registration::get_registration))
        .routes(routes!(unemployment::deregister_person))
        .routes(routes!(plans::suggest_plan_actions))
        .routes(routes!(
            plans::create_employment_plan,
            plans::get_employment_plan
        ))
        .routes(routes!(plans::record_plan_item))
        .routes(routes!(plans::acknowledge_circumstance))
        .routes(routes!(plans::get_work_queue))
        .routes(routes!(cards::get_person_card))
        .routes(routes!(cards::find_person_card))
}
