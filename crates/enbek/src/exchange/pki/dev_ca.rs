//! The development CA (dev mode only): an RSA 2048 root made at first use and kept in the
//! database, issuing test certificates for an IIN (and an organisation's BIN) the way the
//! national CA names them, revoking them, and answering their revocation from its own list.

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use der::asn1::{PrintableStringRef, SetOfVec, UtcTime, Utf8StringRef};
use der::pem::LineEnding;
use der::{Any, DecodePem, EncodePem};
use enbek_domain::ids::{Bin, Iin};
use rand::RngCore;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::RsaPrivateKey;
use sha2::Sha256;
use spki::SubjectPublicKeyInfoOwned;
use tokio::sync::OnceCell;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::GeneralizedTime;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::certs::{self, ORGANIZATIONAL_UNIT, SERIAL_NUMBER};
use super::{RevocationChecker, SignatureError};
use crate::platform::audit;
use crate::platform::db;
use crate::platform::db::Db;

const KEY_BITS: usize = 2048;
const COMMON_NAME: const_oid::ObjectIdentifier = const_oid::ObjectIdentifier::new_unwrap("2.5.4.3");
const COUNTRY: const_oid::ObjectIdentifier = const_oid::ObjectIdentifier::new_unwrap("2.5.4.6");
const ORGANIZATION: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("2.5.4.10");

pub struct DevCa {
    db: Db,
    authority: OnceCell<Authority>,
}

struct Authority {
    key: RsaPrivateKey,
    certificate: Certificate,
}

/// A test certificate and its private key (PKCS#8), both PEM.
pub struct Issued {
    pub certificate_pem: String,
    pub private_key_pem: String,
    pub serial: String,
    pub not_after: DateTime<Utc>,
}

impl DevCa {
    pub fn new(db: Db) -> DevCa {
        DevCa {
            db,
            authority: OnceCell::new(),
        }
    }

    /// The CA certificate, once made (`None` before the first certificate is issued).
    pub async fn certificate(&self, at: DateTime<Utc>) -> anyhow::Result<Option<Certificate>> {
        if self.authority.get().is_none() && super::store::authority(&self.db.pool).await?.is_none()
        {
            return Ok(None);
        }
        Ok(Some(self.authority(at).await?.certificate.clone()))
    }

    /// The authority: loaded from the database, or made and stored at first use.
    async fn authority(&self, at: DateTime<Utc>) -> anyhow::Result<&Authority> {
        self.authority
            .get_or_try_init(|| async {
                if super::store::authority(&self.db.pool).await?.is_none() {
                    let made = tokio::task::spawn_blocking(move || make_authority(at)).await??;
                    super::store::insert_authority(&self.db.pool, &made, at).await?;
                }
                let stored = super::store::authority(&self.db.pool)
                    .await?
                    .context("the development CA is stored")?;
                Ok(Authority {
                    key: RsaPrivateKey::from_pkcs8_pem(&stored.private_key_pem)?,
                    certificate: Certificate::from_pem(stored.certificate_pem.as_bytes())?,
                })
            })
            .await
    }

    /// Issues a certificate for `iin` (and, for an organisation's, `bin`), valid from an hour
    /// before `at` for a year; recorded and audited.
    pub async fn issue(
        &self,
        iin: &Iin,
        bin: Option<&Bin>,
        at: DateTime<Utc>,
        actor_id: &str,
    ) -> anyhow::Result<Issued> {
        self.issue_to(subject(iin, bin)?, bin.is_some(), at, actor_id)
            .await
    }

    /// Issues an organisation's document-signing certificate (`CN=`, `O=` its id), valid from
    /// an hour before `at` for a year; recorded and audited.
    pub async fn issue_organization(
        &self,
        organization_id: &str,
        at: DateTime<Utc>,
        actor_id: &str,
    ) -> anyhow::Result<Issued> {
        let subject = name(&[
            (COMMON_NAME, "Test document signing certificate"),
            (ORGANIZATION, organization_id),
            (COUNTRY, "KZ"),
        ])?;
        self.issue_to(subject, true, at, actor_id).await
    }

    async fn issue_to(
        &self,
        subject: Name,
        organisation: bool,
        at: DateTime<Utc>,
        actor_id: &str,
    ) -> anyhow::Result<Issued> {
        let authority = self.authority(at).await?;
        let ca_key = authority.key.clone();
        let issuer = authority.certificate.tbs_certificate.subject.clone();
        let not_before = at - Duration::hours(1);
        let not_after = at + Duration::days(365);
        let (certificate, key) = tokio::task::spawn_blocking(move || {
            let key = RsaPrivateKey::new(&mut rand::thread_rng(), KEY_BITS)?;
            let profile = Profile::Leaf {
                issuer,
                enable_key_agreement: false,
                enable_key_encipherment: false,
            };
            let certificate = build(profile, subject, &key, &ca_key, not_before, not_after)?;
            anyhow::Ok((certificate, key))
        })
        .await??;
        let serial = certs::serial_hex(&certificate);
        let mut tx = self.db.begin().await?;
        super::store::insert_certificate(&mut tx, &serial, not_after, at).await?;
        audit::Entry::new(at, "issue", "dev_certificate", &serial)
            .by(actor_id)
            .after(serde_json::json!({ "organisation": organisation }))
            .record(&mut tx);
        tx.commit().await?;
        Ok(Issued {
            certificate_pem: certificate.to_pem(LineEnding::LF)?,
            private_key_pem: key.to_pkcs8_pem(LineEnding::LF)?.to_string(),
            serial,
            not_after,
        })
    }

