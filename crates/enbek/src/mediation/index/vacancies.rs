//! The index of the open vacancies (`searchVacancies`, `countVacancyFacets`, 214 p.77; the
//! open-data listing, 206 p.19): each document is a vacancy open on the index's day, with the
//! page's row (the vacancy and its employer's name) kept in it.

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::Arc;

use chrono::NaiveDate;
use sqlx::AnyPool;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{ColumnValues, StrColumn};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, STORED, STRING};
use tantivy::{
    DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::{
    analysis, analyzed, day_number, following, id_rank, stored, whole_count, window, Corpus,
    Followed, Live,
};
use crate::mediation::store::employers::{self, After, Facet, FacetCounts, Search, Sort, Vacancy};
use crate::platform::state::AppState;

/// The vacancy index of this server.
pub type VacancyIndex = Followed<Vacancies>;

/// The open vacancies, each with its employer's name.
pub struct Vacancies;

impl Corpus for Vacancies {
    const NAME: &'static str = "vacancy_search";
    type Fields = Fields;
    type Row = (Vacancy, String);
    type Walk = employers::OpenWalk;

    fn schema() -> (Schema, Fields) {
        schema()
    }

    fn key(f: &Fields, (v, _): &(Vacancy, String)) -> Term {
        Term::from_field_text(f.id, &v.id)
    }

    /// A vacancy has its place while it is open and valid (`valid_until` on or after the day).
    fn document(
        f: &Fields,
        (v, employer_name): &(Vacancy, String),
        day: i64,
    ) -> tantivy::Result<Option<TantivyDocument>> {
        if v.status != enbek_domain::mediation::vacancy::VacancyStatus::Open
            || day_number(v.valid_until) < day
        {
            return Ok(None);
        }
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
        Ok(Some(d))
    }

    fn last_day(f: &Fields) -> Option<Field> {
        Some(f.valid_until)
    }

    async fn last_revision(pool: &AnyPool) -> Result<i64, sqlx::Error> {
        employers::last_revision(pool).await
    }

    async fn changed_after(
        pool: &AnyPool,
        revision: i64,
        limit: i64,
    ) -> Result<Vec<((Vacancy, String), i64)>, sqlx::Error> {
        let rows = employers::changed_after(pool, revision, limit).await?;
        Ok(rows
            .into_iter()
            .map(|(v, name, r)| ((v, name), r))
            .collect())
    }

    fn walk(today: NaiveDate, batch: i64) -> employers::OpenWalk {
        employers::OpenWalk::new(today, batch)
    }

    async fn next(
        walk: &mut employers::OpenWalk,
        pool: &AnyPool,
    ) -> Result<Option<Vec<(Vacancy, String)>>, sqlx::Error> {
        walk.next(pool).await
    }
}

/// The order of relevance (214 p.77's search as the portal has ranked it): for each query word,
/// `TITLE_POINTS` if the title holds a form of it and `TEXT_POINTS` if the rest does (the skills
/// and description), so that more words in the title, and words in both, come first; within the
/// same points, BM25 with the title's words counting `TITLE_BOOST` times; then the newest.
const TITLE_POINTS: Score = 2.0;
const TEXT_POINTS: Score = 1.0;
const TITLE_BOOST: Score = 2.0;

/// One point in the score: far above any BM25 score of a query's words.
const TIER: Score = 10_000.0;

/// The vacancy index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
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
    let text = |analyzer: &str| analyzed(analyzer, IndexRecordOption::WithFreqs);
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

/// The codes an occupation filter may name to find this code: the code and each of its groups'.
fn occupation_terms(code: &str) -> Vec<&str> {
    let unit = code.split('-').next().unwrap_or(code);
    let mut terms: Vec<&str> = (1..=unit.len()).filter_map(|n| unit.get(..n)).collect();
    if code.len() > unit.len() {
        terms.push(code);
    }
    terms
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
#[derive(Clone)]
pub struct Hits {
    pub page: Vec<(Vacancy, String)>,
    pub total: i64,
}

impl Live<Vacancies> {
    fn query(&self, s: &Search<'_>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = s.q {
            for (ru, kk) in &self.words(q, employers::MOST_WORDS) {
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
            keys.push((Term::from_field_i64(f.pay, pay), Order::Desc));
        }
        keys.push((
            Term::from_field_i64(f.posted, a.posted_at.timestamp_micros()),
            Order::Desc,
        ));
        keys.push((Term::from_field_u64(f.id_high, high), Order::Desc));
        keys.push((Term::from_field_u64(f.id_low, low), Order::Desc));
        following(keys)
    }

    /// One page of what a search finds, in its order: each order ends newest first, then by id
    /// (the database's). The index is built newest first, so that without words (every vacancy
    /// ties on relevance) the newest are met first and the rest fall below the page at once.
    /// The total is the search's from its first page, whatever its cursor.
    fn search(&self, s: &Search<'_>) -> tantivy::Result<Hits> {
        let query = self.query(s);
        let searcher = self.reader.searcher();
        let whole = |n: usize| {
            let from_first = s.after.as_ref().map(|_| self.query(&s.from_first()));
            whole_count(&searcher, n, from_first)
        };
        let Some((offset, limit)) = window(&searcher, s.offset, s.limit) else {
            let n = searcher.search(&query, &Count)?;
            return Ok(Hits {
                page: Vec::new(),
                total: whole(n)?,
            });
        };
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
            .map(|address| stored(&searcher, address, self.fields.row))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Hits {
            page,
            total: whole(n)?,
        })
    }
}

impl Live<Vacancies> {
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

impl Live<Vacancies> {
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
            .map(|(_, _, address)| stored(&searcher, address, self.fields.row))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Hits { page, total })
    }
}

impl VacancyIndex {
    /// What the index finds for a search, or None when the database should answer: the index is
    /// off, not built for today yet, or busy taking in this server's own change.
    pub async fn search(
        &self,
        state: &AppState,
        s: &Search<'_>,
    ) -> Result<Option<Hits>, sqlx::Error> {
        self.answer(state, s.today, format!("search {s:?}"), |live| {
            live.search(s)
        })
        .await
    }

    /// How many vacancies a search finds, in all and by each facet's values, or None when the
    /// database should answer (as `search`).
    pub async fn facets(
        &self,
        state: &AppState,
        s: &Search<'_>,
    ) -> Result<Option<FacetCounts>, sqlx::Error> {
        self.answer(state, s.today, format!("facets {s:?}"), |live| {
            live.facets(s)
        })
        .await
    }

    /// A page of the open-data listing as of `today` (oldest first, after a cursor's posting
    /// instant and id, after the first `offset`) and how many are open in all, as `shown` makes
    /// it for the reader (remembered so, until the index changes: the listing's pages are the same
    /// for every reader), or None when the database should answer (as `search`).
    pub async fn open_page<T: Clone + Send + Sync + 'static>(
        &self,
        state: &AppState,
        today: NaiveDate,
        after: Option<(chrono::DateTime<chrono::Utc>, &str)>,
        limit: i64,
        offset: i64,
        shown: impl FnOnce(Hits) -> T,
    ) -> Result<Option<T>, sqlx::Error> {
        let after = after.map(|(at, id)| (at.timestamp_micros(), id));
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        let key = format!("open {today} {after:?} {limit} {offset}");
        self.answer(state, today, key, |live| {
            live.open_page(after, count(limit), count(offset))
                .map(shown)
        })
        .await
    }
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
}
