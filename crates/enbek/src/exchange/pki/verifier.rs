//! CMS SignedData verification (RFC 5652): one signer, its certificate carried in the message,
//! RSA PKCS#1 v1.5 with SHA-256/384/512 verified in-process, the chain to a trusted CA, the
//! validity dates at the given instant and the revocation status. GOST signatures go to the
//! national signing service.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::ObjectIdentifier;
use der::asn1::OctetStringRef;
use der::{Any, Decode, Encode};
use std::sync::Arc;
use x509_cert::ext::pkix::{BasicConstraints, SubjectKeyIdentifier};
use x509_cert::time::Time;
use x509_cert::Certificate;

use super::certs::{self, Hash};
use super::ncanode::NcaNode;
use super::signer::{SignerCertificate, Verified};
use super::{DevCa, RevocationChecker, SignatureError, SignatureVerifier, Signer};

const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
const SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
/// Certificates between the signer and a trust anchor, at most.
const MAX_INTERMEDIATES: usize = 4;

pub struct CmsVerifier {
    /// The national CA's roots and intermediates (configured files).
    anchors: Vec<Certificate>,
    /// The development CA, trusted in dev mode only; it answers its own revocation.
    dev_ca: Option<Arc<DevCa>>,
    revocation: Vec<Arc<dyn RevocationChecker>>,
    gost: Option<NcaNode>,
}

impl CmsVerifier {
    pub fn new(
        anchors: Vec<Certificate>,
        dev_ca: Option<Arc<DevCa>>,
        revocation: Vec<Arc<dyn RevocationChecker>>,
        gost: Option<NcaNode>,
    ) -> CmsVerifier {
        CmsVerifier {
            anchors,
            dev_ca,
            revocation,
            gost,
        }
    }

    async fn anchors(&self, at: DateTime<Utc>) -> Result<Vec<Certificate>, SignatureError> {
        let mut anchors = self.anchors.clone();
        if let Some(dev) = &self.dev_ca {
            let ca = dev
                .certificate(at)
                .await
                .map_err(|e| SignatureError::RevocationUnknown(e.to_string()))?;
            anchors.extend(ca);
        }
        Ok(anchors)
    }

    async fn revocation(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
    ) -> Result<(), SignatureError> {
        let dev = self
            .dev_ca
            .iter()
            .map(|d| d.clone() as Arc<dyn RevocationChecker>);
        for checker in dev.chain(self.revocation.iter().cloned()) {
            if let Some(answer) = checker.check(cert, issuer, at).await {
                return answer;
            }
        }
        Err(SignatureError::RevocationUnknown(
            "no revocation source covers the certificate's issuer".into(),
        ))
    }
}

/// The parts of a SignedData the checks need.
struct Parsed {
    /// The message as received.
    der: Vec<u8>,
    signed: SignedData,
    signer_info: SignerInfo,
    certificates: Vec<Certificate>,
    signer: Certificate,
    /// The encapsulated content, when attached.
    attached: Option<Vec<u8>>,
}

fn malformed(what: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(what.to_string())
}

fn parse(cms_der: &[u8]) -> Result<Parsed, SignatureError> {
    let info =
        ContentInfo::from_der(cms_der).map_err(|e| malformed(format!("ContentInfo: {e}")))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(malformed("not SignedData"));
    }
    let signed: SignedData = info
        .content
        .decode_as()
        .map_err(|e| malformed(format!("SignedData: {e}")))?;
    let mut infos = signed.signer_infos.0.iter();
    let (Some(signer_info), None) = (infos.next(), infos.next()) else {
        return Err(malformed("exactly one signer is expected"));
    };
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer = certificates
        .iter()
        .find(|c| identifies(&signer_info.sid, c))
        .cloned()
        .ok_or_else(|| malformed("the signer's certificate is not in the message"))?;
    let attached = match &signed.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetStringRef<'_>>()
                .map_err(|e| malformed(format!("the content: {e}")))?
                .as_bytes()
                .to_vec(),
        ),
        None => None,
    };
    Ok(Parsed {
        der: cms_der.to_vec(),
        signer_info: signer_info.clone(),
        signed,
        certificates,
        signer,
        attached,
    })
}

