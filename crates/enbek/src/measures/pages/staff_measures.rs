//! The referrals to active measures of a career center, or of a region (Order 129): for a career
//! center's specialist the center's places with their free places (as
//! `listCenterMeasurePlaces`), the forms that publish a course, subsidised jobs or a resettlement
//! quota (as `createMeasurePlace`), and the center's referrals filtered by status or an overdue
//! tear-off notice (as `listActiveMeasureReferrals`); for a mobility center's officer the same of
//! the region, read only, with the referrals counted by status.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::measures::participation::Stage;
use enbek_domain::measures::referral::ActiveMeasure;
use enbek_domain::{bounds, text};
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::measures::http::referrals::{listed, ReferralView, ReferralsQuery};
use crate::measures::interface::applications_page;
use crate::measures::notices::measure_names;
use crate::measures::service::places::{of_staff, publish as publish_place, NewPlace};
use crate::platform::auth::Caller;
use crate::platform::http::input;
use crate::platform::state::AppState;
use crate::reference::interface::{lookup, occupation_names};
use crate::web::form::{choices, with_errors, Choice, Field};
use crate::web::{
    render, CsrfForm, FormErrors, Frame, OrPage, Page, PageError, PageQuery, PageResult, Tr,
};

/// How many places and referrals the page shows.
const SHOWN: i64 = 50;

/// The signed-in staff of referrals: a career center's specialist or a mobility center's
/// officer; a visitor is asked to sign in, anyone else refused.
pub(super) fn staff(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller
        .require(&[Role::CareerCenterSpecialist, Role::MobilityCenterOfficer])
        .or_page()?;
    Ok(caller)
}

/// The signed-in career center's specialist, who acts on referrals.
pub(super) fn specialist(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
    Ok(caller)
}

/// A measure's name in the reader's language.
pub(super) fn measure_name(tr: &Tr, m: ActiveMeasure) -> String {
    measure_names(m).get(tr.lang).to_string()
}

/// A stage in the reader's words.
pub(super) fn stage_name(tr: &Tr, code: &str) -> String {
    tr.t(&format!("staffmeasures-status-{code}"))
}

/// A required field left empty is said next to it.
pub(super) fn required(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) {
    if value.trim().is_empty() {
        errors.add(field, tr.t("staffmeasures-required"));
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
    let d = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    if d.is_none() {
        errors.add(field, tr.t("staffmeasures-not-a-date"));
    }
    d
}

/// A number typed in a field: none when empty, an error next to the field when not a number.
fn number_in(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) -> Option<u32> {
    let digits = value.trim().replace([' ', '\u{a0}'], "");
    if digits.is_empty() {
        return None;
    }
    let n = digits.parse().ok();
    if n.is_none() {
        errors.add(field, tr.t("staffmeasures-not-a-number"));
    }
    n
}

pub(super) fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A date and time as the reader reads the day.
pub(super) fn day(tr: &Tr, at: DateTime<Utc>) -> String {
    tr.date(enbek_domain::reference::office_hours::local_date(at))
}

/// A place as the table shows it.
struct PlaceRow {
    measure: String,
    provider: String,
    occupation: String,
    capacity: String,
    free: String,
    period: String,
}

/// A referral as the table shows it.
struct ReferralRow {
    number: String,
    measure: String,
    status: String,
    tear_off_due: String,
    overdue: bool,
    href: String,
}

fn referral_row(tr: &Tr, v: ReferralView) -> ReferralRow {
    ReferralRow {
        number: v.number.unwrap_or_else(|| tr.t("staffmeasures-no-number")),
        measure: ActiveMeasure::parse(&v.measure)
            .map(|m| measure_name(tr, m))
            .unwrap_or(v.measure),
        status: stage_name(tr, &v.status),
        tear_off_due: v
            .tear_off_due_at
            .map(|d| day(tr, d))
            .unwrap_or_else(|| tr.t("staffmeasures-no-term")),
        overdue: v.tear_off_overdue,
        href: format!("/workspace/measures/{}", v.id),
    }
}

/// A count of the referrals at one stage.
struct Count {
    status: String,
    count: String,
}

#[derive(askama::Template)]
#[template(path = "measures/staff/overview.html")]
struct OverviewPage {
    f: Frame,
    /// A career center's specialist, who publishes places and takes applications.
    of_center: bool,
    places: Vec<PlaceRow>,
    counts: Vec<Count>,
    statuses: Vec<Choice>,
    overdue_only: bool,
    referrals: Vec<ReferralRow>,
    found: String,
    course: Vec<Field>,
    on_the_job: bool,
    jobs: Vec<Field>,
    quota: Vec<Field>,
    errors: FormErrors,
}

/// The referrals' filters, as the address gives them.
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    overdue: String,
}

