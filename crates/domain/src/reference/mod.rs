//! Reference rules: the working-day calendar, office hours and dated parameters.

pub mod calendar;
pub mod office_hours;
pub mod parameters;