    /// Revokes a certificate it issued (audited); `None` when it did not issue `serial`.
    pub async fn revoke(
        &self,
        serial: &str,
        at: DateTime<Utc>,
        actor_id: &str,
    ) -> anyhow::Result<Option<DateTime<Utc>>> {
        let mut tx = self.db.begin().await?;
        let Some(revoked_at) = super::store::revoke(&mut tx, serial, at).await? else {
            return Ok(None);
        };
        audit::Entry::new(at, "revoke", "dev_certificate", serial)
            .by(actor_id)
            .after(serde_json::json!({ "revoked_at": db::ts(revoked_at) }))
            .record(&mut tx);
        tx.commit().await?;
        Ok(Some(revoked_at))
    }
}

#[async_trait]
impl RevocationChecker for DevCa {
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
    ) -> Option<Result<(), SignatureError>> {
        let ours = self.authority.get()?;
        if !certs::same_certificate(issuer, &ours.certificate) {
            return None;
        }
        let serial = certs::serial_hex(cert);
        Some(
            match super::store::revoked_at(&self.db.pool, &serial).await {
                Ok(Some(None)) => Ok(()),
                Ok(Some(Some(revoked))) if revoked <= at => Err(SignatureError::Revoked),
                Ok(Some(Some(_))) => Ok(()),
                Ok(None) => Err(SignatureError::RevocationUnknown(
                    "not a certificate the development CA issued".into(),
                )),
                Err(e) => Err(SignatureError::RevocationUnknown(e.to_string())),
            },
        )
    }
}

/// A new self-signed root, valid ten years back and thirty ahead of `at` (so that the dev
/// clock can move).
fn make_authority(at: DateTime<Utc>) -> anyhow::Result<super::store::StoredAuthority> {
    let key = RsaPrivateKey::new(&mut rand::thread_rng(), KEY_BITS)?;
    let subject = name(&[
        (
            COMMON_NAME,
            "Enbek development CA (not trusted in production)",
        ),
        (ORGANIZATION, "Enbek development"),
        (COUNTRY, "KZ"),
    ])?;
    let certificate = build(
        Profile::Root,
        subject,
        &key,
        &key,
        at - Duration::days(3650),
        at + Duration::days(3650 * 3),
    )?;
    Ok(super::store::StoredAuthority {
        certificate_pem: certificate.to_pem(LineEnding::LF)?,
        private_key_pem: key.to_pkcs8_pem(LineEnding::LF)?.to_string(),
    })
}

/// The subject the national CA gives a person (`SERIALNUMBER=IIN…`) or an organisation's
/// employee (`OU=BIN…` too).
fn subject(iin: &Iin, bin: Option<&Bin>) -> anyhow::Result<Name> {
    let serial = format!("IIN{}", iin.as_str());
    let mut attrs = vec![
        (COMMON_NAME, "Test certificate".to_string()),
        (SERIAL_NUMBER, serial),
        (COUNTRY, "KZ".to_string()),
    ];
    if let Some(bin) = bin {
        attrs.push((ORGANIZATION, "Test organisation".to_string()));
        attrs.push((ORGANIZATIONAL_UNIT, format!("BIN{}", bin.as_str())));
    }
    let borrowed: Vec<_> = attrs.iter().map(|(o, v)| (*o, v.as_str())).collect();
    name(&borrowed)
}

/// A name of one attribute per RDN; the IIN, BIN and country as PrintableString, the rest UTF-8.
pub fn name(attrs: &[(const_oid::ObjectIdentifier, &str)]) -> anyhow::Result<Name> {
    let mut rdns = Vec::new();
    for (oid, value) in attrs {
        let value = if *oid == COMMON_NAME || *oid == ORGANIZATION {
            Any::from(Utf8StringRef::new(value)?)
        } else {
            Any::from(PrintableStringRef::new(value)?)
        };
        let atv = AttributeTypeAndValue { oid: *oid, value };
        rdns.push(RelativeDistinguishedName(SetOfVec::try_from(vec![atv])?));
    }
    Ok(RdnSequence(rdns))
}

/// Builds a certificate for `key`'s public half, signed by `ca_key` (RSA PKCS#1 v1.5, SHA-256).
pub fn build(
    profile: Profile,
    subject: Name,
    key: &RsaPrivateKey,
    ca_key: &RsaPrivateKey,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
) -> anyhow::Result<Certificate> {
    let mut serial = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut serial);
    // Positive, and no leading zero octet: the stored hex is the encoded serial.
    serial[0] = (serial[0] & 0x7f) | 0x01;
    let validity = Validity {
        not_before: time(not_before)?,
        not_after: time(not_after)?,
    };
    let spki = SubjectPublicKeyInfoOwned::from_key(key.to_public_key())?;
    let signer = SigningKey::<Sha256>::new(ca_key.clone());
    let builder = CertificateBuilder::new(
        profile,
        SerialNumber::new(&serial)?,
        validity,
        subject,
        spki,
        &signer,
    )?;
    Ok(builder.build::<rsa::pkcs1v15::Signature>()?)
}

/// An X.509 time: UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
pub(super) fn time(at: DateTime<Utc>) -> anyhow::Result<Time> {
    let since_epoch = std::time::Duration::from_secs(at.timestamp().max(0) as u64);
    Ok(if at.timestamp() < 2_524_608_000 {
        Time::UtcTime(UtcTime::from_unix_duration(since_epoch)?)
    } else {
        Time::GeneralTime(GeneralizedTime::from_unix_duration(since_epoch)?)
    })
}
