//! The individual employment plan (214 p.61–65, 214 App.10), reported changes (214 p.64) and the
//! work queues (214 p.51–52).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::registration::plan::Action;
use enbek_domain::registration::unemployment::Circumstance;
use enbek_domain::text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::registration::error::{Error, Result};
use crate::registration::service::cards::registration_in_scope;
use crate::registration::service::plans::{
    self as service, NewAction, NewContact, NewPlan, QueueItem, Report, ShownPlan,
};

#[derive(Serialize, ToSchema)]
pub struct Suggestion {
    pub action: String,
    /// The section of 214 App.10 part 2.
    pub section: String,
    pub reason: String,
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}/plan/suggestions", operation_id = "suggestPlanActions", tag = "plans",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = [Suggestion]), (status = 403), (status = 404)))]
pub async fn suggest_plan_actions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<Suggestion>>> {
    caller.require(&CASEWORK)?;
    let reg = registration_in_scope(&state, &caller, &id, &CASEWORK).await?;
    let suggestions = service::suggestions(&state, &reg).await?;
    Ok(axum::Json(
        suggestions
            .into_iter()
            .map(|(action, reason)| Suggestion {
                action: action.code().to_string(),
                section: action.section().as_str().to_string(),
                reason: reason.to_string(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct PlanAction {
    /// An action of 214 App.10 part 2 (see `suggestPlanActions`).
    pub action: String,
    pub due_on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct PlanContact {
    pub on: NaiveDate,
    /// What the visit or call is for.
    pub purpose: String,
}

#[derive(Deserialize, ToSchema)]
pub struct PlanRequest {
    pub goal: String,
    #[serde(default)]
    pub education: Option<String>,
    #[serde(default)]
    pub occupation: Option<String>,
    pub valid_until: NaiveDate,
    pub actions: Vec<PlanAction>,
    /// The schedule of contacts with the career center (214 App.10 part 3).
    #[serde(default)]
    pub contacts: Vec<PlanContact>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanItemView {
    pub id: String,
    /// `action` or `contact`.
    pub item: String,
    pub action: Option<String>,
    pub section: Option<String>,
    pub due_on: NaiveDate,
    pub note: Option<String>,
    /// `done`; `attended` or `missed`.
    pub outcome: Option<String>,
    pub overdue: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PlanView {
    pub id: String,
    pub registration_id: String,
    pub goal: String,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub valid_until: NaiveDate,
    /// The end of the term to draw it up (214 p.61: 2 working days from registration).
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub within_term: bool,
    pub signed_by_specialist_at: DateTime<Utc>,
    pub signed_by_person_at: Option<DateTime<Utc>>,
    /// How the person confirmed their signature (214 p.62); none before they sign.
    pub person_confirmation: Option<PersonConfirmationView>,
    pub items: Vec<PlanItemView>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonConfirmationView {
    /// `sms` (a one-time code to the phone the mobile-citizens registry links to the IIN) or
    /// `signature` (an electronic signature over the plan's purpose and content digest).
    pub method: String,
    /// For `signature`: the serial number (hex) of the person's certificate.
    pub certificate_serial: Option<String>,
}

impl From<ShownPlan> for PlanView {
    fn from(shown: ShownPlan) -> Self {
        let plan = shown.plan;
        PlanView {
            within_term: plan.created_at <= plan.due_at,
            id: plan.id,
            registration_id: plan.registration_id,
            goal: plan.goal,
            education: plan.education,
            occupation: plan.occupation,
            valid_until: plan.valid_until,
            due_at: plan.due_at,
            created_at: plan.created_at,
            signed_by_specialist_at: plan.signed_by_specialist_at,
            signed_by_person_at: plan.signed_by_person_at,
            person_confirmation: plan
                .person_confirmation
                .map(|method| PersonConfirmationView {
                    method: method.as_str().to_string(),
                    certificate_serial: plan.person_certificate_serial,
                }),
            items: shown
                .items
                .into_iter()
                .map(|shown| {
                    let i = shown.item;
                    PlanItemView {
                        overdue: shown.overdue,
                        section: i.action.map(|a| a.section().as_str().to_string()),
                        id: i.id,
                        item: i.item.as_str().to_string(),
                        action: i.action.map(|a| a.code().to_string()),
                        due_on: i.due_on,
                        note: i.note,
                        outcome: i.outcome,
                    }
                })
                .collect(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/registrations/{id}/plan", operation_id = "createEmploymentPlan", tag = "plans",
    params(("id" = String, Path)), request_body = PlanRequest, security(("bearer" = [])),
    responses((status = 201, body = PlanView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state (not unemployed), plan_exists"), (status = 422, description = "invalid_value, invalid_date")))]
pub async fn create_employment_plan(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<PlanRequest>,
) -> Result<impl IntoResponse> {
    let plan = draw_up(&state, &caller, &id, body).await?;
    Ok((StatusCode::CREATED, axum::Json(PlanView::from(plan))))
}

/// A specialist draws up and signs the plan of registration `id`, from the API or the
/// workspace's plan editor: the same checks of the values, then the use case.
pub async fn draw_up(
    state: &AppState,
    caller: &Caller,
    id: &str,
    body: PlanRequest,
) -> Result<ShownPlan> {
    let specialists = [Role::CareerCenterSpecialist];
    caller.require(&specialists)?;
    let reg = registration_in_scope(state, caller, id, &specialists).await?;
    let actions = body
        .actions
        .into_iter()
        .map(|a| {
            let action = Action::parse(&a.action).ok_or_else(|| {
                Error::new(Common::InvalidValue)
                    .detail(format!("{} is not an action of App.10", a.action))
            })?;
            Ok(NewAction {
                action,
                due_on: a.due_on,
                note: input::opt_text("note", a.note.as_deref(), text::NOTE)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let contacts = body
        .contacts
        .into_iter()
        .map(|c| {
            Ok(NewContact {
                on: c.on,
                purpose: input::text("purpose", &c.purpose, text::SHORT)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let new = NewPlan {
        goal: input::text("goal", &body.goal, text::NOTE)?,
        education: input::opt_text("education", body.education.as_deref(), text::TITLE)?,
        occupation: input::opt_text("occupation", body.occupation.as_deref(), text::TITLE)?,
        valid_until: body.valid_until,
        actions,
        contacts,
    };
    service::create(state, &caller.account_id, &reg, new).await
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}/plan", operation_id = "getEmploymentPlan", tag = "plans",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 403), (status = 404)))]
pub async fn get_employment_plan(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<PlanView>> {
    caller.require(&CASEWORK)?;
    let reg = registration_in_scope(&state, &caller, &id, &CASEWORK).await?;
    Ok(axum::Json(service::plan_of(&state, &reg).await?.into()))
}

#[utoipa::path(get, path = "/api/v1/me/plan", operation_id = "getMyPlan", tag = "plans",
    security(("bearer" = [])), responses((status = 200, body = PlanView), (status = 404)))]
pub async fn get_my_plan(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<PlanView>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::my_plan(&state, &caller.account_id).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct SignPlan {
    /// A completed identity proof of the account's own IIN (`startIdentityProof` with the
    /// purpose `plan:<id>`, then `completeIdentityProof`), at most 10 minutes old and not yet
    /// spent.
    pub proof_id: String,
}

#[utoipa::path(post, path = "/api/v1/me/plan/sign", operation_id = "signMyPlan", tag = "plans",
    request_body = SignPlan, security(("bearer" = [])),
    responses((status = 200, body = PlanView),
        (status = 403, description = "identity_not_proven, confirmation_required (no fresh, unspent proof of the account's IIN started for this plan over its present content)"),
        (status = 404), (status = 409, description = "invalid_state: already signed")))]
pub async fn sign_my_plan(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<SignPlan>,
) -> Result<axum::Json<PlanView>> {
    caller.require(&[Role::Citizen])?;
    let iin = caller.proven_iin()?;
    Ok(axum::Json(
        service::sign_mine(&state, &caller.account_id, iin, &body.proof_id)
            .await?
            .into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ItemOutcome {
    /// `done` for an action; `attended` or `missed` for a contact.
    pub outcome: String,
}

#[utoipa::path(post, path = "/api/v1/plan-items/{id}", operation_id = "recordPlanItem", tag = "plans",
    params(("id" = String, Path)), request_body = ItemOutcome, security(("bearer" = [])),
    responses((status = 200, body = PlanView), (status = 403), (status = 404), (status = 422)))]
pub async fn record_plan_item(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ItemOutcome>,
) -> Result<axum::Json<PlanView>> {
    caller.require(&[Role::CareerCenterSpecialist])?;
    Ok(axum::Json(
        service::record_by(&state, &caller, &id, &body.outcome)
            .await?
            .into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CircumstanceRequest {
    /// `moved`, `employed`, `entrepreneur`, `founder`, `disability` or `pension` (214 p.64).
    pub kind: String,
    pub occurred_on: NaiveDate,
    #[serde(default)]
    pub details: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CircumstanceView {
    pub id: String,
    pub kind: String,
    pub occurred_on: NaiveDate,
    pub reported_at: DateTime<Utc>,
    /// The end of the 5 working days to report it (214 p.64).
    pub report_due_at: DateTime<Utc>,
    pub reported_late: bool,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

impl From<Report> for CircumstanceView {
    fn from(r: Report) -> Self {
        CircumstanceView {
            id: r.id,
            kind: r.kind.code().to_string(),
            occurred_on: r.occurred_on,
            reported_at: r.reported_at,
            report_due_at: r.report_due_at,
            reported_late: r.reported_late,
            acknowledged_at: r.acknowledged_at,
        }
    }
}

/// A citizen reports a change of 214 p.64, from the API or the cabinet's page: the same checks,
/// then the use case.
pub async fn report_change(
    state: &AppState,
    caller: &Caller,
    body: &CircumstanceRequest,
) -> Result<Report> {
    let kind = Circumstance::parse(&body.kind)
        .ok_or_else(|| Error::new(Common::InvalidValue).detail("kind is a change of 214 p.64"))?;
    caller.require(&[Role::Citizen])?;
    service::report_mine(
        state,
        &caller.account_id,
        kind,
        body.occurred_on,
        body.details.as_deref(),
    )
    .await
}

#[utoipa::path(post, path = "/api/v1/me/circumstances", operation_id = "reportCircumstance", tag = "plans",
    request_body = CircumstanceRequest, security(("bearer" = [])),
    responses((status = 201, body = CircumstanceView), (status = 404, description = "no_registration"),
        (status = 409, description = "invalid_state: not unemployed"), (status = 422, description = "invalid_value, invalid_date")))]
pub async fn report_circumstance(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<CircumstanceRequest>,
) -> Result<impl IntoResponse> {
    let report = report_change(&state, &caller, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CircumstanceView::from(report)),
    ))
}

#[utoipa::path(post, path = "/api/v1/circumstances/{id}/acknowledge", operation_id = "acknowledgeCircumstance", tag = "plans",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = CircumstanceView), (status = 403), (status = 404), (status = 409)))]
pub async fn acknowledge_circumstance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<CircumstanceView>> {
    caller.require(&CASEWORK)?;
    Ok(axum::Json(
        service::acknowledge_by(&state, &caller, &id).await?.into(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// Also what falls due within this many working days after today (default 0: today).
    pub horizon_days: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/work-queue", operation_id = "getWorkQueue", tag = "plans",
    params(QueueQuery), security(("bearer" = [])),
    responses((status = 200, body = [QueueItem]), (status = 403)))]
pub async fn get_work_queue(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<QueueQuery>,
) -> Result<axum::Json<Vec<QueueItem>>> {
    let grant = caller.require(&CASEWORK)?;
    let horizon = q.horizon_days.unwrap_or(0).min(30);
    Ok(axum::Json(
        service::work_queue_of(&state, grant, horizon).await?,
    ))
}
