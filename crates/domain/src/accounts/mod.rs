//! Accounts: roles and their scope, identity proofing, login limits.

pub mod access;
pub mod identity;
pub mod login;
