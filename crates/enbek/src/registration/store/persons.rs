//! The individual employment card (214 p.2.6, 214 p.10) and its history.

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::ids::Sex;
use enbek_domain::registration::category::Category;
use enbek_domain::registry::RegistryPerson;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::AnyPool;

use crate::platform::db;
use crate::platform::db::day;

use crate::platform::db::new_id;

use crate::platform::db::ts;

use crate::platform::db::Row;
use crate::platform::db::RowExt;

use crate::platform::db::Tx;

/// What the person tells about themselves on the application (the card's own part).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Profile {
    pub education_level: Option<String>,
    pub experience_years: Option<u32>,
    #[serde(default)]
    pub occupation_codes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Person {
    pub id: String,
    pub iin: String,
    pub account_id: Option<String>,
    pub career_center_id: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub birth_date: NaiveDate,
    #[schema(value_type = String)]
    pub sex: Sex,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[row(json)]
    pub profile: Profile,
    #[schema(value_type = Object)]
    #[row(json)]
    pub registry: Value,
    #[schema(value_type = Option<String>)]
    pub category: Option<Category>,
    #[schema(value_type = Object)]
    #[row(json)]
    pub category_factors: Option<Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn by_iin(tx: &mut Tx, iin: &str) -> Result<Option<Person>, sqlx::Error> {
    db::one_by(&mut **tx, "SELECT * FROM persons WHERE iin = $1", iin).await
}

pub async fn by_id_tx(tx: &mut Tx, id: &str) -> Result<Option<Person>, sqlx::Error> {
    db::one_by(&mut **tx, "SELECT * FROM persons WHERE id = $1", id).await
}

pub async fn by_id(pool: &AnyPool, id: &str) -> Result<Option<Person>, sqlx::Error> {
    db::one_by(pool, "SELECT * FROM persons WHERE id = $1", id).await
}

/// The card of the person an account acts for: the card of the IIN the account has proven.
pub async fn by_account(pool: &AnyPool, account_id: &str) -> Result<Option<Person>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.* FROM persons p JOIN accounts a ON a.iin = p.iin
         WHERE a.id = $1 AND a.iin_proven_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(Person::from_row).transpose()
}

/// The card's content as written from one application and the registries' answer.
pub struct CardWrite<'a> {
    pub iin: &'a str,
    pub account_id: Option<&'a str>,
    pub career_center_id: &'a str,
    pub registry: &'a RegistryPerson,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub profile: &'a Profile,
    pub category: &'a str,
    pub category_factors: &'a Value,
    pub at: DateTime<Utc>,
}

/// Creates the card, or updates the existing one of the same IIN (214 p.21). Returns the person
/// id and the card as it was before (None when new).
pub async fn write_card(
    tx: &mut Tx,
    c: &CardWrite<'_>,
) -> Result<(String, Option<Person>), sqlx::Error> {
    let before = by_iin(tx, c.iin).await?;
    let registry =
        serde_json::to_string(c.registry).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let profile = serde_json::to_string(c.profile).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let r = c.registry;
    let id = before.as_ref().map_or_else(new_id, |p| p.id.clone());
    let row = sqlx::query(
        "INSERT INTO persons (id, iin, account_id, career_center_id, last_name, first_name, middle_name, birth_date, sex,
            region_code, district_code, locality_code, phone, email, profile, registry, category, category_factors, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
         ON CONFLICT (iin) DO UPDATE SET account_id = COALESCE(excluded.account_id, persons.account_id),
            career_center_id = excluded.career_center_id, last_name = excluded.last_name, first_name = excluded.first_name,
            middle_name = excluded.middle_name, birth_date = excluded.birth_date, sex = excluded.sex,
            region_code = excluded.region_code, district_code = excluded.district_code, locality_code = excluded.locality_code,
            phone = COALESCE(excluded.phone, persons.phone), email = COALESCE(excluded.email, persons.email),
            profile = excluded.profile, registry = excluded.registry, category = excluded.category,
            category_factors = excluded.category_factors, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(&id)
    .bind(c.iin)
    .bind(c.account_id)
    .bind(c.career_center_id)
    .bind(&r.last_name)
    .bind(&r.first_name)
    .bind(&r.middle_name)
    .bind(day(r.birth_date))
    .bind(r.sex.as_str())
    .bind(&r.region_code)
    .bind(&r.district_code)
    .bind(&r.locality_code)
    .bind(c.phone)
    .bind(c.email)
    .bind(profile)
    .bind(registry)
    .bind(c.category)
    .bind(c.category_factors.to_string())
    .bind(ts(c.at))
    .fetch_one(&mut **tx)
    .await?;
    // The card's own id: a card of the IIN written meanwhile by another transaction (its wait
    // over, the insert became an update) keeps its id.
    Ok((row.text("id")?, before))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CardEvent {
    pub at: DateTime<Utc>,
    pub kind: String,
    #[schema(value_type = Object)]
    pub detail: Value,
}

pub async fn add_event(
    tx: &mut Tx,
    person_id: &str,
    at: DateTime<Utc>,
    kind: &str,
    detail: Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO card_events (id, person_id, at, kind, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(person_id)
    .bind(ts(at))
    .bind(kind)
    .bind(detail.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn events(pool: &AnyPool, person_id: &str) -> Result<Vec<CardEvent>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT at, kind, detail FROM card_events WHERE person_id = $1 ORDER BY id")
            .bind(person_id)
            .fetch_all(pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(CardEvent {
                at: r.instant("at")?,
                kind: r.text("kind")?,
                detail: r.json("detail")?,
            })
        })
        .collect()
}
