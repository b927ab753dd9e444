//! Referrals to active employment measures (Order 129): the places to refer to, the application
//! through each channel (the cabinet, the career center's desk, egov), the person's referrals, the
//! tear-off notices and the end of participation.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::{OrgKind, Role};
use enbek_domain::ids::Iin;
use enbek_domain::measures::participation::{Ending, Stage};
use enbek_domain::measures::referral::{
    may_be_digital, ActiveMeasure, DeskDocument, Presented, ReferralRefusal,
};
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registration::Channel;
use enbek_domain::{bounds, text};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::accounts::interface::consent;
use crate::measures::error::{Code, Error, Result};
use crate::measures::service::places::{self, NewPlace};
use crate::measures::service::referrals::{
    self as service, Receiver, Submission, DIGITAL_DOCUMENTS,
};
use crate::measures::store::places::Place;
use crate::measures::store::referrals::{self, Commission, FamilyMember, Referral, TearOffNotice};
use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::http::extract::{Json, Path, Query};
use crate::platform::http::input;
use crate::platform::http::lang::Lang;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::{Code as ReferenceCode, Organization};

pub(crate) fn measure(code: &str) -> Result<ActiveMeasure> {
    ActiveMeasure::parse(code).ok_or_else(|| {
        Error::new(Common::InvalidValue)
            .detail("measure is training, public_works, social_job, youth_practice, first_job, generation_contract, silver_age or resettlement")
            .with("field", "measure")
    })
}

/// A document of the desk's checklist and how it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeskDocumentView {
    /// `identity`, `labour_book`, `education`, `health_certificate`, `professional_education`
    /// or `parent_consent`.
    pub document: String,
    /// `valid`, `expired` or `missing`.
    pub state: String,
}

/// An application for a referral and the referral it became.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralView {
    pub id: String,
    /// The measure of 129 App.1.
    pub measure: String,
    /// `pending` (the registries have not answered yet), `refused`, `not_accepted` (the desk's
    /// receipt of 129 App.3), `referred`, `enrolled` (the tear-off notice returned), `not_taken`,
    /// `completed`, `quit` or `dismissed`.
    pub status: String,
    /// With `refused`: `unreliable_documents`, `requirements_not_met`, `negative_approval`,
    /// `no_personal_data_consent`, `training_barred` or `subsidised_job_barred`.
    pub refusal_code: Option<String>,
    /// The refusal's point of law (`129 App.2 p.9(2)`).
    pub ground: Option<String>,
    /// What the decision found.
    pub refusal_detail: Option<String>,
    /// With `not_accepted`: the documents missing or expired.
    pub documents_not_accepted: Vec<DeskDocumentView>,
    /// The 129 p.2 category the person was referred in.
    pub category: Option<String>,
    pub place_id: Option<String>,
    pub career_center_id: String,
    /// `portal`, `in_person` or `egov`.
    pub channel: String,
    /// The referral's (or the receipt's) number.
    pub number: Option<String>,
    /// The signed referral (129 App.4, App.5, App.8, App.11) or receipt (129 App.3).
    pub document_id: Option<String>,
    /// The signed application (129 App.1).
    pub application_document_id: Option<String>,
    pub submitted_at: DateTime<Utc>,
    /// The online application's receipt: the next working day after hours (129 App.2 p.7).
    pub received_at: DateTime<Utc>,
    /// The service's term: 1 working day (129 App.2 p.3).
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The tear-off notice's term: 5 working days (129 App.4, App.5, App.8); none for App.11.
    pub tear_off_due_at: Option<DateTime<Utc>>,
    /// The term passed and the notice has not come back.
    pub tear_off_overdue: bool,
    pub returned_at: Option<DateTime<Utc>>,
    pub tear_off: Option<TearOffNotice>,
    /// `completed`, `quit` or `dismissed`.
    pub ending: Option<String>,
    pub good_reason: Option<bool>,
    pub ended_on: Option<NaiveDate>,
    pub family: Vec<FamilyMember>,
}

