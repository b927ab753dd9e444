//! The person's documents in the cabinet (as `listMyDocuments`), each with its PDF in Kazakh and
//! in Russian and its verification page, and the download of a document's PDF — by its owner
//! from the cabinet, by casework staff from the employment card — through `service::pdf`: the
//! owner, staff whose scope reaches the issuing organisation (214 p.45), or the organisation the
//! document is addressed to; a read by staff or the addressee is audited.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::reference::office_hours::local_date;
use serde::Deserialize;

use super::{is_information_in_force, listed, Listed, Reader};
use crate::documents::service;
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::web::{render, Frame, Lang, OrPage, Page, PageError, PageQuery, PageResult};

#[derive(askama::Template)]
#[template(path = "documents/cabinet.html")]
struct CabinetPage {
    f: Frame,
    documents: Vec<Listed>,
    /// Whether to offer the 214 App.9 information: none in force is there.
    ask_info: bool,
}

/// The person's documents, newest first; the 214 App.9 information offered when none is in
/// force (its request is the registration's page, `/cabinet/registration`).
pub async fn list(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    let Some(caller) = page.caller.as_ref() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let docs = service::mine(&state, &caller.account_id).await.or_page()?;
    let today = local_date(state.clock.now());
    let ask_info = !docs.iter().any(|d| is_information_in_force(d, today));
    let documents = listed(&page.tr(), docs, today, Reader::Owner);
    render(&CabinetPage {
        documents,
        ask_info,
        f: page.frame,
    })
}

/// The language of the file asked for.
#[derive(Deserialize, Default)]
pub struct FileQuery {
    #[serde(default)]
    lang: String,
}

async fn download(
    state: &AppState,
    caller: &Caller,
    id: &str,
    query: &FileQuery,
) -> PageResult<Response> {
    // A document is issued in the state language and in Russian (Law on languages).
    let lang = match query.lang.as_str() {
        "kk" => Lang::Kk,
        "ru" => Lang::Ru,
        _ => return Err(PageError::bad_request()),
    };
    let pdf = service::pdf(state, caller, id, lang).await.or_page()?;
    Ok(crate::documents::http::pdf_download(pdf))
}

/// A document's PDF for its owner (`/cabinet/documents/…`), or for the organisation it is
/// addressed to (`/received/documents/…`: a referral's employer or education organisation).
pub async fn owner_pdf(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    PageQuery(query): PageQuery<FileQuery>,
) -> PageResult<Response> {
    let Some(caller) = page.caller.as_ref() else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    download(&state, caller, &id, &query).await
}

/// A document's PDF for casework staff, from the card (audited; beyond their scope, 403).
pub async fn staff_pdf(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    PageQuery(query): PageQuery<FileQuery>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    download(&state, caller, &id, &query).await
}
