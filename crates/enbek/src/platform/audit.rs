//! The audit log: who did what, when, with the record before and after (206 p.20, 206 p.28).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::AnyPool;

use crate::platform::db::new_id;

use crate::platform::db::ts;

use crate::platform::db::RowExt;

use crate::platform::db::Tx;

pub struct Entry<'a> {
    pub at: DateTime<Utc>,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Records an entry inside the transaction of the change it describes.
pub async fn record(tx: &mut Tx, e: Entry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, before_json, after_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(ts(e.at))
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.entity)
    .bind(e.entity_id)
    .bind(e.before.map(|v| v.to_string()))
    .bind(e.after.map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a read (a staff member opening a person's card) outside any write transaction.
pub async fn record_read(
    pool: &AnyPool,
    at: DateTime<Utc>,
    actor_id: &str,
    entity: &str,
    entity_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id) VALUES ($1, $2, $3, 'read', $4, $5)",
    )
    .bind(new_id())
    .bind(ts(at))
    .bind(actor_id)
    .bind(entity)
    .bind(entity_id)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AuditRecord {
    pub id: String,
    pub at: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn list(
    pool: &AnyPool,
    entity: Option<&str>,
    entity_id: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM audit_log WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2)
         ORDER BY id DESC LIMIT $3",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    rows.iter()
        .map(|r| {
            Ok(AuditRecord {
                id: r.text("id")?,
                at: r.text("at")?,
                actor_id: r.opt_text("actor_id")?,
                action: r.text("action")?,
                entity: r.text("entity")?,
                entity_id: r.text("entity_id")?,
                before: parse(r.opt_text("before_json")?),
                after: parse(r.opt_text("after_json")?),
            })
        })
        .collect()
}
