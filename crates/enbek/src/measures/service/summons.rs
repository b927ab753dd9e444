//! The call to the career center to take part in an active measure (214 p.51(3)): the person has
//! 3 working days to come; a call not answered by then, without good reason, is a ground of
//! deregistration the career center weighs in its work queue. Coming, or applying for a measure,
//! answers it.

use enbek_domain::accounts::access::Role;
use enbek_domain::measures::referral::ActiveMeasure;
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::registration::attendance::{attend_by, Summons as Call};
use enbek_domain::registration::Status;
use serde_json::json;

use crate::measures::error::{Error, Result};
use crate::measures::notices::{measure_names, Kind};
use crate::measures::store::summons::{self, Summons};
use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::db::new_id;
use crate::platform::notify::{self, Args, Names};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::registration::interface::{recipient, registration_by_id, require_scope};

/// Who calls and records the answer: the casework staff whose scope reaches the card.
const CASEWORK: [Role; 2] = [Role::CareerCenterSpecialist, Role::MobilityCenterOfficer];

/// Calls an unemployed person to the career center to take part in a measure; the person is told.
pub async fn summon(
    state: &AppState,
    caller: &Caller,
    registration_id: &str,
    measure: Option<ActiveMeasure>,
) -> Result<Summons> {
    let reg = registration_by_id(state, registration_id).await?;
    require_scope(state, caller, &reg, &CASEWORK).await?;
    if reg.status != Status::Unemployed {
        return Err(Error::new(Common::InvalidState)
            .detail("only an unemployed person is called for an active measure")
            .with("status", reg.status.as_str()));
    }
    let now = state.clock.now();
    let call = Summons {
        id: new_id(),
        registration_id: reg.id.clone(),
        career_center_id: reg.career_center_id.clone(),
        measure,
        summoned_at: now,
        due_at: attend_by(&state.calendar(), now, Call::ActiveMeasureCall),
        answered_at: None,
    };
    let center = reference::organization_by_id(&state.db.pool, &reg.career_center_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let mut tx = state.db.begin().await?;
    summons::insert(&mut tx, &call, &caller.account_id).await?;
    audit::Entry::new(now, "summon", "registration", &reg.id)
        .by(caller.account_id.as_str())
        .after(json!({ "summons_id": call.id, "due_at": call.due_at, "measure": measure.map(ActiveMeasure::code) }))
        .record(&mut tx);
    let to = recipient(&mut tx, &reg).await?;
    let last_day = local_date(call.due_at)
        .pred_opt()
        .unwrap_or(local_date(call.due_at));
    let args = Args {
        date: last_day.format("%d.%m.%Y").to_string(),
        center: Names {
            kk: center.name_kk.clone(),
            ru: center.name_ru.clone(),
            en: center.name_en.clone(),
        },
        code: String::new(),
        ground: Names::default(),
        until: None,
        reference: call.id.clone(),
        months: 0,
        note: measure
            .map(|m| {
                measure_names(m)
                    .get(to.lang.unwrap_or(crate::platform::http::lang::Lang::Kk))
                    .to_string()
            })
            .unwrap_or_default(),
    };
    notify::send(&mut tx, &to, Kind::Summoned, &args, now).await?;
    tx.commit().await?;
    Ok(call)
}

/// The person came: every open call of the registration is answered.
pub async fn answered(state: &AppState, caller: &Caller, id: &str) -> Result<Summons> {
    let call = summons::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let reg = registration_by_id(state, &call.registration_id).await?;
    require_scope(state, caller, &reg, &CASEWORK).await?;
    if call.answered_at.is_some() {
        return Err(Error::new(Common::InvalidState).detail("the call is answered"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    summons::answer_open(&mut tx, &reg.id, now).await?;
    audit::Entry::new(now, "answer_summons", "registration", &reg.id)
        .by(caller.account_id.as_str())
        .after(json!({ "summons_id": call.id, "answered_at": now }))
        .record(&mut tx);
    tx.commit().await?;
    summons::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)
}
