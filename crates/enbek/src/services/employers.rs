//! Employers and vacancies (214 ch.5 §2, p.66–68; SPEC §5.6): an employer is checked against
//! the state registries; a vacancy is checked against p.66 and the minimum wage, and keeps the
//! day it arose and the day it was posted.

use chrono::{Days, NaiveDate};
use enbek_domain::access::Role;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::office_hours::local_date;
use enbek_domain::parameters::keys;
use enbek_domain::vacancy::{
    self as rules, EducationLevel, EmploymentType, ExcludedCategory, Terms, WorkRegime,
    DEFAULT_OPEN_DAYS,
};
use serde_json::json;

use crate::db::employers::{self, Employer, Vacancy, CLOSED, OPEN};
use crate::db::layoffs::{self, LayoffGroup, LayoffNotice};
use crate::db::reference::{self, search_key};
use crate::db::{accounts, audit, is_unique_violation, new_id};
use crate::http::error::{ApiError, ApiResult};
use crate::state::AppState;

pub struct NewEmployer {
    pub bin: String,
    pub name: String,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
}

/// Registers the caller's employer: a legal entity by BIN, active in the business registry, or
/// an individual entrepreneur by IIN, an entrepreneur in the person registry. The caller's
/// account becomes the employer's.
pub async fn register(state: &AppState, account_id: &str, new: NewEmployer) -> ApiResult<Employer> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 300 {
        return Err(ApiError::new("invalid_value").detail("name has 1 to 300 characters"));
    }
    known_region(state, &new.region_code).await?;
    let (bin, kind, known) = match (Bin::parse(&new.bin), Iin::parse(&new.bin)) {
        (Ok(bin), _) => {
            let business = state.registry.business(&bin).await?;
            let known = business.is_some_and(|b| b.active);
            (bin.as_str().to_string(), "legal_entity", known)
        }
        (_, Ok(iin)) => {
            let person = state.registry.person(&iin).await?;
            let known = person.is_some_and(|p| p.entrepreneur);
            (iin.as_str().to_string(), "individual_entrepreneur", known)
        }
        (Err(e), Err(_)) => return Err(e.into()),
    };
    if !known {
        return Err(ApiError::new("employer_not_in_registry"));
    }
    let grants = accounts::grants(&state.db.pool, account_id).await?;
    if grants.iter().any(|g| g.role == Role::Employer.as_str()) {
        return Err(ApiError::new("invalid_state").detail("this account already has an employer"));
    }
    let now = state.clock.now();
    let employer = Employer {
        id: new_id(),
        bin,
        kind: kind.to_string(),
        name: name.to_string(),
        region_code: new.region_code,
        district_code: new.district_code,
        locality_code: new.locality_code,
        created_at: now,
    };
    let mut tx = state.db.begin().await?;
    match employers::insert_employer(&mut tx, &employer, account_id).await {
        Err(e) if is_unique_violation(&e) => return Err(ApiError::new("employer_exists")),
        other => other?,
    }
    accounts::grant(
        &mut tx,
        account_id,
        Role::Employer.as_str(),
        Some(&employer.id),
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(account_id),
            action: "create",
            entity: "employer",
            entity_id: &employer.id,
            before: None,
            after: Some(
                json!({ "kind": kind, "name": employer.name, "region_code": employer.region_code }),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(employer)
}

pub(crate) async fn known_region(state: &AppState, region_code: &str) -> ApiResult<()> {
    let centers =
        reference::organizations(&state.db.pool, Some("mobility_center"), Some(region_code))
            .await?;
    if centers.is_empty() {
        return Err(
            ApiError::new("invalid_value").detail("region_code is not a region of Kazakhstan")
        );
    }
    Ok(())
}

/// A vacancy as the employer submits it (SPEC §8 `createVacancy`).
pub struct NewVacancy {
    pub title: String,
    pub occupation_code: String,
    pub positions: u32,
    pub salary_from: u64,
    pub salary_to: Option<u64>,
    pub work_regime: String,
    pub employment_type: String,
    pub education_level: Option<String>,
    pub experience_years: Option<u32>,
    pub skills: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub description: String,
    pub arose_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub category: Option<String>,
}

fn parse_code<T>(value: &str, parse: fn(&str) -> Option<T>, field: &str) -> ApiResult<T> {
    parse(value).ok_or_else(|| {
        ApiError::new("invalid_value").detail(format!("{field} is not one of the allowed values"))
    })
}

/// Posts a vacancy of the caller's employer (214 p.66–68).
pub async fn create_vacancy(
    state: &AppState,
    account_id: &str,
    employer_id: &str,
    v: NewVacancy,
) -> ApiResult<Vacancy> {
    let now = state.clock.now();
    let today = local_date(now);
    let title = v.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(ApiError::new("invalid_value").detail("title has 1 to 200 characters"));
    }
    if v.description.chars().count() > 10_000 {
        return Err(
            ApiError::new("invalid_value").detail("description has at most 10 000 characters")
        );
    }
    let work_regime = parse_code(&v.work_regime, WorkRegime::parse, "work_regime")?;
    parse_code(&v.employment_type, EmploymentType::parse, "employment_type")?;
    if let Some(level) = &v.education_level {
        parse_code(level, EducationLevel::parse, "education_level")?;
    }
    let category = v
        .category
        .as_deref()
        .map(|c| parse_code(c, ExcludedCategory::parse, "category"))
        .transpose()?;
    let minimum_wage =
        u64::try_from(state.parameters().int_on(keys::MIN_MONTHLY_WAGE, today)).unwrap_or(0);
    let terms = Terms {
        positions: v.positions,
        salary_from: v.salary_from,
        salary_to: v.salary_to,
        work_regime,
        category,
    };
    if let Err(refusal) = rules::check(&terms, minimum_wage) {
        let mut e = ApiError::new(refusal.code());
        if let rules::VacancyRefusal::BelowMinimumWage { minimum } = refusal {
            e = e.with("minimum_wage", minimum);
        }
        return Err(e);
    }
    let arose_on = v.arose_on.unwrap_or(today);
    if arose_on > today {
        return Err(ApiError::new("invalid_date").detail("arose_on is in the future"));
    }
    let valid_until = v
        .valid_until
        .unwrap_or(today + Days::new(DEFAULT_OPEN_DAYS));
    if valid_until < today {
        return Err(ApiError::new("invalid_date").detail("valid_until is in the past"));
    }
    known_region(state, &v.region_code).await?;
    let mut tx = state.db.begin().await?;
    if !reference::occupation_exists(&mut tx, &v.occupation_code).await? {
        return Err(ApiError::new("unknown_occupation"));
    }
    let skills: Vec<String> = v
        .skills
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let vacancy = Vacancy {
        id: new_id(),
        employer_id: employer_id.to_string(),
        title,
        occupation_code: v.occupation_code,
        positions: i64::from(v.positions),
        positions_open: i64::from(v.positions),
        salary_from: i64::try_from(v.salary_from).unwrap_or(i64::MAX),
        salary_to: v.salary_to.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
        work_regime: v.work_regime,
        employment_type: v.employment_type,
        education_level: v.education_level,
        experience_years: v.experience_years.map(i64::from),
        skills,
        region_code: v.region_code,
        district_code: v.district_code,
        locality_code: v.locality_code,
        description: v.description,
        arose_on,
        post_due_at: rules::post_due(&state.calendar(), arose_on),
        posted_at: now,
        valid_until,
        status: OPEN.to_string(),
        closed_at: None,
    };
    let text = search_key(&format!(
        "{} {} {}",
        vacancy.title,
        vacancy.skills.join(" "),
        vacancy.description
    ));
    let title_text = search_key(&vacancy.title);
    employers::insert_vacancy(&mut tx, &vacancy, &title_text, &text).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(account_id),
            action: "create",
            entity: "vacancy",
            entity_id: &vacancy.id,
            before: None,
            after: Some(json!({ "employer_id": employer_id, "title": vacancy.title, "positions": vacancy.positions, "posted_late": now > vacancy.post_due_at })),
        },
    )
    .await?;
    crate::services::saved_searches::enqueue_for_vacancy(&mut tx, &vacancy.id, now).await?;
    tx.commit().await?;
    crate::services::offers::after_vacancy_posted(state, &vacancy.id).await?;
    Ok(vacancy)
}

