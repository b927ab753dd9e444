//! The storage of active measures.

pub mod subsidised;
