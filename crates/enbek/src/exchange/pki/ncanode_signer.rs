//! Signing documents through the national signing service: NCANode's HTTP API (v3), whose
//! national crypto provider alone handles the GOST 34.310-2004 / GOST R 34.10-2015 keys of an
//! organisation's key container (PKCS#12). The adapter never opens the container: it sends it.
//! `POST /cms/sign` with `{data, signers: [{key, password, keyAlias}], withTsp, tsaPolicy,
//! detached}` (data and key in base64) answers `{status, message, cms}`; a failure answers
//! `{status, message}` (400 for a request it cannot read, 500 for a container it cannot open).

use anyhow::{anyhow, bail, Context};
use async_trait::async_trait;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::Duration;

use super::certs::Hash;
use super::ncanode::NcaNode;
use super::signer::{organization_file, DocumentSigner, Signed, SignerCertificate};
use super::verifier::read_detached;

/// The time-stamp authority's policy asked for: NCANode's default, the national TSA's GOST R
/// 34.10-2015 stamps.
const TSA_POLICY: &str = "TSA_GOST2015_POLICY";

/// Signs with each organisation's key container, `<keys_dir>/<organization_id>.p12`, and its
/// password, `<keys_dir>/<organization_id>.p12.password` (text; a trailing newline is not part
/// of it), both read at each signature.
pub struct NcaNodeSigner {
    url: String,
    keys_dir: PathBuf,
    client: reqwest::Client,
    /// The same service's verification, for a digest only the national provider computes.
    node: NcaNode,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignRequest {
    data: String,
    signers: [KeyContainer; 1],
    with_tsp: bool,
    tsa_policy: &'static str,
    detached: bool,
}

/// A container and its password: deliberately neither `Debug` nor logged.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeyContainer {
    key: String,
    password: String,
    /// `null`: the container's only key.
    key_alias: Option<String>,
}

#[derive(Deserialize)]
struct SignResponse {
    #[serde(default)]
    status: u16,
    #[serde(default)]
    message: String,
    #[serde(default)]
    cms: Option<String>,
}

impl NcaNodeSigner {
    /// `base_url` is the service's root (`http://ncanode:14579`); `timeout` bounds each request.
    pub fn new(
        base_url: &str,
        keys_dir: impl Into<PathBuf>,
        timeout: Duration,
    ) -> anyhow::Result<NcaNodeSigner> {
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(NcaNodeSigner {
            url: format!("{}/cms/sign", base_url.trim_end_matches('/')),
            keys_dir: keys_dir.into(),
            client,
            node: NcaNode::new(base_url, timeout)?,
        })
    }

    /// The organisation's key container and its password. An error names the missing file,
    /// never the password.
    async fn container(&self, organization_id: &str) -> anyhow::Result<KeyContainer> {
        let key_path = organization_file(&self.keys_dir, organization_id, "p12")?;
        let password_path = organization_file(&self.keys_dir, organization_id, "p12.password")?;
        let key = tokio::fs::read(&key_path)
            .await
            .with_context(|| format!("the key container {}", key_path.display()))?;
        let password = tokio::fs::read_to_string(&password_path)
            .await
            .with_context(|| format!("the key container's password {}", password_path.display()))?;
        Ok(KeyContainer {
            key: BASE64.encode(key),
            password: password.trim_end_matches(['\r', '\n']).to_string(),
            key_alias: None,
        })
    }

