//! The use cases of reference data.

pub mod imports;
pub mod reference;
