//! The use cases of active measures.

pub mod papers;
pub mod places;
pub mod referrals;
pub mod subsidised;
pub mod summons;
