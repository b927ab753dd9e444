//! The dashboards of the mobility center and the ministry: the statistics of the months chosen
//! (the use case of `getLaborMarketStatistics`) as a table and a chart per group of indicators,
//! the public services' terms among them, and a CSV export with the same filters; the region's
//! layoff notices (as `listLayoffNotices`) and subsidised-job applications (as
//! `listSubsidisedJobApplications`), paged and filtered on the server.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use enbek_domain::accounts::access::Role;
use enbek_domain::measures::subsidised::Measure;
use enbek_domain::reference::office_hours::local_date;
use serde::Deserialize;

use crate::measures::interface::applications_page;
use crate::mediation::interface::layoffs::layoff_notices_page;
use crate::platform::auth::{Caller, Grant};
use crate::platform::state::AppState;
use crate::reference::interface::region_names;
use crate::reporting::pages::chart::{self, Series};
use crate::reporting::period::{month_code, next_month, parse_month};
use crate::reporting::service::statistics::{self as service, MonthStatistics, READERS};
use crate::web::form::{with_errors, Field};
use crate::web::paging::{offset_of, page_href, page_number, Pager};
use crate::web::{render, FormErrors, Frame, Lang, OrPage, Page, PageQuery, PageResult, Tr};

/// How many months the dashboard shows when none are chosen: this one and the five before.
const DEFAULT_MONTHS: u32 = 6;
/// Rows of a list page.
const PER_PAGE: i64 = 20;

/// The groups of indicators: each a table and a chart.
const SECTIONS: [(&str, &[&str]); 5] = [
    (
        "registrations",
        &[
            "applications_received",
            "registered_job_seekers",
            "registered_unemployed",
        ],
    ),
    ("stock", &["unemployed_at_month_end"]),
    (
        "placements",
        &["placed_by_offer", "placed_by_contributions"],
    ),
    (
        "offers",
        &[
            "offers_made",
            "offers_accepted",
            "offers_refused",
            "offers_unanswered",
        ],
    ),
    ("services", &["services_within_term", "services_late"]),
];

/// The signed-in reader of the dashboards: a visitor is asked to sign in, anyone else refused.
fn reader<'a>(page: &'a Page, roles: &[Role]) -> PageResult<(&'a Caller, &'a Grant)> {
    let caller = page.signed_in()?;
    let grant = caller.require(roles).or_page()?;
    Ok((caller, grant))
}

fn region_name(lang: Lang, code: &str) -> String {
    region_names(lang)
        .into_iter()
        .find(|(c, _)| c == code)
        .map_or_else(|| code.to_string(), |(_, name)| name)
}

#[derive(Deserialize, Default)]
pub struct Filters {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    measure: String,
    #[serde(default)]
    page: String,
}

impl Filters {
    /// The months asked for, or the default ones ending with this month.
    fn months(&self, today: NaiveDate) -> (String, String) {
        let this = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let first = this
            .checked_sub_months(Months::new(DEFAULT_MONTHS - 1))
            .unwrap_or(this);
        let pick = |given: &str, default: NaiveDate| {
            let given = given.trim();
            if given.is_empty() {
                month_code(default)
            } else {
                given.to_string()
            }
        };
        (pick(&self.from, first), pick(&self.to, this))
    }

    /// The region asked for; an officer's own when none is (another one is refused by the use
    /// case).
    fn region_of(&self, grant: &Grant) -> String {
        let asked = self.region.trim();
        match (grant.role, asked.is_empty()) {
            (Role::MobilityCenterOfficer, true) => grant.region_code.clone().unwrap_or_default(),
            _ => asked.to_string(),
        }
    }

    fn query(&self, pairs: &[(&str, &str)]) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
            query.append_pair(name, value.trim());
        }
        query.finish()
    }
}

/// A table and a chart of a group of indicators.
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
    pub chart: String,
    pub legend: Vec<(usize, String)>,
}

fn sections(tr: &Tr, months: &[MonthStatistics]) -> Vec<Section> {
    let labels: Vec<String> = months.iter().map(|m| m.month.clone()).collect();
    SECTIONS
        .iter()
        .map(|(id, indicators)| {
            let title = tr.t(&format!("dash-section-{id}"));
            let columns: Vec<String> = indicators
                .iter()
                .map(|i| tr.t(&format!("dash-indicator-{}", i.replace('_', "-"))))
                .collect();
            let series: Vec<Series> = indicators
                .iter()
                .zip(&columns)
                .map(|(i, label)| Series {
                    label: label.clone(),
                    values: months.iter().map(|m| m.value(i)).collect(),
                })
                .collect();
            Section {
                id,
                chart: chart::bars(&format!("chart-{id}"), &title, &labels, &series),
                legend: columns.iter().cloned().enumerate().collect(),
                rows: months
                    .iter()
                    .map(|m| {
                        let values = indicators.iter().map(|i| tr.number(m.value(i))).collect();
                        (m.month.clone(), values)
                    })
                    .collect(),
                title,
                columns,
            }
        })
        .collect()
}

