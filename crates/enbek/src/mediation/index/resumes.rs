//! The index of the published resumes (`searchResumes`, 214 p.77; 206 p.19): each document is a
//! published resume, its words the names of its occupations and its skills (its search text), its
//! row kept in it with its place in the order. It answers as the database does
//! (`resumes::search_published`): every word of the query must occur in some form, the filters
//! are the same, the latest saved come first, then by account, and a cursor's page begins just
//! after its place.

use std::ops::Bound;

use chrono::NaiveDate;
use sqlx::AnyPool;
use tantivy::collector::sort_key::SortByStaticFastValue;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED, STORED, STRING};
use tantivy::{Order, TantivyDocument, Term};

use super::{
    analysis, analyzed, following, id_rank, stored, whole_count, window, Corpus, Followed, Live,
};
use crate::mediation::store::resumes::{self, Indexed, Place, Resume, ResumeSearch};
use crate::platform::state::AppState;

/// The resume index of this server.
pub type ResumeIndex = Followed<Resumes>;

/// The published resumes.
pub struct Resumes;

/// The resume index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    account: Field,
    /// The account's place in the order of ids, high and low halves (`id_rank`).
    account_high: Field,
    account_low: Field,
    /// The resume as saved, with its place (JSON).
    row: Field,
    text_ru: Field,
    text_kk: Field,
    /// Each occupation code the resume names.
    occupation: Field,
    /// The first two digits of the locality's code: its region.
    region: Field,
    /// The pay asked for; `NO_PAY` when none is named.
    desired: Field,
    /// The regime asked for; `ANY_REGIME` when none is.
    regime: Field,
    /// When it was last saved (microseconds).
    updated: Field,
}

/// The pay of a resume that names none: below every pay a search may name as its most.
const NO_PAY: i64 = -1;

/// The regime of a resume that names none: not a regime's code.
const ANY_REGIME: &str = "*";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str| analyzed(analyzer, IndexRecordOption::Basic);
    let fields = Fields {
        account: b.add_text_field("account", STRING),
        account_high: b.add_u64_field("account_high", FAST | INDEXED),
        account_low: b.add_u64_field("account_low", FAST | INDEXED),
        row: b.add_bytes_field("row", STORED),
        text_ru: b.add_text_field("text_ru", text(analysis::RUSSIAN)),
        text_kk: b.add_text_field("text_kk", text(analysis::KAZAKH)),
        occupation: b.add_text_field("occupation", STRING),
        region: b.add_text_field("region", STRING),
        desired: b.add_i64_field("desired", INDEXED),
        regime: b.add_text_field("regime", STRING),
        updated: b.add_i64_field("updated", FAST | INDEXED),
    };
    (b.build(), fields)
}

impl Corpus for Resumes {
    const NAME: &'static str = "resume_search";
    type Fields = Fields;
    type Row = Indexed;
    type Walk = Walk;

    fn schema() -> (Schema, Fields) {
        schema()
    }

    fn key(f: &Fields, r: &Indexed) -> Term {
        Term::from_field_text(f.account, &r.account_id)
    }

    /// A resume has its place while it is published, whatever the day.
    fn document(f: &Fields, r: &Indexed, _day: i64) -> tantivy::Result<Option<TantivyDocument>> {
        if !r.resume.published {
            return Ok(None);
        }
        let mut d = TantivyDocument::default();
        d.add_text(f.account, &r.account_id);
        let (high, low) = id_rank(&r.account_id);
        d.add_u64(f.account_high, high);
        d.add_u64(f.account_low, low);
        let place = Place {
            updated_at: r.updated_at,
            account_id: r.account_id.clone(),
        };
        let row = serde_json::to_vec(&(place, &r.resume))
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        d.add_bytes(f.row, &row);
        d.add_text(f.text_ru, &r.search_text);
        d.add_text(f.text_kk, &r.search_text);
        for code in &r.resume.occupation_codes {
            d.add_text(f.occupation, code);
        }
        d.add_text(
            f.region,
            r.resume.locality_code.get(..2).unwrap_or_default(),
        );
        let desired = r
            .resume
            .desired_salary
            .map(|p| i64::try_from(p).unwrap_or(i64::MAX));
        d.add_i64(f.desired, desired.unwrap_or(NO_PAY));
        d.add_text(
            f.regime,
            r.resume.work_regime.as_deref().unwrap_or(ANY_REGIME),
        );
        d.add_i64(f.updated, r.updated_at.timestamp_micros());
        Ok(Some(d))
    }

    fn last_day(_: &Fields) -> Option<Field> {
        None
    }

    async fn last_revision(pool: &AnyPool) -> Result<i64, sqlx::Error> {
        resumes::last_revision(pool).await
    }

    async fn changed_after(
        pool: &AnyPool,
        revision: i64,
        limit: i64,
    ) -> Result<Vec<(Indexed, i64)>, sqlx::Error> {
        resumes::changed_after(pool, revision, limit).await
    }

