//! The use cases of mediation.

pub mod employers;
pub mod matching;
pub mod offers;
pub mod open_data;
pub mod saved_searches;
pub mod selection;
