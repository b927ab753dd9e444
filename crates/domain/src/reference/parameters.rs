//! Reference values and rule editions, each with the day it takes effect (docs/RULES.md, reference
//! values and editions). A case is judged by the value in force on its date; a future amendment is
//! a new row, not new code.

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
    /// 214 p.23: working days for the career center to select suitable work for a new job seeker.
    pub const SELECTION_WORKING_DAYS: &str = "selection_working_days";
    /// 214 p.36: working days for the enbek.kz portal to select vacancies for a job seeker
    /// registered on it.
    pub const PORTAL_SELECTION_WORKING_DAYS: &str = "portal_selection_working_days";
    /// 214 App.1 p.3: term of the service "Registration of job seekers", working days.
    pub const JOB_SEEKER_REGISTRATION_TERM: &str = "job_seeker_registration_term_working_days";
    /// 214 p.19–20: working days for the assistant to forward and for the center to register.
    pub const ASSISTANT_FORWARDING_DAYS: &str = "assistant_forwarding_working_days";
    /// The Social Code (which repealed the Law on Employment; guide): calendar days a
    /// re-registration is barred.
    pub const REREGISTRATION_BAR_DAYS: &str = "reregistration_bar_calendar_days";
    /// Social Code art.102: the income replacement rate of the job-loss payment.
    pub const JOBLOSS_REPLACEMENT_RATE: &str = "jobloss_replacement_rate";
    /// Social Code art.102: the monthly income counted, at most this many minimum wages.
    pub const JOBLOSS_INCOME_CAP: &str = "jobloss_income_cap_min_wages";
    /// Months with contributions needed in the 24 before registration.
    pub const JOBLOSS_ELIGIBILITY_MONTHS: &str = "jobloss_eligibility_months";
    /// A step table: the coefficient of the length of participation.
    pub const JOBLOSS_STAGE_COEFFICIENTS: &str = "jobloss_stage_coefficients";
    /// A step table: months of payment by the length of participation.
    pub const JOBLOSS_DURATION_MONTHS: &str = "jobloss_duration_months";
    /// 129 p.2 and the Social Code: the categories of 129 p.2 a measure is open to, `;`-separated
    /// codes of `measures::eligibility::Category`, one key per measure: this prefix and the
    /// measure's code.
    pub const MEASURE_CATEGORIES_PREFIX: &str = "measure_categories_";
    /// Labour Code art.31: the age from which a person is referred to a measure.
    pub const MEASURE_MIN_AGE: &str = "measure_min_age_years";
    /// Youth practice, "First job" and "Generation contract": the oldest age, in full years.
    pub const MEASURE_YOUTH_MAX_AGE: &str = "measure_youth_max_age_years";
    /// Youth practice: professional education completed at most this many years before.
    pub const YOUTH_PRACTICE_GRADUATION_YEARS: &str = "youth_practice_graduation_years";
    /// Social Code art.111 p.7: referrals to a social job in one calendar year.
    pub const SOCIAL_JOBS_PER_YEAR: &str = "social_jobs_per_calendar_year";
    /// Social Code art.109 p.4, art.111 p.7: months after re-registration before a person who
    /// quit a measure without good reason is referred again.
    pub const MEASURE_QUIT_WAIT_MONTHS: &str = "measure_quit_wait_months";
    /// "Silver age": the years before the pension age in which a person takes part.
    pub const SILVER_AGE_YEARS_BEFORE_PENSION: &str = "silver_age_years_before_pension";
    /// The keys whose value is a step table (`from:value;from:value…`).
    pub const TABLES: [&str; 2] = [JOBLOSS_STAGE_COEFFICIENTS, JOBLOSS_DURATION_MONTHS];
}

/// A value by steps: each step applies from its threshold up to the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTable(Vec<(u32, f64)>);

impl StepTable {
    /// Parses `from:value;from:value…` with thresholds rising from 0.
    pub fn parse(s: &str) -> Result<StepTable, String> {
        let mut steps = Vec::new();
        for part in s.split(';') {
            let (from, value) = part
                .split_once(':')
                .ok_or_else(|| format!("{part:?} is not from:value"))?;
            let from: u32 = from
                .trim()
                .parse()
                .map_err(|_| format!("{from:?} is not a whole number"))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{value:?} is not a number"))?;
            if steps.last().is_some_and(|(last, _)| *last >= from) {
                return Err("thresholds must rise".into());
            }
            steps.push((from, value));
        }
        if steps.is_empty() {
            return Err("no steps".into());
        }
        Ok(StepTable(steps))
    }

