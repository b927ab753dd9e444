//! The workspace's plan editor (214 p.61–65, 214 App.10): a registration's individual
//! employment plan with its items, their terms and state and both signatures, or the form to
//! draw it up from the suggested actions (kept, changed, dropped or added, no script needed),
//! which the specialist signs by saving it. From the same page the specialist records what came
//! of an item and acknowledges a change the person reported (214 p.64). The same use cases as
//! `suggestPlanActions`, `createEmploymentPlan`, `getEmploymentPlan`, `recordPlanItem` and
//! `acknowledgeCircumstance`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, Months, NaiveDate};
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registration::plan::Action;
use enbek_domain::registration::Status;
use serde::Deserialize;

use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::state::AppState;
use crate::registration::http::plans::{draw_up, PlanAction, PlanContact, PlanRequest};
use crate::registration::pages::last_day;
use crate::registration::service::cards::registration_in_scope;
use crate::registration::service::plans::{self as service, ShownPlan};
use crate::registration::store::registrations::Registration;
use crate::web::form::{choices, Choice, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageResult, Tr};

/// Empty rows the form always offers for actions and contacts to add.
const SPARE_ROWS: usize = 2;
/// The most rows a sent form is read for.
const MOST_ROWS: usize = 40;
/// The days from today a suggested action is due by default.
const ACTION_DAYS: u64 = 14;
/// The months a new plan runs by default.
const PLAN_MONTHS: u32 = 6;

/// The signed-in caseworker (a specialist or a mobility center's officer).
fn caseworker(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&CASEWORK).or_page()?;
    Ok(caller)
}

fn is_specialist(caller: &Caller) -> bool {
    caller.require(&[Role::CareerCenterSpecialist]).is_ok()
}

fn plan_href(registration_id: &str) -> String {
    format!("/workspace/registrations/{registration_id}/plan")
}

/// An item of the plan as the page lists it, with the outcomes that may be recorded.
pub struct ItemView {
    pub id: String,
    pub what: String,
    pub section: Option<String>,
    pub note: Option<String>,
    pub due: String,
    pub state: String,
    pub overdue: bool,
    /// (outcome, label) the specialist may record; none once recorded.
    pub outcomes: Vec<(String, String)>,
}

/// The plan as the page shows it.
pub struct PlanShown {
    pub goal: String,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub valid_until: String,
    pub drawn_up: String,
    pub within_term: bool,
    pub due: String,
    pub signed_by_specialist: String,
    pub signed_by_person: Option<String>,
    pub items: Vec<ItemView>,
}

fn shown(tr: &Tr, p: ShownPlan, specialist: bool) -> PlanShown {
    let plan = p.plan;
    PlanShown {
        goal: plan.goal,
        education: plan.education,
        occupation: plan.occupation,
        valid_until: tr.date(plan.valid_until),
        drawn_up: tr.date(local_date(plan.created_at)),
        within_term: plan.created_at <= plan.due_at,
        due: last_day(tr, plan.due_at),
        signed_by_specialist: tr.date(local_date(plan.signed_by_specialist_at)),
        signed_by_person: plan.signed_by_person_at.map(|at| tr.date(local_date(at))),
        items: p
            .items
            .into_iter()
            .map(|s| {
                let i = s.item;
                let outcomes: &[&str] = match (&i.outcome, i.action) {
                    (Some(_), _) => &[],
                    (None, Some(_)) => &["done"],
                    (None, None) => &["attended", "missed"],
                };
                ItemView {
                    what: match i.action {
                        Some(a) => tr.t(&format!("plan-action-{}", a.code())),
                        None => tr.t("plan-contact"),
                    },
                    section: i
                        .action
                        .map(|a| tr.t(&format!("caseplan-section-{}", a.section().as_str()))),
                    note: i.note.filter(|n| !n.is_empty()),
                    due: tr.date(i.due_on),
                    state: match (i.outcome.as_deref(), s.overdue) {
                        (Some(outcome), _) => tr.t(&format!("caseplan-outcome-{outcome}")),
                        (None, true) => tr.t("plan-overdue"),
                        (None, false) => tr.t("plan-ahead"),
                    },
                    overdue: s.overdue,
                    outcomes: if specialist {
                        outcomes
                            .iter()
                            .map(|o| (o.to_string(), tr.t(&format!("caseplan-record-{o}"))))
                            .collect()
                    } else {
                        Vec::new()
                    },
                    id: i.id,
                }
            })
            .collect(),
    }
}

