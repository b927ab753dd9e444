//! The HTTP handlers of accounts.

pub mod accounts;
pub mod identity;
