//! The service: storage, HTTP, background work and integrations around the pure domain
//! (`enbek-domain`).

pub mod clock;
pub mod config;
pub mod db;
pub mod http;
pub mod jobs;
pub mod metrics;
pub mod notify;
pub mod pki;
pub mod registry;
pub mod server;
pub mod services;
pub mod state;
pub mod transport;
