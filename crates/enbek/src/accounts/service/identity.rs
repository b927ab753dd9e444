//! Identity proofing: an account acts for an IIN only once the person proves it, by a one-time
//! code sent to the phone the mobile-citizens registry links to that IIN, or by an electronic
//! signature whose certificate names the IIN (see `enbek_domain::accounts::identity`).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use enbek_domain::accounts::identity::{
    self as rules, mask_phone, proof_state, ProofMethod, ProofState,
};
use enbek_domain::contact::Phone;
use enbek_domain::ids::Iin;
use rand::{Rng, RngCore};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::accounts::error::Code;
use crate::accounts::error::{Error, Result};
use crate::accounts::notices::Kind;
use crate::accounts::store::accounts;
use crate::accounts::store::identity::{self as store, Certificate, Proof};
use crate::exchange::pki::SignatureError;
use crate::platform::audit;
use crate::platform::db::{new_id, Tx};
use crate::platform::http::lang::Lang;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::notify::Recipient;
use crate::platform::problem::Common;
use crate::platform::state::AppState;

/// What the person is given to complete the proof.
pub struct Started {
    pub proof_id: String,
    pub expires_at: DateTime<Utc>,
    /// Base64 bytes to sign (signature).
    pub challenge: Option<String>,
    /// Where the code went (sms), with all but the last four digits hidden.
    pub phone_masked: Option<String>,
}

/// The answer to a proof.
pub enum Answer {
    Code(String),
    /// Base64 CMS SignedData over the challenge bytes.
    Signature(String),
}

pub struct Proven {
    pub iin: String,
    pub method: ProofMethod,
    pub proven_at: DateTime<Utc>,
}

/// Starts a proof for `iin`: sends a one-time code to the registry's phone, or gives a
/// challenge to sign. Nothing here tells whether another account holds the IIN.
///
/// A proof started for a `purpose` (e.g. `plan:<id>`) is spent on that purpose only, and binds
/// the digest of what the purpose names, which the context owning it gives (`Purposes`): the
/// challenge of a signature is then a text naming the purpose and that digest, so the person
/// signs the very content they confirm (214 p.62 for a plan).
pub async fn start(
    state: &AppState,
    account_id: &str,
    locale: Lang,
    iin: &Iin,
    method: ProofMethod,
    purpose: Option<&str>,
) -> Result<Started> {
    let now = state.clock.now();
    let started =
        store::started_since(&state.db.pool, account_id, now - Duration::hours(1)).await?;
    if started >= rules::STARTS_PER_HOUR {
        return Err(Error::new(Code::TooManyAttempts).with("retry_after_seconds", 3600));
    }
    let bound = match purpose {
        Some(purpose) => {
            let digest = state
                .purposes()
                .digest(&state.db.pool, account_id, purpose)
                .await?
                .ok_or_else(|| {
                    Error::new(Common::InvalidValue)
                        .detail("purpose names nothing this account confirms")
                })?;
            Some((purpose.to_string(), digest))
        }
        None => None,
    };
    let id = new_id();
    let (secret, challenge, phone) = match method {
        ProofMethod::Sms => {
            let (secret, code, phone) = one_time_code(state, &id, iin, now).await?;
            (secret, Some(code), Some(phone))
        }
        ProofMethod::Signature => {
            let mut nonce = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut nonce);
            let challenge = match &bound {
                Some((purpose, digest)) => bound_challenge(purpose, digest, &nonce).into_bytes(),
                None => nonce.to_vec(),
            };
            (BASE64.encode(challenge), None, None)
        }
        ProofMethod::Document | ProofMethod::Egov => {
            return Err(Error::new(Common::InvalidValue).detail("method is sms or signature"))
        }
    };
    let mut proof = Proof::started(&id, account_id, iin.as_str(), method, secret, now);
    proof.purpose = bound.as_ref().map(|(purpose, _)| purpose.clone());
    proof.purpose_digest = bound.map(|(_, digest)| digest);
    let mut tx = state.db.begin().await?;
    store::insert(&mut tx, &proof).await?;
    if let (Some(code), Some(phone)) = (&challenge, &phone) {
        send_code(&mut tx, phone, locale, Kind::IdentityCode, code, now).await?;
    }
    audit::Entry::new(now, "start_identity_proof", "identity_proof", &id)
        .by(account_id)
        .after(json!({ "method": method.as_str(), "purpose": proof.purpose }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(Started {
        proof_id: id,
        expires_at: proof.expires_at,
        challenge: (method == ProofMethod::Signature).then_some(proof.secret),
        phone_masked: phone.map(|p| mask_phone(p.as_str())),
    })
}

/// A one-time code for proof `id`, to the phone the mobile-citizens registry links to the IIN
/// (never a number the caller types), within the hour's limit of codes per IIN: what the answer
/// is checked against, the code, and the phone.
pub(super) async fn one_time_code(
    state: &AppState,
    id: &str,
    iin: &Iin,
    now: DateTime<Utc>,
) -> Result<(String, String, Phone)> {
    let sent =
        store::codes_for_iin_since(&state.db.pool, iin.as_str(), now - Duration::hours(1)).await?;
    if sent >= rules::CODES_PER_IIN_PER_HOUR {
        return Err(Error::new(Code::TooManyAttempts)
            .detail("too many codes for this IIN this hour; prove it by signature or try later")
            .with("retry_after_seconds", 3600));
    }
    let phone = state
        .registry()
        .phones(iin)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| Error::new(Code::NoRegisteredPhone))?;
    let code = format!(
        "{:0width$}",
        rand::rngs::OsRng.gen_range(0..10u32.pow(rules::CODE_DIGITS as u32)),
        width = rules::CODE_DIGITS
    );
    Ok((code_hash(id, &code), code, phone))
}