#[derive(askama::Template)]
#[template(path = "reporting/dashboard.html")]
struct DashboardPage {
    f: Frame,
    fields: Vec<Field>,
    errors: FormErrors,
    /// The region an officer's dashboard is fixed to.
    fixed_region: Option<String>,
    scope: String,
    sections: Vec<Section>,
    csv: String,
    officer: bool,
}

/// The dashboard: the filters (region — fixed for an officer —, the first and the last month),
/// and each group of indicators by month as a table and a chart.
pub async fn dashboard(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filters): PageQuery<Filters>,
) -> PageResult<Response> {
    let (caller, grant) = reader(&page, &READERS)?;
    let tr = page.tr();
    let officer = grant.role == Role::MobilityCenterOfficer;
    let (from, to) = filters.months(local_date(state.clock.now()));
    let region = filters.region_of(grant);
    let mut errors = FormErrors::new();
    let mut status = StatusCode::OK;
    let mut found = Vec::new();
    match service::statistics(&state, caller, &from, &to, Some(region.as_str()))
        .await
        .or_page()
    {
        Ok(statistics) => found = statistics.total(),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let field = match (e.code(), e.field()) {
                ("invalid_value", _) => "region",
                ("invalid_date", _) if parse_month(&from).is_some() => "to",
                _ => "from",
            };
            errors.problem(field, &e, &tr);
            status = e.status();
        }
        Err(e) => return Err(e),
    }
    let month_hint = tr.t("dash-month-hint");
    let mut fields = Vec::new();
    if !officer {
        let mut options = vec![(String::new(), tr.t("dash-all-regions"))];
        options.extend(region_names(tr.lang));
        fields.push(
            Field::new("region", tr.t("dash-region"), "select", &region).choose_from(options),
        );
    }
    fields.push(Field::new("from", tr.t("dash-from"), "text", &from).hint(month_hint.clone()));
    fields.push(Field::new("to", tr.t("dash-to"), "text", &to).hint(month_hint));
    let scope = if region.is_empty() {
        tr.t("dash-all-regions")
    } else {
        region_name(tr.lang, &region)
    };
    let csv = format!(
        "/dashboards/statistics.csv?{}",
        filters.query(&[("from", &from), ("to", &to), ("region", &region)])
    );
    let html = render(&DashboardPage {
        fields: with_errors(fields, &errors),
        errors,
        fixed_region: officer.then(|| scope.clone()),
        scope,
        sections: if status == StatusCode::OK {
            sections(&tr, &found)
        } else {
            Vec::new()
        },
        csv,
        officer,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The statistics as CSV (UTF-8, comma-separated, a header row): a row per region and month,
/// the indicators by their API names.
pub async fn csv(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filters): PageQuery<Filters>,
) -> PageResult<Response> {
    let (caller, grant) = reader(&page, &READERS)?;
    let (from, to) = filters.months(local_date(state.clock.now()));
    let region = filters.region_of(grant);
    let statistics = service::statistics(&state, caller, &from, &to, Some(region.as_str()))
        .await
        .or_page()?;
    let mut text = String::from("region_code,month,");
    text.push_str(&service::INDICATORS.join(","));
    text.push_str("\r\n");
    for r in &statistics.regions {
        for m in &r.months {
            let values: Vec<String> = m.values().iter().map(i64::to_string).collect();
            text.push_str(&format!(
                "{},{},{}\r\n",
                r.region_code,
                m.month,
                values.join(",")
            ));
        }
    }
    let name = format!(
        "attachment; filename=\"statistics-{}-{}.csv\"",
        statistics.from, statistics.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        text,
    )
        .into_response())
}

/// A layoff notice as the list shows it.
pub struct LayoffRow {
    pub planned_on: String,
    pub region: String,
    pub workers: String,
    pub positions: String,
    pub notified_on: String,
}

#[derive(askama::Template)]
#[template(path = "reporting/layoffs.html")]
struct LayoffsPage {
    f: Frame,
    fields: Vec<Field>,
    errors: FormErrors,
    summary: String,
    rows: Vec<LayoffRow>,
    pager: Pager,
    officer: bool,
}