    fn walk(_today: NaiveDate, batch: i64) -> Walk {
        Walk {
            after: None,
            done: false,
            batch,
        }
    }

    async fn next(walk: &mut Walk, pool: &AnyPool) -> Result<Option<Vec<Indexed>>, sqlx::Error> {
        if walk.done {
            return Ok(None);
        }
        let rows = resumes::published_after(pool, walk.after.as_deref(), walk.batch).await?;
        walk.done = i64::try_from(rows.len()).unwrap_or(0) < walk.batch;
        match rows.last() {
            Some(last) => walk.after = Some(last.account_id.clone()),
            None => return Ok(None),
        }
        Ok(Some(rows))
    }
}

/// A walk through the published resumes in account order, a batch at a time.
pub struct Walk {
    /// The last account read.
    after: Option<String>,
    /// Whether every one was read.
    done: bool,
    batch: i64,
}

/// What the index found: one page of resumes, in order, each with its place, and how many the
/// search finds in all, whatever its cursor.
#[derive(Clone)]
pub struct ResumeHits {
    pub page: Vec<(Place, Resume)>,
    pub total: i64,
}

impl Live<Resumes> {
    fn query(&self, s: &ResumeSearch<'_>) -> Box<dyn Query> {
        let f = &self.fields;
        let term = |field: Field, word: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, word),
                IndexRecordOption::Basic,
            ))
        };
        let any = |queries: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                queries.into_iter().map(|q| (Occur::Should, q)).collect(),
            ))
        };
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        if let Some(q) = s.q {
            for (ru, kk) in self.words(q, crate::mediation::store::employers::MOST_WORDS) {
                clauses.push(any(vec![term(f.text_ru, &ru), term(f.text_kk, &kk)]));
            }
        }
        if let Some(code) = s.occupation_code {
            clauses.push(term(f.occupation, code));
        }
        if let Some(prefix) = s.region_prefix {
            clauses.push(term(f.region, prefix));
        }
        if let Some(most) = s.salary_max {
            clauses.push(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(f.desired, most)),
            )));
        }
        if let Some(regime) = s.work_regime {
            clauses.push(any(vec![
                term(f.regime, regime),
                term(f.regime, ANY_REGIME),
            ]));
        }
        if let Some(after) = &s.after {
            let (high, low) = id_rank(&after.account_id);
            clauses.push(following(vec![
                (
                    Term::from_field_i64(f.updated, after.updated_at.timestamp_micros()),
                    Order::Desc,
                ),
                (Term::from_field_u64(f.account_high, high), Order::Asc),
                (Term::from_field_u64(f.account_low, low), Order::Asc),
            ]));
        }
        if clauses.is_empty() {
            return Box::new(AllQuery);
        }
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
            )),
            0.0,
        ))
    }

    /// One page of what a search finds, the latest saved first, then by account (the
    /// database's order), and how many it finds in all (from its first page, whatever its
    /// cursor).
    fn search(&self, s: &ResumeSearch<'_>) -> tantivy::Result<ResumeHits> {
        let query = self.query(s);
        let searcher = self.reader.searcher();
        let whole = |n: usize| {
            let from_first = s.after.as_ref().map(|_| self.query(&s.from_first()));
            whole_count(&searcher, n, from_first)
        };
        let Some((offset, limit)) = window(&searcher, s.offset, s.limit) else {
            let n = searcher.search(&query, &Count)?;
            return Ok(ResumeHits {
                page: Vec::new(),
                total: whole(n)?,
            });
        };
        let order = (
            SortByStaticFastValue::<i64>::for_field("updated"),
            (
                (
                    SortByStaticFastValue::<u64>::for_field("account_high"),
                    Order::Asc,
                ),
                (
                    SortByStaticFastValue::<u64>::for_field("account_low"),
                    Order::Asc,
                ),
            ),
        );
        let top = TopDocs::with_limit(limit)
            .and_offset(offset)
            .order_by(order);
        let (n, hits) = searcher.search(&query, &(Count, top))?;
        let page = hits
            .into_iter()
            .map(|(_, address)| stored(&searcher, address, self.fields.row))
            .collect::<tantivy::Result<Vec<(Place, Resume)>>>()?;
        Ok(ResumeHits {
            page,
            total: whole(n)?,
        })
    }
}

impl ResumeIndex {
    /// What the index finds for a search of published resumes, or None when the database should
    /// answer: the index is off, not built for today yet, or busy taking in this server's own
    /// change.
    pub async fn search(
        &self,
        state: &AppState,
        today: NaiveDate,
        s: &ResumeSearch<'_>,
    ) -> Result<Option<ResumeHits>, sqlx::Error> {
        self.answer(state, today, format!("{s:?}"), |live| live.search(s))
            .await
    }
}
