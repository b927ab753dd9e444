//! The verifier against certificates and signatures made here: a root CA, an intermediate, a
//! second (untrusted) CA, and CMS messages signed attached and detached.

use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::BitString;
use der::{Any, Encode, Tag};
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier};
use std::sync::{Arc, OnceLock};
use x509_cert::builder::Profile;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::Certificate;

use super::certs::{self, ORGANIZATIONAL_UNIT, SERIAL_NUMBER, SHA256};
use super::crl::CrlChecker;
use super::dev_ca::{build, name};
use super::*;

const CN: const_oid::ObjectIdentifier = const_oid::ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_DATA: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const IIN: &str = "900101300017";

/// RSA keys are slow to make: four, made once, serve every test.
fn test_key(i: usize) -> RsaPrivateKey {
    static KEYS: OnceLock<Vec<RsaPrivateKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        (0..4)
            .map(|_| RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("a key"))
            .collect()
    })[i]
        .clone()
}

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 5, 0, 0).unwrap()
}

pub struct Pki {
    pub root: Certificate,
    pub root_key: RsaPrivateKey,
}

pub fn root(key_index: usize, cn: &str) -> Pki {
    let root_key = test_key(key_index);
    let root = build(
        Profile::Root,
        name(&[(CN, cn)]).unwrap(),
        &root_key,
        &root_key,
        at() - Duration::days(1000),
        at() + Duration::days(1000),
    )
    .unwrap();
    Pki { root, root_key }
}

fn person(iin: &str, bin: Option<&str>) -> x509_cert::name::Name {
    let serial = format!("IIN{iin}");
    let mut attrs = vec![(CN, "Test person"), (SERIAL_NUMBER, serial.as_str())];
    let ou = bin.map(|b| format!("BIN{b}"));
    if let Some(ou) = &ou {
        attrs.push((ORGANIZATIONAL_UNIT, ou));
    }
    name(&attrs).unwrap()
}

/// A leaf for `iin` signed by `issuer`, valid between the two instants.
pub fn leaf(
    issuer: &Certificate,
    issuer_key: &RsaPrivateKey,
    subject: x509_cert::name::Name,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> (Certificate, RsaPrivateKey) {
    let profile = Profile::Leaf {
        issuer: issuer.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let cert = build(profile, subject, &test_key(1), issuer_key, from, to).unwrap();
    (cert, test_key(1))
}

/// CMS SignedData by `key` (certificate `cert`, plus `extra` certificates) over `content`.
pub fn sign(
    cert: &Certificate,
    key: &RsaPrivateKey,
    extra: &[Certificate],
    content: &[u8],
    detached: bool,
) -> Vec<u8> {
    let econtent = (!detached).then(|| Any::new(Tag::OctetString, content).unwrap());
    let eci = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent,
    };
    let signer = SigningKey::<Sha256>::new(key.clone());
    let digest = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let external = detached.then(|| Sha256::digest(content).to_vec());
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let info =
        SignerInfoBuilder::new(&signer, sid, digest.clone(), &eci, external.as_deref()).unwrap();
    let mut builder = SignedDataBuilder::new(&eci);
    builder.add_digest_algorithm(digest).unwrap();
    for c in std::iter::once(cert).chain(extra) {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .unwrap();
    }
    builder
        .add_signer_info::<_, rsa::pkcs1v15::Signature>(info)
        .unwrap();
    builder.build().unwrap().to_der().unwrap()
}

/// A CRL by `pki`'s root listing `revoked`, current from `this_update` for a day.
pub fn crl(pki: &Pki, revoked: &[&Certificate], this_update: DateTime<Utc>) -> Vec<u8> {
    let signer = SigningKey::<Sha256>::new(pki.root_key.clone());
    let algorithm = signer.signature_algorithm_identifier().unwrap();
    let time = |t: DateTime<Utc>| {
        x509_cert::time::Time::UtcTime(
            der::asn1::UtcTime::from_unix_duration(std::time::Duration::from_secs(
                t.timestamp() as u64
            ))
            .unwrap(),
        )
    };
    let entries: Vec<RevokedCert> = revoked
        .iter()
        .map(|c| RevokedCert {
            serial_number: c.tbs_certificate.serial_number.clone(),
            revocation_date: time(this_update),
            crl_entry_extensions: None,
        })
        .collect();
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: algorithm.clone(),
        issuer: pki.root.tbs_certificate.subject.clone(),
        this_update: time(this_update),
        next_update: Some(time(this_update + Duration::days(1))),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: None,
    };
    let signature = signer.sign(&tbs.to_der().unwrap()).to_vec();
    CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).unwrap(),
    }
    .to_der()
    .unwrap()
}

