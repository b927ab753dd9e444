//! The storage of active measures.

pub mod places;
pub mod referrals;
pub mod subsidised;
pub mod summons;
