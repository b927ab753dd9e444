//! What other contexts may use of active measures: the subsidised-job applications as a staff
//! member reads them (`listSubsidisedJobApplications`); and active measures' side of
//! registration's port (the quittings its work queue shows).

use async_trait::async_trait;
use sqlx::AnyPool;

use crate::registration::interface::{MeasureQuit, Measures};

pub(crate) use super::error::Code;
pub(crate) use super::service::subsidised::applications_page;

/// Active measures as registration asks for them (registered at start by the composition root).
pub struct ForRegistration;

#[async_trait]
impl Measures for ForRegistration {
    async fn unexcused_quits(
        &self,
        pool: &AnyPool,
        centers: &[String],
    ) -> Result<Vec<MeasureQuit>, sqlx::Error> {
        super::store::referrals::unexcused_quits(pool, centers).await
    }
}
