//! The application to register as a job seeker (214 App.1 to the requirements list) with its
//! consents, through the same checks and use case as `applyJobSeeker`. The IIN is the one the
//! account has proven; it is never asked for again nor put into an address.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::OrgKind;
use serde::Deserialize;

use crate::platform::state::AppState;
use crate::reference::interface::lookup;
use crate::registration::http::registration::{apply_on_portal, JobSeekerApplication};
use crate::registration::pages::to_sign_in;
use crate::web::{render, CsrfForm, FormErrors, Frame, Lang, OrPage, Page, PageResult};

/// A career center to choose.
pub struct Center {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(askama::Template)]
#[template(path = "registration/application.html")]
struct ApplicationPage {
    f: Frame,
    proven: bool,
    centers: Vec<Center>,
    form: ApplicationForm,
    errors: FormErrors,
}

/// The form as sent (every value as text; an unticked box is absent).
#[derive(Deserialize, Default)]
pub struct ApplicationForm {
    #[serde(default)]
    pub career_center_id: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub publish_resume: Option<String>,
    #[serde(default)]
    pub outsourcing_consent: Option<String>,
    #[serde(default)]
    pub personal_data_consent: Option<String>,
}

async fn centers(state: &AppState, lang: Lang, chosen: &str) -> PageResult<Vec<Center>> {
    let all = lookup::organizations(&state.db.pool, Some(OrgKind::CareerCenter.as_str()), None)
        .await
        .or_page()?;
    let mut centers: Vec<Center> = all
        .into_iter()
        .filter(|o| o.kind == OrgKind::CareerCenter)
        .map(|o| Center {
            selected: o.id == chosen,
            name: o.name(lang).to_string(),
            id: o.id,
        })
        .collect();
    centers.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(centers)
}

/// The application form.
pub async fn form(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    render(&ApplicationPage {
        proven: caller.iin.is_some(),
        centers: centers(&state, page.tr().lang, "").await?,
        form: ApplicationForm::default(),
        errors: FormErrors::new(),
        f: page.frame,
    })
}

/// The field of the form a refusal of the use case concerns.
fn field_of(code: &str) -> &'static str {
    match code {
        "invalid_phone" => "phone",
        "invalid_email" => "email",
        "consent_required" => "personal_data_consent",
        _ => "career_center_id",
    }
}

/// Applies; the cabinet's home then shows the decision (or that the registries are asked).
pub async fn apply(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ApplicationForm>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.clone() else {
        return Ok(to_sign_in());
    };
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if form.career_center_id.trim().is_empty() {
        errors.add("career_center_id", tr.t("application-required-center"));
    }
    if form.phone.trim().is_empty() {
        errors.add("phone", tr.t("application-required-phone"));
    }
    if form.personal_data_consent.is_none() {
        errors.add("personal_data_consent", tr.t("error-consent_required"));
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let body = JobSeekerApplication {
            // The proven IIN; without one the use case refuses (identity_not_proven).
            iin: caller.iin.clone().unwrap_or_default(),
            career_center_id: Some(form.career_center_id.trim().to_string()),
            phone: form.phone.clone(),
            email: Some(form.email.clone()),
            publish_resume: form.publish_resume.is_some(),
            outsourcing_consent: form.outsourcing_consent.is_some(),
            personal_data_consent: true,
            representative_statement: false,
            education_level: None,
            experience_years: None,
            occupation_codes: Vec::new(),
            lang: Some(tr.lang),
            last_name: None,
            first_name: None,
            birth_date: None,
            temporary_stay: None,
        };
        match apply_on_portal(&state, &caller, body).await.or_page() {
            Ok(_) => return Ok(Redirect::to("/cabinet").into_response()),
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                errors.problem(field_of(e.code()), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let html = render(&ApplicationPage {
        proven: caller.iin.is_some(),
        centers: centers(&state, tr.lang, form.career_center_id.trim()).await?,
        form,
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}
