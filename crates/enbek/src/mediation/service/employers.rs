//! Employers and vacancies (214 ch.5 §2, 214 p.66–68): an employer is checked against
//! the state registries; a vacancy is checked against 214 p.66 and the minimum wage, and keeps the
//! day it arose and the day it was posted.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::ids::{Bin, Iin};
use enbek_domain::mediation::employer::{
    self as employer_rules, invitation_expires_at, Authority, ClaimRefusal, EmployerKind,
    InvitationStatus, Verification,
};
use enbek_domain::mediation::vacancy::{
    self as rules, EducationLevel, EmploymentType, ExcludedCategory, Terms, VacancyStatus,
    WorkCondition, WorkRegime, DEFAULT_OPEN_DAYS,
};
use enbek_domain::reference::office_hours::{kz_offset, local_date, local_instant};
use enbek_domain::reference::parameters::keys;
use enbek_domain::{bounds, text};
use serde_json::json;

use crate::accounts::interface::directory as accounts;
use crate::exchange::registry::Unavailable;
use crate::mediation::error::Code;
use crate::mediation::error::{Error, Result};
use crate::mediation::notices::Kind;
use crate::mediation::store::employers;
use crate::mediation::store::employers::After;
pub use crate::mediation::store::employers::{
    Employer, Facet, FacetCounts, Member, Search, Sort, Vacancy,
};
use crate::mediation::store::invitations;
pub use crate::mediation::store::invitations::Invitation;
use crate::mediation::store::layoffs;
pub use crate::mediation::store::layoffs::{LayoffGroup, LayoffNotice};
use crate::platform::audit;
use crate::platform::auth::{Caller, Grant};
use crate::platform::db::is_unique_violation;
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::db::{parse_ts, ts};
use crate::platform::http::input;
use crate::platform::http::input::Paging;
use crate::platform::http::lang::Lang;
use crate::platform::jobs::store as jobs;
use crate::platform::jobs::Job;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::notify::Recipient;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;
use crate::reference::interface::{check_territory, search_key, search_words};

pub struct NewEmployer {
    pub bin: String,
    pub name: String,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub email: Option<String>,
}

/// The number an employer registers by: a legal entity's BIN, or an entrepreneur's IIN.
enum Number {
    Bin(Bin),
    Iin(Iin),
}

impl Number {
    fn parse(text: &str) -> Result<Number> {
        match (Bin::parse(text), Iin::parse(text)) {
            (Ok(bin), _) => Ok(Number::Bin(bin)),
            (_, Ok(iin)) => Ok(Number::Iin(iin)),
            (Err(e), Err(_)) => Err(e.into()),
        }
    }

    fn of(employer: &Employer) -> anyhow::Result<Number> {
        Ok(if employer.kind == EmployerKind::IndividualEntrepreneur {
            Number::Iin(Iin::parse(&employer.bin)?)
        } else {
            Number::Bin(Bin::parse(&employer.bin)?)
        })
    }

    fn kind(&self) -> EmployerKind {
        match self {
            Number::Bin(_) => EmployerKind::LegalEntity,
            Number::Iin(_) => EmployerKind::IndividualEntrepreneur,
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Number::Bin(bin) => bin.as_str(),
            Number::Iin(iin) => iin.as_str(),
        }
    }
}

/// What the registries say of an employer's number: whether they know it as an active employer
/// (an active legal entity in the business registry, an entrepreneur in the person registry),
/// and the head a legal entity's record names. `Err` when they do not answer.
async fn registry_record(
    state: &AppState,
    number: &Number,
) -> Result<(bool, Option<String>), Unavailable> {
    Ok(match number {
        Number::Bin(bin) => match state.registry().business(bin).await? {
            Some(b) => (b.active, b.head_iin),
            None => (false, None),
        },
        Number::Iin(iin) => (
            state
                .registry()
                .person(iin)
                .await?
                .is_some_and(|p| p.entrepreneur),
            None,
        ),
    })
}

/// The registries' verdict on a claim: unknown or inactive refuses the employer
/// (`employer_not_in_registry`); a head the registry does not record refuses the claim
/// (`not_employer_head`).
fn judge(
    record: (bool, Option<String>),
    authority: Authority,
    proven_iin: Option<&str>,
) -> Result<()> {
    let (known, head) = record;
    if !known {
        return Err(Error::new(Code::EmployerNotInRegistry));
    }
    employer_rules::confirms_head(authority, proven_iin, head.as_deref()).map_err(claim_refusal)
}

/// The problem of a claim the rules refuse (206 p.17).
fn claim_refusal(refusal: ClaimRefusal) -> Error {
    match refusal {
        ClaimRefusal::NotProven => Error::new(Common::IdentityNotProven),
        ClaimRefusal::NotHead => Error::new(Code::NotEmployerHead),
    }
}

/// By what right the account claims the number (206 p.17), with the IIN it has proven: 403
/// `identity_not_proven` when it has proven no identity that could act for it.
async fn authority(
    state: &AppState,
    account_id: &str,
    number: &Number,
) -> Result<(Authority, Option<String>)> {
    let proven = accounts::proven_iin(&state.db.pool, account_id)
        .await?
        .map(|(iin, _)| iin);
    let (entrepreneur, certificate) = match number {
        Number::Iin(iin) => (Some(iin.as_str()), false),
        Number::Bin(bin) => (
            None,
            accounts::has_proven_bin(&state.db.pool, account_id, bin.as_str()).await?,
        ),
    };
    let authority = employer_rules::claim(entrepreneur, proven.as_deref(), certificate)
        .map_err(claim_refusal)?;
    Ok((authority, proven))
}

