//! The administrator's pages (206 p.17–19): the start of the administration with its sections,
//! the staff accounts (as `listStaffAccounts`: login, role, organisation, created; filtered and
//! paged on the server) and the form that creates one (as `createStaffAccount`). The
//! administrator does no casework: these pages are all their desk has.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use enbek_domain::accounts::access::Role;
use serde::Deserialize;

use crate::accounts::service::accounts::{self as service, StaffQuery};
use crate::platform::auth::Caller;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::region_names;
use crate::web::form::{choices, with_errors, Choice, Field};
use crate::web::paging::{page_href, Pager};
use crate::web::{render, CsrfForm, FormErrors, Frame, OrPage, Page, PageQuery, PageResult};

/// The roles an administrator gives, in the order the forms offer them.
const STAFF_ROLES: [Role; 8] = [
    Role::CareerCenterSpecialist,
    Role::Assistant,
    Role::MobilityCenterOfficer,
    Role::LocalExecutiveOfficer,
    Role::MinistryOfficer,
    Role::Administrator,
    Role::EgovGateway,
    Role::EducationStaff,
];

/// The signed-in administrator: a visitor is asked to sign in, anyone else refused (403).
pub(crate) fn administrator(page: &Page) -> PageResult<&Caller> {
    let caller = page.signed_in()?;
    caller.require(&[Role::Administrator]).or_page()?;
    Ok(caller)
}

#[derive(askama::Template)]
#[template(path = "accounts/admin/start.html")]
struct StartPage {
    f: Frame,
}

/// The administration's start: its four sections.
pub async fn start(page: Page) -> PageResult<Response> {
    administrator(&page)?;
    render(&StartPage { f: page.frame })
}

fn role_options(page: &Page, any: &str) -> Vec<(String, String)> {
    let tr = page.tr();
    std::iter::once((String::new(), tr.t(any)))
        .chain(STAFF_ROLES.iter().map(|r| {
            (
                r.as_str().to_string(),
                tr.t(&format!("admin-role-{}", r.as_str())),
            )
        }))
        .collect()
}

/// Every organisation as a select shows it: its name and kind.
async fn organization_options(
    state: &AppState,
    page: &Page,
    none: &str,
) -> PageResult<Vec<(String, String)>> {
    let tr = page.tr();
    let mut orgs = reference::organizations(&state.db.pool, None, None)
        .await
        .or_page()?;
    orgs.sort_by_key(|o| o.name(tr.lang).to_string());
    Ok(std::iter::once((String::new(), tr.t(none)))
        .chain(orgs.iter().map(|o| {
            (
                o.id.clone(),
                format!(
                    "{} ({})",
                    o.name(tr.lang),
                    tr.t(&format!("admin-kind-{}", o.kind.as_str()))
                ),
            )
        }))
        .collect())
}

/// A staff account as the list shows it.
pub struct Row {
    pub login: String,
    pub role: String,
    pub organization: String,
    pub created: String,
}

#[derive(askama::Template)]
#[template(path = "accounts/admin/staff.html")]
struct StaffPage {
    f: Frame,
    roles: Vec<Choice>,
    regions: Vec<Choice>,
    organizations: Vec<Choice>,
    rows: Vec<Row>,
    found: String,
    pager: Pager,
    created: bool,
}

#[derive(Deserialize, Default)]
pub struct StaffFilters {
    #[serde(default)]
    role: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    page: String,
    /// Set after an account was created, to say so.
    #[serde(default)]
    created: String,
}

/// A page of the list with the filters given.
fn staff_href(f: &StaffFilters, page: i64) -> String {
    page_href(
        "/admin/staff",
        &[
            ("role", &f.role),
            ("region", &f.region),
            ("organization", &f.organization),
        ],
        page,
    )
}

