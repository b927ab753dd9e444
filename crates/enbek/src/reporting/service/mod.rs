//! The use cases of reporting.

pub mod statistics;