/// The forms that publish a place, as sent: `form` says which (`course`, `jobs`, `quota`).
#[derive(Deserialize, Default)]
pub struct PlaceForm {
    #[serde(default)]
    form: String,
    #[serde(default)]
    course_school: String,
    #[serde(default)]
    course_provider: String,
    #[serde(default)]
    course_occupation: String,
    #[serde(default)]
    course_qualification: String,
    #[serde(default)]
    course_capacity: String,
    #[serde(default)]
    course_starts_on: String,
    #[serde(default)]
    course_ends_on: String,
    #[serde(default)]
    on_the_job: Option<String>,
    #[serde(default)]
    jobs_application: String,
    #[serde(default)]
    jobs_capacity: String,
    #[serde(default)]
    quota_destination: String,
    #[serde(default)]
    quota_provider: String,
    #[serde(default)]
    quota_occupation: String,
    #[serde(default)]
    quota_capacity: String,
    #[serde(default)]
    quota_starts_on: String,
    #[serde(default)]
    quota_ends_on: String,
    #[serde(default)]
    quota_decision_number: String,
    #[serde(default)]
    quota_decision_on: String,
}

fn period(tr: &Tr, from: NaiveDate, to: NaiveDate) -> String {
    tr.with(
        "staffmeasures-period",
        &[
            ("from", FluentValue::from(tr.date(from))),
            ("to", FluentValue::from(tr.date(to))),
        ],
    )
}

