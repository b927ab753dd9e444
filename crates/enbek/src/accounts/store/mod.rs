//! The storage of accounts.

pub mod accounts;
pub mod identity;