/// Registers the caller's employer: a legal entity by BIN, active in the business registry, or
/// an individual entrepreneur by IIN, an entrepreneur in the person registry. The caller's
/// account becomes the employer's. A registry that does not answer delays the check, it never
/// refuses: the employer is stored `pending` and due work asks the registry until it answers.
/// A refused employer's account, or its BIN, may register again. A staff account registers no
/// employer (separation of duties).
pub async fn register(state: &AppState, account_id: &str, new: NewEmployer) -> Result<Employer> {
    let email = new
        .email
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty());
    if email
        .as_deref()
        .is_some_and(|e| e.chars().count() > 254 || !e.contains('@'))
    {
        return Err(Error::new(Common::InvalidValue)
            .detail("email is not an e-mail address")
            .with("field", "email"));
    }
    check_territory(
        state,
        &new.region_code,
        &new.district_code,
        &new.locality_code,
    )
    .await?;
    let number = Number::parse(&new.bin)?;
    let grants = accounts::grants(&state.db.pool, account_id).await?;
    refuse_staff(&grants)?;
    let (authority, proven_iin) = authority(state, account_id, &number).await?;
    let current = ensure_no_employer(state, &grants).await?;
    let verification = match registry_record(state, &number).await {
        Ok(record) => {
            judge(record, authority, proven_iin.as_deref())?;
            Verification::Verified
        }
        Err(e) => {
            tracing::warn!(error = %e, "employer's registry check deferred");
            Verification::Pending
        }
    };
    let now = state.clock.now();
    let mut employer = Employer {
        id: new_id(),
        bin: number.as_str().to_string(),
        kind: number.kind(),
        name: new.name,
        region_code: new.region_code,
        district_code: new.district_code,
        locality_code: new.locality_code,
        email,
        created_at: now,
        verification,
        verified_at: (verification == Verification::Verified).then_some(now),
        refusal_code: None,
        created_by: account_id.to_string(),
        authority: Some(authority),
    };
    let mut tx = state.db.begin().await?;
    let taken = employers::employer_by_bin(&mut tx, &employer.bin).await?;
    let before = match taken {
        Some(old) if old.verification == Verification::Refused => {
            employer.id = old.id.clone();
            if !employers::renew_refused(&mut tx, &employer).await? {
                return Err(Error::new(Code::EmployerExists));
            }
            accounts::revoke_for_org(&mut tx, Role::Employer.as_str(), &old.id).await?;
            Some(
                json!({ "verification": old.verification.as_str(), "refusal_code": old.refusal_code, "created_by": old.created_by }),
            )
        }
        Some(_) => return Err(Error::new(Code::EmployerExists)),
        None => {
            match employers::insert_employer(&mut tx, &employer).await {
                Err(e) if is_unique_violation(&e) => return Err(Error::new(Code::EmployerExists)),
                other => other?,
            }
            None
        }
    };
    if current.is_some() {
        accounts::revoke(&mut tx, account_id, Role::Employer.as_str()).await?;
    }
    accounts::grant(
        &mut tx,
        account_id,
        Role::Employer.as_str(),
        Some(&employer.id),
    )
    .await?;
    audit::Entry::new(now, "create", "employer", &employer.id)
        .by(account_id)
        .before(before)
        .after(json!({ "kind": employer.kind.as_str(), "name": employer.name, "region_code": employer.region_code, "verification": employer.verification.as_str(), "authority": employer.authority.map(Authority::as_str) }))
        .record(&mut tx);
    if verification == Verification::Pending {
        let job = Job::VerifyEmployer {
            employer_id: employer.id.clone(),
        };
        jobs::enqueue(&mut tx, &job, now, None, now);
    }
    tx.commit().await?;
    state.sessions_changed();
    Ok(employer)
}

