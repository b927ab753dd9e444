//! Registration at the career center's desk (`registerJobSeekerInPerson`, 214 p.5, 214 p.7): a
//! specialist registers a person who came with their ID document, through the same checks and
//! use case as the API. A registered person's card is linked; a refusal gives the notice of
//! 214 App.3 (the ground with its point of law, in the reader's language, to print and hand
//! over), as does the review of a forwarded application.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::registration::Status;
use serde::Deserialize;

use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::state::AppState;
use crate::reference::interface::lookup;
use crate::registration::http::registration::{
    register_at_desk, JobSeekerApplication, TemporaryStayForm,
};
use crate::registration::service::papers::person_name;
use crate::registration::service::registration::{with_stages, Shown};
use crate::registration::store::persons;
use crate::web::form::{with_errors, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// The signed-in career-center specialist: a visitor is asked to sign in, anyone else refused.
pub(super) fn specialist(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
    Ok(caller)
}

/// The desk's form as sent (every value as text; an unticked box is absent).
#[derive(Deserialize, Default)]
pub struct DeskForm {
    #[serde(default)]
    pub iin: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub stay_address: String,
    #[serde(default)]
    pub stay_until: String,
    #[serde(default)]
    pub personal_data_consent: Option<String>,
    #[serde(default)]
    pub publish_resume: Option<String>,
    #[serde(default)]
    pub outsourcing_consent: Option<String>,
    #[serde(default)]
    pub representative_statement: Option<String>,
}

/// The person's fields of an application taken for them (at the desk, or by a rural
/// assistant): the IIN (with the hint `iin_hint`), names, birth date and contacts.
pub(super) fn person_fields(tr: &Tr, form: &DeskForm, iin_hint: &str) -> Vec<Field> {
    vec![
        Field::new("iin", tr.t("desk-iin"), "numeric", &form.iin).hint(tr.t(iin_hint)),
        Field::new("last_name", tr.t("desk-last-name"), "text", &form.last_name),
        Field::new(
            "first_name",
            tr.t("desk-first-name"),
            "text",
            &form.first_name,
        ),
        Field::new(
            "birth_date",
            tr.t("desk-birth-date"),
            "date",
            &form.birth_date,
        )
        .hint(tr.t("desk-identity-hint")),
        Field::new("phone", tr.t("desk-phone"), "tel", &form.phone).hint(tr.t("desk-phone-hint")),
        Field::new("email", tr.t("desk-email"), "email", &form.email),
    ]
}

/// The consents and statements of an application taken for a person (214 App.1).
pub(super) fn consent_checks(tr: &Tr, form: &DeskForm) -> Vec<Check> {
    let check = |id: &'static str, label: &str, value: &Option<String>| Check {
        id,
        label: tr.t(label),
        checked: value.is_some(),
    };
    vec![
        check(
            "personal_data_consent",
            "desk-consent-personal-data",
            &form.personal_data_consent,
        ),
        check(
            "publish_resume",
            "desk-consent-publish",
            &form.publish_resume,
        ),
        check(
            "outsourcing_consent",
            "desk-consent-outsourcing",
            &form.outsourcing_consent,
        ),
        check(
            "representative_statement",
            "desk-representative-statement",
            &form.representative_statement,
        ),
    ]
}

/// A check box of the form.
pub struct Check {
    pub id: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/desk.html")]
struct DeskPage {
    f: Frame,
    person: Vec<Field>,
    stay: Vec<Field>,
    checks: Vec<Check>,
    errors: FormErrors,
}

fn desk_page(tr: &Tr, frame: Frame, form: &DeskForm, errors: FormErrors) -> DeskPage {
    let person = person_fields(tr, form, "desk-iin-hint");
    let stay = vec![
        Field::new(
            "stay_address",
            tr.t("desk-stay-address"),
            "text",
            &form.stay_address,
        )
        .hint(tr.t("desk-stay-hint")),
        Field::new(
            "stay_until",
            tr.t("desk-stay-until"),
            "date",
            &form.stay_until,
        ),
    ];
    let checks = consent_checks(tr, form);
    DeskPage {
        person: with_errors(person, &errors),
        stay: with_errors(stay, &errors),
        checks,
        errors,
        f: frame,
    }
}

/// The desk's form.
pub async fn form(page: Page) -> PageResult<Response> {
    specialist(&page)?;
    let tr = page.tr();
    render(&desk_page(
        &tr,
        page.frame,
        &DeskForm::default(),
        FormErrors::new(),
    ))
}

/// The field of the form a refusal of the use case concerns.
fn field_of(code: &str) -> &'static str {
    match code {
        "invalid_phone" => "phone",
        "invalid_email" => "email",
        "consent_required" => "personal_data_consent",
        "residence_reason_required" => "stay_address",
        "invalid_date" => "stay_until",
        "invalid_value" => "stay_address",
        _ => "iin",
    }
}

/// A date typed in a field: none when empty, an error next to the field when not a date.
pub(super) fn date_in(
    value: &str,
    field: &str,
    errors: &mut FormErrors,
    tr: &Tr,
) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, tr.t("desk-invalid-date"));
            None
        }
    }
}

