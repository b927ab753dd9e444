//! The individual employment card (214 p.2.6, 214 p.10) and who may reach it
//! (docs/AUTHORIZATION.md): the person's own view, staff's view within their scope (every staff
//! read is written to the audit log), and the scope check of a registration's casework.

use enbek_domain::accounts::access::{self, CardPlace, Role};
use enbek_domain::ids::Iin;

use crate::platform::audit;
use crate::platform::auth::Caller;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::registration::error::{Error, Result};
use crate::registration::service::shown::serving_district;
use crate::registration::store::persons;
pub use crate::registration::store::persons::{CardEvent, Person};
use crate::registration::store::registrations::{self, Registration};

/// A card and its history: registrations, updates, closures.
pub struct Card {
    pub person: Person,
    pub history: Vec<CardEvent>,
}

async fn card(state: &AppState, person: Person) -> Result<Card> {
    let history = persons::events(&state.db.pool, &person.id).await?;
    Ok(Card { person, history })
}

/// Whether a grant of one of `roles` reaches the registration's card; 403 `out_of_scope`
/// otherwise.
pub(crate) async fn require_scope(
    state: &AppState,
    caller: &Caller,
    reg: &Registration,
    roles: &[Role],
) -> Result<()> {
    let center = reference::organization_by_id(&state.db.pool, &reg.career_center_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let place = CardPlace {
        career_center_id: &reg.career_center_id,
        region_code: &center.region_code,
        forwarded_by: reg.forwarded_by_org.as_deref(),
    };
    if caller.may_act_as(roles, &place) {
        Ok(())
    } else {
        Err(Error::new(Common::OutOfScope))
    }
}

/// Whether the caller is the assistant of the rural district that serves the registration's
/// person (`access::assistant_serves`), who may act for the person where the regulations let the
/// answer come through the assistant (214 p.51(2)); 403 `out_of_scope` otherwise. It opens no card.
pub(crate) async fn require_serving_assistant(
    state: &AppState,
    caller: &Caller,
    reg: &Registration,
) -> Result<()> {
    let mut tx = state.db.begin().await?;
    let district = serving_district(&mut tx, reg).await?;
    tx.rollback().await?;
    let serves = caller
        .grants
        .iter()
        .any(|g| access::assistant_serves(&g.access(), district.as_deref()));
    if serves {
        Ok(())
    } else {
        Err(Error::new(Common::OutOfScope))
    }
}

/// The registration of this id; 404 `not_found` when there is none.
pub async fn registration_by_id(state: &AppState, id: &str) -> Result<Registration> {
    registrations::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The registration `id` when a grant of one of `roles` reaches its card: 404 when there is
/// none, 403 `out_of_scope` beyond the caller's reach.
pub async fn registration_in_scope(
    state: &AppState,
    caller: &Caller,
    id: &str,
    roles: &[Role],
) -> Result<Registration> {
    let reg = registration_by_id(state, id).await?;
    require_scope(state, caller, &reg, roles).await?;
    Ok(reg)
}

/// The card of the person the account acts for.
pub async fn my_card(state: &AppState, account_id: &str) -> Result<Card> {
    let person = persons::by_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(Error::not_found)?;
    card(state, person).await
}

/// A card opened by staff, by the person's id.
pub async fn person_card(state: &AppState, caller: &Caller, person_id: &str) -> Result<Card> {
    let person = persons::by_id(&state.db.pool, person_id)
        .await?
        .ok_or_else(Error::not_found)?;
    staff_card(state, caller, person).await
}

/// A card found by staff, by the person's IIN.
pub async fn card_by_iin(state: &AppState, caller: &Caller, iin: &Iin) -> Result<Card> {
    let mut tx = state.db.begin().await?;
    let person = persons::by_iin(&mut tx, iin.as_str()).await?;
    tx.rollback().await?;
    let person = person.ok_or_else(Error::not_found)?;
    staff_card(state, caller, person).await
}

/// Casework staff may open a card within their scope; the read is logged. The administrator
/// does no casework and opens no card (206 p.17–19).
async fn staff_card(state: &AppState, caller: &Caller, person: Person) -> Result<Card> {
    let center = reference::organization_by_id(&state.db.pool, &person.career_center_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let forwarded = registrations::last_forwarded_by(&state.db.pool, &person.id).await?;
    let place = CardPlace {
        career_center_id: &person.career_center_id,
        region_code: &center.region_code,
        forwarded_by: forwarded.as_deref(),
    };
    if !caller.may_see(&place) {
        return Err(caller.beyond_reach().into());
    }
    audit::record_read(
        &state.db.pool,
        state.clock.now(),
        &caller.account_id,
        "person",
        &person.id,
    )
    .await?;
    card(state, person).await
}

/// The registration in progress of a card's person, if any: the card found by IIN links its
/// plan.
pub async fn active_registration(
    state: &AppState,
    person: &Person,
) -> Result<Option<Registration>> {
    let mut tx = state.db.begin().await?;
    let reg = registrations::active_for_iin(&mut tx, &person.iin).await?;
    tx.rollback().await?;
    Ok(reg)
}
