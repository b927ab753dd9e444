//! Documents issued to persons (214 p.45, 214 App.9), kept as records.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Tx;

pub struct NewDocument<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub account_id: Option<&'a str>,
    pub person_id: Option<&'a str>,
    pub registration_id: Option<&'a str>,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub data: &'a Value,
    pub at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, d: &NewDocument<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO documents (id, kind, account_id, person_id, registration_id, issued_on, valid_until, data, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(d.id)
    .bind(d.kind)
    .bind(d.account_id)
    .bind(d.person_id)
    .bind(d.registration_id)
    .bind(day(d.issued_on))
    .bind(d.valid_until.map(day))
    .bind(d.data.to_string())
    .bind(ts(d.at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
