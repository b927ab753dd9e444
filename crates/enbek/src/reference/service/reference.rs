//! Reference data: the shipped tables loaded at start, and an administrator's files (docs/RULES.md,
//! reference values).

use enbek_domain::accounts::access::OrgKind;
use enbek_domain::contact::{Email, Phone};
use enbek_domain::mediation::matching::Place;
use enbek_domain::text::{self, FreeText};
use serde::Deserialize;

use enbek_domain::mediation::matching::Places;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use enbek_domain::mediation::vacancy::EducationLevel;
use enbek_domain::reference::calendar::{Calendar, CalendarEntry};
use enbek_domain::reference::parameters::{Edition, Parameters};
use serde_json::json;

use crate::platform::audit;
use sqlx::AnyConnection;

use crate::platform::db::Db;
use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::error::Code;
use crate::reference::error::{Error, Result};
use crate::reference::store::calendar;
use crate::reference::store::imports;
pub use crate::reference::store::imports::Locality;
use crate::reference::store::parameters;
use crate::reference::store::reference;
pub use crate::reference::store::reference::{ClassifierValue, Occupation, Organization};
use crate::reference::store::versions;

const REGIONS: &str = include_str!("../../../data/reference/regions.csv");
const OCCUPATIONS: &str = include_str!("../../../data/reference/occupations_isco08.csv");
const CLASSIFIERS: &str = include_str!("../../../data/reference/classifiers.csv");
const DEMO_ORGANIZATIONS: &str = include_str!("../../../data/reference/demo_organizations.csv");
const LOCALITIES: &str = include_str!("../../../data/reference/localities.csv");

/// Why a file was not taken: a row that does not fit (with its line), or the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {reason}")]
    Row { line: usize, reason: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn row_error(line: usize, reason: impl Into<String>) -> ImportError {
    ImportError::Row {
        line,
        reason: reason.into(),
    }
}

fn rows<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Vec<T>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| row_error(i + 2, e.to_string())))
        .collect()
}

#[derive(Deserialize)]
struct LocalityRow {
    code: String,
    #[serde(default)]
    name_kk: String,
    #[serde(default)]
    name_ru: String,
    #[serde(default)]
    name_en: String,
    latitude: f64,
    longitude: f64,
}

/// The one check of a localities row: a 9-digit code, degrees of latitude and longitude.
fn locality(line: usize, r: LocalityRow) -> Result<Locality, ImportError> {
    let valid = is_territory_code(&r.code)
        && (-90.0..=90.0).contains(&r.latitude)
        && (-180.0..=180.0).contains(&r.longitude);
    if !valid {
        return Err(row_error(
            line,
            "code is 9 digits; latitude and longitude are degrees",
        ));
    }
    Ok(Locality {
        name_en: if r.name_en.is_empty() {
            r.name_ru.clone()
        } else {
            r.name_en
        },
        code: r.code,
        name_kk: r.name_kk,
        name_ru: r.name_ru,
        place: Place {
            latitude: r.latitude,
            longitude: r.longitude,
        },
    })
}

/// Where localities lie, for daily commutes (214 p.2.10): the shipped sample, then a national
/// list in the same format when one is given. The localities an administrator imports are
/// placed on top of these (`reload_places`).
pub fn places(national: Option<&str>) -> Result<Places, ImportError> {
    let mut places = std::collections::HashMap::new();
    for text in std::iter::once(LOCALITIES).chain(national) {
        for (i, r) in rows::<LocalityRow>(text)?.into_iter().enumerate() {
            let l = locality(i + 2, r)?;
            places.insert(l.code, l.place);
        }
    }
    Ok(Places::new(places))
}

/// The localities a server knows without the database (shipped and national), registered at
/// start: every reload of the places starts from them.
pub struct BasePlaces(pub Places);

/// The places in use rebuilt: the base and every locality imported, on any server. Places the
/// same as those in use are left in use, so that what was built with them (the matching index)
/// is not built again for nothing — as at start, where the follower's first pass reloads them.
pub async fn reload_places(state: &AppState) -> Result<(), sqlx::Error> {
    let imported = imports::localities(&state.db.pool).await?;
    let places = state
        .part::<Arc<BasePlaces>>()
        .0
        .with(imported.into_iter().map(|l| (l.code, l.place)));
    let mut in_use = state.places.write().expect("places lock");
    if **in_use != places {
        *in_use = Arc::new(places);
    }
    Ok(())
}