pub(super) fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The form's answers as the API takes them; the dates that are no dates are said next to
/// their fields.
pub(super) fn application_of(
    form: &DeskForm,
    tr: &Tr,
    errors: &mut FormErrors,
) -> JobSeekerApplication {
    if form.iin.trim().is_empty() {
        errors.add("iin", tr.t("desk-required-iin"));
    }
    if form.phone.trim().is_empty() {
        errors.add("phone", tr.t("desk-required-phone"));
    }
    if form.personal_data_consent.is_none() {
        errors.add("personal_data_consent", tr.t("error-consent_required"));
    }
    let birth_date = date_in(&form.birth_date, "birth_date", errors, tr);
    let until = date_in(&form.stay_until, "stay_until", errors, tr);
    JobSeekerApplication {
        iin: form.iin.trim().to_string(),
        career_center_id: None,
        phone: form.phone.clone(),
        email: optional(&form.email),
        publish_resume: form.publish_resume.is_some(),
        outsourcing_consent: form.outsourcing_consent.is_some(),
        personal_data_consent: form.personal_data_consent.is_some(),
        representative_statement: form.representative_statement.is_some(),
        education_level: None,
        experience_years: None,
        occupation_codes: Vec::new(),
        lang: Some(tr.lang),
        last_name: optional(&form.last_name),
        first_name: optional(&form.first_name),
        birth_date,
        temporary_stay: optional(&form.stay_address)
            .map(|address| TemporaryStayForm { address, until }),
    }
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/desk_done.html")]
struct DonePage {
    f: Frame,
    number: String,
    status: String,
    card: Option<String>,
}

/// Registers the person; shows the result, the refusal notice, or the form with its errors.
pub async fn register(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<DeskForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let body = application_of(&form, &tr, &mut errors);
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        match register_at_desk(&state, &caller, body).await.or_page() {
            Ok(shown) => return decided(&state, page, shown).await,
            Err(e) if e.status().is_client_error() => {
                status = e.status();
                errors.problem(field_of(e.code()), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let html = render(&desk_page(&tr, page.frame, &form, errors))?;
    Ok((status, html).into_response())
}

/// What a decided application shows: the refusal notice, else the status reached and the card.
pub(super) async fn decided(state: &AppState, page: Page, shown: Shown) -> PageResult<Response> {
    if shown.refusal_notice.is_some() {
        return notice_page(state, page, &shown).await;
    }
    let tr = page.tr();
    let r = &shown.registration;
    let html = render(&DonePage {
        number: r.id.clone(),
        status: tr.t(&format!("desk-status-{}", r.status.as_str())),
        card: (r.person_id.is_some() && r.status != Status::Verifying)
            .then(|| format!("/workspace/registrations/{}", r.id)),
        f: page.frame,
    })?;
    Ok((StatusCode::CREATED, html).into_response())
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/notice.html")]
struct NoticePage {
    f: Frame,
    title: String,
    form: String,
    number: String,
    center: String,
    person: String,
    ground: String,
    basis: String,
    issued: String,
    back: String,
}

/// The notice of refusal (214 App.3; 214 App.6 for registration as unemployed) a refused
/// registration carries, in the reader's language.
pub(super) async fn notice_page(
    state: &AppState,
    page: Page,
    shown: &Shown,
) -> PageResult<Response> {
    let Some(notice) = &shown.refusal_notice else {
        return Err(crate::web::PageError::not_found());
    };
    let tr = page.tr();
    let r = &shown.registration;
    let center = lookup::organization_by_id(&state.db.pool, &r.career_center_id)
        .await
        .or_page()?
        .map(|o| o.name(tr.lang).to_string())
        .unwrap_or_default();
    let presented = [
        r.application.presented_last_name.clone(),
        r.application.presented_first_name.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let person = if presented.is_empty() {
        match &r.person_id {
            Some(id) => persons::by_id(&state.db.pool, id)
                .await
                .or_page()?
                .map(|p| person_name(&p))
                .unwrap_or_default(),
            None => String::new(),
        }
    } else {
        presented
    };
    let html = render(&NoticePage {
        title: tr.t(if notice.form == "App.6" {
            "notice-title-unemployed"
        } else {
            "notice-title-job-seeker"
        }),
        form: notice.form.to_string(),
        number: r.id.clone(),
        center,
        person,
        ground: notice.ground.get(tr.lang).to_string(),
        basis: notice.legal_basis.to_string(),
        issued: tr.date(notice.issued_on),
        back: if page.caller.as_ref().is_some_and(|c| c.does_casework()) {
            "/workspace".to_string()
        } else {
            "/".to_string()
        },
        f: page.frame,
    })?;
    Ok(html)
}

/// The refusal notice of a refused registration, for the caseworkers who may see it (the read
/// is audited by the use case).
pub async fn notice(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    caller.require(&CASEWORK).or_page()?;
    let (shown, _) = with_stages(&state, caller, &id).await.or_page()?;
    notice_page(&state, page, &shown).await
}
