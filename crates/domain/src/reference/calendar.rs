//! Working-day calendar of Kazakhstan for a five-day week (Law "On holidays" art.5; Labour Code
//! art.84–85).
//!
//! A day is a working day when it is Monday to Friday and not a day off; the calendar data can
//! say otherwise for any date. Days off come from two sources:
//!
//! * the rule, for every year: the fixed holidays of the Law "On holidays in the Republic of
//!   Kazakhstan" art.5 in force that year (dated data, `data/holidays.csv`: each holiday with the
//!   first and last day it is one), a weekday off for each of them that falls on a weekend
//!   (Labour Code art.84–85: the next working day after the holiday), and Orthodox Christmas on
//!   7 January, never carried over (Labour Code art.84(5));
//! * the data: every exception day of 2023–2027 as shipped in `data/calendar.txt` (including
//!   the first day of Kurban Ait and the yearly transfer orders of Labour Code art.85(3)), plus
//!   whatever an administrator adds. An entry for a date overrides the rule for that date.
//!
//! For a year without data ([`Calendar::covers`] is false) only the rule applies: it knows
//! neither Kurban Ait nor transfer orders.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The shipped calendar data, 2023–2027.
const BUILTIN_DATA: &str = include_str!("../../data/calendar.txt");

/// The shipped fixed holidays with their dates of validity.
const HOLIDAYS_DATA: &str = include_str!("../../data/holidays.csv");

crate::codes! { as_str;
    /// What an exception day is.
    pub enum DayKind {
        /// A public holiday or a religious day off; listed even when it falls on a weekend.
        Holiday = "holiday",
        /// A weekday not worked: a holiday carried over from a weekend, or a day off moved there
        /// by a transfer order.
        DayOff = "day_off",
        /// A day worked although it would otherwise be off (a weekend day under a transfer order).
        Working = "working",
    }
}

/// One line of calendar data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub note: String,
}

/// A line of calendar data that could not be read. Lines are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("line {line}: {text:?} is not a date written YYYY-MM-DD")]
    BadDate { line: usize, text: String },
    #[error("line {line}: the date must be followed by holiday, day_off or working")]
    MissingKind { line: usize },
    #[error("line {line}: unknown kind {kind:?}; expected holiday, day_off or working")]
    UnknownKind { line: usize, kind: String },
    #[error("line {line}: {date} is already listed on line {first_line}")]
    Duplicate {
        line: usize,
        date: NaiveDate,
        first_line: usize,
    },
}

impl CalendarError {
    /// The number (from 1) of the offending line.
    pub fn line(&self) -> usize {
        match self {
            CalendarError::BadDate { line, .. }
            | CalendarError::MissingKind { line }
            | CalendarError::UnknownKind { line, .. }
            | CalendarError::Duplicate { line, .. } => *line,
        }
    }
}

/// The working-day calendar: the rule plus the data entries, which override it date by date.
#[derive(Debug, Clone)]
pub struct Calendar {
    entries: BTreeMap<NaiveDate, CalendarEntry>,
}

/// A fixed public holiday of the Law "On holidays in the Republic of Kazakhstan" art.5: a day
/// of the year, a holiday from `valid_from` through `valid_to` (no bound when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedHoliday {
    pub month: u32,
    pub day: u32,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub name: String,
}

