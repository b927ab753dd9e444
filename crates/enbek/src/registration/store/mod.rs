//! The storage of registration.

pub mod circumstances;
pub mod jobloss;
pub mod persons;
pub mod plans;
pub mod queue;
pub mod registrations;
pub mod statistics;
