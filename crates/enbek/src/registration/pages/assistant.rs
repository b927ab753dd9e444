//! The rural assistant's desk (214 p.20): the form to forward a resident's application to the
//! district's career center (`forwardJobSeekerApplication`, through the same checks and use
//! case) and the notices that reached the district for its residents
//! (`listAssistantNotifications`: forwarded applications, decisions, offers and
//! deregistrations, 214 p.52, 214 p.71, 214 p.73), newest first, in pages. The reading is audited
//! by the use case; no IIN is shown.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use serde::Deserialize;

use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::registration::http::registration::forward_for_resident;
use crate::registration::pages::desk::{application_of, Check, DeskForm};
use crate::registration::service::registration::assistant_notices;
use crate::web::form::{with_errors, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// Notices on one page of the list.
const PER_PAGE: usize = 10;
/// The most the use case lists.
const MOST: usize = 500;

fn assistant(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&[Role::Assistant]).or_page()?;
    Ok(caller)
}

/// A notice in the list.
pub struct Item {
    pub when: String,
    pub person: String,
    pub subject: String,
    pub text: String,
}

#[derive(askama::Template)]
#[template(path = "registration/assistant/desk.html")]
struct AssistantPage {
    f: Frame,
    sent: bool,
    fields: Vec<Field>,
    checks: Vec<Check>,
    errors: FormErrors,
    items: Vec<Item>,
    previous: Option<String>,
    next: Option<String>,
    page_of: String,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    sent: Option<String>,
}

fn fields(tr: &Tr, form: &DeskForm, errors: &FormErrors) -> (Vec<Field>, Vec<Check>) {
    let fields = vec![
        Field::new("iin", tr.t("desk-iin"), "numeric", &form.iin).hint(tr.t("assistant-iin-hint")),
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
    ];
    let check = |id: &'static str, label: &str, value: &Option<String>| Check {
        id,
        label: tr.t(label),
        checked: value.is_some(),
    };
    let checks = vec![
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
    ];
    (with_errors(fields, errors), checks)
}

async fn desk_page(
    state: &AppState,
    page: Page,
    number: usize,
    sent: bool,
    form: &DeskForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = assistant(&page)?;
    let tr = page.tr();
    let number = number.max(1);
    let wanted = (number * PER_PAGE + 1).min(MOST);
    let notices = assistant_notices(state, caller, i64::try_from(wanted).unwrap_or(500))
        .await
        .or_page()?;
    let more = notices.len() > number * PER_PAGE;
    let items: Vec<Item> = notices
        .into_iter()
        .skip((number - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|n| Item {
            when: tr.date(n.notification.created_at.date_naive()),
            person: n.person_name.unwrap_or_default(),
            subject: n.notification.subject,
            text: n.notification.text,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (fields, checks) = fields(&tr, form, &errors);
    let html = render(&AssistantPage {
        sent,
        fields,
        checks,
        errors,
        items,
        previous: (number > 1).then(|| format!("/assistant?page={}", number - 1)),
        next: more.then(|| format!("/assistant?page={}", number + 1)),
        page_of: tr.with1("assistant-page", "page", &number.to_string()),
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The assistant's desk: the form and the district's notices.
pub async fn desk(
    State(state): State<AppState>,
    page: Page,
    PageQuery(query): PageQuery<ListQuery>,
) -> PageResult<Response> {
    let number = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .min(MOST / PER_PAGE);
    let sent = query.sent.is_some();
    desk_page(
        &state,
        page,
        number,
        sent,
        &DeskForm::default(),
        FormErrors::new(),
    )
    .await
}

/// The field of the form a refusal of the use case concerns.
fn field_of(code: &str) -> &'static str {
    match code {
        "invalid_phone" => "phone",
        "invalid_email" => "email",
        "consent_required" => "personal_data_consent",
        _ => "iin",
    }
}

/// Forwards the application; the desk then says so and lists it.
pub async fn forward(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<DeskForm>,
) -> PageResult<Response> {
    let caller = assistant(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let mut body = application_of(&form, &tr, &mut errors);
    body.temporary_stay = None;
    if errors.is_empty() {
        match forward_for_resident(&state, &caller, body).await.or_page() {
            Ok(_) => return Ok(Redirect::to("/assistant?sent=1").into_response()),
            Err(e) if e.status().is_client_error() => {
                errors.problem(field_of(e.code()), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    desk_page(&state, page, 1, false, &form, errors).await
}
