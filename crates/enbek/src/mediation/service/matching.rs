//! Resumes and suitable-work matching (214 p.2.10, 214 p.69–70, 214 p.77): the rules are in
//! the domain; here they meet the stored resumes and vacancies.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use enbek_domain::mediation::matching::index::{OpeningIndex, PersonIndex, Scratch};
use enbek_domain::mediation::matching::{
    score, Commute, Match, Occupation, Opening, Places, Seeker,
};
use enbek_domain::mediation::vacancy::{EducationLevel, VacancyStatus, WorkCondition, WorkRegime};
use enbek_domain::reference::office_hours::local_date;
use enbek_domain::{bounds, text};

use crate::mediation::error::Code;
use crate::mediation::error::{Error, Result};
use crate::mediation::service::employers::{check_conditions, named_all, Named};
use crate::mediation::store::employers::{self, Vacancy};
use crate::mediation::store::resumes;
use crate::mediation::store::resumes::Place;
pub use crate::mediation::store::resumes::{Resume, ResumeSearch};
use crate::platform::audit;
use crate::platform::auth::{Caller, Grant, RESUME_READERS};
use crate::platform::db::Tx;
use crate::platform::http::input;
use crate::platform::http::input::Paging;
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup::occupation_by_code;
use crate::reference::interface::{
    check_education_level, check_locality, check_occupations, search_key, search_words,
};
use crate::registration::interface::registrations::{self, Registration};

/// At most this many matches are listed.
pub const TOP: usize = 50;

fn invalid(detail: &str) -> Error {
    Error::new(Common::InvalidValue).detail(detail.to_string())
}

/// Checks and stores the caller's resume (its texts and numbers checked by the handler).
pub async fn upsert_resume(state: &AppState, account_id: &str, r: Resume) -> Result<Resume> {
    if r.occupation_codes.is_empty() || r.occupation_codes.len() > 10 {
        return Err(invalid("one to ten occupation_codes"));
    }
    check_education_level(r.education_level.as_deref())?;
    if r.work_regime
        .as_deref()
        .is_some_and(|w| WorkRegime::parse(w).is_none())
    {
        return Err(invalid(
            "work_regime is full_time, part_time, shift, rotational or remote",
        ));
    }
    check_conditions(&r.health_restrictions, "health_restrictions")?;
    if r.commute_km
        .is_some_and(|km| !(1..=COMMUTE_MOST_KM).contains(&km))
    {
        return Err(invalid("commute_km is 1 to 200"));
    }
    check_locality(state, "locality_code", &r.locality_code).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    check_occupations(&mut tx, &r.occupation_codes).await?;
    let text = search_text(&mut tx, &r).await?;
    resumes::upsert(&mut tx, account_id, &r, &text, now).await?;
    audit::Entry::new(now, "upsert", "resume", account_id)
        .by(account_id)
        .after(
            serde_json::json!({ "occupation_codes": r.occupation_codes, "published": r.published }),
        )
        .record(&mut tx);
    let active = registrations::latest_for_account(&mut *tx, account_id)
        .await?
        .filter(receives_offers);
    if let Some(reg) = &active {
        crate::mediation::service::selection::seeker_selection_due(&mut tx, &reg.id, now);
    }
    tx.commit().await?;
    state.resume_index().changed();
    if let Some(reg) = active {
        crate::mediation::service::selection::select_now_for_seeker(state, &reg.id).await;
    }
    Ok(r)
}

/// The folded text a resume is searched by (`searchResumes`), read in its transaction: the
/// Russian and Kazakh names of its occupations and its skills (`resume_search_text`).
async fn search_text(tx: &mut Tx, r: &Resume) -> Result<String> {
    let mut names = Vec::with_capacity(r.occupation_codes.len() * 2);
    for code in &r.occupation_codes {
        if let Some(o) = occupation_by_code(&mut **tx, code).await? {
            names.push(o.name_ru);
            names.push(o.name_kk);
        }
    }
    Ok(resume_search_text(&names, &r.skills))
}

/// The folded text a resume is searched by, of its occupations' names and its skills.
pub fn resume_search_text(names: &[String], skills: &[String]) -> String {
    search_key(&format!("{} {}", names.join(" "), skills.join(" ")))
}

