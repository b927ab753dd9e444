//! The life of an application for a referral and of the referral it becomes (129 p.8, p.10; the
//! tear-off notices of 129 App.4, App.5, App.8 and App.11): received, refused or not accepted,
//! referred; the tear-off returned (enrolled, hired or settled) or the person not taken; then
//! completed, quit or dismissed. Quitting without good reason is the ground of 214 p.51(3) for
//! the unemployed and starts the wait of Social Code art.109 p.4 and art.111 p.7.

crate::codes! { code;
    /// Where an application or a referral stands.
    pub enum Stage {
        /// Received; the registries have not answered yet.
        Pending = "pending",
        /// Refused on a ground of 129 App.2 p.9.
        Refused = "refused",
        /// At the desk: the documents were not accepted (129 p.8, the receipt of 129 App.3).
        NotAccepted = "not_accepted",
        /// Referred, the tear-off notice not yet returned.
        Referred = "referred",
        /// The tear-off notice returned: enrolled in training, hired, or settled.
        Enrolled = "enrolled",
        /// The organisation did not take the person; the place is free again.
        NotTaken = "not_taken",
        Completed = "completed",
        /// Quit the measure.
        Quit = "quit",
        /// Dismissed by the employer or expelled by the education organisation.
        Dismissed = "dismissed",
    }
}

impl Stage {
    /// Whether the person has a referral in progress: no second one is taken meanwhile.
    pub fn in_progress(self) -> bool {
        matches!(self, Stage::Pending | Stage::Referred | Stage::Enrolled)
    }

    /// Whether the application ended without a referral.
    pub fn is_refusal(self) -> bool {
        matches!(self, Stage::Refused | Stage::NotAccepted)
    }
}

/// What the receiving organisation's tear-off notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TearOff {
    /// Enrolled, hired or settled (the order or contract named in the notice).
    Taken,
    NotTaken,
}

crate::codes! { code;
    /// How participation in a measure ends.
    pub enum Ending {
        Completed = "completed",
        Quit = "quit",
        Dismissed = "dismissed",
    }
}

/// A step the stage does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotNow {
    pub stage: Stage,
}

/// The stage after the tear-off notice: only a referral still waiting for it takes one.
pub fn after_tear_off(stage: Stage, tear_off: TearOff) -> Result<Stage, NotNow> {
    match (stage, tear_off) {
        (Stage::Referred, TearOff::Taken) => Ok(Stage::Enrolled),
        (Stage::Referred, TearOff::NotTaken) => Ok(Stage::NotTaken),
        _ => Err(NotNow { stage }),
    }
}

/// The stage after participation ends: only a participant (the tear-off returned) ends it.
pub fn after_ending(stage: Stage, ending: Ending) -> Result<Stage, NotNow> {
    match stage {
        Stage::Enrolled => Ok(match ending {
            Ending::Completed => Stage::Completed,
            Ending::Quit => Stage::Quit,
            Ending::Dismissed => Stage::Dismissed,
        }),
        _ => Err(NotNow { stage }),
    }
}

/// Whether an ending is quitting without good reason: the ground `quit_active_measure` of
/// 214 p.51(3) for an unemployed person, and the start of the wait before a new referral
/// (Social Code art.109 p.4, art.111 p.7). Quitting for a good reason, completing and dismissal
/// are not.
pub fn quit_without_good_reason(ending: Ending, good_reason: bool) -> bool {
    ending == Ending::Quit && !good_reason
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_referral_takes_one_tear_off_and_then_one_ending() {
        assert_eq!(
            after_tear_off(Stage::Referred, TearOff::Taken),
            Ok(Stage::Enrolled)
        );
        assert_eq!(
            after_tear_off(Stage::Referred, TearOff::NotTaken),
            Ok(Stage::NotTaken)
        );
        for stage in [
            Stage::Enrolled,
            Stage::NotTaken,
            Stage::Refused,
            Stage::Pending,
            Stage::Completed,
        ] {
            assert_eq!(after_tear_off(stage, TearOff::Taken), Err(NotNow { stage }));
        }
        assert_eq!(after_ending(Stage::Enrolled, Ending::Quit), Ok(Stage::Quit));
        assert_eq!(
            after_ending(Stage::Enrolled, Ending::Completed),
            Ok(Stage::Completed)
        );
        assert_eq!(
            after_ending(Stage::Enrolled, Ending::Dismissed),
            Ok(Stage::Dismissed)
        );
        assert_eq!(
            after_ending(Stage::Referred, Ending::Completed),
            Err(NotNow {
                stage: Stage::Referred
            }),
            "not before the tear-off says the person was taken"
        );
        assert_eq!(
            after_ending(Stage::Quit, Ending::Completed),
            Err(NotNow { stage: Stage::Quit })
        );
    }

    #[test]
    fn only_quitting_without_good_reason_is_the_ground() {
        assert!(quit_without_good_reason(Ending::Quit, false));
        assert!(!quit_without_good_reason(Ending::Quit, true));
        assert!(!quit_without_good_reason(Ending::Dismissed, false));
        assert!(!quit_without_good_reason(Ending::Completed, false));
    }

    #[test]
    fn a_person_has_one_referral_in_progress() {
        let open: Vec<Stage> = Stage::ALL.into_iter().filter(|s| s.in_progress()).collect();
        assert_eq!(open, [Stage::Pending, Stage::Referred, Stage::Enrolled]);
        assert!(Stage::NotAccepted.is_refusal() && Stage::Refused.is_refusal());
    }
}
