//! Passwords (Argon2id), bearer tokens (random, stored as SHA-256) and login limits.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// At most this many failed logins per account in the window (per address: a setting).
pub const LOGIN_LIMIT: i64 = 5;
pub const LOGIN_WINDOW_MINUTES: i64 = 15;
pub const MIN_PASSWORD_LEN: usize = 8;

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

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
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
    fn tokens_are_random_and_stored_hashed() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), hash_a);
        assert!(!hash_a.contains(&a));
    }
}