impl FixedHoliday {
    /// The holiday's date in `year`, if it is a holiday that year.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        let date = NaiveDate::from_ymd_opt(year, self.month, self.day)?;
        let started = self.valid_from.is_none_or(|from| from <= date);
        let not_ended = self.valid_to.is_none_or(|to| date <= to);
        (started && not_ended).then_some(date)
    }

    /// Reads `month_day,valid_from,valid_to,name` lines after a header line; `#` starts a
    /// comment line; an empty date is no bound. An error names the line (from 1).
    pub fn parse(text: &str) -> Result<Vec<FixedHoliday>, String> {
        let mut out = Vec::new();
        let mut header_seen = false;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let err = |what: &str| format!("line {}: {what}", index + 1);
            let mut parts = line.splitn(4, ',');
            let (Some(month_day), Some(from), Some(to), Some(name)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(err("expected month_day,valid_from,valid_to,name"));
            };
            let (month, day) = month_day
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
                .filter(|(m, d)| NaiveDate::from_ymd_opt(2000, *m, *d).is_some())
                .ok_or_else(|| err("month_day is not MM-DD"))?;
            let bound = |text: &str| -> Result<Option<NaiveDate>, String> {
                if text.is_empty() {
                    return Ok(None);
                }
                parse_date(text)
                    .map(Some)
                    .ok_or_else(|| err("a bound is not a date written YYYY-MM-DD"))
            };
            out.push(FixedHoliday {
                month,
                day,
                valid_from: bound(from)?,
                valid_to: bound(to)?,
                name: name.to_owned(),
            });
        }
        Ok(out)
    }
}

/// The shipped fixed holidays (`data/holidays.csv`).
pub fn fixed_holidays() -> &'static [FixedHoliday] {
    static HOLIDAYS: OnceLock<Vec<FixedHoliday>> = OnceLock::new();
    HOLIDAYS.get_or_init(|| {
        FixedHoliday::parse(HOLIDAYS_DATA).expect("the shipped holidays data parses")
    })
}

/// The fixed holidays of `year`, in date order.
fn fixed_holidays_in(year: i32) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = fixed_holidays()
        .iter()
        .filter_map(|h| h.date_in(year))
        .collect();
    days.sort();
    days.dedup();
    days
}

/// Orthodox Christmas, a day off that is never carried over (Labour Code art.84(5)).
const ORTHODOX_CHRISTMAS: (u32, u32) = (1, 7);

fn month_day(d: NaiveDate) -> (u32, u32) {
    (d.month(), d.day())
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_fixed_holiday(d: NaiveDate) -> bool {
    fixed_holidays()
        .iter()
        .any(|h| h.date_in(d.year()) == Some(d))
}

/// The weekdays off in `year` by carry-over alone: for each fixed holiday on a weekend, in
/// date order, the first following weekday that is not a holiday, Christmas or already taken.
fn carried_over_days(year: i32) -> Vec<NaiveDate> {
    let mut carried: Vec<NaiveDate> = Vec::new();
    for holiday in fixed_holidays_in(year) {
        if !is_weekend(holiday) {
            continue;
        }
        let mut d = next_day(holiday);
        while is_weekend(d)
            || is_fixed_holiday(d)
            || month_day(d) == ORTHODOX_CHRISTMAS
            || carried.contains(&d)
        {
            d = next_day(d);
        }
        carried.push(d);
    }
    carried
}

/// Whether the rule alone makes `d` a non-working day.
fn is_off_by_rule(d: NaiveDate) -> bool {
    is_weekend(d)
        || is_fixed_holiday(d)
        || month_day(d) == ORTHODOX_CHRISTMAS
        || carried_over_days(d.year()).contains(&d)
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d + Days::new(1)
}

fn previous_day(d: NaiveDate) -> NaiveDate {
    d - Days::new(1)
}

fn first_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("year within chrono's range")
}

