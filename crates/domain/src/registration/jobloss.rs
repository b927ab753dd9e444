//! The job-loss social payment (Social Code art.102; 214 p.57; guide step 4): who may apply,
//! and the monthly amount and duration expected, with the formula shown.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

use crate::reference::parameters::{keys, Parameters};
use crate::registry::{RegistryPerson, YearMonth};

crate::codes! { as_str;
    /// Where an application for the payment stands.
    pub enum ApplicationStatus {
        /// Waiting for the registries' record of contributions.
        Checking = "checking",
        /// Fewer months with contributions than the law asks: not sent.
        NotEligible = "not_eligible",
        /// Sent to the State Social Insurance Fund (delivered when the fund confirms receipt).
        SentToFund = "sent_to_fund",
    }
}

/// The months before registration in which contributions count (guide step 4).
pub const WINDOW_MONTHS: u32 = 24;

/// What the fund is asked for, and why: every number of the formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Months with contributions among the 24 calendar months before the month of registration.
    pub months_in_window: u32,
    pub months_required: u32,
    pub eligible: bool,
    /// All months with contributions before the month of registration.
    pub participation_months: u32,
    /// The income of the window's months, each at most the cap, divided by 24.
    pub average_monthly_income: Option<u64>,
    pub income_cap: u64,
    pub replacement_rate: f64,
    /// The coefficient of the length of participation; 0 below the first band.
    pub stage_coefficient: f64,
    /// The band of the length of participation the coefficient belongs to.
    pub stage_band: Option<Band>,
    pub monthly_amount: Option<u64>,
    pub duration_months: u32,
    pub formula: String,
}

/// A band of the length of participation, in months: `from_months` to `to_months` inclusive;
/// `to_months` is `None` for the last band, which has no end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Band {
    pub from_months: u32,
    pub to_months: Option<u32>,
}

impl std::fmt::Display for Band {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_months {
            Some(to) => write!(f, "{}–{to} months", self.from_months),
            None => write!(f, "{} months or more", self.from_months),
        }
    }
}

/// The 24 calendar months before the month of `registered_on`, oldest first.
fn window(registered_on: NaiveDate) -> Vec<YearMonth> {
    let first_of_month = registered_on.with_day0(0).unwrap_or(registered_on);
    (1..=WINDOW_MONTHS)
        .rev()
        .filter_map(|back| first_of_month.checked_sub_months(Months::new(back)))
        .map(YearMonth::of)
        .collect()
}

