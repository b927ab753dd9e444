//! Offers of suitable work (214 p.71–72, 214 p.51(2)): the term to answer and the refusals that end
//! a registration.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};

use crate::reference::calendar::Calendar;
use crate::reference::office_hours::{local_date, local_instant, working_days_deadline};

crate::codes! { as_str;
    /// Where an offer stands.
    pub enum OfferStatus {
        /// Made; the person has not answered yet.
        Pending = "pending",
        /// The person accepted: referred to the employer.
        Accepted = "accepted",
        /// The person refused.
        Refused = "refused",
        /// The employer hired the person.
        Hired = "hired",
        /// The employer did not hire the person, or was silent for 5 working days (214 p.75).
        Rejected = "rejected",
    }
}

/// Working days to answer an offer: 1 for a job seeker, 3 for an unemployed person (214 p.72).
pub fn answer_days(unemployed: bool) -> u32 {
    if unemployed {
        3
    } else {
        1
    }
}

/// The end of the term to answer an offer made at `offered_at`.
pub fn answer_due(cal: &Calendar, offered_at: DateTime<Utc>, unemployed: bool) -> DateTime<Utc> {
    working_days_deadline(cal, offered_at, answer_days(unemployed))
}

/// Working days the employer has to answer hired or not hired; silence is refusal (214 p.75).
pub const EMPLOYER_DECISION_DAYS: u32 = 5;

/// The hour (local) of the employer's reminder.
const REMINDER_AT: NaiveTime = NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time");

/// When the employer is reminded to decide on a referred candidate (214 p.73: the career
/// center reminds the employer): at 9:00 on the working day before the last day of the term
/// that ends at `decision_due` (24:00 of its last day), so that a whole working day is left.
pub fn decision_reminder_at(cal: &Calendar, decision_due: DateTime<Utc>) -> DateTime<Utc> {
    let last_day = local_date(decision_due - TimeDelta::seconds(1));
    local_instant(cal.previous_working_day(last_day), REMINDER_AT)
}

/// Whether an answer to an offer whose term ends at `due` is late (214 p.72; 214 p.51(2) makes a
/// late answer, or none, a ground of deregistration): an answer given at `answered_at` after the
/// term, or, with none given, the term over at `now`. The term runs through its last instant,
/// 24:00 of its last working day.
pub fn answer_late(
    due: DateTime<Utc>,
    answered_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    answered_at.unwrap_or(now) > due
}

/// An unemployed person's refusals of suitable work that end the registration (214 p.51(2)).
pub const REFUSALS_TO_DEREGISTER: usize = 3;

/// Whether the refusals of a registration end it (214 p.51(2)): the third refusal of suitable
/// work offered while the person was unemployed. `offered_while_unemployed` holds, for each
/// refused offer, whether it was made while the person was unemployed: a refusal of work offered
/// to a job seeker (which led to the decision on registration as unemployed, 214 p.38) does not
/// count, even if answered once unemployed.
pub fn refusals_deregister(offered_while_unemployed: &[bool]) -> bool {
    offered_while_unemployed.iter().filter(|u| **u).count() >= REFUSALS_TO_DEREGISTER
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn the_employer_is_reminded_the_working_day_before_the_last_day_to_decide() {
        let cal = Calendar::builtin();
        // Referred Monday 2 March 2026: five working days end with Tuesday 10 March (Sunday
        // 8 March, a holiday, moves to Monday 9); the working day before is Friday 6 March.
        let due = crate::reference::office_hours::working_days_deadline(
            &cal,
            at("2026-03-02T10:00:00+05:00"),
            EMPLOYER_DECISION_DAYS,
        );
        assert_eq!(due, at("2026-03-11T00:00:00+05:00"));
        assert_eq!(
            decision_reminder_at(&cal, due),
            at("2026-03-06T09:00:00+05:00")
        );
    }

    #[test]
    fn an_answer_on_the_last_day_of_the_term_is_in_time_and_one_the_day_after_is_late() {
        let cal = Calendar::builtin();
        // Offered to an unemployed person on Friday 20 March 2026: the term's last day is
        // Monday 30 March (after Nauryz, 26, 27 and 30 March).
        let due = answer_due(&cal, at("2026-03-20T10:00:00+05:00"), true);
        let last_minute = at("2026-03-30T23:59:00+05:00");
        let next_day = at("2026-03-31T00:01:00+05:00");
        assert!(!answer_late(due, Some(last_minute), next_day));
        assert!(answer_late(due, Some(next_day), next_day));
        // No answer: not late while the term runs, late once it is over.
        assert!(!answer_late(due, None, last_minute));
        assert!(!answer_late(due, None, due));
        assert!(answer_late(due, None, next_day));
    }

    #[test]
    fn only_refusals_of_work_offered_while_unemployed_count_toward_the_three() {
        // Two refusals as a job seeker (the first led to registration as unemployed, 214 p.38;
        // the second was answered once unemployed) and two as unemployed: not yet.
        assert!(!refusals_deregister(&[false, false, true, true]));
        // The third refusal of work offered while unemployed ends the registration.
        assert!(refusals_deregister(&[false, false, true, true, true]));
        assert!(refusals_deregister(&[true, true, true]));
        assert!(!refusals_deregister(&[false, false, false]));
    }

    #[test]
    fn a_job_seeker_answers_in_one_working_day_and_an_unemployed_person_in_three() {
        let cal = Calendar::builtin();
        // Offered Friday 20 March 2026: after Nauryz, Thursday 26th, then 27th and 30th.
        assert_eq!(
            answer_due(&cal, at("2026-03-20T10:00:00+05:00"), false),
            at("2026-03-27T00:00:00+05:00")
        );
        assert_eq!(
            answer_due(&cal, at("2026-03-20T10:00:00+05:00"), true),
            at("2026-03-31T00:00:00+05:00")
        );
    }
}