/// The publishing forms' fields, with what was typed.
async fn place_fields(
    state: &AppState,
    caller: &Caller,
    tr: &Tr,
    form: &PlaceForm,
) -> PageResult<(Vec<Field>, Vec<Field>, Vec<Field>)> {
    let occupations: Vec<(String, String)> = occupation_names(state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let grant = caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
    let (applications, _) = applications_page(state, grant, None, SHOWN, 0)
        .await
        .or_page()?;
    let applications = applications
        .into_iter()
        .map(|a| {
            let label = tr.with(
                "staffmeasures-application-label",
                &[
                    (
                        "measure",
                        FluentValue::from(tr.t(&format!("measures-measure-{}", a.measure.code()))),
                    ),
                    ("employer", FluentValue::from(a.employer_name.clone())),
                    ("places", FluentValue::from(a.places)),
                    (
                        "period",
                        FluentValue::from(period(tr, a.starts_on, a.ends_on)),
                    ),
                ],
            );
            (a.id, label)
        })
        .collect();
    let mut schools = vec![(String::new(), tr.t("staffmeasures-school-none"))];
    let found = lookup::organizations(
        &state.db.pool,
        Some(OrgKind::EducationOrganization.as_str()),
        Some(grant.region_code.as_deref().unwrap_or("-")),
    )
    .await
    .or_page()?;
    schools.extend(
        found
            .into_iter()
            .map(|o| (o.id.clone(), o.name(tr.lang).to_string())),
    );
    let course = vec![
        Field::new(
            "course_school",
            tr.t("staffmeasures-field-school"),
            "select",
            &form.course_school,
        )
        .hint(tr.t("staffmeasures-field-school-hint"))
        .choose_from(schools),
        Field::new(
            "course_provider",
            tr.t("staffmeasures-field-provider"),
            "text",
            &form.course_provider,
        )
        .hint(tr.t("staffmeasures-field-provider-hint")),
        Field::new(
            "course_occupation",
            tr.t("staffmeasures-field-occupation"),
            "select",
            &form.course_occupation,
        )
        .choose_from(occupations.clone()),
        Field::new(
            "course_qualification",
            tr.t("staffmeasures-field-qualification"),
            "text",
            &form.course_qualification,
        ),
        Field::new(
            "course_capacity",
            tr.t("staffmeasures-field-capacity"),
            "numeric",
            &form.course_capacity,
        ),
        Field::new(
            "course_starts_on",
            tr.t("staffmeasures-field-starts-on"),
            "date",
            &form.course_starts_on,
        ),
        Field::new(
            "course_ends_on",
            tr.t("staffmeasures-field-ends-on"),
            "date",
            &form.course_ends_on,
        ),
    ];
    let jobs = vec![
        Field::new(
            "jobs_application",
            tr.t("staffmeasures-field-application"),
            "select",
            &form.jobs_application,
        )
        .choose_from(applications),
        Field::new(
            "jobs_capacity",
            tr.t("staffmeasures-field-capacity"),
            "numeric",
            &form.jobs_capacity,
        )
        .hint(tr.t("staffmeasures-field-jobs-capacity-hint")),
    ];
    let quota = vec![
        Field::new(
            "quota_destination",
            tr.t("staffmeasures-field-destination"),
            "numeric",
            &form.quota_destination,
        )
        .hint(tr.t("staffmeasures-field-destination-hint")),
        Field::new(
            "quota_provider",
            tr.t("staffmeasures-field-settlement"),
            "text",
            &form.quota_provider,
        ),
        Field::new(
            "quota_occupation",
            tr.t("staffmeasures-field-occupation"),
            "select",
            &form.quota_occupation,
        )
        .choose_from(occupations),
        Field::new(
            "quota_capacity",
            tr.t("staffmeasures-field-capacity"),
            "numeric",
            &form.quota_capacity,
        ),
        Field::new(
            "quota_starts_on",
            tr.t("staffmeasures-field-starts-on"),
            "date",
            &form.quota_starts_on,
        ),
        Field::new(
            "quota_ends_on",
            tr.t("staffmeasures-field-ends-on"),
            "date",
            &form.quota_ends_on,
        ),
        Field::new(
            "quota_decision_number",
            tr.t("staffmeasures-field-quota-decision-number"),
            "text",
            &form.quota_decision_number,
        ),
        Field::new(
            "quota_decision_on",
            tr.t("staffmeasures-field-quota-decision-on"),
            "date",
            &form.quota_decision_on,
        ),
    ];
    Ok((course, jobs, quota))
}

async fn overview_page(
    state: &AppState,
    page: Page,
    filter: Filter,
    form: PlaceForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let caller = staff(&page)?;
    let tr = page.tr();
    let of_center = caller.grant(Role::CareerCenterSpecialist).is_some();
    let (places, _) = of_staff(state, caller, SHOWN, 0).await.or_page()?;
    let places = places
        .into_iter()
        .map(|p| PlaceRow {
            measure: measure_name(&tr, p.measure),
            provider: p.provider,
            occupation: p.occupation_code,
            capacity: tr.number(p.capacity),
            free: tr.number(p.capacity - p.taken),
            period: period(&tr, p.starts_on, p.ends_on),
        })
        .collect();
    let mut counts = Vec::new();
    for stage in Stage::ALL {
        let q = ReferralsQuery {
            status: Some(stage.code().to_string()),
            overdue: false,
            limit: Some(1),
            offset: None,
        };
        let (_, total) = listed(state, caller, &q).await.or_page()?;
        counts.push(Count {
            status: stage_name(&tr, stage.code()),
            count: tr.number(total),
        });
    }
    let status = Stage::parse(filter.status.trim()).map(|s| s.code().to_string());
    let overdue_only = filter.overdue == "1";
    let q = ReferralsQuery {
        status: status.clone(),
        overdue: overdue_only,
        limit: Some(SHOWN),
        offset: None,
    };
    let (referrals, total) = listed(state, caller, &q).await.or_page()?;
    let now = state.clock.now();
    let referrals = referrals
        .into_iter()
        .map(|r| referral_row(&tr, ReferralView::of(r, now)))
        .collect();
    let (course, jobs, quota) = if of_center {
        place_fields(state, caller, &tr, &form).await?
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let html = render(&OverviewPage {
        of_center,
        places,
        counts,
        statuses: choices(
            Stage::ALL
                .iter()
                .map(|s| (s.code().to_string(), stage_name(&tr, s.code())))
                .collect(),
            status.as_deref().unwrap_or_default(),
        ),
        overdue_only,
        referrals,
        found: tr.count("staffmeasures-found", total),
        course: with_errors(course, &errors),
        on_the_job: form.on_the_job.is_some(),
        jobs: with_errors(jobs, &errors),
        quota: with_errors(quota, &errors),
        f: page.frame,
        errors,
    })?;
    Ok(html)
}

/// The places and referrals of the specialist's center, or of the officer's region.
pub async fn overview(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filter): PageQuery<Filter>,
) -> PageResult<Response> {
    overview_page(
        &state,
        page,
        filter,
        PlaceForm::default(),
        FormErrors::new(),
    )
    .await
}

/// The field of a publishing form that a problem of the use case concerns.
fn field_of(form: &str, problem: Option<&str>, code: &str) -> &'static str {
    let named = problem.unwrap_or(match code {
        "invalid_date" => "ends_on",
        "unknown_occupation" => "occupation_code",
        "invalid_state" | "out_of_scope" => "subsidised_application_id",
        _ => "capacity",
    });
    match (form, named) {
        ("jobs", "capacity") => "jobs_capacity",
        ("jobs", _) => "jobs_application",
        ("quota", "destination_code") => "quota_destination",
        ("quota", "provider") => "quota_provider",
        ("quota", "occupation_code") => "quota_occupation",
        ("quota", "starts_on") => "quota_starts_on",
        ("quota", "ends_on") => "quota_ends_on",
        ("quota", "decision_number") => "quota_decision_number",
        ("quota", "decision_on") => "quota_decision_on",
        ("quota", _) => "quota_capacity",
        (_, "provider") => "course_provider",
        (_, "education_organization_id") => "course_school",
        (_, "occupation_code") => "course_occupation",
        (_, "qualification") => "course_qualification",
        (_, "starts_on") => "course_starts_on",
        (_, "ends_on") => "course_ends_on",
        _ => "course_capacity",
    }
}

