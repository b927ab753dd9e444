//! The HTTP handlers of reference data.

pub mod reference;