/// A month filter's first day, or its error next to the field.
fn month_filter(value: &str, field: &str, tr: &Tr, errors: &mut FormErrors) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let month = parse_month(value);
    if month.is_none() {
        errors.add(field, tr.t("dash-month-invalid"));
    }
    month
}

/// The region's layoff notices (the ministry's: every region's), the planned day filtered by
/// months, newest first, paged.
pub async fn layoffs(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filters): PageQuery<Filters>,
) -> PageResult<Response> {
    let (_, grant) = reader(&page, &[Role::MobilityCenterOfficer, Role::MinistryOfficer])?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let first = month_filter(&filters.from, "from", &tr, &mut errors);
    let last = month_filter(&filters.to, "to", &tr, &mut errors).map(next_month);
    let number = page_number(&filters.page);
    let (shown, total) = layoff_notices_page(
        &state,
        grant,
        first,
        last,
        PER_PAGE,
        offset_of(number, PER_PAGE),
    )
    .await
    .or_page()?;
    let rows = shown
        .into_iter()
        .map(|n| LayoffRow {
            planned_on: tr.date(n.planned_on),
            region: region_name(tr.lang, &n.region_code),
            workers: tr.number(n.workers_count),
            positions: n
                .groups
                .iter()
                .map(|g| format!("{} × {}", g.position, g.count))
                .collect::<Vec<_>>()
                .join("; "),
            notified_on: tr.date(local_date(n.created_at)),
        })
        .collect();
    let hint = tr.t("dash-month-format");
    let fields = vec![
        Field::new("from", tr.t("dash-planned-from"), "text", &filters.from).hint(hint.clone()),
        Field::new("to", tr.t("dash-planned-to"), "text", &filters.to).hint(hint),
    ];
    let status = errors.status();
    let html = render(&LayoffsPage {
        fields: with_errors(fields, &errors),
        errors,
        summary: tr.count("dash-layoffs-found", total),
        rows,
        pager: Pager::new(&tr, total, number, PER_PAGE, |p| {
            page_href(
                "/dashboards/layoffs",
                &[("from", filters.from.trim()), ("to", filters.to.trim())],
                p,
            )
        }),
        officer: grant.role == Role::MobilityCenterOfficer,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// A subsidised-job application as the list shows it.
pub struct ApplicationRow {
    pub employer: String,
    pub measure: String,
    pub places: String,
    pub pay: String,
    pub period: String,
    pub submitted_on: String,
}

#[derive(askama::Template)]
#[template(path = "reporting/subsidised.html")]
struct SubsidisedPage {
    f: Frame,
    fields: Vec<Field>,
    errors: FormErrors,
    summary: String,
    rows: Vec<ApplicationRow>,
    pager: Pager,
}

/// The region's subsidised-job applications (206 p.31.3), filtered by measure, newest first,
/// paged: for the region's mobility center.
pub async fn subsidised(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filters): PageQuery<Filters>,
) -> PageResult<Response> {
    let (_, grant) = reader(&page, &[Role::MobilityCenterOfficer])?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let measure = filters.measure.trim();
    let chosen = if measure.is_empty() {
        None
    } else {
        let parsed = Measure::parse(measure);
        if parsed.is_none() {
            errors.add("measure", tr.t("dash-measure-invalid"));
        }
        parsed
    };
    let number = page_number(&filters.page);
    let (shown, total) =
        applications_page(&state, grant, chosen, PER_PAGE, offset_of(number, PER_PAGE))
            .await
            .or_page()?;
    let rows = shown
        .into_iter()
        .map(|a| ApplicationRow {
            employer: a.employer_name,
            measure: tr.t(&format!("measures-measure-{}", a.measure.code())),
            places: tr.number(a.places),
            pay: tr.number(a.monthly_pay),
            period: format!("{} — {}", tr.date(a.starts_on), tr.date(a.ends_on)),
            submitted_on: tr.date(local_date(a.created_at)),
        })
        .collect();
    let mut options = vec![(String::new(), tr.t("dash-any-measure"))];
    options.extend(Measure::ALL.iter().map(|m| {
        (
            m.code().to_string(),
            tr.t(&format!("measures-measure-{}", m.code())),
        )
    }));
    let fields =
        vec![Field::new("measure", tr.t("dash-measure"), "select", measure).choose_from(options)];
    let status = errors.status();
    let html = render(&SubsidisedPage {
        fields: with_errors(fields, &errors),
        errors,
        summary: tr.count("dash-subsidised-found", total),
        rows,
        pager: Pager::new(&tr, total, number, PER_PAGE, |p| {
            page_href("/dashboards/subsidised", &[("measure", measure)], p)
        }),
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}
