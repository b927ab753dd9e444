//! The full-text index of the open vacancies (`searchVacancies`, 214 p.77): each server keeps one
//! in memory, built from the database in the background at start and following the database's
//! changes by the vacancies' revisions (migration 0033), every second and at once for a change
//! this server made. The database stays the source of truth: while the index is not ready for
//! today, the search reads the database.

pub mod analysis;

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use enbek_domain::reference::office_hours::local_date;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::mediation::store::employers::{self, After, Facet, FacetCounts, Search, Sort, Vacancy};
use crate::platform::state::AppState;

/// How often every server reads the vacancies changed on any server.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

/// Rows read from the database at once, building or following.
const BATCH: i64 = 2_000;

/// The order of relevance (214 p.77's search as the portal has ranked it): for each query word,
/// `TITLE_POINTS` if the title holds a form of it and `TEXT_POINTS` if the rest does (the skills
/// and description), so that more words in the title, and words in both, come first; within the
/// same points, BM25 with the title's words counting `TITLE_BOOST` times; then the newest.
const TITLE_POINTS: Score = 2.0;
const TEXT_POINTS: Score = 1.0;
const TITLE_BOOST: Score = 2.0;

/// One point in the score: far above any BM25 score of a query's words.
const TIER: Score = 10_000.0;

/// The indexing memory of the writer (tantivy's per-thread minimum is 15 MB).
const WRITER_BYTES: usize = 64_000_000;

impl AppState {
    /// This server's vacancy index, registered at start.
    pub fn vacancy_index(&self) -> &VacancyIndex {
        self.part::<Arc<VacancyIndex>>()
    }
}

/// The vacancy index of this server.
pub struct VacancyIndex {
    live: RwLock<Option<Arc<Live>>>,
    /// One build or follow step at a time.
    step: tokio::sync::Mutex<()>,
    /// This server changed a vacancy since the last follow step.
    pending: AtomicBool,
    enabled: bool,
}

/// An index built for one day: it holds the vacancies open on that day.
struct Live {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    /// The day whose open vacancies it holds (days from the common era).
    day: AtomicI64,
    /// The last revision it has applied.
    revision: AtomicI64,
    /// The analyzers its texts were read with, to read a query's words the same way.
    russian: tantivy::tokenizer::TextAnalyzer,
    kazakh: tantivy::tokenizer::TextAnalyzer,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    /// The id's place in the order of ids, high and low halves (`id_rank`).
    id_high: Field,
    id_low: Field,
    /// The vacancy and its employer's name as the page shows them (JSON, compressed).
    row: Field,
    title_ru: Field,
    title_kk: Field,
    body_ru: Field,
    body_kk: Field,
    region: Field,
    district: Field,
    /// The occupation's code and each of its groups' (`2411-1`, `2411`, `241`, `24`, `2`).
    occupation: Field,
    regime: Field,
    employment: Field,
    pay: Field,
    posted: Field,
    valid_until: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING),
        // The last of every order (`posted`, then the id, newest first), as numbers.
        id_high: b.add_u64_field("id_high", FAST | INDEXED),
        id_low: b.add_u64_field("id_low", FAST | INDEXED),
        row: b.add_bytes_field("row", STORED),
        title_ru: b.add_text_field("title_ru", text(analysis::RUSSIAN)),
        title_kk: b.add_text_field("title_kk", text(analysis::KAZAKH)),
        body_ru: b.add_text_field("body_ru", text(analysis::RUSSIAN)),
        body_kk: b.add_text_field("body_kk", text(analysis::KAZAKH)),
        // Named as the facets they are counted by (`Facet::column`).
        region: b.add_text_field("region_code", STRING | FAST),
        district: b.add_text_field("district_code", STRING | FAST),
        occupation: b.add_text_field("occupation", STRING),
        regime: b.add_text_field("work_regime", STRING | FAST),
        employment: b.add_text_field("employment_type", STRING | FAST),
        pay: b.add_i64_field("pay", FAST | INDEXED),
        posted: b.add_i64_field("posted", FAST | INDEXED),
        valid_until: b.add_i64_field("valid_until", INDEXED),
    };
    (b.build(), fields)
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The codes an occupation filter may name to find this code: the code and each of its groups'.
fn occupation_terms(code: &str) -> Vec<&str> {
    let unit = code.split('-').next().unwrap_or(code);
    let mut terms: Vec<&str> = (1..=unit.len()).filter_map(|n| unit.get(..n)).collect();
    if code.len() > unit.len() {
        terms.push(code);
    }
    terms
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

fn document(f: &Fields, v: &Vacancy, employer_name: &str) -> tantivy::Result<TantivyDocument> {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &v.id);
    let (high, low) = id_rank(&v.id);
    d.add_u64(f.id_high, high);
    d.add_u64(f.id_low, low);
    let row = serde_json::to_vec(&(v, employer_name))
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    d.add_bytes(f.row, &row);
    d.add_text(f.title_ru, &v.title);
    d.add_text(f.title_kk, &v.title);
    let body = format!("{} {}", v.skills.join(" "), v.description);
    d.add_text(f.body_ru, &body);
    d.add_text(f.body_kk, &body);
    d.add_text(f.region, &v.region_code);
    d.add_text(f.district, &v.district_code);
    for code in occupation_terms(&v.occupation_code) {
        d.add_text(f.occupation, code);
    }
    d.add_text(f.regime, v.work_regime.code());
    d.add_text(f.employment, v.employment_type.code());
    d.add_i64(f.pay, v.pay());
    d.add_i64(f.posted, v.posted_at.timestamp_micros());
    d.add_i64(f.valid_until, day_number(v.valid_until));
    Ok(d)
}

