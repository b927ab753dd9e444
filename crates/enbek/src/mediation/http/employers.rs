//! Employers and vacancies (214 ch.5 §2; 206 p.10).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::employer::Verification;
use enbek_domain::mediation::vacancy::VacancyStatus;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::{bounds, text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::mediation::error::{Error, Result};
use crate::mediation::service::employers::{
    self as service, my_employer, Employer, Facet, Invitation, LayoffGroup, LayoffNotice, Member,
    Named, NewEmployer, NewVacancy, SearchRequest, Vacancy,
};
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::http::page_headers;
use crate::platform::problem::Common;
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct EmployerRequest {
    /// The BIN of a legal entity, or the IIN of an individual entrepreneur.
    pub bin: String,
    pub name: String,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    /// The employer's contact address: its notices also go there by e-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// An employer as submitted (the API's body, the cabinet's form), its name checked.
pub(crate) fn new_employer(body: EmployerRequest) -> Result<NewEmployer> {
    Ok(NewEmployer {
        bin: body.bin,
        name: input::text("name", &body.name, text::ORGANIZATION_NAME)?,
        region_code: body.region_code,
        district_code: body.district_code,
        locality_code: body.locality_code,
        email: body.email,
    })
}

#[utoipa::path(post, path = "/api/v1/employers", operation_id = "registerEmployer", tag = "employers",
    request_body = EmployerRequest, security(("bearer" = [])),
    responses((status = 201, body = Employer, description = "verified by the registry"),
        (status = 202, body = Employer, description = "the registry did not answer: `verification` is `pending` until it does"),
        (status = 401), (status = 403, description = "staff_cannot_be_employer"),
        (status = 409, description = "employer_exists; invalid_state: the account has an employer"),
        (status = 422, description = "invalid_bin, employer_not_in_registry, invalid_value, invalid_text, unknown_territory")))]
pub async fn register_employer(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<EmployerRequest>,
) -> Result<impl IntoResponse> {
    let employer = service::register(&state, &caller.account_id, new_employer(body)?).await?;
    let status = if employer.verification == Verification::Pending {
        StatusCode::ACCEPTED
    } else {
        StatusCode::CREATED
    };
    Ok((status, axum::Json(employer)))
}

