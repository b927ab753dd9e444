//! The use cases of active measures.

pub mod subsidised;