/// A change the person reported that awaits the career center.
pub struct ReportView {
    pub id: String,
    pub what: String,
    pub occurred: String,
    pub reported: String,
    pub late: bool,
    pub details: Option<String>,
}

/// A row of actions in the form: the action (none drops the row), its day and a note.
pub struct ActionRow {
    pub action: String,
    pub due_on: String,
    pub note: String,
    /// Why it was suggested, in the reader's words.
    pub reason: Option<String>,
}

/// A row of the schedule of contacts (214 App.10 part 3).
pub struct ContactRow {
    pub on: String,
    pub purpose: String,
}

/// The plan as the form holds it: every value as typed.
pub struct Draft {
    pub goal: String,
    pub education: String,
    pub occupation: String,
    pub valid_until: String,
    pub actions: Vec<ActionRow>,
    pub contacts: Vec<ContactRow>,
}

/// A row of actions as the template draws it.
pub struct ActionField {
    pub n: usize,
    pub options: Vec<Choice>,
    pub due_on: String,
    pub note: String,
    pub reason: Option<String>,
    pub error: Option<String>,
}

/// A row of contacts as the template draws it.
pub struct ContactField {
    pub n: usize,
    pub on: String,
    pub purpose: String,
    pub error: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "registration/workspace/plan.html")]
struct EditorPage {
    f: Frame,
    card: String,
    plan: Option<PlanShown>,
    reports: Vec<ReportView>,
    /// Why there is no form to draw up the plan, when there is none.
    no_form: Option<String>,
    fields: Vec<Field>,
    actions: Vec<ActionField>,
    contacts: Vec<ContactField>,
    action_id: String,
    errors: FormErrors,
    done: Option<String>,
}

/// The words of a reason of a suggestion (the domain gives it in English).
fn reason_id(why: &str) -> Option<&'static str> {
    Some(match why {
        "every plan" => "caseplan-reason-every",
        "no vocational education on the card" => "caseplan-reason-education",
        "under 30 with vocational or higher education" => "caseplan-reason-youth",
        "a long expected search" => "caseplan-reason-long-term",
        "a rural resident" => "caseplan-reason-rural",
        "contributions for 6 of the 24 months before registration" => "caseplan-reason-jobloss",
        _ => return None,
    })
}

/// A reason of a suggestion in the reader's words.
fn reason(tr: &Tr, why: &str) -> String {
    reason_id(why).map_or_else(|| why.to_string(), |id| tr.t(id))
}

/// The form of a new plan: the suggested actions due in two weeks, one contact, six months.
async fn suggested(state: &AppState, reg: &Registration, tr: &Tr) -> PageResult<Draft> {
    let today = local_date(state.clock.now());
    let due = today + Days::new(ACTION_DAYS);
    let actions = service::suggestions(state, reg)
        .await
        .or_page()?
        .into_iter()
        .map(|(action, why)| ActionRow {
            action: action.code().to_string(),
            due_on: due.to_string(),
            note: String::new(),
            reason: Some(reason(tr, why)),
        })
        .collect();
    let valid_until = today
        .checked_add_months(Months::new(PLAN_MONTHS))
        .unwrap_or(today);
    Ok(Draft {
        goal: String::new(),
        education: String::new(),
        occupation: String::new(),
        valid_until: valid_until.to_string(),
        actions,
        contacts: vec![ContactRow {
            on: due.to_string(),
            purpose: tr.t("caseplan-contact-purpose-default"),
        }],
    })
}

