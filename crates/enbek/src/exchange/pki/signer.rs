//! Signing a document's bytes on behalf of an organisation: a CMS SignedData (RFC 5652),
//! detached (no encapsulated content), RSA PKCS#1 v1.5 with SHA-256, the signed attributes
//! content type, message digest and signing time (the instant given, from the one clock), and
//! the signer's certificate (with any CA certificates of its file) in the message. Verification
//! is `CmsVerifier::verify_detached`.

use anyhow::{bail, Context};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use const_oid::ObjectIdentifier;
use der::asn1::SetOfVec;
use der::{Any, Encode};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use signature::Keypair;
use spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use super::certs;
use super::{DevCa, Signer};

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// The actor the audit log names when the dev CA issues an organisation's certificate.
const ACTOR: &str = "system:document-signer";

/// The certificate a signature was made with, for the record and the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerCertificate {
    /// The serial number, hex.
    pub serial: String,
    /// Subject and issuer names (RFC 4514).
    pub subject: String,
    pub issuer: String,
    pub not_after: DateTime<Utc>,
}

impl SignerCertificate {
    pub fn of(cert: &Certificate) -> SignerCertificate {
        let tbs = &cert.tbs_certificate;
        let not_after = i64::try_from(tbs.validity.not_after.to_unix_duration().as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        SignerCertificate {
            serial: certs::serial_hex(cert),
            subject: tbs.subject.to_string(),
            issuer: tbs.issuer.to_string(),
            not_after,
        }
    }
}

/// A detached signature made over a document's bytes.
#[derive(Debug, Clone)]
pub struct Signed {
    /// CMS ContentInfo (SignedData), DER, without the content.
    pub cms_der: Vec<u8>,
    /// SHA-256 of the signed bytes (the message-digest attribute when the signature's digest
    /// is SHA-256).
    pub sha256: Vec<u8>,
    /// The signing-time attribute (whole seconds).
    pub signing_time: DateTime<Utc>,
    pub certificate: SignerCertificate,
}

/// A detached signature that verified: who signed, by which certificate, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub signer: Signer,
    pub certificate: SignerCertificate,
    pub signing_time: DateTime<Utc>,
}

/// An organisation's signing key and its certificate chain (its own first).
type Credentials = (Arc<SigningPair>, Arc<Vec<Certificate>>);

/// An RSA private key made ready to sign: checked and prepared once, then used for every
/// signature with ring's RSA (PKCS#1 v1.5, SHA-256), several times faster than the
/// general-purpose big integers of the `rsa` crate. The signatures are the same bytes: PKCS#1
/// v1.5 is deterministic.
pub struct SigningPair {
    pair: ring::signature::RsaKeyPair,
    verifying: VerifyingKey<Sha256>,
}

impl SigningPair {
    /// Prepares `key`; a key ring does not sign with (shorter than 2048 bits) is refused.
    pub fn new(key: &RsaPrivateKey) -> anyhow::Result<SigningPair> {
        let der = key.to_pkcs1_der().context("the signing key")?;
        let pair = ring::signature::RsaKeyPair::from_der(der.as_bytes())
            .map_err(|e| anyhow::anyhow!("the signing key is refused: {e}"))?;
        Ok(SigningPair {
            pair,
            verifying: VerifyingKey::new(key.to_public_key()),
        })
    }
}

impl Keypair for SigningPair {
    type VerifyingKey = VerifyingKey<Sha256>;

    fn verifying_key(&self) -> VerifyingKey<Sha256> {
        self.verifying.clone()
    }
}

impl DynSignatureAlgorithmIdentifier for SigningPair {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        self.verifying.signature_algorithm_identifier()
    }
}

impl signature::Signer<Signature> for SigningPair {
    fn try_sign(&self, message: &[u8]) -> Result<Signature, signature::Error> {
        let mut bytes = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(
                &ring::signature::RSA_PKCS1_SHA256,
                &ring::rand::SystemRandom::new(),
                message,
                &mut bytes,
            )
            .map_err(|_| signature::Error::new())?;
        Signature::try_from(bytes.as_slice())
    }
}

