//! The problems of reporting. Each code is stable; its status and titles (kk, ru, en) are given
//! once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        PeriodTooLong = ("period_too_long", 422, "Кезең тым ұзақ: бір сұрауда ең көбі 36 ай", "Слишком длинный период: не более 36 месяцев за запрос", "The period is too long: at most 36 months per request"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
    crate::accounts::interface::Code,
    crate::registration::interface::Code,
    crate::mediation::interface::Code,
    crate::measures::interface::Code,
);
