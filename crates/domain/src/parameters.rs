//! Reference values and rule editions, each with the day it takes effect (SPEC §3, §7). A case
//! is judged by the value in force on its date; a future amendment is a new row, not new code.

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The keys the rules read.
pub mod keys {
    /// Minimum monthly wage, KZT.
    pub const MIN_MONTHLY_WAGE: &str = "min_monthly_wage";
    /// Pension age of men, in months (Social Code art.207).
    pub const PENSION_AGE_MEN_MONTHS: &str = "pension_age_men_months";
    /// Pension age of women, in months (Social Code art.207).
    pub const PENSION_AGE_WOMEN_MONTHS: &str = "pension_age_women_months";
    /// The edition of Order 214 in force (2023, 2024, 2025).
    pub const ORDER_214_EDITION: &str = "order_214_edition";
    /// 214 p.23, p.36: working days to select suitable work for a new job seeker.
    pub const SELECTION_WORKING_DAYS: &str = "selection_working_days";
    /// 214 App.1 p.3: term of the service "Registration of job seekers", working days.
    pub const JOB_SEEKER_REGISTRATION_TERM: &str = "job_seeker_registration_term_working_days";
    /// 214 p.19–20: working days for the assistant to forward and for the center to register.
    pub const ASSISTANT_FORWARDING_DAYS: &str = "assistant_forwarding_working_days";
    /// Law on Employment art.16 p.2: calendar days a re-registration is barred.
    pub const REREGISTRATION_BAR_DAYS: &str = "reregistration_bar_calendar_days";
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub key: String,
    pub effective_from: NaiveDate,
    pub value: String,
    pub source: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("parameters line {line}: {reason}")]
pub struct ParameterError {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct Parameters {
    by_key: BTreeMap<String, BTreeMap<NaiveDate, Edition>>,
}

impl Parameters {
    /// The shipped values (`data/parameters.csv`).
    pub fn builtin() -> Parameters {
        let rows = Parameters::parse_csv(include_str!("../data/parameters.csv"))
            .expect("the shipped parameters parse");
        Parameters::default().with(rows)
    }

    /// Parses `key,effective_from,value,source` rows after a header line.
    pub fn parse_csv(text: &str) -> Result<Vec<Edition>, ParameterError> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let err = |reason: &str| ParameterError {
                line: i + 1,
                reason: reason.into(),
            };
            let mut parts = line.splitn(4, ',');
            let (Some(key), Some(from), Some(value)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(err("expected key,effective_from,value,source"));
            };
            let effective_from = NaiveDate::parse_from_str(from, "%Y-%m-%d")
                .map_err(|_| err("effective_from is not YYYY-MM-DD"))?;
            if key.is_empty() || value.is_empty() {
                return Err(err("empty key or value"));
            }
            out.push(Edition {
                key: key.into(),
                effective_from,
                value: value.into(),
                source: parts.next().unwrap_or_default().into(),
            });
        }
        Ok(out)
    }

    /// Adds editions; a later one with the same key and day replaces the earlier.
    pub fn with(mut self, editions: impl IntoIterator<Item = Edition>) -> Parameters {
        for e in editions {
            self.by_key
                .entry(e.key.clone())
                .or_default()
                .insert(e.effective_from, e);
        }
        self
    }

    /// The edition of `key` in force on `on`.
    pub fn edition_on(&self, key: &str, on: NaiveDate) -> Option<&Edition> {
        self.by_key
            .get(key)?
            .range(..=on)
            .next_back()
            .map(|(_, e)| e)
    }

    pub fn value_on(&self, key: &str, on: NaiveDate) -> Option<&str> {
        self.edition_on(key, on).map(|e| e.value.as_str())
    }

    /// An integer value; panics only if the shipped data are broken (checked by tests).
    pub fn int_on(&self, key: &str, on: NaiveDate) -> i64 {
        self.value_on(key, on)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("parameter {key} has no integer value on {on}"))
    }

    pub fn editions(&self) -> impl Iterator<Item = &Edition> {
        self.by_key.values().flat_map(|m| m.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_selection_period_is_one_day_before_the_2025_edition_and_two_from_it() {
        let p = Parameters::builtin();
        assert_eq!(p.int_on(keys::SELECTION_WORKING_DAYS, d("2025-06-27")), 1);
        assert_eq!(p.int_on(keys::SELECTION_WORKING_DAYS, d("2025-06-28")), 2);
        assert_eq!(
            p.value_on(keys::ORDER_214_EDITION, d("2026-01-01")),
            Some("2025")
        );
    }

    #[test]
    fn the_minimum_wage_is_85000_in_2024_to_2026() {
        let p = Parameters::builtin();
        assert_eq!(p.int_on(keys::MIN_MONTHLY_WAGE, d("2023-12-31")), 70000);
        assert_eq!(p.int_on(keys::MIN_MONTHLY_WAGE, d("2026-11-22")), 85000);
    }

    #[test]
    fn womens_pension_age_rises_from_2028() {
        let p = Parameters::builtin();
        assert_eq!(
            p.int_on(keys::PENSION_AGE_WOMEN_MONTHS, d("2027-12-31")),
            732
        );
        assert_eq!(
            p.int_on(keys::PENSION_AGE_WOMEN_MONTHS, d("2028-01-01")),
            738
        );
        assert_eq!(
            p.int_on(keys::PENSION_AGE_WOMEN_MONTHS, d("2031-01-01")),
            756
        );
    }

    #[test]
    fn a_future_amendment_is_a_data_row() {
        let p = Parameters::builtin().with([Edition {
            key: keys::MIN_MONTHLY_WAGE.into(),
            effective_from: d("2027-01-01"),
            value: "90000".into(),
            source: "test".into(),
        }]);
        assert_eq!(p.int_on(keys::MIN_MONTHLY_WAGE, d("2026-12-31")), 85000);
        assert_eq!(p.int_on(keys::MIN_MONTHLY_WAGE, d("2027-01-01")), 90000);
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line() {
        let err =
            Parameters::parse_csv("key,effective_from,value,source\nx,2026-13-01,1,s").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
