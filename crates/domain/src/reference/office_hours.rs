//! Office hours, the moment an online application is received, and deadlines (214 App.1 p.7;
//! Civil Code art.172).
//!
//! Kazakhstan keeps one time zone, UTC+5, since 1 March 2024; the platform uses it for every
//! instant, earlier ones included. Offices work on the working days of the [`Calendar`] from
//! 9:00 to 18:30 with lunch from 13:00 to 14:30 (214 App.1 p.7).

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};

use crate::reference::calendar::Calendar;

/// Offset of Kazakhstan time from UTC: five hours.
pub const KZ_OFFSET_SECONDS: i32 = 5 * 3600;

const OPENS: NaiveTime = hm(9, 0);
const LUNCH_STARTS: NaiveTime = hm(13, 0);
const LUNCH_ENDS: NaiveTime = hm(14, 30);
const CLOSES: NaiveTime = hm(18, 30);

const fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time of day")
}

/// Kazakhstan time, UTC+5.
pub fn kz_offset() -> FixedOffset {
    FixedOffset::east_opt(KZ_OFFSET_SECONDS).expect("UTC+5 is a valid offset")
}

/// The date in Kazakhstan at the instant `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&kz_offset()).date_naive()
}

fn local_time(at: DateTime<Utc>) -> NaiveTime {
    at.with_timezone(&kz_offset()).time()
}

/// The instant of Kazakhstan local time `time` on `date`.
pub fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    date.and_time(time).and_utc() - TimeDelta::seconds(i64::from(KZ_OFFSET_SECONDS))
}

/// 24:00 local at the end of `date`, that is 00:00 local the next day.
fn end_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    local_instant(date + Days::new(1), NaiveTime::MIN)
}

/// The instant an online application is taken as received (214 App.1 p.7).
///
/// An application made after the end of working time, on a weekend or on a holiday is received on
/// the next working day (214 App.1 p.7(2)–(3)). Read as: on a working day before 18:30 local it is
/// received that day — at 9:00 if it came earlier, otherwise at once (lunch is within the working
/// day); at or after 18:30, or on a day that is not a working day, it is received at 9:00 local on
/// the next working day. A deadline then counts from the returned instant.
pub fn received_at(cal: &Calendar, at: DateTime<Utc>) -> DateTime<Utc> {
    let date = local_date(at);
    let time = local_time(at);
    if cal.is_working_day(date) && time < CLOSES {
        if time < OPENS {
            local_instant(date, OPENS)
        } else {
            at
        }
    } else {
        local_instant(cal.next_working_day(date), OPENS)
    }
}

/// Deadline of a period of `n` working days counted from an event: the end (24:00 local) of the
/// n-th working day after the local date of `from` (Civil Code art.172–173). The day of the
/// event does not count; `n = 0` ends with the day of the event.
pub fn working_days_deadline(cal: &Calendar, from: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    end_of_local_day(cal.add_working_days(local_date(from), n))
}

/// Deadline of a period of `n` calendar days counted from an event: the end (24:00 local) of
/// the n-th day after the local date of `from` (Civil Code art.172–173). It is not moved off a
/// non-working day.
pub fn calendar_days_deadline(from: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    end_of_local_day(local_date(from) + Days::new(u64::from(n)))
}