/// A revocation source that answers "not revoked" for every issuer.
struct NoneRevoked;

#[async_trait]
impl RevocationChecker for NoneRevoked {
    async fn check(
        &self,
        _: &Certificate,
        _: &Certificate,
        _: DateTime<Utc>,
    ) -> Option<Result<(), SignatureError>> {
        Some(Ok(()))
    }
}

fn verifier(pki: &Pki) -> CmsVerifier {
    CmsVerifier::new(
        vec![pki.root.clone()],
        None,
        vec![Arc::new(NoneRevoked)],
        None,
    )
}

fn person_leaf(pki: &Pki) -> (Certificate, RsaPrivateKey) {
    leaf(
        &pki.root,
        &pki.root_key,
        person(IIN, None),
        at() - Duration::days(10),
        at() + Duration::days(10),
    )
}

#[tokio::test]
async fn an_attached_and_a_detached_signature_name_the_certificates_iin() {
    let pki = root(0, "Test root");
    let (cert, key) = person_leaf(&pki);
    let v = verifier(&pki);
    for detached in [false, true] {
        let cms = sign(&cert, &key, &[], b"challenge", detached);
        let signer = v.verify(&cms, b"challenge", at()).await.unwrap();
        assert_eq!(signer.iin.unwrap().as_str(), IIN);
        assert_eq!(signer.bin, None);
        assert_eq!(signer.certificate_serial, certs::serial_hex(&cert));
    }
}

#[tokio::test]
async fn an_organisation_certificate_carries_its_bin() {
    let pki = root(0, "Test root");
    let (cert, key) = leaf(
        &pki.root,
        &pki.root_key,
        person(IIN, Some("040340001233")),
        at() - Duration::days(1),
        at() + Duration::days(1),
    );
    let cms = sign(&cert, &key, &[], b"c", false);
    let signer = verifier(&pki).verify(&cms, b"c", at()).await.unwrap();
    assert_eq!(signer.bin.unwrap().as_str(), "040340001233");
}

#[tokio::test]
async fn other_content_or_changed_signature_bytes_are_invalid() {
    let pki = root(0, "Test root");
    let (cert, key) = person_leaf(&pki);
    let v = verifier(&pki);
    for detached in [false, true] {
        let cms = sign(&cert, &key, &[], b"challenge", detached);
        assert_eq!(
            v.verify(&cms, b"challengf", at()).await,
            Err(SignatureError::Invalid)
        );
        // The last bytes of the message are the signature value's.
        let mut tampered = cms.clone();
        let n = tampered.len();
        tampered[n - 5] ^= 0x01;
        assert_eq!(
            v.verify(&tampered, b"challenge", at()).await,
            Err(SignatureError::Invalid)
        );
    }
}

#[tokio::test]
async fn validity_is_judged_at_the_instant_given_on_both_sides_of_each_bound() {
    let pki = root(0, "Test root");
    let (cert, key) = leaf(
        &pki.root,
        &pki.root_key,
        person(IIN, None),
        at(),
        at() + Duration::days(1),
    );
    let cms = sign(&cert, &key, &[], b"c", false);
    let v = verifier(&pki);
    assert!(v.verify(&cms, b"c", at()).await.is_ok());
    assert!(v.verify(&cms, b"c", at() + Duration::days(1)).await.is_ok());
    let not_yet = at() - Duration::seconds(1);
    assert_eq!(
        v.verify(&cms, b"c", not_yet).await,
        Err(SignatureError::Expired)
    );
    let expired = at() + Duration::days(1) + Duration::seconds(1);
    assert_eq!(
        v.verify(&cms, b"c", expired).await,
        Err(SignatureError::Expired)
    );
}