/// The organisations of the reference data as this server keeps them (a few thousand at
/// national size), so that a request reads one by id without the database. Rebuilt when any
/// server changes them (`follow`), and at once on the server that imported the change.
#[derive(Default)]
pub struct KnownOrganizations(std::sync::RwLock<Arc<HashMap<String, Organization>>>);

/// The organisations kept rebuilt from the database.
pub async fn reload_organizations(state: &AppState) -> Result<(), sqlx::Error> {
    let all = reference::organizations(&state.db.pool, None, None).await?;
    let all = all.into_iter().map(|o| (o.id.clone(), o)).collect();
    let known = state.part::<Arc<KnownOrganizations>>();
    *known.0.write().expect("organisations lock") = Arc::new(all);
    Ok(())
}

/// The organisation `id` names: from those kept; one not kept yet (written by a path that did
/// not count its change) is read from the database.
pub async fn organization(state: &AppState, id: &str) -> Result<Option<Organization>, sqlx::Error> {
    let kept = state
        .part::<Arc<KnownOrganizations>>()
        .0
        .read()
        .expect("organisations lock")
        .get(id)
        .cloned();
    match kept {
        Some(o) => Ok(Some(o)),
        None => reference::organization_by_id(&state.db.pool, id).await,
    }
}

#[derive(Deserialize)]
struct RegionRow {
    region_code: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
    center_name_kk: String,
    center_name_ru: String,
    center_name_en: String,
}

/// A region of the country (the shipped list of the 20 regions and cities of republican
/// significance) with its name in the three languages.
#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

/// The regions, in the order of the shipped list.
pub fn regions() -> Vec<Region> {
    rows::<RegionRow>(REGIONS)
        .expect("the shipped regions parse")
        .into_iter()
        .map(|r| Region {
            code: r.region_code,
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            name_en: r.name_en,
        })
        .collect()
}

#[derive(Deserialize)]
pub struct OrganizationRow {
    pub id: String,
    pub kind: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub region_code: String,
    #[serde(default)]
    pub district_code: Option<String>,
    #[serde(default)]
    pub locality_code: Option<String>,
    #[serde(default)]
    pub rural: Option<String>,
    /// Where people reach the center (206 p.10); each optional.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Deserialize)]
struct OccupationRow {
    code: String,
    level: String,
    #[serde(default)]
    parent_code: Option<String>,
    #[serde(default)]
    skill_level: Option<String>,
    name_kk: String,
    name_ru: String,
    name_en: String,
}

/// A 9-digit territory code (KATO): two digits of the region, two of the district, two of the
/// rural district, three of the locality.
fn is_territory_code(code: &str) -> bool {
    code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())
}

fn unknown_territory(field: &str, detail: &str) -> Error {
    Error::new(Code::UnknownTerritory)
        .detail(format!("{field} {detail}"))
        .with("field", field)
}

/// A locality the reference data know: in the localities table (the shipped sample and
/// `ENBEK_LOCALITIES_FILE`) or the seat of an organisation.
pub async fn check_locality(state: &AppState, field: &str, locality_code: &str) -> Result<()> {
    if !is_territory_code(locality_code) {
        return Err(Error::new(Common::InvalidValue)
            .detail(format!("{field} is 9 digits"))
            .with("field", field));
    }
    if state.places().contains(locality_code)
        || imports::locality_exists(&state.db.pool, locality_code).await?
        || reference::organization_at(&state.db.pool, locality_code).await?
    {
        return Ok(());
    }
    Err(unknown_territory(
        field,
        "is not a locality of the reference data",
    ))
}

/// A region of Kazakhstan in the reference data: each has its labour mobility center;
/// otherwise 422 `invalid_value`.
pub async fn known_region(state: &AppState, region_code: &str) -> Result<()> {
    let centers =
        reference::organizations(&state.db.pool, Some("mobility_center"), Some(region_code))
            .await?;
    if centers.is_empty() {
        return Err(
            Error::new(Common::InvalidValue).detail("region_code is not a region of Kazakhstan")
        );
    }
    Ok(())
}

