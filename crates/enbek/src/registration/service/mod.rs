//! The use cases of registration.

pub mod cards;
pub mod jobloss;
pub mod papers;
pub mod plans;
pub mod registration;
pub mod shown;
pub mod unemployment;
