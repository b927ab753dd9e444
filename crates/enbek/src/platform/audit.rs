//! The audit log: who did what, when, with the record before and after (206 p.20, 206 p.28).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::AnyPool;

use crate::platform::db::{new_id, ts, Insert, RowExt, Tx};

/// One audit entry: what was done (`action`) to which record (`entity`, `entity_id`), when, by
/// whom (none for the service's own background work), with the record before and after.
pub struct Entry<'a> {
    at: DateTime<Utc>,
    actor_id: Option<&'a str>,
    action: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    before: Option<Value>,
    after: Option<Value>,
}

impl<'a> Entry<'a> {
    /// An entry done by the service itself, with no record before or after.
    pub fn new(at: DateTime<Utc>, action: &'a str, entity: &'a str, entity_id: &'a str) -> Self {
        Entry {
            at,
            actor_id: None,
            action,
            entity,
            entity_id,
            before: None,
            after: None,
        }
    }

    /// Who did it (an account id), when someone did.
    pub fn by(mut self, actor_id: impl Into<Option<&'a str>>) -> Self {
        self.actor_id = actor_id.into();
        self
    }

    pub fn before(mut self, before: impl Into<Option<Value>>) -> Self {
        self.before = before.into();
        self
    }

    pub fn after(mut self, after: impl Into<Option<Value>>) -> Self {
        self.after = after.into();
        self
    }

    /// Records the entry in the transaction of the change it describes: written as it commits,
    /// with the transaction's other entries.
    pub fn record(self, tx: &mut Tx) {
        tx.insert_at_commit(
            &ENTRIES,
            vec![
                Some(new_id()),
                Some(ts(self.at)),
                self.actor_id.map(str::to_string),
                Some(self.action.to_string()),
                Some(self.entity.to_string()),
                Some(self.entity_id.to_string()),
                self.before.map(|v| v.to_string()),
                self.after.map(|v| v.to_string()),
            ],
        );
    }
}

const ENTRIES: Insert = Insert {
    into: "INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, before_json, after_json)",
    then: "",
    columns: 8,
};

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
