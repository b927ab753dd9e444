//! Active employment measures: subsidised jobs (206 p.31.3); Order 129 referrals next.

pub mod error;
pub mod http;
pub mod interface;
pub mod pages;
pub mod service;
pub mod store;
