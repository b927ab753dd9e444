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
    fn before_birth_the_age_is_zero() {
        assert_eq!(age_on(d("2026-05-10"), d("2026-01-01")), 0);
    }
}