impl ReferralView {
    pub(crate) fn of(r: Referral, now: DateTime<Utc>) -> ReferralView {
        let refusal = r.refusal_code.as_deref().and_then(ReferralRefusal::parse);
        let not_accepted = r.stage == Stage::NotAccepted;
        ReferralView {
            tear_off_overdue: r.stage == Stage::Referred
                && r.tear_off_due_at.is_some_and(|due| now >= due),
            id: r.id,
            measure: r.measure.code().to_string(),
            status: r.stage.code().to_string(),
            ground: refusal.map(|g| g.ground().to_string()),
            refusal_code: r.refusal_code,
            refusal_detail: r.refusal_detail,
            documents_not_accepted: if not_accepted {
                r.data
                    .documents
                    .iter()
                    .map(|(d, s)| DeskDocumentView {
                        document: d.clone(),
                        state: s.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            category: r.category.map(|c| c.code().to_string()),
            place_id: r.place_id,
            career_center_id: r.career_center_id,
            channel: r.channel.as_str().to_string(),
            number: r.number,
            document_id: r.document_id,
            application_document_id: r.application_document_id,
            submitted_at: r.submitted_at,
            received_at: r.received_at,
            due_at: r.due_at,
            decided_at: r.decided_at,
            tear_off_due_at: r.tear_off_due_at,
            returned_at: r.returned_at,
            tear_off: r.tear_off,
            ending: r.ending.map(|e| e.code().to_string()),
            good_reason: r.good_reason,
            ended_on: r.ended_on,
            family: r.data.family,
        }
    }
}

fn view(state: &AppState, r: Referral) -> ReferralView {
    ReferralView::of(r, state.clock.now())
}

fn created(state: &AppState, r: Referral) -> impl IntoResponse {
    (StatusCode::CREATED, axum::Json(view(state, r)))
}

/// A family member who moves with the person (resettlement, 129 App.11).
#[derive(Debug, Deserialize, ToSchema)]
pub struct FamilyMemberRequest {
    /// `spouse`, `child`, `parent`, `sibling` or `other`.
    pub relation: String,
    pub full_name: String,
}

const RELATIONS: [&str; 5] = ["spouse", "child", "parent", "sibling", "other"];

fn family(members: Vec<FamilyMemberRequest>, measure: ActiveMeasure) -> Result<Vec<FamilyMember>> {
    if !members.is_empty() && measure != ActiveMeasure::Resettlement {
        return Err(Error::new(Common::InvalidValue)
            .detail("family members move only with resettlement")
            .with("field", "family"));
    }
    if members.len() > 20 {
        return Err(Error::new(Common::InvalidValue).detail("at most 20 family members"));
    }
    members
        .into_iter()
        .map(|m| {
            if !RELATIONS.contains(&m.relation.as_str()) {
                return Err(Error::new(Common::InvalidValue)
                    .detail("relation is spouse, child, parent, sibling or other")
                    .with("field", "family.relation"));
            }
            Ok(FamilyMember {
                relation: m.relation,
                full_name: input::text("family.full_name", &m.full_name, text::FULL_NAME)?,
            })
        })
        .collect()
}

/// The application of 129 App.1, as the cabinet and egov send it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MeasureApplicationRequest {
    /// `training`, `public_works`, `social_job`, `youth_practice`, `first_job`,
    /// `generation_contract`, `silver_age` or `resettlement`.
    pub measure: String,
    /// The place applied for (`listMeasurePlaces`).
    pub place_id: String,
    /// The career center; by default the place's (for resettlement required: the quota is of
    /// the region of settlement).
    #[serde(default)]
    pub career_center_id: Option<String>,
    /// Consent to collect and process personal data (129 App.1).
    #[serde(default)]
    pub personal_data_consent: bool,
    /// Consent to use the data protected by law held in information systems (129 App.1; Law on
    /// personal data art.8).
    #[serde(default)]
    pub restricted_data_consent: bool,
    /// Resettlement: the family members who move.
    #[serde(default)]
    pub family: Vec<FamilyMemberRequest>,
    /// egov only: the applicant's IIN.
    #[serde(default)]
    pub iin: Option<String>,
}

/// The career center an application goes to: the one named (a career center), or the place's.
async fn center_for(state: &AppState, named: Option<&str>, place_id: &str) -> Result<Organization> {
    let id = match named {
        Some(id) => id.to_string(),
        None => crate::measures::store::places::by_id(&state.db.pool, place_id)
            .await?
            .map(|p| p.career_center_id)
            .ok_or_else(|| Error::new(Code::UnknownPlace).with("place_id", place_id))?,
    };
    reference::organization_by_id(&state.db.pool, &id)
        .await?
        .filter(|o| o.kind == OrgKind::CareerCenter)
        .ok_or_else(|| Error::new(ReferenceCode::UnknownOrganization).with("organization_id", id))
}

async fn submission(
    state: &AppState,
    channel: Channel,
    iin: Iin,
    actor: &Caller,
    body: MeasureApplicationRequest,
    applicant_account: Option<String>,
) -> Result<Submission> {
    let measure = measure(&body.measure)?;
    // A resettlement quota is of the region of settlement: the person names their own center.
    if measure == ActiveMeasure::Resettlement && body.career_center_id.is_none() {
        return Err(Error::new(Common::InvalidValue)
            .detail("career_center_id names the referring career center for resettlement")
            .with("field", "career_center_id"));
    }
    let career_center = center_for(state, body.career_center_id.as_deref(), &body.place_id).await?;
    Ok(Submission {
        channel,
        iin,
        career_center,
        applicant_account,
        actor_id: actor.account_id.clone(),
        measure,
        place_id: body.place_id,
        personal_data_consent: body.personal_data_consent,
        restricted_data_consent: body.restricted_data_consent,
        family: family(body.family, measure)?,
        presented: None,
        digital_consent: None,
    })
}

#[utoipa::path(post, path = "/api/v1/me/active-measures", operation_id = "applyActiveMeasure", tag = "measures",
    request_body = MeasureApplicationRequest, security(("bearer" = [])),
    responses((status = 201, body = ReferralView, description = "referred, refused with its code, or `pending` while the registries do not answer"),
        (status = 403, description = "identity_not_proven"),
        (status = 409, description = "place_full, referral_exists"),
        (status = 422, description = "invalid_value, unknown_place, place_not_open, unknown_organization")))]
