//! What other contexts may use of accounts: who an account is (its proven IIN, its language, its
//! grants), the grants an employer's membership gives or takes, identity proofs (started for a
//! purpose, answered from a page), a fresh proof to confirm a change, and a person's consent by a
//! one-time code that staff ask for; and the port through
//! which accounts asks the contexts above it what a proof's purpose binds.

use std::sync::Arc;

use async_trait::async_trait;
use sqlx::AnyPool;

use crate::platform::state::AppState;

pub(crate) use super::error::Code;
pub(crate) use super::service::accounts::{normalise_login, plain_login};
pub(crate) use super::service::identity::{complete, confirm, start, Answer};

/// A person's consent by a one-time code that staff ask for (129 App.2 p.8).
pub mod consent {
    pub(crate) use crate::accounts::service::consent::{ask, given, spend};
}

/// The reads and grants of the accounts store other contexts may use.
pub mod directory {
    pub(crate) use crate::accounts::store::accounts::{
        account_by_iin, credentials, grant, grants, locale_and_iin, proven_iin, revoke,
        revoke_for_org, Grant,
    };
    pub(crate) use crate::accounts::store::identity::has_proven_bin;
}

/// What accounts needs of the contexts above it: the digest of the content a proof's purpose
/// names (`plan:<id>`, an employment plan), so that the challenge a person signs binds that
/// content. Registration implements it and the composition root registers it at start, so
/// accounts never imports registration.
#[async_trait]
pub trait Purposes: Send + Sync {
    /// The SHA-256 (hex) of the content `purpose` names, when it names something the account
    /// may confirm; `None` when it names nothing, or something that is not the account's.
    async fn digest(
        &self,
        pool: &AnyPool,
        account_id: &str,
        purpose: &str,
    ) -> Result<Option<String>, sqlx::Error>;
}

impl AppState {
    /// What a session holds changed on this server — a role given or taken, say — and its
    /// transaction committed: every session is read again (the sessions kept for a second are
    /// forgotten).
    pub fn sessions_changed(&self) {
        self.part::<Arc<super::service::accounts::AccountSessions>>()
            .forget();
    }

    /// The contexts that give a purpose's digest, as accounts sees them.
    pub fn purposes(&self) -> &dyn Purposes {
        self.part::<Arc<dyn Purposes>>().as_ref()
    }
}
