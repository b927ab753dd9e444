//! Subsidised jobs (206 p.31.3): the employer's application to
//! organise them, and its participants' monthly attendance.

use std::fmt;

use chrono::{Datelike, NaiveDate};

crate::codes! { code;
    /// The kinds of subsidised job an employer organises (the API's `measure`, less training and
    /// resettlement, which are not jobs).
    pub enum Measure {
        PublicWorks = "public_works",
        SocialJob = "social_job",
        YouthPractice = "youth_practice",
        FirstJob = "first_job",
        GenerationContract = "generation_contract",
        SilverAge = "silver_age",
    }
}

/// A calendar month, `YYYY-MM`: the unit in which attendance is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// Accepts exactly `YYYY-MM` (four-digit year, two-digit month 01–12).
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let month = Month {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        (1..=12).contains(&month.month).then_some(month)
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month has a first day")
    }

    /// How many days the month has (28 to 31).
    pub fn days(self) -> u32 {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        let days = next.expect("the next month has a first day") - self.first_day();
        u32::try_from(days.num_days()).expect("28 to 31 days")
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why an application's period or a month's attendance is not taken, with the code the API
/// answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The period ends on or before the day it starts.
    PeriodEmpty,
    /// The month has not begun yet.
    FutureMonth,
    /// The month lies wholly before the period's start or after its end.
    OutsidePeriod,
    /// Negative day counts, or more days worked and absent than the month has.
    DayCounts { days_in_month: u32 },
}

impl Refusal {
    pub fn detail(self) -> &'static str {
        match self {
            Refusal::PeriodEmpty => "ends_on must be after starts_on",
            Refusal::FutureMonth => "attendance is reported for a month that has begun",
            Refusal::OutsidePeriod => "the month is outside the application's period",
            Refusal::DayCounts { .. } => {
                "days_worked and days_absent are at least 0 and together at most the days of the month"
            }
        }
    }
}

/// The period of subsidised jobs: the last day after the first.
pub fn check_period(starts_on: NaiveDate, ends_on: NaiveDate) -> Result<(), Refusal> {
    if ends_on <= starts_on {
        return Err(Refusal::PeriodEmpty);
    }
    Ok(())
}

/// A month's attendance of one participant (206 p.31.3): a month that has begun by `today`,
/// within the period (the months of its first and last days count), and day counts the month
/// can hold.
pub fn check_attendance(
    month: Month,
    days_worked: i64,
    days_absent: i64,
    period: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<(), Refusal> {
    if month > Month::of(today) {
        return Err(Refusal::FutureMonth);
    }
    if month < Month::of(period.0) || month > Month::of(period.1) {
        return Err(Refusal::OutsidePeriod);
    }
    let days_in_month = month.days();
    if days_worked < 0
        || days_absent < 0
        || days_worked.saturating_add(days_absent) > i64::from(days_in_month)
    {
        return Err(Refusal::DayCounts { days_in_month });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    const PERIOD: (&str, &str) = ("2025-11-10", "2026-02-20");

    fn check(month: &str, worked: i64, absent: i64, today: &str) -> Result<(), Refusal> {
        let period = (d(PERIOD.0), d(PERIOD.1));
        check_attendance(m(month), worked, absent, period, d(today))
    }

    #[test]
    fn a_month_is_yyyy_mm_only() {
        assert_eq!(m("2026-02").to_string(), "2026-02");
        for bad in [
            "2026-13",
            "2026-00",
            "2026-2",
            "26-02",
            "2026/02",
            "2026-02-01",
            "",
            "abcd-ef",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_month_has_its_calendar_days() {
        assert_eq!(m("2026-02").days(), 28);
        assert_eq!(m("2028-02").days(), 29);
        assert_eq!(m("2026-04").days(), 30);
        assert_eq!(m("2026-12").days(), 31);
    }

    #[test]
    fn a_period_ends_after_it_starts() {
        assert_eq!(check_period(d("2026-01-01"), d("2026-01-02")), Ok(()));
        assert_eq!(
            check_period(d("2026-01-01"), d("2026-01-01")),
            Err(Refusal::PeriodEmpty)
        );
    }

    #[test]
    fn the_months_of_the_first_and_last_days_count_and_no_others() {
        assert_eq!(
            check("2025-10", 0, 0, "2026-03-17"),
            Err(Refusal::OutsidePeriod)
        );
        assert_eq!(check("2025-11", 15, 0, "2026-03-17"), Ok(()));
        assert_eq!(check("2026-02", 14, 0, "2026-03-17"), Ok(()));
        assert_eq!(
            check("2026-03", 0, 0, "2026-03-17"),
            Err(Refusal::OutsidePeriod)
        );
    }

    #[test]
    fn a_month_that_has_not_begun_is_refused_and_the_current_one_taken() {
        assert_eq!(check("2026-01", 10, 0, "2026-01-31"), Ok(()));
        assert_eq!(
            check("2026-02", 0, 0, "2026-01-31"),
            Err(Refusal::FutureMonth)
        );
        assert_eq!(check("2026-02", 0, 0, "2026-02-01"), Ok(()));
    }

    #[test]
    fn the_days_fit_the_month() {
        let refused = Err(Refusal::DayCounts { days_in_month: 28 });
        assert_eq!(check("2026-02", 28, 0, "2026-03-17"), Ok(()));
        assert_eq!(check("2026-02", 29, 0, "2026-03-17"), refused);
        assert_eq!(check("2026-02", 20, 8, "2026-03-17"), Ok(()));
        assert_eq!(check("2026-02", 20, 9, "2026-03-17"), refused);
        assert_eq!(check("2026-02", -1, 0, "2026-03-17"), refused);
        assert_eq!(check("2026-02", 0, -1, "2026-03-17"), refused);
        assert_eq!(check("2026-02", i64::MAX, i64::MAX, "2026-03-17"), refused);
    }
}
