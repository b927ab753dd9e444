//! Registration as a job seeker through every channel (214 ch.2): the portal, the career
//! center's desk, the rural assistant, the egov portal; and the person's own view of it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::contact::{Email, Phone};
use enbek_domain::ids::Iin;
use enbek_domain::registration::{Channel, CloseReason, Refusal, Status, StayError, TemporaryStay};
use enbek_domain::{bounds, text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::http::lang::{requested_lang, Lang};
use crate::platform::monitoring;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::check_education_level;
use crate::registration::error::Code;
use crate::registration::error::{Error, Result};
use crate::registration::service::registration::{
    self as service, organization_of_kind, Application, Shown, Submission,
};

/// The application form (214 App.1 to the requirements list): the person, the career center,
/// contacts and the consents.
#[derive(Deserialize, ToSchema)]
pub struct JobSeekerApplication {
    pub iin: String,
    /// The career center of residence or temporary stay. At the desk it defaults to the
    /// specialist's own center; through an assistant it is the district's center.
    #[serde(default)]
    pub career_center_id: Option<String>,
    /// A +7 mobile number for SMS notices.
    pub phone: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Publish the resume on enbek.kz (an unticked box: no).
    #[serde(default)]
    pub publish_resume: bool,
    /// Help through private employment agencies (outsourcing) (an unticked box: no).
    #[serde(default)]
    pub outsourcing_consent: bool,
    /// Consent to personal-data processing (required).
    #[serde(default)]
    pub personal_data_consent: bool,
    /// A legal representative's written statement is attached (needed under 16: 214 p.6).
    #[serde(default)]
    pub representative_statement: bool,
    #[serde(default)]
    pub education_level: Option<String>,
    #[serde(default)]
    pub experience_years: Option<u32>,
    /// Occupation codes (classifier) the person seeks work in.
    #[serde(default)]
    pub occupation_codes: Vec<String>,
    /// Language of notices: kk, ru or en (default: the request's language).
    #[serde(default)]
    pub lang: Option<Lang>,
    /// At the desk or through the assistant: identity data as shown on the ID document,
    /// checked against the registries (214 p.7–8).
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    /// At the desk only: the person's temporary stay in the career center's region, required
    /// when the registry places their residence in another region (214 p.5).
    #[serde(default)]
    pub temporary_stay: Option<TemporaryStayForm>,
}

/// A temporary stay stated at the desk (214 p.5).
#[derive(Deserialize, ToSchema)]
pub struct TemporaryStayForm {
    /// Where the person stays, 1 to 300 characters.
    pub address: String,
    /// The last day of the stay, when known (not before today).
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// Validates the form into an IIN and the stored application; bad input is a 422 with a code.
/// The occupations are checked against the classifier by the use case.
fn validate(body: JobSeekerApplication, default_lang: Lang) -> Result<(Iin, Application)> {
    let iin = Iin::parse(&body.iin)?;
    let phone = Phone::parse(&body.phone)?;
    let email = body
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(Email::parse)
        .transpose()?;
    if !body.personal_data_consent {
        return Err(Error::new(Code::ConsentRequired));
    }
    check_education_level(body.education_level.as_deref())?;
    if body.experience_years.is_some_and(|y| y > 70) {
        return Err(Error::new(Common::InvalidValue).detail("experience_years is at most 70"));
    }
    if body.occupation_codes.len() > 10 {
        return Err(Error::new(Common::InvalidValue).detail("at most 10 occupations"));
    }
    let application = Application {
        phone: Some(phone.as_str().to_string()),
        email: email.map(|e| e.as_str().to_string()),
        publish_resume: body.publish_resume,
        outsourcing_consent: body.outsourcing_consent,
        personal_data_consent: true,
        representative_statement: body.representative_statement,
        presented_last_name: input::opt_text("last_name", body.last_name.as_deref(), text::NAME)?,
        presented_first_name: input::opt_text(
            "first_name",
            body.first_name.as_deref(),
            text::NAME,
        )?,
        presented_birth_date: body.birth_date,
        education_level: body.education_level,
        experience_years: input::opt_bounded(
            "experience_years",
            body.experience_years,
            bounds::EXPERIENCE_YEARS,
        )?,
        occupation_codes: body.occupation_codes,
        identity_proof: None,
        lang: body
            .lang
            .or_else(requested_lang)
            .unwrap_or(default_lang)
            .as_str()
            .to_string(),
    };
    Ok((iin, application))
}

/// A registration as its owner and staff see it.
#[derive(Serialize, ToSchema)]
pub struct RegistrationView {
    pub id: String,
    /// `verifying`, `pending_review`, `job_seeker`, `unemployed`, `refused`, `deregistered`,
    /// `closed` or `employed`.
    pub status: String,
    /// The automatic category by expected length of unemployment (214 p.11).
    pub category: Option<String>,
    /// The factors behind the category, with their points.
    #[schema(value_type = Option<Object>)]
    pub category_factors: Option<serde_json::Value>,
    pub job_seeker_since: Option<NaiveDate>,
    pub unemployed_since: Option<NaiveDate>,
    pub refusal_code: Option<String>,
    /// The ground of 214 p.51 the registration ended on; `pension_granted` on registrations ended
    /// before a pension ceased to be taken for a ground (historical: nothing decides it now).
    pub deregistration_code: Option<String>,
    pub barred_until: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    /// `portal`, `in_person`, `assistant` or `egov`.
    pub channel: String,
    /// How the applicant's identity was proven: `sms` or `signature` (the portal), `document`
    /// (the ID document at the desk or shown to the assistant, 214 p.7), `egov` (egov's proof).
    pub identity_proof: Option<String>,
    pub career_center_id: String,
    pub person_id: Option<String>,
    pub submitted_at: DateTime<Utc>,
    /// When the application counts as received (after hours: the next working day, 214 App.1 p.7).
    pub received_at: DateTime<Utc>,
    /// The end of the legal term of the service.
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The refusal notice (214 App.3 or 214 App.6) when refused.
    pub refusal_notice: Option<RefusalNotice>,
    /// The notice of registration, on request: as a job seeker (214 App.4) or as unemployed
    /// (214 App.5, 214 p.40), while the registration stands.
    pub registration_notice: Option<RegistrationNotice>,
}

/// 214 App.4 / 214 App.5: the notice of registration.
#[derive(Serialize, ToSchema)]
pub struct RegistrationNotice {
    /// `App.4` (job seeker) or `App.5` (unemployed).
    pub form: String,
    pub number: String,
    /// Registered from this day.
    pub since: NaiveDate,
    pub career_center_id: String,
    pub career_center_kk: String,
    pub career_center_ru: String,
    pub career_center_en: String,
}

/// The notice of refusal: to register as a job seeker (214 App.3) or as unemployed (214 App.6).
#[derive(Serialize, ToSchema)]
pub struct RefusalNotice {
    /// `App.3` or `App.6`.
    pub form: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub code: String,
    pub legal_basis: String,
    pub ground_kk: String,
    pub ground_ru: String,
    pub ground_en: String,
}

impl From<Shown> for RegistrationView {
    fn from(shown: Shown) -> Self {
        let r = shown.registration;
        RegistrationView {
            category: shown.category.map(|c| c.as_str().to_string()),
            category_factors: shown.category_factors,
            refusal_notice: shown.refusal_notice.map(|n| RefusalNotice {
                form: n.form.to_string(),
                number: r.id.clone(),
                issued_on: n.issued_on,
                code: n.code,
                legal_basis: n.legal_basis.to_string(),
                ground_kk: n.ground.kk,
                ground_ru: n.ground.ru,
                ground_en: n.ground.en,
            }),
            registration_notice: shown.registration_notice.map(|n| RegistrationNotice {
                form: n.form.to_string(),
                number: r.id.clone(),
                since: n.since,
                career_center_id: n.career_center.id,
                career_center_kk: n.career_center.name_kk,
                career_center_ru: n.career_center.name_ru,
                career_center_en: n.career_center.name_en,
            }),
            id: r.id,
            status: r.status.as_str().to_string(),
            job_seeker_since: r.job_seeker_since,
            unemployed_since: r.unemployed_since,
            refusal_code: r.refusal_code,
            deregistration_code: r.deregistration_code.map(|d| d.code().to_string()),
            barred_until: r.barred_until,
            closed_reason: r.closed_reason,
            identity_proof: r.application.identity_proof,
            channel: r.channel.as_str().to_string(),
            career_center_id: r.career_center_id,
            person_id: r.person_id,
            submitted_at: r.submitted_at,
            received_at: r.received_at,
            due_at: r.due_at,
            decided_at: r.decided_at,
        }
    }
}

fn created(shown: Shown) -> impl IntoResponse {
    (
        StatusCode::CREATED,
        axum::Json(RegistrationView::from(shown)),
    )
}

#[utoipa::path(post, path = "/api/v1/registrations", operation_id = "applyJobSeeker", tag = "registration",
    request_body = JobSeekerApplication, security(("bearer" = [])),
    responses((status = 201, body = RegistrationView, description = "decided at once, or `verifying` while the registries do not answer"),
        (status = 403, description = "identity_not_proven: the account has not proven this IIN (startIdentityProof)"),
        (status = 409, description = "registration_exists, reregistration_barred"),
        (status = 422, description = "invalid_iin, invalid_phone, invalid_email, consent_required, unknown_organization, unknown_occupation")))]