type Column = Option<Arc<dyn ColumnValues<i64>>>;

/// A segment's fast column of numbers (the schema makes `pay` and `posted` fast).
fn column(seg: &SegmentReader, name: &str) -> Column {
    seg.fast_fields()
        .i64(name)
        .ok()
        .map(|c| c.first_or_default_col(0))
}

fn value(column: &Column, doc: DocId) -> i64 {
    column.as_ref().map_or(0, |c| c.get_val(doc))
}

/// What the index found: one page, in order, each vacancy with its employer's name, and how
/// many it found in all.
pub struct Hits {
    pub page: Vec<(Vacancy, String)>,
    pub total: i64,
}

impl Live {
    fn new(day: NaiveDate, revision: i64) -> tantivy::Result<Live> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let (russian, kazakh) = (analysis::russian(), analysis::kazakh());
        index
            .tokenizers()
            .register(analysis::RUSSIAN, russian.clone());
        index
            .tokenizers()
            .register(analysis::KAZAKH, kazakh.clone());
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Live {
            reader,
            writer: Mutex::new(writer),
            fields,
            day: AtomicI64::new(day_number(day)),
            revision: AtomicI64::new(revision),
            russian,
            kazakh,
        })
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter> {
        self.writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Puts the vacancies in as they are now: each replaces its earlier document, and is left
    /// out unless open on the index's day.
    fn apply<'a>(
        &self,
        vacancies: impl IntoIterator<Item = (&'a Vacancy, &'a str)>,
    ) -> tantivy::Result<()> {
        let day = self.day.load(Ordering::Acquire);
        let writer = self.writer();
        for (v, employer_name) in vacancies {
            writer.delete_term(Term::from_field_text(self.fields.id, &v.id));
            if v.status == enbek_domain::mediation::vacancy::VacancyStatus::Open
                && day_number(v.valid_until) >= day
            {
                writer.add_document(document(&self.fields, v, employer_name)?)?;
            }
        }
        Ok(())
    }

    /// Takes out the vacancies no longer valid on `day`, which becomes the index's day.
    fn move_to(&self, day: NaiveDate) -> tantivy::Result<()> {
        let before = Term::from_field_i64(self.fields.valid_until, day_number(day));
        self.writer().delete_query(Box::new(RangeQuery::new(
            Bound::Unbounded,
            Bound::Excluded(before),
        )))?;
        self.day.store(day_number(day), Ordering::Release);
        Ok(())
    }

    /// Makes what was put in searchable.
    fn publish(&self) -> tantivy::Result<()> {
        self.writer().commit()?;
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

    fn query(&self, s: &Search<'_>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = s.q {
            let ru = analysis::terms(&mut self.russian.clone(), q);
            let kk = analysis::terms(&mut self.kazakh.clone(), q);
            for (ru, kk) in ru.iter().zip(&kk).take(employers::MOST_WORDS) {
                let term = |field: Field, word: &str| -> Box<dyn Query> {
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, word),
                        IndexRecordOption::WithFreqs,
                    ))
                };
                let either = |a: Box<dyn Query>, b: Box<dyn Query>| -> Box<dyn Query> {
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Should, a),
                        (Occur::Should, b),
                    ]))
                };
                let points = |q: Box<dyn Query>, points: Score| -> (Occur, Box<dyn Query>) {
                    (
                        Occur::Should,
                        Box::new(ConstScoreQuery::new(q, points * TIER)),
                    )
                };
                let bm25 = |q: Box<dyn Query>, boost: Score| -> (Occur, Box<dyn Query>) {
                    (Occur::Should, Box::new(BoostQuery::new(q, boost)))
                };
                let word = BooleanQuery::new(vec![
                    points(
                        either(term(f.title_ru, ru), term(f.title_kk, kk)),
                        TITLE_POINTS,
                    ),
                    points(
                        either(term(f.body_ru, ru), term(f.body_kk, kk)),
                        TEXT_POINTS,
                    ),
                    bm25(term(f.title_ru, ru), TITLE_BOOST),
                    bm25(term(f.title_kk, kk), TITLE_BOOST),
                    bm25(term(f.body_ru, ru), 1.0),
                    bm25(term(f.body_kk, kk), 1.0),
                ]);
                clauses.push((Occur::Must, Box::new(word)));
            }
        }
        let filters = [
            (f.region, s.region_code),
            (f.district, s.district_code),
            (f.occupation, s.occupation_code),
            (f.regime, s.work_regime),
            (f.employment, s.employment_type),
        ];
        for (field, value) in filters {
            if let Some(value) = value {
                let q = TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                );
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
                ));
            }
        }
        let floors = [
            (f.pay, s.salary_min),
            (f.posted, s.posted_since.map(|at| at.timestamp_micros())),
        ];
        for (field, least) in floors {
            if let Some(least) = least {
                let q = RangeQuery::new(
                    Bound::Included(Term::from_field_i64(field, least)),
                    Bound::Unbounded,
                );
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
                ));
            }
        }
        if let Some(after) = &s.after {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(self.after(after), 0.0)),
            ));
        }
        if clauses.is_empty() {
            return Box::new(AllQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The documents after a cursor's place in the order: older, or as old with a lower id;
    /// with its pay, lower paid or paid as much and so.
    fn after(&self, a: &After) -> Box<dyn Query> {
        let f = &self.fields;
        let (high, low) = id_rank(&a.id);
        let mut keys = Vec::with_capacity(4);
        if let Some(pay) = a.pay {
            keys.push(Term::from_field_i64(f.pay, pay));
        }
        keys.push(Term::from_field_i64(
            f.posted,
            a.posted_at.timestamp_micros(),
        ));
        keys.push(Term::from_field_u64(f.id_high, high));
        keys.push(Term::from_field_u64(f.id_low, low));
        // From the last key out: below it, or at it and below by the keys after it.
        let mut keys = keys.into_iter().rev();
        let below = |term: Term| -> Box<dyn Query> {
            Box::new(RangeQuery::new(Bound::Unbounded, Bound::Excluded(term)))
        };
        let Some(last) = keys.next() else {
            return Box::new(AllQuery);
        };
        keys.fold(below(last), |after, key| {
            let at: Box<dyn Query> =
                Box::new(TermQuery::new(key.clone(), IndexRecordOption::Basic));
            let at_and_after: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Must, at),
                (Occur::Must, after),
            ]));
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, below(key)),
                (Occur::Should, at_and_after),
            ]))
        })
    }

    /// One page of what a search finds, in its order: each order ends newest first, then by id
    /// (the database's). The index is built newest first, so that without words (every vacancy
    /// ties on relevance) the newest are met first and the rest fall below the page at once.
    /// The total is the search's from its first page, whatever its cursor.
    fn search(&self, s: &Search<'_>) -> tantivy::Result<Hits> {
        let query = self.query(s);
        let searcher = self.reader.searcher();
        let whole = |n: usize| -> tantivy::Result<i64> {
            let n = match s.after {
                Some(_) => searcher.search(&*self.query(&s.from_first()), &Count)?,
                None => n,
            };
            Ok(i64::try_from(n).unwrap_or(i64::MAX))
        };
        // The collector keeps room for twice `offset + limit` in each segment: a page past the
        // last document is only counted, and no page asks room for more than there are.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = usize::try_from(s.offset).unwrap_or(0);
        if offset >= docs {
            let n = searcher.search(&query, &Count)?;
            return Ok(Hits {
                page: Vec::new(),
                total: whole(n)?,
            });
        }
        let limit = usize::try_from(s.limit)
            .unwrap_or(1)
            .clamp(1, docs - offset);
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let posted = || SortByStaticFastValue::<i64>::for_field("posted");
        let id = || {
            (
                SortByStaticFastValue::<u64>::for_field("id_high"),
                SortByStaticFastValue::<u64>::for_field("id_low"),
            )
        };
        fn addresses<K>(hits: Vec<(K, DocAddress)>) -> Vec<DocAddress> {
            hits.into_iter().map(|(_, a)| a).collect()
        }
        let (n, found) = match s.sort {
            Sort::Relevance if s.q.is_some() => {
                let order = (SortBySimilarityScore, posted(), id());
                let (n, hits) = searcher.search(&query, &(Count, top.order_by(order)))?;
                (n, addresses(hits))
            }
            Sort::Salary => {
                let order = (
                    SortByStaticFastValue::<i64>::for_field("pay"),
                    posted(),
                    id(),
                );
                let (n, hits) = searcher.search(&query, &(Count, top.order_by(order)))?;
                (n, addresses(hits))
            }
            // By date, and by relevance without words (every vacancy ties).
            Sort::Date | Sort::Relevance => {
                let (n, hits) =
                    searcher.search(&query, &(Count, top.order_by((posted(), id()))))?;
                (n, addresses(hits))
            }
        };
        let page = found
            .into_iter()
            .map(|address| self.row(&searcher, address))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Hits {
            page,
            total: whole(n)?,
        })
    }
}

