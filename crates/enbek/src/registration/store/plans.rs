//! Individual employment plans and their items (214 p.61–65, 214 App.10).

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::registration::plan::{Action, ItemKind};
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::day;

use crate::platform::db::ts;

use crate::platform::db::Row;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Row)]
pub struct Plan {
    pub id: String,
    pub registration_id: String,
    pub person_id: String,
    pub career_center_id: String,
    pub goal: String,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub valid_until: NaiveDate,
    pub due_at: DateTime<Utc>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub signed_by_specialist_at: DateTime<Utc>,
    pub signed_by_person_at: Option<DateTime<Utc>>,
    /// How the person confirmed their signature (214 p.62): a one-time code to the registry's
    /// phone (`sms`) or an electronic signature; none before they sign (and for plans signed
    /// before confirmations were recorded).
    pub person_confirmation: Option<ProofMethod>,
    /// The certificate of the person's electronic signature: its serial number (hex)...
    pub person_certificate_serial: Option<String>,
    /// ... and its issuer (RFC 4514).
    pub person_certificate_issuer: Option<String>,
}

#[derive(Debug, Clone, Row)]
pub struct Item {
    pub id: String,
    pub plan_id: String,
    pub position: i64,
    pub item: ItemKind,
    pub action: Option<Action>,
    pub due_on: NaiveDate,
    pub note: Option<String>,
    /// `done` for an action; `attended` or `missed` for a contact.
    pub outcome: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

pub async fn insert(tx: &mut Tx, p: &Plan, items: &[Item]) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plans (id, registration_id, person_id, career_center_id, goal, education, occupation, valid_until,
            due_at, created_by, created_at, signed_by_specialist_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&p.id)
    .bind(&p.registration_id)
    .bind(&p.person_id)
    .bind(&p.career_center_id)
    .bind(&p.goal)
    .bind(&p.education)
    .bind(&p.occupation)
    .bind(day(p.valid_until))
    .bind(ts(p.due_at))
    .bind(&p.created_by)
    .bind(ts(p.created_at))
    .bind(ts(p.signed_by_specialist_at))
    .execute(&mut **tx)
    .await?;
    for i in items {
        sqlx::query(
            "INSERT INTO plan_items (id, plan_id, position, item, action, due_on, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&i.id)
        .bind(&i.plan_id)
        .bind(i.position)
        .bind(i.item.as_str())
        .bind(i.action.map(Action::code))
        .bind(day(i.due_on))
        .bind(&i.note)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn by_registration(
    pool: &AnyPool,
    registration_id: &str,
) -> Result<Option<Plan>, sqlx::Error> {
    db::one_by(
        pool,
        "SELECT * FROM plans WHERE registration_id = $1",
        registration_id,
    )
    .await
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Plan>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM plans WHERE id = $1", id).await
}

pub async fn items(pool: &AnyPool, plan_id: &str) -> Result<Vec<Item>, sqlx::Error> {
    db::all_by(
        pool,
        "SELECT * FROM plan_items WHERE plan_id = $1 ORDER BY position",
        plan_id,
    )
    .await
}

pub async fn item_by_id(pool: &AnyPool, id: &str) -> Result<Option<Item>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM plan_items WHERE id = $1", id).await
}

/// How the person confirmed their signature, as the plan records it.
pub struct PersonConfirmation<'a> {
    pub method: ProofMethod,
    /// The certificate's serial number and issuer, for an electronic signature.
    pub certificate: Option<(&'a str, &'a str)>,
}

/// The person's signature and how they confirmed it; false when already signed.
pub async fn sign_by_person(
    tx: &mut Tx,
    id: &str,
    at: DateTime<Utc>,
    confirmation: &PersonConfirmation<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE plans SET signed_by_person_at = $1, person_confirmation = $2,
            person_certificate_serial = $3, person_certificate_issuer = $4
         WHERE id = $5 AND signed_by_person_at IS NULL",
    )
    .bind(ts(at))
    .bind(confirmation.method.as_str())
    .bind(confirmation.certificate.map(|(serial, _)| serial))
    .bind(confirmation.certificate.map(|(_, issuer)| issuer))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_outcome(
    tx: &mut Tx,
    item_id: &str,
    outcome: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE plan_items SET outcome = $1, recorded_at = $2 WHERE id = $3")
        .bind(outcome)
        .bind(ts(at))
        .bind(item_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
