//! The administrator's pages of reference data: imports of organisations, occupations and
//! localities run as background jobs with their progress (`/admin/imports`), the calendar's
//! days that differ from the standard week with the form that adds or changes one (as
//! `getCalendar` and `upsertCalendarDays`), and the dated parameters with the form that adds an
//! edition (as `listParameters` and `addParameterEdition`). Only an administrator (403
//! otherwise).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::calendar::{CalendarEntry, DayKind};
use enbek_domain::reference::parameters::Edition;
use serde::Deserialize;

use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::reference::service::imports::{self, ImportRun, KINDS};
use crate::reference::service::reference as service;
use crate::web::form::{with_errors, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult, Tr};

/// The signed-in administrator: a visitor is asked to sign in, anyone else refused (403).
fn administrator(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&[Role::Administrator]).or_page()?;
    Ok(caller)
}

/// An import as the pages show it.
pub struct ImportView {
    pub href: String,
    pub kind: String,
    pub state: String,
    pub running: bool,
    pub progress: String,
    pub started: String,
    pub error: Option<String>,
}

fn import_view(run: ImportRun, tr: &Tr) -> ImportView {
    ImportView {
        href: format!("/admin/imports/{}", run.id),
        kind: tr.t(&format!("admin-import-kind-{}", run.kind)),
        state: tr.t(&format!("admin-import-state-{}", run.state)),
        running: matches!(run.state.as_str(), "queued" | "running"),
        progress: tr.with(
            "admin-import-progress",
            &[
                ("checked", run.checked.into()),
                ("written", run.written.into()),
                ("total", run.total.into()),
            ],
        ),
        started: tr.date(run.created_at.date_naive()),
        error: run.error_line.map(|line| {
            tr.with(
                "admin-import-error",
                &[
                    ("line", line.into()),
                    ("reason", run.error.clone().unwrap_or_default().into()),
                ],
            )
        }),
    }
}

#[derive(Deserialize, Default)]
pub struct ImportForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    file: String,
}

#[derive(askama::Template)]
#[template(path = "reference/admin/imports.html")]
struct ImportsPage {
    f: Frame,
    fields: Vec<Field>,
    errors: FormErrors,
    imports: Vec<ImportView>,
}

async fn imports_page(
    state: &AppState,
    page: Page,
    form: &ImportForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    let imports = imports::recent(state, caller)
        .await
        .or_page()?
        .into_iter()
        .map(|run| import_view(run, &tr))
        .collect();
    let kinds = KINDS
        .iter()
        .map(|k| (k.to_string(), tr.t(&format!("admin-import-kind-{k}"))))
        .collect();
    let fields = vec![
        Field::new("kind", tr.t("admin-import-kind"), "select", &form.kind).choose_from(kinds),
        Field::new("file", tr.t("admin-import-file"), "textarea", &form.file)
            .hint(tr.t("admin-import-file-hint")),
    ];
    let status = errors.status();
    let html = render(&ImportsPage {
        fields: with_errors(fields, &errors),
        errors,
        imports,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The imports: the form that sends a file, and the latest imports with their state.
pub async fn imports_list(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    imports_page(&state, page, &ImportForm::default(), FormErrors::new()).await
}

/// Sends a file to import as a background job, then shows its progress.
pub async fn start_import(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<ImportForm>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    match imports::start(&state, caller, form.kind.trim(), &form.file)
        .await
        .or_page()
    {
        Ok(id) => Ok(Redirect::to(&format!("/admin/imports/{id}")).into_response()),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let mut errors = FormErrors::new();
            errors.problem("file", &e, &tr);
            imports_page(&state, page, &form, errors).await
        }
        Err(e) => Err(e),
    }
}

#[derive(askama::Template)]
#[template(path = "reference/admin/import.html")]
struct ImportPage {
    f: Frame,
    import: ImportView,
}

#[derive(Deserialize, Default)]
pub struct ImportQuery {
    /// Set by the page's own refresh: the answer waits a little for the import to move on.
    #[serde(default)]
    wait: String,
}

/// How long a refresh of a running import's page waits for it to end, and how often it looks.
const WAIT_STEPS: u32 = 8;
const WAIT_STEP: std::time::Duration = std::time::Duration::from_millis(250);

/// An import's progress and result. While the import runs the page refreshes itself with
/// `<meta http-equiv="refresh">` at once (a delayed refresh would fail WCAG 2.2.1), and the
/// server paces the refreshes: a refresh's answer waits up to two seconds for the import to end.
pub async fn import(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    PageQuery(q): PageQuery<ImportQuery>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let mut run = imports::get(&state, caller, &id).await.or_page()?;
    if !q.wait.is_empty() {
        for _ in 0..WAIT_STEPS {
            if !matches!(run.state.as_str(), "queued" | "running") {
                break;
            }
            tokio::time::sleep(WAIT_STEP).await;
            run = imports::get(&state, caller, &id).await.or_page()?;
        }
    }
    let import = import_view(run, &page.tr());
    render(&ImportPage {
        import,
        f: page.frame,
    })
}

/// A day of the calendar as the page lists it.
pub struct DayView {
    pub date: String,
    pub iso: String,
    pub kind: String,
    pub note: String,
}

#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    #[serde(default)]
    year: String,
}

#[derive(Deserialize, Default)]
pub struct DayForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    note: String,
}