impl Live {
    /// How many vacancies a search finds, and with each value of each facet under the other
    /// filters (`Search::without`): the facets the search does not filter on are counted in the
    /// same pass as the total, each filtered one in a pass of its own.
    fn facets(&self, s: &Search<'_>) -> tantivy::Result<FacetCounts> {
        let searcher = self.reader.searcher();
        let (open, filtered): (Vec<Facet>, Vec<Facet>) =
            Facet::ALL.into_iter().partition(|f| !s.filters_on(*f));
        let (total, counted) = searcher.search(
            &*self.query(s),
            &(Count, Tally(open.iter().map(|f| f.column()).collect())),
        )?;
        let mut facets: Vec<_> = open.into_iter().zip(counted).collect();
        for facet in filtered {
            let counted = searcher.search(
                &*self.query(&s.without(facet)),
                &Tally(vec![facet.column()]),
            )?;
            facets.extend(counted.into_iter().map(|c| (facet, c)));
        }
        Ok(FacetCounts {
            total: i64::try_from(total).unwrap_or(i64::MAX),
            facets: facets
                .into_iter()
                .map(|(f, counts)| (f, counts.into_iter().collect()))
                .collect(),
        })
    }
}

/// Counts the documents found with each value of some fast text fields, one count per field.
struct Tally(Vec<&'static str>);

type Tallied = Vec<HashMap<String, i64>>;

/// The counts of one segment, by the term ordinals of its columns.
struct SegmentTally(Vec<(Option<StrColumn>, Vec<i64>)>);

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = SegmentTally;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let mut columns = Vec::with_capacity(self.0.len());
        for name in &self.0 {
            let column = seg.fast_fields().str(name)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push((column, vec![0; terms]));
        }
        Ok(SegmentTally(columns))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Tallied>) -> tantivy::Result<Tallied> {
        let mut merged: Tallied = vec![HashMap::new(); self.0.len()];
        for segment in segments {
            for (into, counts) in merged.iter_mut().zip(segment) {
                for (value, n) in counts {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, counts) in &mut self.0 {
            let ord = column.as_ref().and_then(|c| c.ords().first(doc));
            if let Some(n) = ord.and_then(|o| counts.get_mut(usize::try_from(o).ok()?)) {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> Tallied {
        self.0
            .into_iter()
            .map(|(column, counts)| {
                let mut named = HashMap::new();
                let Some(column) = column else {
                    return named;
                };
                for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    let mut value = String::new();
                    if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        named.insert(value, n);
                    }
                }
                named
            })
            .collect()
    }
}

/// A document of the open-data listing: its posting instant, its id's rank and where it is.
type Listed = (i64, (u64, u64), DocAddress);

/// The ranks of a segment's documents' ids (`id_rank`), read from their fast columns.
fn id_ranks(seg: &SegmentReader) -> impl Fn(DocId) -> (u64, u64) {
    let half = |name: &str| {
        seg.fast_fields()
            .u64(name)
            .ok()
            .map(|c| c.first_or_default_col(0))
    };
    let (high, low) = (half("id_high"), half("id_low"));
    move |doc| {
        let get = |c: &Option<Arc<dyn ColumnValues<u64>>>| c.as_ref().map_or(0, |c| c.get_val(doc));
        (get(&high), get(&low))
    }
}

impl Live {
    /// `limit` of the open vacancies after the first `offset` that follow a cursor (its posting
    /// instant in microseconds and its id), oldest first, then by id: the open-data listing
    /// (206 p.19), as `employers::open_after` reads it from the database. The documents are kept
    /// newest first, so each segment is read from its end: the oldest come first and the rest
    /// fall below the page at once; an id's rank is read only for a document that may enter
    /// the page. With the number of open vacancies.
    fn open_page(
        &self,
        after: Option<(i64, &str)>,
        limit: usize,
        offset: usize,
    ) -> tantivy::Result<Hits> {
        let searcher = self.reader.searcher();
        let total = i64::try_from(searcher.num_docs()).unwrap_or(i64::MAX);
        let wanted = offset.saturating_add(limit);
        let from = after.map(|(at, id)| (at, id_rank(id)));
        // The `wanted` earliest after the cursor (the latest kept on top).
        let mut earliest: std::collections::BinaryHeap<Listed> = Default::default();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ord = u32::try_from(ord).unwrap_or(u32::MAX);
            let posted = column(seg, "posted");
            let rank = id_ranks(seg);
            let alive = seg.alive_bitset();
            for doc in (0..seg.max_doc()).rev() {
                if alive.is_some_and(|a| a.is_deleted(doc)) {
                    continue;
                }
                let at = value(&posted, doc);
                let full = earliest.len() >= wanted;
                if from.is_some_and(|(from, _)| at < from)
                    || (full && earliest.peek().is_none_or(|(last, ..)| at > *last))
                {
                    continue;
                }
                let key = (at, rank(doc));
                if from.is_some_and(|from| key <= from) {
                    continue;
                }
                let listed = (key.0, key.1, DocAddress::new(ord, doc));
                if !full {
                    earliest.push(listed);
                } else if earliest.peek().is_some_and(|last| listed < *last) {
                    earliest.pop();
                    earliest.push(listed);
                }
            }
        }
        let page = earliest
            .into_sorted_vec()
            .into_iter()
            .skip(offset)
            .map(|(_, _, address)| self.row(&searcher, address))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Hits { page, total })
    }

    /// The vacancy and its employer's name a document keeps.
    fn row(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
    ) -> tantivy::Result<(Vacancy, String)> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let row = doc
            .get_first(self.fields.row)
            .and_then(|v| v.as_bytes())
            .ok_or_else(|| {
                tantivy::TantivyError::InternalError("a document without its row".into())
            })?;
        serde_json::from_slice(row).map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
    }
}

