//! The employer's subsidised jobs (206 p.31.3): the applications, a new one, and each one's
//! participants and monthly attendance. The same use cases as the API's
//! `createSubsidisedJobApplication`, `addSubsidisedParticipant` and `recordSubsidisedAttendance`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use enbek_domain::measures::subsidised::Measure;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::measures::http::subsidised::{new_application, ApplicationRequest};
use crate::measures::service::subsidised as service;
use crate::platform::state::AppState;
use crate::reference::interface::occupation_names;
use crate::web::form::{with_errors, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageError, PageResult, Tr};

fn required(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) {
    if value.trim().is_empty() {
        errors.add(field, tr.t("measures-required"));
    }
}

fn number<T: std::str::FromStr>(
    value: &str,
    field: &str,
    errors: &mut FormErrors,
    tr: &Tr,
) -> Option<T> {
    let digits = value.trim().replace([' ', '\u{a0}'], "");
    if digits.is_empty() {
        return None;
    }
    let n = digits.parse().ok();
    if n.is_none() {
        errors.add(field, tr.t("measures-not-a-number"));
    }
    n
}

fn date(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
    if d.is_none() && !errors.has(field) {
        errors.add(field, tr.t("measures-not-a-date"));
    }
    d
}

/// A refusal in this page's words when it has its own (`measures-error-<code>`), next to
/// `field` or the field the problem names.
fn add_refusal(errors: &mut FormErrors, field: &str, e: &PageError, tr: &Tr) {
    let own = format!("measures-error-{}", e.code());
    let message = if tr.has(&own) {
        tr.t(&own)
    } else {
        e.message(tr)
    };
    errors.add(e.field().unwrap_or(field), message);
}

/// An application as the list shows it.
struct ApplicationRow {
    id: String,
    measure: String,
    places: String,
    pay: String,
    period: String,
}

#[derive(askama::Template)]
#[template(path = "measures/subsidised.html")]
struct ApplicationsPage {
    f: Frame,
    applications: Vec<ApplicationRow>,
    fields: Vec<Field>,
    errors: FormErrors,
}

/// The application form as sent.
#[derive(Deserialize, Default)]
pub struct ApplicationForm {
    #[serde(default)]
    measure: String,
    #[serde(default)]
    places: String,
    #[serde(default)]
    occupation_code: String,
    #[serde(default)]
    monthly_pay: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    contact_person: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    locality_code: String,
}

fn period(tr: &Tr, from: NaiveDate, to: NaiveDate) -> String {
    tr.with(
        "measures-period",
        &[
            ("from", FluentValue::from(tr.date(from))),
            ("to", FluentValue::from(tr.date(to))),
        ],
    )
}

