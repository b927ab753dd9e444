//! The HTTP handlers of active measures.

pub mod subsidised;
