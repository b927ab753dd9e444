//! Accounts: sign-up, sign-in, sessions, staff accounts and identity proofing (206 p.17-19).

pub mod error;
pub mod http;
pub mod interface;
pub mod notices;
pub mod pages;
pub mod service;
pub mod store;
