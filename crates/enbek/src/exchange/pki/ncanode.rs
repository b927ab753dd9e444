//! The national signing-service adapter: NCANode's HTTP API (v3), which verifies GOST
//! signatures (GOST 34.310-2004, GOST R 34.10-2015) with the national CA's chain and revocation.
//! `POST /cms/verify` with `{cms, data?, revocationCheck}` answers
//! `{status, message, valid, signers: [{certificates: [{valid, revocations, subject…}]}]}`.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::SignatureError;

pub struct NcaNode {
    url: String,
    client: reqwest::Client,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyRequest<'a> {
    revocation_check: [&'a str; 1],
    cms: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<String>,
}

#[derive(Deserialize)]
struct VerifyResponse {
    #[serde(default)]
    status: u16,
    #[serde(default)]
    message: String,
    #[serde(default)]
    valid: bool,
    #[serde(default)]
    signers: Vec<SignerInfo>,
}

#[derive(Deserialize)]
struct SignerInfo {
    #[serde(default)]
    certificates: Vec<CertificateInfo>,
}

#[derive(Deserialize)]
struct CertificateInfo {
    #[serde(default)]
    valid: bool,
    #[serde(default)]
    revocations: Vec<Revocation>,
}

#[derive(Deserialize)]
struct Revocation {
    revoked: bool,
}

impl NcaNode {
    /// `base_url` is the service's root (`http://ncanode:14579`).
    pub fn new(base_url: &str, timeout: Duration) -> anyhow::Result<NcaNode> {
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(NcaNode {
            url: format!("{}/cms/verify", base_url.trim_end_matches('/')),
            client,
        })
    }

