//! X.509 certificates: reading them, the names they carry (IIN, BIN), their validity, and an
//! issuer's RSA signature on them.

use chrono::{DateTime, Utc};
use const_oid::ObjectIdentifier;
use der::asn1::{Ia5StringRef, PrintableStringRef, Utf8StringRef};
use der::{Any, Decode, Encode, Tag, Tagged};
use enbek_domain::ids::{Bin, Iin};
use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::{SignatureError, Signer};

pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
pub const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
pub const SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
pub const ORGANIZATIONAL_UNIT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");

/// Key algorithms of the GOST family: Kazakhstan's GOST 34.310-2004 and GOST R 34.10-2015
/// (arc 1.2.398.3.10), and the Russian arc (1.2.643) some of its tools also use.
const GOST_ARCS: [&str; 2] = ["1.2.398.", "1.2.643."];

/// The digest algorithms accepted, by OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn from_digest_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            SHA256 => Some(Hash::Sha256),
            SHA384 => Some(Hash::Sha384),
            SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The digest named by an RSA PKCS#1 v1.5 signature algorithm (`sha256WithRSAEncryption`…).
    pub fn from_rsa_signature_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            SHA256_WITH_RSA => Some(Hash::Sha256),
            SHA384_WITH_RSA => Some(Hash::Sha384),
            SHA512_WITH_RSA => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
            Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

/// Every certificate in a PEM text (a bundle of roots and intermediates).
pub fn from_pem(text: &str) -> Result<Vec<Certificate>, String> {
    let certs = Certificate::load_pem_chain(text.as_bytes()).map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err("no certificate in the file".into());
    }
    Ok(certs)
}

/// Whether the certificate's key is of the GOST family (verified by the signing service).
pub fn is_gost(cert: &Certificate) -> bool {
    let oid = cert
        .tbs_certificate
        .subject_public_key_info
        .algorithm
        .oid
        .to_string();
    GOST_ARCS.iter().any(|arc| oid.starts_with(arc))
}

pub fn is_rsa(cert: &Certificate) -> bool {
    cert.tbs_certificate.subject_public_key_info.algorithm.oid == RSA_ENCRYPTION
}

/// The RSA public key of a certificate.
pub fn rsa_key(cert: &Certificate) -> Result<RsaPublicKey, SignatureError> {
    let der = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    RsaPublicKey::from_public_key_der(&der)
        .map_err(|e| SignatureError::Malformed(format!("the certificate's RSA key: {e}")))
}

/// Checks an RSA PKCS#1 v1.5 signature over `message` with the digest `hash`.
pub fn verify_rsa(key: &RsaPublicKey, hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    key.verify(hash.pkcs1v15(), &hash.digest(message), signature)
        .is_ok()
}

/// Whether `issuer` signed `cert`: names match and the issuer's RSA key verifies the signature
/// on the to-be-signed part.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if !same_name(
        &cert.tbs_certificate.issuer,
        &issuer.tbs_certificate.subject,
    ) {
        return false;
    }
    signed_by(
        &cert.signature_algorithm,
        cert.tbs_certificate.to_der().ok().as_deref(),
        cert.signature.raw_bytes(),
        issuer,
    )
}

/// Whether `issuer`'s RSA key made `signature` (algorithm `algorithm`) over `tbs`.
pub fn signed_by(
    algorithm: &AlgorithmIdentifierOwned,
    tbs: Option<&[u8]>,
    signature: &[u8],
    issuer: &Certificate,
) -> bool {
    let (Some(tbs), Some(hash)) = (tbs, Hash::from_rsa_signature_oid(&algorithm.oid)) else {
        return false;
    };
    match rsa_key(issuer) {
        Ok(key) => verify_rsa(&key, hash, tbs, signature),
        Err(_) => false,
    }
}

pub fn same_name(a: &Name, b: &Name) -> bool {
    matches!((a.to_der(), b.to_der()), (Ok(x), Ok(y)) if x == y)
}

pub fn same_certificate(a: &Certificate, b: &Certificate) -> bool {
    matches!((a.to_der(), b.to_der()), (Ok(x), Ok(y)) if x == y)
}

/// Whether the certificate is valid at `at` (`notBefore` ≤ at ≤ `notAfter`).
pub fn valid_at(cert: &Certificate, at: DateTime<Utc>) -> bool {
    let validity = &cert.tbs_certificate.validity;
    let secs = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let now = at.timestamp();
    secs(validity.not_before) <= now && now <= secs(validity.not_after)
}

/// The serial number in hex (lowercase, as stored and audited).
pub fn serial_hex(cert: &Certificate) -> String {
    hex::encode(cert.tbs_certificate.serial_number.as_bytes())
}

/// The signer a certificate names: `SERIALNUMBER=IIN…` and, on an organisation's certificate,
/// `OU=BIN…` (the Kazakh national CA's convention).
pub fn signer_of(cert: &Certificate) -> Signer {
    let subject = &cert.tbs_certificate.subject;
    let iin = attribute(subject, SERIAL_NUMBER, "IIN").and_then(|v| Iin::parse(&v).ok());
    let bin = attribute(subject, ORGANIZATIONAL_UNIT, "BIN").and_then(|v| Bin::parse(&v).ok());
    Signer {
        iin,
        bin,
        certificate_serial: serial_hex(cert),
        issuer: cert.tbs_certificate.issuer.to_string(),
    }
}

/// The value after `prefix` of the first attribute `oid` in `name` that starts with it.
fn attribute(name: &Name, oid: ObjectIdentifier, prefix: &str) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| text(&atv.value))
        .find_map(|v| v.strip_prefix(prefix).map(str::to_string))
}

/// A directory string's text (printable, UTF-8 or IA5).
fn text(value: &Any) -> Option<String> {
    let der = value.to_der().ok()?;
    match value.tag() {
        Tag::PrintableString => PrintableStringRef::from_der(&der)
            .ok()
            .map(|s| s.to_string()),
        Tag::Utf8String => Utf8StringRef::from_der(&der).ok().map(|s| s.to_string()),
        Tag::Ia5String => Ia5StringRef::from_der(&der).ok().map(|s| s.to_string()),
        _ => None,
    }
}

/// A signature file's DER: as it is (DER), or decoded from PEM or from base64 text.
pub fn der_of(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    use base64::Engine;
    let text = std::str::from_utf8(bytes).map(str::trim);
    match text {
        Ok(t) if t.starts_with("-----BEGIN") => Ok(der::pem::decode_vec(t.as_bytes())
            .map_err(|e| anyhow::anyhow!("a PEM signature: {e}"))?
            .1),
        Ok(t)
            if !t.is_empty()
                && t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(&b)) =>
        {
            let joined: String = t.split_whitespace().collect();
            Ok(base64::engine::general_purpose::STANDARD.decode(joined)?)
        }
        _ => Ok(bytes.to_vec()),
    }
}
