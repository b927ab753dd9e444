//! The storage of reference data.

pub mod calendar;
pub mod imports;
pub mod parameters;
pub mod reference;
pub mod versions;
