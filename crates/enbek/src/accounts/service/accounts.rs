//! Passwords (Argon2id), bearer tokens (random, stored as SHA-256) and login limits; signing
//! up, in and out, and staff accounts (206 p.17–19).

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use enbek_domain::accounts::login;
use enbek_domain::contact::{Email, Phone};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::accounts::error::Code;
use crate::accounts::error::{Error, Result};
use crate::accounts::store::accounts;
use crate::accounts::store::accounts::LoginFailures;
use crate::platform::audit;
use crate::platform::auth::{token_hash, Caller, Grant, Session, Sessions};
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::http::input;
use crate::platform::http::lang::Lang;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;
use enbek_domain::accounts::access::Role;
use enbek_domain::bounds;

pub const MIN_PASSWORD_LEN: usize = 8;

/// The longest wait the login limits impose on an attempt at `now`, if any: the pair's, the
/// account's, and the address's (`address_free` free failures; not for an account that has
/// signed in from the address before).
pub fn login_wait(f: &LoginFailures, address_free: u32, now: DateTime<Utc>) -> Option<Duration> {
    let pair = login::PAIR.remaining(f.pair.count, f.pair.last, now);
    let account = login::ACCOUNT.remaining(f.account.count, f.account.last, now);
    let address = if f.known_pair {
        None
    } else {
        login::address(address_free).remaining(f.address.count, f.address.last, now)
    };
    [pair, account, address].into_iter().flatten().max()
}

/// A short keyed hash of a login for the logs: one login gives one tag while the server runs,
/// and the tag does not reveal the login (an e-mail address or a phone number).
pub fn login_tag(login: &str) -> String {
    static KEY: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        key
    });
    let mut hasher = Sha256::new();
    hasher.update(key);
    hasher.update(login.as_bytes());
    hex::encode(&hasher.finalize()[..6])
}

/// How many password hashes run at once: each takes Argon2id's 19 MiB and a core for tens of
/// milliseconds, so more than the machine's cores would only queue in memory (two hundred
/// sign-ups at once held 893 MiB).
fn hashing() -> &'static tokio::sync::Semaphore {
    static HASHING: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    HASHING.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

/// Runs a password hash off the async threads, no more of them at once than `hashing` lets.
async fn bounded<T: Send + 'static>(
    limit: &tokio::sync::Semaphore,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let _permit = limit.acquire().await.map_err(Error::internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Error::internal)
}

/// A password's Argon2id hash, bounded (`hashing`).
pub async fn hashed(password: &str) -> Result<String> {
    let password = password.to_string();
    Ok(bounded(hashing(), move || hash_password(&password)).await??)
}

/// Whether a password matches its hash, bounded (`hashing`).
pub async fn verified(password: &str, hash: &str) -> Result<bool> {
    let (password, hash) = (password.to_string(), hash.to_string());
    bounded(hashing(), move || verify_password(&password, &hash)).await
}

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to verify against when the login is unknown, so that timing does not reveal accounts.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password").expect("hashing the decoy"))
}

/// Passwords everyone tries first; refused whatever their length.
const COMMON_PASSWORDS: [&str; 12] = [
    "password",
    "password1",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyui",
    "qwerty123",
    "11111111",
    "iloveyou",
    "abcd1234",
    "admin123",
    "passw0rd",
];

/// NIST SP 800-63B style: long enough, not one repeated character, not a known common password,
/// not the login itself. No composition rules: a passphrase is welcome.
pub fn password_is_strong(password: &str, login: &str) -> bool {
    let lower = password.to_lowercase();
    let mut chars = password.chars();
    let first = chars.next();
    password.chars().count() >= MIN_PASSWORD_LEN
        && !chars.all(|c| Some(c) == first)
        && !COMMON_PASSWORDS.contains(&lower.as_str())
        && lower != login.to_lowercase()
}

/// A new bearer token and the hash that is stored.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = format!("enb_{}", hex::encode(bytes));
    let hash = token_hash(&token);
    (token, hash)
}