pub async fn apply_active_measure(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<MeasureApplicationRequest>,
) -> Result<impl IntoResponse> {
    Ok(created(
        &state,
        apply_in_cabinet(&state, &caller, body).await?,
    ))
}

/// A citizen's own application from the cabinet (the API or the page): only for the IIN the
/// account has proven.
pub async fn apply_in_cabinet(
    state: &AppState,
    caller: &Caller,
    body: MeasureApplicationRequest,
) -> Result<Referral> {
    caller.require(&[Role::Citizen])?;
    let iin = caller
        .iin
        .as_deref()
        .ok_or_else(|| Error::new(Common::IdentityNotProven))
        .and_then(|i| Ok(Iin::parse(i)?))?;
    let sub = submission(
        state,
        Channel::Portal,
        iin,
        caller,
        body,
        Some(caller.account_id.clone()),
    )
    .await?;
    service::apply(state, sub).await
}

#[utoipa::path(post, path = "/api/v1/egov/active-measures", operation_id = "receiveEgovActiveMeasure", tag = "measures",
    request_body = MeasureApplicationRequest, security(("bearer" = [])),
    responses((status = 201, body = ReferralView), (status = 403, description = "not the egov gateway"), (status = 409), (status = 422)))]
pub async fn receive_egov_active_measure(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<MeasureApplicationRequest>,
) -> Result<impl IntoResponse> {
    caller.require(&[Role::EgovGateway])?;
    let iin = Iin::parse(body.iin.as_deref().unwrap_or_default())?;
    let sub = submission(&state, Channel::Egov, iin, &caller, body, None).await?;
    Ok(created(&state, service::apply(&state, sub).await?))
}

/// The application at the career center's desk: the person's IIN and the documents of the
/// measure's checklist (129 App.2 p.8) as they stand.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DeskApplicationRequest {
    pub iin: String,
    pub measure: String,
    pub place_id: String,
    /// Each document presented and its state (`valid` or `expired`): `identity`,
    /// `labour_book`, `education`, `health_certificate`, `professional_education`,
    /// `parent_consent`; a document not named is missing. The identity document may be
    /// `digital`: taken from the digital documents service with the person's consent
    /// (`digital_consent`).
    #[serde(default)]
    pub documents: BTreeMap<String, String>,
    /// The person's consent to their digital documents (`askDigitalDocumentConsent`) and the
    /// one-time code they were sent (129 App.2 p.8).
    #[serde(default)]
    pub digital_consent: Option<ConsentAnswer>,
    #[serde(default)]
    pub personal_data_consent: bool,
    #[serde(default)]
    pub restricted_data_consent: bool,
    #[serde(default)]
    pub family: Vec<FamilyMemberRequest>,
}

/// The person's answer to a consent asked of them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentAnswer {
    pub consent_id: String,
    /// The one-time code the person was sent and tells the specialist.
    pub code: String,
}

/// The person whose consent is asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ConsentRequest {
    pub iin: String,
}

/// A consent asked: the code is on its way to the person's registered phone.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentAsked {
    pub consent_id: String,
    pub expires_at: DateTime<Utc>,
    /// Where the code went, all but its last four digits hidden.
    pub phone_masked: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/career-center/digital-document-consents", operation_id = "askDigitalDocumentConsent", tag = "measures",
    request_body = ConsentRequest, security(("bearer" = [])),
    responses((status = 201, body = ConsentAsked, description = "a one-time code sent to the phone the mobile-citizens registry links to the IIN"),
        (status = 403), (status = 422, description = "invalid_iin, no_registered_phone"), (status = 429, description = "too_many_attempts"),
        (status = 503, description = "the registry did not answer")))]
pub async fn ask_digital_document_consent(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<ConsentRequest>,
) -> Result<impl IntoResponse> {
    Ok((
        StatusCode::CREATED,
        axum::Json(ask_consent(&state, &caller, &body.iin).await?),
    ))
}

