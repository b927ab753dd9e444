//! An employer's check against the state registries (214 ch.5 §2; 206 p.10): a registry that
//! does not answer delays the check, it never refuses the employer. And the invitation through
//! which another account joins an employer: only the invited person's consent makes a member.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

crate::codes! { as_str;
    /// What an employer is, by the number it registers with.
    pub enum EmployerKind {
        /// A legal entity, by its BIN.
        LegalEntity = "legal_entity",
        /// An individual entrepreneur, by their IIN.
        IndividualEntrepreneur = "individual_entrepreneur",
    }
}

crate::codes! { as_str;
    /// Where the employer's registry check stands.
    pub enum Verification {
        /// The registry has not answered yet; the employer may not post vacancies.
        Pending = "pending",
        /// The registry knows the employer: active legal entity, or individual entrepreneur.
        Verified = "verified",
        /// The registry does not know the BIN or IIN as an active employer.
        Refused = "refused",
    }
}

impl Verification {
    /// The registry's answer: known and active, or not.
    pub fn from_registry(known: bool) -> Verification {
        if known {
            Verification::Verified
        } else {
            Verification::Refused
        }
    }
}

/// How long an invitation to join an employer waits for its answer.
pub const INVITATION_DAYS: i64 = 7;

/// Where an invitation to join an employer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// Sent; the invited account may accept or decline it until it expires.
    Invited,
    /// The invited account accepted: it acts for the employer.
    Accepted,
    Declined,
    /// Not answered within [`INVITATION_DAYS`].
    Expired,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 4] = [
        InvitationStatus::Invited,
        InvitationStatus::Accepted,
        InvitationStatus::Declined,
        InvitationStatus::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Invited => "invited",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Declined => "declined",
            InvitationStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<InvitationStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The status at `now`: an invitation unanswered at its expiry has expired.
    pub fn at(self, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> InvitationStatus {
        if self == InvitationStatus::Invited && now >= expires_at {
            InvitationStatus::Expired
        } else {
            self
        }
    }
}

/// When an invitation sent at `sent_at` expires.
pub fn invitation_expires_at(sent_at: DateTime<Utc>) -> DateTime<Utc> {
    sent_at + Duration::days(INVITATION_DAYS)
}

/// By what right an account acts for an employer (206 p.17: the account acts through a proven
/// identity), recorded with the employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// An individual entrepreneur, for their own IIN.
    Entrepreneur,
    /// The head of a legal entity as the business registry records it (acts without a power of
    /// attorney).
    Head,
    /// The holder of the organisation's own certificate, which carries the BIN.
    OrganisationCertificate,
}

impl Authority {
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::Entrepreneur => "entrepreneur",
            Authority::Head => "head",
            Authority::OrganisationCertificate => "organisation_certificate",
        }
    }

    pub fn parse(s: &str) -> Option<Authority> {
        [
            Authority::Entrepreneur,
            Authority::Head,
            Authority::OrganisationCertificate,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// Why an account may not claim an employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefusal {
    /// The account has proven no identity that could act for the number.
    NotProven,
    /// The registry names another head of the legal entity.
    NotHead,
}

/// Who may register an employer, before the registry is asked: an entrepreneur by the IIN the
/// account has proven; a legal entity by the holder of its organisation certificate, or by a
/// proven person whom the registry must then confirm as its head ([`confirms_head`]).
/// Representatives join through an invitation of the employer's account.
pub fn claim(
    entrepreneur_iin: Option<&str>,
    proven_iin: Option<&str>,
    holds_organisation_certificate: bool,
) -> Result<Authority, ClaimRefusal> {
    match entrepreneur_iin {
        Some(iin) if proven_iin == Some(iin) => Ok(Authority::Entrepreneur),
        Some(_) => Err(ClaimRefusal::NotProven),
        None if holds_organisation_certificate => Ok(Authority::OrganisationCertificate),
        None if proven_iin.is_some() => Ok(Authority::Head),
        None => Err(ClaimRefusal::NotProven),
    }
}

/// Whether the registry's record of a legal entity confirms the claimant's authority: a head
/// must be the head the registry records.
pub fn confirms_head(
    authority: Authority,
    proven_iin: Option<&str>,
    registry_head: Option<&str>,
) -> Result<(), ClaimRefusal> {
    match authority {
        Authority::Head if proven_iin.is_none() || proven_iin != registry_head => {
            Err(ClaimRefusal::NotHead)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: &str = "871008401427";
    const OTHER: &str = "760212350620";

    #[test]
    fn an_entrepreneur_claims_only_the_iin_the_account_has_proven() {
        assert_eq!(
            claim(Some(PERSON), Some(PERSON), false),
            Ok(Authority::Entrepreneur)
        );
        assert_eq!(
            claim(Some(PERSON), Some(OTHER), true),
            Err(ClaimRefusal::NotProven)
        );
        assert_eq!(
            claim(Some(PERSON), None, false),
            Err(ClaimRefusal::NotProven)
        );
    }

    #[test]
    fn a_legal_entity_is_claimed_by_its_certificate_or_by_a_proven_person_as_head() {
        assert_eq!(
            claim(None, None, true),
            Ok(Authority::OrganisationCertificate)
        );
        assert_eq!(claim(None, Some(PERSON), false), Ok(Authority::Head));
        assert_eq!(claim(None, None, false), Err(ClaimRefusal::NotProven));
    }

    #[test]
    fn only_the_head_the_registry_records_is_confirmed() {
        assert_eq!(
            confirms_head(Authority::Head, Some(PERSON), Some(PERSON)),
            Ok(())
        );
        assert_eq!(
            confirms_head(Authority::Head, Some(PERSON), Some(OTHER)),
            Err(ClaimRefusal::NotHead)
        );
        assert_eq!(
            confirms_head(Authority::Head, Some(PERSON), None),
            Err(ClaimRefusal::NotHead)
        );
        assert_eq!(
            confirms_head(Authority::OrganisationCertificate, None, None),
            Ok(())
        );
        for a in [
            Authority::Entrepreneur,
            Authority::Head,
            Authority::OrganisationCertificate,
        ] {
            assert_eq!(Authority::parse(a.as_str()), Some(a));
        }
    }

    #[test]
    fn an_invitation_waits_seven_days_and_then_expires() {
        let sent: DateTime<Utc> = "2026-03-17T05:00:00Z".parse().unwrap();
        let expires = invitation_expires_at(sent);
        assert_eq!(
            expires,
            "2026-03-24T05:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        let invited = InvitationStatus::Invited;
        assert_eq!(
            invited.at(expires, expires - Duration::seconds(1)),
            InvitationStatus::Invited
        );
        assert_eq!(invited.at(expires, expires), InvitationStatus::Expired);
        // An answer stands after the expiry.
        for answered in [InvitationStatus::Accepted, InvitationStatus::Declined] {
            assert_eq!(answered.at(expires, expires + Duration::days(1)), answered);
        }
        for status in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn each_state_reads_back_from_its_name() {
        for v in Verification::ALL {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
        for k in EmployerKind::ALL {
            assert_eq!(EmployerKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EmployerKind::parse("state_body"), None);
        assert_eq!(Verification::parse("active"), None);
        assert_eq!(Verification::from_registry(false), Verification::Refused);
    }
}
