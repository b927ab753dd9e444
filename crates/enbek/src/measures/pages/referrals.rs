//! The receiving organisation's referrals (Order 129): the persons a career center referred to an
//! employer's places or to an education organisation's courses, each by its number and measure
//! (no personal data), the tear-off notice returned within five working days (129 App.4, App.5,
//! App.8) and the end of participation. The same use cases as the API's
//! `listActiveMeasureReferrals`, `returnReferralTearOff` and `endActiveMeasure`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use enbek_domain::accounts::access::Role;
use enbek_domain::measures::participation::Ending;
use enbek_domain::measures::referral::ActiveMeasure;
use serde::Deserialize;

use super::cabinet::last_day;
use crate::measures::http::referrals::{
    end_by, listed, tear_off_by, ReferralView, ReferralsQuery, TearOffRequest,
};
use crate::measures::notices::measure_names;
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::web::form::{choices, Choice};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageError, PageResult, Tr};

/// The referrals the page lists at most.
const SHOWN: i64 = 100;

/// Whose referrals a page shows: an employer's (`/employer/referrals`) or an education
/// organisation's (`/education/referrals`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiving {
    Employer,
    School,
}

impl Receiving {
    /// Where its pages are.
    fn base(self) -> &'static str {
        match self {
            Receiving::Employer => "/employer/referrals",
            Receiving::School => "/education/referrals",
        }
    }

    /// The role whose accounts use its pages.
    fn role(self) -> Role {
        match self {
            Receiving::Employer => Role::Employer,
            Receiving::School => Role::EducationStaff,
        }
    }

    /// The prefix of its texts' ids.
    fn texts(self) -> &'static str {
        match self {
            Receiving::Employer => "referrals-employer",
            Receiving::School => "referrals-school",
        }
    }
}

/// A field of a referral's form: its id is the field's name and the referral's id, so that the
/// forms of many referrals stand on one page.
pub struct RowField {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    /// `text`, `date`, `select`, `check` or `radios`.
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub options: Vec<Choice>,
}

impl RowField {
    fn new(
        referral: &str,
        name: &'static str,
        label: String,
        kind: &'static str,
        value: &str,
    ) -> RowField {
        RowField {
            id: format!("{name}-{referral}"),
            name,
            label,
            kind,
            value: value.to_string(),
            error: None,
            options: Vec::new(),
        }
    }

    fn choose_from(mut self, options: Vec<(String, String)>) -> RowField {
        self.options = choices(options, &self.value);
        self
    }
}

/// A referral as the employer reads it, with the form its stage calls for.
struct Row {
    id: String,
    measure: String,
    number: String,
    status: String,
    tear_off_due: Option<String>,
    overdue: bool,
    /// The signed referral (129 App.4, App.5, App.8), to download in Kazakh or Russian.
    document: Option<String>,
    /// For a referral waiting for its notice.
    tear_off: Option<Vec<RowField>>,
    /// For a person taking part.
    end: Option<Vec<RowField>>,
}

#[derive(askama::Template)]
#[template(path = "measures/referrals.html")]
struct ReferralsPage {
    f: Frame,
    /// Where the forms post.
    base: &'static str,
    /// The employer's cabinet, for an employer.
    back: Option<&'static str>,
    title: String,
    lead: String,
    none: String,
    rows: Vec<Row>,
    errors: FormErrors,
}

/// The tear-off notice as sent.
#[derive(Deserialize, Default)]
pub struct TearOffForm {
    #[serde(default)]
    taken: String,
    #[serde(default)]
    order_number: String,
    #[serde(default)]
    order_date: String,
    #[serde(default)]
    contract_number: String,
    #[serde(default)]
    contract_date: String,
    #[serde(default)]
    reason: String,
}

/// The end of participation as sent.
#[derive(Deserialize, Default)]
pub struct EndForm {
    #[serde(default)]
    ending: String,
    good_reason: Option<String>,
    #[serde(default)]
    ended_on: String,
}

/// The form sent back, for the referral it was sent for.
enum Typed {
    None,
    TearOff(String, TearOffForm),
    End(String, EndForm),
}

fn tear_off_fields(tr: &Tr, id: &str, form: &TearOffForm) -> Vec<RowField> {
    vec![
        RowField::new(
            id,
            "taken",
            tr.t("referrals-field-taken"),
            "radios",
            &form.taken,
        )
        .choose_from(vec![
            ("yes".into(), tr.t("referrals-taken-yes")),
            ("no".into(), tr.t("referrals-taken-no")),
        ]),
        RowField::new(
            id,
            "order_number",
            tr.t("referrals-field-order-number"),
            "text",
            &form.order_number,
        ),
        RowField::new(
            id,
            "order_date",
            tr.t("referrals-field-order-date"),
            "date",
            &form.order_date,
        ),
        RowField::new(
            id,
            "contract_number",
            tr.t("referrals-field-contract-number"),
            "text",
            &form.contract_number,
        ),
        RowField::new(
            id,
            "contract_date",
            tr.t("referrals-field-contract-date"),
            "date",
            &form.contract_date,
        ),
        RowField::new(
            id,
            "reason",
            tr.t("referrals-field-reason"),
            "text",
            &form.reason,
        ),
    ]
}

