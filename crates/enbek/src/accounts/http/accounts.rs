//! Accounts and sessions (206 p.17–19): sign-up, login, the current account, logout, staff.

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use chrono::Duration;
use enbek_domain::access::Role;
use enbek_domain::contact::{Email, Phone};
use enbek_domain::login as limits;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::net::{IpAddr, SocketAddr};
use utoipa::ToSchema;

use crate::accounts::error::Code;
use crate::accounts::service::accounts as creds;
use crate::accounts::store::accounts;
use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::http::extract::Json;
use crate::platform::http::lang::{requested_lang, Lang};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;

/// The version of the user agreement a new account accepts.
pub const TERMS_VERSION: &str = "2024-1";

#[derive(Deserialize, ToSchema)]
pub struct CreateAccount {
    /// An e-mail address or a +7 mobile number.
    pub login: String,
    pub password: String,
    /// Acceptance of the user agreement (required).
    pub accept_terms: bool,
    /// Language of notices: kk (default), ru or en.
    #[serde(default)]
    pub locale: Option<Lang>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

/// A login is an e-mail address or a mobile number; both are stored normalised, an e-mail
/// address in lower case so that signing in does not depend on how it was typed.
pub fn normalise_login(login: &str) -> ApiResult<String> {
    let login = login.trim();
    if login.contains('@') {
        return Email::parse(login)
            .map(|e| e.as_str().to_lowercase())
            .map_err(|_| ApiError::new(Code::InvalidLogin));
    }
    Phone::parse(login)
        .map(|p| p.as_str().to_string())
        .map_err(|_| ApiError::new(Code::InvalidLogin))
}

#[utoipa::path(post, path = "/api/v1/accounts", operation_id = "createAccount", tag = "accounts",
    request_body = CreateAccount,
    responses((status = 201, body = Created), (status = 409, description = "login_taken"), (status = 422, description = "invalid_login, weak_password, terms_not_accepted")))]
