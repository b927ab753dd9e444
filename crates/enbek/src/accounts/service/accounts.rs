//! Passwords (Argon2id), bearer tokens (random, stored as SHA-256) and login limits.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use enbek_domain::login;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::accounts::store::accounts;
use crate::accounts::store::accounts::LoginFailures;
use crate::platform::auth::{token_hash, Grant, Session, Sessions};

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

/// The accounts' sessions, for the platform's `Caller` extractor.
pub struct AccountSessions;

#[async_trait::async_trait]
impl Sessions for AccountSessions {
    async fn session(
        &self,
        pool: &sqlx::AnyPool,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, sqlx::Error> {
        let Some(account) = accounts::session_account(pool, token_hash, now).await? else {
            return Ok(None);
        };
        let grants = accounts::grants(pool, &account.id)
            .await?
            .into_iter()
            .map(|g| Grant {
                role: g.role,
                organization_id: g.organization_id,
                region_code: g.region_code,
            })
            .collect();
        Ok(Some(Session {
            account_id: account.id,
            login: account.login,
            iin: account.iin,
            locale: account.locale,
            grants,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