/// What a build measured (docs/BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct Built {
    pub vacancies: usize,
    pub took: Duration,
    /// The bytes the index takes.
    pub bytes: usize,
}

impl VacancyIndex {
    /// An index that serves once built; `enabled: false` leaves every search to the database.
    pub fn new(enabled: bool) -> VacancyIndex {
        VacancyIndex {
            live: RwLock::new(None),
            step: tokio::sync::Mutex::new(()),
            pending: AtomicBool::new(false),
            enabled,
        }
    }

    fn current(&self) -> Option<Arc<Live>> {
        self.live
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// This server changed a vacancy (after its transaction committed): the next search here
    /// brings the index up to date first.
    pub fn changed(&self) {
        self.pending.store(true, Ordering::Release);
    }

    /// What the index finds for a search, or None when the database should answer: the index is
    /// off, not built for today yet, or busy taking in this server's own change.
    pub async fn search(
        &self,
        state: &AppState,
        s: &Search<'_>,
    ) -> Result<Option<Hits>, sqlx::Error> {
        self.answer(state, s.today, |live| live.search(s)).await
    }

    /// How many vacancies a search finds, in all and by each facet's values, or None when the
    /// database should answer (as `search`).
    pub async fn facets(
        &self,
        state: &AppState,
        s: &Search<'_>,
    ) -> Result<Option<FacetCounts>, sqlx::Error> {
        self.answer(state, s.today, |live| live.facets(s)).await
    }

    /// What `ask` reads from the index ready for `today`, or None when the database should
    /// answer (`ready_for`).
    async fn answer<T>(
        &self,
        state: &AppState,
        today: NaiveDate,
        ask: impl FnOnce(&Live) -> tantivy::Result<T>,
    ) -> Result<Option<T>, sqlx::Error> {
        let Some(live) = self.ready_for(state, today).await? else {
            return Ok(None);
        };
        ask(&live).map(Some).map_err(index_error)
    }

    /// A page of the open-data listing as of `today` (oldest first, after a cursor's posting
    /// instant and id, after the first `offset`) and how many are open in all, or None when the
    /// database should answer (as `search`).
    pub async fn open_page(
        &self,
        state: &AppState,
        today: NaiveDate,
        after: Option<(chrono::DateTime<chrono::Utc>, &str)>,
        limit: i64,
        offset: i64,
    ) -> Result<Option<Hits>, sqlx::Error> {
        let after = after.map(|(at, id)| (at.timestamp_micros(), id));
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        self.answer(state, today, |live| {
            live.open_page(after, count(limit), count(offset))
        })
        .await
    }

    /// The index if it answers for `today`: brought up to date first when this server changed a
    /// vacancy since; None when it is off, not built for today, or busy taking in the change.
    async fn ready_for(
        &self,
        state: &AppState,
        today: NaiveDate,
    ) -> Result<Option<Arc<Live>>, sqlx::Error> {
        if !self.enabled {
            return Ok(None);
        }
        if self.pending.load(Ordering::Acquire) {
            let Ok(guard) = self.step.try_lock() else {
                return Ok(None);
            };
            self.follow_step(state, guard).await?;
        }
        Ok(self
            .current()
            .filter(|l| l.day.load(Ordering::Acquire) == day_number(today)))
    }

    /// Brings the index up to date: built if there is none or the clock went back before its
    /// day (development mode), moved to a new day, then the changes since its revision put in.
    async fn follow_step(
        &self,
        state: &AppState,
        _one_at_a_time: tokio::sync::MutexGuard<'_, ()>,
    ) -> Result<(), sqlx::Error> {
        self.pending.store(false, Ordering::Release);
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
            live.move_to(today).map_err(index_error)?;
            dirty = true;
        }
        loop {
            let from = live.revision.load(Ordering::Acquire);
            let changed = employers::changed_after(&state.db.pool, from, BATCH).await?;
            let Some(last) = changed.last().map(|(_, _, r)| *r) else {
                break;
            };
            let n = changed.len();
            live.apply(changed.iter().map(|(v, name, _)| (v, name.as_str())))
                .map_err(index_error)?;
            live.revision.store(last, Ordering::Release);
            dirty = true;
            if i64::try_from(n).unwrap_or(0) < BATCH {
                break;
            }
        }
        if dirty {
            live.publish().map_err(index_error)?;
            state.metrics.index_bytes("vacancy_search", live.bytes());
        }
        Ok(())
    }