#[tokio::test]
async fn a_certificate_of_another_ca_is_untrusted() {
    let trusted = root(0, "Test root");
    let other = root(2, "Another root");
    let (cert, key) = person_leaf(&other);
    let cms = sign(&cert, &key, std::slice::from_ref(&other.root), b"c", false);
    assert_eq!(
        verifier(&trusted).verify(&cms, b"c", at()).await,
        Err(SignatureError::Untrusted)
    );
    // The same name is not enough: the issuer's signature must verify.
    let impostor = root(2, "Test root");
    let (cert, key) = person_leaf(&impostor);
    let cms = sign(&cert, &key, &[], b"c", false);
    assert_eq!(
        verifier(&trusted).verify(&cms, b"c", at()).await,
        Err(SignatureError::Untrusted)
    );
}

#[tokio::test]
async fn an_intermediate_ca_carried_in_the_message_links_to_the_root_but_a_leaf_cannot_issue() {
    let pki = root(0, "Test root");
    let sub_key = test_key(3);
    let profile = Profile::SubCA {
        issuer: pki.root.tbs_certificate.subject.clone(),
        path_len_constraint: Some(0),
    };
    let sub = build(
        profile,
        name(&[(CN, "Test issuing CA")]).unwrap(),
        &sub_key,
        &pki.root_key,
        at() - Duration::days(100),
        at() + Duration::days(100),
    )
    .unwrap();
    let (cert, key) = leaf(
        &sub,
        &sub_key,
        person(IIN, None),
        at() - Duration::days(1),
        at() + Duration::days(1),
    );
    let cms = sign(&cert, &key, std::slice::from_ref(&sub), b"c", false);
    assert!(verifier(&pki).verify(&cms, b"c", at()).await.is_ok());
    // Without the intermediate the chain is broken.
    let cms = sign(&cert, &key, &[], b"c", false);
    assert_eq!(
        verifier(&pki).verify(&cms, b"c", at()).await,
        Err(SignatureError::Untrusted)
    );
    // An end-entity certificate (not a CA) cannot vouch for another.
    let (person_cert, person_key) = person_leaf(&pki);
    let (forged, forged_key) = leaf(
        &person_cert,
        &person_key,
        person("850505400127", None),
        at() - Duration::days(1),
        at() + Duration::days(1),
    );
    let cms = sign(&forged, &forged_key, &[person_cert], b"c", false);
    assert_eq!(
        verifier(&pki).verify(&cms, b"c", at()).await,
        Err(SignatureError::Untrusted)
    );
}

#[tokio::test]
async fn malformed_input_is_refused_as_such() {
    let pki = root(0, "Test root");
    let v = verifier(&pki);
    for bad in [&b""[..], b"not der", &[0x30, 0x03, 0x02, 0x01, 0x01]] {
        assert!(matches!(
            v.verify(bad, b"c", at()).await,
            Err(SignatureError::Malformed(_))
        ));
    }
}

#[tokio::test]
async fn without_any_revocation_source_the_status_is_unknown() {
    let pki = root(0, "Test root");
    let (cert, key) = person_leaf(&pki);
    let cms = sign(&cert, &key, &[], b"c", false);
    let v = CmsVerifier::new(vec![pki.root.clone()], None, Vec::new(), None);
    assert!(matches!(
        v.verify(&cms, b"c", at()).await,
        Err(SignatureError::RevocationUnknown(_))
    ));
}

