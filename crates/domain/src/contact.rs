//! Contact details: a Kazakhstan mobile number in +7 format and an email address (206 p.17: the
//! login of an account).

use serde::Serialize;

use crate::ids::{text_identifier, IdError};

/// A Kazakhstan phone number, stored as `+7` and ten digits, the first of them 7: the +7
/// country code is shared with Russia, and Kazakhstan's numbering plan (mobile 70x, 747,
/// 771, 775–778; geographic 71x–72x) is the +7 7xx range.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

/// Characters people put between the digits of a phone number.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')')
}

impl Phone {
    /// Accepts `+7` followed by ten digits, or the domestic trunk prefix `8` followed by ten
    /// digits, with spaces, hyphens and parentheses anywhere between the digits:
    /// `+7 701 123 45 67`, `+7(701)123-45-67`, `87011234567`.
    pub fn parse(s: &str) -> Result<Phone, IdError> {
        let compact: String = s
            .trim()
            .chars()
            .filter(|&c| !is_phone_separator(c))
            .collect();
        let national = compact
            .strip_prefix("+7")
            .or_else(|| compact.strip_prefix('8'))
            .ok_or(IdError::InvalidPhone("a number starts with +7 or 8"))?;
        if national.len() != 10 || !national.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::InvalidPhone(
                "+7 or 8 must be followed by exactly 10 digits",
            ));
        }
        if !national.starts_with('7') {
            return Err(IdError::InvalidPhone("a Kazakhstan number is +7 7xx"));
        }
        Ok(Phone(format!("+7{national}")))
    }

    /// `+77011234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_identifier!(Phone);

/// An email address, checked pragmatically (RFC 5321 length limits, one `@`, a dotted
/// domain) and stored with its domain in lower case; the local part is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

/// RFC 5321 §4.5.3.1: at most 64 octets in the local part and 254 in a usable address.
const MAX_LOCAL_LEN: usize = 64;
const MAX_EMAIL_LEN: usize = 254;

impl Email {
    /// Accepts `local@domain` with exactly one `@`, a non-empty local part of at most 64 bytes,
    /// a domain of at least two non-empty dot-separated labels, no whitespace or control
    /// characters inside, and at most 254 bytes in all. Surrounding whitespace is trimmed.
    pub fn parse(s: &str) -> Result<Email, IdError> {
        let s = s.trim();
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(IdError::InvalidEmail("an address has no spaces"));
        }
        if s.len() > MAX_EMAIL_LEN {
            return Err(IdError::InvalidEmail(
                "an address has at most 254 characters",
            ));
        }
        let (local, domain) = match s.split_once('@') {
            Some((local, domain)) if !domain.contains('@') => (local, domain),
            _ => return Err(IdError::InvalidEmail("an address has exactly one @")),
        };
        if local.is_empty() {
            return Err(IdError::InvalidEmail("the part before @ is empty"));
        }
        if local.len() > MAX_LOCAL_LEN {
            return Err(IdError::InvalidEmail(
                "the part before @ has at most 64 characters",
            ));
        }
        if !domain.contains('.') || domain.split('.').any(str::is_empty) {
            return Err(IdError::InvalidEmail(
                "the domain must be dotted names such as example.kz",
            ));
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address with its domain in lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_identifier!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_ways_of_writing_a_mobile_number_normalise_to_plus_seven() {
        for input in [
            "+7 701 123 45 67",
            "+7(701)123-45-67",
            "87011234567",
            "+77011234567",
            "8 (701) 123-45-67",
            "  +7 701 1234567 ",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "+77011234567",
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_number_must_start_with_plus_seven_or_eight() {
        for input in [
            "77011234567",
            "7011234567",
            "+87011234567",
            "+1 701 123 45 67",
            "",
        ] {
            assert_eq!(
                Phone::parse(input),
                Err(IdError::InvalidPhone("a number starts with +7 or 8")),
                "{input:?}"
            );
        }
    }

    #[test]
    fn exactly_ten_digits_follow_the_prefix() {
        for input in [
            "+7 701 123 45 6",
            "+7 701 123 45 678",
            "8701123456a",
            "+7 701.123.45.67",
        ] {
            assert_eq!(
                Phone::parse(input),
                Err(IdError::InvalidPhone(
                    "+7 or 8 must be followed by exactly 10 digits"
                )),
                "{input:?}"
            );
        }
    }

    #[test]
    fn only_numbers_in_the_kazakhstan_seven_range_are_accepted() {
        // +7 495 is Moscow and +7 927 a Russian mobile: the +7 code is shared with Russia.
        for input in ["+7 495 123 45 67", "+7 927 123 45 67", "84951234567"] {
            assert_eq!(
                Phone::parse(input),
                Err(IdError::InvalidPhone("a Kazakhstan number is +7 7xx")),
                "{input:?}"
            );
        }
        assert!(Phone::parse("+7 777 123 45 67").is_ok());
        // The range is not only mobile: an Almaty landline (+7 727) passes too.
        assert!(Phone::parse("+7 727 123 45 67").is_ok());
    }

    #[test]
    fn an_email_keeps_its_local_part_and_lowers_its_domain() {
        assert_eq!(
            Email::parse(" Aigerim.N@Enbek.GOV.kz ").unwrap().as_str(),
            "Aigerim.N@enbek.gov.kz"
        );
    }

    #[test]
    fn an_email_has_exactly_one_at_sign() {
        for input in ["aigerim.example.kz", "a@b@example.kz"] {
            assert_eq!(
                Email::parse(input),
                Err(IdError::InvalidEmail("an address has exactly one @")),
                "{input:?}"
            );
        }
    }

    #[test]
    fn an_email_has_no_spaces() {
        assert_eq!(
            Email::parse("aigerim n@example.kz"),
            Err(IdError::InvalidEmail("an address has no spaces"))
        );
    }

    #[test]
    fn the_local_part_is_one_to_sixty_four_characters() {
        assert_eq!(
            Email::parse("@example.kz"),
            Err(IdError::InvalidEmail("the part before @ is empty"))
        );
        assert!(Email::parse(&format!("{}@example.kz", "a".repeat(64))).is_ok());
        assert_eq!(
            Email::parse(&format!("{}@example.kz", "a".repeat(65))),
            Err(IdError::InvalidEmail(
                "the part before @ has at most 64 characters"
            ))
        );
    }

    #[test]
    fn the_domain_has_a_dot_between_non_empty_names() {
        for input in ["a@localhost", "a@.kz", "a@example.", "a@example..kz", "a@"] {
            assert!(Email::parse(input).is_err(), "{input:?}");
        }
        assert!(Email::parse("a@x.kz").is_ok());
    }

    #[test]
    fn an_address_is_at_most_254_characters() {
        // 64 + 1 + 189 = 254 and one more.
        let domain = |len: usize| format!("{}.kz", "d".repeat(len - 3));
        assert!(Email::parse(&format!("{}@{}", "a".repeat(64), domain(189))).is_ok());
        assert_eq!(
            Email::parse(&format!("{}@{}", "a".repeat(64), domain(190))),
            Err(IdError::InvalidEmail(
                "an address has at most 254 characters"
            ))
        );
    }
}
