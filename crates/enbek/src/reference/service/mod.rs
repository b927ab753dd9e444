//! The use cases of reference data.

pub mod reference;