#[utoipa::path(get, path = "/api/v1/employers/me", operation_id = "getMyEmployer", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = Employer), (status = 403)))]
pub async fn get_my_employer(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Employer>> {
    Ok(axum::Json(my_employer(&state, &caller).await?))
}

#[utoipa::path(get, path = "/api/v1/employers/me/vacancies", operation_id = "listMyVacancies", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = [OwnVacancyView], description = "the employer's own vacancies, newest first, each with its status as of today"), (status = 403)))]
pub async fn list_my_vacancies(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<OwnVacancyView>>> {
    let (employer, vacancies) = service::own_vacancies(&state, &caller).await?;
    let today = local_date(state.clock.now());
    Ok(axum::Json(
        vacancies
            .into_iter()
            .map(|v| own_view(v, employer.name.clone(), today))
            .collect(),
    ))
}

/// The most skills a vacancy or a resume lists.
pub(crate) const MOST_SKILLS: usize = 50;

#[derive(Deserialize, ToSchema)]
pub struct VacancyRequest {
    pub title: String,
    /// A code of the occupations classifier.
    pub occupation_code: String,
    /// Up to 10 000.
    pub positions: u32,
    /// Monthly pay in tenge, 1 to 100 000 000 (as `salary_to`).
    pub salary_from: u64,
    #[serde(default)]
    pub salary_to: Option<u64>,
    /// `full_time`, `part_time`, `shift`, `rotational` or `remote`.
    pub work_regime: String,
    /// `permanent`, `temporary` or `seasonal`.
    pub employment_type: String,
    #[serde(default)]
    pub education_level: Option<String>,
    #[serde(default)]
    pub experience_years: Option<u32>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Working conditions (`heavy_lifting`, `night_work`, `heights`, `harmful_substances`,
    /// `prolonged_standing`, `driving`): people whose health rules one out are not offered it.
    #[serde(default)]
    pub conditions: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    #[serde(default)]
    pub description: String,
    /// The day the vacancy arose (default today): it is posted within 5 working days (214 p.66).
    #[serde(default)]
    pub arose_on: Option<NaiveDate>,
    /// The last day it is open (default 30 days from today).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// A category of 214 p.66 whose vacancies are not taken (`civil_service`, `judge`, …).
    #[serde(default)]
    pub category: Option<String>,
}

/// A vacancy's public fields: nothing here identifies a person.
#[derive(Serialize, ToSchema)]
pub struct VacancyView {
    pub id: String,
    pub employer_id: String,
    pub employer_name: String,
    pub title: String,
    pub occupation_code: String,
    pub positions: i64,
    pub positions_open: i64,
    pub salary_from: i64,
    pub salary_to: Option<i64>,
    pub work_regime: String,
    pub employment_type: String,
    pub education_level: Option<String>,
    pub experience_years: Option<i64>,
    pub skills: Vec<String>,
    pub conditions: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub description: String,
    pub posted_at: DateTime<Utc>,
    pub valid_until: NaiveDate,
    /// `open`, `filled`, `closed` or `expired`.
    pub status: String,
}

/// The employer's own view adds the posting term (214 p.66).
#[derive(Serialize, ToSchema)]
pub struct OwnVacancyView {
    #[serde(flatten)]
    pub vacancy: VacancyView,
    pub arose_on: NaiveDate,
    pub post_due_at: DateTime<Utc>,
    pub posted_late: bool,
}

/// The public fields of a vacancy with its employer's name, its status as of `today`.
pub(crate) fn vacancy_view(named: Named, today: NaiveDate) -> VacancyView {
    public_view(named.vacancy, named.employer_name, today)
}

/// The public fields of a vacancy, its status as of `today`.
fn public_view(v: Vacancy, employer_name: String, today: NaiveDate) -> VacancyView {
    let status = if v.status == VacancyStatus::Open && v.valid_until < today {
        VacancyStatus::Expired
    } else {
        v.status
    };
    VacancyView {
        id: v.id,
        employer_id: v.employer_id,
        employer_name,
        title: v.title,
        occupation_code: v.occupation_code,
        positions: v.positions,
        positions_open: v.positions_open,
        salary_from: v.salary_from,
        salary_to: v.salary_to,
        work_regime: v.work_regime.code().to_string(),
        employment_type: v.employment_type.code().to_string(),
        education_level: v.education_level.map(|e| e.code().to_string()),
        experience_years: v.experience_years,
        skills: v.skills,
        conditions: v.conditions,
        region_code: v.region_code,
        district_code: v.district_code,
        locality_code: v.locality_code,
        description: v.description,
        posted_at: v.posted_at,
        valid_until: v.valid_until,
        status: status.as_str().to_string(),
    }
}

pub(crate) fn own_view(v: Vacancy, employer_name: String, today: NaiveDate) -> OwnVacancyView {
    OwnVacancyView {
        arose_on: v.arose_on,
        post_due_at: v.post_due_at,
        posted_late: v.posted_at > v.post_due_at,
        vacancy: public_view(v, employer_name, today),
    }
}

#[utoipa::path(post, path = "/api/v1/vacancies", operation_id = "createVacancy", tag = "employers",
    request_body = VacancyRequest, security(("bearer" = [])),
    responses((status = 201, body = OwnVacancyView), (status = 403),
        (status = 409, description = "employer_not_verified: the registry has not answered on the employer yet"),
        (status = 422, description = "no_positions, salary_range, below_minimum_wage, excluded_vacancy, unknown_occupation, invalid_value (with `field`: amounts and counts out of their bounds), invalid_text, unknown_territory, invalid_date, employer_not_in_registry")))]
pub async fn create_vacancy(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<VacancyRequest>,
) -> Result<impl IntoResponse> {
    let (vacancy, employer) = service::post_vacancy(&state, &caller, new_vacancy(body)?).await?;
    let today = local_date(state.clock.now());
    Ok((
        StatusCode::CREATED,
        axum::Json(own_view(vacancy, employer.name, today)),
    ))
}

/// A vacancy as submitted (the API's body, the cabinet's form), its texts and numbers checked
/// (`http::input`); the rules of 214 p.66 are the use case's.
pub(crate) fn new_vacancy(body: VacancyRequest) -> Result<NewVacancy> {
    Ok(NewVacancy {
        title: input::text("title", &body.title, text::TITLE)?,
        occupation_code: body.occupation_code,
        positions: input::bounded("positions", body.positions, bounds::POSITIONS)?,
        salary_from: input::bounded("salary_from", body.salary_from, bounds::MONTHLY_PAY)?,
        salary_to: input::opt_bounded("salary_to", body.salary_to, bounds::MONTHLY_PAY)?,
        work_regime: body.work_regime,
        employment_type: body.employment_type,
        education_level: body.education_level,
        experience_years: input::opt_bounded(
            "experience_years",
            body.experience_years,
            bounds::EXPERIENCE_YEARS,
        )?,
        skills: input::texts("skills", &body.skills, text::ITEM, MOST_SKILLS)?,
        conditions: body.conditions,
        region_code: body.region_code,
        district_code: body.district_code,
        locality_code: body.locality_code,
        description: input::text("description", &body.description, text::DESCRIPTION)?,
        arose_on: body.arose_on,
        valid_until: body.valid_until,
        category: body.category,
    })
}

#[utoipa::path(put, path = "/api/v1/vacancies/{id}", operation_id = "updateVacancy", tag = "employers",
    params(("id" = String, Path)), request_body = VacancyRequest, security(("bearer" = [])),
    responses((status = 200, body = OwnVacancyView, description = "the new terms; the day it arose and was posted, and the positions filled, stay; `valid_until` stays unless given"),
        (status = 403, description = "forbidden; out_of_scope: another employer's vacancy"), (status = 404),
        (status = 409, description = "invalid_state: not open"),
        (status = 422, description = "as createVacancy; invalid_value (`field` positions): fewer positions than are filled")))]
