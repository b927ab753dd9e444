//! The full-text indexes each server keeps in memory: of the open vacancies (`searchVacancies`,
//! 214 p.77) and of the published resumes (`searchResumes`, 206 p.19). Each is built from the
//! database in the background at start and follows the database's changes by their revisions
//! (migrations 0033 and 0036), every second and at once for a change this server made. The
//! database stays the source of truth: while an index is not ready for today, the search reads
//! the database.

pub mod analysis;
mod resumes;
mod vacancies;

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::ops::Bound;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use enbek_domain::reference::office_hours::local_date;
use sqlx::AnyPool;
use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::platform::state::AppState;

pub use resumes::{ResumeHits, ResumeIndex};
pub use vacancies::{Hits, VacancyIndex};

/// How often every server reads the rows changed on any server.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// How long a search after a change made here waits for the step under way (a follow step
/// takes milliseconds) before the database answers it.
const STEP_AWAITED: Duration = Duration::from_millis(250);

/// Rows read from the database at once, building or following.
const BATCH: i64 = 2_000;

/// The indexing memory of a writer (tantivy's per-thread minimum is 15 MB).
const WRITER_BYTES: usize = 64_000_000;

impl AppState {
    /// This server's vacancy index, registered at start.
    pub fn vacancy_index(&self) -> &VacancyIndex {
        self.part::<Arc<VacancyIndex>>()
    }

    /// This server's resume index, registered at start.
    pub fn resume_index(&self) -> &ResumeIndex {
        self.part::<Arc<ResumeIndex>>()
    }
}

/// What an index holds and how it follows the database: the rows one document each is made of,
/// read all at once to build it and by revision to follow it.
pub trait Corpus: Sized + Send + Sync + 'static {
    /// Its name on `/metrics` (`enbek_index_bytes{index=…}`) and in the log.
    const NAME: &'static str;
    /// The fields of its schema.
    type Fields: Copy + Send + Sync + 'static;
    /// A row as the database gives it.
    type Row: Send + Sync;
    /// Where a walk through the rows it is built from has come to.
    type Walk: Send;

    fn schema() -> (Schema, Self::Fields);

    /// The term a row's document is found by, to replace it.
    fn key(f: &Self::Fields, row: &Self::Row) -> Term;

    /// The row's document, or None when the row has no place in the index on `day` (days from
    /// the common era).
    fn document(
        f: &Self::Fields,
        row: &Self::Row,
        day: i64,
    ) -> tantivy::Result<Option<TantivyDocument>>;

    /// The field of the last day a document has its place, if its place ends with a day.
    fn last_day(f: &Self::Fields) -> Option<tantivy::schema::Field>;

    /// The last revision of its rows that is visible.
    fn last_revision(pool: &AnyPool) -> impl Future<Output = Result<i64, sqlx::Error>> + Send;

    /// Up to `limit` rows changed after `revision`, whatever they now are, in the order of their
    /// revision, each with it.
    fn changed_after(
        pool: &AnyPool,
        revision: i64,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<(Self::Row, i64)>, sqlx::Error>> + Send;

    /// A walk through the rows that have their place on `today`.
    fn walk(today: NaiveDate, batch: i64) -> Self::Walk;

    /// The walk's next batch; None once every row was read.
    fn next<'a>(
        walk: &'a mut Self::Walk,
        pool: &'a AnyPool,
    ) -> impl Future<Output = Result<Option<Vec<Self::Row>>, sqlx::Error>> + Send + 'a;
}

/// An index of this server that follows the database.
pub struct Followed<C: Corpus> {
    live: RwLock<Option<Arc<Live<C>>>>,
    /// One build or follow step at a time.
    step: tokio::sync::Mutex<()>,
    /// The changes this server made and those the index has taken in.
    changes: Changes,
    enabled: bool,
}