/// Signs documents on behalf of an organisation (a career center, an akimat's office).
#[async_trait]
pub trait DocumentSigner: Send + Sync {
    /// A detached CMS signature over `bytes` by `organization_id`'s key, signed at `at`.
    async fn sign(
        &self,
        organization_id: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> anyhow::Result<Signed>;
}

/// Keys and certificates from PEM files, `<dir>/<organization_id>.key.pem` (PKCS#8 or PKCS#1,
/// RSA) and `<dir>/<organization_id>.cert.pem` (the organisation's certificate first, then any
/// CA certificates to carry). In dev mode, when an organisation has no files yet (or its
/// certificate has expired), the development CA issues it a certificate and both are written
/// there and kept. A key and its certificates are read and parsed once for each version of
/// their files (the files' length and modification time), not for every signature.
pub struct LocalSigner {
    dir: PathBuf,
    dev_ca: Option<Arc<DevCa>>,
    /// One issuance at a time, so that an organisation gets one certificate.
    issuing: tokio::sync::Mutex<()>,
    /// The credentials read, by organisation.
    held: std::sync::Mutex<HashMap<String, Held>>,
}

/// An organisation's key and certificates as read from its files, with the files' stamps.
struct Held {
    stamps: (Stamp, Stamp),
    key: Arc<SigningPair>,
    chain: Arc<Vec<Certificate>>,
}

/// A version of a file: its length and modification time.
type Stamp = (u64, Option<SystemTime>);

/// The stamp of a file, or `None` when it cannot be read.
async fn stamp(path: &Path) -> Option<Stamp> {
    let meta = tokio::fs::metadata(path).await.ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl LocalSigner {
    pub fn new(dir: impl Into<PathBuf>, dev_ca: Option<Arc<DevCa>>) -> LocalSigner {
        LocalSigner {
            dir: dir.into(),
            dev_ca,
            issuing: tokio::sync::Mutex::new(()),
            held: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The credentials already read, when their files are unchanged and the certificate is
    /// valid at `at` (in dev mode an expired one is replaced).
    async fn held(
        &self,
        organization_id: &str,
        paths: &(PathBuf, PathBuf),
        at: DateTime<Utc>,
    ) -> Option<Credentials> {
        let stamps = (stamp(&paths.0).await?, stamp(&paths.1).await?);
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let h = held.get(organization_id)?;
        let fresh =
            h.stamps == stamps && (self.dev_ca.is_none() || certs::valid_at(&h.chain[0], at));
        fresh.then(|| (h.key.clone(), h.chain.clone()))
    }

    fn paths(&self, organization_id: &str) -> anyhow::Result<(PathBuf, PathBuf)> {
        Ok((
            organization_file(&self.dir, organization_id, "key.pem")?,
            organization_file(&self.dir, organization_id, "cert.pem")?,
        ))
    }

    /// The organisation's key and certificates: from its files, or (dev mode) issued and kept.
    async fn credentials(
        &self,
        organization_id: &str,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Credentials> {
        let paths = self.paths(organization_id)?;
        if let Some(held) = self.held(organization_id, &paths, at).await {
            return Ok(held);
        }
        let (key_path, cert_path) = &paths;
        let _one = self.issuing.lock().await;
        // In dev mode an organisation whose certificate has expired is issued a new one.
        let expired = match (&self.dev_ca, cert_path.exists()) {
            (Some(_), true) => {
                let pem = tokio::fs::read_to_string(cert_path).await?;
                let chain = certs::from_pem(&pem).map_err(anyhow::Error::msg)?;
                !chain.first().is_some_and(|c| certs::valid_at(c, at))
            }
            _ => false,
        };
        if !key_path.exists() || !cert_path.exists() || expired {
            let Some(dev_ca) = &self.dev_ca else {
                bail!("no signing key or certificate for the organisation in the signing folder");
            };
            let issued = dev_ca
                .issue_organization(organization_id, at, ACTOR)
                .await?;
            tokio::fs::create_dir_all(&self.dir).await?;
            write_private(key_path, &issued.private_key_pem).await?;
            tokio::fs::write(cert_path, &issued.certificate_pem).await?;
        }
        // The stamps before the reads: a file changed meanwhile is read again next time.
        let stamps = (stamp(key_path).await, stamp(cert_path).await);
        let key_pem = tokio::fs::read_to_string(key_path).await?;
        let key = RsaPrivateKey::from_pkcs8_pem(&key_pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(&key_pem))
            .context("the signing key is not an RSA private key (PEM)")?;
        let cert_pem = tokio::fs::read_to_string(cert_path).await?;
        let chain = certs::from_pem(&cert_pem).map_err(anyhow::Error::msg)?;
        if chain.is_empty() {
            bail!("the certificate file holds no certificate");
        }
        let (key, chain) = (Arc::new(SigningPair::new(&key)?), Arc::new(chain));
        if let (Some(k), Some(c)) = stamps {
            let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
            held.insert(
                organization_id.to_string(),
                Held {
                    stamps: (k, c),
                    key: key.clone(),
                    chain: chain.clone(),
                },
            );
        }
        Ok((key, chain))
    }
}

/// `<dir>/<organization_id>.<extension>`, for an id that is a plain file name (letters,
/// digits, '-' and '_'), so that no id reaches outside the keys folder.
pub(crate) fn organization_file(
    dir: &Path,
    organization_id: &str,
    extension: &str,
) -> anyhow::Result<PathBuf> {
    let safe = !organization_id.is_empty()
        && organization_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        bail!("an organisation id is letters, digits, '-' and '_'");
    }
    Ok(dir.join(format!("{organization_id}.{extension}")))
}

/// A private key file readable by its owner only (on Unix).
async fn write_private(path: &Path, pem: &str) -> anyhow::Result<()> {
    tokio::fs::write(path, pem).await?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).await?;
    }
    Ok(())
}

#[async_trait]
impl DocumentSigner for LocalSigner {
    async fn sign(
        &self,
        organization_id: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> anyhow::Result<Signed> {
        let (key, chain) = self.credentials(organization_id, at).await?;
        if !certs::valid_at(&chain[0], at) {
            bail!("the organisation's signing certificate is not valid at the signing time");
        }
        let bytes = bytes.to_vec();
        tokio::task::spawn_blocking(move || sign_detached(&key, &chain, &bytes, at)).await?
    }
}

/// A detached CMS SignedData over `bytes` by `key`, whose certificate is `chain[0]` (the rest
/// are carried too), with the signing time `at`. It does not judge the certificate.
pub fn sign_detached(
    key: &SigningPair,
    chain: &[Certificate],
    bytes: &[u8],
    at: DateTime<Utc>,
) -> anyhow::Result<Signed> {
    let cert = chain.first().context("a signer certificate")?;
    let sha256 = Sha256::digest(bytes).to_vec();
    let eci = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let digest_algorithm = AlgorithmIdentifierOwned {
        oid: certs::SHA256,
        parameters: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut info = SignerInfoBuilder::new(key, sid, digest_algorithm.clone(), &eci, Some(&sha256))
        .map_err(|e| anyhow::anyhow!("the signer info: {e}"))?;
    let time = Any::encode_from(&super::dev_ca::time(at)?)?;
    info.add_signed_attribute(Attribute {
        oid: ID_SIGNING_TIME,
        values: SetOfVec::try_from(vec![time])?,
    })
    .map_err(|e| anyhow::anyhow!("the signing time: {e}"))?;
    let mut builder = SignedDataBuilder::new(&eci);
    builder
        .add_digest_algorithm(digest_algorithm)
        .map_err(|e| anyhow::anyhow!("the digest algorithm: {e}"))?;
    for c in chain {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(|e| anyhow::anyhow!("a certificate: {e}"))?;
    }
    builder
        .add_signer_info::<_, Signature>(info)
        .map_err(|e| anyhow::anyhow!("the signature: {e}"))?;
    let cms_der = builder
        .build()
        .map_err(|e| anyhow::anyhow!("the SignedData: {e}"))?
        .to_der()?;
    Ok(Signed {
        cms_der,
        sha256,
        // The attribute holds whole seconds.
        signing_time: DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at),
        certificate: SignerCertificate::of(cert),
    })
}
