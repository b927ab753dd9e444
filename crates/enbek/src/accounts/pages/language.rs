//! The language switch: the visitor's choice is remembered in a cookie on this browser, and a
//! signed-in person's account keeps it too (as `updateMe`), so their pages on any browser and
//! every notice written to them from then on are in it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::service::accounts as service;
use crate::platform::state::AppState;
use crate::web::visit::{set_cookie, LANG_COOKIE, LANG_MAX_AGE};
use crate::web::{local_path, CsrfForm, Lang, OrPage, Page, PageError, PageResult};

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Switches the language, then goes back to the page the switch was used on.
pub async fn switch(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> PageResult<Response> {
    let lang = Lang::parse(&form.lang).ok_or_else(PageError::bad_request)?;
    if let Some(caller) = &page.caller {
        service::set_locale(&state, &caller.account_id, lang)
            .await
            .or_page()?;
    }
    let mut response = Redirect::to(&local_path(&form.next)).into_response();
    set_cookie(
        &mut response,
        LANG_COOKIE,
        lang.as_str(),
        Some(LANG_MAX_AGE),
        page.visit.secure,
    );
    Ok(response)
}