    /// Asks the service for the signature: the CMS it answers (DER), or an error that says
    /// whether it did not answer, failed, answered something unreadable, or refused.
    async fn request(&self, request: &SignRequest) -> anyhow::Result<Vec<u8>> {
        let unanswered =
            |e: reqwest::Error| anyhow!("the signing service did not answer: {}", e.without_url());
        let response = self
            .client
            .post(&self.url)
            .json(request)
            .send()
            .await
            .map_err(unanswered)?;
        let http = response.status();
        let body = response.bytes().await.map_err(unanswered)?;
        let answer: SignResponse = match serde_json::from_slice(&body) {
            Ok(answer) => answer,
            Err(_) if !http.is_success() => bail!("the signing service failed: HTTP {http}"),
            Err(e) => bail!("the signing service answered something unreadable: {e}"),
        };
        // NCANode repeats the HTTP status in the body; a body without one has the HTTP one.
        let status = match answer.status {
            0 => http.as_u16(),
            status => status,
        };
        if status != 200 || !http.is_success() {
            bail!(
                "the signing service answered status {status}: {}",
                answer.message
            );
        }
        let cms = answer
            .cms
            .context("the signing service answered without a CMS")?;
        BASE64
            .decode(cms)
            .context("the signing service answered a CMS that is not base64")
    }
}

#[async_trait]
impl DocumentSigner for NcaNodeSigner {
    /// A detached signature with a time stamp from the national TSA; its signing time is the
    /// service's (the signing-time attribute), or `at` when the CMS carries none.
    async fn sign(
        &self,
        organization_id: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> anyhow::Result<Signed> {
        let request = SignRequest {
            data: BASE64.encode(bytes),
            signers: [self.container(organization_id).await?],
            with_tsp: true,
            tsa_policy: TSA_POLICY,
            detached: true,
        };
        let cms_der = self.request(&request).await?;
        let signature =
            read_detached(&cms_der).map_err(|e| anyhow!("the signing service's CMS: {e}"))?;
        match Hash::from_digest_oid(&signature.digest_algorithm) {
            Some(hash) => {
                if signature.message_digest != hash.digest(bytes) {
                    bail!("the signing service signed other bytes: the message digest differs");
                }
            }
            // GOST 34.311-95, GOST R 34.11-2015: only the national provider computes them, so
            // the service that signed checks its signature over the bytes (with OCSP).
            None => self.node.verify(&cms_der, Some(bytes)).await.map_err(|e| {
                anyhow!(
                    "the signing service's signature (digest {}) does not verify over the bytes: {e}",
                    signature.digest_algorithm
                )
            })?,
        }
        Ok(Signed {
            sha256: Sha256::digest(bytes).to_vec(),
            // The attribute holds whole seconds; so does the time recorded without one.
            signing_time: signature
                .signing_time
                .unwrap_or_else(|| DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)),
            certificate: SignerCertificate::of(&signature.signer),
            cms_der,
        })
    }
}

#[cfg(test)]
mod tests {
    //! The adapter against a simulator of NCANode's `/cms/sign` (and `/cms/verify`): it holds
    //! one organisation's container and password, checks them and the request, and signs with
    //! an RSA key whose certificate the development CA issued (it simulates the service, not
    //! the GOST mathematics).