pub async fn apply_job_seeker(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<JobSeekerApplication>,
) -> Result<impl IntoResponse> {
    Ok(created(apply_on_portal(&state, &caller, body).await?))
}

/// A citizen's own application on the portal, from the API or the cabinet's page: the same
/// checks of the form, then the use case.
pub async fn apply_on_portal(
    state: &AppState,
    caller: &Caller,
    body: JobSeekerApplication,
) -> Result<Shown> {
    caller.require(&[Role::Citizen])?;
    let center = organization_of_kind(
        state,
        body.career_center_id.as_deref(),
        OrgKind::CareerCenter,
    )
    .await?;
    let locale = Lang::parse(&caller.locale).unwrap_or(Lang::Kk);
    let (iin, application) = validate(body, locale)?;
    let sub = Submission {
        channel: Channel::Portal,
        iin,
        career_center: center,
        applicant_account: Some(caller.account_id.clone()),
        actor_id: caller.account_id.clone(),
        forwarded_by_org: None,
        application,
        temporary_stay: None,
    };
    service::apply(state, sub).await
}

#[utoipa::path(post, path = "/api/v1/career-center/registrations", operation_id = "registerJobSeekerInPerson", tag = "registration",
    request_body = JobSeekerApplication, security(("bearer" = [])),
    responses((status = 201, body = RegistrationView, description = "registered, or refused with the 214 App.3 notice"),
        (status = 403, description = "not a specialist, or another center"), (status = 409),
        (status = 422, description = "residence_reason_required: the registry places the person in another region and no temporary stay is stated (214 p.5); invalid_value, invalid_date")))]
