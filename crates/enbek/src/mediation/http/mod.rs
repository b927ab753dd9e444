//! The HTTP handlers of mediation.

pub mod employers;
pub mod matching;
pub mod offers;
pub mod open_data;
pub mod saved_searches;
