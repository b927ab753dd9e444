//! What other contexts may use of mediation: the employer of an account and whether it is
//! verified; and mediation's side of registration's port.

pub(crate) use super::error::Code;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::platform::db::Tx;
use crate::platform::state::AppState;
use crate::registration::interface::{Lapse, Mediation, OfferLapse};

pub(crate) use super::service::employers::{ensure_verified, my_employer};
pub(crate) use super::store::employers::{employer_by_id, Employer};

/// Mediation as registration asks for it (registered at start by the composition root).
pub struct ForRegistration;

#[async_trait]
impl Mediation for ForRegistration {
    async fn seeker_selection_due(
        &self,
        tx: &mut Tx,
        registration_id: &str,
        account_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        super::service::selection::new_seeker_selection_due(tx, registration_id, account_id, now)
            .await
    }

    async fn select_now_for_seeker(&self, state: &AppState, registration_id: &str) {
        super::service::selection::select_now_for_seeker(state, registration_id).await;
    }

    async fn awaiting_employer(
        &self,
        pool: &AnyPool,
        registration_id: &str,
    ) -> Result<bool, sqlx::Error> {
        super::store::offers::awaiting_employer(pool, registration_id).await
    }

    async fn unemployed_lapses(
        &self,
        pool: &AnyPool,
        centers: &[String],
        lapse: Lapse,
    ) -> Result<Vec<OfferLapse>, sqlx::Error> {
        super::store::offers::unemployed_lapses(pool, centers, lapse).await
    }

    async fn next_answer_due(
        &self,
        pool: &AnyPool,
        account_id: &str,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        let offers = super::store::offers::for_account(pool, account_id).await?;
        Ok(offers
            .into_iter()
            .filter(|o| o.status == enbek_domain::mediation::offer::OfferStatus::Pending)
            .map(|o| o.answer_due_at)
            .min())
    }
}

/// The counts of offers by region and month other contexts may read (the statistics).
pub mod statistics {
    pub(crate) use crate::mediation::store::statistics::offers;
}

/// The layoff notices as a staff member reads them (`listLayoffNotices`).
pub mod layoffs {
    pub(crate) use crate::mediation::service::employers::layoff_notices_page;
}