fn identifies(sid: &SignerIdentifier, cert: &Certificate) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            ias.serial_number == cert.tbs_certificate.serial_number
                && certs::same_name(&ias.issuer, &cert.tbs_certificate.issuer)
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => extension(cert, SUBJECT_KEY_ID)
            .and_then(|v| SubjectKeyIdentifier::from_der(&v).ok())
            .is_some_and(|own| own == *ski),
    }
}

fn extension(cert: &Certificate, oid: ObjectIdentifier) -> Option<Vec<u8>> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oid)
        .map(|e| e.extn_value.as_bytes().to_vec())
}

fn is_ca(cert: &Certificate) -> bool {
    extension(cert, BASIC_CONSTRAINTS)
        .and_then(|v| BasicConstraints::from_der(&v).ok())
        .is_some_and(|bc| bc.ca)
}

/// Checks the RSA signature of the signer over `content` (through the signed attributes when
/// present: content type and message digest).
fn check_rsa_signature(p: &Parsed, content: &[u8]) -> Result<(), SignatureError> {
    let si = &p.signer_info;
    let hash = Hash::from_digest_oid(&si.digest_alg.oid)
        .ok_or_else(|| SignatureError::Unsupported(format!("digest {}", si.digest_alg.oid)))?;
    let algorithm = si.signature_algorithm.oid;
    if algorithm != certs::RSA_ENCRYPTION && Hash::from_rsa_signature_oid(&algorithm) != Some(hash)
    {
        return Err(SignatureError::Unsupported(format!(
            "signature {algorithm}"
        )));
    }
    let message = match &si.signed_attrs {
        Some(attrs) => {
            let content_type = signed_attribute(si, ID_CONTENT_TYPE)
                .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| malformed("no content-type attribute"))?;
            let digest = message_digest(si)?;
            if content_type != p.signed.encap_content_info.econtent_type
                || digest != hash.digest(content)
            {
                return Err(SignatureError::Invalid);
            }
            attrs.to_der().map_err(malformed)?
        }
        None => content.to_vec(),
    };
    let key = certs::rsa_key(&p.signer)?;
    if certs::verify_rsa(&key, hash, &message, si.signature.as_bytes()) {
        Ok(())
    } else {
        Err(SignatureError::Invalid)
    }
}

/// The path from the signer's certificate to a trust anchor (both included), through the
/// message's CA certificates.
fn chain(
    signer: &Certificate,
    carried: &[Certificate],
    anchors: &[Certificate],
) -> Result<Vec<Certificate>, SignatureError> {
    let mut path = vec![signer.clone()];
    for _ in 0..=MAX_INTERMEDIATES {
        let current = path.last().expect("the path starts with the signer");
        if anchors.iter().any(|a| certs::same_certificate(a, current)) {
            return Ok(path);
        }
        if let Some(anchor) = anchors.iter().find(|a| certs::issued_by(current, a)) {
            path.push(anchor.clone());
            return Ok(path);
        }
        let next = carried.iter().find(|c| {
            is_ca(c)
                && !path.iter().any(|p| certs::same_certificate(p, c))
                && certs::issued_by(current, c)
        });
        match next {
            Some(next) => path.push(next.clone()),
            None => break,
        }
    }
    Err(SignatureError::Untrusted)
}

/// The first value of a signed attribute, when present.
fn signed_attribute(si: &SignerInfo, oid: ObjectIdentifier) -> Option<Any> {
    si.signed_attrs
        .iter()
        .flat_map(|attrs| attrs.iter())
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.get(0).cloned())
}

/// The message-digest signed attribute (RFC 5652 §11.2): the digest of the signed content.
fn message_digest(si: &SignerInfo) -> Result<Vec<u8>, SignatureError> {
    signed_attribute(si, ID_MESSAGE_DIGEST)
        .and_then(|v| {
            v.decode_as::<OctetStringRef<'_>>()
                .ok()
                .map(|o| o.as_bytes().to_vec())
        })
        .ok_or_else(|| malformed("no message-digest attribute"))
}

/// The signing-time signed attribute (RFC 5652 §11.3), when present.
fn signing_time(p: &Parsed) -> Result<Option<DateTime<Utc>>, SignatureError> {
    let Some(value) = signed_attribute(&p.signer_info, ID_SIGNING_TIME) else {
        return Ok(None);
    };
    let time = value
        .to_der()
        .ok()
        .and_then(|d| Time::from_der(&d).ok())
        .ok_or_else(|| malformed("the signing-time attribute"))?;
    let seconds = i64::try_from(time.to_unix_duration().as_secs()).map_err(malformed)?;
    DateTime::from_timestamp(seconds, 0)
        .map(Some)
        .ok_or_else(|| malformed("the signing time is out of range"))
}

