//! Identity proofing: an account acts for an IIN only once the person has proven it, by an
//! electronic signature or by a one-time code sent to the phone that the mobile-citizens
//! registry links to that IIN (206 p.17: one account for all services; the Law "On electronic
//! documents and electronic digital signatures" art.10: a signature certifies its signer). At the
//! career center's desk the specialist identifies the person by the ID document (214 p.7), and the
//! egov portal carries its own proof (214 p.24).

use chrono::{DateTime, Duration, Utc};

crate::codes! { as_str;
    /// How an identity was proven.
    #[derive(Hash)]
    pub enum ProofMethod {
        /// A one-time code to the phone the mobile-citizens registry links to the IIN.
        Sms = "sms",
        /// An electronic signature whose certificate names the IIN (or the BIN).
        Signature = "signature",
        /// The ID document shown at the career center's desk (214 p.7).
        Document = "document",
        /// The egov portal's own proof, carried by its intake (214 p.24).
        Egov = "egov",
    }
}

impl ProofMethod {
    /// The methods a person uses from their own cabinet.
    pub fn is_online(self) -> bool {
        matches!(self, ProofMethod::Sms | ProofMethod::Signature)
    }
}

/// A proof is open for this long after it starts: a one-time code at most 10 minutes.
pub const PROOF_LIFETIME_MINUTES: i64 = 10;

/// A proof accepts at most this many answers; then it cannot be completed, even with the right
/// code.
pub const MAX_ATTEMPTS: u32 = 5;

/// How many proofs one account may start in an hour (each may send an SMS).
pub const STARTS_PER_HOUR: i64 = 5;

/// How many one-time codes may go to the phones of one IIN in an hour, whatever the accounts
/// asking: many accounts cannot flood a person's phone (a signature still proves the IIN).
pub const CODES_PER_IIN_PER_HOUR: i64 = 10;

/// A completed proof stays fresh this long for confirming a sensitive change (a new IBAN).
pub const CONFIRMATION_FRESH_MINUTES: i64 = 10;

/// Digits of a one-time code.
pub const CODE_DIGITS: usize = 6;

/// Where a proof stands when an answer arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofState {
    /// Open: the answer is checked.
    Open,
    Completed,
    /// Past its lifetime.
    Expired,
    /// Its attempts are spent.
    Exhausted,
}

/// What a proof's record says at `now`. A proof whose time is up or whose attempts are spent
/// takes no more answers; the last instant of its lifetime is still in time.
pub fn proof_state(
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    attempts: u32,
    completed: bool,
) -> ProofState {
    if completed {
        ProofState::Completed
    } else if attempts >= MAX_ATTEMPTS {
        ProofState::Exhausted
    } else if now > expires_at {
        ProofState::Expired
    } else {
        ProofState::Open
    }
}

/// When a proof started at `started` stops taking answers.
pub fn proof_expires_at(started: DateTime<Utc>) -> DateTime<Utc> {
    started + Duration::minutes(PROOF_LIFETIME_MINUTES)
}

/// Whether a proof completed at `completed_at` still confirms a sensitive change at `now`.
pub fn confirms_at(completed_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= completed_at && now - completed_at <= Duration::minutes(CONFIRMATION_FRESH_MINUTES)
}

/// A phone number with all but its last four digits hidden: `+7 *** *** 45 67`.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    let (a, b) = tail.split_at(tail.len().min(2));
    format!("+7 *** *** {a} {b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_proof_takes_answers_up_to_the_last_instant_of_its_ten_minutes() {
        let started = at("2026-03-17T10:00:00+05:00");
        let expires = proof_expires_at(started);
        assert_eq!(expires, at("2026-03-17T10:10:00+05:00"));
        assert_eq!(proof_state(expires, expires, 0, false), ProofState::Open);
        assert_eq!(
            proof_state(expires + Duration::seconds(1), expires, 0, false),
            ProofState::Expired
        );
    }

    #[test]
    fn the_fifth_wrong_answer_spends_the_proof() {
        let now = at("2026-03-17T10:00:00+05:00");
        let expires = proof_expires_at(now);
        assert_eq!(
            proof_state(now, expires, MAX_ATTEMPTS - 1, false),
            ProofState::Open
        );
        assert_eq!(
            proof_state(now, expires, MAX_ATTEMPTS, false),
            ProofState::Exhausted
        );
        assert_eq!(
            proof_state(now, expires, MAX_ATTEMPTS, true),
            ProofState::Completed
        );
    }

    #[test]
    fn a_completed_proof_confirms_a_change_for_ten_minutes() {
        let done = at("2026-03-17T10:00:00+05:00");
        assert!(confirms_at(done, done + Duration::minutes(10)));
        assert!(!confirms_at(
            done,
            done + Duration::minutes(10) + Duration::seconds(1)
        ));
        assert!(!confirms_at(done, done - Duration::seconds(1)));
    }

    #[test]
    fn a_masked_phone_shows_only_its_last_four_digits() {
        assert_eq!(mask_phone("+77011234567"), "+7 *** *** 45 67");
    }

    #[test]
    fn methods_round_trip() {
        for m in ProofMethod::ALL {
            assert_eq!(ProofMethod::parse(m.as_str()), Some(m));
        }
        assert_eq!(ProofMethod::parse("password"), None);
        assert!(ProofMethod::Sms.is_online() && !ProofMethod::Document.is_online());
    }
}
