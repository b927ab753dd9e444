//! What the state registries say about a person (214 p.10, 214 p.31): identity, address,
//! employment, entrepreneurship, pension, study, sentences, disability, contributions.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::Sex;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryPerson {
    pub iin: String,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub employed: bool,
    pub entrepreneur: bool,
    /// A pension is paid, for whatever reason (age, disability, long service). Not itself a
    /// ground of 214 p.41 or 214 p.51: the center is shown it (214 p.64).
    pub pensioner: bool,
    pub student: bool,
    /// A kandas: the migration registry holds the status (129 p.2).
    #[serde(default)]
    pub kandas: bool,
    /// Employed, but without work through the employer's downtime (129 p.2).
    #[serde(default)]
    pub downtime: bool,
    /// The documents of education the education registry holds (129 App.2 p.8: the career
    /// center takes the education document's data from it).
    #[serde(default)]
    pub education: Vec<Education>,
    /// The sentences and court-ordered treatment the registry of convictions holds, each with its
    /// kind and dates (214 p.41(6), 214 p.51(5)).
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub disability_group: Option<u8>,
    /// Months (`YYYY-MM`) for which social contributions were paid.
    #[serde(default)]
    pub contribution_months: Vec<YearMonth>,
    /// The monthly income social contributions were computed from, by month, where the fund
    /// reports it (the job-loss payment is computed from it).
    #[serde(default)]
    pub contribution_incomes: std::collections::BTreeMap<YearMonth, u64>,
    /// The mobile numbers the mobile-citizens registry links to the IIN (`+7…`): the only
    /// numbers a one-time code for proving this identity may go to.
    #[serde(default)]
    pub phones: Vec<String>,
}

crate::codes! { code;
    /// The level of a document of education, as the education registry names it.
    pub enum EducationLevel {
        /// General secondary (a school certificate).
        Secondary = "secondary",
        /// Technical and vocational, or post-secondary.
        Vocational = "vocational",
        Higher = "higher",
        Postgraduate = "postgraduate",
    }
}

impl EducationLevel {
    /// Technical and vocational, post-secondary, higher or postgraduate: the professional
    /// education youth practice and "Generation contract" ask for (129 App.2 p.8).
    pub fn is_professional(self) -> bool {
        self != EducationLevel::Secondary
    }
}

/// A document of education: its level, the specialty (for professional education), the
/// occupation of the qualification it awards and the day it was completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    pub level: EducationLevel,
    #[serde(default)]
    pub specialty: Option<String>,
    /// The occupation (an ISCO-08 unit group, or a national occupation within one) of the
    /// qualification the document awards, as the education registry gives it.
    #[serde(default)]
    pub occupation_code: Option<String>,
    pub graduated_on: NaiveDate,
}

/// What a court ordered, as the registry of convictions names it. Only some kinds are grounds:
/// correctional works, public works and imprisonment not suspended refuse registration as
/// unemployed (214 p.41(6)); imprisonment and compulsory treatment end it (214 p.51(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// Correctional works.
    CorrectionalWorks,
    /// Public works ("общественные работы" in the Russian text of 214 p.41(6), "мәжбүрлеу
    /// жұмыстары" in the Kazakh).
    PublicWorks,
    /// Imprisonment to be served.
    Imprisonment,
    /// Imprisonment imposed conditionally (suspended): no ground.
    SuspendedImprisonment,
    /// Restriction of freedom: no ground.
    RestrictionOfFreedom,
    /// A fine: no ground.
    Fine,
    /// Compulsory medical treatment ordered by a court decision in force.
    CompulsoryTreatment,
}

/// A sentence or court-ordered treatment with its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub kind: SentenceKind,
    /// The day the court's decision entered into force.
    pub from: NaiveDate,
    /// The last day of the term (served, released, treatment ended); none while no end is set.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Sentence {
    /// In force on `on`: from its first day through its last.
    pub fn in_force_on(&self, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|to| on <= to)
    }

    /// In force on some day from `since` through `on`.
    pub fn in_force_between(&self, since: NaiveDate, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|to| since <= to)
    }
}

/// What the state business registry says about a legal entity (214 p.66; 206 p.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryBusiness {
    pub bin: String,
    pub name: String,
    /// Registered and not liquidated.
    pub active: bool,
    /// The IIN of the head (the first director) as the registry records it: the person who acts
    /// for the entity without a power of attorney.
    #[serde(default)]
    pub head_iin: Option<String>,
}

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(d: NaiveDate) -> YearMonth {
        YearMonth {
            year: d.year(),
            month: d.month(),
        }
    }

    /// Months from `self` back to `earlier` (0 when the same month).
    pub fn months_since(self, earlier: YearMonth) -> i32 {
        (self.year - earlier.year) * 12 + self.month as i32 - earlier.month as i32
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let bad = || format!("{s:?} is not a YYYY-MM month");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(YearMonth { year, month })
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        format!("{:04}-{:02}", m.year, m.month)
    }
}

impl RegistryPerson {
    /// Months since the latest contribution before `on` (None when there never was one).
    pub fn months_since_last_contribution(&self, on: NaiveDate) -> Option<i32> {
        let now = YearMonth::of(on);
        self.contribution_months
            .iter()
            .filter(|m| **m <= now)
            .max()
            .map(|last| now.months_since(*last))
    }
}

/// A person the registries know, not employed and without contributions, for tests.
#[cfg(test)]
pub fn sample(birth_date: NaiveDate, sex: Sex) -> RegistryPerson {
    RegistryPerson {
        iin: "871008401427".into(),
        last_name: "Ахметов".into(),
        first_name: "Ерлан".into(),
        middle_name: None,
        birth_date,
        sex,
        region_code: "110000000".into(),
        district_code: "111000000".into(),
        locality_code: "111010000".into(),
        employed: false,
        entrepreneur: false,
        pensioner: false,
        student: false,
        kandas: false,
        downtime: false,
        education: vec![],
        sentences: vec![],
        disability_group: None,
        contribution_months: vec![],
        contribution_incomes: Default::default(),
        phones: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_sentence_is_in_force_from_its_first_day_through_its_last() {
        let s = Sentence {
            kind: SentenceKind::Imprisonment,
            from: d("2026-03-20"),
            to: Some(d("2026-09-20")),
        };
        assert!(!s.in_force_on(d("2026-03-19")));
        assert!(s.in_force_on(d("2026-03-20")));
        assert!(s.in_force_on(d("2026-09-20")));
        assert!(!s.in_force_on(d("2026-09-21")));
        let open = Sentence { to: None, ..s };
        assert!(open.in_force_on(d("2030-01-01")));
        // Between two days: any overlap.
        assert!(s.in_force_between(d("2026-09-20"), d("2026-10-01")));
        assert!(!s.in_force_between(d("2026-09-21"), d("2026-10-01")));
        assert!(!s.in_force_between(d("2026-03-01"), d("2026-03-19")));
    }

    #[test]
    fn months_parse_and_print_as_yyyy_mm() {
        let m = YearMonth::try_from("2026-03".to_string()).unwrap();
        assert_eq!(String::from(m), "2026-03");
        assert!(YearMonth::try_from("2026-13".to_string()).is_err());
        assert!(YearMonth::try_from("2026-3".to_string()).is_err());
    }

    #[test]
    fn months_since_counts_across_years() {
        let a = YearMonth {
            year: 2026,
            month: 2,
        };
        let b = YearMonth {
            year: 2025,
            month: 11,
        };
        assert_eq!(a.months_since(b), 3);
    }
}
