//! Development mode: test certificates from the local development CA, to sign identity-proof
//! challenges without the national CA, and their revocation to rehearse a revoked certificate.
//! Only an administrator may call these; they exist only with `--dev`.

use axum::extract::State;
use chrono::{DateTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::ids::{Bin, Iin};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::Caller;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::http::extract::{Json, Path};
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct TestCertificateRequest {
    /// The person's IIN: the certificate's subject carries `SERIALNUMBER=IIN…`.
    pub iin: String,
    /// An organisation's BIN: the certificate is then an organisation's (`OU=BIN…`).
    pub bin: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TestCertificate {
    pub certificate_pem: String,
    /// The certificate's private key, PKCS#8 PEM (development only).
    pub private_key_pem: String,
    /// The certificate's serial number (hex), to revoke it.
    pub serial: String,
    pub not_after: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/dev/certificates", operation_id = "issueTestCertificate", tag = "development",
    request_body = TestCertificateRequest, security(("bearer" = [])),
    responses((status = 200, body = TestCertificate), (status = 403), (status = 422, description = "invalid_iin, invalid_bin")))]
pub async fn issue_test_certificate(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<TestCertificateRequest>,
) -> ApiResult<axum::Json<TestCertificate>> {
    caller.require(&[Role::Administrator])?;
    let ca = state.dev_ca().ok_or_else(ApiError::not_found)?;
    let iin = Iin::parse(&body.iin)?;
    let bin = body.bin.as_deref().map(Bin::parse).transpose()?;
    let issued = ca
        .issue(&iin, bin.as_ref(), state.clock.now(), &caller.account_id)
        .await?;
    Ok(axum::Json(TestCertificate {
        certificate_pem: issued.certificate_pem,
        private_key_pem: issued.private_key_pem,
        serial: issued.serial,
        not_after: issued.not_after,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct RevokedCertificate {
    pub serial: String,
    pub revoked_at: DateTime<Utc>,
}

#[utoipa::path(post, path = "/api/v1/dev/certificates/{serial}/revoke", operation_id = "revokeTestCertificate", tag = "development",
    params(("serial" = String, Path, description = "Serial number (hex) of a certificate the development CA issued")),
    security(("bearer" = [])),
    responses((status = 200, body = RevokedCertificate), (status = 403), (status = 404)))]
pub async fn revoke_test_certificate(
    State(state): State<AppState>,
    caller: Caller,
    Path(serial): Path<String>,
) -> ApiResult<axum::Json<RevokedCertificate>> {
    caller.require(&[Role::Administrator])?;
    let ca = state.dev_ca().ok_or_else(ApiError::not_found)?;
    let serial = serial.to_ascii_lowercase();
    let revoked_at = ca
        .revoke(&serial, state.clock.now(), &caller.account_id)
        .await?
        .ok_or_else(|| ApiError::not_found().detail("no certificate with this serial"))?;
    Ok(axum::Json(RevokedCertificate { serial, revoked_at }))
}
