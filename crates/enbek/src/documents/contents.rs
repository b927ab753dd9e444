//! Where a document's bytes are kept: content-addressed (the SHA-256 of the bytes names them),
//! immutable, in the database by default or in a folder when one is configured. Reading checks
//! the bytes against their name, so a changed file is never served as the document.

use anyhow::{bail, Context};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::path::{Path, PathBuf};

use super::store;
use crate::platform::db::Tx;

/// The SHA-256 of `bytes`, lower-case hex: a content's name.
pub fn content_name(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The content store of this deployment.
#[derive(Debug, Clone)]
pub enum Contents {
    /// The bytes in the database (`document_contents.body`, base64).
    Database,
    /// The bytes in files under a folder (`<dir>/<2 hex>/<sha256>.pdf`), the database keeping
    /// only the name and size.
    Folder(PathBuf),
}

impl Contents {
    /// `database` (the default) or `folder:PATH`.
    pub fn parse(setting: &str) -> anyhow::Result<Contents> {
        match setting.split_once(':') {
            None if setting == "database" => Ok(Contents::Database),
            Some(("folder", path)) if !path.is_empty() => Ok(Contents::Folder(path.into())),
            _ => bail!("the document store is `database` or `folder:PATH`"),
        }
    }

    fn path(dir: &Path, name: &str) -> PathBuf {
        dir.join(&name[..2]).join(format!("{name}.pdf"))
    }

    /// Writes what must exist before the database row that names it: the file of a folder
    /// store (written whole, then renamed into place; the same bytes twice are one file).
    pub async fn prepare(&self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let Contents::Folder(dir) = self else {
            return Ok(());
        };
        let path = Self::path(dir, name);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(());
        }
        let parent = path.parent().context("a content folder")?;
        tokio::fs::create_dir_all(parent)
            .await
            .with_context(|| format!("creating {}", parent.display()))?;
        let partial = parent.join(format!("{name}.{}.part", uuid::Uuid::new_v4()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(())
    }

    /// Records the content in the caller's transaction (after `prepare`).
    pub async fn put(
        &self,
        tx: &mut Tx,
        name: &str,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let body = match self {
            Contents::Database => Some(BASE64.encode(bytes)),
            Contents::Folder(_) => None,
        };
        store::put_content(tx, name, bytes.len(), body.as_deref(), at).await
    }

    /// The bytes named `name`, checked against their name; `None` when missing.
    pub async fn get(&self, pool: &AnyPool, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let bytes = match store::content_body(pool, name).await? {
            Some(body) => BASE64.decode(body).context("a stored content's base64")?,
            None => match self {
                Contents::Folder(dir) => match tokio::fs::read(Self::path(dir, name)).await {
                    Ok(bytes) => bytes,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(e.into()),
                },
                Contents::Database => return Ok(None),
            },
        };
        if content_name(&bytes) != name {
            bail!("the stored content {name} does not match its name");
        }
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_setting_is_the_database_or_a_folder() {
        assert!(matches!(
            Contents::parse("database"),
            Ok(Contents::Database)
        ));
        assert!(matches!(
            Contents::parse("folder:/var/lib/enbek/documents"),
            Ok(Contents::Folder(p)) if p == Path::new("/var/lib/enbek/documents")
        ));
        assert!(Contents::parse("folder:").is_err());
        assert!(Contents::parse("s3").is_err());
    }

    #[test]
    fn a_content_is_named_by_the_sha256_of_its_bytes() {
        assert_eq!(
            content_name(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
