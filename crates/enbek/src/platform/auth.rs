//! Who is calling: the bearer token's account and its grants. Handlers state the roles they
//! accept; everything else gets 401 (no or dead token) or 403 (wrong role or scope).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use enbek_domain::accounts::access::{self, CardPlace, Role};

use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::problem::Common;
use crate::platform::state::AppState;

/// Staff who work with registered persons, each within their scope: a specialist of the
/// person's career center, an officer of the person's region (docs/AUTHORIZATION.md).
pub const CASEWORK: [Role; 2] = [Role::CareerCenterSpecialist, Role::MobilityCenterOfficer];

/// Who reads the published resumes: employers searching for staff themselves (214 p.77) and
/// the career centers that help them.
pub const RESUME_READERS: [Role; 3] = [
    Role::Employer,
    Role::CareerCenterSpecialist,
    Role::MobilityCenterOfficer,
];

#[derive(Debug, Clone)]
pub struct Grant {
    pub role: Role,
    pub organization_id: Option<String>,
    pub region_code: Option<String>,
}

impl Grant {
    /// The grant as the domain's access rules read it.
    pub fn access(&self) -> access::Grant<'_> {
        access::Grant {
            role: self.role,
            organization_id: self.organization_id.as_deref(),
            region_code: self.region_code.as_deref(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: String,
    pub login: String,
    /// The IIN the account has proven (identity proofing); `None` until then.
    pub iin: Option<String>,
    pub locale: String,
    pub grants: Vec<Grant>,
    pub token_hash: String,
}

impl Caller {
    pub fn grant(&self, role: Role) -> Option<&Grant> {
        self.grants.iter().find(|g| g.role == role)
    }

    /// The first of `roles` the caller holds, or 403.
    pub fn require(&self, roles: &[Role]) -> ApiResult<&Grant> {
        roles
            .iter()
            .find_map(|r| self.grant(*r))
            .ok_or_else(ApiError::forbidden)
    }

    /// The IIN the account has proven and acts for, or 403 `identity_not_proven`.
    pub fn proven_iin(&self) -> ApiResult<&str> {
        self.iin
            .as_deref()
            .ok_or_else(|| ApiError::new(Common::IdentityNotProven))
    }

    /// The organisation of a staff role the caller holds, or 403.
    pub fn organization(&self, role: Role) -> ApiResult<&str> {
        self.grant(role)
            .and_then(|g| g.organization_id.as_deref())
            .ok_or_else(ApiError::forbidden)
    }

    /// Whether any of the caller's grants reaches a person's card (docs/AUTHORIZATION.md).
    pub fn may_see(&self, place: &CardPlace<'_>) -> bool {
        self.may_act_as(&Role::ALL, place)
    }

    /// Whether the caller holds a role that works with persons' cases (docs/AUTHORIZATION.md); the
    /// administrator does not (206 p.17–19).
    pub fn does_casework(&self) -> bool {
        self.grants.iter().any(|g| g.role.does_casework())
    }

    /// The refusal for a card beyond the caller's reach: `out_of_scope` for casework staff of
    /// another center or region, `forbidden` for every other role.
    pub fn beyond_reach(&self) -> ApiError {
        if self.does_casework() {
            ApiError::new(Common::OutOfScope)
        } else {
            ApiError::forbidden()
        }
    }

    /// Whether a grant of one of `roles` reaches a person's card: what a role may do, it may
    /// do within its scope only.
    pub fn may_act_as(&self, roles: &[Role], place: &CardPlace<'_>) -> bool {
        self.grants
            .iter()
            .filter(|g| roles.contains(&g.role))
            .any(|g| access::may_see_card(&g.access(), place))
    }
}

/// A live session: the account behind a token and its grants.
#[derive(Clone)]
pub struct Session {
    pub account_id: String,
    pub login: String,
    pub iin: Option<String>,
    pub locale: String,
    pub grants: Vec<Grant>,
}

/// Where sessions are kept: the accounts context implements it, and the composition root
/// registers it as a part.
#[async_trait::async_trait]
pub trait Sessions: Send + Sync {
    /// The session of a token (by its hash), unless it is unknown, expired, revoked or its
    /// account is disabled.
    async fn session(
        &self,
        pool: &sqlx::AnyPool,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Session>, sqlx::Error>;
}

/// A bearer token as stored: its SHA-256, so a stolen table holds no usable token.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(|| ApiError::new(Common::Unauthorized))?;
        let hash = token_hash(token);
        let sessions = state.part::<std::sync::Arc<dyn Sessions>>();
        let session = sessions
            .session(&state.db.pool, &hash, state.clock.now())
            .await?
            .ok_or_else(|| {
                ApiError::new(Common::Unauthorized)
                    .detail("the token is unknown, expired or revoked")
            })?;
        let Session {
            account_id,
            login,
            iin,
            locale,
            grants,
        } = session;
        Ok(Caller {
            account_id,
            login,
            iin,
            locale,
            grants,
            token_hash: hash,
        })
    }
}
