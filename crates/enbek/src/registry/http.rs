//! The HTTP adapter of a state-registry gateway: `GET {base}/persons/{iin}` answers 200 with the
//! person (the upsertRegistryPerson shape) or 404 when unknown. Each request has a time limit and
//! is retried twice with a short pause; anything else counts as "did not answer".

use async_trait::async_trait;
use enbek_domain::ids::Iin;
use enbek_domain::registry::RegistryPerson;
use reqwest::StatusCode;
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

    async fn once(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable> {
        let url = self
            .base
            .join(&format!("persons/{}", iin.as_str()))
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
}

#[async_trait]
impl StateRegistry for HttpRegistry {
    #[tracing::instrument(skip_all, name = "registry.person")]
    async fn person(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable> {
        let mut last = Unavailable("no attempt".into());
        for attempt in 0..self.attempts {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
            }
            match self.once(iin).await {
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
