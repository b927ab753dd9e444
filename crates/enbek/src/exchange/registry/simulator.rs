//! The built-in simulator: answers from the `registry_persons` and `registry_businesses` tables.
//! A BIN with no record is an active legal entity of that name unknown (the simulator cannot
//! know every company; a record, written with `upsertRegistryBusiness`, says otherwise). In
//! development mode it can be switched off to rehearse a registry outage.

use async_trait::async_trait;
use enbek_domain::contact::Phone;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};
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

    fn check_answering(&self) -> Result<(), Unavailable> {
        if self.answering.load(Ordering::SeqCst) {
            Ok(())
        } else {
            Err(Unavailable("the simulator is switched off".into()))
        }
    }
}

#[async_trait]
impl StateRegistry for Simulator {
    async fn person(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable> {
        self.check_answering()?;
        crate::exchange::registry::store::find(&self.pool, iin.as_str())
            .await
            .map_err(|e| Unavailable(e.to_string()))
    }

    async fn business(&self, bin: &Bin) -> Result<Option<RegistryBusiness>, Unavailable> {
        self.check_answering()?;
        let found = crate::exchange::registry::store::find_business(&self.pool, bin.as_str())
            .await
            .map_err(|e| Unavailable(e.to_string()))?;
        Ok(Some(found.unwrap_or_else(|| RegistryBusiness {
            bin: bin.as_str().to_string(),
            name: String::new(),
            active: true,
            head_iin: None,
        })))
    }

    async fn phones(&self, iin: &Iin) -> Result<Vec<Phone>, Unavailable> {
        let person = self.person(iin).await?;
        Ok(person
            .map(|p| p.phones)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| Phone::parse(n).ok())
            .collect())
    }
}
