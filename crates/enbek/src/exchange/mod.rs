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