/// The accounts' sessions, for the platform's `Caller` extractor: each read from the database
/// and kept for a second (`KEPT_FOR`), so that a client's requests in a row do not read it
/// again each time. A change on this server to what a session holds — signing out, a proven
/// IIN, the language, a role given or taken — forgets them all at once (`forget`); on the
/// other servers of the same database it shows within `KEPT_FOR`, as the indexes follow.
#[derive(Default)]
pub struct AccountSessions {
    kept: std::sync::Mutex<Kept>,
}

/// The sessions read, by token hash, and the generation they were read in: `forget` starts a
/// new one, and a session read before it is not kept (it may hold what the change replaced).
#[derive(Default)]
struct Kept {
    generation: u64,
    sessions: std::collections::HashMap<String, KeptSession>,
}

struct KeptSession {
    session: Session,
    /// When it was read, on this machine's monotonic clock: how long a read is used is the
    /// server's own business, not a time of the law.
    read_at: std::time::Instant,
    expires_at: DateTime<Utc>,
}

/// How long a session read is used before it is read again.
const KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// The most sessions kept at once.
const KEPT_SESSIONS: usize = 10_000;

impl AccountSessions {
    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// What a session holds changed on this server (after its transaction committed): every
    /// session is read again.
    pub fn forget(&self) {
        let mut kept = self.kept();
        kept.generation += 1;
        kept.sessions.clear();
    }
}

/// Whether a session read `age` ago that ends at `expires_at` is used as it was read at `now`.
fn still_kept(age: std::time::Duration, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    age < KEPT_FOR && now < expires_at
}

