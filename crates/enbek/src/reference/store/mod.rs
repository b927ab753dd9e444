//! The storage of reference data.

pub mod calendar;
pub mod parameters;
pub mod reference;