/// Gives the resumes saved before they had a search text (migration 0036) theirs, a batch at a
/// time, so that the search finds them by their words.
pub async fn fill_search_texts(state: &AppState) -> Result<usize> {
    let mut filled = 0;
    loop {
        let batch = resumes::without_search_text(&state.db.pool, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let mut tx = state.db.begin().await?;
        for (account_id, r) in &batch {
            let text = search_text(&mut tx, r).await?;
            resumes::set_search_text(&mut tx, account_id, &text).await?;
        }
        tx.commit().await?;
        filled += batch.len();
    }
    if filled > 0 {
        state.resume_index().changed();
    }
    Ok(filled)
}

fn conditions(codes: &[String]) -> Vec<WorkCondition> {
    codes
        .iter()
        .filter_map(|c| WorkCondition::parse(c))
        .collect()
}

/// The longest daily commute a resume may name, in km.
const COMMUTE_MOST_KM: u32 = 200;

pub(crate) fn seeker(r: &Resume, places: &Places) -> Seeker {
    Seeker {
        occupations: r
            .occupation_codes
            .iter()
            .filter_map(|c| Occupation::parse(c))
            .collect(),
        experience_years: r.experience_years,
        education_level: r.education_level.as_deref().and_then(EducationLevel::parse),
        skills: r.skills.clone(),
        desired_salary: r.desired_salary,
        work_regime: r.work_regime.as_deref().and_then(WorkRegime::parse),
        locality_code: r.locality_code.clone(),
        willing_to_relocate: r.willing_to_relocate,
        health_restrictions: conditions(&r.health_restrictions),
        commute: r
            .commute_km
            .zip(places.of(&r.locality_code))
            .map(|(km, from)| Commute { from, km }),
    }
}

pub(crate) fn opening(v: &Vacancy, places: &Places) -> Option<Opening> {
    Some(Opening {
        occupation: Occupation::parse(&v.occupation_code)?,
        salary_from: u64::try_from(v.salary_from).ok()?,
        salary_to: v.salary_to.and_then(|s| u64::try_from(s).ok()),
        work_regime: v.work_regime,
        education_level: v.education_level,
        experience_years: v.experience_years.and_then(|y| u32::try_from(y).ok()),
        skills: v.skills.clone(),
        locality_code: v.locality_code.clone(),
        conditions: conditions(&v.conditions),
        place: places.of(&v.locality_code),
    })
}

impl AppState {
    /// This server's matching index, registered at start.
    pub fn matcher(&self) -> &Matcher {
        self.part::<Arc<Matcher>>()
    }
}

/// The matching index of this server (214 p.69–70 at national scale, docs/BENCHMARKS.md):
/// built from the database in the background at start, again in the background when too much
/// changed since, and by the nightly re-match, and always read together
/// with what changed since it was built, so that every server answers from the current data.
#[derive(Default)]
pub struct Matcher {
    snapshot: tokio::sync::RwLock<Option<Arc<Snapshot>>>,
    building: tokio::sync::Mutex<()>,
    /// A rebuild runs in the background.
    rebuilding: AtomicBool,
    scratch: std::sync::Mutex<Vec<Scratch>>,
}

struct Snapshot {
    /// People with a resume by account, in account order.
    people: PersonIndex<String>,
    /// Open vacancies by id, the latest posted first.
    vacancies: OpeningIndex<String>,
    /// Rows changed at or after this instant are read from the database instead.
    as_of: DateTime<Utc>,
    /// Where localities lay when it was built: when an import places more, it is built again.
    places: Arc<Places>,
}

/// Changes this long before a build began are read again: a transaction stamped earlier may
/// commit while the build reads.
const BUILD_MARGIN_MINUTES: i64 = 5;

/// With more changes than this since the build, the index is built again in the background.
const MOST_CHANGES: usize = 10_000;

/// Rows read from the database at once while building.
const BATCH: i64 = 2_000;

impl Matcher {
    /// The index and the rows `changed` since it was built: built first if there is none, if the
    /// clock was set before its build (development mode: changes stamped earlier would hide);
    /// built again in the background if more than `MOST_CHANGES` rows changed since, or the
    /// places of localities changed (an import).
    async fn with_changes<T, F>(
        &self,
        state: &AppState,
        changed: impl Fn(DateTime<Utc>) -> F,
    ) -> Result<(Arc<Snapshot>, Vec<T>), sqlx::Error>
    where
        F: std::future::Future<Output = Result<Vec<T>, sqlx::Error>>,
    {
        let current = self.snapshot.read().await.clone();
        if let Some(s) = current.filter(|s| state.clock.now() >= s.as_of) {
            let rows = changed(s.as_of).await?;
            if rows.len() > MOST_CHANGES || !Arc::ptr_eq(&s.places, &state.places()) {
                self.rebuild_in_background(state);
            }
            return Ok((s, rows));
        }
        let s = self.build(state).await?;
        let rows = changed(s.as_of).await?;
        Ok((s, rows))
    }

    /// Builds the index from the database again (at most one build at a time); the ids of the
    /// open vacancies it holds.
    pub async fn rebuild(&self, state: &AppState) -> Result<Vec<String>, sqlx::Error> {
        Ok(self.build(state).await?.vacancies.keys().to_vec())
    }

    async fn build(&self, state: &AppState) -> Result<Arc<Snapshot>, sqlx::Error> {
        let _one_at_a_time = self.building.lock().await;
        let as_of = state.clock.now() - Duration::minutes(BUILD_MARGIN_MINUTES);
        let today = local_date(state.clock.now());
        let places = state.places();
        // Read a batch at a time, each row kept only as what the index needs.
        let mut people = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let batch = resumes::page_after(&state.db.pool, after.as_deref(), BATCH).await?;
            let Some((last, _)) = batch.last() else {
                break;
            };
            after = Some(last.clone());
            people.extend(batch.into_iter().map(|(id, r)| (id, seeker(&r, &places))));
        }
        let mut vacancies = Vec::new();
        let mut walk = employers::OpenWalk::new(today, BATCH);
        while let Some(batch) = walk.next(&state.db.pool).await? {
            vacancies.extend(
                batch
                    .into_iter()
                    .filter_map(|(v, _)| Some((v.id.clone(), opening(&v, &places)?))),
            );
        }
        let snapshot = tokio::task::spawn_blocking(move || Snapshot {
            people: PersonIndex::build(people),
            vacancies: OpeningIndex::build(vacancies),
            as_of,
            places,
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("building the matching index: {e}")))?;
        let keys = |keys: &[String]| keys.iter().map(String::capacity).sum::<usize>();
        let people = snapshot.people.bytes() + keys(snapshot.people.keys());
        let vacancies = snapshot.vacancies.bytes() + keys(snapshot.vacancies.keys());
        state.metrics.index_bytes("matching_people", people);
        state.metrics.index_bytes("matching_vacancies", vacancies);
        let snapshot = Arc::new(snapshot);
        *self.snapshot.write().await = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// Builds the index again in the background, unless a build is under way; requests go on
    /// with the current one and the rows changed since.
    fn rebuild_in_background(&self, state: &AppState) {
        if self.rebuilding.swap(true, Ordering::AcqRel) {
            return;
        }
        let state = state.clone();
        tokio::spawn(async move {
            let matcher = state.matcher();
            if let Err(e) = matcher.build(&state).await {
                tracing::warn!(error = %e, "rebuilding the matching index");
            }
            matcher.rebuilding.store(false, Ordering::Release);
        });
    }

    /// The best `k` keys of an index query, with working memory reused between queries.
    fn best<'a, K: Clone + 'a>(
        &self,
        query: impl FnOnce(&mut Scratch) -> Vec<(&'a K, u32)>,
    ) -> Vec<K> {
        let mut scratch = self
            .scratch
            .lock()
            .expect("scratch pool")
            .pop()
            .unwrap_or_default();
        let found = query(&mut scratch)
            .into_iter()
            .map(|(k, _)| k.clone())
            .collect();
        self.scratch.lock().expect("scratch pool").push(scratch);
        found
    }
}

/// Builds this server's matching index at start, in the background, so that the first request
/// that needs it does not build it.
pub fn build_at_start(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = fill_search_texts(&state).await {
            tracing::warn!(error = ?e, "filling the resumes' search texts");
        }
        if let Err(e) = state.matcher().build(&state).await {
            tracing::warn!(error = %e, "building the matching index");
        }
    })
}