/// A specialist asks the person at the desk for their consent to the center taking their digital
/// documents (129 App.2 p.8): a one-time code to the person's registered phone, in the
/// specialist's language.
pub async fn ask_consent(state: &AppState, caller: &Caller, iin: &str) -> Result<ConsentAsked> {
    caller.organization(Role::CareerCenterSpecialist)?;
    let iin = Iin::parse(iin)?;
    let lang = Lang::parse(&caller.locale).unwrap_or(Lang::Kk);
    let asked = consent::ask(state, &caller.account_id, lang, &iin, DIGITAL_DOCUMENTS).await?;
    Ok(ConsentAsked {
        consent_id: asked.proof_id,
        expires_at: asked.expires_at,
        phone_masked: asked.phone_masked,
    })
}

#[utoipa::path(post, path = "/api/v1/career-center/active-measures", operation_id = "referActiveMeasureInPerson", tag = "measures",
    request_body = DeskApplicationRequest, security(("bearer" = [])),
    responses((status = 201, body = ReferralView, description = "referred, refused, or `not_accepted` with the receipt of 129 App.3"),
        (status = 403), (status = 409, description = "place_full, referral_exists"),
        (status = 422, description = "invalid_iin, invalid_value, unknown_place, place_not_open, digital_consent_required, wrong_code")))]
pub async fn refer_in_person(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<DeskApplicationRequest>,
) -> Result<impl IntoResponse> {
    Ok(created(&state, apply_at_desk(&state, &caller, body).await?))
}

/// A specialist takes an application at their own center's desk (the API or the desk page).
pub async fn apply_at_desk(
    state: &AppState,
    caller: &Caller,
    body: DeskApplicationRequest,
) -> Result<Referral> {
    let own = caller
        .organization(Role::CareerCenterSpecialist)?
        .to_string();
    let iin = Iin::parse(&body.iin)?;
    let measure = measure(&body.measure)?;
    let mut presented = Vec::new();
    for (code, state) in &body.documents {
        let document = DeskDocument::parse(code).ok_or_else(|| {
            Error::new(Common::InvalidValue)
                .detail("documents names identity, labour_book, education, health_certificate, professional_education, parent_consent")
                .with("field", "documents")
        })?;
        let state = match state.as_str() {
            "valid" => Presented::Valid,
            "expired" => Presented::Expired,
            "missing" => Presented::Missing,
            "digital" if may_be_digital(document) => Presented::Digital,
            _ => return Err(Error::new(Common::InvalidValue)
                .detail(
                    "a document is valid, expired or missing; the identity document may be digital",
                )
                .with("field", "documents")),
        };
        presented.push((document, state));
    }
    // A digital document only with the owner's consent by a one-time code (129 App.2 p.8).
    let digital_consent = match (
        presented.iter().any(|(_, s)| *s == Presented::Digital),
        body.digital_consent,
    ) {
        (false, _) => None,
        (true, None) => return Err(Error::new(Code::DigitalConsentRequired)),
        (true, Some(answer)) => {
            consent::given(
                state,
                &caller.account_id,
                &answer.consent_id,
                iin.as_str(),
                &answer.code,
                DIGITAL_DOCUMENTS,
            )
            .await?;
            Some(answer.consent_id)
        }
    };
    let career_center = center_for(state, Some(&own), &body.place_id).await?;
    let sub = Submission {
        channel: Channel::InPerson,
        iin,
        career_center,
        applicant_account: None,
        actor_id: caller.account_id.clone(),
        measure,
        place_id: body.place_id,
        personal_data_consent: body.personal_data_consent,
        restricted_data_consent: body.restricted_data_consent,
        family: family(body.family, measure)?,
        presented: Some(presented),
        digital_consent,
    };
    service::apply(state, sub).await
}

#[utoipa::path(get, path = "/api/v1/me/active-measures", operation_id = "listMyActiveMeasures", tag = "measures",
    security(("bearer" = [])), responses((status = 200, body = [ReferralView]), (status = 403)))]
pub async fn list_my_active_measures(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<ReferralView>>> {
    Ok(axum::Json(
        mine(&state, &caller)
            .await?
            .into_iter()
            .map(|r| view(&state, r))
            .collect(),
    ))
}

/// The citizen's own applications and referrals, newest first (none before the IIN is proven).
pub async fn mine(state: &AppState, caller: &Caller) -> Result<Vec<Referral>> {
    caller.require(&[Role::Citizen])?;
    let Some(iin) = &caller.iin else {
        return Ok(Vec::new());
    };
    Ok(referrals::of_iin(&state.db.pool, iin).await?)
}

/// Who acts on a referral's tear-off and participation: the employer or the education
/// organisation of the caller, or a specialist of a career center (the referring one, or for
/// resettlement one of the region of settlement).
pub(crate) fn receiver(caller: &Caller) -> Result<Receiver<'_>> {
    let grant = caller.require(&[
        Role::Employer,
        Role::EducationStaff,
        Role::CareerCenterSpecialist,
    ])?;
    match grant.role {
        Role::Employer => Ok(Receiver::Employer(caller.organization(Role::Employer)?)),
        Role::EducationStaff => Ok(Receiver::School(caller.organization(Role::EducationStaff)?)),
        _ => Ok(Receiver::Specialist {
            center_id: caller.organization(Role::CareerCenterSpecialist)?,
            region_code: grant.region_code.as_deref().unwrap_or("-"),
        }),
    }
}