/// Whether an office is open at `at`: a working day, 9:00–13:00 or 14:30–18:30 local.
pub fn is_office_hours(cal: &Calendar, at: DateTime<Utc>) -> bool {
    let time = local_time(at);
    cal.is_working_day(local_date(at))
        && ((OPENS..LUNCH_STARTS).contains(&time) || (LUNCH_ENDS..CLOSES).contains(&time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// An instant given in Kazakhstan local time.
    fn kz(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        kz_offset()
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
    }

    fn cal() -> Calendar {
        Calendar::builtin()
    }

    #[test]
    fn kazakhstan_time_is_five_hours_ahead_of_utc() {
        assert_eq!(kz(2026, 4, 15, 9, 0), utc(2026, 4, 15, 4, 0));
        assert_eq!(kz_offset().local_minus_utc(), 18_000);
    }

    #[test]
    fn the_local_date_changes_at_local_midnight() {
        assert_eq!(
            local_date(utc(2026, 4, 15, 18, 59)),
            NaiveDate::from_ymd_opt(2026, 4, 15).unwrap()
        );
        assert_eq!(
            local_date(utc(2026, 4, 15, 19, 0)),
            NaiveDate::from_ymd_opt(2026, 4, 16).unwrap()
        );
    }

    // ---- received_at ----

    #[test]
    fn an_application_at_18_29_on_a_working_day_is_received_that_day() {
        let at = kz(2026, 4, 15, 18, 29);
        assert_eq!(received_at(&cal(), at), at);
    }

    #[test]
    fn an_application_after_hours_counts_from_the_next_working_day() {
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 15, 18, 30)),
            kz(2026, 4, 16, 9, 0)
        );
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 15, 23, 59)),
            kz(2026, 4, 16, 9, 0)
        );
    }

    #[test]
    fn an_application_before_nine_counts_from_nine_that_day() {
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 15, 0, 0)),
            kz(2026, 4, 15, 9, 0)
        );
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 15, 8, 59)),
            kz(2026, 4, 15, 9, 0)
        );
        let at = kz(2026, 4, 15, 9, 0);
        assert_eq!(received_at(&cal(), at), at);
    }

    #[test]
    fn an_application_at_lunch_time_is_received_at_once() {
        let at = kz(2026, 4, 15, 13, 45);
        assert_eq!(received_at(&cal(), at), at);
    }

    #[test]
    fn an_application_on_a_weekend_counts_from_monday_nine() {
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 18, 11, 0)),
            kz(2026, 4, 20, 9, 0)
        );
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 19, 8, 0)),
            kz(2026, 4, 20, 9, 0)
        );
        // Friday evening also waits for Monday.
        assert_eq!(
            received_at(&cal(), kz(2026, 4, 17, 19, 0)),
            kz(2026, 4, 20, 9, 0)
        );
    }

    #[test]
    fn an_application_on_the_eve_of_nauryz_counts_from_thursday_26_march_2026() {
        assert_eq!(
            received_at(&cal(), kz(2026, 3, 20, 19, 0)),
            kz(2026, 3, 26, 9, 0)
        );
        assert_eq!(
            received_at(&cal(), kz(2026, 3, 23, 10, 0)),
            kz(2026, 3, 26, 9, 0)
        );
    }

    #[test]
    fn a_weekend_day_made_working_receives_applications() {
        // Sat 4 May 2024 was worked under the 2024 transfer order.
        let at = kz(2024, 5, 4, 10, 0);
        assert_eq!(received_at(&cal(), at), at);
    }

    #[test]
    fn an_instant_late_in_the_utc_day_belongs_to_the_next_local_day() {
        // 20:00 UTC on Thursday is 01:00 local on Friday: received Friday 9:00.
        assert_eq!(
            received_at(&cal(), utc(2026, 4, 16, 20, 0)),
            kz(2026, 4, 17, 9, 0)
        );
    }

    // ---- deadlines ----

    #[test]
    fn two_working_days_from_a_thursday_end_at_midnight_after_monday() {
        let deadline = working_days_deadline(&cal(), kz(2026, 4, 16, 10, 0), 2);
        assert_eq!(deadline, kz(2026, 4, 21, 0, 0));
        assert_eq!(deadline, utc(2026, 4, 20, 19, 0));
    }

    #[test]
    fn a_working_days_deadline_skips_nauryz() {
        // From Thu 19 March 2026: Fri 20 is the first working day, Thu 26 the second.
        assert_eq!(
            working_days_deadline(&cal(), kz(2026, 3, 19, 15, 0), 2),
            kz(2026, 3, 27, 0, 0)
        );
        // From an application received at 9:00 on Thu 26 after Nauryz: Fri 27, Mon 30.
        let received = received_at(&cal(), kz(2026, 3, 21, 12, 0));
        assert_eq!(
            working_days_deadline(&cal(), received, 2),
            kz(2026, 3, 31, 0, 0)
        );
    }

    #[test]
    fn a_working_days_deadline_of_zero_ends_with_the_day_of_the_event() {
        assert_eq!(
            working_days_deadline(&cal(), kz(2026, 4, 16, 10, 0), 0),
            kz(2026, 4, 17, 0, 0)
        );
    }

    #[test]
    fn a_deadline_counts_from_the_local_date_of_the_event() {
        // 23:30 local Thursday is still Thursday although it is 18:30 UTC.
        assert_eq!(
            working_days_deadline(&cal(), kz(2026, 4, 16, 23, 30), 1),
            kz(2026, 4, 18, 0, 0)
        );
        // 00:30 local Friday is Friday although it is Thursday 19:30 UTC.
        assert_eq!(
            working_days_deadline(&cal(), kz(2026, 4, 17, 0, 30), 1),
            kz(2026, 4, 21, 0, 0)
        );
    }

    #[test]
    fn a_calendar_days_deadline_ends_at_midnight_after_the_nth_day() {
        assert_eq!(
            calendar_days_deadline(kz(2026, 4, 16, 10, 0), 2),
            kz(2026, 4, 19, 0, 0)
        );
        assert_eq!(
            calendar_days_deadline(kz(2026, 4, 16, 10, 0), 0),
            kz(2026, 4, 17, 0, 0)
        );
        assert_eq!(
            calendar_days_deadline(kz(2026, 12, 30, 23, 59), 3),
            kz(2027, 1, 3, 0, 0)
        );
    }

    // ---- office hours ----

    #[test]
    fn offices_are_open_from_nine_to_half_past_six_except_at_lunch() {
        let c = cal();
        let open = |h, m| is_office_hours(&c, kz(2026, 4, 15, h, m));
        assert!(!open(8, 59));
        assert!(open(9, 0));
        assert!(open(12, 59));
        assert!(!open(13, 0));
        assert!(!open(14, 29));
        assert!(open(14, 30));
        assert!(open(18, 29));
        assert!(!open(18, 30));
    }

    #[test]
    fn offices_are_closed_on_weekends_and_holidays() {
        let c = cal();
        assert!(!is_office_hours(&c, kz(2026, 4, 18, 10, 0)));
        assert!(!is_office_hours(&c, kz(2026, 3, 24, 10, 0)));
        assert!(is_office_hours(&c, kz(2026, 3, 26, 10, 0)));
    }
}