    use super::*;
    use crate::exchange::pki::signer::{sign_detached, SigningPair};
    use crate::exchange::pki::{certs, CmsVerifier, DevCa, SignatureError};
    use crate::platform::db::Db;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};
    use axum::routing::post;
    use chrono::TimeZone;
    use cms::content_info::ContentInfo;
    use cms::signed_data::{SignedData, SignerInfo, SignerInfos};
    use const_oid::ObjectIdentifier;
    use der::asn1::SetOfVec;
    use der::{Any, Decode, Encode};
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::RsaPrivateKey;
    use serde_json::{json, Value};
    use std::sync::{Arc, Mutex};
    use x509_cert::Certificate;

    const ORG: &str = "cc-almaty-01";
    const PASSWORD: &str = "Qwerty12";
    const CONTAINER: &[u8] = b"0\x82 the PKCS#12 container of cc-almaty-01";
    /// Kazakhstan's GOST R 34.11-2015 (256 bits) digest.
    const GOST_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.398.3.10.1.3.3");
    const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

    /// The service's clock when it signs.
    fn signed_at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 17, 5, 0, 0).unwrap()
    }

    /// Stands for a rendered PDF: the adapter signs any bytes.
    fn pdf() -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend((0..4096u32).map(|i| (i % 251) as u8));
        pdf.extend_from_slice(b"\n%%EOF\n");
        pdf
    }

    #[derive(Clone, Copy)]
    enum Behaviour {
        Honest,
        /// Signs other bytes than those sent.
        OtherBytes,
        /// A GOST digest algorithm, over the bytes sent or over others.
        Gost {
            other_bytes: bool,
        },
        /// A CMS without the signing-time attribute.
        NoSigningTime,
        /// Fails with HTTP 502 and no JSON.
        Failing,
        /// Answers 200 with a body that is not JSON.
        Garbage,
    }

    struct Node {
        key: SigningPair,
        chain: Vec<Certificate>,
        behaviour: Behaviour,
        /// The bytes it signed with a GOST digest, which its `/cms/verify` accepts.
        gost_signed: Mutex<Vec<Vec<u8>>>,
    }

    fn error(status: StatusCode, message: &str) -> Response {
        let body = json!({ "status": status.as_u16(), "message": message, "details": null });
        (status, axum::Json(body)).into_response()
    }

    async fn sign(
        State(node): State<Arc<Node>>,
        axum::Json(request): axum::Json<Value>,
    ) -> Response {
        let Some(data) = request["data"].as_str().and_then(|d| BASE64.decode(d).ok()) else {
            return error(StatusCode::BAD_REQUEST, "data: must be Base64");
        };
        let signer = &request["signers"][0];
        let shape = request["detached"] == json!(true)
            && request["withTsp"] == json!(true)
            && request["tsaPolicy"] == json!("TSA_GOST2015_POLICY")
            && signer["keyAlias"].is_null()
            && request["signers"].as_array().map(Vec::len) == Some(1);
        if !shape {
            return error(
                StatusCode::BAD_REQUEST,
                "a detached, time-stamped CMS by one key",
            );
        }
        let key = signer["key"].as_str().and_then(|k| BASE64.decode(k).ok());
        if key.as_deref() != Some(CONTAINER) || signer["password"] != json!(PASSWORD) {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Cannot read PKCS12 key: keystore password was incorrect",
            );
        }
        let mut other = data.clone();
        other.extend_from_slice(b" and more");
        let (signed_bytes, gost) = match node.behaviour {
            Behaviour::Honest | Behaviour::NoSigningTime => (data, false),
            Behaviour::OtherBytes => (other, false),
            Behaviour::Gost { other_bytes } => (if other_bytes { other } else { data }, true),
            Behaviour::Failing => return (StatusCode::BAD_GATEWAY, "Bad Gateway").into_response(),
            Behaviour::Garbage => {
                return (StatusCode::OK, "<html>maintenance</html>").into_response()
            }
        };
        let mut cms = sign_detached(&node.key, &node.chain, &signed_bytes, signed_at())
            .unwrap()
            .cms_der;
        if gost {
            cms = rewrite(&cms, |si| si.digest_alg.oid = GOST_DIGEST);
            node.gost_signed.lock().unwrap().push(signed_bytes);
        }
        if let Behaviour::NoSigningTime = node.behaviour {
            cms = rewrite(&cms, |si| {
                let kept = si.signed_attrs.iter().flat_map(|a| a.iter());
                let kept: Vec<_> = kept.filter(|a| a.oid != SIGNING_TIME).cloned().collect();
                si.signed_attrs = Some(SetOfVec::try_from(kept).unwrap());
            });
        }
        let body = json!({ "status": 200, "message": "OK", "cms": BASE64.encode(cms) });
        (StatusCode::OK, axum::Json(body)).into_response()
    }

    /// Valid when `data` is what it signed, with the certificate checked by OCSP.
    async fn verify(
        State(node): State<Arc<Node>>,
        axum::Json(request): axum::Json<Value>,
    ) -> Response {
        let data = request["data"].as_str().and_then(|d| BASE64.decode(d).ok());
        let valid = data.is_some_and(|d| node.gost_signed.lock().unwrap().contains(&d))
            && request["revocationCheck"] == json!(["OCSP"]);
        let certificate =
            json!({ "valid": true, "revocations": [{ "revoked": false, "by": "OCSP" }] });
        let body = json!({
            "status": 200, "message": "OK", "valid": valid,
            "signers": [{ "certificates": [certificate] }]
        });
        (StatusCode::OK, axum::Json(body)).into_response()
    }

    /// The same CMS with its signer info changed (its signature no longer holds; the adapter
    /// reads what it needs, and the simulator's `/cms/verify` judges by what it signed).
    fn rewrite(cms_der: &[u8], change: impl FnOnce(&mut SignerInfo)) -> Vec<u8> {
        let info = ContentInfo::from_der(cms_der).unwrap();
        let mut signed: SignedData = info.content.decode_as().unwrap();
        let mut signer_info = signed.signer_infos.0.get(0).unwrap().clone();
        change(&mut signer_info);
        signed.signer_infos = SignerInfos(SetOfVec::try_from(vec![signer_info]).unwrap());
        let content = Any::encode_from(&signed).unwrap();
        ContentInfo {
            content_type: info.content_type,
            content,
        }
        .to_der()
        .unwrap()
    }

    struct Setup {
        dir: PathBuf,
        keys: PathBuf,
        verifier: CmsVerifier,
        key: RsaPrivateKey,
        chain: Vec<Certificate>,
    }

    impl Drop for Setup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    /// The development CA on a temporary database, the organisation's certificate it issued
    /// (the simulator's), and the organisation's container and password in the keys folder.
    async fn setup() -> Setup {
        let dir = std::env::temp_dir().join(format!("enbek-ncanode-{}", uuid::Uuid::new_v4()));
        let db = Db::connect(&format!("sqlite://{}/enbek.db", dir.display()))
            .await
            .unwrap();
        let dev_ca = Arc::new(DevCa::new(db));
        let issued = dev_ca
            .issue_organization(ORG, signed_at(), "test")
            .await
            .unwrap();
        let key = RsaPrivateKey::from_pkcs8_pem(&issued.private_key_pem).unwrap();
        let chain = certs::from_pem(&issued.certificate_pem).unwrap();
        let keys = dir.join("keys");
        std::fs::create_dir_all(&keys).unwrap();
        std::fs::write(keys.join(format!("{ORG}.p12")), CONTAINER).unwrap();
        std::fs::write(
            keys.join(format!("{ORG}.p12.password")),
            format!("{PASSWORD}\n"),
        )
        .unwrap();
        let verifier = CmsVerifier::new(vec![], Some(dev_ca), vec![], None);
        Setup {
            dir,
            keys,
            verifier,
            key,
            chain,
        }
    }

    async fn simulator(s: &Setup, behaviour: Behaviour) -> NcaNodeSigner {
        let node = Arc::new(Node {
            key: SigningPair::new(&s.key).unwrap(),
            chain: s.chain.clone(),
            behaviour,
            gost_signed: Mutex::new(vec![]),
        });
        let app = axum::Router::new()
            .route("/cms/sign", post(sign))
            .route("/cms/verify", post(verify))
            .with_state(node);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        NcaNodeSigner::new(&format!("http://{addr}/"), &s.keys, Duration::from_secs(5)).unwrap()
    }

    fn message(result: anyhow::Result<Signed>) -> String {
        format!("{:#}", result.expect_err("an error"))
    }

    #[tokio::test]
    async fn a_document_signed_by_the_service_verifies_with_its_certificate_and_signing_time() {
        let s = setup().await;
        let signer = simulator(&s, Behaviour::Honest).await;
        let mut pdf = pdf();
        // Our clock says a minute later: the service's signing time is what the CMS carries.
        let at = signed_at() + chrono::Duration::minutes(1);
        let signed = signer.sign(ORG, &pdf, at).await.unwrap();
        assert_eq!(signed.sha256, Sha256::digest(&pdf).to_vec());
        assert_eq!(signed.signing_time, signed_at());
        assert_eq!(signed.certificate, SignerCertificate::of(&s.chain[0]));
        assert!(signed.certificate.subject.contains(ORG));
        assert!(signed.cms_der.len() < pdf.len(), "detached");

        let later = signed_at() + chrono::Duration::days(3);
        let verified = s
            .verifier
            .verify_detached(&signed.cms_der, &pdf, later)
            .await
            .unwrap();
        assert_eq!(verified.certificate, signed.certificate);
        assert_eq!(verified.signing_time, signed_at());

        let middle = pdf.len() / 2;
        pdf[middle] ^= 0x01;
        let tampered = s
            .verifier
            .verify_detached(&signed.cms_der, &pdf, later)
            .await;
        assert_eq!(tampered, Err(SignatureError::Invalid));
    }

    #[tokio::test]
    async fn without_a_signing_time_attribute_our_instant_is_recorded() {
        let s = setup().await;
        let signer = simulator(&s, Behaviour::NoSigningTime).await;
        let at = signed_at() + chrono::Duration::milliseconds(61_500);
        let signed = signer.sign(ORG, &pdf(), at).await.unwrap();
        assert_eq!(
            signed.signing_time,
            signed_at() + chrono::Duration::seconds(61)
        );
    }

    #[tokio::test]
    async fn a_wrong_password_is_the_services_refusal() {
        let s = setup().await;
        let signer = simulator(&s, Behaviour::Honest).await;
        std::fs::write(s.keys.join(format!("{ORG}.p12.password")), "Qwerty13\n").unwrap();
        let error = message(signer.sign(ORG, &pdf(), signed_at()).await);
        assert!(
            error.contains("status 500: Cannot read PKCS12 key"),
            "{error}"
        );
        assert!(!error.contains("Qwerty13"), "{error}");
    }

    #[tokio::test]
    async fn a_missing_container_or_password_names_the_file_and_not_the_password() {
        let s = setup().await;
        let signer = simulator(&s, Behaviour::Honest).await;
        std::fs::remove_file(s.keys.join(format!("{ORG}.p12"))).unwrap();
        let error = message(signer.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains(&format!("{ORG}.p12")), "{error}");
        assert!(!error.contains(PASSWORD), "{error}");

        std::fs::write(s.keys.join(format!("{ORG}.p12")), CONTAINER).unwrap();
        std::fs::remove_file(s.keys.join(format!("{ORG}.p12.password"))).unwrap();
        let error = message(signer.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains(&format!("{ORG}.p12.password")), "{error}");

        // An id that is not a plain file name never reaches the folder.
        let error = message(signer.sign("../cc-almaty-01", &pdf(), signed_at()).await);
        assert!(error.contains("an organisation id"), "{error}");
    }

    #[tokio::test]
    async fn a_service_that_fails_answers_garbage_or_does_not_answer_is_an_error() {
        let s = setup().await;
        let failing = simulator(&s, Behaviour::Failing).await;
        let error = message(failing.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains("failed: HTTP 502"), "{error}");

        let garbage = simulator(&s, Behaviour::Garbage).await;
        let error = message(garbage.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains("unreadable"), "{error}");

        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let down = NcaNodeSigner::new(&url, &s.keys, Duration::from_secs(2)).unwrap();
        let error = message(down.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains("did not answer"), "{error}");
    }

    #[tokio::test]
    async fn a_signature_over_other_bytes_is_refused() {
        let s = setup().await;
        let signer = simulator(&s, Behaviour::OtherBytes).await;
        let error = message(signer.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains("the message digest differs"), "{error}");
    }

    #[tokio::test]
    async fn a_gost_digest_is_checked_by_the_service_that_signed() {
        let s = setup().await;
        let honest = simulator(&s, Behaviour::Gost { other_bytes: false }).await;
        let signed = honest.sign(ORG, &pdf(), signed_at()).await.unwrap();
        assert_eq!(signed.sha256, Sha256::digest(pdf()).to_vec());
        assert_eq!(signed.signing_time, signed_at());

        let other = simulator(&s, Behaviour::Gost { other_bytes: true }).await;
        let error = message(other.sign(ORG, &pdf(), signed_at()).await);
        assert!(error.contains("does not verify over the bytes"), "{error}");
    }
}
