//! Mediation's part of the cabinet, continued: the resume editor and the suitable vacancies with
//! the reasons of each match (214 p.70), through the same use cases as `upsertMyResume`,
//! `getMyResume` and `listMyVacancyMatches`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::vacancy::{EducationLevel, WorkRegime};
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::mediation::http::matching::save_my_resume;
use crate::mediation::service::matching::{self as service, Resume};
use crate::platform::state::AppState;
use crate::reference::interface::occupation_names;
use crate::web::form::{choices, Choice};
use crate::web::paging::optional;
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// The resume form as sent or as stored, every value as text.
#[derive(Deserialize, Default)]
pub struct ResumeForm {
    #[serde(default)]
    occupation_code: String,
    #[serde(default)]
    experience_years: String,
    #[serde(default)]
    education_level: String,
    #[serde(default)]
    desired_salary: String,
    #[serde(default)]
    work_regime: String,
    #[serde(default)]
    locality_code: String,
    #[serde(default)]
    skills: String,
    #[serde(default)]
    published: Option<String>,
}

impl ResumeForm {
    fn of(r: &Resume) -> ResumeForm {
        ResumeForm {
            occupation_code: r.occupation_codes.first().cloned().unwrap_or_default(),
            experience_years: r.experience_years.to_string(),
            education_level: r.education_level.clone().unwrap_or_default(),
            desired_salary: r.desired_salary.map(|s| s.to_string()).unwrap_or_default(),
            work_regime: r.work_regime.clone().unwrap_or_default(),
            locality_code: r.locality_code.clone(),
            skills: r.skills.join(", "),
            published: r.published.then(|| "yes".to_string()),
        }
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/cabinet/resume.html")]
struct ResumePage {
    f: Frame,
    form: ResumeForm,
    occupations: Vec<Choice>,
    regimes: Vec<Choice>,
    educations: Vec<Choice>,
    saved: bool,
    errors: FormErrors,
}

/// Where a visitor who is not signed in is sent.
fn to_sign_in() -> Response {
    Redirect::to("/sign-in").into_response()
}

async fn resume_page(
    state: &AppState,
    f: Frame,
    form: ResumeForm,
    saved: bool,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = f.tr;
    let occupation_list = choices(
        occupation_names(state, tr.lang).await.or_page()?,
        &form.occupation_code,
    );
    let regimes = WorkRegime::ALL
        .iter()
        .map(|r| Choice {
            value: r.code().to_string(),
            label: tr.t(&format!("regime-{}", r.code())),
            selected: r.code() == form.work_regime,
        })
        .collect();
    let educations = EducationLevel::ALL
        .iter()
        .map(|e| Choice {
            value: e.code().to_string(),
            label: tr.t(&format!("education-{}", e.code())),
            selected: e.code() == form.education_level,
        })
        .collect();
    render(&ResumePage {
        f,
        form,
        occupations: occupation_list,
        regimes,
        educations,
        saved,
        errors,
    })
}

/// The resume editor, filled with the stored resume when there is one.
pub async fn resume(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    let form = match service::my_resume(&state, &caller.account_id)
        .await
        .or_page()
    {
        Ok(r) => ResumeForm::of(&r),
        Err(e) if e.code() == "no_resume" => ResumeForm::default(),
        Err(e) => return Err(e),
    };
    resume_page(&state, page.frame, form, false, FormErrors::new()).await
}

/// Saves the resume; matching then offers suitable work by it.
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ResumeForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if form.occupation_code.trim().is_empty() {
        errors.add("occupation_code", tr.t("resume-required-occupation"));
    }
    let experience_years = match form.experience_years.trim() {
        "" => 0,
        years => years.parse::<u32>().unwrap_or_else(|_| {
            errors.add("experience_years", tr.t("resume-not-a-number"));
            0
        }),
    };
    let desired_salary = optional(&form.desired_salary).and_then(|s| {
        s.replace([' ', '\u{a0}'], "")
            .parse::<u64>()
            .map_err(|_| errors.add("desired_salary", tr.t("resume-not-a-number")))
            .ok()
    });
    if form.locality_code.trim().is_empty() {
        errors.add("locality_code", tr.t("resume-required-locality"));
    }
    if errors.is_empty() {
        let resume = Resume {
            occupation_codes: vec![form.occupation_code.trim().to_string()],
            experience_years,
            education_level: optional(&form.education_level).map(String::from),
            skills: form
                .skills
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            desired_salary,
            work_regime: optional(&form.work_regime).map(String::from),
            locality_code: form.locality_code.trim().to_string(),
            languages: Vec::new(),
            willing_to_relocate: false,
            health_restrictions: Vec::new(),
            commute_km: None,
            published: form.published.is_some(),
        };
        match save_my_resume(&state, &caller, resume).await.or_page() {
            Ok(saved) => {
                return resume_page(
                    &state,
                    page.frame,
                    ResumeForm::of(&saved),
                    true,
                    FormErrors::new(),
                )
                .await
            }
            Err(e) if e.status().is_client_error() => {
                let field = match (e.code(), e.field()) {
                    ("unknown_occupation", _) => "occupation_code",
                    ("unknown_territory" | "unknown_locality", _) => "locality_code",
                    (_, Some("experience_years")) => "experience_years",
                    (_, Some("desired_salary")) => "desired_salary",
                    (_, Some("skills")) => "skills",
                    _ => "locality_code",
                };
                errors.problem(field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let response = resume_page(&state, page.frame, form, false, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, response).into_response())
}

/// A suitable vacancy with its score and reasons.
pub struct Suitable {
    pub id: String,
    pub title: String,
    pub employer: String,
    pub pay: String,
    pub score: String,
    pub reasons: Vec<String>,
}

#[derive(askama::Template)]
#[template(path = "mediation/cabinet/matches.html")]
struct MatchesPage {
    f: Frame,
    has_resume: bool,
    matches: Vec<Suitable>,
}

/// A reason of a match in words, with its points.
pub(super) fn reason(tr: &Tr, code: &str, points: u32) -> String {
    tr.with(
        "matches-reason",
        &[
            ("reason", FluentValue::from(tr.t(&format!("reason-{code}")))),
            ("points", FluentValue::from(points)),
        ],
    )
}

/// The vacancies that suit the resume, best first, each with the reasons of its match.
pub async fn matches(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    caller.require(&[Role::Citizen]).or_page()?;
    let tr = page.tr();
    let (has_resume, found) = match service::vacancy_matches(&state, &caller.account_id)
        .await
        .or_page()
    {
        Ok(found) => (true, found),
        Err(e) if e.code() == "no_resume" => (false, Vec::new()),
        Err(e) => return Err(e),
    };
    let matches = found
        .into_iter()
        .map(|(v, m)| Suitable {
            title: v.vacancy.title.clone(),
            employer: v.employer_name.clone(),
            pay: tr.pay(v.vacancy.salary_from, v.vacancy.salary_to),
            score: tr.with("matches-score", &[("score", FluentValue::from(m.score))]),
            reasons: m
                .reasons
                .iter()
                .map(|r| reason(&tr, r.code, r.points))
                .collect(),
            id: v.vacancy.id.clone(),
        })
        .collect();
    render(&MatchesPage {
        has_resume,
        matches,
        f: page.frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn every_reason_of_a_match_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for code in [
                "same_occupation",
                "same_unit_group",
                "same_minor_group",
                "same_sub_major_group",
                "experience",
                "skills",
                "same_locality",
                "pay",
            ] {
                assert!(
                    tr.has(&format!("reason-{code}")),
                    "{code} in {}",
                    lang.as_str()
                );
            }
        }
    }
}