/// Serves `body` at `/ca.crl` on a port of its own; returns the URL.
async fn serve_crl(body: Vec<u8>) -> String {
    let app = axum::Router::new().route(
        "/ca.crl",
        axum::routing::get(move || {
            let body = body.clone();
            async move { body }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/ca.crl")
}

fn crl_verifier(pki: &Pki, url: String) -> CmsVerifier {
    let checker = CrlChecker::new(vec![url], std::time::Duration::from_secs(2)).unwrap();
    CmsVerifier::new(vec![pki.root.clone()], None, vec![Arc::new(checker)], None)
}

#[tokio::test]
async fn a_certificate_on_the_cas_crl_is_revoked_and_one_absent_is_not() {
    let pki = root(0, "Test root");
    let (revoked, key) = person_leaf(&pki);
    let (good, _) = person_leaf(&pki);
    let url = serve_crl(crl(&pki, &[&revoked], at() - Duration::hours(1))).await;
    let v = crl_verifier(&pki, url);
    let cms = sign(&revoked, &key, &[], b"c", false);
    assert_eq!(
        v.verify(&cms, b"c", at()).await,
        Err(SignatureError::Revoked)
    );
    let cms = sign(&good, &key, &[], b"c", false);
    assert!(v.verify(&cms, b"c", at()).await.is_ok());
}

#[tokio::test]
async fn an_unreachable_stale_or_forged_crl_leaves_the_status_unknown() {
    let pki = root(0, "Test root");
    let (cert, key) = person_leaf(&pki);
    let cms = sign(&cert, &key, &[], b"c", false);
    let unknown =
        |r: Result<Signer, SignatureError>| matches!(r, Err(SignatureError::RevocationUnknown(_)));
    // Nothing listens at the URL.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/ca.crl", closed.local_addr().unwrap());
    drop(closed);
    assert!(unknown(
        crl_verifier(&pki, url).verify(&cms, b"c", at()).await
    ));
    // A list past its nextUpdate.
    let url = serve_crl(crl(&pki, &[], at() - Duration::days(2))).await;
    assert!(unknown(
        crl_verifier(&pki, url).verify(&cms, b"c", at()).await
    ));
    // A list naming the CA but signed by another key.
    let forger = Pki {
        root: pki.root.clone(),
        root_key: test_key(2),
    };
    let url = serve_crl(crl(&forger, &[], at() - Duration::hours(1))).await;
    assert!(unknown(
        crl_verifier(&pki, url).verify(&cms, b"c", at()).await
    ));
}

/// A certificate whose key is GOST (Kazakhstan's GOST R 34.10-2015 arc); the signature in the
/// message is RSA, which the signing service's simulator does not look at.
fn gost_leaf(pki: &Pki) -> Certificate {
    use x509_cert::builder::{Builder, CertificateBuilder};
    let spki = spki::SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: const_oid::ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.1"),
            parameters: None,
        },
        subject_public_key: BitString::from_bytes(&[0x04; 64]).unwrap(),
    };
    let rsa_cert = person_leaf(pki).0;
    let signer = SigningKey::<Sha256>::new(pki.root_key.clone());
    let profile = Profile::Leaf {
        issuer: pki.root.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    CertificateBuilder::new(
        profile,
        rsa_cert.tbs_certificate.serial_number.clone(),
        rsa_cert.tbs_certificate.validity,
        person(IIN, None),
        spki,
        &signer,
    )
    .unwrap()
    .build::<rsa::pkcs1v15::Signature>()
    .unwrap()
}

#[tokio::test]
async fn a_gost_signature_goes_to_the_signing_service_and_without_one_is_unsupported() {
    let pki = root(0, "Test root");
    let cert = gost_leaf(&pki);
    let cms = sign(&cert, &test_key(1), &[], b"c", false);
    assert!(matches!(
        verifier(&pki).verify(&cms, b"c", at()).await,
        Err(SignatureError::Unsupported(_))
    ));
    // A service that finds it valid, with its OCSP check made.
    let answer = serde_json::json!({ "status": 200, "message": "OK", "valid": true,
        "signers": [{ "certificates": [{ "valid": true, "revocations": [{ "revoked": false, "by": "OCSP" }] }] }] });
    let app = axum::Router::new().route(
        "/cms/verify",
        axum::routing::post(move || {
            let answer = answer.clone();
            async move { axum::Json(answer) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let node = ncanode::NcaNode::new(&url, std::time::Duration::from_secs(2)).unwrap();
    let v = CmsVerifier::new(vec![pki.root.clone()], None, Vec::new(), Some(node));
    let signer = v.verify(&cms, b"c", at()).await.unwrap();
    assert_eq!(signer.iin.unwrap().as_str(), IIN);
    // The dates are judged here too, and other content never reaches the service.
    let late = at() + Duration::days(11);
    assert_eq!(
        v.verify(&cms, b"c", late).await,
        Err(SignatureError::Expired)
    );
    assert_eq!(
        v.verify(&cms, b"d", at()).await,
        Err(SignatureError::Invalid)
    );
}
