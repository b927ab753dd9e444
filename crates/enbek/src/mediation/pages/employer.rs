//! The employer's cabinet: the company and its verification state, its vacancies (post with the
//! refusals of 214 p.66 next to their fields, close), and the candidates of each with the reasons
//! of their match, interviews, the decision and a no-show. The same use cases as the API's
//! `registerEmployer`, `listMyVacancies`, `createVacancy`, `closeVacancy`,
//! `listVacancyCandidates`, `scheduleInterview`, `decideOnCandidate` and `recordNoShow`.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use enbek_domain::mediation::employer::Verification;
use enbek_domain::mediation::vacancy::{
    EducationLevel, EmploymentType, ExcludedCategory, VacancyStatus, WorkCondition, WorkRegime,
};
use enbek_domain::reference::office_hours::{kz_offset, local_date};
use enbek_domain::reference::parameters::keys;
use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::mediation::http::employers::{
    layoff_groups, new_employer, new_vacancy, EmployerRequest, VacancyRequest,
};
use crate::mediation::service::employers::{
    self as service, my_employer, Employer, LayoffGroup, Vacancy,
};
use crate::mediation::service::offers::{self as offers, Referred, SELF_RESPONSE};
use crate::platform::state::AppState;
use crate::reference::interface::occupation_names;
use crate::reference::interface::region_names;
use crate::web::form::{choices, with_errors, Choice, Field};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageError, PageResult, Tr};

/// With a status other than 200 (a form sent back with its errors).
fn with_status(status: StatusCode, response: Response) -> Response {
    (status, response).into_response()
}

/// A use case's refusal in the cabinet's words when it has its own (`employer-error-<code>`),
/// else in the frame's.
fn refusal(e: &PageError, tr: &Tr) -> String {
    let own = format!("employer-error-{}", e.code());
    if tr.has(&own) {
        tr.t(&own)
    } else {
        e.message(tr)
    }
}

/// A refusal shown next to `field` (or the field the problem names).
fn add_refusal(errors: &mut FormErrors, field: &str, e: &PageError, tr: &Tr) {
    errors.add(e.field().unwrap_or(field), refusal(e, tr));
}

/// A whole number typed into a form (spaces between the digits allowed); empty is none.
fn number<T: std::str::FromStr>(
    value: &str,
    field: &str,
    errors: &mut FormErrors,
    tr: &Tr,
) -> Option<T> {
    let digits = value.trim().replace([' ', '\u{a0}'], "");
    if digits.is_empty() {
        return None;
    }
    match digits.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(field, tr.t("employer-not-a-number"));
            None
        }
    }
}

