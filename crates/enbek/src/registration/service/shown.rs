//! How a registration is shown to its owner and to staff (with the notices of 214 App.3-App.6
//! it carries), and who its notices reach. Registration and unemployment both use it, so it
//! imports neither.

use chrono::NaiveDate;
use enbek_domain::accounts::access;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registration::category::Category;
use enbek_domain::registration::unemployment::UnemployedRefusal;
use enbek_domain::registration::{Refusal, Status};

use crate::accounts::interface::directory as accounts;
use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;
use crate::platform::notify::Names;
use crate::platform::notify::Recipient;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Organization;
use crate::registration::error::{Error, Result};
use crate::registration::notices::{ground, GroundOf};
use crate::registration::store::persons;
use crate::registration::store::registrations::Registration;

/// A registration as it is shown to its owner and to staff: with the card's category and the
/// notices it carries.
pub struct Shown {
    pub registration: Registration,
    pub category: Option<Category>,
    pub category_factors: Option<serde_json::Value>,
    pub refusal_notice: Option<RefusalNotice>,
    pub registration_notice: Option<RegistrationNotice>,
}

/// The notice of refusal: to register as a job seeker (214 App.3) or as unemployed (214 App.6).
pub struct RefusalNotice {
    /// `App.3` or `App.6`.
    pub form: &'static str,
    pub issued_on: NaiveDate,
    pub code: String,
    pub legal_basis: &'static str,
    pub ground: Names,
}

/// The notice of registration, as a job seeker (214 App.4) or as unemployed (214 App.5,
/// 214 p.40), while the registration stands.
pub struct RegistrationNotice {
    /// `App.4` or `App.5`.
    pub form: &'static str,
    pub since: NaiveDate,
    pub career_center: Organization,
}

/// The refusal notice a refused registration carries. A refusal after a job-seeker registration
/// is one of registration as unemployed (214 App.6); before it, of registration as a job seeker
/// (214 App.3).
pub(crate) fn refusal_notice(r: &Registration) -> Option<RefusalNotice> {
    let code = r.refusal_code.as_deref()?;
    let (form, of, legal_basis) = if r.job_seeker_since.is_some() {
        let refusal = UnemployedRefusal::parse(code)?;
        ("App.6", GroundOf::UnemployedRefusal, refusal.ground())
    } else {
        let refusal = Refusal::parse(code)?;
        ("App.3", GroundOf::JobSeekerRefusal, refusal.ground())
    };
    Some(RefusalNotice {
        form,
        issued_on: local_date(r.ended_at.or(r.decided_at).unwrap_or(r.received_at)),
        code: code.to_string(),
        legal_basis,
        ground: ground(of, code),
    })
}

/// A registration with what is shown with it: its card's category read.
pub(crate) async fn shown(state: &AppState, r: Registration) -> Result<Shown> {
    let person = match &r.person_id {
        Some(id) => persons::by_id(&state.db.pool, id).await?,
        None => None,
    };
    let (category, factors) = person.map_or((None, None), |p| (p.category, p.category_factors));
    shown_with(state, r, category, factors).await
}

/// A registration with what is shown with it, its card's category and the factors that gave it
/// known.
pub(crate) async fn shown_with(
    state: &AppState,
    r: Registration,
    category: Option<Category>,
    category_factors: Option<serde_json::Value>,
) -> Result<Shown> {
    let refusal_notice = refusal_notice(&r);
    let registration_notice = match (r.status, r.job_seeker_since, r.unemployed_since) {
        (Status::Unemployed, _, Some(since)) => Some(("App.5", since)),
        (Status::JobSeeker, Some(since), _) => Some(("App.4", since)),
        _ => None,
    };
    let registration_notice = match registration_notice {
        Some((form, since)) => {
            let center = crate::reference::interface::organization(state, &r.career_center_id)
                .await?
                .ok_or_else(Error::not_found)?;
            Some(RegistrationNotice {
                form,
                since,
                career_center: center,
            })
        }
        None => None,
    };
    Ok(Shown {
        category,
        category_factors,
        registration: r,
        refusal_notice,
        registration_notice,
    })
}

pub(crate) async fn center_name(state: &AppState, id: &str) -> Result<Names, sqlx::Error> {
    let org = crate::reference::interface::organization(state, id).await?;
    Ok(org.as_ref().map(names).unwrap_or_default())
}

pub(crate) fn names(org: &Organization) -> Names {
    Names {
        kk: org.name_kk.clone(),
        ru: org.name_ru.clone(),
        en: org.name_en.clone(),
    }
}

/// Everyone a registration's notices go to: the cabinet, the phone and e-mail given, and the
/// assistant for a rural resident whose application came through them. Notices the regulations
/// send through the assistant whichever the channel go to `recipient_with_assistant`. They are
/// written in the person's language: the one their account keeps when they have one (the person
/// may change it at any time), else the one chosen on the application.
pub(crate) async fn recipient(tx: &mut Tx, reg: &Registration) -> Result<Recipient, sqlx::Error> {
    let kept = match &reg.account_id {
        Some(id) => accounts::locale_and_iin(&mut **tx, id).await?,
        None => None,
    };
    Ok(Recipient {
        person_id: reg.person_id.clone(),
        account_id: reg.account_id.clone(),
        phone: reg.application.phone.clone(),
        email: reg.application.email.clone(),
        assistant_org: reg.forwarded_by_org.clone(),
        lang: kept
            .and_then(|(locale, _)| Lang::parse(&locale))
            .or_else(|| Lang::parse(&reg.application.lang)),
    })
}

/// The rural district whose assistant serves the registration's person (214 p.14, 214 p.71,
/// 214 p.73): the one at the locality where they live, else the one that forwarded their
/// application (`access::serving_district`).
pub(crate) async fn serving_district(
    tx: &mut Tx,
    reg: &Registration,
) -> Result<Option<String>, sqlx::Error> {
    let home = match &reg.person_id {
        Some(id) => match persons::by_id_tx(tx, id).await? {
            Some(person) => reference::rural_district_at(tx, &person.locality_code).await?,
            None => None,
        },
        None => None,
    };
    Ok(
        access::serving_district(home.as_deref(), reg.forwarded_by_org.as_deref())
            .map(str::to_string),
    )
}

/// The registration's recipients with the assistant of the rural district that serves the
/// person, whichever channel they applied through: offers of suitable work (214 p.71), interview
/// notices (214 p.73) and deregistration (214 p.52) reach a rural resident through the assistant
/// too.
pub(crate) async fn recipient_with_assistant(
    tx: &mut Tx,
    reg: &Registration,
) -> Result<Recipient, sqlx::Error> {
    let mut to = recipient(tx, reg).await?;
    to.assistant_org = serving_district(tx, reg).await?;
    Ok(to)
}
