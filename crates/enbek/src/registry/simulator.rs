//! The built-in simulator: answers from the `registry_persons` table. In development mode it can
//! be switched off to rehearse a registry outage.

use async_trait::async_trait;
use enbek_domain::ids::Iin;
use enbek_domain::registry::RegistryPerson;
use sqlx::AnyPool;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{StateRegistry, Unavailable};

pub struct Simulator {
    pool: AnyPool,
    answering: AtomicBool,
}

impl Simulator {
    pub fn new(pool: AnyPool) -> Simulator {
        Simulator {
            pool,
            answering: AtomicBool::new(true),
        }
    }

    pub fn set_answering(&self, answering: bool) {
        self.answering.store(answering, Ordering::SeqCst);
    }
}

#[async_trait]
impl StateRegistry for Simulator {
    async fn person(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable> {
        if !self.answering.load(Ordering::SeqCst) {
            return Err(Unavailable("the simulator is switched off".into()));
        }
        crate::db::registry_sim::find(&self.pool, iin.as_str())
            .await
            .map_err(|e| Unavailable(e.to_string()))
    }
}
