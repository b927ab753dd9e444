//! The HTTP adapter of a state-registry gateway: `GET {base}/persons/{iin}` answers 200 with the
//! person (the upsertRegistryPerson shape) or 404 when unknown; `GET {base}/businesses/{bin}`
//! likewise with `{bin, name, active, head_iin?}`; `GET {base}/persons/{iin}/phones` answers the
//! mobile-citizens registry's numbers for the IIN as a JSON array of strings (404: none). Each request has a time limit and
//! is retried twice with a short pause; anything else counts as "did not answer".

use async_trait::async_trait;
use enbek_domain::contact::Phone;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::time::Duration;

use super::{StateRegistry, Unavailable};

pub struct HttpRegistry {
    client: reqwest::Client,
    base: url::Url,
    attempts: u32,
}

impl HttpRegistry {
    pub fn new(base: &str, timeout: Duration) -> anyhow::Result<HttpRegistry> {
        let mut base = url::Url::parse(base)?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()?;
        Ok(HttpRegistry {
            client,
            base,
            attempts: 3,
        })
    }

    async fn once<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, Unavailable> {
        let url = self
            .base
            .join(path)
            .map_err(|e| Unavailable(e.to_string()))?;
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| Unavailable(e.without_url().to_string()))?;
        match response.status() {
            StatusCode::OK => response
                .json()
                .await
                .map(Some)
                .map_err(|e| Unavailable(e.without_url().to_string())),
            StatusCode::NOT_FOUND => Ok(None),
            other => Err(Unavailable(format!("the gateway answered {other}"))),
        }
    }

    /// Asks up to `attempts` times, pausing a little longer each time.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, Unavailable> {
        let mut last = Unavailable("no attempt".into());
        for attempt in 0..self.attempts {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
            }
            match self.once(path).await {
                Ok(answer) => return Ok(answer),
                Err(e) => {
                    tracing::warn!(attempt, error = %e, "registry request failed");
                    last = e;
                }
            }
        }
        Err(last)
    }
}

#[async_trait]
impl StateRegistry for HttpRegistry {
    #[tracing::instrument(skip_all, name = "registry.person")]
    async fn person(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable> {
        self.get(&format!("persons/{}", iin.as_str())).await
    }

    #[tracing::instrument(skip_all, name = "registry.business")]
    async fn business(&self, bin: &Bin) -> Result<Option<RegistryBusiness>, Unavailable> {
        self.get(&format!("businesses/{}", bin.as_str())).await
    }

    #[tracing::instrument(skip_all, name = "registry.phones")]
    async fn phones(&self, iin: &Iin) -> Result<Vec<Phone>, Unavailable> {
        let numbers: Vec<String> = self
            .get(&format!("persons/{}/phones", iin.as_str()))
            .await?
            .unwrap_or_default();
        Ok(numbers
            .iter()
            .filter_map(|n| Phone::parse(n).ok())
            .collect())
    }
}
