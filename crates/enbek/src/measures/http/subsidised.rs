//! Subsidised-job applications, participants and attendance (206 p.31.3).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use enbek_domain::{bounds, text};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::measures::error::Result;
use crate::measures::service::subsidised::{
    self as service, NewApplication, SubsidisedApplication, SubsidisedAttendance,
    SubsidisedParticipant, READERS,
};
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct ApplicationRequest {
    /// `public_works`, `social_job`, `youth_practice`, `first_job`, `generation_contract` or
    /// `silver_age`.
    pub measure: String,
    /// Number of subsidised places, 1 to 10 000.
    pub places: u32,
    /// A code of the occupations classifier.
    pub occupation_code: String,
    /// Monthly pay of a place in tenge, 1 to 100 000 000.
    pub monthly_pay: u64,
    pub starts_on: NaiveDate,
    /// After `starts_on`.
    pub ends_on: NaiveDate,
    pub contact_person: String,
    /// A +7 phone number.
    pub contact_phone: String,
    /// The 9-digit territory code of the jobs' locality; its region's staff see the application.
    pub locality_code: String,
}

/// An application as submitted (the API's body, the cabinet's form), its texts and numbers
/// checked.
pub(crate) fn new_application(body: ApplicationRequest) -> Result<NewApplication> {
    Ok(NewApplication {
        measure: body.measure,
        places: input::bounded("places", body.places, bounds::PLACES)?,
        occupation_code: body.occupation_code,
        monthly_pay: input::bounded("monthly_pay", body.monthly_pay, bounds::MONTHLY_PAY)?,
        starts_on: body.starts_on,
        ends_on: body.ends_on,
        contact_person: input::text("contact_person", &body.contact_person, text::FULL_NAME)?,
        contact_phone: body.contact_phone,
        locality_code: body.locality_code,
    })
}

#[utoipa::path(post, path = "/api/v1/subsidised-job-applications", operation_id = "createSubsidisedJobApplication", tag = "employers",
    request_body = ApplicationRequest, security(("bearer" = [])),
    responses((status = 201, body = SubsidisedApplication), (status = 403),
        (status = 409, description = "employer_not_verified"),
        (status = 422, description = "invalid_value, invalid_date, invalid_phone, unknown_occupation, invalid_request, employer_not_in_registry")))]
pub async fn create_subsidised_job_application(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<ApplicationRequest>,
) -> Result<impl IntoResponse> {
    let application = service::apply(&state, &caller, new_application(body)?).await?;
    Ok((StatusCode::CREATED, axum::Json(application)))
}

#[utoipa::path(get, path = "/api/v1/subsidised-job-applications", operation_id = "listSubsidisedJobApplications", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = [SubsidisedApplication]), (status = 403)))]
pub async fn list_subsidised_job_applications(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<SubsidisedApplication>>> {
    let grant = caller.require(&READERS)?;
    Ok(axum::Json(service::applications_for(&state, grant).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ParticipantRequest {
    /// The participant's IIN, as on the labour contract.
    pub iin: String,
}

#[utoipa::path(post, path = "/api/v1/subsidised-job-applications/{id}/participants", operation_id = "addSubsidisedParticipant", tag = "employers",
    params(("id" = String, Path)), request_body = ParticipantRequest, security(("bearer" = [])),
    responses((status = 201, body = SubsidisedParticipant), (status = 403), (status = 404),
        (status = 409, description = "participant_exists"), (status = 422, description = "invalid_iin")))]
pub async fn add_subsidised_participant(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ParticipantRequest>,
) -> Result<impl IntoResponse> {
    let participant = service::add_participant_to_own(&state, &caller, &id, &body.iin).await?;
    Ok((StatusCode::CREATED, axum::Json(participant)))
}

#[utoipa::path(get, path = "/api/v1/subsidised-job-applications/{id}/participants", operation_id = "listSubsidisedParticipants", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = [SubsidisedParticipant]), (status = 403), (status = 404)))]
pub async fn list_subsidised_participants(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<SubsidisedParticipant>>> {
    Ok(axum::Json(
        service::participants_of(&state, &caller, &id).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct AttendanceRequest {
    pub participant_id: String,
    /// `YYYY-MM`: a month that has begun, within the application's period.
    pub month: String,
    /// At least 0; with `days_absent` at most the days of the month.
    pub days_worked: i64,
    #[serde(default)]
    pub days_absent: i64,
}

#[utoipa::path(post, path = "/api/v1/subsidised-job-applications/{id}/attendance", operation_id = "recordSubsidisedAttendance", tag = "employers",
    params(("id" = String, Path)), request_body = AttendanceRequest, security(("bearer" = [])),
    responses((status = 200, body = SubsidisedAttendance, description = "recorded; a month reported again is replaced"),
        (status = 403), (status = 404, description = "no such application or participant"),
        (status = 422, description = "invalid_date: not YYYY-MM, not begun, outside the period; invalid_value: day counts")))]
pub async fn record_subsidised_attendance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<AttendanceRequest>,
) -> Result<axum::Json<SubsidisedAttendance>> {
    Ok(axum::Json(
        service::record_attendance_at_own(
            &state,
            &caller,
            &id,
            &body.participant_id,
            &body.month,
            body.days_worked,
            body.days_absent,
        )
        .await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AttendanceQuery {
    /// One month only, `YYYY-MM`.
    pub month: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/subsidised-job-applications/{id}/attendance", operation_id = "listSubsidisedAttendance", tag = "employers",
    params(("id" = String, Path), AttendanceQuery), security(("bearer" = [])),
    responses((status = 200, body = [SubsidisedAttendance]), (status = 403), (status = 404)))]
pub async fn list_subsidised_attendance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<AttendanceQuery>,
) -> Result<axum::Json<Vec<SubsidisedAttendance>>> {
    Ok(axum::Json(
        service::attendance_of(&state, &caller, &id, q.month.as_deref()).await?,
    ))
}
