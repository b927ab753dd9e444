//! Revocation from certificate revocation lists fetched over HTTP (RFC 5280 §5): each list is
//! checked against its issuer's signature and kept until its `nextUpdate`. When a list cannot
//! be fetched, is not signed by the issuer, or is out of date, the status is unknown (the
//! verifier then refuses the signature: fail closed).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use x509_cert::crl::CertificateList;
use x509_cert::time::Time;
use x509_cert::Certificate;

use super::certs::{same_name, signed_by};
use super::{RevocationChecker, SignatureError};

/// The CRLs at the configured URLs (the national CA publishes one per issuing CA).
pub struct CrlChecker {
    urls: Vec<String>,
    client: reqwest::Client,
    cache: Mutex<HashMap<String, Cached>>,
}

#[derive(Clone)]
struct Cached {
    crl: CertificateList,
    next_update: DateTime<Utc>,
}

impl CrlChecker {
    pub fn new(urls: Vec<String>, timeout: Duration) -> anyhow::Result<CrlChecker> {
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        Ok(CrlChecker {
            urls,
            client,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The list at `url`: from the cache while `at` is before its `nextUpdate`, else fetched.
    async fn list(&self, url: &str, at: DateTime<Utc>) -> Result<CertificateList, String> {
        if let Some(cached) = self.cache.lock().expect("CRL cache lock").get(url) {
            if at < cached.next_update {
                return Ok(cached.crl.clone());
            }
        }
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| format!("fetching the CRL: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("the CRL source answered {}", response.status()));
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("reading the CRL: {e}"))?;
        let crl = parse(&body)?;
        if let Some(next) = crl.tbs_cert_list.next_update {
            let next_update = instant(next);
            self.cache.lock().expect("CRL cache lock").insert(
                url.to_string(),
                Cached {
                    crl: crl.clone(),
                    next_update,
                },
            );
        }
        Ok(crl)
    }
}

/// A CRL in DER or PEM (`-----BEGIN X509 CRL-----`).
pub fn parse(body: &[u8]) -> Result<CertificateList, String> {
    if body.starts_with(b"-----BEGIN") {
        let (label, der) =
            der::pem::decode_vec(body).map_err(|e| format!("the CRL is not valid PEM: {e}"))?;
        if label != "X509 CRL" {
            return Err(format!("a PEM {label}, not an X509 CRL"));
        }
        CertificateList::from_der(&der).map_err(|e| format!("the CRL is not valid DER: {e}"))
    } else {
        CertificateList::from_der(body).map_err(|e| format!("the CRL is not valid DER: {e}"))
    }
}

fn instant(t: Time) -> DateTime<Utc> {
    DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0).unwrap_or_default()
}

/// The status `crl` (already known to be `issuer`'s list) gives `cert` at `at`.
pub fn status_in(
    crl: &CertificateList,
    cert: &Certificate,
    issuer: &Certificate,
    at: DateTime<Utc>,
) -> Result<(), SignatureError> {
    let tbs = crl.tbs_cert_list.to_der().ok();
    if !signed_by(
        &crl.signature_algorithm,
        tbs.as_deref(),
        crl.signature.raw_bytes(),
        issuer,
    ) {
        return Err(SignatureError::RevocationUnknown(
            "the CRL is not signed by the certificate's issuer".into(),
        ));
    }
    let this_update = instant(crl.tbs_cert_list.this_update);
    let current = match crl.tbs_cert_list.next_update {
        Some(next) => this_update <= at && at < instant(next),
        None => this_update <= at,
    };
    if !current {
        return Err(SignatureError::RevocationUnknown(
            "the CRL is not current".into(),
        ));
    }
    let serial = &cert.tbs_certificate.serial_number;
    let revoked = crl
        .tbs_cert_list
        .revoked_certificates
        .iter()
        .flatten()
        .any(|entry| &entry.serial_number == serial && instant(entry.revocation_date) <= at);
    if revoked {
        Err(SignatureError::Revoked)
    } else {
        Ok(())
    }
}

#[async_trait]
impl RevocationChecker for CrlChecker {
    async fn check(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
    ) -> Option<Result<(), SignatureError>> {
        let mut failure = None;
        for url in &self.urls {
            match self.list(url, at).await {
                Ok(crl)
                    if same_name(&crl.tbs_cert_list.issuer, &issuer.tbs_certificate.subject) =>
                {
                    return Some(status_in(&crl, cert, issuer, at));
                }
                Ok(_) => {}
                Err(e) => failure = Some(e),
            }
        }
        // A source that did not answer may be the one for this issuer: the status is unknown.
        failure.map(|e| Err(SignatureError::RevocationUnknown(e)))
    }
}