pub async fn update_vacancy(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<VacancyRequest>,
) -> Result<axum::Json<OwnVacancyView>> {
    let vacancy = service::edit_own_vacancy(&state, &caller, &id, new_vacancy(body)?).await?;
    let employer = my_employer(&state, &caller).await?;
    let today = local_date(state.clock.now());
    Ok(axum::Json(own_view(vacancy, employer.name, today)))
}

#[utoipa::path(post, path = "/api/v1/vacancies/{id}/close", operation_id = "closeVacancy", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = OwnVacancyView), (status = 403), (status = 404), (status = 409, description = "invalid_state: not open")))]
pub async fn close_vacancy(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<OwnVacancyView>> {
    let (vacancy, employer) = service::close_own_vacancy(&state, &caller, &id).await?;
    let today = local_date(state.clock.now());
    Ok(axum::Json(own_view(vacancy, employer.name, today)))
}

#[utoipa::path(get, path = "/api/v1/vacancies/{id}", operation_id = "getVacancy", tag = "employers",
    params(("id" = String, Path)), responses((status = 200, body = VacancyView), (status = 404)))]
pub async fn get_vacancy(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<VacancyView>> {
    let vacancy = service::vacancy(&state, &id).await?;
    Ok(axum::Json(vacancy_view(
        vacancy,
        local_date(state.clock.now()),
    )))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Words of the title, skills or description: each must occur in some form (бухгалтер,
    /// бухгалтера, бухгалтерлер), in any letter case.
    pub q: Option<String>,
    pub region_code: Option<String>,
    pub district_code: Option<String>,
    /// An occupation's code or a group's (`2411-1`, `2411`, `24`): the occupations within it
    /// are found too.
    pub occupation_code: Option<String>,
    /// Vacancies that pay at least this (their upper bound, or their only figure).
    pub salary_min: Option<i64>,
    pub work_regime: Option<String>,
    /// `full_time`, `part_time`, … as a vacancy states it.
    pub employment_type: Option<String>,
    /// Vacancies posted on this day (`YYYY-MM-DD`, Kazakhstan time) or later.
    pub posted_since: Option<String>,
    /// `relevance` (the default with `q`: the words' relevance (BM25), a word in the title
    /// counting more; then the newest), `date` (newest first, the default without `q`) or `salary` (highest
    /// first).
    pub sort: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// At most 100 (default 20).
    pub per_page: Option<i64>,
    /// The `X-Next-Cursor` of the page before, in the same order: the page after it, however
    /// many vacancies opened or closed meanwhile (search-after; not with `page`). The date and
    /// salary orders only: relevance to words is paged by number.
    pub after: Option<String>,
}

impl SearchQuery {
    /// The search as the use case takes it.
    fn request(&self) -> SearchRequest<'_> {
        SearchRequest {
            q: self.q.as_deref(),
            region_code: self.region_code.as_deref(),
            district_code: self.district_code.as_deref(),
            occupation_code: self.occupation_code.as_deref(),
            salary_min: self.salary_min,
            work_regime: self.work_regime.as_deref(),
            employment_type: self.employment_type.as_deref(),
            posted_since: self.posted_since.as_deref(),
            sort: self.sort.as_deref(),
            after: self.after.as_deref(),
            page: self.page,
            per_page: self.per_page,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/vacancies", operation_id = "searchVacancies", tag = "employers",
    params(SearchQuery),
    responses((status = 200, body = [VacancyView], description = "open vacancies; the total is in X-Total-Count, the next page's cursor (none on the last, and for relevance to words) in X-Next-Cursor"),
        (status = 422, description = "invalid_text, invalid_value (with `field`)")))]
pub async fn search_vacancies(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<impl IntoResponse> {
    let found = service::search_vacancies(&state, &q.request()).await?;
    let today = found.today;
    let items: Vec<VacancyView> = found
        .vacancies
        .into_iter()
        .map(|v| vacancy_view(v, today))
        .collect();
    let headers = page_headers(found.total, found.next_cursor.as_deref());
    Ok((headers, axum::Json(items)))
}

/// How many vacancies one value of a facet finds.
#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    pub code: String,
    pub count: i64,
}

/// How many open vacancies a search finds, in all and with each value of each filter. A
/// filter's values are counted under the other filters (its own left out), so each count is
/// what choosing that value instead would find. Most first, then by code; values that find
/// none are not listed.
#[derive(Serialize, ToSchema)]
pub struct VacancyFacets {
    pub total: i64,
    pub region_code: Vec<FacetCount>,
    pub district_code: Vec<FacetCount>,
    pub work_regime: Vec<FacetCount>,
    pub employment_type: Vec<FacetCount>,
}

#[utoipa::path(get, path = "/api/v1/vacancies/facets", operation_id = "countVacancyFacets", tag = "employers",
    params(SearchQuery),
    responses((status = 200, body = VacancyFacets, description = "takes searchVacancies' parameters: the order and page are checked but change no count"), (status = 422, description = "invalid_text, invalid_value (with `field`), as `searchVacancies`")))]