#[utoipa::path(get, path = "/api/v1/active-measures/{id}", operation_id = "getActiveMeasureReferral", tag = "measures",
    params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = ReferralView), (status = 403), (status = 404)))]
pub async fn get_active_measure_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<axum::Json<ReferralView>> {
    Ok(axum::Json(view(
        &state,
        readable(&state, &caller, &id).await?,
    )))
}

/// A referral the caller may read: the person's own; the referring center's specialists and
/// the region's mobility center (their reads audited); the receiving organisation. Another
/// person learns nothing of it (404); other staff are refused (403).
pub async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<Referral> {
    let referral = referrals::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if caller.grant(Role::Citizen).is_some() && caller.iin.as_deref() == Some(referral.iin.as_str())
    {
        return Ok(referral);
    }
    let of_center = caller
        .grant(Role::CareerCenterSpecialist)
        .is_some_and(|g| g.organization_id.as_deref() == Some(referral.career_center_id.as_str()));
    let of_region = caller
        .grant(Role::MobilityCenterOfficer)
        .is_some_and(|g| g.region_code.as_deref() == Some(referral.region_code.as_str()));
    if of_center || of_region {
        let now = state.clock.now();
        let mut tx = state.db.begin().await?;
        audit::Entry::new(now, "read", "measure_referral", &referral.id)
            .by(caller.account_id.as_str())
            .after(json!({ "stage": referral.stage.code() }))
            .record(&mut tx);
        tx.commit().await?;
        return Ok(referral);
    }
    if let Ok(receiver) = receiver(caller) {
        if service::received(state, &receiver, id).await.is_ok() {
            return Ok(referral);
        }
    }
    if caller.grant(Role::Citizen).is_some() {
        return Err(Error::not_found());
    }
    caller.require(&[
        Role::CareerCenterSpecialist,
        Role::MobilityCenterOfficer,
        Role::Employer,
        Role::EducationStaff,
    ])?;
    Err(Error::new(Common::OutOfScope).detail("another organisation's referral"))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReferralsQuery {
    /// A stage (`referred`, `enrolled`…).
    pub status: Option<String>,
    /// Only referrals whose tear-off notice is overdue.
    #[serde(default)]
    pub overdue: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralPage {
    pub items: Vec<ReferralView>,
    pub total: i64,
}

#[utoipa::path(get, path = "/api/v1/active-measures", operation_id = "listActiveMeasureReferrals", tag = "measures",
    params(ReferralsQuery), security(("bearer" = [])),
    responses((status = 200, body = ReferralPage, description = "the specialist's center, the officer's region, the employer's places or the education organisation's courses, the earliest tear-off term first"), (status = 403)))]
pub async fn list_active_measure_referrals(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ReferralsQuery>,
) -> Result<axum::Json<ReferralPage>> {
    let (items, total) = listed(&state, &caller, &q).await?;
    Ok(axum::Json(ReferralPage {
        items: items.into_iter().map(|r| view(&state, r)).collect(),
        total,
    }))
}

/// The referrals a grant sees, filtered: the specialist's center, the officer's region, the
/// employer's places, the education organisation's courses; never everything.
pub async fn listed(
    state: &AppState,
    caller: &Caller,
    q: &ReferralsQuery,
) -> Result<(Vec<Referral>, i64)> {
    let grant = caller.require(&[
        Role::CareerCenterSpecialist,
        Role::MobilityCenterOfficer,
        Role::Employer,
        Role::EducationStaff,
    ])?;
    let stage = match q.status.as_deref() {
        None => None,
        Some(s) => Some(Stage::parse(s).ok_or_else(|| {
            Error::new(Common::InvalidValue)
                .detail("status is a stage of a referral")
                .with("field", "status")
        })?),
    };
    let none = "-";
    let mut filter = referrals::Filter {
        stage,
        tear_off_due_before: q.overdue.then(|| state.clock.now()),
        ..referrals::Filter::default()
    };
    match grant.role {
        Role::CareerCenterSpecialist => {
            filter.career_center_id = Some(grant.organization_id.as_deref().unwrap_or(none))
        }
        Role::MobilityCenterOfficer => {
            filter.region_code = Some(grant.region_code.as_deref().unwrap_or(none))
        }
        Role::EducationStaff => {
            filter.education_organization_id =
                Some(grant.organization_id.as_deref().unwrap_or(none))
        }
        _ => filter.employer_id = Some(grant.organization_id.as_deref().unwrap_or(none)),
    }
    let limit = input::bounded("limit", q.limit.unwrap_or(50), bounds::PER_PAGE)?;
    let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
    Ok(referrals::page(&state.db.pool, &filter, limit, offset).await?)
}