/// Sends a one-time code to the phone only: no account or person on the notice's row, so the
/// code never shows in a cabinet (whoever holds the account must not read it there).
pub(super) async fn send_code(
    tx: &mut Tx,
    phone: &Phone,
    locale: Lang,
    kind: Kind,
    code: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let to = Recipient {
        phone: Some(phone.as_str().to_string()),
        lang: Some(locale),
        ..Recipient::default()
    };
    let args = Args {
        code: code.to_string(),
        ..Args::default()
    };
    notify::send(tx, &to, kind, &args, now).await?;
    Ok(())
}

/// The text a person signs to confirm a purpose: what it is for, the SHA-256 of the content it
/// names, and a random nonce so that no two challenges are alike.
fn bound_challenge(purpose: &str, digest: &str, nonce: &[u8]) -> String {
    format!(
        "enbek.kz identity proof\npurpose: {purpose}\nsha256: {digest}\nnonce: {}\n",
        BASE64.encode(nonce)
    )
}

/// Counts one answer against an open proof before it is checked, so that a proof whose attempts
/// are spent cannot be completed even with the right answer: the attempts left after this one.
pub(super) async fn take_answer(
    state: &AppState,
    proof: &Proof,
    now: DateTime<Utc>,
) -> Result<u32> {
    match proof_state(
        now,
        proof.expires_at,
        proof.attempts,
        proof.completed_at.is_some(),
    ) {
        ProofState::Open => {}
        ProofState::Completed => return Err(Error::new(Code::ProofCompleted)),
        ProofState::Expired => return Err(Error::new(Code::ProofExpired)),
        ProofState::Exhausted => return Err(Error::new(Code::ProofExhausted)),
    }
    if !store::take_attempt(&state.db.pool, &proof.id, rules::MAX_ATTEMPTS).await? {
        return Err(Error::new(Code::ProofExhausted));
    }
    Ok(rules::MAX_ATTEMPTS.saturating_sub(proof.attempts + 1))
}

pub(super) fn code_hash(proof_id: &str, code: &str) -> String {
    hex::encode(Sha256::digest(format!("{proof_id}:{code}").as_bytes()))
}