/// Open vacancies suitable for the caller's resume, best first (214 p.36, 214 p.77).
pub async fn vacancies_for(state: &AppState, account_id: &str) -> Result<Vec<(Vacancy, Match)>> {
    let resume = resumes::by_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoResume))?;
    let places = state.places();
    let s = seeker(&resume, &places);
    let today = local_date(state.clock.now());
    let is_open = |v: &Vacancy| v.status == VacancyStatus::Open && v.valid_until >= today;
    let matcher = state.matcher();
    let (snapshot, changed) = matcher
        .with_changes(state, |since| {
            employers::vacancies_changed_since(&state.db.pool, since)
        })
        .await?;
    let changed_ids: HashSet<String> = changed.iter().map(|v| v.id.clone()).collect();
    let mut found: Vec<Vacancy> = changed.into_iter().filter(is_open).collect();
    // The index's best that did not change since; as many more as were dropped, until enough.
    let mut k = TOP + changed_ids.len();
    loop {
        let keys = matcher.best(|scratch| snapshot.vacancies.best_for(&s, k, scratch));
        let unchanged: Vec<&str> = keys
            .iter()
            .filter(|id| !changed_ids.contains(*id))
            .map(String::as_str)
            .collect();
        let rows = employers::vacancies_by_ids(&state.db.pool, &unchanged).await?;
        let open: Vec<Vacancy> = rows.into_iter().filter(is_open).collect();
        if open.len() >= TOP || keys.len() < k {
            found.extend(open);
            break;
        }
        k *= 2;
    }
    let mut found: Vec<(Vacancy, Match)> = found
        .into_iter()
        .filter_map(|v| {
            let m = score(&s, &opening(&v, &places)?)?;
            Some((v, m))
        })
        .collect();
    found.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then(b.0.posted_at.cmp(&a.0.posted_at))
            .then(a.0.id.cmp(&b.0.id))
    });
    found.truncate(TOP);
    Ok(found)
}