/// Assesses an application by a person registered as unemployed on `registered_on`.
pub fn assess(person: &RegistryPerson, registered_on: NaiveDate, p: &Parameters) -> Assessment {
    let paid: BTreeSet<YearMonth> = person.contribution_months.iter().copied().collect();
    let registered = YearMonth::of(registered_on);
    let window = window(registered_on);
    let months_in_window =
        u32::try_from(window.iter().filter(|m| paid.contains(m)).count()).unwrap_or(0);
    let months_required =
        u32::try_from(p.int_on(keys::JOBLOSS_ELIGIBILITY_MONTHS, registered_on)).unwrap_or(6);
    let participation_months =
        u32::try_from(paid.iter().filter(|m| **m < registered).count()).unwrap_or(0);
    let cap_wages = u64::try_from(p.int_on(keys::JOBLOSS_INCOME_CAP, registered_on)).unwrap_or(7);
    let min_wage = u64::try_from(p.int_on(keys::MIN_MONTHLY_WAGE, registered_on)).unwrap_or(0);
    let income_cap = cap_wages * min_wage;
    let replacement_rate = p.decimal_on(keys::JOBLOSS_REPLACEMENT_RATE, registered_on);
    let stage = p
        .table_on(keys::JOBLOSS_STAGE_COEFFICIENTS, registered_on)
        .step(participation_months);
    let stage_coefficient = stage.map_or(0.0, |s| s.value);
    let stage_band = stage.map(|s| Band {
        from_months: s.from,
        to_months: s.to,
    });
    let eligible = months_in_window >= months_required;
    let duration_months = if eligible {
        p.table_on(keys::JOBLOSS_DURATION_MONTHS, registered_on)
            .at(participation_months)
            .map_or(0, |m| m as u32)
    } else {
        0
    };
    let known: Vec<u64> = window
        .iter()
        .filter_map(|m| person.contribution_incomes.get(m))
        .map(|income| (*income).min(income_cap))
        .collect();
    let average_monthly_income =
        (!known.is_empty()).then(|| known.iter().sum::<u64>() / u64::from(WINDOW_MONTHS));
    let monthly_amount = average_monthly_income
        .filter(|_| eligible)
        .map(|avg| (avg as f64 * replacement_rate * stage_coefficient).round() as u64);
    let band = stage_band.map_or_else(|| "below the first band".to_string(), |b| b.to_string());
    let formula = format!(
        "average monthly income over {WINDOW_MONTHS} months (each month at most {cap_wages} minimum wages = {income_cap}) \
         × replacement rate {replacement_rate} × coefficient of participation {stage_coefficient} \
         ({participation_months} months of participation: band {band})"
    );
    Assessment {
        months_in_window,
        months_required,
        eligible,
        participation_months,
        average_monthly_income,
        income_cap,
        replacement_rate,
        stage_coefficient,
        stage_band,
        monthly_amount,
        duration_months,
        formula,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ids::Sex;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ym(s: &str) -> YearMonth {
        YearMonth::try_from(s.to_string()).unwrap()
    }

    fn person(months: &[&str], income: u64) -> RegistryPerson {
        RegistryPerson {
            contribution_months: months.iter().map(|m| ym(m)).collect(),
            contribution_incomes: months.iter().map(|m| (ym(m), income)).collect(),
            ..crate::registry::sample(d("1990-01-01"), Sex::Female)
        }
    }

    fn months_from(first: &str, n: u32) -> Vec<String> {
        let start = NaiveDate::parse_from_str(&format!("{first}-01"), "%Y-%m-%d").unwrap();
        (0..n)
            .map(|i| String::from(YearMonth::of(start + Months::new(i))))
            .collect()
    }

    #[test]
    fn six_months_in_the_24_before_the_month_of_registration_make_one_eligible() {
        let p = Parameters::builtin();
        // Registered in March 2026: the window is March 2024 to February 2026.
        let six = months_from("2025-09", 6);
        let six: Vec<&str> = six.iter().map(String::as_str).collect();
        let a = assess(&person(&six, 300_000), d("2026-03-20"), &p);
        assert_eq!(a.months_in_window, 6);
        assert!(a.eligible);
        let five = &six[1..];
        assert!(!assess(&person(five, 300_000), d("2026-03-20"), &p).eligible);
        // The month of registration does not count, nor anything older than 24 months.
        let mut edge = five.to_vec();
        edge.push("2026-03");
        edge.push("2024-02");
        assert_eq!(
            assess(&person(&edge, 300_000), d("2026-03-20"), &p).months_in_window,
            5
        );
        let mut first = five.to_vec();
        first.push("2024-03");
        assert!(assess(&person(&first, 300_000), d("2026-03-20"), &p).eligible);
    }

    #[test]
    fn the_amount_is_average_income_times_rate_times_coefficient() {
        let p = Parameters::builtin();
        // 12 months at 200 000: average 100 000 over 24; 12 months of participation → 0.75.
        let months = months_from("2025-03", 12);
        let months: Vec<&str> = months.iter().map(String::as_str).collect();
        let a = assess(&person(&months, 200_000), d("2026-03-20"), &p);
        assert_eq!(a.participation_months, 12);
        assert_eq!(a.average_monthly_income, Some(100_000));
        assert_eq!(a.stage_coefficient, 0.75);
        assert_eq!(a.monthly_amount, Some(33_750));
        assert!(a.formula.contains("× coefficient of participation 0.75 (12 months of participation: band 12–23 months)"), "{}", a.formula);
        assert_eq!(a.duration_months, 2);
        // Each month's income counts at most 7 minimum wages (595 000 in 2026).
        let rich = assess(&person(&months, 2_000_000), d("2026-03-20"), &p);
        assert_eq!(rich.income_cap, 595_000);
        assert_eq!(rich.average_monthly_income, Some(297_500));
    }

    #[test]
    fn the_length_of_participation_sets_the_duration() {
        let p = Parameters::builtin();
        for (n, months) in [
            (6, 1),
            (11, 1),
            (12, 2),
            (24, 3),
            (59, 5),
            (60, 6),
            (130, 6),
        ] {
            // The n months ending with February 2026.
            let first = YearMonth::of(d("2026-02-01") - Months::new(n - 1));
            let list = months_from(&String::from(first), n);
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            let a = assess(&person(&list, 100_000), d("2026-03-20"), &p);
            assert_eq!(a.participation_months, n, "{n}");
            assert_eq!(a.duration_months, months, "{n} months of participation");
        }
    }

    /// The n months of participation ending with February 2026, assessed on 20 March 2026.
    fn with_participation(n: u32) -> Assessment {
        let first = YearMonth::of(d("2026-02-01") - Months::new(n - 1));
        let list = months_from(&String::from(first), n);
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        assess(
            &person(&list, 100_000),
            d("2026-03-20"),
            &Parameters::builtin(),
        )
    }

    #[test]
    fn the_coefficient_of_participation_steps_at_each_band_and_stops_at_1_30() {
        let band = |from, to| {
            Some(Band {
                from_months: from,
                to_months: to,
            })
        };
        for (n, coefficient, expected_band) in [
            (5, 0.0, None),
            (6, 0.70, band(6, Some(11))),
            (11, 0.70, band(6, Some(11))),
            (12, 0.75, band(12, Some(23))),
            (23, 0.75, band(12, Some(23))),
            (24, 0.85, band(24, Some(35))),
            (35, 0.85, band(24, Some(35))),
            (36, 0.90, band(36, Some(47))),
            (48, 0.95, band(48, Some(59))),
            (60, 1.00, band(60, Some(71))),
            (71, 1.00, band(60, Some(71))),
            (72, 1.02, band(72, Some(83))),
            (84, 1.04, band(84, Some(95))),
            (239, 1.28, band(228, Some(239))),
            (240, 1.30, band(240, None)),
            (400, 1.30, band(240, None)),
        ] {
            let a = with_participation(n);
            assert_eq!(a.participation_months, n);
            assert_eq!(a.stage_coefficient, coefficient, "{n} months");
            assert_eq!(a.stage_band, expected_band, "{n} months");
        }
        // Five months make no one eligible and give no amount; six do.
        assert!(!with_participation(5).eligible);
        assert_eq!(with_participation(5).monthly_amount, None);
        // Six months at 100 000 average 25 000 over the 24: × 0.45 × 0.70 …
        assert_eq!(with_participation(6).monthly_amount, Some(7_875));
        // … and a full window averages 100 000: × 0.45 × 1.30 at the cap, whose band has no end.
        let capped = with_participation(400);
        assert_eq!(capped.monthly_amount, Some(58_500));
        assert!(
            capped.formula.contains("band 240 months or more"),
            "{}",
            capped.formula
        );
    }

    #[test]
    fn without_reported_incomes_the_amount_is_left_to_the_fund() {
        let p = Parameters::builtin();
        let months = months_from("2025-03", 12);
        let months: Vec<&str> = months.iter().map(String::as_str).collect();
        let mut someone = person(&months, 0);
        someone.contribution_incomes.clear();
        let a = assess(&someone, d("2026-03-20"), &p);
        assert!(a.eligible);
        assert_eq!(a.monthly_amount, None);
    }
}