pub async fn register_in_person(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<JobSeekerApplication>,
) -> Result<impl IntoResponse> {
    Ok(created(register_at_desk(&state, &caller, body).await?))
}

/// A specialist registers a person who came to their career center (214 p.5, 214 p.7), from the
/// API or the workspace's desk page: the same checks of the form, then the use case.
pub async fn register_at_desk(
    state: &AppState,
    caller: &Caller,
    mut body: JobSeekerApplication,
) -> Result<Shown> {
    let own = caller
        .organization(Role::CareerCenterSpecialist)?
        .to_string();
    if body.career_center_id.as_deref().is_some_and(|c| c != own) {
        return Err(Error::new(Common::OutOfScope)
            .detail("a specialist registers at their own career center"));
    }
    let center = organization_of_kind(state, Some(&own), OrgKind::CareerCenter).await?;
    let today = enbek_domain::reference::office_hours::local_date(state.clock.now());
    let temporary_stay = body
        .temporary_stay
        .take()
        .map(|s| {
            TemporaryStay {
                address: s.address,
                until: s.until,
            }
            .checked(today)
        })
        .transpose()
        .map_err(|e| match e {
            StayError::Address => Error::new(Common::InvalidValue).detail(
                "temporary_stay.address has 1 to 300 characters, none of them control characters",
            ),
            StayError::Ended => {
                Error::new(Common::InvalidDate).detail("temporary_stay.until is before today")
            }
        })?;
    let (iin, application) = validate(body, Lang::Kk)?;
    let sub = Submission {
        channel: Channel::InPerson,
        iin,
        career_center: center,
        applicant_account: None,
        actor_id: caller.account_id.clone(),
        forwarded_by_org: None,
        application,
        temporary_stay,
    };
    service::apply(state, sub).await
}

#[utoipa::path(post, path = "/api/v1/assistant/registrations", operation_id = "forwardJobSeekerApplication", tag = "registration",
    request_body = JobSeekerApplication, security(("bearer" = [])),
    responses((status = 201, body = RegistrationView, description = "`pending_review` at the district's career center"), (status = 403), (status = 409), (status = 422)))]
pub async fn forward_by_assistant(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<JobSeekerApplication>,
) -> Result<impl IntoResponse> {
    Ok(created(forward_for_resident(&state, &caller, body).await?))
}