/// The tear-off notice as the receiving organisation returns it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TearOffRequest {
    /// Enrolled, hired or settled; false when the organisation did not take the person.
    pub taken: bool,
    pub order_number: Option<String>,
    pub order_date: Option<NaiveDate>,
    pub contract_number: Option<String>,
    pub contract_date: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Resettlement: `housing`, `service_housing`, `dormitory` or `rent_subsidy`.
    pub housing: Option<String>,
    pub reason: Option<String>,
}

const HOUSING: [&str; 4] = ["housing", "service_housing", "dormitory", "rent_subsidy"];

/// The tear-off notice as returned (the API's body, the pages' form), its texts and dates checked.
pub(crate) fn notice(state: &AppState, body: TearOffRequest) -> Result<TearOffNotice> {
    let today = local_date(state.clock.now());
    let number = |field: &str, v: Option<String>| {
        input::opt_text(field, v.as_deref(), text::ITEM.optional())
    };
    let n = TearOffNotice {
        taken: body.taken,
        order_number: number("order_number", body.order_number)?,
        order_date: body.order_date,
        contract_number: number("contract_number", body.contract_number)?,
        contract_date: body.contract_date,
        starts_on: body.starts_on,
        ends_on: body.ends_on,
        housing: body.housing,
        reason: input::opt_text("reason", body.reason.as_deref(), text::NOTE.optional())?,
    };
    if n.taken && n.order_number.is_none() && n.contract_number.is_none() {
        return Err(Error::new(Common::InvalidValue).detail(
            "the notice names the order or the contract (order_number or contract_number)",
        ));
    }
    if [n.order_date, n.contract_date]
        .into_iter()
        .flatten()
        .any(|d| d > today)
    {
        return Err(
            Error::new(Common::InvalidDate).detail("an order or contract is not dated after today")
        );
    }
    if let (Some(from), Some(to)) = (n.starts_on, n.ends_on) {
        if to <= from {
            return Err(Error::new(Common::InvalidDate).detail("ends_on is after starts_on"));
        }
    }
    if n.housing.as_deref().is_some_and(|h| !HOUSING.contains(&h)) {
        return Err(Error::new(Common::InvalidValue)
            .detail("housing is housing, service_housing, dormitory or rent_subsidy")
            .with("field", "housing"));
    }
    Ok(n)
}