/// The employer closes its own open vacancy.
pub async fn close_vacancy(
    state: &AppState,
    account_id: &str,
    vacancy: &Vacancy,
) -> ApiResult<Vacancy> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !employers::end_vacancy(&mut tx, &vacancy.id, CLOSED, now).await? {
        return Err(ApiError::new("invalid_state").detail("the vacancy is not open"));
    }
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(account_id),
            action: "close",
            entity: "vacancy",
            entity_id: &vacancy.id,
            before: Some(json!({ "status": vacancy.status })),
            after: Some(json!({ "status": CLOSED })),
        },
    )
    .await?;
    tx.commit().await?;
    employers::vacancy_by_id(&state.db.pool, &vacancy.id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// Another account of the same employer (SPEC §5.6: several staff accounts per employer): an
/// existing account, by its login, that has no employer yet.
pub async fn add_member(
    state: &AppState,
    owner: &str,
    employer: &Employer,
    login: &str,
) -> ApiResult<String> {
    let login = crate::http::accounts::normalise_login(login)?;
    let member = accounts::credentials(&state.db.pool, &login)
        .await?
        .ok_or_else(|| ApiError::not_found().detail("no account with this login"))?;
    let grants = accounts::grants(&state.db.pool, &member.id).await?;
    if grants.iter().any(|g| g.role == Role::Employer.as_str()) {
        return Err(ApiError::new("invalid_state").detail("the account already has an employer"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    accounts::grant(
        &mut tx,
        &member.id,
        Role::Employer.as_str(),
        Some(&employer.id),
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(owner),
            action: "add_member",
            entity: "employer",
            entity_id: &employer.id,
            before: None,
            after: Some(json!({ "account_id": member.id })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(member.id)
}

/// A mass layoff notice (206 p.31.2): groups of workers with position, qualification and pay, and
/// the day of the layoff, given in advance; the region's mobility center sees it.
pub async fn create_layoff_notice(
    state: &AppState,
    account_id: &str,
    employer: &Employer,
    groups: Vec<LayoffGroup>,
    planned_on: NaiveDate,
) -> ApiResult<LayoffNotice> {
    let now = state.clock.now();
    if planned_on < local_date(now) {
        return Err(ApiError::new("invalid_date").detail("a layoff is announced before it happens"));
    }
    if groups.is_empty()
        || groups
            .iter()
            .any(|g| g.count == 0 || g.position.trim().is_empty())
    {
        return Err(ApiError::new("invalid_value")
            .detail("at least one group, each with a position and a count"));
    }
    let mut tx = state.db.begin().await?;
    for code in groups.iter().filter_map(|g| g.occupation_code.as_deref()) {
        if !reference::occupation_exists(&mut tx, code).await? {
            return Err(
                ApiError::new("unknown_occupation").with("occupation_code", code.to_string())
            );
        }
    }
    let notice = LayoffNotice {
        id: new_id(),
        employer_id: employer.id.clone(),
        region_code: employer.region_code.clone(),
        workers_count: groups.iter().map(|g| i64::from(g.count)).sum(),
        groups,
        planned_on,
        created_at: now,
    };
    layoffs::insert(&mut tx, &notice, account_id).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(account_id),
            action: "create",
            entity: "layoff_notice",
            entity_id: &notice.id,
            before: None,
            after: Some(json!({ "workers_count": notice.workers_count, "planned_on": planned_on })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(notice)
}