/// The draft a sent form holds: its numbered rows in order.
fn draft_of(sent: Vec<(String, String)>) -> Draft {
    let values: HashMap<String, String> = sent.into_iter().collect();
    let get = |key: &str| {
        values
            .get(key)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let actions = (0..MOST_ROWS)
        .filter(|n| values.contains_key(&format!("action-{n}")))
        .map(|n| ActionRow {
            action: get(&format!("action-{n}")),
            due_on: get(&format!("due-{n}")),
            note: get(&format!("note-{n}")),
            reason: None,
        })
        .filter(|row| !(row.action.is_empty() && row.due_on.is_empty() && row.note.is_empty()))
        .collect();
    let contacts = (0..MOST_ROWS)
        .filter(|n| values.contains_key(&format!("contact-on-{n}")))
        .map(|n| ContactRow {
            on: get(&format!("contact-on-{n}")),
            purpose: get(&format!("contact-purpose-{n}")),
        })
        .filter(|row| !(row.on.is_empty() && row.purpose.is_empty()))
        .collect();
    Draft {
        goal: get("goal"),
        education: get("education"),
        occupation: get("occupation"),
        valid_until: get("valid_until"),
        actions,
        contacts,
    }
}

fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// The request the draft makes: rows without an action (or a contact without a day and a
/// purpose) are left out; a goal not given, or a day that is not a date, is said at its field.
fn request(draft: &Draft, errors: &mut FormErrors, tr: &Tr) -> Option<PlanRequest> {
    if draft.goal.is_empty() {
        errors.add("goal", tr.t("caseplan-goal-required"));
    }
    let valid_until = date(&draft.valid_until);
    if valid_until.is_none() {
        errors.add("valid_until", tr.t("caseplan-date-required"));
    }
    let mut actions = Vec::new();
    for (n, row) in draft.actions.iter().enumerate() {
        if row.action.is_empty() {
            continue;
        }
        match date(&row.due_on) {
            Some(due_on) => actions.push(PlanAction {
                action: row.action.clone(),
                due_on,
                note: optional(&row.note),
            }),
            None => errors.add(&format!("due-{n}"), tr.t("caseplan-date-required")),
        }
    }
    let mut contacts = Vec::new();
    for (n, row) in draft.contacts.iter().enumerate() {
        if row.on.is_empty() && row.purpose.is_empty() {
            continue;
        }
        match date(&row.on) {
            Some(on) => contacts.push(PlanContact {
                on,
                purpose: row.purpose.clone(),
            }),
            None => errors.add(&format!("contact-on-{n}"), tr.t("caseplan-date-required")),
        }
    }
    let valid_until = valid_until?;
    errors.is_empty().then(|| PlanRequest {
        goal: draft.goal.clone(),
        education: optional(&draft.education),
        occupation: optional(&draft.occupation),
        valid_until,
        actions,
        contacts,
    })
}

fn action_options(tr: &Tr) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), tr.t("caseplan-action-none"))];
    options.extend(Action::ALL.iter().map(|a| {
        (
            a.code().to_string(),
            tr.t(&format!("plan-action-{}", a.code())),
        )
    }));
    options
}

/// The form's fields and rows, with the spare rows to add and each error at its field.
fn form_parts(
    draft: Draft,
    errors: &FormErrors,
    tr: &Tr,
) -> (Vec<Field>, Vec<ActionField>, Vec<ContactField>) {
    let error = |id: &str| errors.get(id).map(str::to_string);
    let mut fields = vec![
        Field::new("goal", tr.t("caseplan-goal"), "textarea", &draft.goal)
            .hint(tr.t("caseplan-goal-hint")),
        Field::new(
            "education",
            tr.t("caseplan-education"),
            "text",
            &draft.education,
        )
        .hint(tr.t("caseplan-education-hint")),
        Field::new(
            "occupation",
            tr.t("caseplan-occupation"),
            "text",
            &draft.occupation,
        )
        .hint(tr.t("caseplan-occupation-hint")),
        Field::new(
            "valid_until",
            tr.t("plan-valid-until"),
            "date",
            &draft.valid_until,
        ),
    ];
    for field in &mut fields {
        field.error = error(field.id);
    }
    let options = action_options(tr);
    let spare = (0..SPARE_ROWS).map(|_| ActionRow {
        action: String::new(),
        due_on: String::new(),
        note: String::new(),
        reason: None,
    });
    let actions = draft
        .actions
        .into_iter()
        .chain(spare)
        .enumerate()
        .map(|(n, row)| ActionField {
            n,
            options: choices(options.clone(), &row.action),
            error: error(&format!("due-{n}")),
            due_on: row.due_on,
            note: row.note,
            reason: row.reason,
        })
        .collect();
    let spare = (0..SPARE_ROWS).map(|_| ContactRow {
        on: String::new(),
        purpose: String::new(),
    });
    let contacts = draft
        .contacts
        .into_iter()
        .chain(spare)
        .enumerate()
        .map(|(n, row)| ContactField {
            n,
            error: error(&format!("contact-on-{n}")),
            on: row.on,
            purpose: row.purpose,
        })
        .collect();
    (fields, actions, contacts)
}

