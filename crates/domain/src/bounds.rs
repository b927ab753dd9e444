//! The bounds of amounts and counts people send: each has a real range, so that nothing is
//! silently capped or wrapped and published (a salary of 2^64 tenge is refused, not shown as
//! 2^63−1).

use std::ops::RangeInclusive;

/// A monthly amount in tenge (salaries, desired pay, subsidised pay, pay in a layoff notice):
/// a hundred million is above any real monthly pay and far from the integer limits.
pub const MONTHLY_PAY: RangeInclusive<u64> = 1..=100_000_000;
/// A pay figure in a search filter (at least, at most): zero is "any".
pub const PAY_FILTER: RangeInclusive<i64> = 0..=100_000_000;
/// Positions of one vacancy (none is refused by the vacancy rules: `no_positions`).
pub const POSITIONS: RangeInclusive<u32> = 0..=10_000;
/// Places of one subsidised-job application.
pub const PLACES: RangeInclusive<u32> = 1..=10_000;
/// Workers of one group of a layoff notice.
pub const LAYOFF_WORKERS: RangeInclusive<u32> = 1..=100_000;
/// Years of work experience asked for or had.
pub const EXPERIENCE_YEARS: RangeInclusive<u32> = 0..=70;
/// A page number of a listing: 100 000 pages of 100 is ten million rows.
pub const PAGE: RangeInclusive<i64> = 1..=100_000;
/// Rows on one page of a listing.
pub const PER_PAGE: RangeInclusive<i64> = 1..=100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_keeps_far_from_the_integer_limits() {
        assert!(*MONTHLY_PAY.end() < u64::try_from(i64::MAX).unwrap() / 1_000);
        assert!(!MONTHLY_PAY.contains(&0));
        assert!(PAY_FILTER.contains(&0) && !PAY_FILTER.contains(&-1));
        // The deepest offset of a listing fits with room to spare.
        assert!(PAGE.end().checked_mul(*PER_PAGE.end()).is_some());
        assert!(POSITIONS.contains(&10_000));
        assert!(!POSITIONS.contains(&10_001));
        assert!(EXPERIENCE_YEARS.contains(&0) && !EXPERIENCE_YEARS.contains(&71));
    }
}