#[derive(askama::Template)]
#[template(path = "reference/admin/calendar.html")]
struct CalendarPage {
    f: Frame,
    year: i32,
    previous: String,
    next: String,
    covered: bool,
    working_days: String,
    days: Vec<DayView>,
    fields: Vec<Field>,
    errors: FormErrors,
    saved: bool,
}

const DAY_KINDS: [DayKind; 3] = [DayKind::Holiday, DayKind::DayOff, DayKind::Working];

fn calendar_page(
    state: &AppState,
    page: Page,
    year: i32,
    form: &DayForm,
    errors: FormErrors,
    saved: bool,
) -> PageResult<Response> {
    let tr = page.tr();
    let calendar = state.calendar();
    let days = calendar
        .entries()
        .filter(|e| e.date.year() == year)
        .map(|e| DayView {
            date: tr.date(e.date),
            iso: e.date.to_string(),
            kind: tr.t(&format!("admin-day-{}", e.kind.as_str())),
            note: e.note.clone(),
        })
        .collect();
    let kinds = DAY_KINDS
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                tr.t(&format!("admin-day-{}", k.as_str())),
            )
        })
        .collect();
    let fields = vec![
        Field::new("date", tr.t("admin-day-date"), "date", &form.date),
        Field::new("kind", tr.t("admin-day-kind"), "select", &form.kind).choose_from(kinds),
        Field::new("note", tr.t("admin-day-note"), "text", &form.note)
            .hint(tr.t("admin-day-note-hint")),
    ];
    let status = errors.status();
    let html = render(&CalendarPage {
        year,
        previous: format!("/admin/calendar?year={}", year - 1),
        next: format!("/admin/calendar?year={}", year + 1),
        covered: calendar.covers(year),
        working_days: tr.count(
            "admin-calendar-working-days",
            i64::from(calendar.working_days_in_year(year)),
        ),
        days,
        fields: with_errors(fields, &errors),
        errors,
        saved,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The year's days that differ from the standard week (this year's by default).
pub async fn calendar(
    State(state): State<AppState>,
    page: Page,
    PageQuery(q): PageQuery<CalendarQuery>,
) -> PageResult<Response> {
    administrator(&page)?;
    let this_year = state.clock.now().year();
    let year = q
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1991..=2100).contains(y))
        .unwrap_or(this_year);
    calendar_page(
        &state,
        page,
        year,
        &DayForm::default(),
        FormErrors::new(),
        false,
    )
}