/// Checks an answer. Each answer counts against the proof's attempts before it is checked, so
/// that a proof whose attempts are spent cannot be completed even with the right answer.
pub async fn complete(
    state: &AppState,
    account_id: &str,
    proof_id: &str,
    answer: Answer,
) -> Result<Proven> {
    let proof = store::of_account(&state.db.pool, proof_id, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let now = state.clock.now();
    let attempts_left = take_answer(state, &proof, now).await?;
    let (bin, certificate) = match (proof.method, answer) {
        (ProofMethod::Sms, Answer::Code(code)) => {
            if code_hash(&proof.id, code.trim()) != proof.secret {
                return Err(Error::new(Code::WrongCode).with("attempts_left", attempts_left));
            }
            (None, None)
        }
        (ProofMethod::Signature, Answer::Signature(signature)) => {
            let cms = BASE64.decode(signature.trim()).map_err(|_| {
                Error::new(Code::SignatureInvalid)
                    .detail("signature is not base64")
                    .with("attempts_left", attempts_left)
            })?;
            let challenge = BASE64
                .decode(&proof.secret)
                .map_err(|e| Error::internal(format!("stored challenge: {e}")))?;
            let signer = state
                .signatures()
                .verify(&cms, &challenge, now)
                .await
                .map_err(|e| signature_error(e).with("attempts_left", attempts_left))?;
            if signer.iin.as_ref().map(Iin::as_str) != Some(proof.iin.as_str()) {
                return Err(Error::new(Code::SignerMismatch).with("attempts_left", attempts_left));
            }
            let certificate = Certificate {
                serial: signer.certificate_serial,
                issuer: signer.issuer,
            };
            (
                signer.bin.map(|b| b.as_str().to_string()),
                Some(certificate),
            )
        }
        _ => {
            return Err(Error::new(Common::InvalidRequest)
                .detail("answer an sms proof with `code` and a signature proof with `signature`"))
        }
    };
    let mut tx = state.db.begin().await?;
    if let Some(other) = accounts::account_by_iin(&mut tx, &proof.iin).await? {
        if other != account_id {
            return Err(Error::new(Code::IinBoundToOtherAccount));
        }
    }
    let (_, bound) = accounts::locale_and_iin(&mut *tx, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if bound.as_deref().is_some_and(|b| b != proof.iin) {
        return Err(Error::new(Code::AccountIinMismatch));
    }
    if !store::complete(
        &mut tx,
        &proof.id,
        now,
        bin.as_deref(),
        certificate.as_ref(),
    )
    .await?
    {
        return Err(Error::new(Code::ProofCompleted));
    }
    store::set_proven_iin(&mut tx, account_id, &proof.iin, proof.method, now).await?;
    audit::Entry::new(now, "prove_identity", "account", account_id)
        .by(account_id)
        .after(json!({
            "proof_id": proof.id,
            "method": proof.method.as_str(),
            "proven_at": now,
            "organisation_certificate": bin.is_some(),
        }))
        .record(&mut tx);
    tx.commit().await?;
    state.sessions_changed();
    Ok(Proven {
        iin: proof.iin,
        method: proof.method,
        proven_at: now,
    })
}

/// How a change was confirmed, for the changed record to keep: the method, and for a signature
/// the signer's certificate.
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub method: ProofMethod,
    pub certificate: Option<Certificate>,
}

/// A completed proof of the account's own IIN, fresh and not yet spent, confirms one sensitive
/// change (`purpose`); it is spent in the caller's transaction. A proof started for a purpose
/// confirms that purpose only. With a `digest` (the SHA-256 of the content the change confirms,
/// as its context computes it now), only a proof started for this purpose over that very
/// digest confirms: the content is what the person saw and, by a signature, signed.
pub async fn confirm(
    now: DateTime<Utc>,
    tx: &mut crate::platform::db::Tx,
    account_id: &str,
    account_iin: &str,
    proof_id: &str,
    purpose: &str,
    digest: Option<&str>,
) -> Result<Confirmation> {
    let refused = || Error::new(Code::ConfirmationRequired);
    let proof = store::of_account(&mut **tx, proof_id, account_id)
        .await?
        .ok_or_else(refused)?;
    let fresh = proof
        .completed_at
        .is_some_and(|at| rules::confirms_at(at, now));
    if !fresh || proof.iin != account_iin || proof.used_for.is_some() {
        return Err(refused());
    }
    if proof.purpose.as_deref().is_some_and(|p| p != purpose) {
        return Err(refused());
    }
    if digest.is_some()
        && (proof.purpose.as_deref() != Some(purpose) || proof.purpose_digest.as_deref() != digest)
    {
        return Err(refused());
    }
    if !store::use_for(tx, &proof.id, purpose).await? {
        return Err(refused());
    }
    Ok(Confirmation {
        method: proof.method,
        certificate: proof.certificate,
    })
}

fn signature_error(e: SignatureError) -> Error {
    let problem = match &e {
        SignatureError::Malformed(_) | SignatureError::Invalid => {
            Error::new(Code::SignatureInvalid)
        }
        SignatureError::Untrusted => Error::new(Code::CertificateUntrusted),
        SignatureError::Expired => Error::new(Code::CertificateExpired),
        SignatureError::Revoked => Error::new(Code::CertificateRevoked),
        SignatureError::RevocationUnknown(_) => Error::new(Code::RevocationUnknown),
        SignatureError::Unsupported(_) => Error::new(Code::SignatureUnsupported),
        SignatureError::Unavailable(_) => Error::new(Common::Unavailable),
    };
    tracing::info!(error = %e, "signature refused");
    problem.detail(e.to_string())
}
