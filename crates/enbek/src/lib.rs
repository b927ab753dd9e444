//! The service, organised by bounded context over a small platform kernel and the pure domain
//! (`enbek-domain`). Imports point one way: `api` and `app` → contexts → `exchange` → `platform`
//! → domain (docs/ARCHITECTURE.md; held by the architecture test).

pub mod accounts;
pub mod api;
pub mod app;
pub mod documents;
pub mod exchange;
pub mod measures;
pub mod mediation;
pub mod platform;
pub mod reference;
pub mod registration;
pub mod reporting;
pub mod web;
