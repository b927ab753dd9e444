//! The problems of active measures: places and participants of subsidised jobs. Each code is stable; its status and titles (kk, ru, en) are
//! given once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        PlacesFilled = ("places_filled", 409, "Өтінімнің барлық орындары толтырылған", "Все места по заявке заняты", "All places of the application are taken"),
        ParticipantExists = ("participant_exists", 409, "Бұл қатысушы өтінімге енгізілген", "Этот участник уже внесён в заявку", "This participant is already on the application"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
    crate::accounts::interface::Code,
    crate::registration::interface::Code,
    crate::mediation::interface::Code,
);
