//! Registration as unemployed and what follows it (214 ch.3, 214 p.51–52): the
//! 214 App.9 information on request, and deregistration on the grounds of 214 p.51.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::registration::unemployment::Deregistration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::http::extract::Json;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::registration::error::{Error, Result};
use crate::registration::http::registration::RegistrationView;
use crate::registration::service::registration::Shown;
use crate::registration::service::unemployment as service;

/// The information on registration as unemployed (214 p.45, 214 App.9).
#[derive(Serialize, ToSchema)]
pub struct UnemployedInfo {
    /// Whether the person is registered as unemployed on the day of issue.
    pub registered: bool,
    pub issued_on: NaiveDate,
    /// The last day it is valid: 30 calendar days after issue.
    pub valid_until: NaiveDate,
    /// The signed 214 App.9 document (`getDocument`, `verifyDocument`).
    pub document_id: String,
    /// Its number (`9-<year>-<sequence>`).
    pub number: String,
    pub unemployed_since: Option<NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/me/unemployed-info", operation_id = "requestUnemployedInfo", tag = "unemployment",
    security(("bearer" = [])),
    responses((status = 201, body = UnemployedInfo, description = "issued, whether registered or not"), (status = 401), (status = 403, description = "identity_not_proven")))]
pub async fn request_unemployed_info(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<impl IntoResponse> {
    let info = unemployed_info_of(&state, &caller).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(UnemployedInfo {
            registered: info.registered,
            issued_on: info.issued_on,
            valid_until: info.valid_until,
            document_id: info.document_id,
            number: info.number,
            unemployed_since: info.unemployed_since,
        }),
    ))
}

/// The 214 App.9 information a citizen asks for, from the API or the cabinet's page: for the
/// proven IIN only.
pub async fn unemployed_info_of(
    state: &AppState,
    caller: &Caller,
) -> Result<service::UnemployedInfo> {
    caller.require(&[Role::Citizen])?;
    let iin = caller.proven_iin()?;
    service::unemployed_info(state, &caller.account_id, iin).await
}

#[derive(Deserialize, ToSchema)]
pub struct DeregistrationRequest {
    pub registration_id: String,
    /// A ground of 214 p.51: contributions_received, refused_three_offers, late_offer_answer,
    /// no_show, quit_active_measure, schedule_violated, imprisoned, circumstances_not_reported,
    /// false_documents. (A pension is no ground; `pension_granted` only appears on registrations
    /// ended by it before.)
    pub ground_code: String,
}

#[utoipa::path(post, path = "/api/v1/deregistrations", operation_id = "deregisterPerson", tag = "unemployment",
    request_body = DeregistrationRequest, security(("bearer" = [])),
    responses((status = 200, body = RegistrationView), (status = 403, description = "forbidden, out_of_scope"), (status = 404),
        (status = 409, description = "invalid_state: the person is not unemployed"), (status = 422, description = "invalid_value: unknown ground")))]
pub async fn deregister_person(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<DeregistrationRequest>,
) -> Result<axum::Json<RegistrationView>> {
    Ok(axum::Json(
        deregister_on(&state, &caller, &body.registration_id, &body.ground_code)
            .await?
            .into(),
    ))
}

/// Casework staff deregister a person on a ground of 214 p.51, from the API or the workspace's
/// page: the same checks, then the use case.
pub async fn deregister_on(
    state: &AppState,
    caller: &Caller,
    registration_id: &str,
    ground_code: &str,
) -> Result<Shown> {
    // deregisterPerson: an officer of the person's region or a specialist of the person's center.
    caller.require(&CASEWORK)?;
    let ground = Deregistration::parse_ground(ground_code).ok_or_else(|| {
        Error::new(Common::InvalidValue).detail("ground_code is not a ground of 214 p.51")
    })?;
    service::deregister_by(state, caller, registration_id, ground).await
}