/// A person suitable for a vacancy, as the career center sees them before any offer.
pub struct Candidate {
    pub account_id: String,
    /// The person's registration that receives offers (job seeker or unemployed), if any.
    pub registration: Option<Registration>,
    pub matched: Match,
}

/// Whether a registration receives offers of suitable work (214 p.36, 214 p.69).
pub(crate) fn receives_offers(reg: &Registration) -> bool {
    reg.status.receives_offers()
}

/// People suitable for a vacancy, best first (214 p.69–70): job seekers, the unemployed and
/// self-registered portal users with a resume.
pub async fn candidates_for(state: &AppState, v: &Vacancy) -> Result<Vec<Candidate>> {
    let places = state.places();
    let Some(o) = opening(v, &places) else {
        return Ok(Vec::new());
    };
    let matcher = state.matcher();
    let (snapshot, changed) = matcher
        .with_changes(state, |since| resumes::changed_since(&state.db.pool, since))
        .await?;
    let changed_ids: HashSet<String> = changed.iter().map(|(id, _)| id.clone()).collect();
    let keys = matcher.best(|scratch| {
        snapshot
            .people
            .best_for(&o, TOP + changed_ids.len(), scratch)
    });
    let unchanged: Vec<&str> = keys
        .iter()
        .filter(|id| !changed_ids.contains(*id))
        .map(String::as_str)
        .collect();
    let mut people = resumes::by_accounts(&state.db.pool, &unchanged).await?;
    people.extend(changed);
    let mut found: Vec<(String, Match)> = people
        .into_iter()
        .filter_map(|(account_id, r)| Some((account_id, score(&seeker(&r, &places), &o)?)))
        .collect();
    found.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.0.cmp(&b.0)));
    found.truncate(TOP);
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    let mut latest = registrations::latest_for_accounts(&state.db.pool, &ids).await?;
    Ok(found
        .into_iter()
        .map(|(account_id, matched)| Candidate {
            registration: latest.remove(&account_id).filter(receives_offers),
            account_id,
            matched,
        })
        .collect())
}

/// The caller's resume; 404 `no_resume`.
pub async fn my_resume(state: &AppState, account_id: &str) -> Result<Resume> {
    resumes::by_account(&state.db.pool, account_id)
        .await?
        .ok_or_else(|| Error::new(Code::NoResume))
}

/// The vacancies that suit the caller's resume, best first, with their employers' names.
pub async fn vacancy_matches(state: &AppState, account_id: &str) -> Result<Vec<(Named, Match)>> {
    let (vacancies, matches): (Vec<_>, Vec<_>) =
        vacancies_for(state, account_id).await?.into_iter().unzip();
    Ok(named_all(state, vacancies)
        .await?
        .into_iter()
        .zip(matches)
        .collect())
}

/// The persons who suit a vacancy, for casework staff of the vacancy's region: its career
/// centers and its mobility center select for it; 403 `out_of_scope` elsewhere.
pub async fn candidates_in_scope(
    state: &AppState,
    grant: &Grant,
    vacancy_id: &str,
) -> Result<Vec<Candidate>> {
    let vacancy = employers::vacancy_by_id(&state.db.pool, vacancy_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if grant.region_code.as_deref() != Some(vacancy.region_code.as_str()) {
        return Err(Error::new(Common::OutOfScope));
    }
    candidates_for(state, &vacancy).await
}

/// A search of the published resumes, as an employer or a career center asks it.
#[derive(Default)]
pub struct ResumeRequest<'a> {
    /// Words each found resume holds in some form (its occupations' names or its skills).
    pub q: Option<&'a str>,
    /// A four-digit occupation the person seeks.
    pub occupation_code: Option<&'a str>,
    /// The region the person lives in (its 9-digit code).
    pub region_code: Option<&'a str>,
    /// People asking at most this pay, or naming none.
    pub salary_max: Option<i64>,
    /// People asking for this regime, or for none.
    pub work_regime: Option<&'a str>,
    /// The cursor of the page before (`FoundResumes::next_cursor`): the page after it.
    pub after: Option<&'a str>,
    /// From 1.
    pub page: Option<i64>,
    /// At most 100 (default 20).
    pub per_page: Option<i64>,
}

