//! Active employment measures: subsidised jobs (206 p.31.3) and the public service "Issuing
//! referrals to active employment measures" (Order 129).

pub mod error;
pub mod http;
pub mod interface;
pub mod notices;
pub mod pages;
pub mod service;
pub mod store;