/// The changes this server made to the rows of an index, counted, and how many of them the
/// index has taken in: a change is taken in only once a step that began after it has ended, so
/// a search made while a step is under way does not read the index as if it held the change.
#[derive(Default)]
struct Changes {
    made: AtomicU64,
    taken_in: AtomicU64,
}

impl Changes {
    /// A row was changed, its transaction committed.
    fn made(&self) {
        self.made.fetch_add(1, Ordering::AcqRel);
    }

    /// The changes made so far, read as a step begins: each of them is committed, so the step's
    /// reads see it.
    fn begin_step(&self) -> u64 {
        self.made.load(Ordering::Acquire)
    }

    /// A step that began at `began` (`begin_step`) has ended: the changes made before it are in.
    fn step_ended(&self, began: u64) {
        self.taken_in.fetch_max(began, Ordering::AcqRel);
    }

    /// Some change made here is not yet in the index.
    fn behind(&self) -> bool {
        self.taken_in.load(Ordering::Acquire) < self.made.load(Ordering::Acquire)
    }
}

/// An index built for one day: it holds the rows that have their place on that day.
pub struct Live<C: Corpus> {
    reader: IndexReader,
    index: Index,
    /// The writer of the changes being put in, opened for them and let go once they are
    /// published (`publish`).
    writer: Mutex<Option<IndexWriter>>,
    fields: C::Fields,
    /// The day whose rows its searcher holds (days from the common era): a new day is set only
    /// once the documents whose place ended before it are taken out and published, so that no
    /// search of the new day reads them meanwhile.
    day: AtomicI64,
    /// The last revision it has applied.
    revision: AtomicI64,
    /// The analyzers its texts were read with, to read a query's words the same way.
    russian: tantivy::tokenizer::TextAnalyzer,
    kazakh: tantivy::tokenizer::TextAnalyzer,
    remembered: Mutex<Remembered>,
}

/// The answers the index gave as it is now (its searcher's generation), by request: the same
/// request asked again before the index changes — the search page without words and its
/// facets, the open-data listing's pages, a common word, each the same for every visitor — is
/// answered without searching again. A change to the index makes a new generation, which
/// forgets them all; at most `REMEMBERED` are kept.
#[derive(Default)]
struct Remembered {
    generation: u64,
    answers: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

/// The most answers an index remembers (of at most 100 rows each).
const REMEMBERED: usize = 128;

/// How following merges the segments: tantivy's log policy, which merges small segments as they
/// gather, and besides merges a segment once a quarter of its documents were replaced or taken
/// out, so that the memory of the documents gone from it is given back (a row that changes is
/// deleted from its segment and added anew).
fn follow_merges() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_del_docs_ratio_before_merge(0.25);
    policy
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The documents that come after a place in an order of several keys, each key's term given
/// with its direction: beyond the first key, or at it and beyond by the keys after it.
fn following(keys: Vec<(Term, tantivy::Order)>) -> Box<dyn Query> {
    let beyond = |(term, order): (Term, tantivy::Order)| -> Box<dyn Query> {
        Box::new(match order {
            tantivy::Order::Desc => RangeQuery::new(Bound::Unbounded, Bound::Excluded(term)),
            tantivy::Order::Asc => RangeQuery::new(Bound::Excluded(term), Bound::Unbounded),
        })
    };
    // From the last key out.
    let mut keys = keys.into_iter().rev();
    let Some(last) = keys.next() else {
        return Box::new(AllQuery);
    };
    keys.fold(beyond(last), |after, key| {
        let at: Box<dyn Query> = Box::new(TermQuery::new(key.0.clone(), IndexRecordOption::Basic));
        let at_and_after: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, at),
            (Occur::Must, after),
        ]));
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, beyond(key)),
            (Occur::Should, at_and_after),
        ]))
    })
}

