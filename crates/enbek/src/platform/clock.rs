//! The one clock. Everything that needs "now" asks it; nothing else reads the system time.

use chrono::{DateTime, SubsecRound, Utc};
use std::sync::{Arc, RwLock};

/// The clock's resolution, in decimal digits of a second.
const MICROSECONDS: u16 = 6;

#[derive(Clone)]
pub struct Clock {
    inner: Arc<Inner>,
}

struct Inner {
    settable: bool,
    fixed: RwLock<Option<DateTime<Utc>>>,
}

#[derive(Debug, thiserror::Error)]
#[error("the clock can be set only in development mode")]
pub struct NotSettable;

impl Clock {
    /// The system clock; `set` is refused.
    pub fn system() -> Clock {
        Clock::new(false)
    }

    /// A clock that development mode may set; it follows the system time until it is set, and
    /// then stands at the set instant until set again.
    pub fn settable() -> Clock {
        Clock::new(true)
    }

    fn new(settable: bool) -> Clock {
        Clock {
            inner: Arc::new(Inner {
                settable,
                fixed: RwLock::new(None),
            }),
        }
    }

    /// Now, in whole microseconds: the resolution the database keeps, so that a record written
    /// at this instant and read back is the record written.
    pub fn now(&self) -> DateTime<Utc> {
        let fixed = *self.inner.fixed.read().expect("clock lock");
        fixed.unwrap_or_else(|| Utc::now().trunc_subsecs(MICROSECONDS))
    }

    pub fn set(&self, at: DateTime<Utc>) -> Result<(), NotSettable> {
        if !self.inner.settable {
            return Err(NotSettable);
        }
        *self.inner.fixed.write().expect("clock lock") = Some(at.trunc_subsecs(MICROSECONDS));
        Ok(())
    }

    /// Whether the clock has been set by hand (development mode): due work then runs only when
    /// asked (`runDueJobs`), so that tests are deterministic.
    pub fn is_manual(&self) -> bool {
        self.inner.fixed.read().expect("clock lock").is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_clock_cannot_be_set() {
        assert!(Clock::system().set(Utc::now()).is_err());
    }

    #[test]
    fn a_set_clock_stands_at_the_set_instant() {
        let clock = Clock::settable();
        let at = DateTime::parse_from_rfc3339("2026-03-20T10:00:00+05:00")
            .unwrap()
            .to_utc();
        clock.set(at).unwrap();
        assert_eq!(clock.now(), at);
        assert!(clock.is_manual());
    }

    #[test]
    fn the_clock_counts_in_the_microseconds_the_database_keeps() {
        let clock = Clock::settable();
        let at = DateTime::parse_from_rfc3339("2026-03-20T10:00:00.123456789+05:00")
            .unwrap()
            .to_utc();
        clock.set(at).unwrap();
        assert_eq!(
            crate::platform::db::ts(clock.now()),
            "2026-03-20T05:00:00.123456Z"
        );
        assert_eq!(
            crate::platform::db::parse_ts(&crate::platform::db::ts(clock.now())).unwrap(),
            clock.now()
        );
        let system = Clock::system().now();
        assert_eq!(system.timestamp_subsec_nanos() % 1000, 0);
    }
}