/// A place as the reference data know it: the district one of the region's (its code is the
/// region's two digits, two of its own and zeros; an organisation or a locality of the table
/// lies in it), the locality known and in the district (its code begins with the district's
/// four digits). The region itself is checked first (`invalid_value`, as before).
pub async fn check_territory(
    state: &AppState,
    region_code: &str,
    district_code: &str,
    locality_code: &str,
) -> Result<()> {
    known_region(state, region_code).await?;
    if !is_territory_code(district_code) {
        return Err(Error::new(Common::InvalidValue)
            .detail("district_code is 9 digits")
            .with("field", "district_code"));
    }
    let (district, rest) = district_code.split_at(4);
    let in_region = district.get(..2) == region_code.get(..2)
        && rest.bytes().all(|b| b == b'0')
        && (state.places().any_within(district)
            || imports::locality_within(&state.db.pool, district).await?
            || reference::district_in_region(&state.db.pool, region_code, district_code).await?);
    if !in_region {
        return Err(unknown_territory(
            "district_code",
            "is not a district of the region in the reference data",
        ));
    }
    check_locality(state, "locality_code", locality_code).await?;
    if locality_code.get(..4) != district_code.get(..4) {
        return Err(unknown_territory(
            "locality_code",
            "is not a locality of the district",
        ));
    }
    Ok(())
}

/// The id of a region's labour mobility center.
pub fn mobility_center_id(region_code: &str) -> String {
    format!("mc-{region_code}")
}

/// Loads the shipped regions (each with its mobility center), occupations and classifiers, and
/// in development mode the demo organisations. Idempotent.
pub async fn load_builtin(db: &Db, dev: bool) -> anyhow::Result<()> {
    let stored_occupations = reference::count_occupations(&db.pool).await?;
    let mut tx = db.begin().await?;
    for r in rows::<RegionRow>(REGIONS)? {
        let org = Organization {
            id: mobility_center_id(&r.region_code),
            kind: OrgKind::MobilityCenter,
            parent_id: None,
            name_kk: r.center_name_kk,
            name_ru: r.center_name_ru,
            name_en: r.center_name_en,
            region_code: r.region_code.clone(),
            district_code: None,
            locality_code: None,
            rural: false,
            address: None,
            phone: None,
            email: None,
        };
        reference::upsert_organization(&mut tx, &org, "builtin").await?;
    }
    let occupations = rows::<OccupationRow>(OCCUPATIONS)?;
    if occupations.len() as i64 != stored_occupations {
        for o in occupations {
            reference::upsert_occupation(&mut tx, &occupation(o), "isco08").await?;
        }
    }
    for v in rows::<ClassifierValue>(CLASSIFIERS)? {
        reference::upsert_classifier_value(&mut tx, &v).await?;
    }
    tx.commit().await?;
    if dev {
        let demo = check_organizations(db, DEMO_ORGANIZATIONS, &Quiet)
            .await
            .map_err(|e| anyhow::anyhow!("demo organisations: {e}"))?;
        let mut tx = db.begin().await?;
        write(&mut tx, &demo, "demo").await?;
        tx.commit().await?;
    }
    Ok(())
}

fn occupation(o: OccupationRow) -> Occupation {
    Occupation {
        code: o.code,
        level: o.level,
        parent_code: o.parent_code.filter(|p| !p.is_empty()),
        skill_level: o.skill_level.filter(|s| !s.is_empty()),
        name_kk: o.name_kk,
        name_ru: o.name_ru,
        name_en: o.name_en,
    }
}

/// What an import reports as it checks a file: the rows in all, then how many are checked.
#[async_trait::async_trait]
pub trait Progress: Send + Sync {
    async fn total(&self, rows: usize) -> Result<(), sqlx::Error>;
    async fn checked(&self, rows: usize) -> Result<(), sqlx::Error>;
}

/// No report: the synchronous operations and the files read at start.
pub struct Quiet;