    /// Asks the service whether `cms` is a valid signature by a trusted, unrevoked certificate
    /// (revocation by OCSP); `detached` is the signed content of a detached signature.
    pub async fn verify(&self, cms: &[u8], detached: Option<&[u8]>) -> Result<(), SignatureError> {
        let request = VerifyRequest {
            revocation_check: ["OCSP"],
            cms: BASE64.encode(cms),
            data: detached.map(|d| BASE64.encode(d)),
        };
        let response = self
            .client
            .post(&self.url)
            .json(&request)
            .send()
            .await
            .map_err(|e| SignatureError::Unavailable(e.without_url().to_string()))?;
        let http = response.status();
        if http.is_server_error() {
            return Err(SignatureError::Unavailable(format!("answered {http}")));
        }
        let body: VerifyResponse = response
            .json()
            .await
            .map_err(|e| SignatureError::Unavailable(format!("an unreadable answer: {e}")))?;
        if http.is_client_error() || (400..500).contains(&body.status) {
            return Err(SignatureError::Malformed(body.message));
        }
        if body.status != 200 {
            return Err(SignatureError::Unavailable(format!(
                "status {}: {}",
                body.status, body.message
            )));
        }
        verdict(&body)
    }
}

/// The service's answer as one outcome: revoked before untrusted before invalid; a valid answer
/// with no revocation check made is not accepted (fail closed).
fn verdict(body: &VerifyResponse) -> Result<(), SignatureError> {
    let certificates: Vec<&CertificateInfo> = body
        .signers
        .iter()
        .flat_map(|s| s.certificates.iter())
        .collect();
    if certificates
        .iter()
        .any(|c| c.revocations.iter().any(|r| r.revoked))
    {
        return Err(SignatureError::Revoked);
    }
    if !body.valid {
        return Err(if certificates.iter().any(|c| !c.valid) {
            SignatureError::Untrusted
        } else {
            SignatureError::Invalid
        });
    }
    let signer = body
        .signers
        .first()
        .and_then(|s| s.certificates.first())
        .ok_or_else(|| SignatureError::Malformed("the service named no signer".into()))?;
    if signer.revocations.is_empty() {
        return Err(SignatureError::RevocationUnknown(
            "the signing service checked no revocation".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The adapter against a simulator of NCANode's `/cms/verify`: it decides by a fixed table
    //! of test messages (it simulates the service, not the GOST mathematics).

    use super::*;
    use axum::routing::post;
    use serde_json::{json, Value};

    fn certificate(valid: bool, revoked: Option<bool>) -> Value {
        let revocations: Vec<Value> = revoked
            .into_iter()
            .map(|r| json!({ "revoked": r, "by": "OCSP", "revocationTime": null }))
            .collect();
        json!({
            "valid": valid, "revocations": revocations, "serialNumber": "1f2e",
            "notBefore": "2026-01-01T00:00:00.000+00:00", "notAfter": "2027-01-01T00:00:00.000+00:00",
            "subject": { "iin": "900101300017", "dn": "SERIALNUMBER=IIN900101300017" },
            "issuer": { "dn": "CN=NCA GOST (test)" }
        })
    }

    fn answer(valid: bool, cert: Value) -> Value {
        json!({ "status": 200, "message": "OK", "valid": valid, "signers": [{ "certificates": [cert] }] })
    }

    async fn verify(
        axum::Json(request): axum::Json<Value>,
    ) -> (axum::http::StatusCode, axum::Json<Value>) {
        use axum::http::StatusCode;
        let cms = request["cms"]
            .as_str()
            .and_then(|c| BASE64.decode(c).ok())
            .unwrap_or_default();
        let asked_ocsp = request["revocationCheck"] == json!(["OCSP"]);
        let data = request["data"].as_str().and_then(|d| BASE64.decode(d).ok());
        let body = match (cms.as_slice(), asked_ocsp) {
            (b"valid", true) => answer(true, certificate(true, Some(false))),
            (b"detached", true) => {
                let ok = data.as_deref() == Some(b"challenge");
                answer(ok, certificate(true, Some(false)))
            }
            (b"revoked", true) => answer(false, certificate(false, Some(true))),
            (b"untrusted", true) => answer(false, certificate(false, Some(false))),
            (b"tampered", true) => answer(false, certificate(true, Some(false))),
            (b"unchecked", _) => answer(true, certificate(true, None)),
            (b"down", _) => return (StatusCode::BAD_GATEWAY, axum::Json(json!({}))),
            _ => {
                let bad = json!({ "status": 400, "message": "Invalid CMS" });
                return (StatusCode::BAD_REQUEST, axum::Json(bad));
            }
        };
        (StatusCode::OK, axum::Json(body))
    }

    async fn simulator() -> NcaNode {
        let app = axum::Router::new().route("/cms/verify", post(verify));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        NcaNode::new(&format!("http://{addr}/"), Duration::from_secs(2)).unwrap()
    }

    #[tokio::test]
    async fn a_valid_signature_with_its_revocation_checked_is_accepted() {
        let node = simulator().await;
        assert_eq!(node.verify(b"valid", None).await, Ok(()));
        assert_eq!(node.verify(b"detached", Some(b"challenge")).await, Ok(()));
    }

    #[tokio::test]
    async fn revoked_untrusted_and_tampered_signatures_are_told_apart() {
        let node = simulator().await;
        assert_eq!(
            node.verify(b"revoked", None).await,
            Err(SignatureError::Revoked)
        );
        assert_eq!(
            node.verify(b"untrusted", None).await,
            Err(SignatureError::Untrusted)
        );
        assert_eq!(
            node.verify(b"tampered", None).await,
            Err(SignatureError::Invalid)
        );
        let other = node.verify(b"detached", Some(b"other")).await;
        assert_eq!(other, Err(SignatureError::Invalid));
    }

    #[tokio::test]
    async fn a_valid_answer_without_a_revocation_check_is_not_accepted() {
        let node = simulator().await;
        assert!(matches!(
            node.verify(b"unchecked", None).await,
            Err(SignatureError::RevocationUnknown(_))
        ));
    }

    #[tokio::test]
    async fn a_message_the_service_cannot_read_is_malformed() {
        let node = simulator().await;
        assert_eq!(
            node.verify(b"garbage", None).await,
            Err(SignatureError::Malformed("Invalid CMS".into()))
        );
    }

    #[tokio::test]
    async fn a_service_that_fails_or_does_not_answer_is_unavailable() {
        let node = simulator().await;
        assert!(matches!(
            node.verify(b"down", None).await,
            Err(SignatureError::Unavailable(_))
        ));
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let node = NcaNode::new(&url, Duration::from_secs(2)).unwrap();
        assert!(matches!(
            node.verify(b"valid", None).await,
            Err(SignatureError::Unavailable(_))
        ));
    }
}