/// The place a form describes, as the API's handler checks it; what is wrong is said next to
/// its field.
fn new_place(
    form: &PlaceForm,
    measure: ActiveMeasure,
    errors: &mut FormErrors,
    tr: &Tr,
) -> Option<NewPlace> {
    let text_of = |field: &str, value: &str, rule: text::Rule, errors: &mut FormErrors| {
        match input::opt_text(field, optional(value).as_deref(), rule.optional()).or_page() {
            Ok(v) => v,
            Err(e) => {
                errors.add(field, e.message(tr));
                None
            }
        }
    };
    let capacity = |field: &str, value: &str, errors: &mut FormErrors| {
        let n = number_in(value, field, errors, tr)?;
        match input::bounded("capacity", n, bounds::PLACES).or_page() {
            Ok(n) => Some(n),
            Err(e) => {
                errors.add(field, e.message(tr));
                None
            }
        }
    };
    let new = match form.form.as_str() {
        "jobs" => {
            required(&form.jobs_application, "jobs_application", errors, tr);
            NewPlace {
                measure,
                provider: None,
                occupation_code: None,
                qualification: None,
                on_the_job: false,
                employer_id: None,
                education_organization_id: None,
                subsidised_application_id: optional(&form.jobs_application),
                destination_code: None,
                decision_number: None,
                decision_on: None,
                capacity: capacity("jobs_capacity", &form.jobs_capacity, errors),
                starts_on: None,
                ends_on: None,
            }
        }
        "quota" => {
            for (value, field) in [
                (&form.quota_destination, "quota_destination"),
                (&form.quota_provider, "quota_provider"),
                (&form.quota_capacity, "quota_capacity"),
                (&form.quota_starts_on, "quota_starts_on"),
                (&form.quota_ends_on, "quota_ends_on"),
            ] {
                required(value, field, errors, tr);
            }
            NewPlace {
                measure,
                provider: text_of("quota_provider", &form.quota_provider, text::SHORT, errors),
                occupation_code: optional(&form.quota_occupation),
                qualification: None,
                on_the_job: false,
                employer_id: None,
                education_organization_id: None,
                subsidised_application_id: None,
                destination_code: optional(&form.quota_destination),
                decision_number: text_of(
                    "quota_decision_number",
                    &form.quota_decision_number,
                    text::ITEM,
                    errors,
                ),
                decision_on: date_in(&form.quota_decision_on, "quota_decision_on", errors, tr),
                capacity: capacity("quota_capacity", &form.quota_capacity, errors),
                starts_on: date_in(&form.quota_starts_on, "quota_starts_on", errors, tr),
                ends_on: date_in(&form.quota_ends_on, "quota_ends_on", errors, tr),
            }
        }
        _ => {
            if form.course_school.trim().is_empty() {
                required(&form.course_provider, "course_provider", errors, tr);
            }
            for (value, field) in [
                (&form.course_capacity, "course_capacity"),
                (&form.course_starts_on, "course_starts_on"),
                (&form.course_ends_on, "course_ends_on"),
            ] {
                required(value, field, errors, tr);
            }
            NewPlace {
                measure,
                provider: text_of(
                    "course_provider",
                    &form.course_provider,
                    text::SHORT,
                    errors,
                ),
                occupation_code: optional(&form.course_occupation),
                qualification: text_of(
                    "course_qualification",
                    &form.course_qualification,
                    text::TITLE,
                    errors,
                ),
                on_the_job: form.on_the_job.is_some(),
                employer_id: None,
                education_organization_id: optional(&form.course_school),
                subsidised_application_id: None,
                destination_code: None,
                decision_number: None,
                decision_on: None,
                capacity: capacity("course_capacity", &form.course_capacity, errors),
                starts_on: date_in(&form.course_starts_on, "course_starts_on", errors, tr),
                ends_on: date_in(&form.course_ends_on, "course_ends_on", errors, tr),
            }
        }
    };
    errors.is_empty().then_some(new)
}

