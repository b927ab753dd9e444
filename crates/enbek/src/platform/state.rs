//! What every request and job shares: the kernel's own services, and the parts the contexts and
//! the exchange keep for the whole process (the registry in use, the signature verifier, the
//! matching index…), which the composition root registers at start and each owner finds by type.

use enbek_domain::mediation::matching::Places;
use enbek_domain::reference::calendar::Calendar;
use enbek_domain::reference::parameters::Parameters;
use std::sync::{Arc, RwLock};

use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::keys::Keys;
use crate::platform::metrics::Metrics;
use crate::platform::notify::delivery::Delivery;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub settings: Arc<Settings>,
    pub calendar: Arc<RwLock<Calendar>>,
    pub parameters: Arc<RwLock<Parameters>>,
    pub delivery: Arc<Delivery>,
    pub metrics: Arc<Metrics>,
    /// The deployment's shared keys: what one server seals or tags, another opens or checks.
    pub keys: Arc<Keys>,
    /// Where localities lie, for daily commutes and territory checks: replaced whole when an
    /// import adds localities (on any server).
    pub places: Arc<RwLock<Arc<Places>>>,
    pub worker_id: String,
    /// The parts of the contexts and the exchange, by type.
    pub parts: Arc<Parts>,
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

/// The parts registered at start, one of each type. The platform knows none of them: the
/// context or edge that owns a part gives it a typed accessor.
#[derive(Default)]
pub struct Parts(axum::http::Extensions);

impl Parts {
    /// Registers a part; a second part of the same type replaces the first.
    pub fn insert<T: Clone + Send + Sync + 'static>(&mut self, part: T) {
        self.0.insert(part);
    }
}

impl AppState {
    /// Where localities lie, as of now.
    pub fn places(&self) -> Arc<Places> {
        self.places.read().expect("places lock").clone()
    }

    pub fn calendar(&self) -> Calendar {
        self.calendar.read().expect("calendar lock").clone()
    }

    pub fn parameters(&self) -> Parameters {
        self.parameters.read().expect("parameters lock").clone()
    }

    /// The part of type `T`. Every part is registered before the server starts, so a missing
    /// one is a mistake of the composition root, found by any test that starts the server.
    pub fn part<T: Send + Sync + 'static>(&self) -> &T {
        self.parts.0.get::<T>().unwrap_or_else(|| {
            panic!(
                "the part {} is not registered at start",
                std::any::type_name::<T>()
            )
        })
    }

    /// The part of type `T`, when the configuration has one (the development CA only in
    /// development mode, for instance).
    pub fn optional_part<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.parts.0.get::<T>()
    }
}