    /// Builds the index of the vacancies open `today` from the database, a batch at a time, and
    /// puts it in use; the changes made meanwhile follow at the next step.
    async fn build(&self, state: &AppState, today: NaiveDate) -> Result<Built, sqlx::Error> {
        let started = Instant::now();
        // Read first: every revision up to this one is visible to the reads that follow.
        let revision = employers::last_revision(&state.db.pool).await?;
        let live = Live::new(today, revision).map_err(index_error)?;
        let mut count = 0;
        let mut walk = employers::OpenWalk::new(today, BATCH);
        while let Some(batch) = walk.next(&state.db.pool).await? {
            count += batch.len();
            live.apply(batch.iter().map(|(v, name)| (v, name.as_str())))
                .map_err(index_error)?;
        }
        live.publish().map_err(index_error)?;
        let built = Built {
            vacancies: count,
            took: started.elapsed(),
            bytes: live.bytes(),
        };
        state.metrics.index_bytes("vacancy_search", built.bytes);
        *self
            .live
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(live));
        tracing::info!(
            vacancies = built.vacancies,
            took_ms = built.took.as_millis() as u64,
            bytes = built.bytes,
            "vacancy index built"
        );
        Ok(built)
    }
}

fn index_error(e: tantivy::TantivyError) -> sqlx::Error {
    sqlx::Error::Protocol(format!("vacancy index: {e}"))
}

/// Keeps this server's vacancy index that of the database: built at once in the background,
/// then every second the vacancies changed on any server since are put in.
pub fn follow(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let index = state.vacancy_index();
        if !index.enabled {
            return;
        }
        let mut tick = tokio::time::interval(FOLLOW_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let guard = index.step.lock().await;
            if let Err(e) = index.follow_step(&state, guard).await {
                tracing::warn!(error = %e, "following the vacancies' changes");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occupation_is_found_by_its_code_and_each_group() {
        assert_eq!(
            occupation_terms("2411-1"),
            ["2", "24", "241", "2411", "2411-1"]
        );
        assert_eq!(occupation_terms("8322"), ["8", "83", "832", "8322"]);
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
}