/// Splits off the first whitespace-separated word.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(at) => (&s[..at], s[at..].trim()),
        None => (s, ""),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl Calendar {
    /// The shipped calendar: the rule plus the data for 2023–2027.
    pub fn builtin() -> Calendar {
        static BUILTIN: OnceLock<Calendar> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let entries =
                    Calendar::parse(BUILTIN_DATA).expect("the shipped calendar data parses");
                Calendar {
                    entries: BTreeMap::new(),
                }
                .with_entries(entries)
            })
            .clone()
    }

    /// Reads calendar data: one `YYYY-MM-DD <kind> <note>` per line, kind `holiday`, `day_off`
    /// or `working`, the note free text (may be empty); everything after `#` is a comment and
    /// blank lines are skipped. A date listed twice in one text is an error.
    pub fn parse(text: &str) -> Result<Vec<CalendarEntry>, CalendarError> {
        let mut first_lines: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut entries = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            let (date_text, rest) = split_word(content);
            let date = parse_date(date_text).ok_or_else(|| CalendarError::BadDate {
                line,
                text: date_text.to_owned(),
            })?;
            let (kind_text, note) = split_word(rest);
            if kind_text.is_empty() {
                return Err(CalendarError::MissingKind { line });
            }
            let kind = DayKind::parse(kind_text).ok_or_else(|| CalendarError::UnknownKind {
                line,
                kind: kind_text.to_owned(),
            })?;
            if let Some(&first_line) = first_lines.get(&date) {
                return Err(CalendarError::Duplicate {
                    line,
                    date,
                    first_line,
                });
            }
            first_lines.insert(date, line);
            entries.push(CalendarEntry {
                date,
                kind,
                note: note.to_owned(),
            });
        }
        Ok(entries)
    }

    /// Adds entries, for example an administrator's file read with [`Calendar::parse`]. An
    /// entry replaces any earlier entry for the same date, and overrides the rule.
    pub fn with_entries(mut self, extra: impl IntoIterator<Item = CalendarEntry>) -> Calendar {
        for entry in extra {
            self.entries.insert(entry.date, entry);
        }
        self
    }

    /// Whether the data has entries for `year`; if not, only the rule applies to it (no Kurban
    /// Ait, no transfer orders).
    pub fn covers(&self, year: i32) -> bool {
        let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
            return false;
        };
        self.entries.range(first_day(year)..=end).next().is_some()
    }

    /// Whether `d` is a working day of the five-day week.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.entries.get(&d) {
            Some(entry) => entry.kind == DayKind::Working,
            None => !is_off_by_rule(d),
        }
    }

    /// The first working day strictly after `d`.
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut next = next_day(d);
        while !self.is_working_day(next) {
            next = next_day(next);
        }
        next
    }

    /// The last working day strictly before `d`.
    pub fn previous_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut previous = previous_day(d);
        while !self.is_working_day(previous) {
            previous = previous_day(previous);
        }
        previous
    }

    /// The `n`-th working day after `from`: a period counted from an event starts on the next
    /// day (Civil Code art.172), so `from` itself never counts; `n = 0` gives `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        (0..n).fold(from, |d, _| self.next_working_day(d))
    }

    /// Number of working days in the calendar year.
    pub fn working_days_in_year(&self, year: i32) -> u32 {
        let day_before = first_day(year)
            .pred_opt()
            .expect("year within chrono's range");
        let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("year within chrono's range");
        self.working_days_between(day_before, last)
    }

    /// Number of working days `d` with `from < d <= to`; 0 when `to <= from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let count = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count();
        u32::try_from(count).expect("fewer than 2^32 days")
    }

    /// The data entries in date order, after overrides.
    pub fn entries(&self) -> impl Iterator<Item = &CalendarEntry> {
        self.entries.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal() -> Calendar {
        Calendar::builtin()
    }

    fn rule_only() -> Calendar {
        Calendar {
            entries: BTreeMap::new(),
        }
    }

    #[test]
    fn the_shipped_data_covers_2023_to_2027_and_no_other_year() {
        let c = cal();
        assert!(!c.covers(2022));
        for year in 2023..=2027 {
            assert!(c.covers(year), "{year}");
        }
        assert!(!c.covers(2028));
    }

    #[test]
    fn an_ordinary_week_works_monday_to_friday() {
        let c = cal();
        // 2026-04-13 is a Monday with no holiday that week.
        let week: Vec<bool> = (13..=19)
            .map(|d| c.is_working_day(date(2026, 4, d)))
            .collect();
        assert_eq!(week, [true, true, true, true, true, false, false]);
    }

    // ---- yearly totals ----

    #[test]
    fn year_2026_has_247_working_days() {
        // Production calendar of the Ministry of Labour and Social Protection, December 2025
        // (246), with Mon 31 August worked: 30 August is no longer a holiday from 2026 (the
        // Ministry of Labour, March 2026).
        assert_eq!(cal().working_days_in_year(2026), 247);
    }

    #[test]
    fn year_2025_has_246_working_days() {
        // 365 days less the 119 days of rest published for the five-day week in 2025.
        assert_eq!(cal().working_days_in_year(2025), 246);
    }

    #[test]
    fn year_2024_has_249_working_days() {
        // The published balance said 248 with Kurban Ait on Mon 17 June; it was set on Sun 16
        // June instead (announced 7 June 2024), leaving 17 June a working day.
        assert_eq!(cal().working_days_in_year(2024), 249);
    }

    #[test]
    fn year_2023_has_246_working_days() {
        // Derived: 260 weekdays, 14 of them off, Sat 1 July worked for Fri 7 July.
        assert_eq!(cal().working_days_in_year(2023), 246);
    }

    #[test]
    fn year_2027_has_247_working_days_as_shipped() {
        // Derived from the rule and the forecast Kurban Ait on a Sunday; no transfer order yet.
        assert_eq!(cal().working_days_in_year(2027), 247);
    }

    #[test]
    fn the_shipped_data_agrees_with_the_rule() {
        // The data restates the rule for its years: every weekday the rule makes off is listed
        // off; a day_off is always a weekday and a working entry always a weekend day; a
        // holiday the rule does not know is the first day of Kurban Ait.
        let c = cal();
        for year in 2023..=2027 {
            let mut d = first_day(year);
            while d.year() == year {
                let entry = c.entries.get(&d);
                if is_off_by_rule(d) && !is_weekend(d) {
                    let entry = entry.unwrap_or_else(|| panic!("{d} is off by rule but missing"));
                    assert_ne!(entry.kind, DayKind::Working, "{d}");
                }
                match entry.map(|e| (e.kind, e.note.as_str())) {
                    Some((DayKind::DayOff, _)) => {
                        assert!(!is_weekend(d), "{d}: day_off on a weekend")
                    }
                    Some((DayKind::Working, _)) => {
                        assert!(is_weekend(d), "{d}: working on a weekday")
                    }
                    Some((DayKind::Holiday, note)) => {
                        let known = is_fixed_holiday(d) || month_day(d) == ORTHODOX_CHRISTMAS;
                        assert!(known || note.starts_with("Kurban Ait"), "{d}: {note}");
                    }
                    None => {}
                }
                d = next_day(d);
            }
        }
    }

    #[test]
    fn each_covered_year_has_one_kurban_ait() {
        let c = cal();
        for year in 2023..=2027 {
            let days: Vec<NaiveDate> = c
                .entries()
                .filter(|e| e.date.year() == year && e.note.starts_with("Kurban Ait"))
                .map(|e| e.date)
                .collect();
            assert_eq!(days.len(), 1, "{year}: {days:?}");
        }
    }

    #[test]
    fn every_fixed_holiday_of_the_covered_years_is_listed_as_a_holiday() {
        let c = cal();
        for year in 2023..=2027 {
            let christmas = date(year, ORTHODOX_CHRISTMAS.0, ORTHODOX_CHRISTMAS.1);
            for day in fixed_holidays_in(year).into_iter().chain([christmas]) {
                assert_eq!(
                    c.entries.get(&day).map(|e| e.kind),
                    Some(DayKind::Holiday),
                    "{day}"
                );
            }
        }
    }

    // ---- Nauryz 2026 ----

    #[test]
    fn nauryz_2026_is_five_days_off_from_saturday_21_to_wednesday_25_march() {
        let c = cal();
        assert!(c.is_working_day(date(2026, 3, 20)), "Fri 20 March works");
        for day in 21..=25 {
            assert!(!c.is_working_day(date(2026, 3, day)), "{day} March is off");
        }
        assert!(c.is_working_day(date(2026, 3, 26)), "Thu 26 March works");
    }

    #[test]
    fn one_working_day_after_friday_20_march_2026_is_thursday_26_march() {
        assert_eq!(
            cal().add_working_days(date(2026, 3, 20), 1),
            date(2026, 3, 26)
        );
        assert_eq!(cal().next_working_day(date(2026, 3, 20)), date(2026, 3, 26));
    }

    #[test]
    fn the_rule_alone_reproduces_nauryz_2026() {
        // Sat 21 and Sun 22 carry over to Tue 24 and Wed 25, past Monday's own holiday.
        let c = rule_only();
        let off: Vec<u32> = (20..=26)
            .filter(|&d| !c.is_working_day(date(2026, 3, d)))
            .collect();
        assert_eq!(off, [21, 22, 23, 24, 25]);
    }

    // ---- carry-over ----

    #[test]
    fn a_holiday_on_a_weekend_makes_the_next_working_day_off() {
        let c = cal();
        // Victory Day, Sat 9 May 2026 → Mon 11 May off, Tue 12 May works.
        assert!(!c.is_working_day(date(2026, 5, 11)));
        assert!(c.is_working_day(date(2026, 5, 12)));
        // Independence Day, Sat 16 December 2023 → Mon 18 December off.
        assert!(!c.is_working_day(date(2023, 12, 18)));
        assert!(c.is_working_day(date(2023, 12, 19)));
        // New Year, Sun 1 January 2023 → Tue 3 January off (Mon 2 January is a holiday itself).
        assert!(!c.is_working_day(date(2023, 1, 3)));
        assert!(c.is_working_day(date(2023, 1, 4)));
    }

    #[test]
    fn orthodox_christmas_on_a_weekend_is_not_carried_over() {
        let c = cal();
        // Sat 7 January 2023: Mon 9 January is a working day.
        assert!(!c.is_working_day(date(2023, 1, 7)));
        assert!(c.is_working_day(date(2023, 1, 9)));
        // And by the rule alone in a year without data: Sun 7 January 2029 → Mon 8 works.
        assert!(rule_only().is_working_day(date(2029, 1, 8)));
    }

    #[test]
    fn kurban_ait_2026_is_off_on_wednesday_27_may_and_not_carried_over() {
        let c = cal();
        assert!(c.is_working_day(date(2026, 5, 26)));
        assert!(!c.is_working_day(date(2026, 5, 27)));
        assert!(c.is_working_day(date(2026, 5, 28)));
        // Sun 16 June 2024 was Kurban Ait; Mon 17 June stayed a working day.
        assert!(!c.is_working_day(date(2024, 6, 16)));
        assert!(c.is_working_day(date(2024, 6, 17)));
    }

    // ---- transfer orders ----

    #[test]
    fn the_2024_transfer_works_saturday_4_may_and_rests_wednesday_8_may() {
        let c = cal();
        assert!(c.is_working_day(date(2024, 5, 4)));
        assert!(!c.is_working_day(date(2024, 5, 8)));
        assert!(c.is_working_day(date(2024, 5, 10)));
    }

    #[test]
    fn the_2025_transfer_works_sunday_5_january_and_rests_friday_3_january() {
        let c = cal();
        assert!(!c.is_working_day(date(2025, 1, 3)));
        assert!(c.is_working_day(date(2025, 1, 5)));
        assert!(c.is_working_day(date(2025, 1, 6)));
        assert!(!c.is_working_day(date(2025, 1, 7)), "Christmas");
    }

    #[test]
    fn the_2023_transfer_works_saturday_1_july_and_rests_friday_7_july() {
        let c = cal();
        assert!(c.is_working_day(date(2023, 7, 1)));
        assert!(!c.is_working_day(date(2023, 7, 7)));
    }

    // ---- counting ----

    #[test]
    fn within_two_working_days_of_a_thursday_ends_on_the_following_monday() {
        // Thu 16 April 2026, an ordinary week.
        assert_eq!(
            cal().add_working_days(date(2026, 4, 16), 2),
            date(2026, 4, 20)
        );
    }

    #[test]
    fn counting_starts_the_day_after_the_event() {
        let c = cal();
        // From a Monday, the first working day is the Tuesday, never the Monday itself.
        assert_eq!(c.add_working_days(date(2026, 4, 13), 1), date(2026, 4, 14));
        assert_eq!(c.add_working_days(date(2026, 4, 13), 0), date(2026, 4, 13));
        // From a Saturday, the first working day is the Monday.
        assert_eq!(c.add_working_days(date(2026, 4, 18), 1), date(2026, 4, 20));
    }

    #[test]
    fn working_days_between_counts_after_from_up_to_and_including_to() {
        let c = cal();
        let thu = date(2026, 4, 16);
        assert_eq!(c.working_days_between(thu, thu), 0);
        assert_eq!(c.working_days_between(thu, date(2026, 4, 17)), 1);
        assert_eq!(c.working_days_between(thu, date(2026, 4, 19)), 1);
        assert_eq!(c.working_days_between(thu, date(2026, 4, 20)), 2);
        assert_eq!(c.working_days_between(date(2026, 4, 20), thu), 0);
        // Across Nauryz: Fri 20 March to Thu 26 March is one working day.
        assert_eq!(
            c.working_days_between(date(2026, 3, 20), date(2026, 3, 26)),
            1
        );
    }

    #[test]
    fn adding_and_counting_working_days_agree() {
        let c = cal();
        let from = date(2025, 12, 20);
        for n in 0..300 {
            let to = c.add_working_days(from, n);
            assert_eq!(c.working_days_between(from, to), n);
        }
    }

    // ---- years without data ----

    #[test]
    fn a_year_without_data_still_has_its_holidays_and_carry_overs() {
        let c = cal();
        // 2028: Sat 1 and Sun 2 January → Mon 3 and Tue 4 off; Fri 7 January Christmas.
        assert!(!c.covers(2028));
        for day in 1..=4 {
            assert!(!c.is_working_day(date(2028, 1, day)), "{day} January 2028");
        }
        assert!(c.is_working_day(date(2028, 1, 5)));
        assert!(!c.is_working_day(date(2028, 1, 7)));
        // 2022 is before the data: Mon 21 to Wed 23 March Nauryz.
        assert!(!c.is_working_day(date(2022, 3, 23)));
        assert!(c.is_working_day(date(2022, 3, 24)));
    }

    // ---- data format and overrides ----

    #[test]
    fn an_administrator_file_is_parsed_with_notes_and_comments() {
        let text = "# transfers for 2028\n\n2028-01-08 working Saturday worked   # decree\n2028-01-06 day_off\n";
        let entries = Calendar::parse(text).unwrap();
        assert_eq!(
            entries,
            [
                CalendarEntry {
                    date: date(2028, 1, 8),
                    kind: DayKind::Working,
                    note: "Saturday worked".into()
                },
                CalendarEntry {
                    date: date(2028, 1, 6),
                    kind: DayKind::DayOff,
                    note: String::new()
                },
            ]
        );
        let c = cal().with_entries(entries);
        assert!(c.covers(2028));
        assert!(c.is_working_day(date(2028, 1, 8)));
        assert!(!c.is_working_day(date(2028, 1, 6)));
        // The rule still holds for the rest of the year.
        assert!(!c.is_working_day(date(2028, 1, 3)));
    }

    #[test]
    fn a_later_entry_overrides_an_earlier_one() {
        let c =
            cal().with_entries(Calendar::parse("2026-07-06 working Capital Day worked").unwrap());
        assert!(c.is_working_day(date(2026, 7, 6)));
        assert_eq!(c.working_days_in_year(2026), 248);
        let note = c.entries().find(|e| e.date == date(2026, 7, 6)).unwrap();
        assert_eq!(note.note, "Capital Day worked");
    }

    // ---- dated holidays ----

    #[test]
    fn the_30_august_is_a_holiday_through_2025_and_not_from_2026() {
        // Sat 30 August 2025 is a holiday carried over to Mon 1 September.
        assert!(is_fixed_holiday(date(2025, 8, 30)));
        for c in [cal(), rule_only()] {
            assert!(!c.is_working_day(date(2025, 9, 1)));
            // Sun 30 August 2026 is not: Mon 31 August 2026 is a working day.
            assert!(c.is_working_day(date(2026, 8, 31)));
            // Nor is Mon 30 August 2027.
            assert!(c.is_working_day(date(2027, 8, 30)));
        }
        assert!(!is_fixed_holiday(date(2026, 8, 30)));
    }

    #[test]
    fn constitution_day_is_15_march_from_2027() {
        for c in [cal(), rule_only()] {
            // Mon 15 March 2027 is a holiday; Mon 16 March 2026, after Sun 15 March, worked.
            assert!(!c.is_working_day(date(2027, 3, 15)));
            assert!(c.is_working_day(date(2027, 3, 16)));
            assert!(c.is_working_day(date(2026, 3, 16)));
        }
        assert!(!is_fixed_holiday(date(2026, 3, 15)));
        // Sat 15 March 2031 is carried over to Mon 17 March by the rule alone.
        assert!(!rule_only().is_working_day(date(2031, 3, 17)));
    }

    #[test]
    fn two_working_days_from_thursday_27_august_2026_end_on_monday_31_august() {
        assert_eq!(
            cal().add_working_days(date(2026, 8, 27), 2),
            date(2026, 8, 31)
        );
        // A year before, Mon 1 September 2025 was off for Sat 30 August.
        assert_eq!(
            cal().add_working_days(date(2025, 8, 28), 2),
            date(2025, 9, 2)
        );
    }

    #[test]
    fn a_holiday_line_reads_its_bounds_and_a_bad_one_names_its_line() {
        let text =
            "# comment\nmonth_day,valid_from,valid_to,name\n03-15,2027-01-01,,Constitution Day\n";
        let holidays = FixedHoliday::parse(text).unwrap();
        assert_eq!(
            holidays,
            [FixedHoliday {
                month: 3,
                day: 15,
                valid_from: Some(date(2027, 1, 1)),
                valid_to: None,
                name: "Constitution Day".into(),
            }]
        );
        assert_eq!(holidays[0].date_in(2026), None);
        assert_eq!(holidays[0].date_in(2027), Some(date(2027, 3, 15)));
        let bad = FixedHoliday::parse("header\n02-30,,,x\n").unwrap_err();
        assert!(bad.starts_with("line 2:"), "{bad}");
        let bad = FixedHoliday::parse("header\n01-01,2027,,x\n").unwrap_err();
        assert!(bad.starts_with("line 2:"), "{bad}");
        assert!(FixedHoliday::parse("header\n01-01,,\n").is_err());
    }

    #[test]
    fn entries_come_in_date_order() {
        let c = cal();
        let dates: Vec<NaiveDate> = c.entries().map(|e| e.date).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(dates.first(), Some(&date(2023, 1, 1)));
    }

    #[test]
    fn a_parse_error_reports_its_line() {
        let err = Calendar::parse("# header\n2026-01-01 holiday New Year\n2026-13-01 holiday x\n")
            .unwrap_err();
        assert_eq!(err.line(), 3);
        assert_eq!(
            err.to_string(),
            "line 3: \"2026-13-01\" is not a date written YYYY-MM-DD"
        );

        let err = Calendar::parse("2026-01-01 feast New Year").unwrap_err();
        assert_eq!(
            err,
            CalendarError::UnknownKind {
                line: 1,
                kind: "feast".into()
            }
        );
        assert_eq!(
            Calendar::parse("\n2026-01-01\n").unwrap_err(),
            CalendarError::MissingKind { line: 2 }
        );
        assert_eq!(Calendar::parse("2026-1-1 holiday").unwrap_err().line(), 1);
        let err = Calendar::parse("2026-01-01 holiday\n2026-01-01 working\n").unwrap_err();
        assert_eq!(
            err,
            CalendarError::Duplicate {
                line: 2,
                date: date(2026, 1, 1),
                first_line: 1
            }
        );
    }
}
