//! An employer's check against the state registries (214 ch.5 §2; SPEC §5.6): a registry that
//! does not answer delays the check, it never refuses the employer.

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

#[cfg(test)]
mod tests {
    use super::*;

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
