//! The platform kernel every context stands on: database, clock, configuration, the job queue, the idle thread, the notification outbox, audit, monitoring, problem+json, extractors, language and metrics. It imports no context.

pub mod audit;
pub mod auth;
pub mod buckets;
pub mod clock;
pub mod config;
pub mod db;
pub mod dev_clock;
pub mod http;
pub mod idle;
pub mod jobs;
pub mod keys;
pub mod metrics;
pub mod monitoring;
pub mod notify;
pub mod ops;
pub mod problem;
pub mod state;
pub mod transport;
