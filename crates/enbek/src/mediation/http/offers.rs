//! Offers of suitable work (214 p.71–72; `listMyOffers`, `respondToOffer`, and the answer
//! through the rural assistant, `answerOfferThroughAssistant`, 214 p.51(2)).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::mediation::matching::Reason;
use enbek_domain::reference::office_hours::local_date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::mediation::error::{Error, Result};
use crate::mediation::http::employers::{vacancy_view, VacancyView};
use crate::mediation::service::matching::Resume;
use crate::mediation::service::offers::{self as service, ShownOffer};
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::http::extract::{Json, Path};
use crate::platform::problem::Common;
use crate::platform::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct OfferRequest {
    pub vacancy_id: String,
    pub registration_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct OfferView {
    pub id: String,
    pub vacancy_id: String,
    pub registration_id: String,
    /// The end of the term to answer: 1 working day for a job seeker, 3 for the unemployed.
    pub answer_due: DateTime<Utc>,
    /// `pending`, `accepted` (referred to the employer), `refused`, `hired` or `rejected`.
    pub status: String,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_late: Option<bool>,
    pub interview_at: Option<DateTime<Utc>>,
    pub interview_place: Option<String>,
    pub interview_declined_at: Option<DateTime<Utc>>,
    /// For an unemployed person: the end of the term to come to the place of the offered job
    /// after the notice of the interview (5 working days, 214 p.51(3)); not having come by then,
    /// without good reason, is a ground of deregistration. (The 3 working days of 214 p.74 to
    /// turn to the employer are a duty, not this term.)
    pub attend_by: Option<DateTime<Utc>>,
    /// The employer recorded that the person did not come to the interview (214 p.51(3)).
    pub no_show_at: Option<DateTime<Utc>>,
    /// The career center accepted the person's good reason for it (214 p.51(3)).
    pub no_show_excused_at: Option<DateTime<Utc>>,
    pub vacancy: Option<VacancyView>,
}

fn view(shown: ShownOffer, today: NaiveDate) -> OfferView {
    let o = shown.offer;
    OfferView {
        attend_by: shown.attend_by,
        no_show_at: o.no_show_at,
        no_show_excused_at: o.no_show_excused_at,
        interview_at: o.interview_at,
        interview_place: o.interview_place,
        interview_declined_at: o.interview_declined_at,
        id: o.id,
        vacancy_id: o.vacancy_id,
        registration_id: o.registration_id,
        answer_due: o.answer_due_at,
        status: o.status.as_str().to_string(),
        answered_at: o.answered_at,
        answered_late: o.answered_late,
        vacancy: shown.vacancy.map(|v| vacancy_view(v, today)),
    }
}

fn shown_view(state: &AppState, shown: ShownOffer) -> OfferView {
    view(shown, local_date(state.clock.now()))
}

#[utoipa::path(post, path = "/api/v1/offers", operation_id = "createOffer", tag = "matching",
    request_body = OfferRequest, security(("bearer" = [])),
    responses((status = 201, body = OfferView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state, offer_exists"), (status = 422, description = "not_suitable, no_resume")))]
pub async fn create_offer(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<OfferRequest>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::CareerCenterSpecialist])?;
    let offer = service::offer_by(&state, &caller, &body.registration_id, &body.vacancy_id).await?;
    Ok((StatusCode::CREATED, axum::Json(shown_view(&state, offer))))
}

#[utoipa::path(get, path = "/api/v1/me/offers", operation_id = "listMyOffers", tag = "matching",
    security(("bearer" = [])), responses((status = 200, body = [OfferView])))]
pub async fn list_my_offers(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<OfferView>>> {
    caller.require(&[Role::Citizen])?;
    let found = service::my_offers(&state, &caller.account_id).await?;
    let today = local_date(state.clock.now());
    Ok(axum::Json(
        found.into_iter().map(|o| view(o, today)).collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct OfferAnswer {
    pub accept: bool,
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/answer", operation_id = "respondToOffer", tag = "matching",
    params(("id" = String, Path)), request_body = OfferAnswer, security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404), (status = 409, description = "invalid_state: already answered")))]
pub async fn respond_to_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<OfferAnswer>,
) -> Result<axum::Json<OfferView>> {
    caller.require(&[Role::Citizen])?;
    let offer = service::answer_mine(&state, &caller.account_id, &id, body.accept).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[utoipa::path(post, path = "/api/v1/assistant/offers/{id}/answer", operation_id = "answerOfferThroughAssistant", tag = "matching",
    params(("id" = String, Path)), request_body = OfferAnswer, security(("bearer" = [])),
    responses((status = 200, body = OfferView, description = "the person's answer, as if given by the person"), (status = 403, description = "forbidden; out_of_scope: not the assistant of the person's rural district"),
        (status = 404), (status = 409, description = "invalid_state: already answered")))]
pub async fn answer_offer_through_assistant(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<OfferAnswer>,
) -> Result<axum::Json<OfferView>> {
    caller.require(&[Role::Assistant])?;
    let offer = service::answer_through_assistant(&state, &caller, &id, body.accept).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[utoipa::path(post, path = "/api/v1/vacancies/{id}/responses", operation_id = "respondToVacancy", tag = "matching",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 201, body = OfferView, description = "referred to the employer at once"), (status = 403), (status = 404),
        (status = 409, description = "not_registered, offer_exists, invalid_state (the vacancy is not open)"), (status = 404, description = "no_resume")))]
pub async fn respond_to_vacancy(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::Citizen])?;
    let offer = service::respond_to_vacancy(&state, &caller.account_id, &id).await?;
    Ok((StatusCode::CREATED, axum::Json(shown_view(&state, offer))))
}

