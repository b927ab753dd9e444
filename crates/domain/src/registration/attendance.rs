//! An unemployed person's duty to come when told (214 p.51(3)): the terms after which not having
//! come without good reason is the ground of deregistration `no_show`, which the career center
//! weighs (a good reason excuses it). Quitting an active measure on one's own is the point's third
//! ground, `quit_active_measure`; it has no term.
//!
//! The 3 working days of 214 p.74, in which an unemployed person must turn to the employer after
//! the notice of an interview, are a duty and not this term: missing them is no ground.

use chrono::{DateTime, Utc};

use crate::reference::calendar::Calendar;
use crate::reference::office_hours::working_days_deadline;

/// Where an unemployed person is told to come (214 p.51(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summons {
    /// The place of the offered job or training, on the career center's notice (the interview
    /// the employer arranges, 214 p.73): 5 working days.
    OfferedPlace,
    /// The career center, called to take part in an active measure: 3 working days.
    ActiveMeasureCall,
}

impl Summons {
    /// The working days to come, counted from the day after the notice or the call.
    pub fn working_days(self) -> u32 {
        match self {
            Summons::OfferedPlace => 5,
            Summons::ActiveMeasureCall => 3,
        }
    }
}

/// The end of the term to come after the notice or the call at `notified_at` (214 p.51(3)): 24:00
/// of its last working day. Not having come by then, without good reason, is the ground
/// `no_show`.
pub fn attend_by(cal: &Calendar, notified_at: DateTime<Utc>, summons: Summons) -> DateTime<Utc> {
    working_days_deadline(cal, notified_at, summons.working_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn the_offered_place_is_due_in_five_working_days_across_a_holiday_and_a_weekend() {
        let cal = Calendar::builtin();
        // Told on Wednesday 29 April 2026: Thursday 30 April is the 1st working day; 1 May (Unity
        // Day) and the weekend are not counted; 4, 5 and 6 May are the 2nd to 4th; 7 May
        // (Defender of the Fatherland Day) is not counted; Friday 8 May is the 5th.
        let by = attend_by(&cal, at("2026-04-29T15:00:00+05:00"), Summons::OfferedPlace);
        assert_eq!(by, at("2026-05-09T00:00:00+05:00"));
        // Not yet come at the end of the 4th working day, or in the last minute of the 5th: no
        // ground yet.
        assert!(at("2026-05-07T00:00:00+05:00") < by);
        assert!(at("2026-05-08T23:59:59+05:00") < by);
        // The day after the 5th, it is.
        assert!(at("2026-05-09T00:00:01+05:00") > by);
        // The 3 working days of 214 p.74 (ending with 5 May) are no part of it.
        assert!(working_days_deadline(&cal, at("2026-04-29T15:00:00+05:00"), 3) < by);
    }

    #[test]
    fn a_call_to_the_center_for_an_active_measure_is_due_in_three_working_days() {
        let cal = Calendar::builtin();
        // Called on Friday 20 March 2026: after the weekend and the Nauryz days off (21–25 March)
        // Thursday 26, Friday 27 and Monday 30 March.
        let by = attend_by(
            &cal,
            at("2026-03-20T10:00:00+05:00"),
            Summons::ActiveMeasureCall,
        );
        assert_eq!(by, at("2026-03-31T00:00:00+05:00"));
        assert!(at("2026-03-30T23:59:59+05:00") < by);
        assert!(at("2026-03-31T00:00:01+05:00") > by);
        assert_eq!(Summons::ActiveMeasureCall.working_days(), 3);
        assert_eq!(Summons::OfferedPlace.working_days(), 5);
    }
}
