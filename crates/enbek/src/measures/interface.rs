//! What other contexts may use of active measures: the subsidised-job applications as a staff
//! member reads them (`listSubsidisedJobApplications`); and active measures' side of
//! registration's port (the lapses its work queue shows: quittings and unanswered calls); and
//! documents' port (`Addressees`: a referral's document is read by the organisation it sends
//! the person to).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use enbek_domain::accounts::access::Role;

use super::service::referrals::{receives_document, Receiver};
use crate::documents::interface::Addressees;
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::registration::interface::{MeasureLapse, Measures};

pub(crate) use super::error::Code;
pub(crate) use super::service::subsidised::applications_page;

/// Active measures as documents ask for them: the receiving employer or education organisation
/// of a referral reads its document (registered at start by the composition root). A caller
/// without either grant is answered without reading the database.
pub struct ForDocuments;

#[async_trait]
impl Addressees for ForDocuments {
    async fn addressed_to(
        &self,
        state: &AppState,
        caller: &Caller,
        document_id: &str,
    ) -> Result<bool, sqlx::Error> {
        for role in [Role::Employer, Role::EducationStaff] {
            let Some(org) = caller
                .grant(role)
                .and_then(|g| g.organization_id.as_deref())
            else {
                continue;
            };
            let receiver = match role {
                Role::Employer => Receiver::Employer(org),
                _ => Receiver::School(org),
            };
            if receives_document(state, &receiver, document_id).await? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

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
