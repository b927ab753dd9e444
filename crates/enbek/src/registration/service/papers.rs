//! The documents registration's decisions give, in Kazakh and Russian, recorded in the
//! decision's transaction and issued (signed) once it commits: the refusal to register as a job
//! seeker (214 App.3), registered as a job seeker (214 App.4), registered as unemployed
//! (214 App.5), the refusal to register as unemployed (214 App.6), the information on
//! registration as unemployed (214 p.45, 214 App.9), and the employment plan signed by both
//! (214 p.62, 214 App.10).

use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::OrgKind;
use enbek_domain::accounts::identity::ProofMethod;
use enbek_domain::reference::office_hours::{kz_offset, local_date};
use enbek_domain::registration::plan::{Action, ItemKind, Section};
use enbek_domain::registration::Status;
use serde_json::json;

use crate::accounts::interface::directory as accounts;
use crate::documents::interface::{
    self as documents, issued_by, Contacts, Form, Forms, Paper, PlanGroup, PlanItem, Recorded,
};
use crate::platform::db::Tx;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Organization;
use crate::registration::error::{Error, Result};
use crate::registration::service::shown::refusal_notice;
use crate::registration::store::persons::Person;
use crate::registration::store::plans::{Item, Plan};
use crate::registration::store::registrations::Registration;
use crate::web::Tr;