/// What the page shows besides the form: the plan if there is one, and the open reports.
async fn editor(
    state: &AppState,
    page: Page,
    reg: Registration,
    draft: Option<Draft>,
    errors: FormErrors,
    done: Option<String>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let tr = page.tr();
    let specialist = is_specialist(caller);
    let plan = match service::plan_of(state, &reg).await.or_page() {
        Ok(p) => Some(shown(&tr, p, specialist)),
        Err(e) if e.status() == StatusCode::NOT_FOUND => None,
        Err(e) => return Err(e),
    };
    let reports = service::open_reports_of(state, &reg)
        .await
        .or_page()?
        .into_iter()
        .map(|r| ReportView {
            id: r.id,
            what: tr.t(&format!("plan-change-{}", r.kind.code())),
            occurred: tr.date(r.occurred_on),
            reported: tr.date(local_date(r.reported_at)),
            late: r.reported_late,
            details: r.details,
        })
        .collect();
    let no_form = if plan.is_some() {
        None
    } else if reg.status != Status::Unemployed {
        Some(tr.t("caseplan-not-unemployed"))
    } else if !specialist {
        Some(tr.t("caseplan-specialist-only"))
    } else {
        None
    };
    let draft = match (draft, &no_form, &plan) {
        (Some(d), None, None) => Some(d),
        (None, None, None) => Some(suggested(state, &reg, &tr).await?),
        _ => None,
    };
    let (fields, actions, contacts) = match draft {
        Some(d) => form_parts(d, &errors, &tr),
        None => Default::default(),
    };
    let status = errors.status();
    let html = render(&EditorPage {
        card: format!("/workspace/registrations/{}", reg.id),
        action_id: plan_href(&reg.id),
        plan,
        reports,
        no_form,
        fields,
        actions,
        contacts,
        errors,
        done,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The registration's plan, or the form to draw it up.
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let reg = registration_in_scope(&state, caller, &id, &CASEWORK)
        .await
        .or_page()?;
    editor(&state, page, reg, None, FormErrors::new(), None).await
}

/// The field a refusal of the plan is shown at.
fn refusal_field(code: &str, field: Option<&str>) -> (&'static str, Option<&'static str>) {
    match (code, field) {
        (_, Some("goal")) => ("goal", Some("caseplan-goal-required")),
        (_, Some("education")) => ("education", None),
        (_, Some("occupation")) => ("occupation", None),
        (_, Some("note")) => ("note-0", None),
        (_, Some("purpose")) => ("contact-purpose-0", None),
        ("invalid_date", _) => ("valid_until", Some("caseplan-dates-range")),
        ("invalid_value", _) => ("actions", Some("caseplan-goal-and-action")),
        ("plan_exists", _) => ("goal", Some("caseplan-plan-exists")),
        _ => ("goal", None),
    }
}

/// The specialist draws up the plan and signs it by saving it; a refused form comes back with
/// each error at its field.
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(sent): CsrfForm<Vec<(String, String)>>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?.clone();
    let reg = registration_in_scope(&state, &caller, &id, &CASEWORK)
        .await
        .or_page()?;
    let tr = page.tr();
    let draft = draft_of(sent);
    let mut errors = FormErrors::new();
    if let Some(body) = request(&draft, &mut errors, &tr) {
        match draw_up(&state, &caller, &id, body).await.or_page() {
            Ok(_) => {
                let done = Some(tr.t("caseplan-created"));
                return editor(&state, page, reg, None, FormErrors::new(), done).await;
            }
            Err(e) if e.status().is_client_error() && e.status() != StatusCode::FORBIDDEN => {
                let (at, own) = refusal_field(e.code(), e.field());
                let message = own.map_or_else(|| e.message(&tr), |id| tr.t(id));
                errors.add(at, message);
            }
            Err(e) => return Err(e),
        }
    }
    editor(&state, page, reg, Some(draft), errors, None).await
}

/// The outcome sent for an item.
#[derive(Deserialize)]
pub struct OutcomeForm {
    #[serde(default)]
    outcome: String,
}

/// The specialist records what came of an item of the plan, then sees the plan again.
pub async fn record(
    State(state): State<AppState>,
    page: Page,
    Path(item): Path<String>,
    CsrfForm(form): CsrfForm<OutcomeForm>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    caller.require(&[Role::CareerCenterSpecialist]).or_page()?;
    let plan = service::record_by(&state, caller, &item, &form.outcome)
        .await
        .or_page()?;
    Ok(Redirect::to(&plan_href(&plan.plan.registration_id)).into_response())
}

#[derive(Deserialize)]
pub struct AcknowledgeForm {}

/// The career center acknowledges a change the person reported, then sees the plan again.
pub async fn acknowledge(
    State(state): State<AppState>,
    page: Page,
    Path(report): Path<String>,
    CsrfForm(_): CsrfForm<AcknowledgeForm>,
) -> PageResult<Response> {
    let caller = caseworker(&page)?;
    let report = service::acknowledge_by(&state, caller, &report)
        .await
        .or_page()?;
    Ok(Redirect::to(&plan_href(&report.registration_id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;
    use enbek_domain::registration::plan::{suggest, PlanFacts, Section};

    #[test]
    fn every_action_section_outcome_and_reason_has_its_words_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for a in Action::ALL {
                assert!(tr.has(&format!("plan-action-{}", a.code())));
                let section: Section = a.section();
                let id = format!("caseplan-section-{}", section.as_str());
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
            for o in ["done", "attended", "missed"] {
                assert!(tr.has(&format!("caseplan-outcome-{o}")));
                assert!(tr.has(&format!("caseplan-record-{o}")));
            }
            let facts = PlanFacts {
                category: Some(enbek_domain::registration::category::Category::LongTerm),
                age: 25,
                education_level: None,
                rural: true,
                jobloss_eligible: true,
            };
            let young = PlanFacts {
                education_level: Some("higher".to_string()),
                ..facts.clone()
            };
            for (_, why) in suggest(&facts).into_iter().chain(suggest(&young)) {
                let id = reason_id(why).unwrap_or_else(|| panic!("words for {why}"));
                assert!(tr.has(id), "{id} in {}", lang.as_str());
            }
        }
    }

    #[test]
    fn a_sent_form_keeps_its_rows_in_order_and_drops_the_empty_ones() {
        let sent = vec![
            ("goal".to_string(), " Бухгалтер ".to_string()),
            ("valid_until".to_string(), "2026-09-20".to_string()),
            ("action-0".to_string(), "portal_search".to_string()),
            ("due-0".to_string(), "2026-04-01".to_string()),
            ("action-1".to_string(), String::new()),
            ("due-1".to_string(), "2026-04-01".to_string()),
            ("action-2".to_string(), "training".to_string()),
            ("due-2".to_string(), "soon".to_string()),
            ("contact-on-0".to_string(), String::new()),
            ("contact-purpose-0".to_string(), String::new()),
        ];
        let draft = draft_of(sent);
        assert_eq!(draft.goal, "Бухгалтер");
        assert_eq!(
            draft.actions.len(),
            3,
            "a removed row is kept, to be shown again"
        );
        assert!(draft.contacts.is_empty(), "an empty row is not");
        let tr = Tr::new(Lang::Ru);
        let mut errors = FormErrors::new();
        assert!(request(&draft, &mut errors, &tr).is_none());
        assert!(errors.has("due-2") && !errors.has("due-1"));
        let mut draft = draft;
        draft.actions.pop();
        let mut errors = FormErrors::new();
        let body = request(&draft, &mut errors, &tr).expect("a request");
        assert_eq!(body.actions.len(), 1);
        assert!(body.contacts.is_empty());
    }
}