fn end_fields(tr: &Tr, id: &str, form: &EndForm) -> Vec<RowField> {
    let endings = Ending::ALL
        .iter()
        .map(|e| {
            (
                e.code().to_string(),
                tr.t(&format!("referrals-ending-{}", e.code())),
            )
        })
        .collect();
    vec![
        RowField::new(
            id,
            "ending",
            tr.t("referrals-field-ending"),
            "select",
            &form.ending,
        )
        .choose_from(endings),
        RowField::new(
            id,
            "good_reason",
            tr.t("referrals-field-good-reason"),
            "check",
            if form.good_reason.is_some() {
                "yes"
            } else {
                ""
            },
        ),
        RowField::new(
            id,
            "ended_on",
            tr.t("referrals-field-ended-on"),
            "date",
            &form.ended_on,
        ),
    ]
}

fn with_errors(mut fields: Vec<RowField>, errors: &FormErrors) -> Vec<RowField> {
    for f in &mut fields {
        f.error = errors.get(&f.id).map(str::to_string);
    }
    fields
}

/// The signed-in account of the receiving organisation; a visitor is asked to sign in, anyone
/// else refused.
fn receiving(page: &Page, desk: Receiving) -> PageResult<Caller> {
    let caller = page.signed_in()?;
    caller.require(&[desk.role()]).or_page()?;
    Ok(caller.clone())
}

async fn referrals_page(
    state: &AppState,
    page: Page,
    desk: Receiving,
    typed: Typed,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = &receiving(&page, desk)?;
    let query = ReferralsQuery {
        status: None,
        overdue: false,
        limit: Some(SHOWN),
        offset: None,
    };
    let (items, _) = listed(state, caller, &query).await.or_page()?;
    let now = state.clock.now();
    let rows = items
        .into_iter()
        .map(|r| {
            let v = ReferralView::of(r, now);
            let tear_off = (v.status == "referred").then(|| {
                let blank = TearOffForm::default();
                let form = match &typed {
                    Typed::TearOff(id, form) if *id == v.id => form,
                    _ => &blank,
                };
                with_errors(tear_off_fields(&tr, &v.id, form), &errors)
            });
            let end = (v.status == "enrolled").then(|| {
                let blank = EndForm::default();
                let form = match &typed {
                    Typed::End(id, form) if *id == v.id => form,
                    _ => &blank,
                };
                with_errors(end_fields(&tr, &v.id, form), &errors)
            });
            Row {
                measure: ActiveMeasure::parse(&v.measure)
                    .map(|m| measure_names(m).get(tr.lang).to_string())
                    .unwrap_or_else(|| v.measure.clone()),
                number: v.number.clone().unwrap_or_default(),
                status: tr.t(&format!("referrals-status-{}", v.status)),
                tear_off_due: v
                    .tear_off_due_at
                    .filter(|_| v.status == "referred")
                    .map(|at| last_day(&tr, at)),
                overdue: v.tear_off_overdue,
                document: v.document_id.clone(),
                tear_off,
                end,
                id: v.id,
            }
        })
        .collect();
    let texts = desk.texts();
    render(&ReferralsPage {
        base: desk.base(),
        back: (desk == Receiving::Employer).then_some("/employer"),
        title: tr.t(&format!("{texts}-title")),
        lead: tr.t(&format!("{texts}-lead")),
        none: tr.t(&format!("{texts}-none")),
        rows,
        errors,
        f: page.frame,
    })
}

/// The referrals to the employer's places, the earliest tear-off term first.
pub async fn list(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    referrals_page(
        &state,
        page,
        Receiving::Employer,
        Typed::None,
        FormErrors::new(),
    )
    .await
}

/// The referrals to the education organisation's courses, the earliest tear-off term first.
pub async fn school_list(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    referrals_page(
        &state,
        page,
        Receiving::School,
        Typed::None,
        FormErrors::new(),
    )
    .await
}

/// The employer returns a tear-off notice.
pub async fn return_tear_off(
    state: State<AppState>,
    page: Page,
    id: Path<String>,
    form: CsrfForm<TearOffForm>,
) -> PageResult<Response> {
    tear_off_at(state, page, Receiving::Employer, id, form).await
}