/// An id's place in the order of ids as one number, high and low halves, so that every order
/// can end with it as the database's ends with `id` (text order): the id's 128 bits when it is a
/// UUID as the store writes them (lowercase, hyphenated: text order is number order), else its
/// first 16 bytes (text order up to them).
fn id_rank(id: &str) -> (u64, u64) {
    let rank = match uuid::Uuid::try_parse(id) {
        Ok(u) if u.hyphenated().to_string() == id => u.as_u128(),
        _ => {
            let mut bytes = [0u8; 16];
            let n = id.len().min(16);
            bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
            u128::from_be_bytes(bytes)
        }
    };
    ((rank >> 64) as u64, rank as u64)
}

impl<C: Corpus> Live<C> {
    fn new(day: NaiveDate, revision: i64) -> tantivy::Result<Live<C>> {
        let (schema, fields) = C::schema();
        let index = Index::create_in_ram(schema);
        let (russian, kazakh) = (analysis::russian(), analysis::kazakh());
        index
            .tokenizers()
            .register(analysis::RUSSIAN, russian.clone());
        index
            .tokenizers()
            .register(analysis::KAZAKH, kazakh.clone());
        let writer: IndexWriter = index.writer_with_num_threads(1, WRITER_BYTES)?;
        // Built in one go, merged once at the end (`publish_built`).
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let writer = Mutex::new(Some(writer));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Live {
            reader,
            index,
            writer,
            fields,
            day: AtomicI64::new(day_number(day)),
            revision: AtomicI64::new(revision),
            russian,
            kazakh,
            remembered: Mutex::default(),
        })
    }

    /// The answer to the request `key` (the same key, the same answer) from the index as it is
    /// now: the one it gave before if it has not changed since, else `ask`'s, remembered.
    fn remembered<T: Clone + Send + Sync + 'static>(
        &self,
        key: String,
        ask: impl FnOnce(&Live<C>) -> tantivy::Result<T>,
    ) -> tantivy::Result<T> {
        let lock = || {
            self.remembered
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        // Read before asking: the answer is of this generation or a later one.
        let generation = self.reader.searcher().generation().generation_id();
        {
            let r = lock();
            if r.generation == generation {
                if let Some(answer) = r.answers.get(&key).and_then(|a| a.downcast_ref::<T>()) {
                    return Ok(answer.clone());
                }
            }
        }
        let answer = ask(self)?;
        let mut r = lock();
        if r.generation < generation || r.answers.len() >= REMEMBERED {
            r.answers.clear();
            r.generation = r.generation.max(generation);
        }
        if r.generation == generation {
            r.answers.insert(key, Arc::new(answer.clone()));
        }
        Ok(answer)
    }

    /// Runs `write` with the writer, opened first if the last changes were published.
    fn write<T>(
        &self,
        write: impl FnOnce(&mut IndexWriter) -> tantivy::Result<T>,
    ) -> tantivy::Result<T> {
        let mut slot = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let writer = match slot.as_mut() {
            Some(writer) => writer,
            None => {
                let writer = self.index.writer_with_num_threads(1, WRITER_BYTES)?;
                writer.set_merge_policy(Box::new(follow_merges()));
                slot.insert(writer)
            }
        };
        write(writer)
    }

    /// Commits what was written, waits for the merges it started, and lets the writer go: a
    /// writer keeps every delete it was given (each with its scoring weight) while it lives, so
    /// one kept open would hold every change the index ever followed. `into_one` merges every
    /// segment into one first and lets the files of the merged ones go (a new build).
    fn commit(&self, into_one: bool) -> tantivy::Result<()> {
        let mut slot = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(mut writer) = slot.take() {
            writer.commit()?;
            if into_one {
                let segments = writer.index().searchable_segment_ids()?;
                if segments.len() > 1 {
                    writer.merge(&segments).wait()?;
                }
                writer.garbage_collect_files().wait()?;
            }
            writer.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Puts the rows in as they are now: each replaces its earlier document (unless the index is
    /// being built, when there is none), and is left out unless it has its place on `day`.
    fn apply<'a>(
        &self,
        rows: impl IntoIterator<Item = &'a C::Row>,
        day: NaiveDate,
        building: bool,
    ) -> tantivy::Result<()> {
        let day = day_number(day);
        self.write(|writer| {
            for row in rows {
                if !building {
                    writer.delete_term(C::key(&self.fields, row));
                }
                if let Some(doc) = C::document(&self.fields, row, day)? {
                    writer.add_document(doc)?;
                }
            }
            Ok(())
        })
    }

    /// Takes out the documents whose place ended before `day` (the index's day once published).
    fn take_out_before(&self, day: NaiveDate) -> tantivy::Result<()> {
        if let Some(last_day) = C::last_day(&self.fields) {
            let before = Term::from_field_i64(last_day, day_number(day));
            self.write(|writer| {
                writer.delete_query(Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Excluded(before),
                )))
            })?;
        }
        Ok(())
    }

    /// Makes what was put in searchable.
    fn publish(&self) -> tantivy::Result<()> {
        self.commit(false)?;
        self.reader.reload()
    }

    /// Makes a new build searchable as one segment: the segments written while building are
    /// merged once, and their files let go, before the reader opens it — so that the index holds
    /// its segments once, not beside the ones they were merged from. Following merges its
    /// segments by `follow_merges` from then on. It waits on tantivy's threads: run it off the
    /// async ones.
    fn publish_built(&self) -> tantivy::Result<()> {
        self.commit(true)?;
        self.reader.reload()
    }

    /// The bytes its searchable segments take.
    fn bytes(&self) -> usize {
        self.reader
            .searcher()
            .space_usage()
            .map(|u| u.total().get_bytes())
            .map_or(0, |b| usize::try_from(b).unwrap_or(usize::MAX))
    }

    /// The query's words as each analyzer reads them, pairwise (Russian, Kazakh), at most `most`.
    fn words(&self, q: &str, most: usize) -> Vec<(String, String)> {
        let ru = analysis::terms(&mut self.russian.clone(), q);
        let kk = analysis::terms(&mut self.kazakh.clone(), q);
        ru.into_iter().zip(kk).take(most).collect()
    }
}

