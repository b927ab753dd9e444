//! Reference data: organisations, occupations and the small classifiers (docs/RULES.md, reference
//! values).

use enbek_domain::accounts::access::OrgKind;
use serde::Serialize;
use std::collections::HashSet;

use sqlx::{AnyConnection, AnyPool};

use crate::platform::db;
use crate::platform::db::Row;
use crate::platform::db::RowExt;
use crate::platform::http::lang::Lang;

use crate::platform::db::Tx;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, Row)]
pub struct Organization {
    pub id: String,
    /// `mobility_center`, `career_center`, `rural_district` or `education_organization`.
    #[schema(value_type = String)]
    pub kind: OrgKind,
    pub parent_id: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub region_code: String,
    pub district_code: Option<String>,
    pub locality_code: Option<String>,
    pub rural: bool,
    /// Where people come to the center (206 p.10), when the reference data gives it.
    pub address: Option<String>,
    /// Its phone, `+7…`, when given.
    pub phone: Option<String>,
    /// Its e-mail, when given.
    pub email: Option<String>,
}

impl Organization {
    /// Its name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_kk, &self.name_ru, &self.name_en)
    }
}

pub async fn upsert_organization(
    tx: &mut Tx,
    o: &Organization,
    source: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO organizations (id, kind, parent_id, name_kk, name_ru, name_en, region_code, district_code, locality_code, rural, source, address, phone, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id,
           name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en,
           region_code = excluded.region_code, district_code = excluded.district_code,
           locality_code = excluded.locality_code, rural = excluded.rural, source = excluded.source,
           address = excluded.address, phone = excluded.phone, email = excluded.email",
    )
    .bind(&o.id)
    .bind(o.kind.as_str())
    .bind(&o.parent_id)
    .bind(&o.name_kk)
    .bind(&o.name_ru)
    .bind(&o.name_en)
    .bind(&o.region_code)
    .bind(&o.district_code)
    .bind(&o.locality_code)
    .bind(i64::from(o.rural))
    .bind(source)
    .bind(&o.address)
    .bind(&o.phone)
    .bind(&o.email)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn organizations<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    kind: Option<&'c str>,
    region_code: Option<&'c str>,
) -> Result<Vec<Organization>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT * FROM organizations WHERE ($1 IS NULL OR kind = $1) AND ($2 IS NULL OR region_code = $2)
         ORDER BY region_code, kind, id",
    )
    .bind(kind)
    .bind(region_code)
    .fetch_all(db)
    .await?;
    rows.iter().map(Organization::from_row).collect()
}

pub async fn organization_by_id<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    id: &'c str,
) -> Result<Option<Organization>, sqlx::Error> {
    db::one_by(db, "SELECT * FROM organizations WHERE id = $1", id).await
}

/// Whether an organisation of the reference data lies in `district_code` of `region_code`.
pub async fn district_in_region(
    pool: &AnyPool,
    region_code: &str,
    district_code: &str,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT id FROM organizations WHERE region_code = $1 AND district_code = $2 LIMIT 1",
    )
    .bind(region_code)
    .bind(district_code)
    .fetch_optional(pool)
    .await?
    .is_some())
}

/// Whether an organisation of the reference data lies at `locality_code`.
pub async fn organization_at(pool: &AnyPool, locality_code: &str) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT id FROM organizations WHERE locality_code = $1 LIMIT 1")
            .bind(locality_code)
            .fetch_optional(pool)
            .await?
            .is_some(),
    )
}

