//! Reference data (docs/RULES.md: reference values, calendar, editions): organisations,
//! occupations, classifiers, the working-day calendar and dated parameters. Reading is open to
//! anyone; changing is for administrators.

use axum::body::Bytes;
use axum::extract::State;
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::calendar::Calendar;
use enbek_domain::reference::parameters::Edition;
use enbek_domain::text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::error::Code;
use crate::reference::error::{Error, Result};
use crate::reference::service::reference::{
    self as service, ClassifierValue, Occupation, Organization,
};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OrganizationQuery {
    /// `mobility_center`, `career_center` or `rural_district`.
    pub kind: Option<String>,
    pub region_code: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organizations", operation_id = "listOrganizations", tag = "reference",
    params(OrganizationQuery), responses((status = 200, body = [Organization])))]
pub async fn list_organizations(
    State(state): State<AppState>,
    Query(q): Query<OrganizationQuery>,
) -> Result<axum::Json<Vec<Organization>>> {
    Ok(axum::Json(
        service::organizations(&state, q.kind.as_deref(), q.region_code.as_deref()).await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Imported {
    pub imported: usize,
}

/// A refused import: which line, and why. Nothing of the file is stored.
pub(crate) fn invalid_csv(e: service::ImportError) -> Error {
    match e {
        service::ImportError::Row { line, reason } => Error::new(Code::InvalidCsv)
            .detail(format!("line {line}: {reason}"))
            .with("line", line),
        service::ImportError::Db(e) => e.into(),
    }
}

fn csv_text(body: &Bytes) -> Result<&str> {
    std::str::from_utf8(body)
        .map_err(|_| Error::new(Code::InvalidCsv).detail("the file is not UTF-8"))
}

#[utoipa::path(post, path = "/api/v1/organizations/import", operation_id = "importOrganizations", tag = "reference",
    request_body(content = String, content_type = "text/csv", description = "id,kind,parent_id,name_kk,name_ru,name_en,region_code,district_code,locality_code,rural"),
    security(("bearer" = [])), responses((status = 200, body = Imported), (status = 403), (status = 422, description = "invalid_csv")))]
pub async fn import_organizations(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<axum::Json<Imported>> {
    caller.require(&[Role::Administrator])?;
    let imported = service::import_organizations_by(&state, &caller.account_id, csv_text(&body)?)
        .await
        .map_err(invalid_csv)?;
    Ok(axum::Json(Imported { imported }))
}

#[utoipa::path(post, path = "/api/v1/localities/import", operation_id = "importLocalities", tag = "reference",
    request_body(content = String, content_type = "text/csv", description = "code,name_kk,name_ru,name_en,latitude,longitude (the format of data/reference/localities.csv)"),
    security(("bearer" = [])), responses((status = 200, body = Imported), (status = 403), (status = 422, description = "invalid_csv: the first wrong line in `line`; nothing is written")))]