fn required(value: &str, field: &str, errors: &mut FormErrors, tr: &Tr) {
    if value.trim().is_empty() {
        errors.add(field, tr.t("employer-required"));
    }
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

// --- The company -------------------------------------------------------------------------------

/// The company as the cabinet shows it.
struct Company {
    name: String,
    bin: String,
    kind: String,
    verification: String,
    /// `verified`, `pending` or `refused`: the notice's style and what to do next.
    state: &'static str,
    next: String,
    verified_on: Option<String>,
    email: Option<String>,
    region: String,
}

fn company(e: &Employer, tr: &Tr) -> Company {
    let regions: HashMap<_, _> = region_names(tr.lang).into_iter().collect();
    let state = e.verification.as_str();
    let next = match e.verification {
        Verification::Verified => tr.t("employer-verified-next"),
        Verification::Pending => tr.t("employer-pending-next"),
        Verification::Refused => tr.t("employer-refused-next"),
    };
    Company {
        name: e.name.clone(),
        bin: e.bin.clone(),
        kind: tr.t(&format!("employer-kind-{}", e.kind.as_str())),
        verification: tr.t(&format!("employer-verification-{state}")),
        state: match e.verification {
            Verification::Verified => "verified",
            Verification::Pending => "pending",
            Verification::Refused => "refused",
        },
        next,
        verified_on: e.verified_at.map(|at| tr.date(local_date(at))),
        email: e.email.clone(),
        region: regions
            .get(&e.region_code)
            .cloned()
            .unwrap_or_else(|| e.region_code.clone()),
    }
}

/// A vacancy as the cabinet lists it.
struct OwnCard {
    id: String,
    title: String,
    pay: String,
    status: String,
    open: bool,
    positions: String,
    posted: String,
    valid_until: String,
}

fn status_of(v: &Vacancy, today: NaiveDate) -> VacancyStatus {
    if v.status == VacancyStatus::Open && v.valid_until < today {
        VacancyStatus::Expired
    } else {
        v.status
    }
}

fn own_card(v: &Vacancy, tr: &Tr, today: NaiveDate) -> OwnCard {
    let status = status_of(v, today);
    OwnCard {
        id: v.id.clone(),
        title: v.title.clone(),
        pay: tr.pay(v.salary_from, v.salary_to),
        status: tr.t(&format!("vacancy-status-{}", status.as_str())),
        open: status == VacancyStatus::Open,
        positions: tr.with(
            "employer-positions-open",
            &[
                ("open", FluentValue::from(tr.number(v.positions_open))),
                ("all", FluentValue::from(tr.number(v.positions))),
            ],
        ),
        posted: tr.date(local_date(v.posted_at)),
        valid_until: tr.date(v.valid_until),
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/employer/home.html")]
struct HomePage {
    f: Frame,
    company: Option<Company>,
    may_post: bool,
    vacancies: Vec<OwnCard>,
    /// The registration form, for an account without a company (or whose company the registry
    /// refused).
    form: Option<Vec<Field>>,
    errors: FormErrors,
}

/// The registration form's fields, with what was typed.
fn register_fields(tr: &Tr, form: &RegisterForm) -> Vec<Field> {
    vec![
        Field::new("bin", tr.t("employer-field-bin"), "numeric", &form.bin)
            .hint(tr.t("employer-field-bin-hint")),
        Field::new("name", tr.t("employer-field-name"), "text", &form.name),
        Field::new(
            "region_code",
            tr.t("employer-field-region"),
            "select",
            &form.region_code,
        )
        .options(choices(region_names(tr.lang), form.region_code.trim())),
        Field::new(
            "district_code",
            tr.t("employer-field-district"),
            "numeric",
            &form.district_code,
        )
        .hint(tr.t("employer-field-kato-hint")),
        Field::new(
            "locality_code",
            tr.t("employer-field-locality"),
            "numeric",
            &form.locality_code,
        )
        .hint(tr.t("employer-field-kato-hint")),
        Field::new("email", tr.t("employer-field-email"), "email", &form.email)
            .hint(tr.t("employer-field-email-hint")),
    ]
}

/// The registration form as sent.
#[derive(Deserialize, Default)]
pub struct RegisterForm {
    #[serde(default)]
    bin: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    district_code: String,
    #[serde(default)]
    locality_code: String,
    #[serde(default)]
    email: String,
}

async fn home_page(
    state: &AppState,
    page: Page,
    form: Option<RegisterForm>,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let employer = match my_employer(state, caller).await.or_page() {
        Ok(e) => Some(e),
        Err(e) if e.status() == StatusCode::FORBIDDEN => None,
        Err(e) => return Err(e),
    };
    let today = local_date(state.clock.now());
    let vacancies = match &employer {
        Some(_) => service::own_vacancies(state, caller).await.or_page()?.1,
        None => Vec::new(),
    };
    let registers = employer
        .as_ref()
        .is_none_or(|e| e.verification == Verification::Refused);
    let form = registers.then(|| {
        let typed = form.unwrap_or_default();
        with_errors(register_fields(&tr, &typed), &errors)
    });
    render(&HomePage {
        may_post: employer
            .as_ref()
            .is_some_and(|e| e.verification == Verification::Verified),
        company: employer.as_ref().map(|e| company(e, &tr)),
        vacancies: vacancies.iter().map(|v| own_card(v, &tr, today)).collect(),
        form,
        errors,
        f: page.frame,
    })
}

/// The cabinet's home: the company and its verification state and its vacancies; for an account
/// without a company, the form to register it.
pub async fn home(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    home_page(&state, page, None, FormErrors::new()).await
}

/// Registers the company (`registerEmployer`): verified by the registry at once, or pending
/// until it answers; a refusal is shown next to its field.
pub async fn register(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    required(&form.bin, "bin", &mut errors, &tr);
    required(&form.name, "name", &mut errors, &tr);
    required(&form.region_code, "region_code", &mut errors, &tr);
    required(&form.district_code, "district_code", &mut errors, &tr);
    required(&form.locality_code, "locality_code", &mut errors, &tr);
    if errors.is_empty() {
        let request = EmployerRequest {
            bin: form.bin.trim().to_string(),
            name: form.name.clone(),
            region_code: form.region_code.trim().to_string(),
            district_code: form.district_code.trim().to_string(),
            locality_code: form.locality_code.trim().to_string(),
            email: optional(&form.email),
        };
        let registered = match new_employer(request) {
            Ok(new) => service::register(&state, &caller.account_id, new)
                .await
                .or_page(),
            Err(e) => Err(e).or_page(),
        };
        match registered {
            Ok(_) => return Ok(Redirect::to("/employer").into_response()),
            Err(e) if e.status().is_client_error() => {
                let field = match e.code() {
                    "unknown_territory" | "invalid_value" => "region_code",
                    "invalid_text" => "name",
                    _ => "bin",
                };
                add_refusal(&mut errors, field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        home_page(&state, page, Some(form), errors).await?,
    ))
}

// --- Posting a vacancy -------------------------------------------------------------------------

#[derive(askama::Template)]
#[template(path = "mediation/employer/vacancy_form.html")]
struct VacancyFormPage {
    f: Frame,
    company: String,
    /// Where the form goes: a new vacancy, or the one it edits.
    action: String,
    editing: bool,
    fields: Vec<Field>,
    errors: FormErrors,
}

/// The vacancy form as sent: every value as text (the conditions as `condition-<code>` boxes).
type Sent = HashMap<String, String>;

fn sent<'a>(form: &'a Sent, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
    tr: &Tr,
) -> Vec<(String, String)> {
    all.iter()
        .map(|c| (code(*c).to_string(), tr.t(&format!("{prefix}{}", code(*c)))))
        .collect()
}

/// The vacancy form's fields, with what was typed (or the company's place to start with).
async fn vacancy_fields(state: &AppState, tr: &Tr, form: &Sent) -> PageResult<Vec<Field>> {
    let occupation_list = occupation_names(state, tr.lang)
        .await
        .or_page()?
        .into_iter()
        .collect();
    let minimum = state
        .parameters()
        .int_on(keys::MIN_MONTHLY_WAGE, local_date(state.clock.now()));
    let mut educations = vec![(String::new(), tr.t("employer-education-any"))];
    educations.extend(coded(
        &EducationLevel::ALL,
        EducationLevel::code,
        "education-",
        tr,
    ));
    let mut categories = vec![(String::new(), tr.t("employer-category-none"))];
    categories.extend(coded(
        &ExcludedCategory::ALL,
        ExcludedCategory::code,
        "employer-category-",
        tr,
    ));
    let conditions = WorkCondition::ALL
        .iter()
        .map(|c| Choice {
            value: c.code().to_string(),
            label: tr.t(&format!("condition-{}", c.code())),
            selected: !sent(form, &format!("condition-{}", c.code())).is_empty(),
        })
        .collect();
    let v = |name: &str| sent(form, name).to_string();
    Ok(vec![
        Field::new("title", tr.t("employer-field-title"), "text", &v("title")),
        Field::new(
            "occupation_code",
            tr.t("employer-field-occupation"),
            "select",
            "",
        )
        .options(choices(
            occupation_list,
            sent(form, "occupation_code").trim(),
        )),
        Field::new(
            "positions",
            tr.t("employer-field-positions"),
            "numeric",
            &v("positions"),
        ),
        Field::new(
            "salary_from",
            tr.t("employer-field-salary-from"),
            "numeric",
            &v("salary_from"),
        )
        .hint(tr.with1(
            "employer-field-salary-from-hint",
            "minimum",
            &tr.money(minimum),
        )),
        Field::new(
            "salary_to",
            tr.t("employer-field-salary-to"),
            "numeric",
            &v("salary_to"),
        )
        .hint(tr.t("employer-field-salary-to-hint")),
        Field::new("work_regime", tr.t("vacancy-regime"), "select", "").options(choices(
            coded(&WorkRegime::ALL, WorkRegime::code, "regime-", tr),
            sent(form, "work_regime").trim(),
        )),
        Field::new("employment_type", tr.t("vacancy-employment"), "select", "").options(choices(
            coded(
                &EmploymentType::ALL,
                EmploymentType::code,
                "employment-",
                tr,
            ),
            sent(form, "employment_type").trim(),
        )),
        Field::new("education_level", tr.t("vacancy-education"), "select", "")
            .options(choices(educations, sent(form, "education_level").trim())),
        Field::new(
            "experience_years",
            tr.t("employer-field-experience"),
            "numeric",
            &v("experience_years"),
        ),
        Field::new("skills", tr.t("vacancy-skills"), "text", &v("skills"))
            .hint(tr.t("employer-field-skills-hint")),
        Field::new("conditions", tr.t("vacancy-conditions"), "checks", "")
            .hint(tr.t("employer-field-conditions-hint"))
            .options(conditions),
        Field::new("region_code", tr.t("employer-field-region"), "select", "").options(choices(
            region_names(tr.lang),
            sent(form, "region_code").trim(),
        )),
        Field::new(
            "district_code",
            tr.t("employer-field-district"),
            "numeric",
            &v("district_code"),
        )
        .hint(tr.t("employer-field-kato-hint")),
        Field::new(
            "locality_code",
            tr.t("employer-field-locality"),
            "numeric",
            &v("locality_code"),
        )
        .hint(tr.t("employer-field-kato-hint")),
        Field::new(
            "description",
            tr.t("vacancy-description"),
            "textarea",
            &v("description"),
        ),
        Field::new(
            "valid_until",
            tr.t("vacancy-valid-until"),
            "date",
            &v("valid_until"),
        )
        .hint(tr.t("employer-field-valid-until-hint")),
        Field::new("category", tr.t("employer-field-category"), "select", "")
            .hint(tr.t("employer-field-category-hint"))
            .options(choices(categories, sent(form, "category").trim())),
    ])
}

async fn vacancy_form_page(
    state: &AppState,
    page: Page,
    editing: Option<&str>,
    form: Sent,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let employer = my_employer(state, caller).await.or_page()?;
    let mut form = form;
    if form.is_empty() && editing.is_none() {
        // A new form starts at the company's place, for one position.
        form.insert("region_code".into(), employer.region_code.clone());
        form.insert("district_code".into(), employer.district_code.clone());
        form.insert("locality_code".into(), employer.locality_code.clone());
        form.insert("positions".into(), "1".into());
    }
    let fields = with_errors(vacancy_fields(state, &tr, &form).await?, &errors);
    render(&VacancyFormPage {
        company: employer.name,
        action: match editing {
            Some(id) => format!("/employer/vacancies/{id}/edit"),
            None => "/employer/vacancies".to_string(),
        },
        editing: editing.is_some(),
        fields,
        errors,
        f: page.frame,
    })
}

/// The form of a new vacancy.
pub async fn new_vacancy_page(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    vacancy_form_page(&state, page, None, Sent::new(), FormErrors::new()).await
}

/// An open vacancy's terms as its form shows them.
fn as_sent(v: &Vacancy) -> Sent {
    let mut form = Sent::new();
    let mut put = |name: &str, value: String| {
        form.insert(name.to_string(), value);
    };
    put("title", v.title.clone());
    put("occupation_code", v.occupation_code.clone());
    put("positions", v.positions.to_string());
    put("salary_from", v.salary_from.to_string());
    put(
        "salary_to",
        v.salary_to.map(|n| n.to_string()).unwrap_or_default(),
    );
    put("work_regime", v.work_regime.code().to_string());
    put("employment_type", v.employment_type.code().to_string());
    put(
        "education_level",
        v.education_level
            .map(|e| e.code().to_string())
            .unwrap_or_default(),
    );
    put(
        "experience_years",
        v.experience_years
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    put("skills", v.skills.join(", "));
    for c in &v.conditions {
        put(&format!("condition-{c}"), "yes".to_string());
    }
    put("region_code", v.region_code.clone());
    put("district_code", v.district_code.clone());
    put("locality_code", v.locality_code.clone());
    put("description", v.description.clone());
    put("valid_until", v.valid_until.format("%Y-%m-%d").to_string());
    form
}

/// The form of the employer's own open vacancy, filled with its terms.
pub async fn edit_vacancy_page(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let vacancy = service::own_vacancy(&state, caller, &id).await.or_page()?;
    vacancy_form_page(
        &state,
        page,
        Some(&id),
        as_sent(&vacancy),
        FormErrors::new(),
    )
    .await
}

/// The field a refusal of a vacancy concerns when the problem names none (214 p.66).
fn vacancy_field(code: &str) -> &'static str {
    match code {
        "below_minimum_wage" => "salary_from",
        "salary_range" => "salary_to",
        "excluded_vacancy" => "category",
        "no_positions" => "positions",
        "unknown_occupation" => "occupation_code",
        "invalid_date" => "valid_until",
        "unknown_territory" => "locality_code",
        _ => "title",
    }
}

/// The vacancy a sent form describes, its numbers and dates read (what is not is put in
/// `errors`); the rest is the use case's to check.
fn vacancy_request(form: &Sent, errors: &mut FormErrors, tr: &Tr) -> Option<VacancyRequest> {
    for field in ["title", "occupation_code", "positions", "salary_from"] {
        required(sent(form, field), field, errors, tr);
    }
    let positions = number::<u32>(sent(form, "positions"), "positions", errors, tr);
    let salary_from = number::<u64>(sent(form, "salary_from"), "salary_from", errors, tr);
    let salary_to = number::<u64>(sent(form, "salary_to"), "salary_to", errors, tr);
    let experience = number::<u32>(
        sent(form, "experience_years"),
        "experience_years",
        errors,
        tr,
    );
    let valid_until = match optional(sent(form, "valid_until")) {
        None => None,
        Some(d) => match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.add("valid_until", tr.t("employer-not-a-date"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return None;
    }
    Some(VacancyRequest {
        title: sent(form, "title").to_string(),
        occupation_code: sent(form, "occupation_code").trim().to_string(),
        positions: positions.unwrap_or(0),
        salary_from: salary_from.unwrap_or(0),
        salary_to,
        work_regime: sent(form, "work_regime").trim().to_string(),
        employment_type: sent(form, "employment_type").trim().to_string(),
        education_level: optional(sent(form, "education_level")),
        experience_years: experience,
        skills: sent(form, "skills")
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        conditions: WorkCondition::ALL
            .iter()
            .map(|c| c.code())
            .filter(|c| !sent(form, &format!("condition-{c}")).is_empty())
            .map(str::to_string)
            .collect(),
        region_code: sent(form, "region_code").trim().to_string(),
        district_code: sent(form, "district_code").trim().to_string(),
        locality_code: sent(form, "locality_code").trim().to_string(),
        description: sent(form, "description").to_string(),
        arose_on: None,
        valid_until,
        category: optional(sent(form, "category")),
    })
}

/// Posts a vacancy (`createVacancy`): a refusal of 214 p.66 (the minimum wage, the pay range,
/// a category whose vacancies are not taken…) comes back next to its field.
pub async fn post_vacancy(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<Sent>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    if let Some(request) = vacancy_request(&form, &mut errors, &tr) {
        let posted = match new_vacancy(request) {
            Ok(new) => service::post_vacancy(&state, &caller, new).await.or_page(),
            Err(e) => Err(e).or_page(),
        };
        match posted {
            Ok((vacancy, _)) => return Ok(back_to(&vacancy.id)),
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                add_refusal(&mut errors, vacancy_field(e.code()), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        vacancy_form_page(&state, page, None, form, errors).await?,
    ))
}

/// Changes the terms of the employer's own open vacancy (`updateVacancy`), checked as a new
/// one's are; a refusal comes back next to its field.
pub async fn edit_vacancy(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<Sent>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    if let Some(request) = vacancy_request(&form, &mut errors, &tr) {
        let edited = match new_vacancy(request) {
            Ok(new) => service::edit_own_vacancy(&state, &caller, &id, new)
                .await
                .or_page(),
            Err(e) => Err(e).or_page(),
        };
        match edited {
            Ok(_) => return Ok(back_to(&id)),
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                add_refusal(&mut errors, vacancy_field(e.code()), &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        vacancy_form_page(&state, page, Some(&id), form, errors).await?,
    ))
}

// --- Colleagues ------------------------------------------------------------------------------

/// A colleague as the page lists them.
struct MemberRow {
    account_id: String,
    login: String,
    owner: bool,
    me: bool,
}

/// An invitation the employer sent.
struct SentRow {
    login: String,
    status: String,
    until: String,
}

#[derive(askama::Template)]
#[template(path = "mediation/employer/colleagues.html")]
struct ColleaguesPage {
    f: Frame,
    company: String,
    members: Vec<MemberRow>,
    invitations: Vec<SentRow>,
    fields: Vec<Field>,
    errors: FormErrors,
}

async fn colleagues_page(
    state: &AppState,
    page: Page,
    login: &str,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let (employer, members, sent) = service::colleagues(state, caller).await.or_page()?;
    let fields = with_errors(
        vec![
            Field::new("login", tr.t("employer-colleague-login"), "email", login)
                .hint(tr.t("employer-colleague-login-hint")),
        ],
        &errors,
    );
    render(&ColleaguesPage {
        company: employer.name,
        members: members
            .into_iter()
            .map(|m| MemberRow {
                me: m.account_id == caller.account_id,
                account_id: m.account_id,
                login: m.login,
                owner: m.owner,
            })
            .collect(),
        invitations: sent
            .into_iter()
            .map(|i| SentRow {
                login: i.login,
                status: tr.t(&format!("employer-invitation-status-{}", i.status.as_str())),
                until: moment(i.expires_at, &tr),
            })
            .collect(),
        fields,
        errors,
        f: page.frame,
    })
}

/// The colleagues acting for the employer, the invitations sent, and the form to invite one.
pub async fn colleagues(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    colleagues_page(&state, page, "", FormErrors::new()).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    login: String,
}

/// Invites an account to act for the employer too (`addEmployerMember`): it joins when it
/// accepts, within 7 days.
pub async fn invite(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    required(&form.login, "login", &mut errors, &tr);
    if errors.is_empty() {
        let invited = match my_employer(&state, &caller).await.or_page() {
            Ok(employer) => {
                service::invite_member(&state, &caller.account_id, &employer, &form.login)
                    .await
                    .or_page()
            }
            Err(e) => Err(e),
        };
        match invited {
            Ok(_) => return Ok(Redirect::to("/employer/colleagues").into_response()),
            Err(e) if e.status().is_client_error() && e.code() != "forbidden" => {
                let message = match e.code() {
                    "not_found" => tr.t("employer-colleague-no-account"),
                    "invalid_state" => tr.t("employer-colleague-taken"),
                    _ => refusal(&e, &tr),
                };
                errors.add("login", message);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        colleagues_page(&state, page, &form.login, errors).await?,
    ))
}

/// A colleague stops acting for the employer (`removeEmployerMember`); one who leaves goes back to
/// the cabinet's home.
pub async fn remove_colleague(
    State(state): State<AppState>,
    page: Page,
    Path(account_id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    service::remove_member(&state, caller, &account_id)
        .await
        .or_page()?;
    let to = if account_id == caller.account_id {
        "/employer"
    } else {
        "/employer/colleagues"
    };
    Ok(Redirect::to(to).into_response())
}

// --- Layoff notices ---------------------------------------------------------------------------

/// A layoff notice as the page lists it.
struct NoticeRow {
    planned_on: String,
    workers: String,
    groups: Vec<String>,
    sent: String,
}

#[derive(askama::Template)]
#[template(path = "mediation/employer/layoffs.html")]
struct LayoffsPage {
    f: Frame,
    notices: Vec<NoticeRow>,
    fields: Vec<Field>,
    errors: FormErrors,
}

/// The layoff form as sent: one group of workers per notice.
#[derive(Deserialize, Default)]
pub struct LayoffForm {
    #[serde(default)]
    planned_on: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    occupation_code: String,
    #[serde(default)]
    count: String,
    #[serde(default)]
    qualification: String,
    #[serde(default)]
    salary: String,
}

async fn layoffs_page(
    state: &AppState,
    page: Page,
    form: LayoffForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let notices = service::own_layoff_notices(state, caller).await.or_page()?;
    let mut occupation_list = vec![(String::new(), tr.t("employer-layoff-occupation-none"))];
    occupation_list.extend(occupation_names(state, tr.lang).await.or_page()?);
    let fields = vec![
        Field::new(
            "planned_on",
            tr.t("employer-layoff-planned-on"),
            "date",
            &form.planned_on,
        )
        .hint(tr.t("employer-layoff-planned-on-hint")),
        Field::new(
            "position",
            tr.t("employer-field-title"),
            "text",
            &form.position,
        ),
        Field::new(
            "occupation_code",
            tr.t("employer-field-occupation"),
            "select",
            "",
        )
        .options(choices(occupation_list, form.occupation_code.trim())),
        Field::new(
            "count",
            tr.t("employer-layoff-count"),
            "numeric",
            &form.count,
        ),
        Field::new(
            "qualification",
            tr.t("employer-layoff-qualification"),
            "text",
            &form.qualification,
        ),
        Field::new(
            "salary",
            tr.t("employer-layoff-salary"),
            "numeric",
            &form.salary,
        ),
    ];
    render(&LayoffsPage {
        notices: notices
            .into_iter()
            .map(|n| NoticeRow {
                planned_on: tr.date(n.planned_on),
                workers: tr.number(n.workers_count),
                groups: n
                    .groups
                    .iter()
                    .map(|g| format!("{} — {}", g.position, tr.number(i64::from(g.count))))
                    .collect(),
                sent: tr.date(local_date(n.created_at)),
            })
            .collect(),
        fields: with_errors(fields, &errors),
        errors,
        f: page.frame,
    })
}

/// The employer's layoff notices (206 p.31.2) and the form of a new one.
pub async fn layoffs(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    layoffs_page(&state, page, LayoffForm::default(), FormErrors::new()).await
}

/// Gives notice of a mass layoff (`createLayoffNotice`): the day and a group of workers; what is
/// wrong comes back next to its field.
pub async fn notify_layoff(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<LayoffForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    required(&form.planned_on, "planned_on", &mut errors, &tr);
    required(&form.position, "position", &mut errors, &tr);
    required(&form.count, "count", &mut errors, &tr);
    let planned_on = NaiveDate::parse_from_str(form.planned_on.trim(), "%Y-%m-%d").ok();
    if planned_on.is_none() && !errors.has("planned_on") {
        errors.add("planned_on", tr.t("employer-not-a-date"));
    }
    let count = number::<u32>(&form.count, "count", &mut errors, &tr);
    let salary = number::<u64>(&form.salary, "salary", &mut errors, &tr);
    if let (Some(planned_on), Some(count), true) = (planned_on, count, errors.is_empty()) {
        let group = LayoffGroup {
            position: form.position.clone(),
            occupation_code: optional(&form.occupation_code),
            count,
            qualification: optional(&form.qualification),
            salary,
            categories: Vec::new(),
        };
        let sent = match layoff_groups(vec![group]) {
            Ok(groups) => service::notify_layoff(&state, &caller, groups, planned_on)
                .await
                .or_page(),
            Err(e) => Err(e).or_page(),
        };
        match sent {
            Ok(_) => return Ok(Redirect::to("/employer/layoffs").into_response()),
            Err(e) if e.status().is_client_error() && e.code() != "forbidden" => {
                let field = match e.code() {
                    "invalid_date" => "planned_on",
                    "unknown_occupation" => "occupation_code",
                    "invalid_value" => "count",
                    _ => "position",
                };
                add_refusal(&mut errors, field, &e, &tr);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        layoffs_page(&state, page, form, errors).await?,
    ))
}

// --- A vacancy and its candidates --------------------------------------------------------------

/// A date and time in Kazakhstan, as the reader's language writes it.
fn moment(at: DateTime<Utc>, tr: &Tr) -> String {
    let local = at.with_timezone(&kz_offset());
    tr.with(
        "employer-moment",
        &[
            ("date", FluentValue::from(tr.date(local.date_naive()))),
            ("time", FluentValue::from(local.format("%H:%M").to_string())),
        ],
    )
}

/// A candidate as the vacancy's page shows them (214 p.73: name and contacts now that they
/// consented).
struct CandidateCard {
    id: String,
    name: String,
    contacts: Vec<String>,
    self_response: bool,
    score: Option<String>,
    reasons: Vec<String>,
    status: String,
    deciding: bool,
    decision_due: Option<String>,
    interview: Option<String>,
    interview_declined: bool,
    no_show: Option<String>,
    may_record_no_show: bool,
    resume: Vec<String>,
    at_value: String,
    place_value: String,
}

fn candidate(c: Referred, tr: &Tr) -> CandidateCard {
    let o = c.offer;
    let name = [c.last_name, c.first_name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let mut resume = Vec::new();
    if let Some(r) = &c.resume {
        resume.push(tr.with(
            "employer-candidate-experience",
            &[("years", FluentValue::from(r.experience_years))],
        ));
        if let Some(pay) = r.desired_salary.and_then(|p| i64::try_from(p).ok()) {
            resume.push(tr.with1("employer-candidate-desired", "pay", &tr.money(pay)));
        }
        if !r.skills.is_empty() {
            resume.push(r.skills.join(", "));
        }
    }
    let status = o.status.as_str();
    CandidateCard {
        name: if name.is_empty() {
            tr.t("employer-candidate-unnamed")
        } else {
            name
        },
        contacts: [c.phone, c.email].into_iter().flatten().collect(),
        self_response: o.created_by == SELF_RESPONSE,
        score: c.matched.as_ref().map(|m| {
            tr.with(
                "employer-candidate-score",
                &[("points", FluentValue::from(m.score))],
            )
        }),
        reasons: c
            .matched
            .map(|m| {
                m.reasons
                    .iter()
                    .map(|r| {
                        tr.with(
                            &format!("employer-reason-{}", r.code),
                            &[("points", FluentValue::from(r.points))],
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        status: tr.t(&format!("employer-candidate-status-{status}")),
        deciding: status == "accepted",
        decision_due: o.decision_due_at.map(|at| moment(at, tr)),
        interview: o.interview_at.map(|at| {
            let place = o.interview_place.clone().unwrap_or_default();
            tr.with(
                "employer-candidate-interview-at",
                &[
                    ("when", FluentValue::from(moment(at, tr))),
                    ("place", FluentValue::from(place)),
                ],
            )
        }),
        interview_declined: o.interview_declined_at.is_some(),
        no_show: o.no_show_at.map(|at| moment(at, tr)),
        may_record_no_show: o.interview_at.is_some()
            && o.no_show_at.is_none()
            && o.interview_declined_at.is_none()
            && status != "hired",
        resume,
        at_value: String::new(),
        place_value: String::new(),
        id: o.id,
    }
}

#[derive(askama::Template)]
#[template(path = "mediation/employer/vacancy.html")]
struct VacancyPage {
    f: Frame,
    v: OwnCard,
    posted_late: bool,
    candidates: Vec<CandidateCard>,
    errors: FormErrors,
}

/// What a sent-back action on a candidate carries to the page.
struct Sentback {
    candidate: String,
    at: String,
    place: String,
    errors: FormErrors,
}

async fn vacancy_page_with(
    state: &AppState,
    page: Page,
    id: &str,
    back: Option<Sentback>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?;
    let (vacancy, referred) = offers::own_vacancy_candidates(state, caller, id)
        .await
        .or_page()?;
    let today = local_date(state.clock.now());
    let mut candidates: Vec<CandidateCard> =
        referred.into_iter().map(|c| candidate(c, &tr)).collect();
    let errors = match back {
        Some(b) => {
            if let Some(c) = candidates.iter_mut().find(|c| c.id == b.candidate) {
                c.at_value = b.at;
                c.place_value = b.place;
            }
            b.errors
        }
        None => FormErrors::new(),
    };
    render(&VacancyPage {
        posted_late: vacancy.posted_at > vacancy.post_due_at,
        v: own_card(&vacancy, &tr, today),
        candidates,
        errors,
        f: page.frame,
    })
}

/// The employer's own vacancy with its candidates and the reasons of each match (214 p.70);
/// another employer's is refused (403).
pub async fn vacancy(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    vacancy_page_with(&state, page, &id, None).await
}

#[derive(Deserialize)]
pub struct NoFields {}

fn back_to(id: &str) -> Response {
    Redirect::to(&format!("/employer/vacancies/{id}")).into_response()
}

/// Closes the employer's own vacancy (`closeVacancy`).
pub async fn close(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    service::close_own_vacancy(&state, caller, &id)
        .await
        .or_page()?;
    Ok(back_to(&id))
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

/// Hires or rejects a candidate (`decideOnCandidate`, 214 p.75).
pub async fn decide(
    State(state): State<AppState>,
    page: Page,
    Path((id, candidate_id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let hired = match form.decision.as_str() {
        "hired" => true,
        "rejected" => false,
        _ => return Err(PageError::bad_request()),
    };
    let decided = offers::decide_on_own(&state, caller, &id, &candidate_id, hired)
        .await
        .or_page();
    refused_on_card(&state, page, &id, candidate_id, decided.map(|_| ())).await
}

/// After an action on a candidate: back to the vacancy, or, when it was refused on its merits
/// (a decision already taken, a no-show too early…), the vacancy's page with the refusal at the
/// candidate's card.
async fn refused_on_card(
    state: &AppState,
    page: Page,
    id: &str,
    candidate_id: String,
    done: PageResult<()>,
) -> PageResult<Response> {
    match done {
        Ok(()) => Ok(back_to(id)),
        Err(e) if matches!(e.status().as_u16(), 409 | 422) => {
            let tr = page.tr();
            let mut errors = FormErrors::new();
            let message = if e.code() == "invalid_state" {
                tr.t("employer-candidate-invalid-state")
            } else {
                refusal(&e, &tr)
            };
            errors.add(&format!("candidate-{candidate_id}"), message);
            let back = Sentback {
                candidate: candidate_id,
                at: String::new(),
                place: String::new(),
                errors,
            };
            Ok(with_status(
                e.status(),
                vacancy_page_with(state, page, id, Some(back)).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct InterviewForm {
    #[serde(default)]
    at: String,
    #[serde(default)]
    place: String,
}

/// Invites a candidate to an interview (`scheduleInterview`): the day and time in Kazakhstan and
/// the place; what is wrong comes back next to its field.
pub async fn interview(
    State(state): State<AppState>,
    page: Page,
    Path((id, candidate_id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<InterviewForm>,
) -> PageResult<Response> {
    let tr = page.tr();
    let caller = page.signed_in()?.clone();
    let mut errors = FormErrors::new();
    let at_field = format!("at-{candidate_id}");
    let place_field = format!("place-{candidate_id}");
    let at = match NaiveDateTime::parse_from_str(form.at.trim(), "%Y-%m-%dT%H:%M") {
        Ok(local) => local
            .and_local_timezone(kz_offset())
            .single()
            .map(|t| t.with_timezone(&Utc)),
        Err(_) => None,
    };
    if at.is_none() {
        errors.add(&at_field, tr.t("employer-interview-at-required"));
    }
    required(&form.place, &place_field, &mut errors, &tr);
    if let (Some(at), true) = (at, errors.is_empty()) {
        match offers::interview_own(&state, &caller, &id, &candidate_id, at, &form.place)
            .await
            .or_page()
        {
            Ok(_) => return Ok(back_to(&id)),
            Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                let field = if e.field() == Some("place") {
                    &place_field
                } else {
                    &at_field
                };
                errors.add(field, refusal(&e, &tr));
            }
            Err(e) => return Err(e),
        }
    }
    let back = Sentback {
        candidate: candidate_id,
        at: form.at,
        place: form.place,
        errors,
    };
    Ok(with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        vacancy_page_with(&state, page, &id, Some(back)).await?,
    ))
}

/// Records that a candidate did not come to the interview (`recordNoShow`, 214 p.51(3)).
pub async fn no_show(
    State(state): State<AppState>,
    page: Page,
    Path((id, candidate_id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult<Response> {
    let caller = page.signed_in()?;
    let recorded = offers::no_show_at_own(&state, caller, &id, &candidate_id)
        .await
        .or_page();
    refused_on_card(&state, page, &id, candidate_id, recorded.map(|_| ())).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;
    use enbek_domain::mediation::employer::{EmployerKind, InvitationStatus};
    use enbek_domain::mediation::offer::OfferStatus;

    /// Every code the cabinet shows in words has them in each language.
    #[test]
    fn every_code_the_cabinet_shows_has_its_words_in_each_language() {
        let reasons = [
            "same_occupation",
            "same_unit_group",
            "same_minor_group",
            "same_sub_major_group",
            "experience",
            "skills",
            "same_locality",
            "pay",
        ];
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            let mut ids: Vec<String> = Vec::new();
            ids.extend(reasons.iter().map(|r| format!("employer-reason-{r}")));
            ids.extend(
                OfferStatus::ALL
                    .iter()
                    .map(|s| format!("employer-candidate-status-{}", s.as_str())),
            );
            ids.extend(
                Verification::ALL
                    .iter()
                    .map(|v| format!("employer-verification-{}", v.as_str())),
            );
            ids.extend(
                EmployerKind::ALL
                    .iter()
                    .map(|k| format!("employer-kind-{}", k.as_str())),
            );
            ids.extend(
                ExcludedCategory::ALL
                    .iter()
                    .map(|c| format!("employer-category-{}", c.code())),
            );
            ids.extend(
                InvitationStatus::ALL
                    .iter()
                    .map(|s| format!("employer-invitation-status-{}", s.as_str())),
            );
            for id in ids {
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }
}
