//! Identity proofs and the proven IIN of an account.

use chrono::{DateTime, Utc};
use enbek_domain::accounts::identity::{proof_expires_at, ProofMethod};
use sqlx::AnyPool;

use crate::platform::db::ts;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub struct Proof {
    pub id: String,
    pub account_id: String,
    pub iin: String,
    pub method: ProofMethod,
    pub secret: String,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub bin: Option<String>,
    pub used_for: Option<String>,
    /// What the proof was started for (e.g. `plan:<id>`): it is spent on that only.
    pub purpose: Option<String>,
    /// The SHA-256 (hex) of what the purpose names, as bound when the proof started.
    pub purpose_digest: Option<String>,
    /// The signer's certificate, when a signature completed the proof.
    pub certificate: Option<Certificate>,
}

impl Proof {
    /// A proof started now by `account_id` for `iin`: open, with nothing answered, bound to no
    /// purpose (the caller sets one).
    pub fn started(
        id: &str,
        account_id: &str,
        iin: &str,
        method: ProofMethod,
        secret: String,
        now: DateTime<Utc>,
    ) -> Proof {
        Proof {
            id: id.to_string(),
            account_id: account_id.to_string(),
            iin: iin.to_string(),
            method,
            secret,
            attempts: 0,
            created_at: now,
            expires_at: proof_expires_at(now),
            completed_at: None,
            bin: None,
            used_for: None,
            purpose: None,
            purpose_digest: None,
            certificate: None,
        }
    }
}

/// The certificate a signature was made with: its serial number (hex) and issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub serial: String,
    pub issuer: String,
}

pub async fn insert(tx: &mut Tx, p: &Proof) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO identity_proofs (id, account_id, iin, method, secret, attempts, created_at, expires_at,
            purpose, purpose_digest)
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8, $9)",
    )
    .bind(&p.id)
    .bind(&p.account_id)
    .bind(&p.iin)
    .bind(p.method.as_str())
    .bind(&p.secret)
    .bind(ts(p.created_at))
    .bind(ts(p.expires_at))
    .bind(&p.purpose)
    .bind(&p.purpose_digest)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn proof(r: &sqlx::any::AnyRow) -> Result<Proof, sqlx::Error> {
    let method = r.text("method")?;
    Ok(Proof {
        id: r.text("id")?,
        account_id: r.text("account_id")?,
        iin: r.text("iin")?,
        method: ProofMethod::parse(&method)
            .ok_or_else(|| sqlx::Error::Decode(format!("proof method {method:?}").into()))?,
        secret: r.text("secret")?,
        attempts: u32::try_from(r.int("attempts")?).unwrap_or(u32::MAX),
        created_at: r.instant("created_at")?,
        expires_at: r.instant("expires_at")?,
        completed_at: r.opt_instant("completed_at")?,
        bin: r.opt_text("bin")?,
        used_for: r.opt_text("used_for")?,
        purpose: r.opt_text("purpose")?,
        purpose_digest: r.opt_text("purpose_digest")?,
        certificate: match (
            r.opt_text("certificate_serial")?,
            r.opt_text("certificate_issuer")?,
        ) {
            (Some(serial), Some(issuer)) => Some(Certificate { serial, issuer }),
            _ => None,
        },
    })
}

/// A proof of this account (another account's proof is as good as none).
pub async fn of_account<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    id: &str,
    account_id: &str,
) -> Result<Option<Proof>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM identity_proofs WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(proof).transpose()
}

/// Proofs the account started since `since`.
pub async fn started_since(
    pool: &AnyPool,
    account_id: &str,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM identity_proofs WHERE account_id = $1 AND created_at > $2",
    )
    .bind(account_id)
    .bind(ts(since))
    .fetch_one(pool)
    .await?
    .int("n")
}

/// One-time codes sent for an IIN since `since`, whatever the account.
pub async fn codes_for_iin_since(
    pool: &AnyPool,
    iin: &str,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM identity_proofs WHERE iin = $1 AND method = 'sms' AND created_at > $2",
    )
    .bind(iin)
    .bind(ts(since))
    .fetch_one(pool)
    .await?
    .int("n")
}

/// Counts one answer against an open proof, in one statement so that parallel guesses cannot
/// pass the limit; `false` when the proof takes no more answers.
pub async fn take_attempt(
    pool: &AnyPool,
    id: &str,
    max_attempts: u32,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE identity_proofs SET attempts = attempts + 1
         WHERE id = $1 AND completed_at IS NULL AND attempts < $2",
    )
    .bind(id)
    .bind(i64::from(max_attempts))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks the proof completed, with the signer's BIN and certificate when a signature completed
/// it; `false` when it was completed already.
pub async fn complete(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
    bin: Option<&str>,
    certificate: Option<&Certificate>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE identity_proofs SET completed_at = $1, bin = $2, certificate_serial = $3, certificate_issuer = $4
         WHERE id = $5 AND completed_at IS NULL",
    )
    .bind(ts(at))
    .bind(bin)
    .bind(certificate.map(|c| c.serial.as_str()))
    .bind(certificate.map(|c| c.issuer.as_str()))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Spends a completed proof on one sensitive change; `false` when it was spent already.
pub async fn use_for(tx: &mut Tx, id: &str, purpose: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE identity_proofs SET used_for = $1 WHERE id = $2 AND completed_at IS NOT NULL AND used_for IS NULL",
    )
    .bind(purpose)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the account has proven, by an organisation's certificate, that it acts for a BIN.
pub async fn has_proven_bin(
    pool: &AnyPool,
    account_id: &str,
    bin: &str,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id FROM identity_proofs WHERE account_id = $1 AND bin = $2 AND completed_at IS NOT NULL LIMIT 1",
    )
    .bind(account_id)
    .bind(bin)
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}

/// The account now acts for the IIN: bound (or proven again) with how and when.
pub async fn set_proven_iin(
    tx: &mut Tx,
    account_id: &str,
    iin: &str,
    method: ProofMethod,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE accounts SET iin = $1, iin_proof_method = $2, iin_proven_at = $3 WHERE id = $4",
    )
    .bind(iin)
    .bind(method.as_str())
    .bind(ts(at))
    .bind(account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