pub async fn import_localities(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<axum::Json<Imported>> {
    caller.require(&[Role::Administrator])?;
    let imported = service::import_localities_by(&state, &caller.account_id, csv_text(&body)?)
        .await
        .map_err(invalid_csv)?;
    Ok(axum::Json(Imported { imported }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OccupationQuery {
    /// Part of a name (any language) or a code.
    pub q: Option<String>,
    pub parent_code: Option<String>,
    /// `major`, `sub_major`, `minor`, `unit` or `occupation`.
    pub level: Option<String>,
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/occupations", operation_id = "listOccupations", tag = "reference",
    params(OccupationQuery), responses((status = 200, body = [Occupation])))]
pub async fn list_occupations(
    State(state): State<AppState>,
    Query(q): Query<OccupationQuery>,
) -> Result<axum::Json<Vec<Occupation>>> {
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    Ok(axum::Json(
        service::occupations(
            &state,
            input::opt_text("q", q.q.as_deref(), text::QUERY)?.as_deref(),
            q.parent_code.as_deref(),
            q.level.as_deref(),
            limit,
        )
        .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/occupations/import", operation_id = "importOccupations", tag = "reference",
    request_body(content = String, content_type = "text/csv", description = "code,level,parent_code,skill_level,name_kk,name_ru,name_en"),
    security(("bearer" = [])), responses((status = 200, body = Imported), (status = 403), (status = 422, description = "invalid_csv")))]
pub async fn import_occupations(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<axum::Json<Imported>> {
    caller.require(&[Role::Administrator])?;
    let imported = service::import_occupations_by(&state, &caller.account_id, csv_text(&body)?)
        .await
        .map_err(invalid_csv)?;
    Ok(axum::Json(Imported { imported }))
}

#[utoipa::path(get, path = "/api/v1/classifiers/{classifier}", operation_id = "listClassifier", tag = "reference",
    params(("classifier" = String, Path, description = "education_level, work_regime, employment_type, disability_group, language, driving_licence, close_reason, sex")),
    responses((status = 200, body = [ClassifierValue]), (status = 404)))]
pub async fn list_classifier(
    State(state): State<AppState>,
    Path(classifier): Path<String>,
) -> Result<axum::Json<Vec<ClassifierValue>>> {
    Ok(axum::Json(service::classifier(&state, &classifier).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct CalendarQuery {
    pub year: i32,
}

#[derive(Serialize, ToSchema)]
pub struct CalendarYear {
    pub year: i32,
    /// Whether the year is in the calendar data (holidays, transfers, Kurban Ait); outside it
    /// only weekends and the fixed holidays are known.
    pub covered: bool,
    pub working_days: u32,
    pub exceptions: Vec<CalendarDay>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// `holiday`, `day_off` or `working`.
    pub kind: String,
    pub note: String,
}

#[utoipa::path(get, path = "/api/v1/calendar", operation_id = "getCalendar", tag = "reference",
    params(CalendarQuery), responses((status = 200, body = CalendarYear)))]
pub async fn get_calendar(
    State(state): State<AppState>,
    Query(q): Query<CalendarQuery>,
) -> Result<axum::Json<CalendarYear>> {
    if !(1991..=2100).contains(&q.year) {
        return Err(Error::new(Common::InvalidValue).detail("year out of range"));
    }
    let calendar = state.calendar();
    let exceptions = calendar
        .entries()
        .filter(|e| chrono::Datelike::year(&e.date) == q.year)
        .map(|e| CalendarDay {
            date: e.date,
            kind: e.kind.as_str().into(),
            note: e.note.clone(),
        })
        .collect();
    Ok(axum::Json(CalendarYear {
        year: q.year,
        covered: calendar.covers(q.year),
        working_days: calendar.working_days_in_year(q.year),
        exceptions,
    }))
}

#[utoipa::path(post, path = "/api/v1/calendar/days", operation_id = "upsertCalendarDays", tag = "reference",
    request_body(content = String, content_type = "text/plain", description = "lines `YYYY-MM-DD holiday|day_off|working note`, as in the shipped calendar data"),
    security(("bearer" = [])), responses((status = 200, body = Imported), (status = 403), (status = 422, description = "invalid_csv")))]
pub async fn upsert_calendar_days(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<axum::Json<Imported>> {
    caller.require(&[Role::Administrator])?;
    let entries = Calendar::parse(csv_text(&body)?)
        .map_err(|e| Error::new(Code::InvalidCsv).detail(e.to_string()))?;
    service::upsert_calendar_days(&state, &caller.account_id, &entries).await?;
    Ok(axum::Json(Imported {
        imported: entries.len(),
    }))
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ParameterEdition {
    pub key: String,
    pub effective_from: NaiveDate,
    pub value: String,
    pub source: String,
}

#[utoipa::path(get, path = "/api/v1/parameters", operation_id = "listParameters", tag = "reference",
    responses((status = 200, body = [ParameterEdition])))]
pub async fn list_parameters(State(state): State<AppState>) -> axum::Json<Vec<ParameterEdition>> {
    let parameters = state.parameters();
    axum::Json(
        parameters
            .editions()
            .map(|e| ParameterEdition {
                key: e.key.clone(),
                effective_from: e.effective_from,
                value: e.value.clone(),
                source: e.source.clone(),
            })
            .collect(),
    )
}

#[utoipa::path(post, path = "/api/v1/parameters", operation_id = "addParameterEdition", tag = "reference",
    request_body = ParameterEdition, security(("bearer" = [])),
    responses((status = 200, body = ParameterEdition), (status = 403), (status = 422)))]
pub async fn add_parameter_edition(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<ParameterEdition>,
) -> Result<axum::Json<ParameterEdition>> {
    caller.require(&[Role::Administrator])?;
    let edition = Edition {
        key: body.key.clone(),
        effective_from: body.effective_from,
        value: body.value.clone(),
        source: body.source.clone(),
    };
    service::add_parameter_edition(&state, &caller.account_id, edition).await?;
    Ok(axum::Json(body))
}
