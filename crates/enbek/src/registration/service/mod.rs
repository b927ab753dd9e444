//! The use cases of registration.

pub mod jobloss;
pub mod plans;
pub mod registration;
pub mod unemployment;
