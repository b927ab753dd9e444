//! Signing a rendered form (214 App.9) with the organisation's key and verifying the detached
//! signature: the exchange's `LocalSigner` with the development CA on a temporary SQLite
//! database, and `CmsVerifier::verify_detached`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

use super::interface::{render, Form, Issue, Seal, UnemployedInfo};
use crate::exchange::pki::signer::{sign_detached, SigningPair};
use crate::exchange::pki::{
    certs, CmsVerifier, DevCa, DocumentSigner, LocalSigner, SignatureError,
};
use crate::platform::db::Db;
use crate::web::Lang;

const ORG: &str = "cc-almaty-01";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 5, 0, 0).unwrap()
}

struct Setup {
    dir: PathBuf,
    dev_ca: Arc<DevCa>,
    signer: LocalSigner,
    verifier: CmsVerifier,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn setup() -> Setup {
    let dir = std::env::temp_dir().join(format!("enbek-sign-{}", uuid::Uuid::new_v4()));
    let db = Db::connect(&format!("sqlite://{}/enbek.db", dir.display()))
        .await
        .unwrap();
    let dev_ca = Arc::new(DevCa::new(db));
    let signer = LocalSigner::new(dir.join("keys"), Some(dev_ca.clone()));
    let verifier = CmsVerifier::new(vec![], Some(dev_ca.clone()), vec![], None);
    Setup {
        dir,
        dev_ca,
        signer,
        verifier,
    }
}

/// A rendered 214 App.9 (information on registration as unemployed), in Kazakh, with its seal.
fn app9() -> Vec<u8> {
    let form = Form::UnemployedInfo(UnemployedInfo {
        issue: Issue {
            number: "9-000123".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
            career_center: "Алматы қаласының мансап орталығы".into(),
            specialist: "Әлиева Айгүл Серікқызы".into(),
        },
        person: "Сейітов Нұрлан Бекұлы".into(),
        registration: Some((
            "Алматы қаласының еңбек ұтқырлығы орталығы".into(),
            NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(),
        )),
        valid_until: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
    });
    let seal = Seal {
        document_id: "0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81".into(),
        url: "https://enbek.kz/verify/0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81".into(),
    };
    render(&form, Lang::Kk, &seal).unwrap()
}

#[tokio::test]
async fn a_signed_app9_verifies_with_its_certificate_digest_and_signing_time() {
    let s = setup().await;
    let pdf = app9();
    let signed = s.signer.sign(ORG, &pdf, at()).await.unwrap();
    assert_eq!(signed.signing_time, at());
    assert_eq!(signed.sha256, Sha256::digest(&pdf).to_vec());
    assert!(signed.certificate.subject.contains(ORG));
    assert!(signed.certificate.issuer.contains("Enbek development CA"));
    // Detached: the PDF is not inside the signature.
    assert!(signed.cms_der.len() < pdf.len());

    let verified = s
        .verifier
        .verify_detached(&signed.cms_der, &pdf, at() + Duration::days(3))
        .await
        .unwrap();
    assert_eq!(verified.signing_time, at());
    assert_eq!(verified.certificate, signed.certificate);
    assert_eq!(
        verified.signer.certificate_serial,
        signed.certificate.serial
    );

    // The organisation's certificate is kept: the next signature uses it again.
    let again = s
        .signer
        .sign(ORG, b"another document", at() + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(again.certificate.serial, signed.certificate.serial);
    assert_eq!(again.signing_time, at() + Duration::hours(2));
    // Another organisation gets its own.
    let other = s.signer.sign("cc-astana-02", &pdf, at()).await.unwrap();
    assert_ne!(other.certificate.serial, signed.certificate.serial);
    // An id that is not a plain file name is refused.
    assert!(s.signer.sign("../x", &pdf, at()).await.is_err());
}

#[tokio::test]
async fn one_changed_byte_makes_the_signature_invalid() {
    let s = setup().await;
    let mut pdf = app9();
    let signed = s.signer.sign(ORG, &pdf, at()).await.unwrap();
    let middle = pdf.len() / 2;
    pdf[middle] ^= 0x01;
    let answer = s
        .verifier
        .verify_detached(&signed.cms_der, &pdf, at() + Duration::hours(1))
        .await;
    assert_eq!(answer, Err(SignatureError::Invalid));
}

#[tokio::test]
async fn a_revoked_certificate_makes_the_signature_invalid_from_its_revocation() {
    let s = setup().await;
    let pdf = app9();
    let signed = s.signer.sign(ORG, &pdf, at()).await.unwrap();
    let revoked_at = at() + Duration::days(1);
    s.dev_ca
        .revoke(&signed.certificate.serial, revoked_at, "test")
        .await
        .unwrap()
        .unwrap();
    let before = s
        .verifier
        .verify_detached(&signed.cms_der, &pdf, revoked_at - Duration::hours(1))
        .await;
    assert!(before.is_ok(), "{before:?}");
    let after = s
        .verifier
        .verify_detached(&signed.cms_der, &pdf, revoked_at + Duration::hours(1))
        .await;
    assert_eq!(after, Err(SignatureError::Revoked));
}

#[tokio::test]
async fn a_certificate_expired_at_signing_time_is_refused_by_the_signer_and_the_verifier() {
    let s = setup().await;
    let pdf = app9();
    let signed = s.signer.sign(ORG, &pdf, at()).await.unwrap();
    let late = signed.certificate.not_after + Duration::days(1);
    // A signature made with it anyway is refused.
    let keys = s.dir.join("keys");
    let key_pem = std::fs::read_to_string(keys.join(format!("{ORG}.key.pem"))).unwrap();
    let key = RsaPrivateKey::from_pkcs8_pem(&key_pem).unwrap();
    let cert_pem = std::fs::read_to_string(keys.join(format!("{ORG}.cert.pem"))).unwrap();
    let chain = certs::from_pem(&cert_pem).unwrap();
    let expired = sign_detached(&SigningPair::new(&key).unwrap(), &chain, &pdf, late).unwrap();
    assert_eq!(expired.signing_time, late);
    let answer = s
        .verifier
        .verify_detached(&expired.cms_der, &pdf, late + Duration::hours(1))
        .await;
    assert_eq!(answer, Err(SignatureError::Expired));
    // Outside dev mode the signer does not sign with an expired certificate.
    let production = LocalSigner::new(&keys, None);
    assert!(production.sign(ORG, &pdf, late).await.is_err());
    // In dev mode the development CA issues the organisation a new one.
    let renewed = s.signer.sign(ORG, &pdf, late).await.unwrap();
    assert_ne!(renewed.certificate.serial, signed.certificate.serial);
    assert!(renewed.certificate.not_after > late);
    let answer = s
        .verifier
        .verify_detached(&renewed.cms_der, &pdf, late + Duration::hours(1))
        .await;
    assert!(answer.is_ok(), "{answer:?}");
}

#[tokio::test]
async fn a_signer_of_another_ca_is_unknown_and_other_bytes_are_malformed() {
    let ours = setup().await;
    let theirs = setup().await;
    let pdf = app9();
    let foreign = theirs.signer.sign(ORG, &pdf, at()).await.unwrap();
    // Make our CA exist, so that the verifier has an anchor at all.
    ours.signer.sign(ORG, &pdf, at()).await.unwrap();
    let answer = ours
        .verifier
        .verify_detached(&foreign.cms_der, &pdf, at() + Duration::hours(1))
        .await;
    assert_eq!(answer, Err(SignatureError::Untrusted));
    let answer = ours
        .verifier
        .verify_detached(b"not a signature", &pdf, at())
        .await;
    assert!(matches!(answer, Err(SignatureError::Malformed(_))));
}

#[tokio::test]
async fn key_files_replaced_by_the_operator_are_read_again_and_unchanged_ones_are_not() {
    let s = setup().await;
    let pdf = app9();
    let first = s.signer.sign(ORG, &pdf, at()).await.unwrap();
    // Outside dev mode, with the files the operator put in the folder.
    let keys = s.dir.join("keys");
    let production = LocalSigner::new(&keys, None);
    let read = production.sign(ORG, &pdf, at()).await.unwrap();
    assert_eq!(read.certificate.serial, first.certificate.serial);
    // The operator puts another organisation's key and certificate in their place.
    let other = s.signer.sign("cc-astana-02", &pdf, at()).await.unwrap();
    for ext in ["key.pem", "cert.pem"] {
        let from = keys.join(format!("cc-astana-02.{ext}"));
        let to = keys.join(format!("{ORG}.{ext}"));
        // Written well after the first files (the second organisation's key was generated
        // meanwhile), so the modification time differs.
        std::fs::copy(from, to).unwrap();
    }
    let replaced = production.sign(ORG, &pdf, at()).await.unwrap();
    assert_eq!(replaced.certificate.serial, other.certificate.serial);
    assert_ne!(replaced.certificate.serial, first.certificate.serial);
    // A key file that no longer parses: refused, not signed with what was read before.
    std::fs::write(keys.join(format!("{ORG}.key.pem")), "not a key").unwrap();
    assert!(production.sign(ORG, &pdf, at()).await.is_err());
}