/// The staff accounts, filtered by role, region and organisation, a page at a time.
pub async fn staff(
    State(state): State<AppState>,
    page: Page,
    PageQuery(filters): PageQuery<StaffFilters>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    let number = filters.page.trim().parse::<i64>().unwrap_or(1).max(1);
    let found = service::list_staff_accounts(
        &state,
        caller,
        &StaffQuery {
            role: Some(filters.role.as_str()),
            organization_id: Some(filters.organization.as_str()),
            region_code: Some(filters.region.as_str()),
            page: Some(number),
            per_page: Some(20),
        },
    )
    .await
    .or_page()?;
    let orgs = reference::organizations(&state.db.pool, None, None)
        .await
        .or_page()?;
    let rows = found
        .accounts
        .into_iter()
        .map(|a| Row {
            login: a.login,
            role: tr.t(&format!("admin-role-{}", a.role.as_str())),
            organization: a
                .organization_id
                .as_deref()
                .and_then(|id| orgs.iter().find(|o| o.id == id))
                .map_or_else(String::new, |o| o.name(tr.lang).to_string()),
            created: tr.date(a.created_at.date_naive()),
        })
        .collect();
    let region_options = std::iter::once((String::new(), tr.t("admin-any-region")))
        .chain(region_names(tr.lang))
        .collect();
    let html = render(&StaffPage {
        roles: choices(role_options(&page, "admin-any-role"), &filters.role),
        regions: choices(region_options, &filters.region),
        organizations: choices(
            organization_options(&state, &page, "admin-any-organization").await?,
            &filters.organization,
        ),
        rows,
        found: tr.count("admin-staff-found", found.total),
        pager: Pager::new(&tr, found.total, found.page, found.per_page, |p| {
            staff_href(&filters, p)
        }),
        created: !filters.created.is_empty(),
        f: page.frame,
    })?;
    Ok(html)
}

#[derive(Deserialize, Default)]
pub struct NewStaffForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organization_id: String,
}

#[derive(askama::Template)]
#[template(path = "accounts/admin/new_staff.html")]
struct NewStaffPage {
    f: Frame,
    fields: Vec<Field>,
    errors: FormErrors,
}

async fn new_staff_page(
    state: &AppState,
    page: Page,
    form: &NewStaffForm,
    errors: FormErrors,
) -> PageResult<Response> {
    let tr = page.tr();
    let fields = vec![
        Field::new("login", tr.t("admin-field-login"), "text", &form.login)
            .hint(tr.t("admin-field-login-hint")),
        Field::new("password", tr.t("admin-field-password"), "text", "")
            .hint(tr.t("admin-field-password-hint")),
        Field::new("role", tr.t("admin-field-role"), "select", &form.role)
            .choose_from(role_options(&page, "admin-choose")),
        Field::new(
            "organization_id",
            tr.t("admin-field-organization"),
            "select",
            &form.organization_id,
        )
        .hint(tr.t("admin-field-organization-hint"))
        .choose_from(organization_options(state, &page, "admin-no-organization").await?),
    ];
    let status = errors.status();
    let html = render(&NewStaffPage {
        fields: with_errors(fields, &errors),
        errors,
        f: page.frame,
    })?;
    Ok((status, html).into_response())
}

/// The form that creates a staff account.
pub async fn new_staff(State(state): State<AppState>, page: Page) -> PageResult<Response> {
    administrator(&page)?;
    new_staff_page(&state, page, &NewStaffForm::default(), FormErrors::new()).await
}

/// Creates the account (`createStaffAccount`'s use case); a refusal is said next to its field.
pub async fn create_staff(
    State(state): State<AppState>,
    page: Page,
    CsrfForm(form): CsrfForm<NewStaffForm>,
) -> PageResult<Response> {
    let caller = administrator(&page)?;
    let tr = page.tr();
    let mut errors = FormErrors::new();
    let role = match service::staff_role(&form.role).or_page() {
        Ok(role) => Some(role),
        Err(e) => {
            errors.problem("role", &e, &tr);
            None
        }
    };
    if let Some(role) = role {
        let org = Some(form.organization_id.trim()).filter(|o| !o.is_empty());
        let created = service::create_staff_account(
            &state,
            &caller.account_id,
            role,
            org,
            &form.login,
            &form.password,
        )
        .await
        .or_page();
        match created {
            Ok(_) => return Ok(Redirect::to("/admin/staff?created=1").into_response()),
            Err(e) if e.status() == StatusCode::INTERNAL_SERVER_ERROR => return Err(e),
            Err(e) => {
                let field = match e.code() {
                    "invalid_login" | "login_taken" => "login",
                    "weak_password" => "password",
                    "unknown_organization" => "organization_id",
                    _ => "role",
                };
                errors.problem(field, &e, &tr);
            }
        }
    }
    new_staff_page(&state, page, &form, errors).await
}
