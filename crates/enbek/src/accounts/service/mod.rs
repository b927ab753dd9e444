//! The use cases of accounts.

pub mod accounts;
pub mod consent;
pub mod identity;