/// The options of a text field read by one of the analyzers (`analysis::RUSSIAN`, `KAZAKH`).
fn analyzed(
    analyzer: &str,
    record: tantivy::schema::IndexRecordOption,
) -> tantivy::schema::TextOptions {
    tantivy::schema::TextOptions::default().set_indexing_options(
        tantivy::schema::TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

/// How many a search finds in all, from its first page whatever its cursor: `n`, counted with the
/// page's query, or, for a page read from a cursor, a count of `from_first` (the same search
/// without the cursor).
fn whole_count(
    searcher: &tantivy::Searcher,
    n: usize,
    from_first: Option<Box<dyn Query>>,
) -> tantivy::Result<i64> {
    let n = match from_first {
        Some(query) => searcher.search(&*query, &tantivy::collector::Count)?,
        None => n,
    };
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The page a collector is asked for, `(offset, limit)`, or None when it starts past the last
/// document (the search is then only counted): a collector keeps room for twice `offset + limit`
/// in each segment, so no page asks room for more documents than there are.
fn window(searcher: &tantivy::Searcher, offset: i64, limit: i64) -> Option<(usize, usize)> {
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let offset = usize::try_from(offset).unwrap_or(0);
    if offset >= docs {
        return None;
    }
    let limit = usize::try_from(limit).unwrap_or(1).clamp(1, docs - offset);
    Some((offset, limit))
}

/// The row a document keeps in a stored field (JSON).
fn stored<T: serde::de::DeserializeOwned>(
    searcher: &tantivy::Searcher,
    address: tantivy::DocAddress,
    field: tantivy::schema::Field,
) -> tantivy::Result<T> {
    use tantivy::schema::Value;
    let doc: TantivyDocument = searcher.doc(address)?;
    let row = doc
        .get_first(field)
        .and_then(|v| v.as_bytes())
        .ok_or_else(|| tantivy::TantivyError::InternalError("a document without its row".into()))?;
    serde_json::from_slice(row).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
}

/// What a build measured (docs/BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct Built {
    pub rows: usize,
    pub took: Duration,
    /// The bytes the index takes.
    pub bytes: usize,
}

impl<C: Corpus> Followed<C> {
    /// An index that serves once built; `enabled: false` leaves every search to the database.
    pub fn new(enabled: bool) -> Followed<C> {
        Followed {
            live: RwLock::new(None),
            step: tokio::sync::Mutex::new(()),
            changes: Changes::default(),
            enabled,
        }
    }

    fn current(&self) -> Option<Arc<Live<C>>> {
        self.live
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// This server changed a row (after its transaction committed): the next search here brings
    /// the index up to date first.
    pub fn changed(&self) {
        self.changes.made();
    }

    /// What `ask` reads from the index ready for `today` for the request `key` (`remembered`),
    /// or None when the database should answer (`ready_for`).
    async fn answer<T: Clone + Send + Sync + 'static>(
        &self,
        state: &AppState,
        today: NaiveDate,
        key: String,
        ask: impl FnOnce(&Live<C>) -> tantivy::Result<T>,
    ) -> Result<Option<T>, sqlx::Error> {
        let Some(live) = self.ready_for(state, today).await? else {
            return Ok(None);
        };
        live.remembered(key, ask).map(Some).map_err(index_error)
    }

    /// The index if it answers for `today`: brought up to date first when this server changed a
    /// row since, after the step under way if it ends within `STEP_AWAITED`; None when it is
    /// off, not built for today, or longer busy (a build).
    async fn ready_for(
        &self,
        state: &AppState,
        today: NaiveDate,
    ) -> Result<Option<Arc<Live<C>>>, sqlx::Error> {
        if !self.enabled {
            return Ok(None);
        }
        if self.changes.behind() {
            let Ok(guard) = tokio::time::timeout(STEP_AWAITED, self.step.lock()).await else {
                return Ok(None);
            };
            // The step that held it may have taken the change in.
            if self.changes.behind() {
                self.follow_step(state, guard).await?;
            }
        }
        Ok(self
            .current()
            .filter(|l| l.day.load(Ordering::Acquire) == day_number(today)))
    }

    /// Brings the index up to date (`take_in`): the changes this server made before the step
    /// are in once it ends.
    async fn follow_step(
        &self,
        state: &AppState,
        _one_at_a_time: tokio::sync::MutexGuard<'_, ()>,
    ) -> Result<(), sqlx::Error> {
        let began = self.changes.begin_step();
        self.take_in(state).await?;
        self.changes.step_ended(began);
        Ok(())
    }

    /// Built if there is none or the clock went back before its day (development mode), moved
    /// to a new day, then the changes since its revision put in.
    async fn take_in(&self, state: &AppState) -> Result<(), sqlx::Error> {
        let today = local_date(state.clock.now());
        let live = match self.current() {
            Some(live) if live.day.load(Ordering::Acquire) <= day_number(today) => live,
            _ => {
                self.build(state, today).await?;
                return Ok(());
            }
        };
        let mut dirty = false;
        if live.day.load(Ordering::Acquire) < day_number(today) {
            live.take_out_before(today).map_err(index_error)?;
            dirty = true;
        }
        loop {
            let from = live.revision.load(Ordering::Acquire);
            let changed = C::changed_after(&state.db.pool, from, BATCH).await?;
            let Some(last) = changed.last().map(|(_, r)| *r) else {
                break;
            };
            let n = changed.len();
            live.apply(changed.iter().map(|(row, _)| row), today, false)
                .map_err(index_error)?;
            live.revision.store(last, Ordering::Release);
            dirty = true;
            if i64::try_from(n).unwrap_or(0) < BATCH {
                break;
            }
        }
        if dirty {
            off_async_threads(&live, Live::publish).await?;
            live.day.store(day_number(today), Ordering::Release);
            state.metrics.index_bytes(C::NAME, live.bytes());
        }
        Ok(())
    }

    /// Builds the index of the rows that have their place `today` from the database, a batch at
    /// a time, and puts it in use; the changes made meanwhile follow at the next step.
    async fn build(&self, state: &AppState, today: NaiveDate) -> Result<Built, sqlx::Error> {
        let started = Instant::now();
        // Read first: every revision up to this one is visible to the reads that follow.
        let revision = C::last_revision(&state.db.pool).await?;
        let live = Arc::new(Live::<C>::new(today, revision).map_err(index_error)?);
        let mut rows = 0;
        let mut walk = C::walk(today, BATCH);
        while let Some(batch) = C::next(&mut walk, &state.db.pool).await? {
            rows += batch.len();
            live.apply(&batch, today, true).map_err(index_error)?;
        }
        off_async_threads(&live, Live::publish_built).await?;
        let built = Built {
            rows,
            took: started.elapsed(),
            bytes: live.bytes(),
        };
        state.metrics.index_bytes(C::NAME, built.bytes);
        *self
            .live
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(live);
        tracing::info!(
            index = C::NAME,
            rows = built.rows,
            took_ms = built.took.as_millis() as u64,
            bytes = built.bytes,
            "index built"
        );
        Ok(built)
    }
}

/// Runs a step that waits on tantivy's threads (a commit, its merges) off the async threads.
async fn off_async_threads<C: Corpus>(
    live: &Arc<Live<C>>,
    step: fn(&Live<C>) -> tantivy::Result<()>,
) -> Result<(), sqlx::Error> {
    let live = Arc::clone(live);
    tokio::task::spawn_blocking(move || step(&live))
        .await
        .map_err(index_error)?
        .map_err(index_error)
}

/// A failure of the index (tantivy's, or of the thread a step ran on) as the search reports it.
fn index_error(e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Protocol(format!("search index: {e}"))
}

/// Keeps this server's indexes those of the database, each in a task of its own: built at once in
/// the background, then every second the rows changed on any server since are put in.
pub fn follow(state: &AppState) -> [tokio::task::JoinHandle<()>; 2] {
    [
        tokio::spawn(follow_one::<vacancies::Vacancies>(state.clone())),
        tokio::spawn(follow_one::<resumes::Resumes>(state.clone())),
    ]
}

async fn follow_one<C: Corpus>(state: AppState) {
    let index = state.part::<Arc<Followed<C>>>();
    if !index.enabled {
        return;
    }
    let mut tick = tokio::time::interval(FOLLOW_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let guard = index.step.lock().await;
        if let Err(e) = index.follow_step(&state, guard).await {
            tracing::warn!(index = C::NAME, error = %e, "following the database's changes");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mediation::store::resumes::Indexed;

    #[test]
    fn a_change_is_in_the_index_once_a_step_begun_after_it_has_ended() {
        let changes = Changes::default();
        assert!(!changes.behind());
        // A step under way when the change is made may not have read it: searches meanwhile,
        // and after it ends, are the database's.
        let began = changes.begin_step();
        changes.made();
        assert!(changes.behind());
        changes.step_ended(began);
        assert!(changes.behind());
        // The next step takes it in, once it has ended.
        let began = changes.begin_step();
        assert!(changes.behind());
        changes.step_ended(began);
        assert!(!changes.behind());
        // A slower step that began earlier ends last: what the later one took in stays in.
        changes.made();
        let earlier = changes.begin_step();
        changes.made();
        let later = changes.begin_step();
        changes.step_ended(later);
        changes.step_ended(earlier);
        assert!(!changes.behind());
    }

    #[test]
    fn ids_rank_in_their_text_order() {
        let mut ids: Vec<String> = (0..200)
            .map(|_| crate::platform::db::new_id())
            .chain([
                "0190f3c2-7a1b-7c3d-9e4f-0123456789ab".into(),
                "0190f3c2-7a1b-7c3d-9e4f-0123456789ac".into(),
                "0190f3c2-7a1c-7c3d-9e4f-0123456789aa".into(),
            ])
            .collect();
        ids.sort();
        let ranks: Vec<_> = ids.iter().map(|id| id_rank(id)).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        // Ids of another form, by their first 16 bytes.
        let others = ["bench-00000009", "bench-00000010", "bench-1"];
        let ranks: Vec<_> = others.iter().map(|id| id_rank(id)).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
    }

    /// A published resume of account `n`, saved `version` times.
    fn resume(n: usize, version: i64) -> Indexed {
        let resume = serde_json::from_value(serde_json::json!({
            "occupation_codes": ["8322"],
            "locality_code": "751010000",
            "published": true,
        }))
        .expect("a resume");
        Indexed {
            account_id: format!("account-{n:05}"),
            resume,
            updated_at: chrono::DateTime::from_timestamp(1_800_000_000 + version, 0)
                .expect("an instant"),
            search_text: "водитель".into(),
        }
    }

    /// The documents the searchable segments still hold though they were replaced.
    fn deleted(live: &Live<resumes::Resumes>) -> u32 {
        let searcher = live.reader.searcher();
        searcher
            .segment_readers()
            .iter()
            .map(tantivy::SegmentReader::num_deleted_docs)
            .sum()
    }

    #[test]
    fn an_answer_is_remembered_until_the_index_changes() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a day");
        let live = Live::<resumes::Resumes>::new(day, 0).expect("an index");
        live.apply(&[resume(0, 0)], day, true).expect("built");
        live.publish_built().expect("published");
        let asked = std::cell::Cell::new(0);
        let count = |key: &str| {
            live.remembered(key.to_string(), |l| {
                asked.set(asked.get() + 1);
                Ok(l.reader.searcher().num_docs())
            })
            .expect("answered")
        };
        assert_eq!(count("all"), 1);
        assert_eq!(count("all"), 1);
        assert_eq!(asked.get(), 1, "asked again before the index changed");
        assert_eq!(count("another"), 1);
        assert_eq!(asked.get(), 2, "another request is asked");

        live.apply(&[resume(1, 0)], day, false).expect("followed");
        live.publish().expect("published");
        assert_eq!(count("all"), 2, "the answer of the index as it is now");
        assert_eq!(asked.get(), 3);
    }

    #[test]
    fn the_answers_remembered_are_bounded() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a day");
        let live = Live::<resumes::Resumes>::new(day, 0).expect("an index");
        live.publish_built().expect("published");
        for n in 0..=REMEMBERED {
            live.remembered(n.to_string(), |_| Ok(n)).expect("answered");
            let kept = live.remembered.lock().expect("not poisoned").answers.len();
            // All kept up to the most, then forgotten to make room.
            assert_eq!(kept, if n < REMEMBERED { n + 1 } else { 1 });
        }
    }

    #[test]
    fn following_merges_a_segment_once_a_quarter_of_it_was_replaced() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a day");
        let live = Live::<resumes::Resumes>::new(day, 0).expect("an index");
        let rows: Vec<_> = (0..1_000).map(|n| resume(n, 0)).collect();
        live.apply(&rows, day, true).expect("built");
        live.publish_built().expect("published");
        assert_eq!(live.reader.searcher().segment_readers().len(), 1);
        assert_eq!(deleted(&live), 0);

        // A quarter replaced: the segment keeps them.
        let changed: Vec<_> = (0..250).map(|n| resume(n, 1)).collect();
        live.apply(&changed, day, false).expect("followed");
        live.publish().expect("published");
        assert_eq!(deleted(&live), 250);
        assert_eq!(live.reader.searcher().num_docs(), 1_000);

        // One more: past a quarter, the segment is merged and they are gone.
        live.apply(&[resume(250, 1)], day, false).expect("followed");
        live.publish().expect("published");
        assert_eq!(deleted(&live), 0);
        assert_eq!(live.reader.searcher().num_docs(), 1_000);
    }
}
