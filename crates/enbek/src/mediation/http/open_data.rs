//! Open data (206 p.19: what the platform publishes is open to all, except passwords and the
//! personal data in resumes): the open vacancies, page by page, for anyone to copy; by page
//! number, or from a cursor that stays put while vacancies open and close; and all of them at once
//! as a compressed file made hourly.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{self, HeaderName};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::bounds;
use enbek_domain::reference::office_hours::local_date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::mediation::error::{Error, Result};
use crate::mediation::http::employers::{vacancy_view, VacancyView};
use crate::mediation::service::employers::{self as service, Named};
use crate::mediation::service::open_data;
use crate::mediation::store::employers::Vacancy;
use crate::platform::db::{parse_ts, ts};
use crate::platform::http::extract::Query;
use crate::platform::http::input;
use crate::platform::http::input::Paging;
use crate::platform::problem::Common;
use crate::platform::state::AppState;

/// The default number of vacancies on one page: the most (`bounds::PER_PAGE`).
const MAX_PER_PAGE: i64 = *bounds::PER_PAGE.end();

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OpenDataQuery {
    /// 1 to 100 000 (default 1); not with `after`.
    pub page: Option<i64>,
    /// 1 to 100 (default 100); more is refused, not cut.
    pub per_page: Option<i64>,
    /// A page's `next_cursor`: the vacancies posted after that page's last, however many opened
    /// or closed before it since (a stable walk through the listing).
    pub after: Option<String>,
}

/// A page of open vacancies.
#[derive(Serialize, ToSchema)]
pub struct OpenDataPage {
    /// The page's number; none when walked from a cursor.
    pub page: Option<i64>,
    pub per_page: i64,
    /// Open vacancies in all.
    pub total: i64,
    /// Pages in all (0 when there is no vacancy).
    pub pages: i64,
    /// The next page's number, none on the last (and from a cursor).
    pub next_page: Option<i64>,
    /// The next page's address (path and query), none on the last: by number, or by cursor
    /// when this page was walked from one.
    pub next: Option<String>,
    /// Where the next page starts (`after`), none on the last.
    pub next_cursor: Option<String>,
    /// The vacancies' public fields, in the order they were posted (then by id).
    pub items: Vec<VacancyView>,
}

/// A cursor: the posting instant and id of a page's last vacancy.
fn cursor(v: &Vacancy) -> String {
    input::cursor(&[&ts(v.posted_at), &v.id])
}

/// The posting instant and id a cursor names; anything else is refused with the field named.
fn parse_cursor(text: &str) -> Result<(DateTime<Utc>, String)> {
    const DETAIL: &str = "after is a next_cursor of this listing";
    let mut parts = input::cursor_parts("after", text, 2, DETAIL)?;
    let id = parts.pop().unwrap_or_default();
    let at = parse_ts(&parts[0]).map_err(|_| {
        Error::new(Common::InvalidValue)
            .detail(DETAIL)
            .with("field", "after")
    })?;
    Ok((at, id))
}

#[utoipa::path(get, path = "/api/v1/open-data/vacancies", operation_id = "listOpenDataVacancies", tag = "employers",
    params(OpenDataQuery),
    responses((status = 200, body = OpenDataPage, description = "open vacancies, no sign-in needed"),
        (status = 422, description = "invalid_value: page below 1, per_page not 1 to 100, a cursor not of this listing, page with after")))]
pub async fn list_open_data_vacancies(
    State(state): State<AppState>,
    Query(q): Query<OpenDataQuery>,
) -> Result<Response> {
    let per_page = input::bounded(
        "per_page",
        q.per_page.unwrap_or(MAX_PER_PAGE),
        bounds::PER_PAGE,
    )?;
    let page = input::bounded("page", q.page.unwrap_or(1), bounds::PAGE)?;
    let (paging, after) = Paging::asked(page, per_page, q.page.is_some(), q.after.as_deref())?;
    let after = after.map(parse_cursor).transpose()?;
    let today = local_date(state.clock.now());
    let shown = |read: Vec<Named>, total: i64| {
        let (found, more) = paging.page_of(read, total);
        let next_cursor = found.last().filter(|_| more).map(|n| cursor(&n.vacancy));
        // Read by number, the next page is named by its number too; from a cursor, by a cursor.
        let by_number = !paging.from_cursor;
        let next_page = (by_number && more).then_some(page + 1);
        let next = match (next_page, &next_cursor) {
            (Some(n), _) => Some(format!(
                "/api/v1/open-data/vacancies?page={n}&per_page={per_page}"
            )),
            (None, Some(c)) => Some(format!(
                "/api/v1/open-data/vacancies?after={c}&per_page={per_page}"
            )),
            (None, None) => None,
        };
        json_body(&OpenDataPage {
            page: by_number.then_some(page),
            per_page,
            total,
            pages: (total + per_page - 1) / per_page,
            next_page,
            next,
            next_cursor,
            items: found.into_iter().map(|v| vacancy_view(v, today)).collect(),
        })
    };
    let after = after.as_ref().map(|(at, id)| (*at, id.as_str()));
    let body =
        service::open_page(&state, today, after, paging.limit(), paging.offset, shown).await?;
    let body = body.map_err(Error::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// A page as the JSON the listing answers with, made once and then remembered with the page: the
/// same page is not written again for each reader.
fn json_body(page: &OpenDataPage) -> std::result::Result<Bytes, String> {
    serde_json::to_vec(page)
        .map(Bytes::from)
        .map_err(|e| format!("writing an open-data page: {e}"))
}

/// One vacancy of the export: the listing's public fields as one line of JSON.
fn export_line(named: Named, today: NaiveDate) -> Vec<u8> {
    serde_json::to_vec(&vacancy_view(named, today)).unwrap_or_default()
}

#[utoipa::path(get, path = "/api/v1/open-data/vacancies.jsonl.gz", operation_id = "exportOpenDataVacancies", tag = "employers",
    responses((status = 200, content_type = "application/gzip",
        description = "every open vacancy's public fields, one JSON object a line, gzip-compressed; made again when an hour old (the old file is served meanwhile); `X-Generated-At` and `X-Vacancy-Count` tell when and how many")))]
pub async fn export_open_data_vacancies(State(state): State<AppState>) -> Result<Response> {
    let export = open_data::vacancies_export(&state, export_line).await?;
    let generated_at = ts(export.generated_at);
    let headers = [
        (header::CONTENT_TYPE, "application/gzip".to_string()),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"vacancies.jsonl.gz\"".to_string(),
        ),
        (
            header::LAST_MODIFIED,
            export
                .generated_at
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        ),
        (HeaderName::from_static("x-generated-at"), generated_at),
        (
            HeaderName::from_static("x-vacancy-count"),
            export.vacancies.to_string(),
        ),
    ];
    Ok((headers, export.body).into_response())
}
