//! Resumes and suitable-work matching (214 p.2.10, p.69–70, p.77; SPEC §5.7): the rules are in
//! the domain; here they meet the stored resumes and vacancies.

use enbek_domain::matching::{score, Match, Occupation, Opening, Seeker};
use enbek_domain::office_hours::local_date;
use enbek_domain::registration::Status;
use enbek_domain::vacancy::{EducationLevel, WorkRegime};

use crate::db::employers::{self, Vacancy};
use crate::db::resumes::{self, Resume};
use crate::db::{audit, reference, registrations};
use crate::http::error::{ApiError, ApiResult};
use crate::state::AppState;

/// At most this many matches are listed.
pub const TOP: usize = 50;

fn invalid(detail: &str) -> ApiError {
    ApiError::new("invalid_value").detail(detail.to_string())
}

/// Checks and stores the caller's resume.
pub async fn upsert_resume(state: &AppState, account_id: &str, r: Resume) -> ApiResult<Resume> {
    if r.occupation_codes.is_empty() || r.occupation_codes.len() > 10 {
        return Err(invalid("one to ten occupation_codes"));
    }
    if r.experience_years > 70 {
        return Err(invalid("experience_years is at most 70"));
    }
    if r.education_level
        .as_deref()
        .is_some_and(|l| EducationLevel::parse(l).is_none())
    {
        return Err(invalid(
            "education_level is none, secondary, vocational, higher or postgraduate",
        ));
    }
    if r.work_regime
        .as_deref()
        .is_some_and(|w| WorkRegime::parse(w).is_none())
    {
        return Err(invalid(
            "work_regime is full_time, part_time, shift, rotational or remote",
        ));
    }
    if r.skills.len() > 50
        || r.skills
            .iter()
            .chain(&r.languages)
            .any(|s| s.chars().count() > 100)
    {
        return Err(invalid("at most 50 skills of at most 100 characters"));
    }
    if r.locality_code.len() != 9 || !r.locality_code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("locality_code is 9 digits"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    for code in &r.occupation_codes {
        if !reference::occupation_exists(&mut tx, code).await? {
            return Err(ApiError::new("unknown_occupation").with("occupation_code", code.clone()));
        }
    }
    resumes::upsert(&mut tx, account_id, &r, now).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            at: now,
            actor_id: Some(account_id),
            action: "upsert",
            entity: "resume",
            entity_id: account_id,
            before: None,
            after: Some(serde_json::json!({ "occupation_codes": r.occupation_codes, "published": r.published })),
        },
    )
    .await?;
    tx.commit().await?;
    let active = registrations::latest_for_account(&state.db.pool, account_id, None)
        .await?
        .filter(|reg| {
            [Status::JobSeeker.as_str(), Status::Unemployed.as_str()].contains(&reg.status.as_str())
        });
    if let Some(reg) = active {
        crate::services::offers::after_registration(state, &reg.id).await?;
    }
    Ok(r)
}

pub(crate) fn seeker(r: &Resume) -> Seeker {
    Seeker {
        occupations: r
            .occupation_codes
            .iter()
            .filter_map(|c| Occupation::parse(c))
            .collect(),
        experience_years: r.experience_years,
        education_level: r.education_level.as_deref().and_then(EducationLevel::parse),
        skills: r.skills.clone(),
        desired_salary: r.desired_salary,
        work_regime: r.work_regime.as_deref().and_then(WorkRegime::parse),
        locality_code: r.locality_code.clone(),
        willing_to_relocate: r.willing_to_relocate,
    }
}

pub(crate) fn opening(v: &Vacancy) -> Option<Opening> {
    Some(Opening {
        occupation: Occupation::parse(&v.occupation_code)?,
        salary_from: u64::try_from(v.salary_from).ok()?,
        salary_to: v.salary_to.and_then(|s| u64::try_from(s).ok()),
        work_regime: WorkRegime::parse(&v.work_regime)?,
        education_level: v.education_level.as_deref().and_then(EducationLevel::parse),
        experience_years: v.experience_years.and_then(|y| u32::try_from(y).ok()),
        skills: v.skills.clone(),
        locality_code: v.locality_code.clone(),
    })
}

/// Open vacancies suitable for the caller's resume, best first (214 p.36, p.77).
pub async fn vacancies_for(state: &AppState, account_id: &str) -> ApiResult<Vec<(Vacancy, Match)>> {
    let resume = resumes::by_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| ApiError::new("no_resume"))?;
    let s = seeker(&resume);
    let today = local_date(state.clock.now());
    let mut found: Vec<(Vacancy, Match)> = employers::open_vacancies(&state.db.pool, today)
        .await?
        .into_iter()
        .filter_map(|v| {
            let m = score(&s, &opening(&v)?)?;
            Some((v, m))
        })
        .collect();
    found.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then(b.0.posted_at.cmp(&a.0.posted_at))
    });
    found.truncate(TOP);
    Ok(found)
}

/// A person suitable for a vacancy, as the career center sees them before any offer.
pub struct Candidate {
    pub account_id: String,
    /// The person's active registration, if any (job seeker or unemployed).
    pub registration_id: Option<String>,
    pub status: Option<String>,
    pub matched: Match,
}

/// People suitable for a vacancy, best first (214 p.69–70): job seekers, the unemployed and
/// self-registered portal users with a resume.
pub async fn candidates_for(state: &AppState, v: &Vacancy) -> ApiResult<Vec<Candidate>> {
    let Some(o) = opening(v) else {
        return Ok(Vec::new());
    };
    let district = v.locality_code.get(..3).unwrap_or_default();
    let anywhere = o.work_regime == WorkRegime::Remote;
    let mut found = Vec::new();
    for (account_id, resume) in resumes::reaching(&state.db.pool, district, anywhere).await? {
        let Some(matched) = score(&seeker(&resume), &o) else {
            continue;
        };
        let active = registrations::latest_for_account(&state.db.pool, &account_id, None)
            .await?
            .filter(|r| {
                [Status::JobSeeker.as_str(), Status::Unemployed.as_str()]
                    .contains(&r.status.as_str())
            });
        found.push(Candidate {
            registration_id: active.as_ref().map(|r| r.id.clone()),
            status: active.map(|r| r.status),
            account_id,
            matched,
        });
    }
    found.sort_by_key(|c| std::cmp::Reverse(c.matched.score));
    found.truncate(TOP);
    Ok(found)
}
