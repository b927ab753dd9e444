//! Registration: job seeker, card, category, unemployed, plan, job-loss payment, reported changes, deregistration (214 ch.2-4).

pub mod error;
pub mod http;
pub mod interface;
pub mod notices;
pub mod pages;
pub mod service;
pub mod store;