/// Publishes a course, subsidised jobs or a resettlement quota (`createMeasurePlace`).
pub async fn publish(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<PlaceForm>,
) -> PageResult<Response> {
    let caller = specialist(&page)?.clone();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let measure = match form.form.as_str() {
        "course" => Some(ActiveMeasure::Training),
        "quota" => Some(ActiveMeasure::Resettlement),
        "jobs" => {
            let grant = caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
            let (applications, _) = applications_page(&state, grant, None, SHOWN, 0)
                .await
                .or_page()?;
            applications
                .into_iter()
                .find(|a| a.id == form.jobs_application.trim())
                .and_then(|a| ActiveMeasure::parse(a.measure.code()))
                .or_else(|| {
                    errors.add("jobs_application", tr.t("staffmeasures-required"));
                    None
                })
        }
        _ => return Err(PageError::bad_request()),
    };
    if let Some(new) = measure.and_then(|m| new_place(&form, m, &mut errors, &tr)) {
        match publish_place(&state, &caller, new).await.or_page() {
            Ok(_) => return Ok(Redirect::to("/workspace/measures").into_response()),
            Err(e) if matches!(e.status().as_u16(), 403 | 409 | 422) => {
                errors.add(field_of(&form.form, e.field(), e.code()), e.message(&tr));
            }
            Err(e) => return Err(e),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        overview_page(&state, page, Filter::default(), form, errors).await?,
    )
        .into_response())
}