/// The rural district of a rural locality, whose assistant serves its residents (214 p.14,
/// 214 p.52).
pub async fn rural_district_at(
    tx: &mut Tx,
    locality_code: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id FROM organizations WHERE kind = 'rural_district' AND rural = 1 AND locality_code = $1 ORDER BY id LIMIT 1",
    )
    .bind(locality_code)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.text("id")).transpose()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Occupation {
    pub code: String,
    /// `major`, `sub_major`, `minor`, `unit` (ISCO-08) or `occupation` (national classifier).
    pub level: String,
    pub parent_code: Option<String>,
    pub skill_level: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

pub async fn upsert_occupation(
    tx: &mut Tx,
    o: &Occupation,
    source: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO occupations (code, level, parent_code, skill_level, name_kk, name_ru, name_en, source, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code,
           skill_level = excluded.skill_level, name_kk = excluded.name_kk, name_ru = excluded.name_ru,
           name_en = excluded.name_en, source = excluded.source, search_text = excluded.search_text",
    )
    .bind(&o.code)
    .bind(&o.level)
    .bind(&o.parent_code)
    .bind(&o.skill_level)
    .bind(&o.name_kk)
    .bind(&o.name_ru)
    .bind(&o.name_en)
    .bind(source)
    .bind(search_key(&format!("{} {} {} {}", o.code, o.name_kk, o.name_ru, o.name_en)))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn occupations(
    pool: &AnyPool,
    q: Option<&str>,
    parent: Option<&str>,
    level: Option<&str>,
    limit: i64,
) -> Result<Vec<Occupation>, sqlx::Error> {
    let pattern = q.map(|q| format!("%{}%", search_key(q.trim())));
    let rows = sqlx::query(
        "SELECT * FROM occupations
         WHERE ($1 IS NULL OR search_text LIKE $1)
           AND ($2 IS NULL OR parent_code = $2) AND ($3 IS NULL OR level = $3)
         ORDER BY code LIMIT $4",
    )
    .bind(pattern)
    .bind(parent)
    .bind(level)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(occupation).collect()
}

fn occupation(r: &sqlx::any::AnyRow) -> Result<Occupation, sqlx::Error> {
    Ok(Occupation {
        code: r.text("code")?,
        level: r.text("level")?,
        parent_code: r.opt_text("parent_code")?,
        skill_level: r.opt_text("skill_level")?,
        name_kk: r.text("name_kk")?,
        name_ru: r.text("name_ru")?,
        name_en: r.text("name_en")?,
    })
}

/// The occupation of a code, at any level of the classifier.
pub async fn occupation_by_code<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    code: &str,
) -> Result<Option<Occupation>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM occupations WHERE code = $1")
        .bind(code)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(occupation).transpose()
}

/// Text folded for searching in any of the three languages: Unicode lower case, `ё` as `е`, and
/// the LIKE wildcards dropped so that a query never matches more than its words.
pub(crate) fn search_key(text: &str) -> String {
    text.to_lowercase()
        .replace('ё', "е")
        .chars()
        .filter(|c| !matches!(c, '%' | '_' | '\\'))
        .collect()
}

/// The words of a search query as they are looked for (`searchVacancies`): folded, the
/// endings taken off (`enbek_domain::mediation::words`), at most ten.
pub(crate) fn search_words(q: &str) -> Vec<String> {
    q.split_whitespace()
        .map(|w| enbek_domain::mediation::words::stem(&search_key(w)))
        .filter(|w| !w.is_empty())
        .take(10)
        .collect()
}

/// Whether a code names an occupation one is hired in or seeks: a unit group of the classifier
/// (`2411`) or a national occupation within one (`2411-1`), not a broader group.
pub async fn occupation_exists(conn: &mut AnyConnection, code: &str) -> Result<bool, sqlx::Error> {
    Ok(!occupations_known(conn, &[code.to_string()])
        .await?
        .is_empty())
}

/// Which of `codes` name an occupation one is hired in or seeks (`occupation_exists`), read in
/// one query.
pub async fn occupations_known(
    conn: &mut AnyConnection,
    codes: &[String],
) -> Result<HashSet<String>, sqlx::Error> {
    let shaped: Vec<&String> = codes
        .iter()
        .filter(|c| enbek_domain::mediation::matching::Occupation::parse(c).is_some())
        .collect();
    db::all_in(
        conn,
        "SELECT code FROM occupations WHERE level IN ('unit', 'occupation') AND code IN ({list})",
        &[],
        &shaped,
    )
    .await?
    .iter()
    .map(|r| r.text("code"))
    .collect()
}

pub async fn count_occupations(pool: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM occupations")
        .fetch_one(pool)
        .await?
        .int("n")
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ClassifierValue {
    pub classifier: String,
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

pub async fn upsert_classifier_value(tx: &mut Tx, v: &ClassifierValue) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO classifier_values (classifier, code, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (classifier, code) DO UPDATE SET name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en",
    )
    .bind(&v.classifier)
    .bind(&v.code)
    .bind(&v.name_kk)
    .bind(&v.name_ru)
    .bind(&v.name_en)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn classifier(
    pool: &AnyPool,
    classifier: &str,
) -> Result<Vec<ClassifierValue>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM classifier_values WHERE classifier = $1 ORDER BY code")
        .bind(classifier)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(ClassifierValue {
                classifier: r.text("classifier")?,
                code: r.text("code")?,
                name_kk: r.text("name_kk")?,
                name_ru: r.text("name_ru")?,
                name_en: r.text("name_en")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn search_keys_fold_cyrillic_and_kazakh_letters_and_drop_wildcards() {
        assert_eq!(search_key("Врачи ОБЩЕЙ практики"), "врачи общей практики");
        assert_eq!(search_key("ДӘРІГЕРЛЕРІ Ұста Ё"), "дәрігерлері ұста е");
        assert_eq!(search_key("50%_off\\"), "50off");
    }
}
