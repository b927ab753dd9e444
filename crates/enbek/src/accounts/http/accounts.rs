//! Accounts and sessions (206 p.17–19): sign-up, login, the current account, logout, staff.

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use enbek_domain::accounts::access::Role;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use utoipa::ToSchema;

use crate::accounts::error::Result;
use crate::accounts::service::accounts as service;
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Query};
use crate::platform::http::lang::{requested_lang, Lang};
use crate::platform::http::page_headers;
use crate::platform::state::AppState;

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

#[utoipa::path(post, path = "/api/v1/accounts", operation_id = "createAccount", tag = "accounts",
    request_body = CreateAccount,
    responses((status = 201, body = Created), (status = 409, description = "login_taken"), (status = 422, description = "invalid_login, weak_password, terms_not_accepted")))]
pub async fn create_account(
    State(state): State<AppState>,
    Json(body): Json<CreateAccount>,
) -> Result<impl IntoResponse> {
    // Notices go out in Kazakh, the state language, unless the person chose otherwise.
    let locale = body.locale.or_else(requested_lang).unwrap_or(Lang::Kk);
    let id = service::register_citizen(
        &state,
        &body.login,
        &body.password,
        body.accept_terms,
        locale,
    )
    .await?;
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
) -> Result<axum::Json<Token>> {
    let address = client_address(peer.ip(), &headers, &state.settings.trusted_proxies).to_string();
    let (token, expires_at) = service::login(&state, &body.login, body.password, &address).await?;
    Ok(axum::Json(Token { token, expires_at }))
}

/// The client a login attempt is counted against: the peer, or, when the peer is a trusted
/// reverse proxy, the right-most address of `X-Forwarded-For` that is not itself a trusted proxy.
pub(crate) fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
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
pub async fn logout(State(state): State<AppState>, caller: Caller) -> Result<StatusCode> {
    service::logout(&state, &caller.token_hash, &caller.account_id).await?;
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
    axum::Json(me_view(caller, None))
}

/// What the account keeps of the person's choices.
#[derive(Deserialize, ToSchema)]
pub struct UpdateMe {
    /// The person's language (`kk`, `ru` or `en`): the portal's pages and every notice written
    /// to them from now on are in it.
    pub locale: Lang,
}

#[utoipa::path(patch, path = "/api/v1/me", operation_id = "updateMe", tag = "accounts",
    security(("bearer" = [])), request_body = UpdateMe,
    responses((status = 200, body = Me), (status = 401), (status = 422)))]
pub async fn update_me(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<UpdateMe>,
) -> Result<axum::Json<Me>> {
    service::set_locale(&state, &caller.account_id, body.locale).await?;
    Ok(axum::Json(me_view(caller, Some(body.locale))))
}

/// The caller's account as shown to them, with its language as just kept when it changed.
fn me_view(caller: Caller, locale: Option<Lang>) -> Me {
    Me {
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
        locale: locale.map_or(caller.locale, |l| l.as_str().to_string()),
        iin_bound: caller.iin.is_some(),
    }
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
) -> Result<impl IntoResponse> {
    caller.require(&[Role::Administrator])?;
    let role = service::staff_role(&body.role)?;
    let id = service::create_staff_account(
        &state,
        &caller.account_id,
        role,
        body.organization_id.as_deref(),
        &body.login,
        &body.password,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StaffAccountsQuery {
    /// A staff role (docs/AUTHORIZATION.md).
    pub role: Option<String>,
    pub organization_id: Option<String>,
    /// The region of the account's organisation.
    pub region_code: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// At most 100 (default 20).
    pub per_page: Option<i64>,
}

/// A staff account: its login, role, organisation and creation, nothing else of the person.
#[derive(Serialize, ToSchema)]
pub struct StaffAccountView {
    pub id: String,
    pub login: String,
    pub role: String,
    pub organization_id: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[utoipa::path(get, path = "/api/v1/staff-accounts", operation_id = "listStaffAccounts", tag = "accounts",
    params(StaffAccountsQuery), security(("bearer" = [])),
    responses((status = 200, body = [StaffAccountView], description = "one row per staff role held, the newest first; the total is in X-Total-Count"),
        (status = 401), (status = 403), (status = 422, description = "invalid_value")))]
pub async fn list_staff_accounts(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<StaffAccountsQuery>,
) -> Result<impl IntoResponse> {
    let found = service::list_staff_accounts(
        &state,
        &caller,
        &service::StaffQuery {
            role: q.role.as_deref(),
            organization_id: q.organization_id.as_deref(),
            region_code: q.region_code.as_deref(),
            page: q.page,
            per_page: q.per_page,
        },
    )
    .await?;
    let items: Vec<StaffAccountView> = found
        .accounts
        .into_iter()
        .map(|a| StaffAccountView {
            id: a.id,
            login: a.login,
            role: a.role.as_str().to_string(),
            organization_id: a.organization_id,
            created_at: a.created_at,
        })
        .collect();
    Ok((page_headers(found.total, None), axum::Json(items)))
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
