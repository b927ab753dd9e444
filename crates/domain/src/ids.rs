//! Validated identifiers: the IIN and BIN (Law "On national registers of identification
//! numbers") and the Kazakhstan IBAN (ISO 13616).
//!
//! Each type can only be obtained through `parse`, so holding one proves it is well formed.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

/// Why an identifier or contact was refused. The text says why, in English, for logs and
/// developers; [`IdError::code`] is the stable code for API clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("invalid IIN: {0}")]
    InvalidIin(&'static str),
    #[error("invalid BIN: {0}")]
    InvalidBin(&'static str),
    #[error("invalid IBAN: {0}")]
    InvalidIban(&'static str),
    #[error("invalid phone number: {0}")]
    InvalidPhone(&'static str),
    #[error("invalid email address: {0}")]
    InvalidEmail(&'static str),
}

/// Implements `Display` (the normalised text) and a `Deserialize` that goes through `parse`,
/// so a value read from storage or a request is validated like any other.
macro_rules! text_identifier {
    ($t:ty) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(de)?;
                <$t>::parse(&text).map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use text_identifier;

/// Weights of the first and, when that gives 10, the second pass of the IIN/BIN check digit.
const FIRST_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of an IIN or BIN from its first 11 digits: `Σ d·(1..11) mod 11`, or if that
/// is 10, `Σ d·(3..11,1,2) mod 11`; `None` when that is 10 too (no such number is issued).
fn check_digit(digits: &[u8; 12]) -> Option<u8> {
    let pass = |weights: &[u32; 11]| -> u32 {
        digits
            .iter()
            .zip(weights)
            .map(|(&d, &w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    let r = match pass(&FIRST_WEIGHTS) {
        10 => pass(&SECOND_WEIGHTS),
        r => r,
    };
    u8::try_from(r).ok().filter(|&r| r < 10)
}

/// Exactly twelve ASCII digits, surrounding whitespace ignored.
fn twelve_digits(s: &str) -> Option<[u8; 12]> {
    let bytes = s.trim().as_bytes();
    if bytes.len() != 12 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut digits = [0u8; 12];
    for (d, b) in digits.iter_mut().zip(bytes) {
        *d = b - b'0';
    }
    Some(digits)
}

fn two_digits(d: &[u8]) -> u32 {
    u32::from(d[0]) * 10 + u32::from(d[1])
}

/// Birth date and sex encoded in an IIN's first seven digits: YYMMDD, then the century and
/// sex digit (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even female).
fn iin_birth(digits: &[u8; 12]) -> Result<(NaiveDate, Sex), &'static str> {
    let century = match digits[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return Err("the 7th digit (century and sex) must be 1 to 6"),
    };
    let sex = if digits[6] % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    let year = century + i32::from(digits[0]) * 10 + i32::from(digits[1]);
    let date = NaiveDate::from_ymd_opt(year, two_digits(&digits[2..4]), two_digits(&digits[4..6]))
        .ok_or("the first six digits are not a real birth date (YYMMDD)")?;
    Ok((date, sex))
}

/// Sex as encoded in the IIN's 7th digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// The sex written as `as_str` writes it; anything else is none.
    pub fn parse(s: &str) -> Option<Sex> {
        s.parse().ok()
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is neither `male` nor `female`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sex {0:?}: expected \"male\" or \"female\"")]
pub struct UnknownSex(pub String);

impl FromStr for Sex {
    type Err = UnknownSex;

    fn from_str(s: &str) -> Result<Sex, UnknownSex> {
        match s {
            "male" => Ok(Sex::Male),
            "female" => Ok(Sex::Female),
            other => Err(UnknownSex(other.to_owned())),
        }
    }
}

/// Individual identification number (ЖСН/ИИН): 12 digits — birth date YYMMDD, century and
/// sex, a 4-digit serial and the check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Iin(String);

impl Iin {
    /// Accepts exactly 12 digits (surrounding whitespace is trimmed) whose birth date is a real
    /// date, whose 7th digit is 1–6 and whose check digit matches.
    pub fn parse(s: &str) -> Result<Iin, IdError> {
        let digits = twelve_digits(s).ok_or(IdError::InvalidIin("an IIN is exactly 12 digits"))?;
        iin_birth(&digits).map_err(IdError::InvalidIin)?;
        match check_digit(&digits) {
            None => Err(IdError::InvalidIin(
                "no check digit exists for the first 11 digits",
            )),
            Some(c) if c != digits[11] => {
                Err(IdError::InvalidIin("the check digit does not match"))
            }
            Some(_) => Ok(Iin(s.trim().to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth().0
    }

    pub fn sex(&self) -> Sex {
        self.birth().1
    }

    fn birth(&self) -> (NaiveDate, Sex) {
        let digits = twelve_digits(&self.0).expect("an Iin holds 12 digits");
        iin_birth(&digits).expect("an Iin holds a valid birth date")
    }
}

text_identifier!(Iin);

/// Business identification number (БСН/БИН) of a legal entity or joint individual
/// entrepreneurship: YYMM of registration, entity type, attribute, a 5-digit serial and the
/// same check digit as the IIN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Bin(String);

impl Bin {
    /// Accepts exactly 12 digits (trimmed) with a month 01–12 in digits 3–4, an entity type 4
    /// (resident legal entity), 5 (non-resident legal entity) or 6 (joint individual
    /// entrepreneurship) in digit 5, an attribute 0–4 in digit 6 and a matching check digit.
    pub fn parse(s: &str) -> Result<Bin, IdError> {
        let digits = twelve_digits(s).ok_or(IdError::InvalidBin("a BIN is exactly 12 digits"))?;
        if !(1..=12).contains(&two_digits(&digits[2..4])) {
            return Err(IdError::InvalidBin(
                "digits 3-4 must be the month of registration, 01 to 12",
            ));
        }
        if !(4..=6).contains(&digits[4]) {
            return Err(IdError::InvalidBin(
                "the 5th digit (entity type) must be 4, 5 or 6",
            ));
        }
        if digits[5] > 4 {
            return Err(IdError::InvalidBin(
                "the 6th digit (attribute) must be 0 to 4",
            ));
        }
        match check_digit(&digits) {
            None => Err(IdError::InvalidBin(
                "no check digit exists for the first 11 digits",
            )),
            Some(c) if c != digits[11] => {
                Err(IdError::InvalidBin("the check digit does not match"))
            }
            Some(_) => Ok(Bin(s.trim().to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_identifier!(Bin);

/// Kazakhstan IBAN (ISO 13616): `KZ`, 2 check digits, a 3-digit bank code and a 13-character
/// account, 20 characters in all; stored upper-case without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Iban(String);

/// Length of a Kazakhstan IBAN (ISO 13616 registry entry for KZ).
const KZ_IBAN_LEN: usize = 20;

impl Iban {
    /// Accepts a Kazakhstan IBAN written with any whitespace and in any letter case, and
    /// normalises it. The check digits must be 02–98 and the ISO 7064 MOD 97-10 remainder 1.
    pub fn parse(s: &str) -> Result<Iban, IdError> {
        let iban: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !iban.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IdError::InvalidIban(
                "only Latin letters, digits and spaces are allowed",
            ));
        }
        if iban.len() != KZ_IBAN_LEN {
            return Err(IdError::InvalidIban("a Kazakhstan IBAN has 20 characters"));
        }
        if !iban.starts_with("KZ") {
            return Err(IdError::InvalidIban("a Kazakhstan IBAN starts with KZ"));
        }
        let bytes = iban.as_bytes();
        if !bytes[2..7].iter().all(u8::is_ascii_digit) {
            return Err(IdError::InvalidIban(
                "characters 3-4 (check digits) and 5-7 (bank code) must be digits",
            ));
        }
        if !(2..=98).contains(&(u32::from(bytes[2] - b'0') * 10 + u32::from(bytes[3] - b'0'))) {
            return Err(IdError::InvalidIban("the check digits must be 02 to 98"));
        }
        if mod97(&iban) != 1 {
            return Err(IdError::InvalidIban("the check digits do not match"));
        }
        Ok(Iban(iban))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_identifier!(Iban);

/// ISO 13616 remainder: the first four characters moved to the end, letters read as 10–35,
/// the resulting number taken modulo 97. `iban` must be ASCII alphanumeric and upper-case.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.chars().chain(head.chars()).fold(0, |r, c| {
        let v = c.to_digit(36).expect("alphanumeric");
        if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;
    use serde::Deserialize;

    #[test]
    fn a_sex_reads_back_from_its_text_and_nothing_else_reads() {
        assert_eq!(Sex::parse(Sex::Male.as_str()), Some(Sex::Male));
        assert_eq!(Sex::parse(Sex::Female.as_str()), Some(Sex::Female));
        assert_eq!(Sex::parse("Male"), None);
        assert_eq!(Sex::parse("m"), None);
        assert_eq!(Sex::parse(""), None);
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Reference check digit, written independently of `check_digit`.
    fn reference_check(first11: &[u32]) -> Option<u32> {
        let r1: u32 = first11
            .iter()
            .enumerate()
            .map(|(i, d)| d * (i as u32 + 1))
            .sum::<u32>()
            % 11;
        if r1 != 10 {
            return Some(r1);
        }
        let r2: u32 = first11
            .iter()
            .enumerate()
            .map(|(i, d)| d * ((i as u32 + 2) % 11 + 1))
            .sum::<u32>()
            % 11;
        (r2 != 10).then_some(r2)
    }

    fn first_pass(first11: &[u32]) -> u32 {
        first11
            .iter()
            .enumerate()
            .map(|(i, d)| d * (i as u32 + 1))
            .sum::<u32>()
            % 11
    }

    fn digits_of(s: &str) -> Vec<u32> {
        s.chars().map(|c| c.to_digit(10).unwrap()).collect()
    }

    fn text_of(digits: &[u32]) -> String {
        digits
            .iter()
            .map(|d| char::from_digit(*d, 10).unwrap())
            .collect()
    }

    // ---- IIN ----

    #[test]
    fn the_spec_examples_of_valid_iins_parse() {
        let a = Iin::parse("871008401427").unwrap();
        assert_eq!(a.as_str(), "871008401427");
        assert_eq!(a.birth_date(), date(1987, 10, 8));
        assert_eq!(a.sex(), Sex::Female);
        let b = Iin::parse("760212350620").unwrap();
        assert_eq!(b.birth_date(), date(1976, 2, 12));
        assert_eq!(b.sex(), Sex::Male);
    }

    #[test]
    fn an_iin_whose_both_passes_give_ten_is_refused() {
        assert_eq!(
            Iin::parse("821214240092"),
            Err(IdError::InvalidIin(
                "no check digit exists for the first 11 digits"
            ))
        );
    }

    #[test]
    fn the_second_pass_supplies_the_check_digit_when_the_first_gives_ten() {
        // 1987-10-08, female, serial 0030: first pass Σ = 131 ≡ 10, second pass Σ = 160 ≡ 6.
        assert_eq!(first_pass(&digits_of("87100840030")), 10);
        assert_eq!(reference_check(&digits_of("87100840030")), Some(6));
        assert!(Iin::parse("871008400306").is_ok());
        assert!(Iin::parse("871008400300").is_err());
    }

    #[test]
    fn surrounding_whitespace_is_trimmed_but_nothing_else_is_tolerated() {
        assert_eq!(
            Iin::parse("  871008401427\n").unwrap().as_str(),
            "871008401427"
        );
        for bad in [
            "8710 0840 1427",
            "87100840142",
            "8710084014270",
            "87100840142a",
            "",
            "８71008401427",
        ] {
            assert_eq!(
                Iin::parse(bad),
                Err(IdError::InvalidIin("an IIN is exactly 12 digits")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_iin_with_a_wrong_check_digit_is_refused() {
        assert_eq!(
            Iin::parse("871008401428"),
            Err(IdError::InvalidIin("the check digit does not match"))
        );
    }

    #[test]
    fn the_seventh_digit_gives_century_and_sex() {
        // Same birth day 1 Jan of '00, every century digit; serial 0000, check digit computed.
        for (c, year, sex) in [
            (1, 1800, Sex::Male),
            (2, 1800, Sex::Female),
            (3, 1900, Sex::Male),
            (4, 1900, Sex::Female),
            (5, 2000, Sex::Male),
            (6, 2000, Sex::Female),
        ] {
            let mut d = digits_of("00010100000");
            d[6] = c;
            d.push(reference_check(&d).expect("a check digit exists"));
            let iin = Iin::parse(&text_of(&d)).unwrap();
            assert_eq!((iin.birth_date(), iin.sex()), (date(year, 1, 1), sex));
        }
    }

    #[test]
    fn a_century_digit_outside_one_to_six_is_refused() {
        for c in [0, 7, 8, 9] {
            let mut d = digits_of("87100800142");
            d[6] = c;
            // Give it a matching check digit so only the century rule can refuse it.
            d.push(reference_check(&d).expect("a check digit exists"));
            assert_eq!(
                Iin::parse(&text_of(&d)),
                Err(IdError::InvalidIin(
                    "the 7th digit (century and sex) must be 1 to 6"
                ))
            );
        }
    }

    #[test]
    fn a_birth_date_that_does_not_exist_is_refused() {
        // Each number below has a matching check digit, so only its date can refuse it.
        let refused = Err(IdError::InvalidIin(
            "the first six digits are not a real birth date (YYMMDD)",
        ));
        // 29 February exists in 2000 (century digit 5) but not in 1900 (digit 3).
        assert_eq!(
            Iin::parse("000229500008").unwrap().birth_date(),
            date(2000, 2, 29)
        );
        assert_eq!(Iin::parse("000229300005"), refused);
        assert_eq!(Iin::parse("871308401408"), refused); // month 13
        assert_eq!(Iin::parse("871000401403"), refused); // day 0
        assert_eq!(Iin::parse("871032401408"), refused); // day 32
    }

    #[test]
    fn the_eleventh_digit_has_weight_eleven_so_the_first_pass_cannot_see_it() {
        // A limit of the standard, not of this code: 871008401427 and 871008401437 differ only
        // in the 11th digit, whose first-pass weight 11 ≡ 0 (mod 11); both are valid numbers.
        assert!(Iin::parse("871008401437").is_ok());
    }

    #[test]
    fn sex_reads_and_writes_its_snake_case_name() {
        assert_eq!("male".parse::<Sex>(), Ok(Sex::Male));
        assert_eq!("female".parse::<Sex>(), Ok(Sex::Female));
        assert_eq!("Male".parse::<Sex>(), Err(UnknownSex("Male".into())));
        assert_eq!(Sex::Female.as_str(), "female");
        assert_eq!(Sex::Male.to_string(), "male");
    }

    #[test]
    fn deserializing_an_identifier_validates_it() {
        let de: StrDeserializer<'_, DeError> = "871008401427".into_deserializer();
        assert_eq!(Iin::deserialize(de).unwrap().as_str(), "871008401427");
        let de: StrDeserializer<'_, DeError> = "821214240092".into_deserializer();
        assert!(Iin::deserialize(de).is_err());
        let de: StrDeserializer<'_, DeError> = "kz86 125k zt50 0410 0100".into_deserializer();
        assert_eq!(
            Iban::deserialize(de).unwrap().to_string(),
            "KZ86125KZT5004100100"
        );
    }

    #[test]
    fn each_error_says_what_is_wrong() {
        assert_eq!(IdError::InvalidIin("why").to_string(), "invalid IIN: why");
    }

    fn birth_date_strategy() -> impl Strategy<Value = NaiveDate> {
        let first = date(1800, 1, 1);
        let days = (date(2099, 12, 31) - first).num_days();
        (0..=days).prop_map(move |n| first + chrono::Days::new(n as u64))
    }

    /// The first 11 digits of a structurally valid IIN.
    fn iin_body() -> impl Strategy<Value = (NaiveDate, bool, Vec<u32>)> {
        (birth_date_strategy(), any::<bool>(), 0u32..10_000).prop_map(|(born, male, serial)| {
            let century = match born.format("%C").to_string().as_str() {
                "18" => 1,
                "19" => 3,
                _ => 5,
            };
            let sex_digit = if male { century } else { century + 1 };
            let text = format!("{}{}{:04}", born.format("%y%m%d"), sex_digit, serial);
            (born, male, digits_of(&text))
        })
    }

    fn valid_iin() -> impl Strategy<Value = String> {
        iin_body().prop_filter_map("both passes give 10", |(_, _, mut d)| {
            d.push(reference_check(&d)?);
            Some(text_of(&d))
        })
    }

    proptest! {
        #[test]
        fn an_iin_parses_exactly_when_its_check_digit_exists_and_matches(
            (born, male, body) in iin_body(), last in 0u32..10,
        ) {
            let mut d = body.clone();
            d.push(last);
            let parsed = Iin::parse(&text_of(&d));
            let expected = reference_check(&body) == Some(last);
            prop_assert_eq!(parsed.is_ok(), expected);
            if let Ok(iin) = parsed {
                prop_assert_eq!(iin.birth_date(), born);
                prop_assert_eq!(iin.sex(), if male { Sex::Male } else { Sex::Female });
            }
        }

        #[test]
        fn any_twelve_digits_parse_only_if_the_reference_check_agrees(s in "[0-9]{12}") {
            if Iin::parse(&s).is_ok() {
                let d = digits_of(&s);
                prop_assert_eq!(reference_check(&d[..11]), Some(d[11]));
            }
        }

        #[test]
        fn changing_the_check_digit_of_a_valid_iin_always_fails(iin in valid_iin(), to in 0u32..10) {
            let mut d = digits_of(&iin);
            prop_assume!(d[11] != to);
            d[11] = to;
            prop_assert!(Iin::parse(&text_of(&d)).is_err());
        }

        /// Mod 11 with weights 1–10 changes the first-pass sum for any single-digit change in
        /// the first ten digits. The change escapes only if the new sum falls to 10 and the
        /// second pass happens to give the old check digit (about 1% of changes), or, for an
        /// IIN whose check came from the second pass, if the first pass now gives it.
        #[test]
        fn a_single_digit_change_in_the_first_ten_digits_is_caught_by_the_first_pass(
            iin in valid_iin(), at in 0usize..10, to in 0u32..10,
        ) {
            let original = digits_of(&iin);
            let mut d = original.clone();
            prop_assume!(d[at] != to);
            d[at] = to;
            prop_assume!(first_pass(&original[..11]) != 10 && first_pass(&d[..11]) != 10);
            prop_assert!(Iin::parse(&text_of(&d)).is_err());
        }
    }

    // ---- BIN ----

    #[test]
    fn the_spec_examples_of_valid_bins_parse() {
        assert_eq!(Bin::parse("940140000385").unwrap().as_str(), "940140000385");
        assert_eq!(
            Bin::parse(" 070941024691 ").unwrap().as_str(),
            "070941024691"
        );
    }

    #[test]
    fn a_bin_with_a_wrong_check_digit_is_refused() {
        assert_eq!(
            Bin::parse("940140000386"),
            Err(IdError::InvalidBin("the check digit does not match"))
        );
    }

    /// `940140000385` with digits replaced and the check digit recomputed.
    fn bin_with(replace: &[(usize, u32)]) -> String {
        let mut d = digits_of("94014000038");
        for &(i, v) in replace {
            d[i] = v;
        }
        d.push(reference_check(&d).expect("a check digit exists"));
        text_of(&d)
    }

    #[test]
    fn the_registration_month_must_be_one_to_twelve() {
        let refused = Err(IdError::InvalidBin(
            "digits 3-4 must be the month of registration, 01 to 12",
        ));
        assert_eq!(Bin::parse(&bin_with(&[(2, 0), (3, 0)])), refused);
        assert!(Bin::parse(&bin_with(&[(2, 0), (3, 1)])).is_ok());
        assert!(Bin::parse(&bin_with(&[(2, 1), (3, 2)])).is_ok());
        assert_eq!(Bin::parse(&bin_with(&[(2, 1), (3, 3)])), refused);
    }

    #[test]
    fn the_entity_type_must_be_four_five_or_six() {
        for t in 0..10 {
            let bin = bin_with(&[(4, t)]);
            assert_eq!(Bin::parse(&bin).is_ok(), (4..=6).contains(&t), "{bin}");
        }
    }

    #[test]
    fn the_attribute_must_be_zero_to_four() {
        for a in 0..10 {
            let bin = bin_with(&[(5, a)]);
            assert_eq!(Bin::parse(&bin).is_ok(), a <= 4, "{bin}");
        }
    }

    #[test]
    fn a_bin_must_be_twelve_digits() {
        for bad in ["94014000038", "9401400003850", "94014000038O"] {
            assert_eq!(
                Bin::parse(bad),
                Err(IdError::InvalidBin("a BIN is exactly 12 digits"))
            );
        }
    }

    // ---- IBAN ----

    /// Builds a KZ IBAN from its bank code and account by computing the check digits:
    /// 98 − (BBAN + "KZ00" read as a number) mod 97 (ISO 13616).
    fn kz_iban(bban: &str) -> String {
        let check = 98 - mod97(&format!("KZ00{bban}"));
        format!("KZ{check:02}{bban}")
    }

    #[test]
    fn the_published_example_iban_parses() {
        // The KZ example of the ISO 13616 registry; also rebuilt from its BBAN.
        assert_eq!(kz_iban("125KZT5004100100"), "KZ86125KZT5004100100");
        assert_eq!(
            Iban::parse("KZ86125KZT5004100100").unwrap().as_str(),
            "KZ86125KZT5004100100"
        );
    }

    #[test]
    fn an_iban_is_normalised_to_upper_case_without_spaces() {
        assert_eq!(
            Iban::parse(" kz86 125K zt50 0410 0100 ").unwrap().as_str(),
            "KZ86125KZT5004100100"
        );
    }

    #[test]
    fn an_iban_with_wrong_check_digits_is_refused() {
        assert_eq!(
            Iban::parse("KZ87125KZT5004100100"),
            Err(IdError::InvalidIban("the check digits do not match"))
        );
    }

    #[test]
    fn check_digits_01_are_refused_although_congruent_to_98() {
        // 01 ≡ 98 (mod 97), so mod-97 alone would accept it; ISO 13616 allows only 02–98.
        let iban = (0..1000)
            .map(|n| kz_iban(&format!("{n:03}KZT0000000000")))
            .find(|iban| iban.starts_with("KZ98"))
            .expect("some bank code gives check digits 98");
        assert!(Iban::parse(&iban).is_ok());
        let lowered = format!("KZ01{}", &iban[4..]);
        assert_eq!(mod97(&lowered), 1);
        assert_eq!(
            Iban::parse(&lowered),
            Err(IdError::InvalidIban("the check digits must be 02 to 98"))
        );
    }

    #[test]
    fn an_iban_must_be_a_kazakhstan_iban_of_twenty_characters() {
        assert_eq!(
            Iban::parse("KZ86125KZT500410010"),
            Err(IdError::InvalidIban("a Kazakhstan IBAN has 20 characters"))
        );
        assert_eq!(
            Iban::parse("KZ86125KZT50041001000"),
            Err(IdError::InvalidIban("a Kazakhstan IBAN has 20 characters"))
        );
        // A valid German IBAN of 22 characters and a 20-character IBAN of another country.
        assert!(Iban::parse("DE89370400440532013000").is_err());
        assert_eq!(
            Iban::parse("AT611904300234573201"),
            Err(IdError::InvalidIban("a Kazakhstan IBAN starts with KZ"))
        );
        assert_eq!(
            Iban::parse("KZ86-125KZT5004100100"),
            Err(IdError::InvalidIban(
                "only Latin letters, digits and spaces are allowed"
            ))
        );
        assert_eq!(
            Iban::parse("KZ86A25KZT5004100100"),
            Err(IdError::InvalidIban(
                "characters 3-4 (check digits) and 5-7 (bank code) must be digits"
            ))
        );
    }

    #[test]
    fn a_letter_for_digit_swap_can_escape_mod_97() {
        // A limit of ISO 7064 MOD 97-10, not of this code: a letter is read as two digits, so
        // swapping it for a digit shifts the number; about 1 in 250 such swaps go unnoticed.
        assert!(Iban::parse("KZ774038AAXLNS2MN057").is_ok());
        assert!(Iban::parse("KZ774038AAXLN12MN057").is_ok());
    }

    fn bban() -> impl Strategy<Value = String> {
        "[0-9]{3}[0-9A-Z]{13}"
    }

    proptest! {
        #[test]
        fn any_kz_iban_with_computed_check_digits_parses(b in bban(), spaced in any::<bool>()) {
            let iban = kz_iban(&b);
            let input = if spaced {
                iban.to_lowercase().as_bytes().chunks(4)
                    .map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ")
            } else {
                iban.clone()
            };
            prop_assert_eq!(Iban::parse(&input).map(|i| i.as_str().to_owned()), Ok(iban));
        }

        /// Mod 97 catches every single substitution of a digit for a digit or a letter for a
        /// letter; any other substitution breaks the structure (KZ, digit-only positions) or is
        /// the letter/digit swap shown in `a_letter_for_digit_swap_can_escape_mod_97`.
        #[test]
        fn changing_one_character_for_another_of_its_kind_fails(
            b in bban(), at in 0usize..20, pick in 0usize..36,
        ) {
            let iban = kz_iban(&b);
            let old = iban.as_bytes()[at];
            let alphabet: &[u8] = if old.is_ascii_digit() { b"0123456789" } else { b"ABCDEFGHIJKLMNOPQRSTUVWXYZ" };
            let new = alphabet[pick % alphabet.len()];
            prop_assume!(new != old);
            let mut changed = iban.clone().into_bytes();
            changed[at] = new;
            prop_assert!(Iban::parse(std::str::from_utf8(&changed).unwrap()).is_err());
        }

        #[test]
        fn changing_any_character_of_the_fixed_part_fails(
            b in bban(), at in 0usize..7, new in "[0-9A-Z]",
        ) {
            let iban = kz_iban(&b);
            let mut changed = iban.clone();
            changed.replace_range(at..at + 1, &new);
            prop_assume!(changed != iban);
            prop_assert!(Iban::parse(&changed).is_err());
        }
    }
}
