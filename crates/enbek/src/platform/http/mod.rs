//! The HTTP kernel: problem+json, extractors, input checks, language, the edge middleware.

pub mod edge;
pub mod error;
pub mod extract;
pub mod input;
pub mod lang;
