//! The period of a statistics request: whole months of Kazakhstan's local time (UTC+5), from a
//! first to a last month inclusive, at most `MOST_MONTHS`. Pure: no clock, no store.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use enbek_domain::reference::office_hours::kz_offset;

/// The most months one request may ask for.
pub const MOST_MONTHS: usize = 36;

/// Why a period is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// A month is not written `YYYY-MM`.
    NotAMonth,
    /// The last month is before the first.
    Reversed,
    /// More than `MOST_MONTHS` months.
    TooLong,
}

/// The months of a request, each as its first day, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub months: Vec<NaiveDate>,
}

/// The first day of the month written `YYYY-MM`.
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// The first day of the month after the one `first` begins.
pub fn next_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// The months from `from` to `to` (`YYYY-MM`, inclusive).
pub fn period(from: &str, to: &str) -> Result<Period, PeriodError> {
    let (Some(first), Some(last)) = (parse_month(from), parse_month(to)) else {
        return Err(PeriodError::NotAMonth);
    };
    if last < first {
        return Err(PeriodError::Reversed);
    }
    let count = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
    if count as usize > MOST_MONTHS {
        return Err(PeriodError::TooLong);
    }
    let mut months = vec![first];
    while let Some(&m) = months.last() {
        if m >= last {
            break;
        }
        months.push(next_month(m));
    }
    Ok(Period { months })
}

/// The month of a day, `YYYY-MM`.
pub fn month_code(first: NaiveDate) -> String {
    first.format("%Y-%m").to_string()
}

/// The instant a local day begins.
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN)
        .and_local_timezone(kz_offset())
        .single()
        .map(|t| t.to_utc())
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl Period {
    /// The first days of the months and of the month after the last: the boundaries of the
    /// months as local days.
    pub fn day_bounds(&self) -> Vec<NaiveDate> {
        let mut bounds = self.months.clone();
        if let Some(&last) = self.months.last() {
            bounds.push(next_month(last));
        }
        bounds
    }

    /// The same boundaries as instants: local midnight at the start of each month.
    pub fn instant_bounds(&self) -> Vec<DateTime<Utc>> {
        self.day_bounds().into_iter().map(day_start).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_run_from_the_first_to_the_last_across_a_year() {
        let p = period("2025-11", "2026-02").unwrap();
        assert_eq!(
            p.months,
            vec![d(2025, 11, 1), d(2025, 12, 1), d(2026, 1, 1), d(2026, 2, 1)]
        );
        assert_eq!(p.day_bounds().last(), Some(&d(2026, 3, 1)));
        assert_eq!(period("2026-03", "2026-03").unwrap().months.len(), 1);
    }

    #[test]
    fn a_month_begins_at_local_midnight() {
        let p = period("2026-03", "2026-03").unwrap();
        let bounds = p.instant_bounds();
        assert_eq!(bounds[0].to_rfc3339(), "2026-02-28T19:00:00+00:00");
        assert_eq!(bounds[1].to_rfc3339(), "2026-03-31T19:00:00+00:00");
    }

    #[test]
    fn bad_periods_are_refused() {
        assert_eq!(period("2026-3", "2026-04"), Err(PeriodError::NotAMonth));
        assert_eq!(period("2026-13", "2026-12"), Err(PeriodError::NotAMonth));
        assert_eq!(period("2026-03-01", "2026-04"), Err(PeriodError::NotAMonth));
        assert_eq!(period("2026-05", "2026-04"), Err(PeriodError::Reversed));
        assert_eq!(
            period("2024-01", "2026-12"),
            Ok(period("2024-01", "2026-12").unwrap())
        );
        assert_eq!(period("2024-01", "2027-01"), Err(PeriodError::TooLong));
    }
}
