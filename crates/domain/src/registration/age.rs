//! Age in full years on a date.

use chrono::{Datelike, NaiveDate};

/// Full years of a person born on `birth` on the day `on`. A year is completed on the birthday
/// itself; a person born on 29 February completes it on 1 March in a common year.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < birth {
        return 0;
    }
    let years = on.year() - birth.year();
    let birthday_this_year = NaiveDate::from_ymd_opt(on.year(), birth.month(), birth.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(on.year(), 3, 1).expect("1 March exists"));
    let full = if on >= birthday_this_year {
        years
    } else {
        years - 1
    };
    u32::try_from(full).unwrap_or(0)
}

/// Full months of a person born on `birth` on the day `on`: a month is completed on the day of
/// the month of birth (on the month's last day when it is shorter), as pension ages in months
/// are counted (Social Code art.207).
pub fn age_in_months(birth: NaiveDate, on: NaiveDate) -> u32 {
    if on < birth {
        return 0;
    }
    let months = (on.year() - birth.year()) * 12 + on.month() as i32 - birth.month() as i32;
    let last_of_month = on
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day());
    let completed = on.day() >= birth.day().min(last_of_month);
    u32::try_from(if completed { months } else { months - 1 }).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_age_changes_on_the_birthday() {
        assert_eq!(age_on(d("2010-05-10"), d("2026-05-09")), 15);
        assert_eq!(age_on(d("2010-05-10"), d("2026-05-10")), 16);
    }

    #[test]
    fn a_leap_day_birthday_completes_on_the_first_of_march() {
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
        assert_eq!(age_on(d("2008-02-29"), d("2028-02-29")), 20);
    }

    #[test]
    fn months_are_completed_on_the_day_of_birth_or_a_short_months_last_day() {
        assert_eq!(age_in_months(d("1965-03-15"), d("2026-03-14")), 732 - 1);
        assert_eq!(age_in_months(d("1965-03-15"), d("2026-03-15")), 732);
        assert_eq!(age_in_months(d("2000-01-31"), d("2000-02-28")), 0);
        assert_eq!(age_in_months(d("2000-01-31"), d("2000-02-29")), 1);
        assert_eq!(age_in_months(d("2000-01-31"), d("2000-03-30")), 1);
        assert_eq!(age_in_months(d("2000-01-31"), d("2000-03-31")), 2);
    }

    #[test]
    fn before_birth_the_age_is_zero() {
        assert_eq!(age_on(d("2026-05-10"), d("2026-01-01")), 0);
    }
}