/// A detached signature as the signing side reads it back from a signing service: its signer's
/// certificate, the digest algorithm and message-digest attribute, and the signing time. Its
/// signature is not judged here.
pub(crate) struct DetachedSignature {
    pub signer: Certificate,
    pub digest_algorithm: ObjectIdentifier,
    pub message_digest: Vec<u8>,
    pub signing_time: Option<DateTime<Utc>>,
}

/// Reads a detached CMS SignedData with one signer whose certificate it carries.
pub(crate) fn read_detached(cms_der: &[u8]) -> Result<DetachedSignature, SignatureError> {
    let parsed = parse(cms_der)?;
    if parsed.attached.is_some() {
        return Err(malformed("a detached signature is expected"));
    }
    Ok(DetachedSignature {
        digest_algorithm: parsed.signer_info.digest_alg.oid,
        message_digest: message_digest(&parsed.signer_info)?,
        signing_time: signing_time(&parsed)?,
        signer: parsed.signer,
    })
}

impl CmsVerifier {
    /// Verifies a detached signature over `content` (a signed document): the signature and
    /// digest, the chain to a trusted CA, the certificates' validity at the signing time the
    /// signature carries, and their revocation status at `now` (the signing time is the
    /// signer's own claim, so a revocation before `now` is not overlooked).
    pub async fn verify_detached(
        &self,
        cms_der: &[u8],
        content: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Verified, SignatureError> {
        let parsed = parse(cms_der)?;
        if parsed.attached.is_some() {
            return Err(malformed("a detached signature is expected"));
        }
        let signing_time =
            signing_time(&parsed)?.ok_or_else(|| malformed("no signing-time attribute"))?;
        let signer = self.check(parsed, content, signing_time, now).await?;
        Ok(Verified {
            signer: certs::signer_of(&signer),
            certificate: SignerCertificate::of(&signer),
            signing_time,
        })
    }

    /// The checks of a signature: validity dates judged at `valid_at`, revocation at
    /// `revoked_at`. Returns the signer's certificate.
    async fn check(
        &self,
        parsed: Parsed,
        content: &[u8],
        valid_at: DateTime<Utc>,
        revoked_at: DateTime<Utc>,
    ) -> Result<Certificate, SignatureError> {
        let cms_der = &parsed.der;
        let at = valid_at;
        if parsed.attached.as_deref().is_some_and(|a| a != content) {
            return Err(SignatureError::Invalid);
        }
        if certs::is_gost(&parsed.signer) {
            let service = self.gost.as_ref().ok_or_else(|| {
                SignatureError::Unsupported(
                    "GOST, and no national signing service is configured".into(),
                )
            })?;
            if !certs::valid_at(&parsed.signer, at) {
                return Err(SignatureError::Expired);
            }
            let detached = parsed.attached.is_none().then_some(content);
            service.verify(cms_der, detached).await?;
            return Ok(parsed.signer);
        }
        if !certs::is_rsa(&parsed.signer) {
            return Err(SignatureError::Unsupported(format!(
                "key {}",
                parsed
                    .signer
                    .tbs_certificate
                    .subject_public_key_info
                    .algorithm
                    .oid
            )));
        }
        check_rsa_signature(&parsed, content)?;
        let anchors = self.anchors(revoked_at.max(valid_at)).await?;
        let path = chain(&parsed.signer, &parsed.certificates, &anchors)?;
        if !path.iter().all(|c| certs::valid_at(c, at)) {
            return Err(SignatureError::Expired);
        }
        for pair in path.windows(2) {
            self.revocation(&pair[0], &pair[1], revoked_at).await?;
        }
        Ok(parsed.signer)
    }
}

#[async_trait]
impl SignatureVerifier for CmsVerifier {
    async fn verify(
        &self,
        cms_der: &[u8],
        content: &[u8],
        at: DateTime<Utc>,
    ) -> Result<Signer, SignatureError> {
        let parsed = parse(cms_der)?;
        let signer = self.check(parsed, content, at, at).await?;
        Ok(certs::signer_of(&signer))
    }
}
