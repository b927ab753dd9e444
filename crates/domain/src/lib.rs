//! The pure domain of the employment services platform.
//!
//! Rules, states, deadlines, the working-day calendar and validated identifiers. Nothing here
//! performs I/O, reads the clock or is async: callers pass the current instant in.

pub mod accounts;
pub mod bounds;
pub mod codes;
pub mod contact;
pub mod delivery;
pub mod ids;
pub mod measures;
pub mod mediation;
pub mod monitoring;
pub mod reference;
pub mod registration;
pub mod registry;
pub mod text;
