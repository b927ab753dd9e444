//! Open data (206 p.19: what the platform publishes is open to all, except passwords and the
//! personal data in resumes): the open vacancies, page by page, for anyone to copy.

use axum::extract::State;
use enbek_domain::bounds;
use enbek_domain::reference::office_hours::local_date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::mediation::error::Result;
use crate::mediation::http::employers::{vacancy_view, VacancyView};
use crate::mediation::service::employers as service;
use crate::platform::http::extract::Query;
use crate::platform::http::input;
use crate::platform::state::AppState;

/// The default number of vacancies on one page: the most (`bounds::PER_PAGE`).
const MAX_PER_PAGE: i64 = *bounds::PER_PAGE.end();

#[derive(Deserialize, utoipa::IntoParams)]
pub struct OpenDataQuery {
    /// 1 to 100 000 (default 1).
    pub page: Option<i64>,
    /// 1 to 100 (default 100); more is refused, not cut.
    pub per_page: Option<i64>,
}

/// A page of open vacancies.
#[derive(Serialize, ToSchema)]
pub struct OpenDataPage {
    pub page: i64,
    pub per_page: i64,
    /// Open vacancies in all.
    pub total: i64,
    /// Pages in all (0 when there is no vacancy).
    pub pages: i64,
    /// The next page's number, none on the last.
    pub next_page: Option<i64>,
    /// The next page's address (path and query), none on the last.
    pub next: Option<String>,
    /// The vacancies' public fields, in the order they were posted (then by id).
    pub items: Vec<VacancyView>,
}

#[utoipa::path(get, path = "/api/v1/open-data/vacancies", operation_id = "listOpenDataVacancies", tag = "employers",
    params(OpenDataQuery),
    responses((status = 200, body = OpenDataPage, description = "open vacancies, no sign-in needed"),
        (status = 422, description = "invalid_value: page below 1, per_page not 1 to 100")))]
pub async fn list_open_data_vacancies(
    State(state): State<AppState>,
    Query(q): Query<OpenDataQuery>,
) -> Result<axum::Json<OpenDataPage>> {
    let page = input::bounded("page", q.page.unwrap_or(1), bounds::PAGE)?;
    let per_page = input::bounded(
        "per_page",
        q.per_page.unwrap_or(MAX_PER_PAGE),
        bounds::PER_PAGE,
    )?;
    let today = local_date(state.clock.now());
    let offset = (page - 1).saturating_mul(per_page);
    let (found, total) = service::open_page(&state, today, per_page, offset).await?;
    let pages = (total + per_page - 1) / per_page;
    let next_page = (page < pages).then(|| page + 1);
    Ok(axum::Json(OpenDataPage {
        page,
        per_page,
        total,
        pages,
        next_page,
        next: next_page
            .map(|n| format!("/api/v1/open-data/vacancies?page={n}&per_page={per_page}")),
        items: found.into_iter().map(|v| vacancy_view(v, today)).collect(),
    }))
}