pub async fn create_account(
    State(state): State<AppState>,
    Json(body): Json<CreateAccount>,
) -> ApiResult<impl IntoResponse> {
    let login = normalise_login(&body.login)?;
    if !body.accept_terms {
        return Err(ApiError::new(Code::TermsNotAccepted));
    }
    if !creds::password_is_strong(&body.password, &login) {
        return Err(ApiError::new(Code::WeakPassword).detail(weak_password_detail()));
    }
    if accounts::exists(&state.db.pool, &login).await? {
        return Err(ApiError::new(Code::LoginTaken));
    }
    let hash = creds::hash_password(&body.password)?;
    let id = new_id();
    let now = state.clock.now();
    // Notices go out in Kazakh, the state language, unless the person chose otherwise.
    let locale = body.locale.or_else(requested_lang).unwrap_or(Lang::Kk);
    let mut tx = state.db.begin().await?;
    let inserted = accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            id: &id,
            login: &login,
            password_hash: &hash,
            terms_version: Some(TERMS_VERSION),
            locale: locale.as_str(),
            at: now,
        },
    )
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(ApiError::new(Code::LoginTaken)),
        other => other?,
    }
    accounts::grant(&mut tx, &id, Role::Citizen.as_str(), None).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(&id),
            action: "create",
            entity: "account",
            entity_id: &id,
            before: None,
            after: Some(json!({ "roles": ["citizen"], "terms_version": TERMS_VERSION })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

#[derive(Deserialize, ToSchema)]
pub struct Login {
    pub login: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct Token {
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[utoipa::path(post, path = "/api/v1/sessions", operation_id = "login", tag = "accounts",
    request_body = Login,
    responses((status = 200, body = Token), (status = 401, description = "invalid_credentials"),
        (status = 429, description = "too_many_attempts: wait `retry_after_seconds` (also the `Retry-After` header); nothing is locked")))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<Login>,
) -> ApiResult<axum::Json<Token>> {
    let now = state.clock.now();
    let login = normalise_login(&body.login).unwrap_or_else(|_| body.login.trim().to_lowercase());
    let address = client_address(peer.ip(), &headers, &state.settings.trusted_proxies).to_string();
    let since = now - Duration::hours(limits::WINDOW_HOURS);
    let failures = accounts::login_failures(&state.db.pool, &login, &address, since).await?;
    if let Some(wait) = creds::login_wait(&failures, state.settings.login_address_limit, now) {
        let seconds = limits::retry_after_seconds(wait);
        tracing::info!(
            login = %creds::login_tag(&login),
            retry_after_seconds = seconds,
            "login attempt waits"
        );
        return Err(ApiError::new(Code::TooManyAttempts).with("retry_after_seconds", seconds));
    }
    let found = accounts::credentials(&state.db.pool, &login).await?;
    let hash = found
        .as_ref()
        .map_or(creds::decoy_hash(), |c| c.password_hash.as_str())
        .to_string();
    let password = body.password;
    let ok = tokio::task::spawn_blocking(move || creds::verify_password(&password, &hash))
        .await
        .map_err(ApiError::internal)?;
    let account = match found {
        Some(c) if ok && !c.disabled => c,
        found => {
            accounts::record_attempt(&state.db.pool, &login, &address, now, false).await?;
            // Neither the password nor the login (an e-mail or a phone) is logged: the account
            // when there is one, else a keyed tag of the login.
            match found {
                Some(c) => tracing::warn!(
                    account_id = %c.id,
                    failures_here = failures.pair.count + 1,
                    "failed login"
                ),
                None => tracing::warn!(
                    login = %creds::login_tag(&login),
                    failures_here = failures.pair.count + 1,
                    "failed login at an unknown account"
                ),
            }
            return Err(ApiError::new(Code::InvalidCredentials));
        }
    };
    accounts::record_attempt(&state.db.pool, &login, &address, now, true).await?;
    let (token, hash) = creds::new_token();
    let expires_at = now + Duration::hours(state.settings.token_ttl_hours);
    let mut tx = state.db.begin().await?;
    accounts::create_session(&mut tx, &hash, &account.id, now, expires_at).await?;
    audit::record(&mut tx, session_entry(now, &account.id, "login")).await?;
    tx.commit().await?;
    Ok(axum::Json(Token { token, expires_at }))
}

/// The client a login attempt is counted against: the peer, or, when the peer is a trusted
/// reverse proxy, the right-most address of `X-Forwarded-For` that is not itself a trusted proxy.
fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

#[utoipa::path(delete, path = "/api/v1/sessions/current", operation_id = "logout", tag = "accounts",
    security(("bearer" = [])), responses((status = 204), (status = 401)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin().await?;
    let now = state.clock.now();
    accounts::revoke_session(&mut tx, &caller.token_hash, now).await?;
    audit::record(&mut tx, session_entry(now, &caller.account_id, "logout")).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub login: String,
    pub roles: Vec<String>,
    /// The organisation of each staff role.
    pub grants: Vec<GrantView>,
    pub locale: String,
    /// Whether the account is tied to an IIN (the IIN itself is not shown).
    pub iin_bound: bool,
}

#[derive(Serialize, ToSchema)]
pub struct GrantView {
    pub role: String,
    pub organization_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/me", operation_id = "getMe", tag = "accounts",
    security(("bearer" = [])), responses((status = 200, body = Me), (status = 401)))]
pub async fn me(caller: Caller) -> axum::Json<Me> {
    axum::Json(Me {
        id: caller.account_id,
        login: caller.login,
        roles: caller
            .grants
            .iter()
            .map(|g| g.role.as_str().to_string())
            .collect(),
        grants: caller
            .grants
            .iter()
            .map(|g| GrantView {
                role: g.role.as_str().to_string(),
                organization_id: g.organization_id.clone(),
            })
            .collect(),
        locale: caller.locale,
        iin_bound: caller.iin.is_some(),
    })
}

#[derive(Deserialize, ToSchema)]
pub struct CreateStaffAccount {
    pub login: String,
    pub password: String,
    /// A staff role (docs/AUTHORIZATION.md) (or `egov_gateway` for the egov intake).
    pub role: String,
    /// The organisation the role is held in: a career center for a specialist, a rural district
    /// for an assistant, a mobility center for an officer; none for ministry and administrators.
    #[serde(default)]
    pub organization_id: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/staff-accounts", operation_id = "createStaffAccount", tag = "accounts",
    request_body = CreateStaffAccount, security(("bearer" = [])),
    responses((status = 201, body = Created), (status = 403), (status = 409, description = "login_taken"), (status = 422)))]
pub async fn create_staff_account(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<CreateStaffAccount>,
) -> ApiResult<impl IntoResponse> {
    caller.require(&[Role::Administrator])?;
    let role = Role::parse(&body.role)
        .filter(|r| r.is_staff())
        .ok_or_else(|| ApiError::new(Common::InvalidValue).detail("role must be a staff role"))?;
    let org = body.organization_id.as_deref().filter(|o| !o.is_empty());
    match (role.organization_kind(), org) {
        (Some(kind), Some(org)) => {
            let found = reference::organization_by_id(&state.db.pool, org).await?;
            if found.is_none_or(|o| o.kind != kind.as_str()) {
                return Err(
                    ApiError::new(ReferenceCode::UnknownOrganization).detail(format!(
                        "{} needs a {}",
                        role.as_str(),
                        kind.as_str()
                    )),
                );
            }
        }
        (Some(kind), None) => {
            return Err(
                ApiError::new(ReferenceCode::UnknownOrganization).detail(format!(
                    "{} needs a {}",
                    role.as_str(),
                    kind.as_str()
                )),
            );
        }
        (None, _) => {}
    }
    let login = normalise_login(&body.login).or_else(|_| plain_login(&body.login))?;
    if !creds::password_is_strong(&body.password, &login) {
        return Err(ApiError::new(Code::WeakPassword).detail(weak_password_detail()));
    }
    if accounts::exists(&state.db.pool, &login).await? {
        return Err(ApiError::new(Code::LoginTaken));
    }
    let hash = creds::hash_password(&body.password)?;
    let id = new_id();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            id: &id,
            login: &login,
            password_hash: &hash,
            terms_version: None,
            locale: "kk",
            at: now,
        },
    )
    .await?;
    let org = role.organization_kind().and(org);
    accounts::grant(&mut tx, &id, role.as_str(), org).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(&caller.account_id),
            action: "create",
            entity: "account",
            entity_id: &id,
            before: None,
            after: Some(json!({ "login": login, "role": role.as_str(), "organization_id": org })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

fn session_entry<'a>(
    at: chrono::DateTime<chrono::Utc>,
    account_id: &'a str,
    action: &'a str,
) -> audit::Entry<'a> {
    audit::Entry {
        at,
        actor_id: Some(account_id),
        action,
        entity: "session",
        entity_id: account_id,
        before: None,
        after: None,
    }
}

fn weak_password_detail() -> String {
    format!(
        "at least {} characters, not a common password, not the login",
        creds::MIN_PASSWORD_LEN
    )
}

/// Staff logins may also be plain user names (`admin`, `specialist.kokshetau`).
pub(crate) fn plain_login(login: &str) -> ApiResult<String> {
    let login = login.trim().to_lowercase();
    let ok = (3..=64).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    ok.then_some(login)
        .ok_or_else(|| ApiError::new(Code::InvalidLogin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn the_forwarded_client_counts_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let spoofed = forwarded("198.51.100.1, 203.0.113.7");
        assert_eq!(client_address(proxy, &spoofed, &[proxy]), client);
        assert_eq!(
            client_address(client, &spoofed, &[proxy]),
            client,
            "not a proxy"
        );
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
        let chain = forwarded("203.0.113.7, 10.0.0.2");
        let inner: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(client_address(proxy, &chain, &[proxy, inner]), client);
    }
}