/// Asks the registry again about a pending employer (due work, retried with backoff while it
/// does not answer); its answer verifies or refuses the employer, and the owner is told.
pub async fn verify(state: &AppState, employer_id: &str) -> anyhow::Result<()> {
    let Some(employer) = employers::employer_by_id(&state.db.pool, employer_id).await? else {
        return Ok(());
    };
    if employer.verification != Verification::Pending {
        return Ok(());
    }
    let record = registry_record(state, &Number::of(&employer)?).await?;
    let authority = employer
        .authority
        .ok_or_else(|| anyhow::anyhow!("a pending employer without its authority"))?;
    let proven_iin = accounts::proven_iin(&state.db.pool, &employer.created_by)
        .await?
        .map(|(iin, _)| iin);
    let refusal_code = judge(record, authority, proven_iin.as_deref())
        .err()
        .map(|e| e.code());
    let outcome = if refusal_code.is_some() {
        Verification::Refused
    } else {
        Verification::Verified
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !employers::settle(&mut tx, &employer.id, outcome, refusal_code, now).await? {
        return Ok(());
    }
    audit::Entry::new(now, "verify", "employer", &employer.id)
        .before(json!({ "verification": Verification::Pending.as_str() }))
        .after(json!({ "verification": outcome.as_str(), "refusal_code": refusal_code }))
        .record(&mut tx);
    let args = Args {
        date: local_date(now).to_string(),
        note: employer.name.clone(),
        code: refusal_code.unwrap_or_default().to_string(),
        reference: employer.id.clone(),
        ..Args::default()
    };
    let kind = if outcome == Verification::Verified {
        Kind::EmployerVerified
    } else {
        Kind::EmployerRefused
    };
    let owner = employers::accounts_of(&mut tx, &employer.id)
        .await?
        .into_iter()
        .find(|(id, _)| *id == employer.created_by);
    if let Some((account_id, locale)) = owner {
        let to = employer_recipient(&employer, account_id, &locale, true);
        notify::send(&mut tx, &to, kind, &args, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An account acting for the employer, told in its cabinet and, when `with_email`, at the
/// employer's contact address too.
pub(crate) fn employer_recipient(
    employer: &Employer,
    account_id: String,
    locale: &str,
    with_email: bool,
) -> Recipient {
    Recipient {
        account_id: Some(account_id),
        email: employer.email.clone().filter(|_| with_email),
        lang: Lang::parse(locale),
        ..Recipient::default()
    }
}

/// Tells every account of the employer (its owner and colleagues, in the cabinet; the contact
/// address once, by e-mail).
pub(crate) async fn tell_employer(
    tx: &mut Tx,
    employer: &Employer,
    kind: Kind,
    args: &Args,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let accounts = employers::accounts_of(tx, &employer.id).await?;
    for (i, (account_id, locale)) in accounts.into_iter().enumerate() {
        let to = employer_recipient(employer, account_id, &locale, i == 0);
        notify::send(tx, &to, kind, args, now).await?;
    }
    Ok(())
}

/// An employer that may act: verified by the registry. Pending is 409 `employer_not_verified`;
/// refused, the registry's refusal code.
pub(crate) fn ensure_verified(employer: &Employer) -> Result<()> {
    match employer.verification {
        Verification::Verified => Ok(()),
        Verification::Refused => Err(Error::new(Code::EmployerNotInRegistry)
            .detail("the state registry does not know the employer")),
        Verification::Pending => Err(Error::new(Code::EmployerNotVerified)
            .detail("the state registry has not confirmed the employer yet")
            .with("verification", employer.verification.as_str())),
    }
}

/// A vacancy as the employer submits it (the body of `createVacancy`), its texts and numbers
/// checked by the handler (`http::input`).
pub struct NewVacancy {
    pub title: String,
    pub occupation_code: String,
    pub positions: u32,
    pub salary_from: u64,
    pub salary_to: Option<u64>,
    pub work_regime: String,
    pub employment_type: String,
    pub education_level: Option<String>,
    pub experience_years: Option<u32>,
    pub skills: Vec<String>,
    pub conditions: Vec<String>,
    pub region_code: String,
    pub district_code: String,
    pub locality_code: String,
    pub description: String,
    pub arose_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub category: Option<String>,
}

fn parse_code<T>(value: &str, parse: fn(&str) -> Option<T>, field: &str) -> Result<T> {
    parse(value).ok_or_else(|| {
        Error::new(Common::InvalidValue).detail(format!("{field} is not one of the allowed values"))
    })
}

/// A monthly amount as stored; the handler has bounded it (`enbek_domain::bounds::MONTHLY_PAY`).
fn pay(amount: u64) -> Result<i64> {
    i64::try_from(amount).map_err(Error::internal)
}

/// A vacancy's coded terms, read and checked against 214 p.66 and the minimum wage in force
/// `today`, its place against the reference data.
struct Checked {
    work_regime: WorkRegime,
    employment_type: EmploymentType,
    education_level: Option<EducationLevel>,
}

async fn check_terms(state: &AppState, v: &NewVacancy, today: NaiveDate) -> Result<Checked> {
    let work_regime = parse_code(&v.work_regime, WorkRegime::parse, "work_regime")?;
    let employment_type = parse_code(&v.employment_type, EmploymentType::parse, "employment_type")?;
    let education_level = v
        .education_level
        .as_deref()
        .map(|level| parse_code(level, EducationLevel::parse, "education_level"))
        .transpose()?;
    let category = v
        .category
        .as_deref()
        .map(|c| parse_code(c, ExcludedCategory::parse, "category"))
        .transpose()?;
    check_conditions(&v.conditions, "conditions")?;
    let minimum_wage =
        u64::try_from(state.parameters().int_on(keys::MIN_MONTHLY_WAGE, today)).unwrap_or(0);
    let terms = Terms {
        positions: v.positions,
        salary_from: v.salary_from,
        salary_to: v.salary_to,
        work_regime,
        category,
    };
    if let Err(refusal) = rules::check(&terms, minimum_wage) {
        return Err(match refusal {
            rules::VacancyRefusal::NoPositions => Error::new(Code::NoPositions),
            rules::VacancyRefusal::SalaryRange => Error::new(Code::SalaryRange),
            rules::VacancyRefusal::BelowMinimumWage { minimum } => {
                Error::new(Code::BelowMinimumWage).with("minimum_wage", minimum)
            }
            rules::VacancyRefusal::Excluded(_) => Error::new(Code::ExcludedVacancy),
        });
    }
    if v.valid_until.is_some_and(|d| d < today) {
        return Err(Error::new(Common::InvalidDate).detail("valid_until is in the past"));
    }
    check_territory(state, &v.region_code, &v.district_code, &v.locality_code).await?;
    Ok(Checked {
        work_regime,
        employment_type,
        education_level,
    })
}

/// The folded texts a vacancy is searched by in the database: the title's, and the title,
/// skills and description's (which begins with the title's, as the relevance order relies on).
pub fn search_texts(title: &str, skills: &[String], description: &str) -> (String, String) {
    let text = search_key(&format!("{} {} {}", title, skills.join(" "), description));
    (search_key(title), text)
}

/// Posts a vacancy of the caller's employer (214 p.66–68).
pub async fn create_vacancy(
    state: &AppState,
    account_id: &str,
    employer_id: &str,
    v: NewVacancy,
) -> Result<Vacancy> {
    let now = state.clock.now();
    let today = local_date(now);
    let checked = check_terms(state, &v, today).await?;
    let arose_on = v.arose_on.unwrap_or(today);
    if arose_on > today {
        return Err(Error::new(Common::InvalidDate).detail("arose_on is in the future"));
    }
    let valid_until = v
        .valid_until
        .unwrap_or(today + Days::new(DEFAULT_OPEN_DAYS));
    let mut tx = state.db.begin().await?;
    if !reference::occupation_exists(&mut tx, &v.occupation_code).await? {
        return Err(Error::new(ReferenceCode::UnknownOccupation));
    }
    let vacancy = Vacancy {
        id: new_id(),
        employer_id: employer_id.to_string(),
        title: v.title,
        occupation_code: v.occupation_code,
        positions: i64::from(v.positions),
        positions_open: i64::from(v.positions),
        salary_from: pay(v.salary_from)?,
        salary_to: v.salary_to.map(pay).transpose()?,
        work_regime: checked.work_regime,
        employment_type: checked.employment_type,
        education_level: checked.education_level,
        experience_years: v.experience_years.map(i64::from),
        skills: v.skills,
        conditions: v.conditions,
        region_code: v.region_code,
        district_code: v.district_code,
        locality_code: v.locality_code,
        description: v.description,
        arose_on,
        post_due_at: rules::post_due(&state.calendar(), arose_on),
        posted_at: now,
        valid_until,
        status: VacancyStatus::Open,
        closed_at: None,
    };
    let (title_text, text) = search_texts(&vacancy.title, &vacancy.skills, &vacancy.description);
    employers::insert_vacancy(&mut tx, &vacancy, &title_text, &text).await?;
    audit::Entry::new(now, "create", "vacancy", &vacancy.id)
        .by(account_id)
        .after(json!({ "employer_id": employer_id, "title": vacancy.title, "positions": vacancy.positions, "posted_late": now > vacancy.post_due_at }))
        .record(&mut tx);
    crate::mediation::service::saved_searches::enqueue_for_vacancy(&mut tx, &vacancy.id, now);
    crate::mediation::service::selection::vacancy_selection_due(&mut tx, &vacancy.id, now);
    tx.commit().await?;
    state.vacancy_index().changed();
    crate::mediation::service::selection::select_now_for_vacancy(state, &vacancy.id).await;
    Ok(vacancy)
}

/// The caller's employer's own vacancy: 403 `out_of_scope` for another employer's, 404 for none.
pub async fn own_vacancy(state: &AppState, caller: &Caller, id: &str) -> Result<Vacancy> {
    let employer_id = caller.organization(Role::Employer)?;
    let vacancy = employers::vacancy_by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if vacancy.employer_id != employer_id {
        return Err(Error::new(Common::OutOfScope).detail("another employer's vacancy"));
    }
    Ok(vacancy)
}

/// The employer changes the terms of its own open vacancy (`updateVacancy`): checked as a new
/// one is (214 p.66 and the minimum wage); the day it arose and was posted stay, and so do the
/// positions already filled (fewer positions than those is 422 `invalid_value`). Its term stays
/// unless a new one is given. The selection runs again for the new terms (214 p.69).
pub async fn edit_own_vacancy(
    state: &AppState,
    caller: &Caller,
    id: &str,
    v: NewVacancy,
) -> Result<Vacancy> {
    let old = own_vacancy(state, caller, id).await?;
    let now = state.clock.now();
    let today = local_date(now);
    if old.status != VacancyStatus::Open || old.valid_until < today {
        return Err(Error::new(Common::InvalidState).detail("the vacancy is not open"));
    }
    let checked = check_terms(state, &v, today).await?;
    let filled = old.positions - old.positions_open;
    if i64::from(v.positions) < filled {
        return Err(Error::new(Common::InvalidValue)
            .detail("fewer positions than are filled")
            .with("field", "positions"));
    }
    let mut tx = state.db.begin().await?;
    if !reference::occupation_exists(&mut tx, &v.occupation_code).await? {
        return Err(Error::new(ReferenceCode::UnknownOccupation));
    }
    let vacancy = Vacancy {
        title: v.title,
        occupation_code: v.occupation_code,
        positions: i64::from(v.positions),
        positions_open: i64::from(v.positions) - filled,
        salary_from: pay(v.salary_from)?,
        salary_to: v.salary_to.map(pay).transpose()?,
        work_regime: checked.work_regime,
        employment_type: checked.employment_type,
        education_level: checked.education_level,
        experience_years: v.experience_years.map(i64::from),
        skills: v.skills,
        conditions: v.conditions,
        region_code: v.region_code,
        district_code: v.district_code,
        locality_code: v.locality_code,
        description: v.description,
        valid_until: v.valid_until.unwrap_or(old.valid_until),
        ..old.clone()
    };
    let (title_text, text) = search_texts(&vacancy.title, &vacancy.skills, &vacancy.description);
    if !employers::update_vacancy(&mut tx, &vacancy, &title_text, &text, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the vacancy is not open"));
    }
    audit::Entry::new(now, "update", "vacancy", &vacancy.id)
        .by(caller.account_id.as_str())
        .before(json!({ "title": old.title, "positions": old.positions, "salary_from": old.salary_from, "salary_to": old.salary_to, "valid_until": old.valid_until }))
        .after(json!({ "title": vacancy.title, "positions": vacancy.positions, "salary_from": vacancy.salary_from, "salary_to": vacancy.salary_to, "valid_until": vacancy.valid_until }))
        .record(&mut tx);
    crate::mediation::service::selection::vacancy_selection_due(&mut tx, &vacancy.id, now);
    tx.commit().await?;
    state.vacancy_index().changed();
    crate::mediation::service::selection::select_now_for_vacancy(state, &vacancy.id).await;
    Ok(vacancy)
}

/// The caller's employer posts a vacancy (`createVacancy`, the cabinet's form): only a verified
/// employer posts (214 p.66–68). Returns the vacancy and the employer.
pub async fn post_vacancy(
    state: &AppState,
    caller: &Caller,
    v: NewVacancy,
) -> Result<(Vacancy, Employer)> {
    let employer = my_employer(state, caller).await?;
    ensure_verified(&employer)?;
    let vacancy = create_vacancy(state, &caller.account_id, &employer.id, v).await?;
    Ok((vacancy, employer))
}

/// The caller's employer and its own vacancies, newest first (`listMyVacancies`, the cabinet).
pub async fn own_vacancies(state: &AppState, caller: &Caller) -> Result<(Employer, Vec<Vacancy>)> {
    let employer = my_employer(state, caller).await?;
    let vacancies = employers::vacancies_of(&state.db.pool, &employer.id).await?;
    Ok((employer, vacancies))
}

/// The employer closes its own open vacancy.
pub async fn close_vacancy(
    state: &AppState,
    account_id: &str,
    vacancy: &Vacancy,
) -> Result<Vacancy> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !employers::end_vacancy(&mut tx, &vacancy.id, VacancyStatus::Closed, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the vacancy is not open"));
    }
    audit::Entry::new(now, "close", "vacancy", &vacancy.id)
        .by(account_id)
        .before(json!({ "status": vacancy.status.as_str() }))
        .after(json!({ "status": VacancyStatus::Closed.as_str() }))
        .record(&mut tx);
    tx.commit().await?;
    state.vacancy_index().changed();
    employers::vacancy_by_id(&state.db.pool, &vacancy.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Whether the account holds a staff role: staff do not act for employers (separation of
/// duties), 403 `staff_cannot_be_employer`.
fn refuse_staff(grants: &[accounts::Grant]) -> Result<()> {
    if grants.iter().any(|g| g.role.is_staff()) {
        return Err(Error::new(Code::StaffCannotBeEmployer)
            .detail("staff accounts do not act for employers (separation of duties)"));
    }
    Ok(())
}

/// The employer the account acts for, unless the registry refused it (a refused employer's
/// account is free to join or register another): 409 `invalid_state` when it has one.
/// Returns the refused employer's id to leave behind, if any.
async fn ensure_no_employer(
    state: &AppState,
    grants: &[accounts::Grant],
) -> Result<Option<String>> {
    let Some(current) = grants
        .iter()
        .find(|g| g.role == Role::Employer)
        .and_then(|g| g.organization_id.clone())
    else {
        return Ok(None);
    };
    let refused = employers::employer_by_id(&state.db.pool, &current)
        .await?
        .is_some_and(|e| e.verification == Verification::Refused);
    if refused {
        Ok(Some(current))
    } else {
        Err(Error::new(Common::InvalidState).detail("the account already belongs to an employer"))
    }
}

/// The invitation with its status at `now` (unanswered past its expiry: `expired`).
fn as_of(mut invitation: Invitation, now: DateTime<Utc>) -> Invitation {
    invitation.status = invitation.status.at(invitation.expires_at, now);
    invitation
}

/// Invites another account to act for the employer (docs/SECURITY.md: several accounts per
/// employer): an existing account, by its login, that is not staff and belongs to no employer. It
/// becomes a member only when it accepts, within 7 days (`INVITATION_DAYS`); it is told in its
/// cabinet.
pub async fn invite_member(
    state: &AppState,
    inviter: &str,
    employer: &Employer,
    login: &str,
) -> Result<Invitation> {
    let login = crate::accounts::interface::normalise_login(login)
        .or_else(|_| crate::accounts::interface::plain_login(login))?;
    let member = accounts::credentials(&state.db.pool, &login)
        .await?
        .ok_or_else(|| Error::not_found().detail("no account with this login"))?;
    let grants = accounts::grants(&state.db.pool, &member.id).await?;
    refuse_staff(&grants)?;
    ensure_no_employer(state, &grants).await?;
    let now = state.clock.now();
    let expires_at = invitation_expires_at(now);
    let id = new_id();
    let mut tx = state.db.begin().await?;
    invitations::expire_lapsed(&mut tx, &employer.id, &member.id, now).await?;
    let new = invitations::NewInvitation {
        id: &id,
        employer_id: &employer.id,
        account_id: &member.id,
        invited_by: inviter,
        created_at: now,
        expires_at,
    };
    match invitations::insert(&mut tx, &new).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::new(Code::InvitationExists)
                .detail("an invitation to this account is waiting for its answer"))
        }
        other => other?,
    }
    audit::Entry::new(now, "invite", "employer_invitation", &id)
        .by(inviter)
        .after(json!({ "employer_id": employer.id, "account_id": member.id, "status": InvitationStatus::Invited.as_str(), "expires_at": expires_at }))
        .record(&mut tx);
    let (locale, _) = accounts::locale_and_iin(&mut *tx, &member.id)
        .await?
        .ok_or_else(Error::not_found)?;
    let to = Recipient {
        account_id: Some(member.id.clone()),
        lang: Lang::parse(&locale),
        ..Recipient::default()
    };
    let args = Args {
        date: expires_at
            .with_timezone(&kz_offset())
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        note: employer.name.clone(),
        reference: id.clone(),
        ..Args::default()
    };
    notify::send(&mut tx, &to, Kind::EmployerInvitation, &args, now).await?;
    let invitation = invitations::by_id(&mut *tx, &id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    Ok(invitation)
}

/// The caller's employer's colleagues (`listEmployerMembers`, the cabinet): the accounts acting
/// for it, owner first, and the invitations it sent, newest first, with their status now.
pub async fn colleagues(
    state: &AppState,
    caller: &Caller,
) -> Result<(Employer, Vec<Member>, Vec<Invitation>)> {
    let employer = my_employer(state, caller).await?;
    let members = employers::members(&state.db.pool, &employer.id).await?;
    let now = state.clock.now();
    let sent = invitations::for_employer(&state.db.pool, &employer.id)
        .await?
        .into_iter()
        .map(|i| as_of(i, now))
        .collect();
    Ok((employer, members, sent))
}

/// A member of the caller's employer stops acting for it (`removeEmployerMember`): a colleague
/// removes another, or leaves. The owner, who registered it, stays (409 `invalid_state`); an
/// account that is not a member is 404.
pub async fn remove_member(state: &AppState, caller: &Caller, account_id: &str) -> Result<()> {
    let employer = my_employer(state, caller).await?;
    let members = employers::members(&state.db.pool, &employer.id).await?;
    let member = members
        .iter()
        .find(|m| m.account_id == account_id)
        .ok_or_else(Error::not_found)?;
    if member.owner {
        return Err(Error::new(Common::InvalidState)
            .detail("the owner who registered the employer stays while the employer does"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    accounts::revoke(&mut tx, account_id, Role::Employer.as_str()).await?;
    audit::Entry::new(now, "remove_member", "employer", &employer.id)
        .by(caller.account_id.as_str())
        .before(json!({ "account_id": account_id }))
        .record(&mut tx);
    tx.commit().await?;
    state.sessions_changed();
    Ok(())
}

/// The caller's invitations to join employers, newest first, with their status now.
pub async fn my_invitations(state: &AppState, account_id: &str) -> Result<Vec<Invitation>> {
    let now = state.clock.now();
    Ok(invitations::for_account(&state.db.pool, account_id)
        .await?
        .into_iter()
        .map(|i| as_of(i, now))
        .collect())
}

/// The caller's own invitation still waiting for its answer: 404 for another account's, 409
/// `invitation_expired` past its term, 409 `invalid_state` once answered.
async fn waiting_invitation(state: &AppState, account_id: &str, id: &str) -> Result<Invitation> {
    let invitation = invitations::by_id(&state.db.pool, id)
        .await?
        .filter(|i| i.account_id == account_id)
        .ok_or_else(Error::not_found)?;
    let invitation = as_of(invitation, state.clock.now());
    match invitation.status {
        InvitationStatus::Invited => Ok(invitation),
        InvitationStatus::Expired => Err(Error::new(Code::InvitationExpired)),
        InvitationStatus::Accepted | InvitationStatus::Declined => {
            Err(Error::new(Common::InvalidState)
                .detail("the invitation is answered")
                .with("status", invitation.status.as_str()))
        }
    }
}

/// The invited account accepts: checked again (not staff, no employer), it becomes a member.
pub async fn accept_invitation(state: &AppState, account_id: &str, id: &str) -> Result<Invitation> {
    let invitation = waiting_invitation(state, account_id, id).await?;
    let grants = accounts::grants(&state.db.pool, account_id).await?;
    refuse_staff(&grants)?;
    let refused_employer = ensure_no_employer(state, &grants).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !invitations::answer(&mut tx, id, InvitationStatus::Accepted, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the invitation is no longer waiting"));
    }
    if refused_employer.is_some() {
        accounts::revoke(&mut tx, account_id, Role::Employer.as_str()).await?;
    }
    let granted = accounts::grant(
        &mut tx,
        account_id,
        Role::Employer.as_str(),
        Some(&invitation.employer_id),
    )
    .await;
    match granted {
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::new(Common::InvalidState)
                .detail("the account already belongs to an employer"))
        }
        other => other?,
    }
    audit::Entry::new(now, "accept", "employer_invitation", id)
        .by(account_id)
        .before(json!({ "status": InvitationStatus::Invited.as_str() }))
        .after(json!({ "status": InvitationStatus::Accepted.as_str() }))
        .record(&mut tx);
    audit::Entry::new(now, "add_member", "employer", &invitation.employer_id)
        .by(account_id)
        .before(refused_employer.map(|e| json!({ "refused_employer_id": e })))
        .after(json!({ "account_id": account_id, "invitation_id": id }))
        .record(&mut tx);
    let invitation = invitations::by_id(&mut *tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    state.sessions_changed();
    Ok(invitation)
}

/// The invited account declines: the invitation ends and nothing else changes.
pub async fn decline_invitation(
    state: &AppState,
    account_id: &str,
    id: &str,
) -> Result<Invitation> {
    waiting_invitation(state, account_id, id).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !invitations::answer(&mut tx, id, InvitationStatus::Declined, now).await? {
        return Err(Error::new(Common::InvalidState).detail("the invitation is no longer waiting"));
    }
    audit::Entry::new(now, "decline", "employer_invitation", id)
        .by(account_id)
        .before(json!({ "status": InvitationStatus::Invited.as_str() }))
        .after(json!({ "status": InvitationStatus::Declined.as_str() }))
        .record(&mut tx);
    let invitation = invitations::by_id(&mut *tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    Ok(invitation)
}

/// The caller's employer gives notice of a mass layoff (`createLayoffNotice`, the cabinet): only a
/// verified employer.
pub async fn notify_layoff(
    state: &AppState,
    caller: &Caller,
    groups: Vec<LayoffGroup>,
    planned_on: NaiveDate,
) -> Result<LayoffNotice> {
    let employer = my_employer(state, caller).await?;
    ensure_verified(&employer)?;
    create_layoff_notice(state, &caller.account_id, &employer, groups, planned_on).await
}

/// The caller's employer's own layoff notices (the cabinet; `listLayoffNotices` for an employer).
pub async fn own_layoff_notices(state: &AppState, caller: &Caller) -> Result<Vec<LayoffNotice>> {
    let grant = caller.require(&[Role::Employer])?;
    layoff_notices(state, grant).await
}

/// A mass layoff notice (206 p.31.2): groups of workers with position, qualification and pay, and
/// the day of the layoff, given in advance; the region's mobility center sees it.
pub async fn create_layoff_notice(
    state: &AppState,
    account_id: &str,
    employer: &Employer,
    groups: Vec<LayoffGroup>,
    planned_on: NaiveDate,
) -> Result<LayoffNotice> {
    let now = state.clock.now();
    if planned_on < local_date(now) {
        return Err(
            Error::new(Common::InvalidDate).detail("a layoff is announced before it happens")
        );
    }
    if groups.is_empty()
        || groups
            .iter()
            .any(|g| g.count == 0 || g.position.trim().is_empty())
    {
        return Err(Error::new(Common::InvalidValue)
            .detail("at least one group, each with a position and a count"));
    }
    let mut tx = state.db.begin().await?;
    for code in groups.iter().filter_map(|g| g.occupation_code.as_deref()) {
        if !reference::occupation_exists(&mut tx, code).await? {
            return Err(Error::new(ReferenceCode::UnknownOccupation)
                .with("occupation_code", code.to_string()));
        }
    }
    let notice = LayoffNotice {
        id: new_id(),
        employer_id: employer.id.clone(),
        region_code: employer.region_code.clone(),
        workers_count: groups.iter().map(|g| i64::from(g.count)).sum(),
        groups,
        planned_on,
        created_at: now,
    };
    layoffs::insert(&mut tx, &notice, account_id).await?;
    audit::Entry::new(now, "create", "layoff_notice", &notice.id)
        .by(account_id)
        .after(json!({ "workers_count": notice.workers_count, "planned_on": planned_on }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(notice)
}

/// The caller's employer, or 403.
pub(crate) async fn my_employer(state: &AppState, caller: &Caller) -> Result<Employer> {
    let id = caller.organization(Role::Employer)?;
    employers::employer_by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::forbidden)
}

/// A vacancy with its employer's name, as the public sees it.
pub struct Named {
    pub vacancy: Vacancy,
    pub employer_name: String,
}

/// A vacancy with its employer's name (empty when the employer is gone).
pub(crate) async fn named(state: &AppState, vacancy: Vacancy) -> Result<Named> {
    let employer_name = employers::employer_by_id(&state.db.pool, &vacancy.employer_id)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    Ok(Named {
        vacancy,
        employer_name,
    })
}

/// Vacancies with their employers' names, the names read in one query.
pub(crate) async fn named_all(state: &AppState, vacancies: Vec<Vacancy>) -> Result<Vec<Named>> {
    let mut ids: Vec<&str> = vacancies.iter().map(|v| v.employer_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = employers::employer_names(&state.db.pool, &ids).await?;
    Ok(vacancies
        .into_iter()
        .map(|vacancy| Named {
            employer_name: names.get(&vacancy.employer_id).cloned().unwrap_or_default(),
            vacancy,
        })
        .collect())
}

/// A vacancy by its id, for anyone.
pub async fn vacancy(state: &AppState, id: &str) -> Result<Named> {
    let vacancy = employers::vacancy_by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    named(state, vacancy).await
}

/// The caller's employer closes one of its own vacancies; 403 `out_of_scope` for another's.
/// Returns the vacancy and the employer.
pub async fn close_own_vacancy(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(Vacancy, Employer)> {
    let employer = my_employer(state, caller).await?;
    let vacancy = employers::vacancy_by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if vacancy.employer_id != employer.id {
        return Err(Error::new(Common::OutOfScope).detail("another employer's vacancy"));
    }
    let vacancy = close_vacancy(state, &caller.account_id, &vacancy).await?;
    Ok((vacancy, employer))
}

/// A vacancy search as a visitor asks it (`searchVacancies`, the portal's search page): every
/// value as given, checked here.
#[derive(Debug, Default, Clone, Copy)]
pub struct SearchRequest<'a> {
    /// Words of the title, skills or description, each to occur in some form.
    pub q: Option<&'a str>,
    pub region_code: Option<&'a str>,
    pub district_code: Option<&'a str>,
    /// An occupation's code or a group's (`2411-1`, `2411`, `24`): the occupations within it too.
    pub occupation_code: Option<&'a str>,
    /// Vacancies that pay at least this (their upper bound, or their only figure).
    pub salary_min: Option<i64>,
    pub work_regime: Option<&'a str>,
    pub employment_type: Option<&'a str>,
    /// Vacancies posted on this day (`YYYY-MM-DD`, Kazakhstan time) or later.
    pub posted_since: Option<&'a str>,
    /// `relevance` (the default with words), `date` (the default without) or `salary`.
    pub sort: Option<&'a str>,
    /// The cursor of the page before (`Found::next_cursor`): the page after it (search-after).
    pub after: Option<&'a str>,
    /// From 1.
    pub page: Option<i64>,
    /// At most 100 (default 20).
    pub per_page: Option<i64>,
}

/// What a search found: one page of it, how many in all, and the order and page it was read by.
pub struct Found {
    pub vacancies: Vec<Named>,
    pub total: i64,
    pub sort: Sort,
    pub page: i64,
    pub per_page: i64,
    /// The day the vacancies' status is read as of.
    pub today: NaiveDate,
    /// The cursor of the next page (`after`), none on the last and in the order of relevance
    /// to words.
    pub next_cursor: Option<String>,
}

/// The open vacancies a visitor's search finds, one page of them (`checked_search`).
pub async fn search_vacancies(state: &AppState, r: &SearchRequest<'_>) -> Result<Found> {
    let CheckedSearch {
        search,
        page,
        paging,
        paged_by,
    } = checked_search(state, r)?;
    let (read, total) = search_page(state, &search).await?;
    let (vacancies, more) = paging.page_of(read, total);
    let next_cursor = paged_by
        .filter(|_| more)
        .and_then(|by| Some(search_cursor(&vacancies.last()?.vacancy, by)));
    Ok(Found {
        vacancies,
        total,
        sort: search.sort,
        page,
        per_page: paging.per_page,
        today: search.today,
        next_cursor,
    })
}

/// The order search-after pages (`after`): the date and salary orders, and relevance without
/// words (which is the date order); none for relevance to words, whose scores are each server's
/// index's own.
fn paged_by(sort: Sort, words: &[String]) -> Option<Sort> {
    match sort {
        Sort::Relevance if !words.is_empty() => None,
        Sort::Relevance | Sort::Date => Some(Sort::Date),
        Sort::Salary => Some(Sort::Salary),
    }
}

/// The cursor of the place just after `v` in the order `by` (`paged_by`).
fn search_cursor(v: &Vacancy, by: Sort) -> String {
    let after = After::of(v, by);
    let at = ts(after.posted_at);
    match after.pay {
        Some(pay) => input::cursor(&["salary", &pay.to_string(), &at, &after.id]),
        None => input::cursor(&["date", &at, &after.id]),
    }
}

/// The place a cursor of `search_cursor` names in the order `by`; 422 `invalid_value` on `after`
/// for anything else, a cursor of another order, or an order not paged by cursor.
fn parse_search_cursor(text: &str, by: Option<Sort>) -> Result<After> {
    const DETAIL: &str = "after is an X-Next-Cursor of a search in the same order";
    let bad = |detail: &str| {
        Error::new(Common::InvalidValue)
            .detail(detail)
            .with("field", "after")
    };
    let Some(by) = by else {
        return Err(bad(
            "after pages the date and salary orders; relevance to words is paged by number",
        ));
    };
    let (kind, n) = match by {
        Sort::Salary => ("salary", 4),
        _ => ("date", 3),
    };
    let parts = input::cursor_parts("after", text, n, DETAIL)?;
    if parts[0] != kind {
        return Err(bad(DETAIL));
    }
    let pay = match by {
        Sort::Salary => Some(parts[1].parse::<i64>().map_err(|_| bad(DETAIL))?),
        _ => None,
    };
    Ok(After {
        pay,
        posted_at: parse_ts(&parts[n - 2]).map_err(|_| bad(DETAIL))?,
        id: parts[n - 1].clone(),
    })
}

/// How many open vacancies a visitor's search finds, in all and with each value of each facet
/// (region, district, work regime, employment type) under the other filters, most first, then
/// by code (`countVacancyFacets`): from this server's vacancy index once it is built (as the
/// search), else from the database. Its values are checked as the search's.
pub async fn vacancy_facets(state: &AppState, r: &SearchRequest<'_>) -> Result<FacetCounts> {
    let search = checked_search(state, r)?.search;
    let indexed = state.vacancy_index().facets(state, &search).await?;
    let mut counted = index_or_database(state, indexed, async {
        let pool = &state.db.pool;
        let mut facets = Vec::with_capacity(Facet::ALL.len());
        for facet in Facet::ALL {
            facets.push((facet, employers::facet_counts(pool, &search, facet).await?));
        }
        Ok(FacetCounts {
            total: employers::count(pool, &search).await?,
            facets,
        })
    })
    .await?;
    for (_, counts) in &mut counted.facets {
        counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    Ok(counted)
}

/// A visitor's search as the index and the database read it, with its page and page size: its
/// values checked (422 `invalid_text`, `invalid_value` with the `field`), the words folded, the
/// order chosen.
fn checked_search<'a>(state: &AppState, r: &SearchRequest<'a>) -> Result<CheckedSearch<'a>> {
    let words = input::opt_text("q", r.q, text::QUERY)?
        .map(|q| search_words(&q))
        .unwrap_or_default();
    let sort = match r.sort {
        None if words.is_empty() => Sort::Date,
        None => Sort::Relevance,
        Some(s) => Sort::parse(s).ok_or_else(|| {
            Error::new(Common::InvalidValue)
                .detail("sort is relevance, date or salary")
                .with("field", "sort")
        })?,
    };
    let page = input::bounded("page", r.page.unwrap_or(1), bounds::PAGE)?;
    let per_page = input::bounded("per_page", r.per_page.unwrap_or(20), bounds::PER_PAGE)?;
    let today = local_date(state.clock.now());
    for (field, code) in [
        ("region_code", r.region_code),
        ("district_code", r.district_code),
        ("work_regime", r.work_regime),
        ("employment_type", r.employment_type),
    ] {
        input::opt_text(field, code, text::ITEM)?;
    }
    if r.occupation_code.is_some_and(|c| !is_occupation_filter(c)) {
        return Err(Error::new(Common::InvalidValue)
            .detail("occupation_code is a code of the classifier or of one of its groups")
            .with("field", "occupation_code"));
    }
    let by = paged_by(sort, &words);
    let (paging, cursor) = Paging::asked(page, per_page, r.page.is_some(), r.after)?;
    let after = cursor.map(|c| parse_search_cursor(c, by)).transpose()?;
    let search = Search {
        q: r.q,
        words,
        region_code: r.region_code,
        district_code: r.district_code,
        occupation_code: r.occupation_code,
        salary_min: input::opt_bounded("salary_min", r.salary_min, bounds::PAY_FILTER)?,
        work_regime: r.work_regime,
        employment_type: r.employment_type,
        posted_since: posted_since(r.posted_since)?,
        after,
        sort,
        today,
        limit: paging.limit(),
        offset: paging.offset,
    };
    Ok(CheckedSearch {
        search,
        page,
        paging,
        paged_by: by,
    })
}

/// A visitor's search checked: what the index and the database read, the page asked for, and
/// the order a next page's cursor follows (none for relevance to words).
struct CheckedSearch<'a> {
    search: Search<'a>,
    page: i64,
    paging: Paging,
    paged_by: Option<Sort>,
}

/// The instant a `posted_since` day begins in Kazakhstan; 422 `invalid_value` on the field for
/// anything but a date `YYYY-MM-DD`.
fn posted_since(day: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    let Some(day) = day else {
        return Ok(None);
    };
    let date = (day.len() == 10)
        .then(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            Error::new(Common::InvalidValue)
                .detail("posted_since is a date YYYY-MM-DD")
                .with("field", "posted_since")
        })?;
    Ok(Some(local_instant(date, NaiveTime::MIN)))
}

/// Whether a code may filter a search by occupation: a group of the classifier (1 to 4 digits)
/// or a national occupation within a unit group (`2411-1`).
fn is_occupation_filter(code: &str) -> bool {
    let (unit, national) = match code.split_once('-') {
        Some((unit, national)) => (unit, Some(national)),
        None => (code, None),
    };
    let digits = |s: &str, most: usize| {
        (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(unit, 4) && national.is_none_or(|n| unit.len() == 4 && digits(n, 3))
}

/// A page of the open vacancies a search finds, and how many it finds in all: from this
/// server's vacancy index once it is built (the page's rows kept in it, as of the last change it
/// followed), else from the database.
async fn search_page(state: &AppState, search: &Search<'_>) -> Result<(Vec<Named>, i64)> {
    let indexed = state.vacancy_index().search(state, search).await?;
    let indexed = indexed.map(|hits| (named_rows(hits.page), hits.total));
    index_or_database(state, indexed, async {
        let (found, total) = employers::search(&state.db.pool, search).await?;
        Ok((named_all(state, found).await?, total))
    })
    .await
}

/// What the vacancy index answered, else what the database answers, counted by who answered
/// (`enbek_vacancy_searches_total`).
async fn index_or_database<T>(
    state: &AppState,
    indexed: Option<T>,
    database: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    super::index_or_database(|by| state.metrics.vacancy_search(by), indexed, database).await
}

/// A page of the open vacancies as of `today` for open data (oldest first, from a cursor), and
/// how many there are in all, as `shown` makes it for the reader: from this server's vacancy
/// index once it is built (as the search; remembered until the index changes), else from the
/// database.
pub async fn open_page<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    today: NaiveDate,
    after: Option<(DateTime<Utc>, &str)>,
    limit: i64,
    offset: i64,
    shown: impl Fn(Vec<Named>, i64) -> T + Sync,
) -> Result<T> {
    let index = state.vacancy_index();
    let indexed = index
        .open_page(state, today, after, limit, offset, |hits| {
            shown(named_rows(hits.page), hits.total)
        })
        .await?;
    index_or_database(state, indexed, async {
        let total = employers::open_count(&state.db.pool, today).await?;
        let found = employers::open_after(&state.db.pool, today, after, limit, offset).await?;
        Ok(shown(named_rows(found), total))
    })
    .await
}

/// Rows read with their employers' names, as pages show them.
fn named_rows(rows: Vec<(Vacancy, String)>) -> Vec<Named> {
    rows.into_iter()
        .map(|(vacancy, employer_name)| Named {
            vacancy,
            employer_name,
        })
        .collect()
}

/// The layoff notices a grant may read (the latest 500): an employer's own, those of an
/// officer's region (none without a region), or all for the ministry.
pub async fn layoff_notices(state: &AppState, grant: &Grant) -> Result<Vec<LayoffNotice>> {
    Ok(layoff_notices_page(state, grant, None, None, 500, 0)
        .await?
        .0)
}

/// `limit` of the layoff notices a grant may read after the first `offset`, newest first, the
/// planned day in `[planned_from, planned_before)` when given, with how many there are in all.
pub async fn layoff_notices_page(
    state: &AppState,
    grant: &Grant,
    planned_from: Option<NaiveDate>,
    planned_before: Option<NaiveDate>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<LayoffNotice>, i64)> {
    let (employer, region) = match grant.role {
        Role::Employer => (grant.organization_id.as_deref(), None),
        // The region's mobility center; without a region, nothing.
        Role::MobilityCenterOfficer => match &grant.region_code {
            Some(region) => (None, Some(region.as_str())),
            None => return Ok((Vec::new(), 0)),
        },
        _ => (None, None),
    };
    let selection = layoffs::Selection {
        employer_id: employer,
        region_code: region,
        planned_from,
        planned_before,
    };
    Ok(layoffs::page(&state.db.pool, &selection, limit, offset).await?)
}

/// Checks a list of working-condition codes (at most one of each).
pub(crate) fn check_conditions(codes: &[String], field: &str) -> Result<()> {
    let known = codes.iter().all(|c| WorkCondition::parse(c).is_some());
    if !known || codes.len() > WorkCondition::ALL.len() {
        return Err(Error::new(Common::InvalidValue).detail(format!(
            "{field} are codes of heavy_lifting, night_work, heights, harmful_substances, prolonged_standing, driving"
        )));
    }
    Ok(())
}