pub async fn count_vacancy_facets(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<axum::Json<VacancyFacets>> {
    let counted = service::vacancy_facets(&state, &q.request()).await?;
    let mut out = VacancyFacets {
        total: counted.total,
        region_code: Vec::new(),
        district_code: Vec::new(),
        work_regime: Vec::new(),
        employment_type: Vec::new(),
    };
    for (facet, counts) in counted.facets {
        let into = match facet {
            Facet::Region => &mut out.region_code,
            Facet::District => &mut out.district_code,
            Facet::WorkRegime => &mut out.work_regime,
            Facet::EmploymentType => &mut out.employment_type,
        };
        into.extend(
            counts
                .into_iter()
                .map(|(code, count)| FacetCount { code, count }),
        );
    }
    Ok(axum::Json(out))
}

#[derive(Deserialize, ToSchema)]
pub struct MemberRequest {
    /// The login of an existing account invited to act for the employer too.
    pub login: String,
}

#[utoipa::path(post, path = "/api/v1/employers/me/members", operation_id = "addEmployerMember", tag = "employers",
    request_body = MemberRequest, security(("bearer" = [])),
    responses((status = 201, body = Invitation, description = "the invitation, `invited` until the account accepts or declines it (7 days)"),
        (status = 403, description = "forbidden: the caller acts for no employer; staff_cannot_be_employer: the account is staff"),
        (status = 404, description = "no such account"),
        (status = 409, description = "invalid_state: the account belongs to an employer; invitation_exists: an invitation waits for its answer")))]
pub async fn add_employer_member(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<MemberRequest>,
) -> Result<impl IntoResponse> {
    let employer = my_employer(&state, &caller).await?;
    let invitation =
        service::invite_member(&state, &caller.account_id, &employer, &body.login).await?;
    Ok((StatusCode::CREATED, axum::Json(invitation)))
}

/// The colleagues of the caller's employer and the invitations it sent.
#[derive(Serialize, ToSchema)]
pub struct Colleagues {
    /// The accounts acting for the employer, owner first.
    pub members: Vec<Member>,
    /// The invitations sent, newest first; `invited` ones wait for the answer.
    pub invitations: Vec<Invitation>,
}

