//! What other contexts may use of active measures: the subsidised-job applications as a staff
//! member reads them (`listSubsidisedJobApplications`); and active measures' side of
//! registration's port (the lapses its work queue shows: quittings and unanswered calls).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::registration::interface::{MeasureLapse, Measures};

pub(crate) use super::error::Code;
pub(crate) use super::service::subsidised::applications_page;

/// Active measures as registration asks for them (registered at start by the composition root).
pub struct ForRegistration;

#[async_trait]
impl Measures for ForRegistration {
    async fn lapses(
        &self,
        pool: &AnyPool,
        centers: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<MeasureLapse>, sqlx::Error> {
        let quits = super::store::referrals::unexcused_quits(pool, centers).await?;
        let calls = super::store::summons::unanswered(pool, centers, now).await?;
        let quits = quits
            .into_iter()
            .map(|(id, registration_id, measure, at)| MeasureLapse {
                kind: "quit_active_measure",
                subject_id: id,
                registration_id,
                at,
                detail: Some(format!("measure {measure}")),
            });
        let calls = calls
            .into_iter()
            .map(|(id, registration_id, measure, due)| MeasureLapse {
                kind: "measure_call_unanswered",
                subject_id: id,
                registration_id,
                at: due,
                detail: measure.map(|m| format!("measure {m}")),
            });
        Ok(quits.chain(calls).collect())
    }
}
