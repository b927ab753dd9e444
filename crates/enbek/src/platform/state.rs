//! What every request and job shares.

use enbek_domain::calendar::Calendar;
use enbek_domain::parameters::Parameters;
use std::sync::{Arc, RwLock};

use crate::exchange::pki::{DevCa, SignatureVerifier};
use crate::exchange::registry::{Simulator, StateRegistry};
use crate::mediation::service::matching::{Matcher, Places};
use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::metrics::Metrics;
use crate::platform::notify::delivery::Delivery;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub settings: Arc<Settings>,
    pub calendar: Arc<RwLock<Calendar>>,
    pub parameters: Arc<RwLock<Parameters>>,
    pub registry: Arc<dyn StateRegistry>,
    /// The built-in simulator, when it is the registry in use.
    pub simulator: Option<Arc<Simulator>>,
    pub delivery: Arc<Delivery>,
    pub metrics: Arc<Metrics>,
    /// This server's matching index.
    pub matcher: Arc<Matcher>,
    /// Where localities lie, for daily commutes.
    pub places: Arc<Places>,
    pub worker_id: String,
    /// Verifies electronic signatures (CMS) and the certificates they rest on.
    pub signatures: Arc<dyn SignatureVerifier>,
    /// The development CA, in development mode.
    pub dev_ca: Option<Arc<DevCa>>,
}

pub struct Settings {
    pub dev: bool,
    pub token_ttl_hours: i64,
    pub max_body_bytes: usize,
    pub login_address_limit: u32,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Time a request body has to arrive in full.
    pub body_timeout: std::time::Duration,
}

impl AppState {
    pub fn calendar(&self) -> Calendar {
        self.calendar.read().expect("calendar lock").clone()
    }

    pub fn parameters(&self) -> Parameters {
        self.parameters.read().expect("parameters lock").clone()
    }
}
