//! Electronic signatures: verifying a citizen's or an organisation's CMS signature over a
//! challenge, and the certificates it rests on. The identity capability asks one question of it:
//! "who signed these bytes, by a certificate trusted and not revoked at this instant?".

pub mod certs;
pub mod crl;
pub mod dev_ca;
pub mod ncanode;
pub mod ncanode_signer;
pub mod signer;
pub mod store;
pub mod verifier;

#[cfg(test)]
mod tests;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use enbek_domain::ids::{Bin, Iin};
use x509_cert::Certificate;

pub use dev_ca::DevCa;
pub use ncanode_signer::NcaNodeSigner;
pub use signer::{DocumentSigner, LocalSigner, Signed, SignerCertificate, Verified};
pub use verifier::CmsVerifier;

/// The signer a verified signature names, from its certificate's subject
/// (`SERIALNUMBER=IIN…`, and `OU=BIN…` on an organisation's certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub iin: Option<Iin>,
    pub bin: Option<Bin>,
    /// The certificate's serial number (hex) and issuer, for the audit log.
    pub certificate_serial: String,
    pub issuer: String,
}

/// Why a signature is not accepted; each maps to a stable problem code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Not base64 CMS SignedData carrying one signer and its certificate.
    #[error("not a CMS signature with its certificate: {0}")]
    Malformed(String),
    /// The signature does not match the signed bytes (tampered, or over other content).
    #[error("the signature does not match the content")]
    Invalid,
    /// The certificate does not chain to a trusted CA.
    #[error("the certificate is not issued by a trusted CA")]
    Untrusted,
    /// The certificate is not valid at the instant of verification.
    #[error("the certificate is expired or not yet valid")]
    Expired,
    #[error("the certificate is revoked")]
    Revoked,
    /// Revocation could not be established (no answer, or no CRL/OCSP source): fail closed.
    #[error("the revocation status cannot be established: {0}")]
    RevocationUnknown(String),
    /// The certificate's key algorithm is not verified here: GOST without the national signing
    /// service configured, or an algorithm neither RSA nor GOST.
    #[error("the signature algorithm is not supported: {0}")]
    Unsupported(String),
    /// The national signing service (GOST certificates) did not answer.
    #[error("the signing service did not answer: {0}")]
    Unavailable(String),
}

/// Verifies CMS signatures. `content` is the signed data: it must equal the encapsulated content
/// of an attached signature, or be what a detached one signs.
#[async_trait]
pub trait SignatureVerifier: Send + Sync {
    async fn verify(
        &self,
        cms_der: &[u8],
        content: &[u8],
        at: DateTime<Utc>,
    ) -> Result<Signer, SignatureError>;
}

/// Where a certificate's revocation status comes from (a CA's CRL, the development CA's own
/// list). Each source answers only for the issuers it knows.
#[async_trait]
pub trait RevocationChecker: Send + Sync {
    /// `None` when this source does not cover `issuer`; otherwise `Ok(())` (not revoked at `at`),
    /// `Revoked`, or `RevocationUnknown` when it cannot tell.
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
    ) -> Option<Result<(), SignatureError>>;
}
