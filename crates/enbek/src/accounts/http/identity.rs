//! Identity proofing from the cabinet: prove an IIN by a one-time SMS code or an electronic
//! signature before the account acts for it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::ids::Iin;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::error::{Error, Result};
use crate::accounts::service::identity::{self as service, Answer};
use crate::platform::auth::Caller;
use crate::platform::http::extract::Json;
use crate::platform::http::lang::Lang;
use crate::platform::problem::Common;
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct StartProof {
    pub iin: String,
    /// `sms` (a one-time code to the phone the mobile-citizens registry links to the IIN) or
    /// `signature` (a challenge to sign with the person's certificate).
    pub method: String,
    /// What the proof is to confirm, e.g. `plan:<id>` (the person's own employment plan, to sign
    /// it with `signMyPlan`, 214 p.62): the proof is then spent on that only, and the challenge
    /// of a signature is a text naming the purpose and the SHA-256 of the plan's content.
    #[serde(default)]
    pub purpose: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProofStarted {
    pub proof_id: String,
    /// The proof takes answers until this instant (10 minutes; at most 5 answers).
    pub expires_at: DateTime<Utc>,
    /// For `signature`: base64 bytes to sign (CMS SignedData, attached or detached).
    pub challenge: Option<String>,
    /// For `sms`: the number the code went to, all but its last four digits hidden.
    pub phone_masked: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/identity-proofs", operation_id = "startIdentityProof", tag = "accounts",
    request_body = StartProof, security(("bearer" = [])),
    responses((status = 201, body = ProofStarted), (status = 401), (status = 403),
        (status = 422, description = "invalid_iin, invalid_value (method; a purpose naming nothing of the account's), no_registered_phone"),
        (status = 429, description = "too_many_attempts: at most 5 proofs an hour"),
        (status = 503, description = "unavailable: the registry did not answer")))]
pub async fn start_identity_proof(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<StartProof>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::Citizen, Role::Employer])?;
    let iin = Iin::parse(&body.iin)?;
    let method = ProofMethod::parse(&body.method)
        .filter(|m| m.is_online())
        .ok_or_else(|| Error::new(Common::InvalidValue).detail("method is sms or signature"))?;
    let locale = Lang::parse(&caller.locale).unwrap_or(Lang::Kk);
    let started = service::start(
        &state,
        &caller.account_id,
        locale,
        &iin,
        method,
        body.purpose.as_deref(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ProofStarted {
            proof_id: started.proof_id,
            expires_at: started.expires_at,
            challenge: started.challenge,
            phone_masked: started.phone_masked,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CompleteProof {
    pub proof_id: String,
    /// The one-time code (sms).
    #[serde(default)]
    pub code: Option<String>,
    /// Base64 CMS SignedData over the challenge bytes, carrying the signer's certificate
    /// (signature).
    #[serde(default)]
    pub signature: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProofCompleted {
    pub iin: String,
    /// `sms` or `signature`.
    pub method: String,
    pub proven_at: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/identity-proofs/complete", operation_id = "completeIdentityProof", tag = "accounts",
    request_body = CompleteProof, security(("bearer" = [])),
    responses((status = 200, body = ProofCompleted), (status = 401), (status = 403), (status = 404, description = "no such proof of this account"),
        (status = 409, description = "proof_expired, proof_exhausted, proof_completed, iin_bound_to_other_account, account_iin_mismatch"),
        (status = 422, description = "wrong_code, signature_invalid, signer_mismatch, certificate_untrusted, certificate_expired, certificate_revoked (each with attempts_left)"),
        (status = 503, description = "revocation_unknown, unavailable")))]
pub async fn complete_identity_proof(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<CompleteProof>,
) -> Result<axum::Json<ProofCompleted>> {
    caller.require(&[Role::Citizen, Role::Employer])?;
    let answer = match (body.code, body.signature) {
        (Some(code), None) => Answer::Code(code),
        (None, Some(signature)) => Answer::Signature(signature),
        _ => return Err(Error::new(Common::InvalidRequest).detail("give either code or signature")),
    };
    let proven = service::complete(&state, &caller.account_id, &body.proof_id, answer).await?;
    Ok(axum::Json(ProofCompleted {
        iin: proven.iin,
        method: proven.method.as_str().to_string(),
        proven_at: proven.proven_at,
    }))
}
