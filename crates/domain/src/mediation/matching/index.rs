//! The matching index (214 p.36, 214 p.69–70 at national scale): resumes and vacancies packed in
//! memory, grouped by where they can reach and sorted by occupation. The best suitable
//! counterparts are found by visiting the nearest occupations first and stopping as soon as no
//! farther one could still enter the top list.
//!
//! The index decides only which pairs to look at; every pair it keeps is judged by the rules of
//! [`super`] ([`Fit`], [`Affinity`]), so its answer is the answer of scoring every pair and
//! sorting them (best score first, then the earlier added). Each record is stored beside every
//! occupation it names, so a selection reads memory in order; a record first met among the
//! codes sharing `d` digits with a wanted one is exactly that near (nearer codes were all
//! visited before), which is how the occupation's points are known without reading the others.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::{
    district, most_besides_occupation, Affinity, Commute, Fit, Occupation, Opening, Place, Seeker,
    NEARNESS,
};
use crate::mediation::vacancy::{EducationLevel, WorkCondition, WorkRegime};

/// Places and skills as small numbers. A string the index never saw has no number and so
/// equals nothing in it.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(next)
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// Lower-cased, interned, sorted and without repeats: how skills are compared.
    fn skills(&mut self, skills: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = skills
            .iter()
            .map(|s| self.intern(&s.to_lowercase()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn known_skills(&self, skills: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = skills
            .iter()
            .filter_map(|s| self.get(&s.to_lowercase()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn bytes(&self) -> usize {
        self.ids.capacity() * (size_of::<String>() + size_of::<u32>() + 8)
            + self.ids.keys().map(String::capacity).sum::<usize>()
    }
}

/// How many of two sorted id lists' members they share.
fn common(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Where a record's skills lie in the skills arena.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn push(arena: &mut Vec<u32>, items: &[u32]) -> Span {
        let start = arena.len() as u32;
        arena.extend_from_slice(items);
        Span {
            start,
            len: items.len() as u32,
        }
    }

    fn of(self, arena: &[u32]) -> &[u32] {
        &arena[self.start as usize..(self.start + self.len) as usize]
    }
}

/// One record under one of its occupations.
struct Entry<R> {
    occupation: Occupation,
    record: u32,
    data: R,
}

/// Records of one reach group by occupation, sorted by (occupation, record).
struct Postings<R> {
    entries: Vec<Entry<R>>,
}

impl<R> Default for Postings<R> {
    fn default() -> Self {
        Postings {
            entries: Vec::new(),
        }
    }
}

impl<R> Postings<R> {
    fn within(&self, (low, high): (Occupation, Occupation)) -> &[Entry<R>] {
        let start = self.entries.partition_point(|e| e.occupation < low);
        let end = self.entries.partition_point(|e| e.occupation <= high);
        &self.entries[start..end]
    }

    fn sort(&mut self) {
        self.entries
            .sort_unstable_by_key(|e| (e.occupation, e.record));
    }

    fn bytes(&self) -> usize {
        self.entries.capacity() * size_of::<Entry<R>>()
    }
}

/// The reach groups of an index: records by district, and those reaching everywhere.
struct Groups<R> {
    by_district: HashMap<u32, Postings<R>>,
    everywhere: Postings<R>,
}

impl<R> Groups<R> {
    fn new() -> Self {
        Groups {
            by_district: HashMap::new(),
            everywhere: Postings::default(),
        }
    }

    fn add(&mut self, district: Option<u32>, occupation: Occupation, record: u32, data: R) {
        let group = match district {
            Some(d) => self.by_district.entry(d).or_default(),
            None => &mut self.everywhere,
        };
        group.entries.push(Entry {
            occupation,
            record,
            data,
        });
    }

    fn sort(&mut self) {
        self.everywhere.sort();
        self.by_district.values_mut().for_each(Postings::sort);
    }

    /// The groups a query reaches: everywhere's, and one district's or all.
    fn reached(&self, district: Option<u32>, all: bool) -> Vec<&Postings<R>> {
        let mut lists = vec![&self.everywhere];
        if all {
            lists.extend(self.by_district.values());
        } else if let Some(home) = district.and_then(|d| self.by_district.get(&d)) {
            lists.push(home);
        }
        lists
    }

    fn bytes(&self) -> usize {
        self.everywhere.bytes()
            + self
                .by_district
                .values()
                .map(Postings::bytes)
                .sum::<usize>()
    }
}

/// Working memory of one selection at a time: which records it has visited. Keep one per
/// thread and reuse it.
#[derive(Default)]
pub struct Scratch {
    marks: Vec<u32>,
    round: u32,
}

impl Scratch {
    fn start(&mut self, records: usize) {
        if self.marks.len() < records {
            self.marks.resize(records, 0);
        }
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.marks.fill(0);
            self.round = 1;
        }
    }

    fn first_visit(&mut self, record: u32) -> bool {
        let mark = &mut self.marks[record as usize];
        let first = *mark != self.round;
        *mark = self.round;
        first
    }
}

type Top = BinaryHeap<(Reverse<u32>, u32)>;

/// The best `k` records (highest score, then the lower record number): `judge` scores a
/// record given its occupation's points and reason. Postings are visited nearest occupation
/// first; the search stops once even the farther ones' best possible score (their occupation's
/// points and `besides`) cannot beat the list's last. Farther than the last level of
/// [`NEARNESS`] nothing is suitable (214 p.2.10).
fn select<R>(
    lists: &[&Postings<R>],
    wanted: &[Occupation],
    k: usize,
    besides: u32,
    records: usize,
    scratch: &mut Scratch,
    judge: impl Fn(&R, (u32, &'static str)) -> Option<u32>,
) -> Vec<(u32, u32)> {
    if k == 0 {
        return Vec::new();
    }
    scratch.start(records);
    let mut top: Top = BinaryHeap::with_capacity(k + 1);
    for &(digits, points, reason) in &NEARNESS {
        let full = top.len() == k;
        if full
            && top
                .peek()
                .is_some_and(|(Reverse(s), _)| *s > points + besides)
        {
            break;
        }
        for list in lists {
            for w in wanted {
                for e in list.within(w.group_range(digits)) {
                    if !scratch.first_visit(e.record) {
                        continue;
                    }
                    let Some(score) = judge(&e.data, (points, reason)) else {
                        continue;
                    };
                    let candidate = (Reverse(score), e.record);
                    if top.len() < k {
                        top.push(candidate);
                    } else if top.peek().is_some_and(|worst| candidate < *worst) {
                        top.pop();
                        top.push(candidate);
                    }
                }
            }
        }
    }
    let mut best: Vec<(u32, u32)> = top.into_iter().map(|(Reverse(s), r)| (r, s)).collect();
    best.sort_unstable_by_key(|&(r, s)| (Reverse(s), r));
    best
}

/// What the rules read of a person, packed: places as numbers of the index's interner (a
/// query's may be unknown to it, an entry's never are).
#[derive(Clone, Copy)]
struct PersonFacts {
    /// The conditions the person's health rules out, as bits.
    avoid: u8,
    asked_pay: Option<u64>,
    years: u32,
    locality: Option<u32>,
    district: Option<u32>,
    regime: Option<WorkRegime>,
    education: Option<EducationLevel>,
    relocate: bool,
    commute: Option<Commute>,
}

impl PersonFacts {
    fn of(s: &Seeker, mut place: impl FnMut(&str) -> Option<u32>) -> PersonFacts {
        PersonFacts {
            avoid: WorkCondition::mask(&s.health_restrictions),
            asked_pay: s.desired_salary,
            years: s.experience_years,
            locality: place(&s.locality_code),
            district: place(district(&s.locality_code)),
            regime: s.work_regime,
            education: s.education_level,
            relocate: s.willing_to_relocate,
            commute: s.commute,
        }
    }
}

/// What the rules read of a vacancy, packed as [`PersonFacts`] are.
#[derive(Clone, Copy)]
struct WorkFacts {
    /// The working conditions stated, as bits.
    conditions: u8,
    pay: u64,
    years_needed: Option<u32>,
    locality: Option<u32>,
    district: Option<u32>,
    regime: WorkRegime,
    education_needed: Option<EducationLevel>,
    place: Option<Place>,
}

impl WorkFacts {
    fn of(o: &Opening, mut place: impl FnMut(&str) -> Option<u32>) -> WorkFacts {
        WorkFacts {
            conditions: WorkCondition::mask(&o.conditions),
            pay: o.pay(),
            years_needed: o.experience_years,
            locality: place(&o.locality_code),
            district: place(district(&o.locality_code)),
            regime: o.work_regime,
            education_needed: o.education_level,
            place: o.place,
        }
    }
}

/// A pair judged by the rules of [`super`], its occupation's points known from where it was met
/// and its skills in common counted only when no hard constraint rules it out.
fn judge(
    p: &PersonFacts,
    w: &WorkFacts,
    occupation: (u32, &'static str),
    common_skills: impl FnOnce() -> u32,
) -> Option<u32> {
    let fit = Fit {
        occupation_near: true,
        health_conflict: p.avoid & w.conditions != 0,
        asked_regime: p.regime,
        regime: w.regime,
        asked_pay: p.asked_pay,
        pay: w.pay,
        willing_to_relocate: p.relocate,
        same_district: p.district.is_some() && p.district == w.district,
        within_commute: p.commute.zip(w.place).is_some_and(|(c, at)| c.reaches(at)),
        education: p.education,
        education_needed: w.education_needed,
        years: p.years,
        years_needed: w.years_needed,
    };
    if fit.barred() {
        return None;
    }
    let affinity = Affinity {
        occupation: Some(occupation),
        years_beyond: p.years.saturating_sub(w.years_needed.unwrap_or(0)),
        common_skills: common_skills(),
        same_locality: p.locality.is_some() && p.locality == w.locality,
        pay: w.pay,
        asked_pay: p.asked_pay,
    };
    Some(affinity.score())
}

/// What both indexes keep: the records' keys in order, their skills, their entries by reach
/// group, and the interners of places and skills.
struct Packed<K, F> {
    keys: Vec<K>,
    skills: Vec<u32>,
    groups: Groups<(F, Span)>,
    places: Interner,
    skill_names: Interner,
}

impl<K, F> Packed<K, F> {
    fn new() -> Self {
        Packed {
            keys: Vec::new(),
            skills: Vec::new(),
            groups: Groups::new(),
            places: Interner::default(),
            skill_names: Interner::default(),
        }
    }

    /// Adds a record under each of its occupations, in `group` (none: reaching everywhere).
    fn add(
        &mut self,
        key: K,
        facts: F,
        skills: &[String],
        occupations: &[Occupation],
        group: Option<u32>,
    ) where
        F: Copy,
    {
        let record = self.keys.len() as u32;
        let skills = self.skill_names.skills(skills);
        let skills = Span::push(&mut self.skills, &skills);
        let mut occupations = occupations.to_vec();
        occupations.sort_unstable();
        occupations.dedup();
        for o in occupations {
            self.groups.add(group, o, record, (facts, skills));
        }
        self.keys.push(key);
    }

    fn best(&self, found: Vec<(u32, u32)>) -> Vec<(&K, u32)> {
        found
            .into_iter()
            .map(|(record, score)| (&self.keys[record as usize], score))
            .collect()
    }

    fn bytes(&self) -> usize {
        self.keys.capacity() * size_of::<K>()
            + self.skills.capacity() * size_of::<u32>()
            + self.groups.bytes()
            + self.places.bytes()
            + self.skill_names.bytes()
    }
}

/// People with a resume, to find the best suitable people for a vacancy (214 p.69). People who
/// will not move are grouped by the district they live in; those willing to move, or to commute
/// (across district lines), are looked at for every vacancy.
pub struct PersonIndex<K>(Packed<K, PersonFacts>);

impl<K> PersonIndex<K> {
    /// Packs the people given, in order; earlier ones come first among equal scores. A resume
    /// names one to ten occupations; one naming none is never suitable and is left out.
    pub fn build(items: impl IntoIterator<Item = (K, Seeker)>) -> Self {
        let mut index = Packed::new();
        for (key, s) in items.into_iter().filter(|(_, s)| !s.occupations.is_empty()) {
            let facts = PersonFacts::of(&s, |p| Some(index.places.intern(p)));
            let stays = !s.willing_to_relocate && s.commute.is_none();
            let group = stays.then_some(facts.district).flatten();
            index.add(key, facts, &s.skills, &s.occupations, group);
        }
        index.groups.sort();
        PersonIndex(index)
    }

    pub fn len(&self) -> usize {
        self.0.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.keys.is_empty()
    }

    /// The people's keys, in the order given (those naming no occupation left out).
    pub fn keys(&self) -> &[K] {
        &self.0.keys
    }

    /// The best `k` suitable people for an opening, with their scores, best first.
    pub fn best_for(&self, o: &Opening, k: usize, scratch: &mut Scratch) -> Vec<(&K, u32)> {
        let index = &self.0;
        let work = WorkFacts::of(o, |p| index.places.get(p));
        let skills = index.skill_names.known_skills(&o.skills);
        let lists = index
            .groups
            .reached(work.district, o.work_regime == WorkRegime::Remote);
        let judge = |(person, theirs): &(PersonFacts, Span), occupation| {
            judge(person, &work, occupation, || {
                common(theirs.of(&index.skills), &skills)
            })
        };
        let besides = most_besides_occupation(skills.len());
        let records = index.keys.len();
        index.best(select(
            &lists,
            &[o.occupation],
            k,
            besides,
            records,
            scratch,
            judge,
        ))
    }

    /// The memory the index holds, in bytes, not counting what the keys themselves own.
    pub fn bytes(&self) -> usize {
        self.0.bytes()
    }
}

/// Open vacancies, to find the best suitable vacancies for a person (214 p.36, 214 p.77). Vacancies
/// worked on site are grouped by district; remote ones reach everywhere.
pub struct OpeningIndex<K>(Packed<K, WorkFacts>);

impl<K> OpeningIndex<K> {
    /// Packs the vacancies given, in order; earlier ones come first among equal scores.
    pub fn build(items: impl IntoIterator<Item = (K, Opening)>) -> Self {
        let mut index = Packed::new();
        for (key, o) in items {
            let facts = WorkFacts::of(&o, |p| Some(index.places.intern(p)));
            let on_site = o.work_regime != WorkRegime::Remote;
            let group = on_site.then_some(facts.district).flatten();
            index.add(key, facts, &o.skills, &[o.occupation], group);
        }
        index.groups.sort();
        OpeningIndex(index)
    }

    pub fn len(&self) -> usize {
        self.0.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.keys.is_empty()
    }

    /// The vacancies' keys, in the order given.
    pub fn keys(&self) -> &[K] {
        &self.0.keys
    }

    /// The best `k` suitable vacancies for a person, with their scores, best first.
    pub fn best_for(&self, s: &Seeker, k: usize, scratch: &mut Scratch) -> Vec<(&K, u32)> {
        let index = &self.0;
        let person = PersonFacts::of(s, |p| index.places.get(p));
        let skills = index.skill_names.known_skills(&s.skills);
        let lists = index.groups.reached(
            person.district,
            s.willing_to_relocate || s.commute.is_some(),
        );
        let judge = |(work, theirs): &(WorkFacts, Span), occupation| {
            judge(&person, work, occupation, || {
                common(&skills, theirs.of(&index.skills))
            })
        };
        let besides = most_besides_occupation(skills.len());
        let records = index.keys.len();
        index.best(select(
            &lists,
            &s.occupations,
            k,
            besides,
            records,
            scratch,
            judge,
        ))
    }

    /// The memory the index holds, in bytes, not counting what the keys themselves own.
    pub fn bytes(&self) -> usize {
        self.0.bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mediation::matching::score;
    use proptest::prelude::*;

    fn occupation() -> impl Strategy<Value = Occupation> {
        prop::sample::select(vec![
            "2411", "2411-1", "2411-2", "2412", "2421", "2431", "2511", "7411", "9112",
        ])
        .prop_map(|c| Occupation::parse(c).unwrap())
    }

    fn locality() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["111010000", "111033100", "117049100", "711300000"])
            .prop_map(String::from)
    }

    fn skills() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(
            prop::sample::select(vec!["1С", "1с", "МСФО", "Excel", "excel", "SQL"]),
            0..4,
        )
        .prop_map(|v| v.into_iter().map(String::from).collect())
    }

    fn place() -> impl Strategy<Value = Place> {
        (50.0f64..52.0, 69.0f64..71.0).prop_map(|(latitude, longitude)| Place {
            latitude,
            longitude,
        })
    }

    fn conditions() -> impl Strategy<Value = Vec<WorkCondition>> {
        prop::collection::vec(prop::sample::select(WorkCondition::ALL.to_vec()), 0..2)
    }

    fn level() -> impl Strategy<Value = Option<EducationLevel>> {
        prop::option::of(prop::sample::select(EducationLevel::ALL.to_vec()))
    }

    fn regime() -> impl Strategy<Value = WorkRegime> {
        prop::sample::select(WorkRegime::ALL.to_vec())
    }

    fn seeker() -> impl Strategy<Value = Seeker> {
        (
            prop::collection::vec(occupation(), 1..3),
            0u32..12,
            level(),
            skills(),
            prop::option::of(prop::sample::select(vec![0u64, 100_000, 200_000, 300_000])),
            prop::option::of(regime()),
            locality(),
            (
                any::<bool>(),
                conditions(),
                prop::option::of((place(), 0u32..120)),
            ),
        )
            .prop_map(
                |(
                    occupations,
                    years,
                    education,
                    skills,
                    pay,
                    regime,
                    locality,
                    (relocate, avoid, commute),
                )| Seeker {
                    commute: commute.map(|(from, km)| Commute { from, km }),
                    health_restrictions: avoid,
                    occupations,
                    experience_years: years,
                    education_level: education,
                    skills,
                    desired_salary: pay,
                    work_regime: regime,
                    locality_code: locality,
                    willing_to_relocate: relocate,
                },
            )
    }

    fn opening() -> impl Strategy<Value = Opening> {
        (
            occupation(),
            prop::sample::select(vec![90_000u64, 150_000, 250_000]),
            prop::option::of(prop::sample::select(vec![0u64, 100_000, 200_000])),
            regime(),
            level(),
            prop::option::of(0u32..8),
            skills(),
            (locality(), conditions(), prop::option::of(place())),
        )
            .prop_map(
                |(
                    occupation,
                    from,
                    extra,
                    regime,
                    education,
                    years,
                    skills,
                    (locality, stated, place),
                )| Opening {
                    place,
                    conditions: stated,
                    occupation,
                    salary_from: from,
                    salary_to: extra.map(|e| from + e),
                    work_regime: regime,
                    education_level: education,
                    experience_years: years,
                    skills,
                    locality_code: locality,
                },
            )
    }

    /// Scoring every pair and sorting: best score first, then the earlier added.
    fn scan<T>(items: &[T], k: usize, judge: impl Fn(&T) -> Option<u32>) -> Vec<(usize, u32)> {
        let mut all: Vec<(usize, u32)> = items
            .iter()
            .enumerate()
            .filter_map(|(n, item)| judge(item).map(|s| (n, s)))
            .collect();
        all.sort_by_key(|&(n, s)| (Reverse(s), n));
        all.truncate(k);
        all
    }

    proptest! {
        /// The index finds exactly the best people a scan of every pair finds.
        #[test]
        fn people_found_are_those_of_a_full_scan(
            people in prop::collection::vec(seeker(), 0..60),
            openings in prop::collection::vec(opening(), 1..6),
            k in 0usize..12,
        ) {
            let index = PersonIndex::build(people.iter().cloned().enumerate());
            let mut scratch = Scratch::default();
            for o in &openings {
                let found: Vec<(usize, u32)> = index.best_for(o, k, &mut scratch).into_iter().map(|(n, s)| (*n, s)).collect();
                prop_assert_eq!(found, scan(&people, k, |p| score(p, o).map(|m| m.score)));
            }
        }

        /// The index finds exactly the best vacancies a scan of every pair finds.
        #[test]
        fn vacancies_found_are_those_of_a_full_scan(
            vacancies in prop::collection::vec(opening(), 0..60),
            seekers in prop::collection::vec(seeker(), 1..6),
            k in 0usize..12,
        ) {
            let index = OpeningIndex::build(vacancies.iter().cloned().enumerate());
            let mut scratch = Scratch::default();
            for s in &seekers {
                let found: Vec<(usize, u32)> = index.best_for(s, k, &mut scratch).into_iter().map(|(n, s)| (*n, s)).collect();
                prop_assert_eq!(found, scan(&vacancies, k, |o| score(s, o).map(|m| m.score)));
            }
        }
    }

    #[test]
    fn the_nearest_occupation_comes_first_and_the_search_stops_early() {
        let person = |code: &str, n: u32| Seeker {
            occupations: vec![Occupation::parse(code).unwrap()],
            experience_years: n % 3,
            education_level: None,
            skills: vec![],
            desired_salary: None,
            work_regime: None,
            locality_code: "111010000".into(),
            willing_to_relocate: false,
            health_restrictions: vec![],
            commute: None,
        };
        let people: Vec<Seeker> = (0..20)
            .map(|n| person(if n < 5 { "2411" } else { "9112" }, n))
            .collect();
        let index = PersonIndex::build(people.into_iter().enumerate());
        let o = Opening {
            occupation: Occupation::parse("2411").unwrap(),
            salary_from: 100_000,
            salary_to: None,
            work_regime: WorkRegime::FullTime,
            education_level: None,
            experience_years: None,
            skills: vec![],
            locality_code: "111010000".into(),
            conditions: vec![],
            place: None,
        };
        let found = index.best_for(&o, 3, &mut Scratch::default());
        assert_eq!(
            found.iter().map(|(n, _)| **n).collect::<Vec<_>>(),
            [2, 1, 4]
        );
    }
}