/// Adds or changes a day (`upsertCalendarDays`' use case: a term already given keeps its end).
pub async fn save_day(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<DayForm>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add("date", tr.t("admin-day-date-invalid"));
    }
    let kind = DayKind::parse(form.kind.trim());
    if kind.is_none() {
        errors.add("kind", tr.t("admin-day-kind-invalid"));
    }
    let note = form.note.trim();
    if note.is_empty() || note.contains(['\n', '\r', '#']) || note.chars().count() > 200 {
        errors.add("note", tr.t("admin-day-note-invalid"));
    }
    let year = date.map_or_else(|| state.clock.now().year(), |d| d.year());
    let (Some(date), Some(kind), true) = (date, kind, errors.is_empty()) else {
        return calendar_page(&state, page, year, &form, errors, false);
    };
    let entry = CalendarEntry {
        date,
        kind,
        note: note.to_string(),
    };
    service::upsert_calendar_days(&state, &caller.account_id, &[entry])
        .await
        .or_page()?;
    calendar_page(&state, page, year, &DayForm::default(), errors, true)
}

/// A parameter with its dated editions.
pub struct ParameterView {
    pub key: String,
    pub editions: Vec<EditionView>,
}

pub struct EditionView {
    pub from: String,
    pub value: String,
    pub source: String,
}

#[derive(Deserialize, Default)]
pub struct EditionForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    effective_from: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    source: String,
}

#[derive(askama::Template)]
#[template(path = "reference/admin/parameters.html")]
struct ParametersPage {
    f: Frame,
    parameters: Vec<ParameterView>,
    fields: Vec<Field>,
    errors: FormErrors,
    saved: bool,
}

fn parameters_page(
    state: &AppState,
    page: Page,
    form: &EditionForm,
    errors: FormErrors,
    saved: bool,
) -> PageResult<Response> {
    let tr = page.tr();
    let mut parameters: Vec<ParameterView> = Vec::new();
    for e in state.parameters().editions() {
        let edition = EditionView {
            from: tr.date(e.effective_from),
            value: e.value.clone(),
            source: e.source.clone(),
        };
        match parameters.iter_mut().find(|p| p.key == e.key) {
            Some(p) => p.editions.push(edition),
            None => parameters.push(ParameterView {
                key: e.key.clone(),
                editions: vec![edition],
            }),
        }
    }
    let keys = parameters
        .iter()
        .map(|p| (p.key.clone(), p.key.clone()))
        .collect();
    let fields = vec![
        Field::new("key", tr.t("admin-parameter-key"), "select", &form.key).choose_from(keys),
        Field::new(
            "effective_from",
            tr.t("admin-parameter-from"),
            "date",
            &form.effective_from,
        ),
        Field::new("value", tr.t("admin-parameter-value"), "text", &form.value)
            .hint(tr.t("admin-parameter-value-hint")),
        Field::new(
            "source",
            tr.t("admin-parameter-source"),
            "text",
            &form.source,
        )
        .hint(tr.t("admin-parameter-source-hint")),
    ];
    let status = errors.status();
    let html = render(&ParametersPage {
        parameters,
        fields: with_errors(fields, &errors),
        errors,
        saved,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The parameters with their dated editions, and the form that adds one.
pub async fn parameters(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    administrator(&page)?;
    parameters_page(
        &state,
        page,
        &EditionForm::default(),
        FormErrors::new(),
        false,
    )
}

/// Adds an edition (`addParameterEdition`'s use case: the value checked as the API does).
pub async fn add_edition(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<EditionForm>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let from = NaiveDate::parse_from_str(form.effective_from.trim(), "%Y-%m-%d").ok();
    if from.is_none() {
        errors.add("effective_from", tr.t("admin-parameter-from-invalid"));
    }
    if form.source.trim().is_empty() {
        errors.add("source", tr.t("admin-parameter-source-invalid"));
    }
    let (Some(from), true) = (from, errors.is_empty()) else {
        return parameters_page(&state, page, &form, errors, false);
    };
    let edition = Edition {
        key: form.key.trim().to_string(),
        effective_from: from,
        value: form.value.trim().to_string(),
        source: form.source.trim().to_string(),
    };
    match service::add_parameter_edition(&state, &caller.account_id, edition)
        .await
        .or_page()
    {
        Ok(()) => parameters_page(&state, page, &EditionForm::default(), errors, true),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            errors.problem("value", &e, &tr);
            parameters_page(&state, page, &form, errors, false)
        }
        Err(e) => Err(e),
    }
}
