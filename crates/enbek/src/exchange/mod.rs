//! The exchange with other state systems: the state registries, electronic signatures and their certificates, and outbound messages.

pub mod certificates;
pub mod dev;
pub mod development;
pub mod outbound;
pub mod pki;
pub mod registry;

use std::sync::Arc;

use crate::platform::state::AppState;
use pki::{DevCa, SignatureVerifier};
use registry::{Simulator, StateRegistry};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The exchange's parts, registered at start by the composition root.
impl AppState {
    /// The state registries in use: the HTTP adapter of a gateway, or the simulator.
    pub fn registry(&self) -> &dyn StateRegistry {
        self.part::<Arc<dyn StateRegistry>>().as_ref()
    }

    /// The built-in simulator, when it is the registry in use.
    pub fn simulator(&self) -> Option<&Arc<Simulator>> {
        self.optional_part::<Arc<Simulator>>()
    }

    /// Verifies electronic signatures (CMS) and the certificates they rest on.
    pub fn signatures(&self) -> &dyn SignatureVerifier {
        self.part::<Arc<dyn SignatureVerifier>>().as_ref()
    }

    /// The development CA, in development mode.
    pub fn dev_ca(&self) -> Option<&Arc<DevCa>> {
        self.optional_part::<Arc<DevCa>>()
    }
}

/// The development-mode operations (only with `--dev`).
pub fn dev() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dev::set_clock, dev::get_clock))
        .routes(routes!(dev::run_due_jobs))
        .routes(routes!(dev::upsert_registry_person))
        .routes(routes!(dev::upsert_registry_business))
        .routes(routes!(dev::set_registry_availability))
        .routes(routes!(dev::list_outbox))
        .routes(routes!(dev::list_outbound))
        .routes(routes!(certificates::issue_test_certificate))
        .routes(routes!(certificates::revoke_test_certificate))
}
