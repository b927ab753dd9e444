//! The job-loss social payment application from the cabinet (Social Code art.102; guide step 4).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::Caller;
use crate::platform::http::extract::Json;
use crate::platform::state::AppState;
use crate::registration::error::Result;
use crate::registration::service::jobloss::{self as service, Shown};

#[derive(Deserialize, ToSchema)]
pub struct JoblossRequest {
    /// The person's bank account in Kazakhstan: a 20-character IBAN (KZ…).
    pub iban: String,
}

/// An application and where it stands.
#[derive(Serialize, ToSchema)]
pub struct JoblossView {
    pub id: String,
    pub registration_id: String,
    /// `checking` (waiting for the registries), `not_eligible` or `sent_to_fund`.
    pub status: String,
    /// The IBAN with all but the last four characters hidden.
    pub iban: String,
    /// Every number of the formula: months with contributions in the 24 before registration
    /// and the number required, the length of participation, the average income, the cap, the
    /// replacement rate, the coefficient of participation (`stage_coefficient`) and its band
    /// (`stage_band`: `from_months`, `to_months`, null for the last band), the expected monthly
    /// amount and months of payment.
    #[schema(value_type = Option<Object>)]
    pub assessment: Option<serde_json::Value>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// When the fund confirmed receipt.
    pub delivered_to_fund_at: Option<DateTime<Utc>>,
}

impl From<Shown> for JoblossView {
    fn from(shown: Shown) -> Self {
        let a = shown.application;
        JoblossView {
            iban: service::masked_iban(&a.iban),
            id: a.id,
            registration_id: a.registration_id,
            status: a.status.as_str().to_string(),
            assessment: a.assessment,
            submitted_at: a.submitted_at,
            decided_at: a.decided_at,
            delivered_to_fund_at: shown.delivered_to_fund_at,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/me/jobloss-payment", operation_id = "applyJoblossPayment", tag = "unemployment",
    request_body = JoblossRequest, security(("bearer" = [])),
    responses((status = 201, body = JoblossView), (status = 403, description = "identity_not_proven"), (status = 404, description = "no_registration"),
        (status = 409, description = "invalid_state (not unemployed), jobloss_application_exists"), (status = 422, description = "invalid_iban")))]
pub async fn apply_jobloss_payment(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<JoblossRequest>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::Citizen])?;
    caller.proven_iin()?;
    let application = service::apply(&state, &caller.account_id, &body.iban).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(JoblossView::from(application)),
    ))
}

#[utoipa::path(get, path = "/api/v1/me/jobloss-payment", operation_id = "getMyJoblossPayment", tag = "unemployment",
    security(("bearer" = [])), responses((status = 200, body = JoblossView), (status = 404)))]
pub async fn get_my_jobloss_payment(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<JoblossView>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::mine(&state, &caller.account_id).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct IbanChange {
    /// The new bank account: a 20-character IBAN (KZ…).
    pub iban: String,
    /// An identity proof of the account's own IIN, completed within the last 10 minutes and not
    /// used before (startIdentityProof, completeIdentityProof).
    pub proof_id: String,
}

#[utoipa::path(put, path = "/api/v1/me/jobloss-payment/iban", operation_id = "changeJoblossIban", tag = "unemployment",
    request_body = IbanChange, security(("bearer" = [])),
    responses((status = 200, body = JoblossView, description = "changed; the person is told on every channel, and the fund once the application is with it"),
        (status = 403, description = "identity_not_proven, confirmation_required (no fresh, unused proof of the account's IIN)"),
        (status = 404, description = "no application"), (status = 409, description = "invalid_state (not eligible)"), (status = 422, description = "invalid_iban")))]
pub async fn change_jobloss_iban(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<IbanChange>,
) -> Result<axum::Json<JoblossView>> {
    caller.require(&[Role::Citizen])?;
    let iin = caller.proven_iin()?;
    let application =
        service::change_iban(&state, &caller.account_id, iin, &body.iban, &body.proof_id).await?;
    Ok(axum::Json(application.into()))
}
