//! Application services: they combine the pure rules with storage, registries and notices.

pub mod accounts;
pub mod employers;
pub mod identity;
pub mod jobloss;
pub mod matching;
pub mod offers;
pub mod plans;
pub mod reference;
pub mod registration;
pub mod saved_searches;
pub mod subsidised;
pub mod unemployment;
