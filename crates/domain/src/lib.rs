//! The pure domain of the employment services platform.
//!
//! Rules, states, deadlines, the working-day calendar and validated identifiers. Nothing here
//! performs I/O, reads the clock or is async: callers pass the current instant in.

pub mod bounds;
pub mod calendar;
pub mod contact;
pub mod ids;
pub mod offer;
pub mod office_hours;

pub mod access;
pub mod age;
pub mod category;
pub mod delivery;
pub mod employer;
pub mod identity;
pub mod jobloss;
pub mod login;
pub mod matching;
pub mod monitoring;
pub mod parameters;
pub mod plan;
pub mod registration;
pub mod registry;
pub mod subsidised;
pub mod text;
pub mod unemployment;
pub mod vacancy;
pub mod words;