/// A rural assistant forwards a resident's application to the district's career center
/// (214 p.20), from the API or the assistant's desk page: the same checks, then the use case.
pub async fn forward_for_resident(
    state: &AppState,
    caller: &Caller,
    body: JobSeekerApplication,
) -> Result<Shown> {
    let district_id = caller.organization(Role::Assistant)?.to_string();
    let district = organization_of_kind(state, Some(&district_id), OrgKind::RuralDistrict).await?;
    let center =
        organization_of_kind(state, district.parent_id.as_deref(), OrgKind::CareerCenter).await?;
    if body
        .career_center_id
        .as_deref()
        .is_some_and(|c| c != center.id)
    {
        return Err(Error::new(Common::OutOfScope)
            .detail("the assistant forwards to the district's career center"));
    }
    let (iin, application) = validate(body, Lang::Kk)?;
    let sub = Submission {
        channel: Channel::Assistant,
        iin,
        career_center: center,
        applicant_account: None,
        actor_id: caller.account_id.clone(),
        forwarded_by_org: Some(district.id),
        application,
        temporary_stay: None,
    };
    service::apply(state, sub).await
}

#[utoipa::path(post, path = "/api/v1/egov/registrations", operation_id = "receiveEgovApplication", tag = "registration",
    request_body = JobSeekerApplication, security(("bearer" = [])),
    responses((status = 201, body = RegistrationView), (status = 403, description = "not the egov gateway"), (status = 409), (status = 422)))]