#[async_trait::async_trait]
impl Sessions for AccountSessions {
    async fn session(
        &self,
        pool: &sqlx::AnyPool,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, sqlx::Error> {
        let generation = {
            let kept = self.kept();
            if let Some(k) = kept.sessions.get(token_hash) {
                if still_kept(k.read_at.elapsed(), k.expires_at, now) {
                    return Ok(Some(k.session.clone()));
                }
            }
            kept.generation
        };
        let Some(account) = accounts::session_account(pool, token_hash, now).await? else {
            return Ok(None);
        };
        let grants = account
            .grants
            .into_iter()
            .map(|g| Grant {
                role: g.role,
                organization_id: g.organization_id,
                region_code: g.region_code,
            })
            .collect();
        let session = Session {
            account_id: account.id,
            login: account.login,
            iin: account.iin,
            locale: account.locale,
            grants,
        };
        let mut kept = self.kept();
        if kept.generation == generation {
            if kept.sessions.len() >= KEPT_SESSIONS {
                kept.sessions
                    .retain(|_, k| still_kept(k.read_at.elapsed(), k.expires_at, now));
                if kept.sessions.len() >= KEPT_SESSIONS {
                    kept.sessions.clear();
                }
            }
            kept.sessions.insert(
                token_hash.to_string(),
                KeptSession {
                    session: session.clone(),
                    read_at: std::time::Instant::now(),
                    expires_at: account.expires_at,
                },
            );
        }
        Ok(Some(session))
    }
}

/// The version of the user agreement a new account accepts.
pub const TERMS_VERSION: &str = "2024-1";

/// A login is an e-mail address or a mobile number; both are stored normalised, an e-mail
/// address in lower case so that signing in does not depend on how it was typed.
pub fn normalise_login(login: &str) -> Result<String> {
    let login = login.trim();
    if login.contains('@') {
        return Email::parse(login)
            .map(|e| e.as_str().to_lowercase())
            .map_err(|_| Error::new(Code::InvalidLogin));
    }
    Phone::parse(login)
        .map(|p| p.as_str().to_string())
        .map_err(|_| Error::new(Code::InvalidLogin))
}

/// Staff logins may also be plain user names (`admin`, `specialist.kokshetau`).
pub(crate) fn plain_login(login: &str) -> Result<String> {
    let login = login.trim().to_lowercase();
    let ok = (3..=64).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    ok.then_some(login)
        .ok_or_else(|| Error::new(Code::InvalidLogin))
}

/// 422 `weak_password` unless the password is strong enough for the login.
pub fn check_password(password: &str, login: &str) -> Result<()> {
    if password_is_strong(password, login) {
        Ok(())
    } else {
        Err(Error::new(Code::WeakPassword).detail(format!(
            "at least {MIN_PASSWORD_LEN} characters, not a common password, not the login"
        )))
    }
}

/// A person signs up as a citizen with a login, a password and their acceptance of the user
/// agreement (`createAccount`, the portal's sign-up page): 422 `invalid_login`,
/// `terms_not_accepted`, `weak_password`; 409 `login_taken`. Returns the account's id.
pub async fn register_citizen(
    state: &AppState,
    login: &str,
    password: &str,
    accept_terms: bool,
    locale: Lang,
) -> Result<String> {
    let login = normalise_login(login)?;
    if !accept_terms {
        return Err(Error::new(Code::TermsNotAccepted));
    }
    check_password(password, &login)?;
    sign_up(state, &login, password, locale).await
}

/// A citizen signs up: the account, its citizen role and the audit entry in one transaction.
/// Returns the account's id; 409 `login_taken`.
pub async fn sign_up(
    state: &AppState,
    login: &str,
    password: &str,
    locale: Lang,
) -> Result<String> {
    if accounts::exists(&state.db.pool, login).await? {
        return Err(Error::new(Code::LoginTaken));
    }
    let hash = hashed(password).await?;
    let id = new_id();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let inserted = accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            id: &id,
            login,
            password_hash: &hash,
            terms_version: Some(TERMS_VERSION),
            locale: locale.as_str(),
            at: now,
        },
    )
    .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(Error::new(Code::LoginTaken)),
        other => other?,
    }
    accounts::grant(&mut tx, &id, Role::Citizen.as_str(), None).await?;
    audit::Entry::new(now, "create", "account", &id)
        .by(id.as_str())
        .after(json!({ "roles": ["citizen"], "terms_version": TERMS_VERSION }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(id)
}

/// Signs in from `address`: the login limits first (429 `too_many_attempts` with the wait,
/// nothing locked), then the password, checked against a decoy hash for an unknown login so
/// that timing does not tell; every attempt is counted. Returns the new bearer token and when
/// it expires; 401 `invalid_credentials`.
pub async fn login(
    state: &AppState,
    login: &str,
    password: String,
    address: &str,
) -> Result<(String, DateTime<Utc>)> {
    let now = state.clock.now();
    let login = normalise_login(login).unwrap_or_else(|_| login.trim().to_lowercase());
    let since = now - Duration::hours(login::WINDOW_HOURS);
    let failures = accounts::login_failures(&state.db.pool, &login, address, since).await?;
    if let Some(wait) = login_wait(&failures, state.settings.login_address_limit, now) {
        let seconds = login::retry_after_seconds(wait);
        tracing::info!(
            login = %login_tag(&login),
            retry_after_seconds = seconds,
            "login attempt waits"
        );
        return Err(Error::new(Code::TooManyAttempts).with("retry_after_seconds", seconds));
    }
    let found = accounts::credentials(&state.db.pool, &login).await?;
    let hash = found
        .as_ref()
        .map_or(decoy_hash(), |c| c.password_hash.as_str())
        .to_string();
    let ok = verified(&password, &hash).await?;
    let account = match found {
        Some(c) if ok && !c.disabled => c,
        found => {
            accounts::record_attempt(&state.db.pool, &login, address, now, false).await?;
            // Neither the password nor the login (an e-mail or a phone) is logged: the account
            // when there is one, else a keyed tag of the login.
            match found {
                Some(c) => tracing::warn!(
                    account_id = %c.id,
                    failures_here = failures.pair.count + 1,
                    "failed login"
                ),
                None => tracing::warn!(
                    login = %login_tag(&login),
                    failures_here = failures.pair.count + 1,
                    "failed login at an unknown account"
                ),
            }
            return Err(Error::new(Code::InvalidCredentials));
        }
    };
    accounts::record_attempt(&state.db.pool, &login, address, now, true).await?;
    let (token, hash) = new_token();
    let expires_at = now + Duration::hours(state.settings.token_ttl_hours);
    let mut tx = state.db.begin().await?;
    accounts::create_session(&mut tx, &hash, &account.id, now, expires_at).await?;
    session_entry(now, &account.id, "login").record(&mut tx);
    tx.commit().await?;
    Ok((token, expires_at))
}

/// Ends the session of the token with this hash.
pub async fn logout(state: &AppState, token_hash: &str, account_id: &str) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let now = state.clock.now();
    accounts::revoke_session(&mut tx, token_hash, now).await?;
    session_entry(now, account_id, "logout").record(&mut tx);
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}