/// A person's full name as documents print it: surname, name, patronymic.
pub(crate) fn full_name(last: &str, first: &str, middle: Option<&str>) -> String {
    [Some(last), Some(first), middle]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn person_name(p: &Person) -> String {
    full_name(&p.last_name, &p.first_name, p.middle_name.as_deref())
}

async fn organization(state: &AppState, id: &str) -> Result<Organization> {
    crate::reference::interface::organization(state, id)
        .await?
        .ok_or_else(|| Error::internal(format!("no organisation {id}")))
}

/// The center of labour mobility of a career center: its parent, else its region's.
async fn mobility_center(
    tx: &mut Tx,
    state: &AppState,
    center: &Organization,
) -> Result<Option<Organization>> {
    if let Some(parent) = &center.parent_id {
        let parent = organization(state, parent).await?;
        if parent.kind == OrgKind::MobilityCenter {
            return Ok(Some(parent));
        }
    }
    region_mobility_center(tx, &center.region_code).await
}

/// The center of labour mobility of a region.
pub(crate) async fn region_mobility_center(
    tx: &mut Tx,
    region_code: &str,
) -> Result<Option<Organization>> {
    let all =
        reference::organizations(&mut **tx, Some("mobility_center"), Some(region_code)).await?;
    Ok(all.into_iter().next())
}

/// The account that owns a person's documents: the registration's, else the one that proved
/// the person's IIN.
async fn owner(tx: &mut Tx, reg: &Registration) -> Result<Option<String>> {
    match &reg.account_id {
        Some(id) => Ok(Some(id.clone())),
        None => Ok(accounts::account_by_iin(tx, &reg.iin).await?),
    }
}

/// The document a decided registration gives (214 App.3–App.6), recorded in the decision's
/// transaction; `reg` is the registration as decided and `name` the person's full name.
pub(crate) async fn record_decision(
    tx: &mut Tx,
    state: &AppState,
    reg: &Registration,
    name: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let center = organization(state, &reg.career_center_id).await?;
    let on = local_date(at.max(reg.received_at));
    let forms = match reg.status {
        Status::Refused => {
            let Some(notice) = refusal_notice(reg) else {
                return Ok(());
            };
            let unemployed = notice.form == "App.6";
            Forms::both(|lang, _| {
                let refusal = documents::Refusal {
                    issue: issued_by(&center, lang, on),
                    provider: center.name(lang).to_string(),
                    person: name.to_string(),
                    ground: notice.ground.get(lang).to_string(),
                    law: notice.legal_basis.to_string(),
                };
                if unemployed {
                    Form::UnemployedRefusal(refusal)
                } else {
                    Form::JobSeekerRefusal(refusal)
                }
            })
        }
        Status::JobSeeker => {
            let Some(since) = reg.job_seeker_since else {
                return Ok(());
            };
            Forms::both(|lang, _| {
                Form::JobSeeker(documents::JobSeeker {
                    issue: issued_by(&center, lang, on),
                    person: name.to_string(),
                    registered_on: since,
                })
            })
        }
        Status::Unemployed => {
            let Some(since) = reg.unemployed_since else {
                return Ok(());
            };
            let mobility = mobility_center(tx, state, &center)
                .await?
                .unwrap_or_else(|| center.clone());
            Forms::both(|lang, _| {
                Form::Unemployed(documents::Unemployed {
                    issue: issued_by(&center, lang, on),
                    person: name.to_string(),
                    mobility_center: mobility.name(lang).to_string(),
                    unemployed_since: since,
                })
            })
        }
        _ => return Ok(()),
    };
    let owner = owner(tx, reg).await?;
    documents::record_unnumbered(
        tx,
        Paper {
            account_id: owner.as_deref(),
            person_id: reg.person_id.as_deref(),
            registration_id: Some(&reg.id),
            organization_id: &center.id,
            region_code: &center.region_code,
            valid_until: None,
            data: json!({ "status": reg.status, "refusal_code": reg.refusal_code }),
            replaces: None,
            forms,
        },
        at,
    )
    .await?;
    Ok(())
}

/// The information on registration as unemployed (214 p.45, 214 App.9), recorded: `center` is
/// the issuing career center (the registration's; for a person never registered, the mobility
/// center of their region), `registered` the unemployed registration on the day of issue.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_unemployed_info(
    tx: &mut Tx,
    state: &AppState,
    account_id: &str,
    person_id: Option<&str>,
    registration_id: Option<&str>,
    issuer: &Organization,
    name: &str,
    registered: Option<NaiveDate>,
    valid_until: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Recorded> {
    let on = local_date(at);
    let mobility = match registered {
        Some(_) => mobility_center(tx, state, issuer).await?,
        None => None,
    };
    let forms = Forms::both(|lang, _| {
        Form::UnemployedInfo(documents::UnemployedInfo {
            issue: issued_by(issuer, lang, on),
            person: name.to_string(),
            registration: registered.map(|since| {
                (
                    mobility.as_ref().unwrap_or(issuer).name(lang).to_string(),
                    since,
                )
            }),
            valid_until,
        })
    });
    Ok(documents::record(
        tx,
        Paper {
            account_id: Some(account_id),
            person_id,
            registration_id,
            organization_id: &issuer.id,
            region_code: &issuer.region_code,
            valid_until: Some(valid_until),
            data: json!({ "registered": registered.is_some(), "unemployed_since": registered }),
            replaces: None,
            forms,
        },
        at,
    )
    .await?)
}

/// The group of 214 App.10 an action of the plan stands in.
fn group_of(action: Action) -> PlanGroup {
    match action.section() {
        Section::VocationalGuidance => PlanGroup::Orientation,
        Section::Mediation => PlanGroup::Mediation,
        Section::ActiveMeasures => PlanGroup::ActiveMeasures,
        Section::SocialAssistance => PlanGroup::SocialAid,
        Section::JobSearchSkills => PlanGroup::JobSearchSkills,
    }
}

/// The individual employment plan signed by both (214 p.62, 214 App.10), recorded in the
/// transaction of the person's signature: its actions by group, the meetings with the career
/// center, the day it runs to, both parties' contacts, and how the person signed.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_plan(
    tx: &mut Tx,
    state: &AppState,
    plan: &Plan,
    items: &[Item],
    reg: &Registration,
    person: &Person,
    signed: &PersonSignature<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    let center = organization(state, &plan.career_center_id).await?;
    let on = local_date(at);
    let forms = Forms::both(|lang, tr| {
        let text = |item: &Item| {
            let base = item
                .action
                .map(|a| tr.t(&format!("plan-action-{}", a.code())))
                .unwrap_or_else(|| tr.t("plan-contact"));
            match item.note.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(note) => format!("{base}: {note}"),
                None => base,
            }
        };
        Form::EmploymentPlan(documents::EmploymentPlan {
            issue: issued_by(&center, lang, on),
            person: person_name(person),
            unemployed_since: reg.unemployed_since.unwrap_or(plan.created_at.date_naive()),
            goal: plan.goal.clone(),
            education: plan.education.clone().unwrap_or_default(),
            occupation: plan.occupation.clone().unwrap_or_default(),
            items: items
                .iter()
                .filter_map(|i| {
                    i.action.map(|a| PlanItem {
                        group: group_of(a),
                        text: text(i),
                        due: i.due_on,
                    })
                })
                .collect(),
            meetings: items
                .iter()
                .filter(|i| i.item == ItemKind::Contact)
                .map(|i| (i.due_on, text(i)))
                .collect(),
            valid_until: plan.valid_until,
            person_contacts: Contacts {
                phone: person.phone.clone().unwrap_or_default(),
                email: person.email.clone(),
            },
            specialist_contacts: Contacts {
                phone: center.phone.clone().unwrap_or_default(),
                email: center.email.clone(),
            },
            person_signature: signed.text(&tr),
        })
    });
    documents::record_unnumbered(
        tx,
        Paper {
            account_id: reg.account_id.as_deref(),
            person_id: Some(&person.id),
            registration_id: Some(&reg.id),
            organization_id: &center.id,
            region_code: &center.region_code,
            valid_until: None,
            data: json!({ "plan_id": plan.id, "person_confirmation": signed.method.as_str() }),
            replaces: None,
            forms,
        },
        at,
    )
    .await?;
    Ok(())
}

/// How the person signed the plan, as the document prints it under their name.
pub(crate) struct PersonSignature<'a> {
    pub method: ProofMethod,
    pub certificate_serial: Option<&'a str>,
    pub at: DateTime<Utc>,
}

impl PersonSignature<'_> {
    fn text(&self, tr: &Tr) -> String {
        let local = self.at.with_timezone(&kz_offset());
        let at = format!("{} {}", tr.date(local.date_naive()), local.format("%H:%M"));
        match (self.method, self.certificate_serial) {
            (ProofMethod::Signature, Some(serial)) => tr.with(
                "papers-person-signed-cms",
                &[("at", at.into()), ("serial", serial.to_string().into())],
            ),
            _ => tr.with1("papers-person-signed-sms", "at", &at),
        }
    }
}
