//! Active employment measures: subsidised jobs (206 p.31.3).

pub mod subsidised;