async fn applications_page(
    state: &AppState,
    page: Page,
    form: ApplicationForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let applications = service::own_applications(state, caller).await.or_page()?;
    let occupation_list = occupation_names(state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let measures = Measure::ALL
        .iter()
        .map(|m| {
            (
                m.code().to_string(),
                tr.t(&format!("measures-measure-{}", m.code())),
            )
        })
        .collect();
    let inputs = vec![
        Field::new(
            "measure",
            tr.t("measures-field-measure"),
            "select",
            &form.measure,
        )
        .choose_from(measures),
        Field::new(
            "places",
            tr.t("measures-field-places"),
            "numeric",
            &form.places,
        ),
        Field::new(
            "occupation_code",
            tr.t("measures-field-occupation"),
            "select",
            &form.occupation_code,
        )
        .choose_from(occupation_list),
        Field::new(
            "monthly_pay",
            tr.t("measures-field-monthly-pay"),
            "numeric",
            &form.monthly_pay,
        ),
        Field::new(
            "starts_on",
            tr.t("measures-field-starts-on"),
            "date",
            &form.starts_on,
        ),
        Field::new(
            "ends_on",
            tr.t("measures-field-ends-on"),
            "date",
            &form.ends_on,
        ),
        Field::new(
            "contact_person",
            tr.t("measures-field-contact-person"),
            "text",
            &form.contact_person,
        ),
        Field::new(
            "contact_phone",
            tr.t("measures-field-contact-phone"),
            "tel",
            &form.contact_phone,
        )
        .hint(tr.t("measures-field-contact-phone-hint")),
        Field::new(
            "locality_code",
            tr.t("measures-field-locality"),
            "numeric",
            &form.locality_code,
        )
        .hint(tr.t("measures-field-locality-hint")),
    ];
    render(&ApplicationsPage {
        applications: applications
            .into_iter()
            .map(|a| ApplicationRow {
                measure: tr.t(&format!("measures-measure-{}", a.measure.code())),
                places: tr.number(a.places),
                pay: tr.money(a.monthly_pay),
                period: period(&tr, a.starts_on, a.ends_on),
                id: a.id,
            })
            .collect(),
        fields: with_errors(inputs, &errors),
        errors,
        f: page.frame,
    })
}

/// The employer's subsidised-job applications and the form of a new one.
pub async fn applications(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    applications_page(&state, page, ApplicationForm::default(), FormErrors::new()).await
}

/// Applies for subsidised jobs (`createSubsidisedJobApplication`); what is wrong comes back
/// next to its field.
pub async fn apply(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ApplicationForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    for (value, field) in [
        (&form.places, "places"),
        (&form.monthly_pay, "monthly_pay"),
        (&form.starts_on, "starts_on"),
        (&form.ends_on, "ends_on"),
        (&form.contact_person, "contact_person"),
        (&form.contact_phone, "contact_phone"),
        (&form.locality_code, "locality_code"),
    ] {
        required(value, field, &mut errors, &tr);
    }
    let places = number::<u32>(&form.places, "places", &mut errors, &tr);
    let pay = number::<u64>(&form.monthly_pay, "monthly_pay", &mut errors, &tr);
    let starts_on = date(&form.starts_on, "starts_on", &mut errors, &tr);
    let ends_on = date(&form.ends_on, "ends_on", &mut errors, &tr);
    if let (Some(places), Some(pay), Some(starts_on), Some(ends_on), true) =
        (places, pay, starts_on, ends_on, errors.is_empty())
    {
        let request = ApplicationRequest {
            measure: form.measure.trim().to_string(),
            places,
            occupation_code: form.occupation_code.trim().to_string(),
            monthly_pay: pay,
            starts_on,
            ends_on,
            contact_person: form.contact_person.clone(),
            contact_phone: form.contact_phone.trim().to_string(),
            locality_code: form.locality_code.trim().to_string(),
        };
        let applied = match new_application(request) {
            Ok(new) => service::apply(&state, &caller, new).await.or_page(),
            Err(e) => Err(e).or_page(),
        };
        match applied {
            Ok(a) => {
                return Ok(Redirect::to(&format!("/employer/subsidised/{}", a.id)).into_response())
            }
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                let field = match e.code() {
                    "invalid_date" => "ends_on",
                    "invalid_phone" => "contact_phone",
                    "unknown_occupation" => "occupation_code",
                    "unknown_territory" => "locality_code",
                    _ => "places",
                };
                add_refusal(&mut errors, field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        applications_page(&state, page, form, errors).await?,
    )
        .into_response())
}

/// A participant with their attendance, month by month.
struct ParticipantRow {
    iin: String,
    months: Vec<String>,
}

#[derive(askama::Template)]
#[template(path = "measures/application.html")]
struct ApplicationPage {
    f: Frame,
    id: String,
    measure: String,
    places: String,
    pay: String,
    period: String,
    participants: Vec<ParticipantRow>,
    participant_input: Vec<Field>,
    attendance_inputs: Vec<Field>,
    errors: FormErrors,
}

/// What a sent-back form of the application's page carries.
#[derive(Default)]
struct Typed {
    iin: String,
    participant: String,
    month: String,
    worked: String,
    absent: String,
}

async fn application_page(
    state: &AppState,
    page: Page,
    id: &str,
    typed: Typed,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let (application, participants, attendance) = service::own_application(state, caller, id)
        .await
        .or_page()?;
    let rows: Vec<ParticipantRow> = participants
        .iter()
        .map(|p| ParticipantRow {
            iin: p.iin.clone(),
            months: attendance
                .iter()
                .filter(|a| a.participant_id == p.id)
                .map(|a| {
                    tr.with(
                        "measures-attendance-month",
                        &[
                            ("month", FluentValue::from(a.month.clone())),
                            ("worked", FluentValue::from(a.days_worked)),
                            ("absent", FluentValue::from(a.days_absent)),
                        ],
                    )
                })
                .collect(),
        })
        .collect();
    let choices = participants
        .iter()
        .map(|p| (p.id.clone(), p.iin.clone()))
        .collect();
    let participant_input =
        vec![
            Field::new("iin", tr.t("measures-field-iin"), "numeric", &typed.iin)
                .hint(tr.t("measures-field-iin-hint")),
        ];
    let attendance_inputs = vec![
        Field::new(
            "participant_id",
            tr.t("measures-field-participant"),
            "select",
            &typed.participant,
        )
        .choose_from(choices),
        Field::new("month", tr.t("measures-field-month"), "text", &typed.month)
            .hint(tr.t("measures-field-month-hint")),
        Field::new(
            "days_worked",
            tr.t("measures-field-days-worked"),
            "numeric",
            &typed.worked,
        ),
        Field::new(
            "days_absent",
            tr.t("measures-field-days-absent"),
            "numeric",
            &typed.absent,
        ),
    ];
    render(&ApplicationPage {
        id: application.id.clone(),
        measure: tr.t(&format!("measures-measure-{}", application.measure.code())),
        places: tr.number(application.places),
        pay: tr.money(application.monthly_pay),
        period: period(&tr, application.starts_on, application.ends_on),
        participants: rows,
        participant_input: with_errors(participant_input, &errors),
        attendance_inputs: with_errors(attendance_inputs, &errors),
        errors,
        f: page.frame,
    })
}

/// The employer's own application with its participants and their attendance; another
/// employer's is refused (403).
pub async fn application(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    application_page(&state, page, &id, Typed::default(), FormErrors::new()).await
}

#[derive(Deserialize)]
pub struct ParticipantForm {
    #[serde(default)]
    iin: String,
}

/// Adds a participant by IIN, as on the labour contract (`addSubsidisedParticipant`).
pub async fn add_participant(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ParticipantForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    required(&form.iin, "iin", &mut errors, &tr);
    if errors.is_empty() {
        match service::add_participant_to_own(&state, &caller, &id, form.iin.trim())
            .await
            .or_page()
        {
            Ok(_) => return Ok(Redirect::to(&format!("/employer/subsidised/{id}")).into_response()),
            Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
                add_refusal(&mut errors, "iin", &e, &tr)
            }
            Err(e) => return Err(e),
        }
    }
    let typed = Typed {
        iin: form.iin,
        ..Typed::default()
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        application_page(&state, page, &id, typed, errors).await?,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct AttendanceForm {
    #[serde(default)]
    participant_id: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    days_worked: String,
    #[serde(default)]
    days_absent: String,
}

/// Records a participant's month (`recordSubsidisedAttendance`, 206 p.31.3); a month recorded
/// again is replaced.
pub async fn record_attendance(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AttendanceForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    required(&form.participant_id, "participant_id", &mut errors, &tr);
    required(&form.month, "month", &mut errors, &tr);
    required(&form.days_worked, "days_worked", &mut errors, &tr);
    let worked = number::<i64>(&form.days_worked, "days_worked", &mut errors, &tr);
    let absent = number::<i64>(&form.days_absent, "days_absent", &mut errors, &tr);
    if let (Some(worked), true) = (worked, errors.is_empty()) {
        let recorded = service::record_attendance_at_own(
            &state,
            &caller,
            &id,
            form.participant_id.trim(),
            form.month.trim(),
            worked,
            absent.unwrap_or(0),
        )
        .await
        .or_page();
        match recorded {
            Ok(_) => return Ok(Redirect::to(&format!("/employer/subsidised/{id}")).into_response()),
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                let field = if e.code() == "invalid_date" {
                    "month"
                } else {
                    "days_worked"
                };
                add_refusal(&mut errors, field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    let typed = Typed {
        participant: form.participant_id,
        month: form.month,
        worked: form.days_worked,
        absent: form.days_absent,
        ..Typed::default()
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        application_page(&state, page, &id, typed, errors).await?,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn every_measure_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for m in Measure::ALL {
                let id = format!("measures-measure-{}", m.code());
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
