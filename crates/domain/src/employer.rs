//! An employer's check against the state registries (214 ch.5 §2; SPEC §5.6): a registry that
//! does not answer delays the check, it never refuses the employer. And the invitation through
//! which another account joins an employer: only the invited person's consent makes a member.

use chrono::{DateTime, Duration, Utc};

/// Where the employer's registry check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The registry has not answered yet; the employer may not post vacancies.
    Pending,
    /// The registry knows the employer: active legal entity, or individual entrepreneur.
    Verified,
    /// The registry does not know the BIN or IIN as an active employer.
    Refused,
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

    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Pending => "pending",
            Verification::Verified => "verified",
            Verification::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<Verification> {
        [
            Verification::Pending,
            Verification::Verified,
            Verification::Refused,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// The code of a refusal, the same whether the registry answered at once or later.
    pub const REFUSAL_CODE: &'static str = "employer_not_in_registry";
}

/// How long an invitation to join an employer waits for its answer.
pub const INVITATION_DAYS: i64 = 7;

/// Where an invitation to join an employer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    const ALL: [InvitationStatus; 4] = [
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

#[cfg(test)]
mod tests {
    use super::*;

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
        for v in [
            Verification::Pending,
            Verification::Verified,
            Verification::Refused,
        ] {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
        assert_eq!(Verification::parse("active"), None);
        assert_eq!(Verification::from_registry(false), Verification::Refused);
    }
}
