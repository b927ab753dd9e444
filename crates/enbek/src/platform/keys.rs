//! The key the servers of one deployment share, and what is made with it: values sealed for a
//! client to hand back unread and unchanged (a search cursor that must not show an account,
//! 206 p.19), and tags that prove a value was made here (a form's CSRF token). The first server
//! to start makes the key and stores it; every other server on the database reads it, so any of
//! them opens what another sealed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use sha2::Sha256;
use sqlx::AnyPool;

use crate::platform::db::{ts, RowExt};

/// The row of the key in `deployment_keys`.
const NAME: &str = "deployment";

/// The deployment's keys, each derived from its one stored secret for one use.
pub struct Keys {
    sealing: LessSafeKey,
    tagging: [u8; 32],
}

impl Keys {
    /// The deployment's keys: the stored secret, made and stored first by whichever server
    /// starts first (a second server's insert does nothing; both read the same row).
    pub async fn shared(pool: &AnyPool, now: DateTime<Utc>) -> Result<Keys, sqlx::Error> {
        let mut fresh = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut fresh);
        sqlx::query(
            "INSERT INTO deployment_keys (name, secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(NAME)
        .bind(hex::encode(fresh))
        .bind(ts(now))
        .execute(pool)
        .await?;
        let secret = sqlx::query("SELECT secret FROM deployment_keys WHERE name = $1")
            .bind(NAME)
            .fetch_one(pool)
            .await?
            .text("secret")?;
        let secret = hex::decode(secret)
            .ok()
            .and_then(|s| <[u8; 32]>::try_from(s).ok())
            .ok_or_else(|| sqlx::Error::Decode("the deployment key is not 32 bytes".into()))?;
        Ok(Keys::from_secret(&secret))
    }

    /// The keys derived from a secret: one for sealing, one for tags.
    pub fn from_secret(secret: &[u8; 32]) -> Keys {
        let sealing = UnboundKey::new(&CHACHA20_POLY1305, &derive(secret, "sealing"))
            .expect("a 32-byte key is a ChaCha20-Poly1305 key");
        Keys {
            sealing: LessSafeKey::new(sealing),
            tagging: derive(secret, "tagging"),
        }
    }

    /// `plain` sealed for `purpose` (ChaCha20-Poly1305, a random nonce): URL-safe base64 that
    /// shows nothing of `plain` but its length, different each time.
    pub fn seal(&self, purpose: &str, plain: &[u8]) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::thread_rng().fill_bytes(&mut nonce);
        let mut sealed = plain.to_vec();
        self.sealing
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.as_bytes()),
                &mut sealed,
            )
            .expect("a value far below the cipher's limit");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// What `seal` sealed for this `purpose` with this deployment's key, or None for anything
    /// else (another purpose, another deployment, changed, cut, or not base64).
    pub fn open(&self, purpose: &str, sealed: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut body = body.to_vec();
        let plain = self
            .sealing
            .open_in_place(nonce, Aad::from(purpose.as_bytes()), &mut body)
            .ok()?;
        Some(plain.to_vec())
    }

    /// The tag of `parts` for `purpose` (HMAC-SHA256), hex.
    pub fn tag(&self, purpose: &str, parts: &[&str]) -> String {
        hex::encode(self.mac(purpose, parts).finalize().into_bytes())
    }

    /// Whether `sent` (hex) is the tag of `parts` for `purpose`, compared in constant time.
    pub fn tag_holds(&self, purpose: &str, parts: &[&str], sent: &str) -> bool {
        hex::decode(sent).is_ok_and(|sent| self.mac(purpose, parts).verify_slice(&sent).is_ok())
    }

    fn mac(&self, purpose: &str, parts: &[&str]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.tagging).expect("any key length");
        mac.update(purpose.as_bytes());
        for part in parts {
            // Each part's length first, so that no two lists of parts read as the same bytes.
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        mac
    }
}

/// The key for one use derived from the secret (HMAC-SHA256 of the use's name).
fn derive(secret: &[u8; 32], usage: &str) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(usage.as_bytes());
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::Scratch;

    #[test]
    fn a_sealed_value_opens_only_for_its_purpose_and_key_and_unchanged() {
        let keys = Keys::from_secret(&[7; 32]);
        let sealed = keys.seal("cursor", b"2026-12-01|account");
        assert!(!sealed.contains("account"));
        assert_eq!(
            keys.open("cursor", &sealed).as_deref(),
            Some(&b"2026-12-01|account"[..])
        );
        // Sealed twice, two different texts: equal places are not seen to be equal.
        assert_ne!(sealed, keys.seal("cursor", b"2026-12-01|account"));
        assert_eq!(keys.open("another", &sealed), None);
        assert_eq!(Keys::from_secret(&[8; 32]).open("cursor", &sealed), None);
        let mut changed = sealed.clone().into_bytes();
        // A letter within the sealed text (past the nonce), not its last, whose low bits may be
        // padding.
        let within = changed.len() - 4;
        changed[within] = if changed[within] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            keys.open("cursor", std::str::from_utf8(&changed).unwrap()),
            None
        );
        for bad in [
            "",
            "not base64!",
            &sealed[..10],
            &sealed[..sealed.len() - 1],
        ] {
            assert_eq!(keys.open("cursor", bad), None, "{bad}");
        }
    }

    #[test]
    fn a_tag_holds_for_its_parts_purpose_and_key_only() {
        let keys = Keys::from_secret(&[7; 32]);
        let tag = keys.tag("csrf", &["nonce", "session"]);
        assert!(keys.tag_holds("csrf", &["nonce", "session"], &tag));
        assert!(!keys.tag_holds("csrf", &["nonces", "ession"], &tag));
        assert!(!keys.tag_holds("csrf", &["nonce", "other"], &tag));
        assert!(!keys.tag_holds("other", &["nonce", "session"], &tag));
        assert!(!keys.tag_holds("csrf", &["nonce", "session"], "00"));
        assert!(!keys.tag_holds("csrf", &["nonce", "session"], "not hex"));
        assert!(!Keys::from_secret(&[8; 32]).tag_holds("csrf", &["nonce", "session"], &tag));
    }

    #[tokio::test]
    async fn servers_on_one_database_share_the_key_the_first_made() {
        let scratch = Scratch::new().await;
        let now = "2026-12-01T09:00:00Z".parse().unwrap();
        let first = Keys::shared(&scratch.db.pool, now).await.unwrap();
        let second = Keys::shared(&scratch.db.pool, now).await.unwrap();
        let sealed = first.seal("cursor", b"place");
        assert_eq!(
            second.open("cursor", &sealed).as_deref(),
            Some(&b"place"[..])
        );
        let tag = second.tag("csrf", &["nonce"]);
        assert!(first.tag_holds("csrf", &["nonce"], &tag));
        let other = Scratch::new().await;
        let elsewhere = Keys::shared(&other.db.pool, now).await.unwrap();
        assert_eq!(elsewhere.open("cursor", &sealed), None);
    }
}
