//! The exchange with other state systems: the state registries, electronic signatures and their certificates, and outbound messages.

pub mod outbound;
pub mod pki;
pub mod registry;
