//! A person's consent by a one-time code, asked by staff (129 App.2 p.8: the career center takes
//! a person's digital documents from the digital documents service only with the owner's consent,
//! given by a one-time code sent to the phone registered for them). The code goes to the phone the
//! mobile-citizens registry links to the person's IIN; the person tells it to the specialist, who
//! answers with it. A consent belongs to the staff account that asked, for that IIN and purpose
//! only, is fresh for ten minutes once given, and is spent once. It proves nothing of the staff
//! account: no IIN is bound to it.

use enbek_domain::accounts::identity::{self as rules, ProofMethod};
use enbek_domain::ids::Iin;
use serde_json::json;

use crate::accounts::error::Code;
use crate::accounts::error::{Error, Result};
use crate::accounts::notices::Kind;
use crate::accounts::service::identity::{
    code_hash, one_time_code, send_code, take_answer, Started,
};
use crate::accounts::store::identity::{self as store, Proof};
use crate::platform::audit;
use crate::platform::db::{new_id, Tx};
use crate::platform::http::lang::Lang;
use crate::platform::state::AppState;

/// Asks the person of `iin` for their consent to `purpose`: a one-time code to their registered
/// phone, in `locale`.
pub async fn ask(
    state: &AppState,
    staff_account: &str,
    locale: Lang,
    iin: &Iin,
    purpose: &str,
) -> Result<Started> {
    let now = state.clock.now();
    let id = new_id();
    let (secret, code, phone) = one_time_code(state, &id, iin, now).await?;
    let mut proof = Proof::started(
        &id,
        staff_account,
        iin.as_str(),
        ProofMethod::Sms,
        secret,
        now,
    );
    proof.purpose = Some(purpose.to_string());
    let mut tx = state.db.begin().await?;
    store::insert(&mut tx, &proof).await?;
    send_code(&mut tx, &phone, locale, Kind::ConsentCode, &code, now).await?;
    audit::Entry::new(now, "ask_consent", "identity_proof", &id)
        .by(staff_account)
        .after(json!({ "purpose": purpose }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(Started {
        proof_id: id,
        expires_at: proof.expires_at,
        challenge: None,
        phone_masked: Some(rules::mask_phone(phone.as_str())),
    })
}

/// Whether the person gave the consent: the code of a consent this staff account asked for this
/// IIN and purpose, open or given within the last ten minutes and not yet spent. Each answer
/// counts against the consent's attempts before it is checked.
pub async fn given(
    state: &AppState,
    staff_account: &str,
    consent_id: &str,
    iin: &str,
    code: &str,
    purpose: &str,
) -> Result<()> {
    let refused = || {
        Error::new(Code::ConfirmationRequired)
            .detail("no consent of this person to this purpose was asked by this account")
    };
    let consent = store::of_account(&state.db.pool, consent_id, staff_account)
        .await?
        .ok_or_else(refused)?;
    if consent.iin != iin
        || consent.purpose.as_deref() != Some(purpose)
        || consent.method != ProofMethod::Sms
    {
        return Err(refused());
    }
    let now = state.clock.now();
    if let Some(at) = consent.completed_at {
        // Given already (an application that failed after it may be sent again): the same code,
        // while fresh and unspent.
        let fresh = rules::confirms_at(at, now) && consent.used_for.is_none();
        if !fresh || code_hash(&consent.id, code.trim()) != consent.secret {
            return Err(refused());
        }
        return Ok(());
    }
    let left = take_answer(state, &consent, now).await?;
    if code_hash(&consent.id, code.trim()) != consent.secret {
        return Err(Error::new(Code::WrongCode).with("attempts_left", left));
    }
    let mut tx = state.db.begin().await?;
    store::complete(&mut tx, &consent.id, now, None, None).await?;
    audit::Entry::new(now, "give_consent", "identity_proof", &consent.id)
        .by(staff_account)
        .after(json!({ "purpose": purpose }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// Spends a given consent on what it was asked for, in the caller's transaction; `false` when it
/// was spent already.
pub async fn spend(tx: &mut Tx, consent_id: &str, purpose: &str) -> Result<bool> {
    Ok(store::use_for(tx, consent_id, purpose).await?)
}