pub async fn receive_from_egov(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<JobSeekerApplication>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::EgovGateway])?;
    let center = organization_of_kind(
        &state,
        body.career_center_id.as_deref(),
        OrgKind::CareerCenter,
    )
    .await?;
    let (iin, application) = validate(body, Lang::Kk)?;
    let sub = Submission {
        channel: Channel::Egov,
        iin,
        career_center: center,
        applicant_account: None,
        actor_id: caller.account_id,
        forwarded_by_org: None,
        application,
        temporary_stay: None,
    };
    Ok(created(service::apply(&state, sub).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct Review {
    /// Register (after the registry check) or refuse.
    pub accept: bool,
    /// With `accept: false`: false_information or under_16.
    #[serde(default)]
    pub refusal_code: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/registrations/{id}/review", operation_id = "reviewForwardedRegistration", tag = "registration",
    params(("id" = String, Path)), request_body = Review, security(("bearer" = [])),
    responses((status = 200, body = RegistrationView), (status = 403), (status = 404), (status = 409, description = "invalid_state"), (status = 422)))]
pub async fn review(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<Review>,
) -> Result<axum::Json<RegistrationView>> {
    Ok(axum::Json(
        review_by(&state, &caller, &id, &body).await?.into(),
    ))
}

/// The center's specialist decides a forwarded application (214 p.20), from the API or the
/// workspace's review page: the same checks, then the use case.
pub async fn review_by(
    state: &AppState,
    caller: &Caller,
    id: &str,
    body: &Review,
) -> Result<Shown> {
    caller.require(&[Role::CareerCenterSpecialist])?;
    let reg = service::at_own_center(state, caller, id).await?;
    let refusal = match (body.accept, body.refusal_code.as_deref()) {
        (true, _) => None,
        (false, Some(code)) => Some(
            Refusal::parse(code)
                .ok_or_else(|| Error::new(Common::InvalidValue).detail("unknown refusal_code"))?,
        ),
        (false, None) => {
            return Err(Error::new(Common::InvalidValue).detail("a refusal needs its refusal_code"))
        }
    };
    service::review(state, &caller.account_id, &reg, refusal).await
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AssistantNoticesQuery {
    /// How many, newest first: 1 to 500 (default 100).
    pub limit: Option<i64>,
}

/// A notice that reached the rural district's assistant for a resident it serves.
#[derive(Serialize, ToSchema)]
pub struct AssistantNoticeView {
    #[serde(flatten)]
    pub notice: NotificationView,
    /// The resident the notice concerns (last and first name; never the IIN), to be told and
    /// whose answer the assistant may bring back (214 p.51(2)).
    pub person_name: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/assistant/notifications", operation_id = "listAssistantNotifications", tag = "registration",
    params(AssistantNoticesQuery), security(("bearer" = [])),
    responses((status = 200, body = [AssistantNoticeView], description = "The notices that reached the caller's rural district through its assistant (214 p.20, 214 p.52, 214 p.71, 214 p.73), newest first; the reading is audited"), (status = 403)))]
pub async fn list_assistant_notifications(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<AssistantNoticesQuery>,
) -> Result<axum::Json<Vec<AssistantNoticeView>>> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let notices = service::assistant_notices(&state, &caller, limit).await?;
    Ok(axum::Json(
        notices
            .into_iter()
            .map(|n| AssistantNoticeView {
                notice: n.notification.into(),
                person_name: n.person_name,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    pub status: Option<String>,
}

/// One item of a career center's work queue, with its legal term.
#[derive(Serialize, ToSchema)]
pub struct QueueItem {
    pub id: String,
    pub status: String,
    pub channel: String,
    pub person_id: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
    /// The point of law that sets the term.
    pub legal_term: String,
}

#[utoipa::path(get, path = "/api/v1/career-center/registrations", operation_id = "listCenterRegistrations", tag = "registration",
    params(QueueQuery), security(("bearer" = [])), responses((status = 200, body = [QueueItem]), (status = 403)))]
pub async fn list_center_registrations(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<QueueQuery>,
) -> Result<axum::Json<Vec<QueueItem>>> {
    let center = caller.organization(Role::CareerCenterSpecialist)?;
    let queue = match q.status.as_deref().map(Status::parse) {
        // A status no registration can be in matches none.
        Some(None) => Vec::new(),
        status => service::center_queue(&state, center, status.flatten()).await?,
    };
    Ok(axum::Json(
        queue
            .into_iter()
            .map(|q| QueueItem {
                legal_term: q.legal_term.into(),
                overdue: q.overdue,
                id: q.registration.id,
                status: q.registration.status.as_str().to_string(),
                channel: q.registration.channel.as_str().to_string(),
                person_id: q.registration.person_id,
                received_at: q.registration.received_at,
                due_at: q.registration.due_at,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct StaffRegistrationView {
    #[serde(flatten)]
    pub registration: RegistrationView,
    /// The monitoring stages of the public service (214 p.22).
    pub stages: Vec<monitoring::Stage>,
}

#[utoipa::path(get, path = "/api/v1/registrations/{id}", operation_id = "getRegistration", tag = "registration",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = StaffRegistrationView), (status = 403), (status = 404)))]
pub async fn get_registration(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<StaffRegistrationView>> {
    let (shown, stages) = service::with_stages(&state, &caller, &id).await?;
    Ok(axum::Json(StaffRegistrationView {
        registration: shown.into(),
        stages,
    }))
}

#[utoipa::path(get, path = "/api/v1/me/registration", operation_id = "getMyRegistration", tag = "registration",
    security(("bearer" = [])), responses((status = 200, body = RegistrationView), (status = 404, description = "no_registration")))]
pub async fn get_my_registration(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<RegistrationView>> {
    caller.require(&[Role::Citizen])?;
    Ok(axum::Json(
        service::mine(&state, &caller.account_id).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CloseRegistration {
    /// got_job (ends as `employed`), moved, military_service, medical, own_wish; any other text
    /// is kept as the person's own words.
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/me/registration/close", operation_id = "closeMyRegistration", tag = "registration",
    request_body = CloseRegistration, security(("bearer" = [])),
    responses((status = 200, body = RegistrationView), (status = 404, description = "no_registration"), (status = 409, description = "invalid_state"), (status = 422)))]
pub async fn close_my_registration(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<CloseRegistration>,
) -> Result<axum::Json<RegistrationView>> {
    Ok(axum::Json(
        close_mine(&state, &caller, &body.reason).await?.into(),
    ))
}

/// A citizen closes their own registration for a reason (a listed code or their own words),
/// from the API or the cabinet's page: the same checks, then the use case.
pub async fn close_mine(state: &AppState, caller: &Caller, reason: &str) -> Result<Shown> {
    caller.require(&[Role::Citizen])?;
    let reason = input::text("reason", reason, text::SHORT)?;
    let reason = CloseReason::from_statement(&reason).ok_or_else(|| {
        Error::new(Common::InvalidValue).detail("the reason is empty or longer than 500 characters")
    })?;
    service::close(state, &caller.account_id, reason).await
}

#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    pub kind: String,
    /// `cabinet`, `email`, `sms` or `assistant`.
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub subject: String,
    pub text: String,
    pub lang: String,
    /// `pending` or `delivered`.
    pub status: String,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[utoipa::path(get, path = "/api/v1/me/notifications", operation_id = "listMyNotifications", tag = "registration",
    security(("bearer" = [])), responses((status = 200, body = [NotificationView])))]
pub async fn list_my_notifications(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<NotificationView>>> {
    let rows = service::my_notifications(&state, &caller.account_id).await?;
    Ok(axum::Json(rows.into_iter().map(Into::into).collect()))
}

impl From<service::Notification> for NotificationView {
    fn from(n: service::Notification) -> NotificationView {
        NotificationView {
            id: n.id,
            kind: n.kind,
            channel: n.channel.as_str().to_string(),
            created_at: n.created_at,
            subject: n.subject,
            text: n.text,
            lang: n.lang.as_str().to_string(),
            status: n.status.as_str().to_string(),
            delivered_at: n.delivered_at,
        }
    }
}
