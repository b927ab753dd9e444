//! Login limits that slow guessing down without locking anyone out (206 p.17–19 protect access
//! to the platform; a lock-out would let anyone who knows a login shut its owner out).
//!
//! Failed logins are counted for an account and one client address together (the pair), for an
//! account from everywhere, and for a client address at every account. After a few free failures
//! each further one doubles the wait before the next attempt is taken, up to a ceiling; nothing
//! is ever locked. The pair's ceiling is long (an attacker's address waits), the account's alone
//! is short (its owner, signing in from elsewhere, waits at most that long).

use chrono::{DateTime, Duration, Utc};

/// Failures older than this are forgotten.
pub const WINDOW_HOURS: i64 = 24;

/// A growing delay: `free` failures cost nothing; the next one makes the following attempt wait
/// `first_seconds`, and each further one doubles the wait, up to `most_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub free: u32,
    pub first_seconds: i64,
    pub most_seconds: i64,
}

/// One account from one client address; a success there starts it again.
pub const PAIR: Backoff = Backoff {
    free: 3,
    first_seconds: 30,
    most_seconds: 15 * 60,
};

/// One account from all addresses: many addresses guessing at one account slow it down, but
/// never for more than a minute.
pub const ACCOUNT: Backoff = Backoff {
    free: 10,
    first_seconds: 1,
    most_seconds: 60,
};

/// One client address at all accounts (guessing one password at many logins): the free
/// failures are a setting; the wait is at most a minute and is not imposed on an account that
/// has signed in from that address before.
pub const fn address(free: u32) -> Backoff {
    Backoff {
        free,
        first_seconds: 1,
        most_seconds: 60,
    }
}

impl Backoff {
    /// The wait after `failures` counted failures before the next attempt is taken.
    pub fn wait(&self, failures: u32) -> Duration {
        let Some(beyond) = failures.checked_sub(self.free).filter(|b| *b > 0) else {
            return Duration::zero();
        };
        // 2^(beyond-1) overflows nothing: past 2^40 the ceiling has long been reached.
        let doublings = (beyond - 1).min(40);
        let seconds = self
            .first_seconds
            .saturating_mul(1_i64 << doublings)
            .min(self.most_seconds);
        Duration::seconds(seconds)
    }

    /// How long an attempt at `now` must still wait, given the failures counted and the last
    /// one's instant; none when it is taken.
    pub fn remaining(
        &self,
        failures: u32,
        last_failure: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        let open_at = last_failure? + self.wait(failures);
        (open_at > now).then(|| open_at - now)
    }
}

/// Whole seconds to announce in `Retry-After`: rounded up, so that a client that waits that long
/// is taken.
pub fn retry_after_seconds(wait: Duration) -> i64 {
    let ms = wait.num_milliseconds().max(0);
    (ms + 999) / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn the_pair_waits_after_three_free_failures_and_the_wait_doubles_to_fifteen_minutes() {
        let secs = |n| PAIR.wait(n).num_seconds();
        assert_eq!(secs(0), 0);
        assert_eq!(secs(3), 0, "three failures are free");
        assert_eq!(secs(4), 30, "the fourth makes the next attempt wait");
        assert_eq!(secs(5), 60);
        assert_eq!(secs(6), 120);
        assert_eq!(secs(7), 240);
        assert_eq!(secs(8), 480);
        assert_eq!(secs(9), 900, "960 is above the ceiling");
        assert_eq!(secs(10), 900);
        assert_eq!(secs(u32::MAX), 900, "no overflow");
    }

    #[test]
    fn the_account_alone_waits_at_most_a_minute() {
        let secs = |n| ACCOUNT.wait(n).num_seconds();
        assert_eq!(secs(10), 0);
        assert_eq!(secs(11), 1);
        assert_eq!(secs(12), 2);
        assert_eq!(secs(16), 32);
        assert_eq!(secs(17), 60, "64 is above the ceiling");
        assert_eq!(secs(1000), 60);
    }

    #[test]
    fn the_address_brake_starts_after_its_setting() {
        let brake = address(100);
        assert_eq!(brake.wait(100), Duration::zero());
        assert_eq!(brake.wait(101), Duration::seconds(1));
        assert_eq!(brake.wait(107), Duration::seconds(60));
        assert_eq!(address(0).wait(1), Duration::seconds(1));
    }

    #[test]
    fn the_wait_runs_from_the_last_failure_and_ends_at_its_time() {
        let last = at("2026-03-17T10:00:00+05:00");
        assert_eq!(PAIR.remaining(3, Some(last), last), None, "free");
        assert_eq!(PAIR.remaining(4, None, last), None, "nothing counted");
        assert_eq!(
            PAIR.remaining(4, Some(last), at("2026-03-17T10:00:29+05:00")),
            Some(Duration::seconds(1))
        );
        assert_eq!(
            PAIR.remaining(4, Some(last), at("2026-03-17T10:00:30+05:00")),
            None
        );
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_seconds(Duration::milliseconds(1)), 1);
        assert_eq!(retry_after_seconds(Duration::seconds(30)), 30);
        assert_eq!(retry_after_seconds(Duration::milliseconds(30_001)), 31);
        assert_eq!(retry_after_seconds(Duration::zero()), 0);
    }
}
