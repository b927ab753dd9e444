//! What other contexts may use of registration: a person's case and how to reach them, the
//! decisions mediation's events call for (214 p.38, 214 p.51(2)), the card-scope check; and the
//! port through which registration asks mediation, which stands above it, for what it needs.

pub(crate) use super::error::Code;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AnyPool;

use crate::platform::db::Tx;
use crate::platform::state::AppState;

pub(crate) use super::service::cards::{
    registration_by_id, require_scope, require_serving_assistant,
};
pub(crate) use super::service::papers::full_name;
pub(crate) use super::service::shown::{recipient, recipient_with_assistant};
pub(crate) use super::service::unemployment::{
    decision_after_employer_refusal_due, decision_after_refusal_due, deregister_in,
    register_if_period_over, register_on_refusal,
};

/// The reads of registrations other contexts may make.
pub mod registrations {
    pub(crate) use crate::registration::store::registrations::{
        active_for_iin, by_id, end, latest_for_account, latest_for_accounts, Ending, Registration,
    };
}

/// The reads of persons other contexts may make.
pub mod persons {
    pub(crate) use crate::registration::store::persons::by_id;
}

/// An unemployed person's lapse on an offer that the career center weighs in its work queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    /// The employer recorded that the person did not come to the interview, after the 5 working
    /// days from the notice (214 p.51(3)); the center weighs the reasons.
    NoShow,
    /// The term to answer an offer made while unemployed passed without an answer in time
    /// (214 p.51(2), 214 p.72); the center applies `late_offer_answer`.
    LateAnswer,
}

impl Lapse {
    pub const ALL: [Lapse; 2] = [Lapse::NoShow, Lapse::LateAnswer];

    /// The kind of the work-queue item.
    pub fn kind(self) -> &'static str {
        match self {
            Lapse::NoShow => "no_show",
            Lapse::LateAnswer => "late_offer_answer",
        }
    }

    /// The point of law the item is weighed under.
    pub fn legal_term(self) -> &'static str {
        match self {
            Lapse::NoShow => "214 p.51(3)",
            Lapse::LateAnswer => "214 p.51(2), p.72",
        }
    }
}

/// One lapse: the offer, the registration, the vacancy and when it was recorded or found.
pub type OfferLapse = (String, String, String, DateTime<Utc>);

/// What registration needs of mediation. Mediation implements it and the composition root
/// registers it at start, so registration never imports mediation.
#[async_trait]
pub trait Mediation: Send + Sync {
    /// A new job seeker's selection (214 p.36), stored as due work in the caller's transaction
    /// when the account has a resume to select by (a resume saved later calls for it itself).
    /// Whether it was stored, to be run at once after the commit.
    async fn seeker_selection_due(
        &self,
        tx: &mut Tx,
        registration_id: &str,
        account_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error>;

    /// Runs that selection at once, after the commit; the stored job repeats it if this fails.
    async fn select_now_for_seeker(&self, state: &AppState, registration_id: &str);

    /// Whether an employer is still to decide on a candidate the registration was referred as.
    async fn awaiting_employer(
        &self,
        pool: &AnyPool,
        registration_id: &str,
    ) -> Result<bool, sqlx::Error>;

    /// The lapses of one kind of the unemployed of these career centers, for the work queue,
    /// oldest first.
    async fn unemployed_lapses(
        &self,
        pool: &AnyPool,
        centers: &[String],
        lapse: Lapse,
    ) -> Result<Vec<OfferLapse>, sqlx::Error>;

    /// The earliest end of the term to answer among the offers the account has not answered
    /// yet (214 p.72), for the cabinet's next deadline.
    async fn next_answer_due(
        &self,
        pool: &AnyPool,
        account_id: &str,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error>;
}

impl AppState {
    /// Mediation, as registration sees it.
    pub fn mediation(&self) -> &dyn Mediation {
        self.part::<std::sync::Arc<dyn Mediation>>().as_ref()
    }
}

/// A lapse of an unemployed person in an active measure that the career center weighs under
/// 214 p.51(3): quitting a measure without good reason, or a call to the center for a measure
/// not answered within its 3 working days.
#[derive(Debug, Clone)]
pub struct MeasureLapse {
    /// `quit_active_measure` or `measure_call_unanswered`.
    pub kind: &'static str,
    /// The referral or the call.
    pub subject_id: String,
    pub registration_id: String,
    /// When it was recorded or found.
    pub at: DateTime<Utc>,
    pub detail: Option<String>,
}

/// What registration needs of active measures, which stand above it: the lapses of the
/// unemployed of a set of career centers, for the work queue. Active measures implement it and
/// the composition root registers it at start.
#[async_trait]
pub trait Measures: Send + Sync {
    async fn lapses(
        &self,
        pool: &AnyPool,
        centers: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<MeasureLapse>, sqlx::Error>;
}

impl AppState {
    /// Active measures, as registration sees them.
    pub fn measures(&self) -> &dyn Measures {
        self.part::<std::sync::Arc<dyn Measures>>().as_ref()
    }
}

/// The counts of registrations by region and month other contexts may read (the statistics).
pub mod statistics {
    pub(crate) use crate::registration::store::statistics::{
        counts, unemployed_at_month_end, Counted,
    };
}