/// The education organisation returns a tear-off notice, with its enrolment order (129 App.4).
pub async fn school_tear_off(
    state: State<AppState>,
    page: Page,
    id: Path<String>,
    form: CsrfForm<TearOffForm>,
) -> PageResult<Response> {
    tear_off_at(state, page, Receiving::School, id, form).await
}

/// The employer records how participation ended.
pub async fn end(
    state: State<AppState>,
    page: Page,
    id: Path<String>,
    form: CsrfForm<EndForm>,
) -> PageResult<Response> {
    end_at(state, page, Receiving::Employer, id, form).await
}

/// The education organisation records how the training ended.
pub async fn school_end(
    state: State<AppState>,
    page: Page,
    id: Path<String>,
    form: CsrfForm<EndForm>,
) -> PageResult<Response> {
    end_at(state, page, Receiving::School, id, form).await
}

/// A date of the form, or an error beside its field.
fn date(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let d = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    if d.is_none() {
        errors.add(field, tr.t("referrals-not-a-date"));
    }
    d
}

fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A refusal of the use case, in this page's words when it has its own, beside `field`.
fn add_refusal(errors: &mut FormErrors, field: String, e: &PageError, tr: &Tr) {
    let own = format!("referrals-error-{}", e.code());
    let message = if tr.has(&own) {
        tr.t(&own)
    } else {
        e.message(tr)
    };
    errors.add(&field, message);
}

/// Returns a referral's tear-off notice (`returnReferralTearOff`): taken, with the order or the
/// contract, or not taken with the reason.
async fn tear_off_at(
    State(state): State<AppState>,
    page: Page,
    desk: Receiving,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<TearOffForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = receiving(&page, desk)?;
    let at = |name: &str| format!("{name}-{id}");
    let mut errors = FormErrors::new();
    let taken = match form.taken.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add(&at("taken"), tr.t("referrals-required-taken"));
            None
        }
    };
    let order_date = date(&form.order_date, &at("order_date"), &mut errors, &tr);
    let contract_date = date(&form.contract_date, &at("contract_date"), &mut errors, &tr);
    if taken == Some(true)
        && text(&form.order_number).is_none()
        && text(&form.contract_number).is_none()
    {
        errors.add(&at("order_number"), tr.t("referrals-required-order"));
    }
    if let (Some(taken), true) = (taken, errors.is_empty()) {
        let body = TearOffRequest {
            taken,
            order_number: text(&form.order_number),
            order_date,
            contract_number: text(&form.contract_number),
            contract_date,
            starts_on: None,
            ends_on: None,
            housing: None,
            reason: text(&form.reason),
        };
        let returned = tear_off_by(&state, &caller, &id, body).await.or_page();
        match returned {
            Ok(_) => {
                return Ok(Redirect::to(&format!("{}#referral-{id}", desk.base())).into_response())
            }
            Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
                let field = match (e.code(), e.field()) {
                    (_, Some("reason")) => "reason",
                    ("invalid_date", _) => "order_date",
                    _ => "order_number",
                };
                add_refusal(&mut errors, at(field), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        referrals_page(&state, page, desk, Typed::TearOff(id.clone(), form), errors).await?,
    )
        .into_response())
}

/// Records how participation ended (`endActiveMeasure`): completed, quit (with or without good
/// reason: 214 p.51(3)) or dismissed, on its last day.
async fn end_at(
    State(state): State<AppState>,
    page: Page,
    desk: Receiving,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<EndForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = receiving(&page, desk)?;
    let at = |name: &str| format!("{name}-{id}");
    let mut errors = FormErrors::new();
    let ending = Ending::parse(form.ending.trim());
    if ending.is_none() {
        errors.add(&at("ending"), tr.t("referrals-required-ending"));
    }
    let ended_on = date(&form.ended_on, &at("ended_on"), &mut errors, &tr);
    if form.ended_on.trim().is_empty() {
        errors.add(&at("ended_on"), tr.t("referrals-required-ended-on"));
    }
    if let (Some(ending), Some(on), true) = (ending, ended_on, errors.is_empty()) {
        let ended = end_by(&state, &caller, &id, ending, form.good_reason.is_some(), on)
            .await
            .or_page();
        match ended {
            Ok(_) => {
                return Ok(Redirect::to(&format!("{}#referral-{id}", desk.base())).into_response())
            }
            Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
                let field = if e.code() == "invalid_date" {
                    "ended_on"
                } else {
                    "ending"
                };
                add_refusal(&mut errors, at(field), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        referrals_page(&state, page, desk, Typed::End(id.clone(), form), errors).await?,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn every_ending_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for e in Ending::ALL {
                let id = format!("referrals-ending-{}", e.code());
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
