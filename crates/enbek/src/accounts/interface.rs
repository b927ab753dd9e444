//! What other contexts may use of accounts: who an account is (its proven IIN, its language, its
//! grants), the grants an employer's membership gives or takes, and a fresh identity proof to
//! confirm a change.

pub(crate) use super::error::Code;
pub(crate) use super::service::accounts::{normalise_login, plain_login};
pub(crate) use super::service::identity::confirm;

/// The reads and grants of the accounts store other contexts may use.
pub mod directory {
    pub(crate) use crate::accounts::store::accounts::{
        account_by_iin, credentials, grant, grants, locale_and_iin, proven_iin, revoke,
        revoke_for_org, Grant,
    };
    pub(crate) use crate::accounts::store::identity::has_proven_bin;
}