#[utoipa::path(get, path = "/api/v1/employers/me/members", operation_id = "listEmployerMembers", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = Colleagues), (status = 403)))]
pub async fn list_employer_members(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Colleagues>> {
    let (_, members, invitations) = service::colleagues(&state, &caller).await?;
    Ok(axum::Json(Colleagues {
        members,
        invitations,
    }))
}

#[utoipa::path(delete, path = "/api/v1/employers/me/members/{account_id}", operation_id = "removeEmployerMember", tag = "employers",
    params(("account_id" = String, Path)), security(("bearer" = [])),
    responses((status = 204, description = "the account no longer acts for the employer"), (status = 403),
        (status = 404, description = "not a member of the caller's employer"),
        (status = 409, description = "invalid_state: the owner stays")))]
pub async fn remove_employer_member(
    State(state): State<AppState>,
    caller: Caller,
    Path(account_id): Path<String>,
) -> Result<StatusCode> {
    service::remove_member(&state, &caller, &account_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me/employer-invitations", operation_id = "listMyEmployerInvitations", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = [Invitation], description = "newest first; `invited` ones wait for the answer")))]
pub async fn list_my_employer_invitations(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<Invitation>>> {
    Ok(axum::Json(
        service::my_invitations(&state, &caller.account_id).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/me/employer-invitations/{id}/accept", operation_id = "acceptEmployerInvitation", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Invitation, description = "accepted: the account acts for the employer"),
        (status = 403, description = "staff_cannot_be_employer"), (status = 404),
        (status = 409, description = "invitation_expired; invalid_state: answered already, or the account belongs to an employer")))]
pub async fn accept_employer_invitation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Invitation>> {
    Ok(axum::Json(
        service::accept_invitation(&state, &caller.account_id, &id).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/me/employer-invitations/{id}/decline", operation_id = "declineEmployerInvitation", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = Invitation), (status = 404),
        (status = 409, description = "invitation_expired; invalid_state: answered already")))]
pub async fn decline_employer_invitation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Invitation>> {
    Ok(axum::Json(
        service::decline_invitation(&state, &caller.account_id, &id).await?,
    ))
}

/// The most groups of workers one layoff notice lists.
const MOST_LAYOFF_GROUPS: usize = 100;

#[derive(Deserialize, ToSchema)]
pub struct LayoffRequest {
    pub groups: Vec<LayoffGroup>,
    /// The day the layoff takes effect.
    pub planned_on: NaiveDate,
}

/// The groups of a layoff notice as submitted (the API's body, the cabinet's form), their texts
/// and numbers checked.
pub(crate) fn layoff_groups(groups: Vec<LayoffGroup>) -> Result<Vec<LayoffGroup>> {
    if groups.len() > MOST_LAYOFF_GROUPS {
        return Err(Error::new(Common::InvalidValue)
            .detail(format!("at most {MOST_LAYOFF_GROUPS} groups"))
            .with("field", "groups"));
    }
    groups
        .into_iter()
        .map(|g| {
            Ok(LayoffGroup {
                position: input::text("position", &g.position, text::TITLE)?,
                occupation_code: g.occupation_code,
                count: input::bounded("count", g.count, bounds::LAYOFF_WORKERS)?,
                qualification: input::opt_text(
                    "qualification",
                    g.qualification.as_deref(),
                    text::TITLE,
                )?,
                salary: input::opt_bounded("salary", g.salary, bounds::MONTHLY_PAY)?,
                categories: input::texts("categories", &g.categories, text::ITEM, 10)?,
            })
        })
        .collect()
}

#[utoipa::path(post, path = "/api/v1/layoff-notices", operation_id = "createLayoffNotice", tag = "employers",
    request_body = LayoffRequest, security(("bearer" = [])),
    responses((status = 201, body = LayoffNotice), (status = 403),
        (status = 409, description = "employer_not_verified"),
        (status = 422, description = "invalid_value, invalid_text, invalid_date, unknown_occupation, employer_not_in_registry")))]
pub async fn create_layoff_notice(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<LayoffRequest>,
) -> Result<impl IntoResponse> {
    let notice = service::notify_layoff(
        &state,
        &caller,
        layoff_groups(body.groups)?,
        body.planned_on,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(notice)))
}

#[utoipa::path(get, path = "/api/v1/layoff-notices", operation_id = "listLayoffNotices", tag = "employers",
    security(("bearer" = [])), responses((status = 200, body = [LayoffNotice]), (status = 403)))]
pub async fn list_layoff_notices(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<LayoffNotice>>> {
    let grant = caller.require(&[
        Role::Employer,
        Role::MobilityCenterOfficer,
        Role::MinistryOfficer,
    ])?;
    Ok(axum::Json(service::layoff_notices(&state, grant).await?))
}
