//! The state registries (214 p.10, 214 p.31) behind one interface: the built-in simulator stored in
//! the database, or the HTTP adapter of a real gateway. A registry that does not answer makes
//! the caller wait and retry; it never makes it refuse.

mod http;
mod simulator;
pub mod store;

pub use http::HttpRegistry;
pub use simulator::Simulator;

use async_trait::async_trait;

use crate::platform::http::error::ApiError;
use crate::platform::problem::{Common, Problem};
use enbek_domain::contact::Phone;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::registry::{RegistryBusiness, RegistryPerson};

#[derive(Debug, thiserror::Error)]
#[error("the state registry did not answer: {0}")]
pub struct Unavailable(pub String);

/// A registry that does not answer: the caller tells the person to try again shortly (or, in
/// due work, retries).
impl From<Unavailable> for ApiError {
    fn from(e: Unavailable) -> ApiError {
        tracing::warn!(error = %e, "state registry unavailable");
        ApiError::new(Common::Unavailable)
            .detail("the state registry did not answer; try again shortly")
    }
}

/// The same, in a context's use case.
impl<C> From<Unavailable> for Problem<C> {
    fn from(e: Unavailable) -> Problem<C> {
        ApiError::from(e).into()
    }
}

#[async_trait]
pub trait StateRegistry: Send + Sync {
    /// Everything the registries hold on a person (identity, address, employment,
    /// entrepreneurship, pension, study, sentences with their kind and dates, disability,
    /// contributions by month), or
    /// `None` when they know no such IIN.
    async fn person(&self, iin: &Iin) -> Result<Option<RegistryPerson>, Unavailable>;

    /// The legal entity of a BIN, or `None` when the business registry knows no such BIN.
    async fn business(&self, bin: &Bin) -> Result<Option<RegistryBusiness>, Unavailable>;

    /// The mobile numbers the mobile-citizens registry links to an IIN (none when it knows no
    /// number for it).
    async fn phones(&self, iin: &Iin) -> Result<Vec<Phone>, Unavailable>;
}