/// A candidate referred to the employer on the person's consent (214 p.73): now, and only now,
/// with name and contacts.
#[derive(Serialize, ToSchema)]
pub struct CandidateView {
    /// The offer's id: the handle of the decision.
    pub id: String,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub resume: Option<Resume>,
    /// The person responded to the vacancy themselves (214 p.77) rather than to an offer.
    pub self_response: bool,
    /// How the resume meets the vacancy (214 p.70): none when it breaks a hard constraint of
    /// suitable work, which a person's own response may.
    pub score: Option<u32>,
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<Reason>,
    pub referred_at: Option<DateTime<Utc>>,
    /// The end of the 5 working days to decide; silence is refusal (214 p.75).
    pub decision_due: Option<DateTime<Utc>>,
    /// `accepted` (waiting for the decision), `hired` or `rejected`.
    pub status: String,
    pub decided_by_silence: Option<bool>,
    pub interview_at: Option<DateTime<Utc>>,
    pub interview_place: Option<String>,
    /// The candidate declined the interview on the portal (214 p.80).
    pub interview_declined_at: Option<DateTime<Utc>>,
    /// The employer recorded that the candidate did not come (214 p.51(3)).
    pub no_show_at: Option<DateTime<Utc>>,
}

#[utoipa::path(get, path = "/api/v1/vacancies/{id}/candidates", operation_id = "listVacancyCandidates", tag = "employers",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = [CandidateView]), (status = 403), (status = 404)))]
pub async fn list_vacancy_candidates(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<CandidateView>>> {
    let found = service::referred_to_own(&state, &caller, &id).await?;
    Ok(axum::Json(
        found
            .into_iter()
            .map(|c| {
                let o = c.offer;
                CandidateView {
                    self_response: o.created_by == service::SELF_RESPONSE,
                    score: c.matched.as_ref().map(|m| m.score),
                    reasons: c.matched.map(|m| m.reasons).unwrap_or_default(),
                    id: o.id,
                    last_name: c.last_name,
                    first_name: c.first_name,
                    phone: c.phone,
                    email: c.email,
                    resume: c.resume,
                    referred_at: o.referred_at,
                    decision_due: o.decision_due_at,
                    status: o.status.as_str().to_string(),
                    decided_by_silence: o.decided_by_silence,
                    interview_at: o.interview_at,
                    interview_place: o.interview_place,
                    interview_declined_at: o.interview_declined_at,
                    no_show_at: o.no_show_at,
                }
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct CandidateDecision {
    /// `hired` or `rejected`.
    pub decision: String,
}

#[utoipa::path(post, path = "/api/v1/vacancies/{id}/candidates/{candidate_id}/decision", operation_id = "decideOnCandidate", tag = "employers",
    params(("id" = String, Path), ("candidate_id" = String, Path)), request_body = CandidateDecision, security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: already decided (silence counts as refusal)"), (status = 422)))]
pub async fn decide_on_candidate(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, candidate_id)): Path<(String, String)>,
    Json(body): Json<CandidateDecision>,
) -> Result<axum::Json<OfferView>> {
    let hired = match body.decision.as_str() {
        "hired" => true,
        "rejected" => false,
        _ => return Err(Error::new(Common::InvalidValue).detail("decision is hired or rejected")),
    };
    let offer = service::decide_on_own(&state, &caller, &id, &candidate_id, hired).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[derive(Deserialize, ToSchema)]
pub struct InterviewRequest {
    pub at: DateTime<Utc>,
    pub place: String,
}

#[utoipa::path(post, path = "/api/v1/vacancies/{id}/candidates/{candidate_id}/interview", operation_id = "scheduleInterview", tag = "employers",
    params(("id" = String, Path), ("candidate_id" = String, Path)), request_body = InterviewRequest, security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404), (status = 409), (status = 422, description = "invalid_date, invalid_value, invalid_text")))]
pub async fn schedule_interview(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, candidate_id)): Path<(String, String)>,
    Json(body): Json<InterviewRequest>,
) -> Result<axum::Json<OfferView>> {
    let offer =
        service::interview_own(&state, &caller, &id, &candidate_id, body.at, &body.place).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/interview/decline", operation_id = "declineInterview", tag = "matching",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 404), (status = 409, description = "invalid_state: no interview")))]
pub async fn decline_interview(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<OfferView>> {
    caller.require(&[Role::Citizen])?;
    let offer = service::decline_my_interview(&state, &caller.account_id, &id).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[utoipa::path(post, path = "/api/v1/vacancies/{id}/candidates/{candidate_id}/no-show", operation_id = "recordNoShow", tag = "employers",
    params(("id" = String, Path), ("candidate_id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404),
        (status = 409, description = "no_show_too_early: the interview, or for an unemployed person the 5 working days of 214 p.51(3) (`attend_by`), not over; interview_declined; invalid_state: no interview, hired, or recorded")))]
pub async fn record_no_show(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, candidate_id)): Path<(String, String)>,
) -> Result<axum::Json<OfferView>> {
    let offer = service::no_show_at_own(&state, &caller, &id, &candidate_id).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}

#[utoipa::path(post, path = "/api/v1/offers/{id}/no-show/excuse", operation_id = "excuseNoShow", tag = "unemployment",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = OfferView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: no unexcused no-show")))]
pub async fn excuse_no_show(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<OfferView>> {
    caller.require(&CASEWORK)?;
    let offer = service::excuse_by(&state, &caller, &id).await?;
    Ok(axum::Json(shown_view(&state, offer)))
}