/// The person's language, kept by their account: the portal's pages and every notice written to
/// them from now on (cabinet, SMS, e-mail) are in it. Unchanged, it writes nothing.
pub async fn set_locale(state: &AppState, account_id: &str, locale: Lang) -> Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let (before, _) = accounts::locale_and_iin(&mut *tx, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if before == locale.as_str() {
        return Ok(());
    }
    accounts::set_locale(&mut tx, account_id, locale.as_str()).await?;
    audit::Entry::new(now, "set_locale", "account", account_id)
        .by(account_id)
        .before(json!({ "locale": before }))
        .after(json!({ "locale": locale.as_str() }))
        .record(&mut tx);
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}

fn session_entry<'a>(at: DateTime<Utc>, account_id: &'a str, action: &'a str) -> audit::Entry<'a> {
    audit::Entry::new(at, action, "session", account_id).by(account_id)
}

/// An administrator creates a staff account with its role, held in an organisation of the kind
/// the role needs (none for ministry and administrators); the login may be a plain user name.
/// Returns the account's id.
pub async fn create_staff_account(
    state: &AppState,
    actor_id: &str,
    role: Role,
    organization_id: Option<&str>,
    login: &str,
    password: &str,
) -> Result<String> {
    let org = organization_id.filter(|o| !o.is_empty());
    match (role.organization_kind(), org) {
        (Some(kind), Some(org)) => {
            let found = reference::organization_by_id(&state.db.pool, org).await?;
            if found.is_none_or(|o| o.kind != kind) {
                return Err(
                    Error::new(ReferenceCode::UnknownOrganization).detail(format!(
                        "{} needs a {}",
                        role.as_str(),
                        kind.as_str()
                    )),
                );
            }
        }
        (Some(kind), None) => {
            return Err(
                Error::new(ReferenceCode::UnknownOrganization).detail(format!(
                    "{} needs a {}",
                    role.as_str(),
                    kind.as_str()
                )),
            );
        }
        (None, _) => {}
    }
    let login = normalise_login(login).or_else(|_| plain_login(login))?;
    check_password(password, &login)?;
    if accounts::exists(&state.db.pool, &login).await? {
        return Err(Error::new(Code::LoginTaken));
    }
    let hash = hashed(password).await?;
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
    audit::Entry::new(now, "create", "account", &id)
        .by(actor_id)
        .after(json!({ "login": login, "role": role.as_str(), "organization_id": org }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(id)
}

/// The staff role an administrator names (docs/AUTHORIZATION.md; `egov_gateway` for the egov
/// intake); 422 `invalid_value` at `role` for anything else, citizens and employers included
/// (they sign up themselves).
pub fn staff_role(role: &str) -> Result<Role> {
    Role::parse(role.trim())
        .filter(|r| r.is_staff())
        .ok_or_else(|| {
            Error::new(Common::InvalidValue)
                .detail("role must be a staff role")
                .with("field", "role")
        })
}

/// What the administrator asks of the staff accounts' list.
#[derive(Default)]
pub struct StaffQuery<'a> {
    pub role: Option<&'a str>,
    pub organization_id: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// A page of the staff accounts and how many there are in all.
pub struct StaffPage {
    pub accounts: Vec<accounts::StaffAccount>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The staff accounts an administrator sees (`listStaffAccounts`, the `/admin/staff` page):
/// login, role, organisation and creation only, filtered by role, organisation and region and
/// paged, the newest first. Only an administrator (403 otherwise).
pub async fn list_staff_accounts(
    state: &AppState,
    caller: &Caller,
    q: &StaffQuery<'_>,
) -> Result<StaffPage> {
    caller.require(&[Role::Administrator])?;
    let role = q
        .role
        .filter(|r| !r.trim().is_empty())
        .map(staff_role)
        .transpose()?;
    let page = input::bounded("page", q.page.unwrap_or(1), bounds::PAGE)?;
    let per_page = input::bounded("per_page", q.per_page.unwrap_or(20), bounds::PER_PAGE)?;
    let filter = accounts::StaffFilter {
        role: role.map(Role::as_str),
        organization_id: q.organization_id.map(str::trim).filter(|o| !o.is_empty()),
        region_code: q.region_code.map(str::trim).filter(|r| !r.is_empty()),
    };
    let (accounts, total) = accounts::staff_accounts(
        &state.db.pool,
        &filter,
        per_page,
        (page - 1).saturating_mul(per_page),
    )
    .await?;
    Ok(StaffPage {
        accounts,
        total,
        page,
        per_page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_read_is_used_for_a_second_and_never_past_its_end() {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let later = now + Duration::hours(1);
        let ms = std::time::Duration::from_millis;
        assert!(still_kept(ms(999), later, now));
        assert!(!still_kept(ms(1000), later, now));
        // A session that ends now is not used, however fresh the read.
        assert!(still_kept(ms(0), now + Duration::seconds(1), now));
        assert!(!still_kept(ms(0), now, now));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_the_limit_lets() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let limit = Arc::new(tokio::sync::Semaphore::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                let (limit, running, most) = (limit.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    bounded(&limit, move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn the_bounded_hash_verifies_as_the_plain_one() {
        let hash = hashed("correct horse 1").await.unwrap();
        assert!(verified("correct horse 1", &hash).await.unwrap());
        assert!(!verified("wrong horse 1", &hash).await.unwrap());
    }

    #[test]
    fn a_password_verifies_against_its_argon2id_hash_only() {
        let hash = hash_password("correct horse 1").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse 1", &hash));
        assert!(!verify_password("correct horse 2", &hash));
    }

    #[test]
    fn weak_passwords_are_refused_and_passphrases_welcome() {
        assert!(!password_is_strong("short12", "a@b.kz"), "7 characters");
        assert!(password_is_strong("short123", "a@b.kz"), "8 characters");
        assert!(!password_is_strong("aaaaaaaaaaaa", "a@b.kz"));
        assert!(!password_is_strong("Password1", "a@b.kz"));
        assert!(!password_is_strong("erlan@example.kz", "erlan@example.kz"));
        assert!(password_is_strong("correct horse battery", "a@b.kz"));
        assert!(password_is_strong("supersecret", "a@b.kz"));
    }

    #[test]
    fn a_login_tag_is_stable_and_does_not_show_the_login() {
        let tag = login_tag("erlan@example.kz");
        assert_eq!(tag, login_tag("erlan@example.kz"));
        assert_ne!(tag, login_tag("dana@example.kz"));
        assert_eq!(tag.len(), 12);
        assert!(!tag.contains("erlan"));
    }

    #[test]
    fn the_longest_wait_applies_and_a_known_address_skips_the_address_brake() {
        use crate::accounts::store::accounts::Failures;
        let now = DateTime::parse_from_rfc3339("2026-03-17T10:00:00+05:00")
            .unwrap()
            .to_utc();
        let failed = |count| Failures {
            count,
            last: Some(now),
        };
        let mut f = LoginFailures {
            pair: failed(4),
            account: failed(11),
            address: failed(0),
            known_pair: false,
        };
        assert_eq!(login_wait(&f, 100, now), Some(Duration::seconds(30)));
        f.pair = failed(3);
        assert_eq!(login_wait(&f, 100, now), Some(Duration::seconds(1)));
        f.account = failed(10);
        assert_eq!(login_wait(&f, 100, now), None);
        f.address = failed(101);
        assert_eq!(login_wait(&f, 100, now), Some(Duration::seconds(1)));
        f.known_pair = true;
        assert_eq!(login_wait(&f, 100, now), None);
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), hash_a);
        assert!(!hash_a.contains(&a));
    }
}