#[async_trait::async_trait]
impl Progress for Quiet {
    async fn total(&self, _: usize) -> Result<(), sqlx::Error> {
        Ok(())
    }
    async fn checked(&self, _: usize) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

/// How often (in rows) the checks report their progress.
const REPORT_EVERY: usize = 200;

async fn report(progress: &dyn Progress, done: usize, total: usize) -> Result<(), sqlx::Error> {
    if done.is_multiple_of(REPORT_EVERY) || done == total {
        progress.checked(done).await?;
    }
    Ok(())
}

/// The rows of a file, checked, ready to be written: nothing is written until every row is.
pub enum Checked {
    Organizations(Vec<Organization>),
    Occupations(Vec<Occupation>),
    Localities(Vec<Locality>),
}

impl Checked {
    pub fn len(&self) -> usize {
        match self {
            Checked::Organizations(v) => v.len(),
            Checked::Occupations(v) => v.len(),
            Checked::Localities(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entity the audit names.
    pub fn entity(&self) -> &'static str {
        match self {
            Checked::Organizations(_) => "organizations",
            Checked::Occupations(_) => "occupations",
            Checked::Localities(_) => "localities",
        }
    }
}

/// Checks a file of career centers, rural districts and education organisations (the format of
/// `data/reference/organizations.example.csv`): each row's kind, names, region, parent (a career
/// center of the file or of the reference data) and contacts; the first wrong line is named.
pub async fn check_organizations(
    db: &Db,
    text: &str,
    progress: &dyn Progress,
) -> Result<Checked, ImportError> {
    let parsed = rows::<OrganizationRow>(text)?;
    progress.total(parsed.len()).await?;
    let known: std::collections::HashMap<String, OrgKind> =
        reference::organizations(&db.pool, None, None)
            .await?
            .into_iter()
            .map(|o| (o.id, o.kind))
            .collect();
    let in_file: HashSet<&str> = parsed
        .iter()
        .filter(|r| r.kind == "career_center")
        .map(|r| r.id.as_str())
        .collect();
    let mut checked = Vec::with_capacity(parsed.len());
    for (i, r) in parsed.iter().enumerate() {
        let line = i + 2;
        let err = |reason: &str| row_error(line, reason);
        let kind = OrgKind::parse(&r.kind)
            .filter(|k| *k != OrgKind::MobilityCenter)
            .ok_or_else(|| {
                err("kind must be career_center, rural_district or education_organization")
            })?;
        if r.id.is_empty() || r.name_kk.is_empty() || r.name_ru.is_empty() {
            return Err(err("id, name_kk and name_ru are required"));
        }
        if known.get(&mobility_center_id(&r.region_code)) != Some(&OrgKind::MobilityCenter) {
            return Err(err("unknown region_code"));
        }
        let parent = r.parent_id.clone().filter(|p| !p.is_empty());
        if kind == OrgKind::RuralDistrict {
            let Some(parent) = &parent else {
                return Err(err("a rural district needs its career center as parent_id"));
            };
            let known = in_file.contains(parent.as_str())
                || known.get(parent) == Some(&OrgKind::CareerCenter);
            if !known {
                return Err(err("parent_id is not a career center"));
            }
        }
        let given = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
        let address = given(&r.address)
            .map(|a| FreeText::parse(&a, text::SHORT).map(FreeText::into_string))
            .transpose()
            .map_err(|e| err(&format!("address: {e}")))?;
        let phone = given(&r.phone)
            .map(|p| Phone::parse(&p).map(|p| p.as_str().to_string()))
            .transpose()
            .map_err(|e| err(&format!("phone: {e}")))?;
        let email = given(&r.email)
            .map(|m| Email::parse(&m).map(|m| m.as_str().to_string()))
            .transpose()
            .map_err(|e| err(&format!("email: {e}")))?;
        checked.push(Organization {
            id: r.id.clone(),
            kind,
            parent_id: parent,
            name_kk: r.name_kk.clone(),
            name_ru: r.name_ru.clone(),
            name_en: if r.name_en.is_empty() {
                r.name_ru.clone()
            } else {
                r.name_en.clone()
            },
            region_code: r.region_code.clone(),
            district_code: r.district_code.clone().filter(|s| !s.is_empty()),
            locality_code: r.locality_code.clone().filter(|s| !s.is_empty()),
            rural: matches!(r.rural.as_deref(), Some("true" | "1" | "yes")),
            address,
            phone,
            email,
        });
        report(progress, i + 1, parsed.len()).await?;
    }
    Ok(Checked::Organizations(checked))
}

/// Checks a file of occupations (the full national classifier) with the columns of
/// `data/reference/occupations_isco08.csv`; `level` may also be `occupation`.
pub async fn check_occupations_file(
    text: &str,
    progress: &dyn Progress,
) -> Result<Checked, ImportError> {
    const LEVELS: [&str; 5] = ["major", "sub_major", "minor", "unit", "occupation"];
    let parsed = rows::<OccupationRow>(text)?;
    let total = parsed.len();
    progress.total(total).await?;
    let mut checked = Vec::with_capacity(total);
    for (i, o) in parsed.into_iter().enumerate() {
        if !LEVELS.contains(&o.level.as_str())
            || o.code.is_empty()
            || o.name_ru.is_empty()
            || o.name_kk.is_empty()
        {
            return Err(row_error(
                i + 2,
                "code, level (major…occupation), name_kk and name_ru are required",
            ));
        }
        checked.push(occupation(o));
        report(progress, i + 1, total).await?;
    }
    Ok(Checked::Occupations(checked))
}

/// Checks a localities file in the format of `data/reference/localities.csv`
/// (`code,name_kk,name_ru,name_en,latitude,longitude`): a 9-digit KATO code, its names in
/// Kazakh and Russian, degrees of latitude and longitude.
pub async fn check_localities(text: &str, progress: &dyn Progress) -> Result<Checked, ImportError> {
    let parsed = rows::<LocalityRow>(text)?;
    let total = parsed.len();
    progress.total(total).await?;
    let mut checked = Vec::with_capacity(total);
    for (i, r) in parsed.into_iter().enumerate() {
        if r.name_kk.trim().is_empty() || r.name_ru.trim().is_empty() {
            return Err(row_error(i + 2, "name_kk and name_ru are required"));
        }
        checked.push(locality(i + 2, r)?);
        report(progress, i + 1, total).await?;
    }
    Ok(Checked::Localities(checked))
}

/// Writes checked rows in the caller's transaction; returns how many.
pub async fn write(tx: &mut Tx, checked: &Checked, source: &str) -> Result<usize, sqlx::Error> {
    match checked {
        Checked::Organizations(orgs) => {
            for o in orgs {
                reference::upsert_organization(tx, o, source).await?;
            }
            versions::bump(tx, versions::ORGANIZATIONS).await?;
        }
        Checked::Occupations(occupations) => {
            for o in occupations {
                reference::upsert_occupation(tx, o, source).await?;
            }
        }
        Checked::Localities(localities) => {
            for l in localities {
                imports::upsert_locality(tx, l).await?;
            }
        }
    }
    Ok(checked.len())
}

/// Imports career centers and rural districts from CSV (the file given at start). All rows or
/// none.
pub async fn import_organizations(db: &Db, text: &str) -> Result<usize, ImportError> {
    let checked = check_organizations(db, text, &Quiet).await?;
    let mut tx = db.begin().await?;
    let n = write(&mut tx, &checked, "import").await?;
    tx.commit().await?;
    Ok(n)
}

/// Checks that every code names an occupation one is hired in or seeks (the classifier's unit
/// groups and national occupations), all read at once; 422 `unknown_occupation` with the first
/// that does not.
pub(crate) async fn check_occupations(conn: &mut AnyConnection, codes: &[String]) -> Result<()> {
    let known = reference::occupations_known(conn, codes).await?;
    match codes.iter().find(|c| !known.contains(*c)) {
        Some(code) => {
            Err(Error::new(Code::UnknownOccupation).with("occupation_code", code.clone()))
        }
        None => Ok(()),
    }
}

/// Checks an education level against the classifier of levels; 422 `invalid_value` otherwise.
pub(crate) fn check_education_level(level: Option<&str>) -> Result<()> {
    if level.is_some_and(|l| EducationLevel::parse(l).is_none()) {
        return Err(Error::new(Common::InvalidValue)
            .detail("education_level is none, secondary, vocational, higher or postgraduate"));
    }
    Ok(())
}

/// The organisations, of a kind and in a region when given.
pub async fn organizations(
    state: &AppState,
    kind: Option<&str>,
    region_code: Option<&str>,
) -> Result<Vec<Organization>> {
    Ok(reference::organizations(&state.db.pool, kind, region_code).await?)
}

/// The occupations matching a query, under a parent, at a level.
pub async fn occupations(
    state: &AppState,
    q: Option<&str>,
    parent_code: Option<&str>,
    level: Option<&str>,
    limit: i64,
) -> Result<Vec<Occupation>> {
    Ok(reference::occupations(&state.db.pool, q, parent_code, level, limit).await?)
}

/// The occupations people choose from (the ISCO-08 unit groups), as (code, "code — name") in
/// a language.
pub async fn occupation_names(state: &AppState, lang: Lang) -> Result<Vec<(String, String)>> {
    Ok(occupations(state, None, None, Some("unit"), 1000)
        .await?
        .into_iter()
        .map(|o| {
            let name = lang.pick(&o.name_kk, &o.name_ru, &o.name_en);
            let label = format!("{} — {name}", o.code);
            (o.code, label)
        })
        .collect())
}

/// The regions' names in a language, by code.
pub fn region_names(lang: Lang) -> Vec<(String, String)> {
    regions()
        .into_iter()
        .map(|r| {
            let name = lang.pick(&r.name_kk, &r.name_ru, &r.name_en).to_string();
            (r.code, name)
        })
        .collect()
}

/// The values of a classifier; 404 for a classifier that has none.
pub async fn classifier(state: &AppState, classifier: &str) -> Result<Vec<ClassifierValue>> {
    let values = reference::classifier(&state.db.pool, classifier).await?;
    if values.is_empty() {
        return Err(Error::not_found());
    }
    Ok(values)
}

/// An administrator's import written and audited in the caller's transaction; returns how
/// many rows.
pub async fn write_import(
    tx: &mut Tx,
    state: &AppState,
    actor_id: &str,
    checked: &Checked,
) -> Result<usize, sqlx::Error> {
    let n = write(tx, checked, "import").await?;
    if let Checked::Localities(_) = checked {
        versions::bump(tx, versions::LOCALITIES).await?;
    }
    audit::Entry::new(state.clock.now(), "import", checked.entity(), "*")
        .by(actor_id)
        .after(json!({ "rows": n }))
        .record(tx);
    Ok(n)
}

async fn import_now(
    state: &AppState,
    actor_id: &str,
    checked: Result<Checked, ImportError>,
) -> Result<usize, ImportError> {
    let checked = checked?;
    let mut tx = state.db.begin().await?;
    let n = write_import(&mut tx, state, actor_id, &checked).await?;
    tx.commit().await?;
    reload_imported(state, &checked).await?;
    Ok(n)
}

/// What an import changed, rebuilt at once on the server that imported it (the others follow
/// within seconds).
pub async fn reload_imported(state: &AppState, checked: &Checked) -> Result<(), sqlx::Error> {
    match checked {
        Checked::Localities(_) => reload_places(state).await,
        Checked::Organizations(_) => reload_organizations(state).await,
        Checked::Occupations(_) => Ok(()),
    }
}

/// An administrator imports organisations at once (`importOrganizations`); audited.
pub async fn import_organizations_by(
    state: &AppState,
    actor_id: &str,
    text: &str,
) -> Result<usize, ImportError> {
    let checked = check_organizations(&state.db, text, &Quiet).await;
    import_now(state, actor_id, checked).await
}

/// An administrator imports occupations at once (`importOccupations`); audited.
pub async fn import_occupations_by(
    state: &AppState,
    actor_id: &str,
    text: &str,
) -> Result<usize, ImportError> {
    let checked = check_occupations_file(text, &Quiet).await;
    import_now(state, actor_id, checked).await
}

/// An administrator imports localities at once (`importLocalities`); audited. They count for
/// the territory checks and the commute distances at once, on every server within seconds.
pub async fn import_localities_by(
    state: &AppState,
    actor_id: &str,
    text: &str,
) -> Result<usize, ImportError> {
    let checked = check_localities(text, &Quiet).await;
    import_now(state, actor_id, checked).await
}

/// An administrator adds calendar days: stored and audited in one transaction, then the
/// calendar in use is rebuilt from the shipped one and every stored day.
pub async fn upsert_calendar_days(
    state: &AppState,
    actor_id: &str,
    entries: &[CalendarEntry],
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    for e in entries {
        calendar::upsert(&mut tx, e).await?;
    }
    versions::bump(&mut tx, versions::CALENDAR).await?;
    audit::Entry::new(state.clock.now(), "import", "calendar", "*")
        .by(actor_id)
        .after(json!({ "days": entries.len() }))
        .record(&mut tx);
    tx.commit().await?;
    reload_calendar(state).await?;
    Ok(())
}

/// The calendar: the shipped one and every stored day.
pub async fn stored_calendar(pool: &sqlx::AnyPool) -> Result<Calendar, sqlx::Error> {
    Ok(Calendar::builtin().with_entries(calendar::all(pool).await?))
}

/// The parameters: the shipped editions and every stored one.
pub async fn stored_parameters(pool: &sqlx::AnyPool) -> Result<Parameters, sqlx::Error> {
    Ok(Parameters::builtin().with(parameters::all(pool).await?))
}

/// The calendar in use rebuilt from the database.
async fn reload_calendar(state: &AppState) -> Result<(), sqlx::Error> {
    let calendar = stored_calendar(&state.db.pool).await?;
    *state.calendar.write().expect("calendar lock") = calendar;
    Ok(())
}

/// The parameters in use rebuilt from the database.
async fn reload_parameters(state: &AppState) -> Result<(), sqlx::Error> {
    let parameters = stored_parameters(&state.db.pool).await?;
    *state.parameters.write().expect("parameters lock") = parameters;
    Ok(())
}

/// How often a server looks whether another changed the calendar or the parameters.
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps this server's calendar, parameters, places and organisations those of the database:
/// every second it reads their versions and reloads what another server (or this one) changed
/// since, so a change reaches every server within seconds. The first pass reloads all.
pub fn follow(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let followed = [
            versions::CALENDAR,
            versions::PARAMETERS,
            versions::LOCALITIES,
            versions::ORGANIZATIONS,
        ];
        let mut seen: [Option<i64>; 4] = [None; 4];
        let mut tick = tokio::time::interval(FOLLOW_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            for (n, name) in followed.into_iter().enumerate() {
                let passed = async {
                    let now = versions::of(&state.db.pool, name).await?;
                    if seen[n] != Some(now) {
                        match name {
                            versions::CALENDAR => reload_calendar(&state).await?,
                            versions::PARAMETERS => reload_parameters(&state).await?,
                            versions::ORGANIZATIONS => reload_organizations(&state).await?,
                            _ => reload_places(&state).await?,
                        }
                        seen[n] = Some(now);
                    }
                    Ok::<_, sqlx::Error>(())
                }
                .await;
                if let Err(e) = passed {
                    tracing::warn!(error = %e, what = name, "following the database's changes");
                }
            }
        }
    })
}

/// An administrator adds an edition of a known parameter, its value checked against the kind
/// of the current one: stored and audited in one transaction, then the parameters in use are
/// rebuilt from the shipped ones and every stored edition.
pub async fn add_parameter_edition(
    state: &AppState,
    actor_id: &str,
    edition: Edition,
) -> Result<()> {
    let current = state.parameters();
    let Some(existing) = current.editions().find(|e| e.key == edition.key) else {
        return Err(Error::new(Common::InvalidValue).detail("unknown parameter key"));
    };
    enbek_domain::reference::parameters::validate_value(
        &edition.key,
        &edition.value,
        &existing.value,
    )
    .map_err(|reason| Error::new(Common::InvalidValue).detail(reason))?;
    let mut tx = state.db.begin().await?;
    parameters::upsert(&mut tx, &edition).await?;
    versions::bump(&mut tx, versions::PARAMETERS).await?;
    audit::Entry::new(state.clock.now(), "create", "parameter", &edition.key)
        .by(actor_id)
        .after(json!({
            "key": edition.key,
            "effective_from": edition.effective_from,
            "value": edition.value,
            "source": edition.source,
        }))
        .record(&mut tx);
    tx.commit().await?;
    reload_parameters(state).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_tables_parse() {
        assert_eq!(rows::<RegionRow>(REGIONS).unwrap().len(), 20);
        assert!(rows::<OccupationRow>(OCCUPATIONS).unwrap().len() >= 619);
        assert!(rows::<ClassifierValue>(CLASSIFIERS)
            .unwrap()
            .iter()
            .any(|v| v.classifier == "education_level"));
        assert!(rows::<OrganizationRow>(DEMO_ORGANIZATIONS)
            .unwrap()
            .iter()
            .any(|o| o.kind == "rural_district"));
    }
}