/// What a search of the resumes found: one page of it, how many in all, the page it is, and
/// the cursor of the next page (none on the last).
pub struct FoundResumes {
    pub resumes: Vec<Resume>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub next_cursor: Option<String>,
}

/// What a resume search's cursor is sealed for.
const RESUME_CURSOR: &str = "resume-search";

/// The cursor of the place just after a resume in the search's order: its place sealed with the
/// deployment's key, since an employer may not learn whose resume it is (206 p.19).
fn resume_cursor(state: &AppState, place: &Place) -> String {
    let plain = format!(
        "{}|{}",
        place.updated_at.timestamp_micros(),
        place.account_id
    );
    state.keys.seal(RESUME_CURSOR, plain.as_bytes())
}

/// The place a cursor of `resume_cursor` names; 422 `invalid_value` on `after` for anything
/// else (another search's cursor, another deployment's, or one changed).
fn parse_resume_cursor(state: &AppState, text: &str) -> Result<Place> {
    let place = (text.len() <= 200)
        .then(|| state.keys.open(RESUME_CURSOR, text))
        .flatten()
        .and_then(|plain| String::from_utf8(plain).ok())
        .and_then(|plain| {
            let (at, account_id) = plain.split_once('|')?;
            Some(Place {
                updated_at: DateTime::from_timestamp_micros(at.parse().ok()?)?,
                account_id: account_id.to_string(),
            })
        });
    place.ok_or_else(|| {
        Error::new(Common::InvalidValue)
            .detail("after is an X-Next-Cursor of a resume search")
            .with("field", "after")
    })
}

/// The published resumes a search finds, the latest updated first. Employers search for staff
/// themselves (214 p.77) and career centers help them; nobody else reads them. The values are
/// checked (422 `invalid_value` with the `field`); the caller shows only the public fields.
pub async fn search_published_resumes(
    state: &AppState,
    caller: &Caller,
    r: &ResumeRequest<'_>,
) -> Result<FoundResumes> {
    caller.require(&RESUME_READERS)?;
    let page = input::bounded("page", r.page.unwrap_or(1), bounds::PAGE)?;
    let per_page = input::bounded("per_page", r.per_page.unwrap_or(20), bounds::PER_PAGE)?;
    if r.occupation_code
        .is_some_and(|c| Occupation::parse(c).is_none())
    {
        return Err(Error::new(Common::InvalidValue)
            .detail("occupation_code is four digits")
            .with("field", "occupation_code"));
    }
    let region_prefix = match r.region_code {
        Some(code) if code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()) => {
            Some(&code[..2])
        }
        Some(_) => {
            return Err(Error::new(Common::InvalidValue)
                .detail("region_code is 9 digits")
                .with("field", "region_code"))
        }
        None => None,
    };
    let q = input::opt_text("q", r.q, text::QUERY)?;
    let (paging, cursor) = Paging::asked(page, per_page, r.page.is_some(), r.after)?;
    let after = cursor.map(|c| parse_resume_cursor(state, c)).transpose()?;
    let search = ResumeSearch {
        q: q.as_deref(),
        words: q.as_deref().map(search_words).unwrap_or_default(),
        occupation_code: r.occupation_code,
        region_prefix,
        salary_max: input::opt_bounded("salary_max", r.salary_max, bounds::PAY_FILTER)?,
        work_regime: r.work_regime,
        after,
        limit: paging.limit(),
        offset: paging.offset,
    };
    let today = local_date(state.clock.now());
    let indexed = state.resume_index().search(state, today, &search).await?;
    let (read, total) = super::index_or_database(
        |by| state.metrics.resume_search(by),
        indexed.map(|hits| (hits.page, hits.total)),
        async { Ok(resumes::search_published(&state.db.pool, &search).await?) },
    )
    .await?;
    let (found, more) = paging.page_of(read, total);
    let next_cursor = found
        .last()
        .filter(|_| more)
        .map(|(place, _)| resume_cursor(state, place));
    Ok(FoundResumes {
        resumes: found.into_iter().map(|(_, resume)| resume).collect(),
        total,
        page,
        per_page,
        next_cursor,
    })
}
