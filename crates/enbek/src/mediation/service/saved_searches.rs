//! Saved vacancy searches (214 p.77): a citizen keeps the filters of a search, and
//! is told of each new vacancy that the search would find.

use enbek_domain::mediation::vacancy::WorkRegime;
use enbek_domain::reference::office_hours::local_date;
use serde_json::json;

use crate::mediation::error::Code;
use crate::mediation::error::{Error, Result};
use crate::mediation::notices::Kind;
use crate::mediation::store::employers::{self, Search, Sort};
use crate::mediation::store::saved_searches;
pub use crate::mediation::store::saved_searches::SavedSearch;
use crate::platform::audit;
use crate::platform::db::new_id;
use crate::platform::db::Tx;
use crate::platform::http::lang::Lang;
use crate::platform::jobs::Job;
use crate::platform::notify;
use crate::platform::notify::Args;
use crate::platform::notify::Recipient;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup as reference;
use crate::reference::interface::Code as ReferenceCode;
use crate::reference::interface::{known_region, search_words};

/// At most this many saved searches per account.
pub const LIMIT: i64 = 20;

/// The filters of a search to save (the filters of `searchVacancies`).
pub struct NewSearch {
    pub q: Option<String>,
    pub region_code: Option<String>,
    pub occupation_code: Option<String>,
    pub salary_min: Option<i64>,
    pub work_regime: Option<String>,
}

fn invalid(detail: &str) -> Error {
    Error::new(Common::InvalidValue).detail(detail.to_string())
}

/// Saves a search of the caller's: at least one filter, each one a value the search knows.
#[tracing::instrument(skip_all)]
pub async fn save(state: &AppState, account_id: &str, new: NewSearch) -> Result<SavedSearch> {
    let q = new
        .q
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(invalid("q has at most 200 characters"));
    }
    let words = q.as_deref().map(search_words).unwrap_or_default();
    if q.is_some() && words.is_empty() {
        return Err(invalid("q has no word to search for"));
    }
    if words.is_empty()
        && new.region_code.is_none()
        && new.occupation_code.is_none()
        && new.salary_min.is_none()
        && new.work_regime.is_none()
    {
        return Err(invalid("a saved search has at least one filter"));
    }
    if new.salary_min.is_some_and(|s| s < 0) {
        return Err(invalid("salary_min is at least 0"));
    }
    let work_regime = new
        .work_regime
        .as_deref()
        .map(|regime| {
            WorkRegime::parse(regime)
                .ok_or_else(|| invalid("work_regime is not one of the allowed values"))
        })
        .transpose()?;
    if let Some(region) = &new.region_code {
        known_region(state, region).await?;
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if let Some(code) = &new.occupation_code {
        if !reference::occupation_exists(&mut tx, code).await? {
            return Err(Error::new(ReferenceCode::UnknownOccupation));
        }
    }
    if saved_searches::count_for(&mut tx, account_id).await? >= LIMIT {
        return Err(Error::new(Code::SavedSearchLimit).with("limit", LIMIT));
    }
    let search = SavedSearch {
        id: new_id(),
        account_id: account_id.to_string(),
        q,
        words,
        region_code: new.region_code,
        occupation_code: new.occupation_code,
        salary_min: new.salary_min,
        work_regime,
        created_at: now,
    };
    saved_searches::insert(&mut tx, &search).await?;
    audit::Entry::new(now, "create", "saved_search", &search.id)
        .by(account_id)
        .after(json!({
            "q": search.q, "region_code": search.region_code, "occupation_code": search.occupation_code,
            "salary_min": search.salary_min, "work_regime": search.work_regime
        }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(search)
}

/// Deletes the caller's own search; another's or none is 404.
pub async fn delete(state: &AppState, account_id: &str, id: &str) -> Result<()> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !saved_searches::delete(&mut tx, id, account_id).await? {
        return Err(Error::not_found());
    }
    audit::Entry::new(now, "delete", "saved_search", id)
        .by(account_id)
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// Enqueues, in the vacancy's own transaction, the pass that tells saved searches of it.
pub fn enqueue_for_vacancy(tx: &mut Tx, vacancy_id: &str, now: chrono::DateTime<chrono::Utc>) {
    let job = Job::NotifySavedSearches {
        vacancy_id: vacancy_id.to_string(),
    };
    crate::platform::jobs::store::enqueue(
        tx,
        &job,
        now,
        Some(&format!("saved_searches:{vacancy_id}")),
        now,
    );
}

/// Due work after a vacancy is posted: every saved search that finds it — by the very query of
/// `searchVacancies`, narrowed to this vacancy — tells its owner, once per search and vacancy.
#[tracing::instrument(skip_all, fields(vacancy = %vacancy_id))]
pub async fn notify_for_vacancy(state: &AppState, vacancy_id: &str) -> anyhow::Result<()> {
    let Some(vacancy) = employers::vacancy_by_id(&state.db.pool, vacancy_id).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let today = local_date(now);
    for (search, locale) in saved_searches::not_told_of(&state.db.pool, vacancy_id).await? {
        let filters = Search {
            q: None,
            words: search.words.clone(),
            region_code: search.region_code.as_deref(),
            district_code: None,
            occupation_code: search.occupation_code.as_deref(),
            salary_min: search.salary_min,
            work_regime: search.work_regime.map(WorkRegime::code),
            employment_type: None,
            posted_since: None,
            after: None,
            sort: Sort::Date,
            today,
            limit: 1,
            offset: 0,
        };
        if !employers::search_includes(&state.db.pool, vacancy_id, &filters).await? {
            continue;
        }
        let mut tx = state.db.begin().await?;
        if !saved_searches::record_hit(&mut tx, &search.id, vacancy_id, now).await? {
            continue;
        }
        let to = Recipient {
            account_id: Some(search.account_id.clone()),
            lang: Lang::parse(&locale),
            ..Recipient::default()
        };
        // The vacancy's title only: nothing about a person.
        let args = Args {
            date: local_date(vacancy.posted_at).to_string(),
            note: vacancy.title.clone(),
            reference: vacancy.id.clone(),
            ..Args::default()
        };
        notify::send(&mut tx, &to, Kind::SavedSearchMatch, &args, now).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The account's saved searches.
pub async fn mine(state: &AppState, account_id: &str) -> Result<Vec<SavedSearch>> {
    Ok(saved_searches::list_for(&state.db.pool, account_id).await?)
}