    /// The value of the step `x` falls in; `None` below the first threshold.
    pub fn at(&self, x: u32) -> Option<f64> {
        self.step(x).map(|s| s.value)
    }

    /// The step `x` falls in, with its bounds; `None` below the first threshold.
    pub fn step(&self, x: u32) -> Option<Step> {
        let i = self.0.iter().rposition(|(from, _)| *from <= x)?;
        let (from, value) = self.0[i];
        let to = self.0.get(i + 1).map(|(next, _)| next - 1);
        Some(Step { from, to, value })
    }
}

/// One step of a [`StepTable`]: the values `from..=to` (`to` is `None` for the last, open step).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub from: u32,
    pub to: Option<u32>,
    pub value: f64,
}

/// Whether `value` may stand as an edition of `key`: a number where the key holds numbers, a
/// step table where it holds one (checked before an administrator's edition is stored).
pub fn validate_value(key: &str, value: &str, current: &str) -> Result<(), String> {
    if keys::TABLES.contains(&key) {
        return StepTable::parse(value).map(|_| ());
    }
    if key.starts_with(keys::MEASURE_CATEGORIES_PREFIX) {
        return crate::measures::eligibility::parse_categories(value).map(|_| ());
    }
    if current.parse::<f64>().is_ok() && value.parse::<f64>().is_err() {
        return Err("this parameter is a number".into());
    }
    Ok(())
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
        let rows = Parameters::parse_csv(include_str!("../../data/parameters.csv"))
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

    /// A decimal value; panics only if the shipped data are broken (checked by tests).
    pub fn decimal_on(&self, key: &str, on: NaiveDate) -> f64 {
        self.value_on(key, on)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("parameter {key} has no decimal value on {on}"))
    }

    /// A step table; panics only if the shipped data are broken (checked by tests).
    pub fn table_on(&self, key: &str, on: NaiveDate) -> StepTable {
        self.value_on(key, on)
            .and_then(|v| StepTable::parse(v).ok())
            .unwrap_or_else(|| panic!("parameter {key} has no table on {on}"))
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
            p.int_on(keys::PORTAL_SELECTION_WORKING_DAYS, d("2025-06-27")),
            2
        );
        assert_eq!(
            p.int_on(keys::PORTAL_SELECTION_WORKING_DAYS, d("2025-06-28")),
            2
        );
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
    fn every_shipped_table_parses_and_steps_apply_from_their_threshold() {
        let p = Parameters::builtin();
        for e in p
            .editions()
            .filter(|e| keys::TABLES.contains(&e.key.as_str()))
        {
            assert!(StepTable::parse(&e.value).is_ok(), "{}", e.key);
        }
        let t = StepTable::parse("6:1;12:2;60:6").unwrap();
        assert_eq!(t.at(5), None);
        assert_eq!(t.at(6), Some(1.0));
        assert_eq!(t.at(11), Some(1.0));
        assert_eq!(t.at(12), Some(2.0));
        assert_eq!(t.at(600), Some(6.0));
        assert_eq!(t.step(5), None);
        assert_eq!(
            t.step(11),
            Some(Step {
                from: 6,
                to: Some(11),
                value: 1.0
            })
        );
        assert_eq!(
            t.step(60),
            Some(Step {
                from: 60,
                to: None,
                value: 6.0
            })
        );
        assert!(StepTable::parse("6:1;6:2").is_err());
        assert!(StepTable::parse("six:1").is_err());
        assert!(validate_value(keys::JOBLOSS_DURATION_MONTHS, "6:1;12:2", "").is_ok());
        assert!(validate_value(keys::JOBLOSS_DURATION_MONTHS, "90000", "").is_err());
        assert!(validate_value(keys::MIN_MONTHLY_WAGE, "lots", "85000").is_err());
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line() {
        let err =
            Parameters::parse_csv("key,effective_from,value,source\nx,2026-13-01,1,s").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