#[utoipa::path(post, path = "/api/v1/active-measures/{id}/tear-off", operation_id = "returnReferralTearOff", tag = "measures",
    params(("id" = String, Path)), request_body = TearOffRequest, security(("bearer" = [])),
    responses((status = 200, body = ReferralView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: not a referral waiting for its notice"), (status = 422)))]
pub async fn return_tear_off(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<TearOffRequest>,
) -> Result<axum::Json<ReferralView>> {
    let r = tear_off_by(&state, &caller, &id, body).await?;
    Ok(axum::Json(view(&state, r)))
}

/// The caller returns a referral's tear-off notice as the receiving organisation (the API and
/// the employer's and the staff's pages).
pub(crate) async fn tear_off_by(
    state: &AppState,
    caller: &Caller,
    id: &str,
    body: TearOffRequest,
) -> Result<Referral> {
    let receiver = receiver(caller)?;
    let notice = notice(state, body)?;
    service::return_tear_off(state, &receiver, &caller.account_id, id, notice).await
}

/// The caller records how participation ended, as the receiving organisation (the API and the
/// employer's and the staff's pages).
pub(crate) async fn end_by(
    state: &AppState,
    caller: &Caller,
    id: &str,
    ending: Ending,
    good_reason: bool,
    ended_on: NaiveDate,
) -> Result<Referral> {
    let receiver = receiver(caller)?;
    service::end(
        state,
        &receiver,
        &caller.account_id,
        id,
        ending,
        good_reason,
        ended_on,
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommissionRequest {
    /// The regional commission approved the person's resettlement.
    pub approved: bool,
    pub decision_number: String,
    pub decided_on: NaiveDate,
}

#[utoipa::path(post, path = "/api/v1/active-measures/{id}/commission", operation_id = "recordResettlementCommission", tag = "measures",
    params(("id" = String, Path)), request_body = CommissionRequest, security(("bearer" = [])),
    responses((status = 200, body = ReferralView, description = "referred (129 App.11), or refused `negative_approval`"), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: not a pending resettlement application"), (status = 422)))]
pub async fn record_commission(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<CommissionRequest>,
) -> Result<axum::Json<ReferralView>> {
    let center = caller.organization(Role::CareerCenterSpecialist)?;
    let commission = Commission {
        approved: body.approved,
        number: input::text("decision_number", &body.decision_number, text::ITEM)?,
        decided_on: body.decided_on,
    };
    let r = service::record_commission(&state, center, &caller.account_id, &id, commission).await?;
    Ok(axum::Json(view(&state, r)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EndRequest {
    /// `completed`, `quit` or `dismissed`.
    pub ending: String,
    /// With `quit`: the person had a good reason (then it is no ground of 214 p.51(3)).
    #[serde(default)]
    pub good_reason: bool,
    /// The last day of participation.
    pub ended_on: NaiveDate,
}

#[utoipa::path(post, path = "/api/v1/active-measures/{id}/end", operation_id = "endActiveMeasure", tag = "measures",
    params(("id" = String, Path)), request_body = EndRequest, security(("bearer" = [])),
    responses((status = 200, body = ReferralView), (status = 403), (status = 404),
        (status = 409, description = "invalid_state: the person is not taking part"), (status = 422)))]
pub async fn end_active_measure(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<EndRequest>,
) -> Result<axum::Json<ReferralView>> {
    // The role first: a caller who may not end a participation learns nothing of the body.
    receiver(&caller)?;
    let ending = Ending::parse(&body.ending).ok_or_else(|| {
        Error::new(Common::InvalidValue)
            .detail("ending is completed, quit or dismissed")
            .with("field", "ending")
    })?;
    let r = end_by(
        &state,
        &caller,
        &id,
        ending,
        body.good_reason,
        body.ended_on,
    )
    .await?;
    Ok(axum::Json(view(&state, r)))
}

/// A place as anyone sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceView {
    pub id: String,
    pub measure: String,
    pub career_center_id: String,
    pub region_code: String,
    pub provider: String,
    pub occupation_code: String,
    pub qualification: Option<String>,
    pub on_the_job: bool,
    /// The education organisation of a course (129 App.4).
    pub education_organization_id: Option<String>,
    pub subsidised_application_id: Option<String>,
    pub destination_code: Option<String>,
    pub decision_number: Option<String>,
    pub decision_on: Option<NaiveDate>,
    pub monthly_pay: Option<i64>,
    pub capacity: i64,
    /// Places still free.
    pub free: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl From<Place> for PlaceView {
    fn from(p: Place) -> PlaceView {
        PlaceView {
            free: p.capacity - p.taken,
            id: p.id,
            measure: p.measure.code().to_string(),
            career_center_id: p.career_center_id,
            region_code: p.region_code,
            provider: p.provider,
            occupation_code: p.occupation_code,
            qualification: p.qualification,
            on_the_job: p.on_the_job,
            education_organization_id: p.education_organization_id,
            subsidised_application_id: p.subsidised_application_id,
            destination_code: p.destination_code,
            decision_number: p.decision_number,
            decision_on: p.decision_on,
            monthly_pay: p.monthly_pay,
            capacity: p.capacity,
            starts_on: p.starts_on,
            ends_on: p.ends_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlacePage {
    pub items: Vec<PlaceView>,
    pub total: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PlacesQuery {
    pub region_code: Option<String>,
    pub measure: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/measure-places", operation_id = "listMeasurePlaces", tag = "measures",
    params(PlacesQuery), responses((status = 200, body = PlacePage, description = "the places open to referral: a free place, the period not over"), (status = 422)))]
pub async fn list_measure_places(
    State(state): State<AppState>,
    Query(q): Query<PlacesQuery>,
) -> Result<axum::Json<PlacePage>> {
    let measure = q.measure.as_deref().map(measure).transpose()?;
    let limit = input::bounded("limit", q.limit.unwrap_or(50), bounds::PER_PAGE)?;
    let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
    let (items, total) =
        places::open(&state, q.region_code.as_deref(), measure, limit, offset).await?;
    Ok(axum::Json(PlacePage {
        items: items.into_iter().map(PlaceView::from).collect(),
        total,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PlaceRequest {
    pub measure: String,
    /// Training and resettlement: the education organisation or employer (name, address,
    /// contact phone), or the place of settlement.
    pub provider: Option<String>,
    pub occupation_code: Option<String>,
    pub qualification: Option<String>,
    /// Training on the job at an employer (129 App.5).
    #[serde(default)]
    pub on_the_job: bool,
    pub employer_id: Option<String>,
    /// Training at an education organisation of the center's region (`listOrganizations?kind=
    /// education_organization`), whose staff return the tear-off notices (129 App.4); the
    /// provider defaults to its name and contacts.
    pub education_organization_id: Option<String>,
    /// Subsidised jobs: the employer's application (206 p.31.3); its employer, occupation,
    /// period and pay are the place's.
    pub subsidised_application_id: Option<String>,
    /// Resettlement: the locality of settlement (9 digits) and the regional commission's
    /// decision.
    pub destination_code: Option<String>,
    pub decision_number: Option<String>,
    pub decision_on: Option<NaiveDate>,
    /// 1 to 10 000; for subsidised jobs at most the application's places (its number by
    /// default).
    pub capacity: Option<u32>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

#[utoipa::path(post, path = "/api/v1/career-center/measure-places", operation_id = "createMeasurePlace", tag = "measures",
    request_body = PlaceRequest, security(("bearer" = [])),
    responses((status = 201, body = PlaceView), (status = 403), (status = 409, description = "invalid_state: the application's jobs are already published"),
        (status = 422, description = "invalid_value, invalid_date, unknown_occupation")))]
pub async fn create_measure_place(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<PlaceRequest>,
) -> Result<impl IntoResponse> {
    let new = NewPlace {
        measure: measure(&body.measure)?,
        provider: input::opt_text("provider", body.provider.as_deref(), text::SHORT.optional())?,
        occupation_code: body.occupation_code,
        qualification: input::opt_text(
            "qualification",
            body.qualification.as_deref(),
            text::TITLE.optional(),
        )?,
        on_the_job: body.on_the_job,
        employer_id: body.employer_id,
        education_organization_id: body.education_organization_id,
        subsidised_application_id: body.subsidised_application_id,
        destination_code: body.destination_code,
        decision_number: input::opt_text(
            "decision_number",
            body.decision_number.as_deref(),
            text::ITEM.optional(),
        )?,
        decision_on: body.decision_on,
        capacity: body
            .capacity
            .map(|c| input::bounded("capacity", c, bounds::PLACES))
            .transpose()?,
        starts_on: body.starts_on,
        ends_on: body.ends_on,
    };
    let place = places::publish(&state, &caller, new).await?;
    Ok((StatusCode::CREATED, axum::Json(PlaceView::from(place))))
}

#[utoipa::path(get, path = "/api/v1/career-center/measure-places", operation_id = "listCenterMeasurePlaces", tag = "measures",
    params(PlacesQuery), security(("bearer" = [])),
    responses((status = 200, body = PlacePage, description = "every place of the specialist's center or the officer's region, full or not"), (status = 403)))]
pub async fn list_center_measure_places(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<PlacesQuery>,
) -> Result<axum::Json<PlacePage>> {
    let limit = input::bounded("limit", q.limit.unwrap_or(50), bounds::PER_PAGE)?;
    let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
    let (items, total) = places::of_staff(&state, &caller, limit, offset).await?;
    Ok(axum::Json(PlacePage {
        items: items.into_iter().map(PlaceView::from).collect(),
        total,
    }))
}

/// The places open to the citizen: the measures the rules open to them today, and the places of
/// those measures in their region (resettlement quotas of any region).
#[derive(Debug, Serialize, ToSchema)]
pub struct MyPlaces {
    /// The measures open to the person (129 p.2 and the measures' requirements).
    pub measures: Vec<String>,
    pub region_code: String,
    pub items: Vec<PlaceView>,
}

#[utoipa::path(get, path = "/api/v1/me/measure-places", operation_id = "listMyMeasurePlaces", tag = "measures",
    security(("bearer" = [])),
    responses((status = 200, body = MyPlaces), (status = 403, description = "identity_not_proven"),
        (status = 503, description = "the registries did not answer")))]
pub async fn list_my_measure_places(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<MyPlaces>> {
    Ok(axum::Json(places_open_to(&state, &caller).await?))
}

/// The measures and places open to the citizen of `caller` (the API and the cabinet's page).
pub async fn places_open_to(state: &AppState, caller: &Caller) -> Result<MyPlaces> {
    caller.require(&[Role::Citizen])?;
    let iin = caller
        .iin
        .as_deref()
        .ok_or_else(|| Error::new(Common::IdentityNotProven))?;
    let (measures, region) = service::open_to(state, iin).await?;
    let mut items = Vec::new();
    for m in &measures {
        let region = (*m != ActiveMeasure::Resettlement).then_some(region.as_str());
        let (found, _) = places::open(state, region, Some(*m), 100, 0).await?;
        items.extend(found.into_iter().map(PlaceView::from));
    }
    Ok(MyPlaces {
        measures: measures.iter().map(|m| m.code().to_string()).collect(),
        region_code: region,
        items,
    })
}
