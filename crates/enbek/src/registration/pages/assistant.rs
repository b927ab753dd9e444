//! The rural assistant's desk (214 p.20): the form to forward a resident's application to the
//! district's career center (`forwardJobSeekerApplication`, through the same checks and use
//! case) and the notices that reached the district for its residents
//! (`listAssistantNotifications`: forwarded applications, decisions, offers and
//! deregistrations, 214 p.52, 214 p.71, 214 p.73), newest first, in pages. The reading is audited
//! by the use case; no IIN is shown.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use serde::Deserialize;

use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::registration::http::registration::forward_for_resident;
use crate::registration::pages::desk::{
    application_of, consent_checks, person_fields, Check, DeskForm,
};
use crate::registration::service::registration::assistant_notices;
use crate::web::form::{with_errors, Field};
use crate::web::paging::{page_href, page_of, Pager};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// Notices on one page of the list.
const PER_PAGE: i64 = 10;
/// The most the use case lists.
const MOST: i64 = 500;

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
    pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
    #[serde(default)]
    sent: Option<String>,
}

fn fields(tr: &Tr, form: &DeskForm, errors: &FormErrors) -> (Vec<Field>, Vec<Check>) {
    (
        with_errors(person_fields(tr, form, "assistant-iin-hint"), errors),
        consent_checks(tr, form),
    )
}

async fn desk_page(
    state: &AppState,
    page: Page,
    number: &str,
    sent: bool,
    form: &DeskForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = assistant(&page)?;
    let tr = page.tr();
    let notices = assistant_notices(state, caller, MOST).await.or_page()?;
    let (shown, number, total) = page_of(notices, number, PER_PAGE);
    let items: Vec<Item> = shown
        .into_iter()
        .map(|n| Item {
            when: tr.date(n.notification.created_at.date_naive()),
            person: n.person_name.unwrap_or_default(),
            subject: n.notification.subject,
            text: n.notification.text,
        })
        .collect();
    let status = errors.status();
    let (fields, checks) = fields(&tr, form, &errors);
    let html = render(&AssistantPage {
        sent,
        fields,
        checks,
        errors,
        items,
        pager: Pager::new(&tr, total, number, PER_PAGE, |p| {
            page_href("/assistant", &[], p)
        }),
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
    desk_page(
        &state,
        page,
        &query.page,
        query.sent.is_some(),
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
    desk_page(&state, page, "1", false, &form, errors).await
}
