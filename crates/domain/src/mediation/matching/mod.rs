//! Suitable work (214 p.2.10, 214 p.70): the hard constraints an offer never breaks,
//! then a ranked score whose every point has a reason. The rules read a few facts of a pair
//! ([`Fit`], [`Affinity`]); [`bars`] and [`score`] gather them from a resume and a vacancy, and
//! the national-scale [`index`] gathers the same facts from its packed records.

pub mod index;

use serde::Serialize;

use crate::mediation::vacancy::{EducationLevel, WorkCondition, WorkRegime};

/// An occupation of the classifier one is hired in or seeks: a unit group of ISCO-08 (four
/// digits, `2411`) or a national occupation within one (`2411-1`, `2411-1-001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occupation(u32);

/// Room for a national occupation's suffix within its unit group.
const DETAIL: u32 = 100_000;

impl Occupation {
    /// A unit group's four digits, optionally followed by a national occupation's suffix of at
    /// most four more digits in dash-separated parts; broader groups (one to three digits) are
    /// not occupations one is hired in.
    pub fn parse(code: &str) -> Option<Occupation> {
        let (unit, suffix) = code.split_at_checked(4)?;
        if !unit.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let detail = if suffix.is_empty() {
            0
        } else {
            let parts: Vec<&str> = suffix.strip_prefix('-')?.split('-').collect();
            let digits: String = parts.concat();
            let well_formed = parts.iter().all(|p| !p.is_empty())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (1..=4).contains(&digits.len());
            if !well_formed {
                return None;
            }
            // 1, 11, 111 or 1111 before the value by the number of digits: `1` and `01` differ.
            let number: u32 = digits.parse().ok()?;
            (10u32.pow(digits.len() as u32) - 1) / 9 + number
        };
        let unit: u32 = unit.parse().ok()?;
        Some(Occupation(unit * DETAIL + detail))
    }

    /// The unit group's four digits as a number.
    pub fn unit(self) -> u16 {
        (self.0 / DETAIL) as u16
    }

    /// What is shared at a level of [`NEARNESS`]: the code itself (5), or its unit group's
    /// first `digits` digits.
    fn group(self, digits: u32) -> u32 {
        if digits > 4 {
            self.0
        } else {
            self.0 / DETAIL / 10u32.pow(4 - digits)
        }
    }

    /// Whether two occupations share their sub-major group (the unit group's first two digits):
    /// the broadest nearness of suitable work (214 p.2.10).
    pub fn same_sub_major_group(self, other: Occupation) -> bool {
        self.group(2) == other.group(2)
    }

    /// The codes sharing this one's level `digits` (see [`Occupation::group`]), as an inclusive
    /// range.
    fn group_range(self, digits: u32) -> (Occupation, Occupation) {
        if digits > 4 {
            return (self, self);
        }
        let width = 10u32.pow(4 - digits) * DETAIL;
        let low = self.group(digits) * width;
        (Occupation(low), Occupation(low + width - 1))
    }
}

/// How near an offered occupation is to a wanted one (214 p.70), nearest first: the level shared
/// (5: the occupation itself, else the digits of the unit group in common), points, and the
/// reason shown.
const NEARNESS: [(u32, u32, &str); 4] = [
    (5, 50, "same_occupation"),
    (4, 40, "same_unit_group"),
    (3, 25, "same_minor_group"),
    (2, 10, "same_sub_major_group"),
];

/// The points and reason of the nearest of a person's occupations to an offered one.
fn nearness(wanted: &[Occupation], offered: Occupation) -> Option<(u32, &'static str)> {
    NEARNESS.iter().find_map(|&(digits, points, code)| {
        wanted
            .iter()
            .any(|w| w.group(digits) == offered.group(digits))
            .then_some((points, code))
    })
}

const EXPERIENCE_MOST: u32 = 10;
const SKILL_POINTS: u32 = 5;
const SKILLS_MOST: u32 = 25;
const SAME_LOCALITY: u32 = 5;
const PAY_MOST: u32 = 10;

/// The most points a pair can have besides its occupation when one side names `skills` skills.
fn most_besides_occupation(skills: usize) -> u32 {
    let skills = u32::try_from(skills).unwrap_or(u32::MAX);
    EXPERIENCE_MOST
        + skills.saturating_mul(SKILL_POINTS).min(SKILLS_MOST)
        + SAME_LOCALITY
        + PAY_MOST
}

/// Where a locality lies (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub latitude: f64,
    pub longitude: f64,
}

impl Place {
    /// The great-circle distance in kilometres.
    pub fn km_to(self, other: Place) -> f64 {
        const EARTH_KM: f64 = 6371.0;
        let (a, b) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = b - a;
        let dlon = (other.longitude - self.longitude).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + a.cos() * b.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_KM * h.sqrt().asin()
    }
}

/// How far a person will travel to work daily: from their locality, at most `km`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Commute {
    pub from: Place,
    pub km: u32,
}

impl Commute {
    /// Whether a workplace is within reach (transport accessibility, 214 p.2.10).
    pub fn reaches(self, to: Place) -> bool {
        self.from.km_to(to) <= f64::from(self.km)
    }
}

/// What matching reads of a resume (the body of `upsertMyResume`).
#[derive(Debug, Clone, PartialEq)]
pub struct Seeker {
    pub occupations: Vec<Occupation>,
    pub experience_years: u32,
    pub education_level: Option<EducationLevel>,
    pub skills: Vec<String>,
    pub desired_salary: Option<u64>,
    pub work_regime: Option<WorkRegime>,
    pub locality_code: String,
    pub willing_to_relocate: bool,
    /// Working conditions the person's health rules out.
    pub health_restrictions: Vec<WorkCondition>,
    /// A daily commute the person accepts, when their locality's place is known.
    pub commute: Option<Commute>,
}

/// What matching reads of a vacancy.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub occupation: Occupation,
    pub salary_from: u64,
    pub salary_to: Option<u64>,
    pub work_regime: WorkRegime,
    pub education_level: Option<EducationLevel>,
    pub experience_years: Option<u32>,
    pub skills: Vec<String>,
    pub locality_code: String,
    /// The working conditions the employer states.
    pub conditions: Vec<WorkCondition>,
    /// Where the workplace's locality lies, when known.
    pub place: Option<Place>,
}

impl Opening {
    /// The most the vacancy pays: what the person's asked pay is held against.
    pub fn pay(&self) -> u64 {
        self.salary_to.unwrap_or(self.salary_from)
    }
}

/// A hard constraint that rules an opening out (214 p.2.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bar {
    /// None of the person's occupations is even in the vacancy's sub-major group: the work does
    /// not match their training (214 p.2.10).
    Occupation,
    /// A working condition of the vacancy is one the person's health rules out.
    Health,
    /// The working-time regime differs from the one the person asked for.
    Regime,
    /// The pay is below what the person asked.
    Pay,
    /// Neither the same locality nor the same district nor within the person's commute, and the
    /// person will not move.
    Distance,
    /// The employer requires more education.
    Education,
    /// The employer requires more years of experience.
    Experience,
}

/// One reason behind a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub score: u32,
    pub reasons: Vec<Reason>,
}

pub(crate) fn education_rank(level: Option<EducationLevel>) -> u8 {
    match level {
        None | Some(EducationLevel::None) => 0,
        Some(EducationLevel::Secondary) => 1,
        Some(EducationLevel::Vocational) => 2,
        Some(EducationLevel::Higher) => 3,
        Some(EducationLevel::Postgraduate) => 4,
    }
}

/// The district of a KATO-style locality code: its first three digits.
pub fn district(locality: &str) -> &str {
    locality.get(..3).unwrap_or(locality)
}

/// What the hard constraints read of a pair.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// Whether one of the person's occupations is near the vacancy's (see [`NEARNESS`]).
    pub occupation_near: bool,
    /// Whether a condition of the vacancy is one the person's health rules out.
    pub health_conflict: bool,
    pub asked_regime: Option<WorkRegime>,
    pub regime: WorkRegime,
    pub asked_pay: Option<u64>,
    pub pay: u64,
    pub willing_to_relocate: bool,
    pub same_district: bool,
    /// Whether the workplace is within the person's daily commute.
    pub within_commute: bool,
    pub education: Option<EducationLevel>,
    pub education_needed: Option<EducationLevel>,
    pub years: u32,
    pub years_needed: Option<u32>,
}

/// A hard constraint and the test a pair fails it by.
type Constraint = (Bar, fn(&Fit) -> bool);

/// The hard constraints (214 p.2.10), each with the test it fails: the occupation (at least the
/// same sub-major group), health, regime, pay, transport accessibility (a remote job is reachable
/// from anywhere), the employer's mandatory requirements.
const CONSTRAINTS: [Constraint; 7] = [
    (Bar::Occupation, |f| !f.occupation_near),
    (Bar::Health, |f| f.health_conflict),
    (Bar::Regime, |f| {
        f.asked_regime.is_some_and(|r| r != f.regime)
    }),
    (Bar::Pay, |f| f.asked_pay.is_some_and(|want| f.pay < want)),
    (Bar::Distance, |f| {
        f.regime != WorkRegime::Remote
            && !f.willing_to_relocate
            && !f.same_district
            && !f.within_commute
    }),
    (Bar::Education, |f| {
        education_rank(f.education) < education_rank(f.education_needed)
    }),
    (Bar::Experience, |f| {
        f.years_needed.is_some_and(|need| f.years < need)
    }),
];

impl Fit {
    /// The hard constraints the pair breaks.
    pub fn bars(&self) -> Vec<Bar> {
        CONSTRAINTS
            .iter()
            .filter(|(_, broken)| broken(self))
            .map(|(bar, _)| *bar)
            .collect()
    }

    /// Whether the pair breaks any hard constraint.
    pub fn barred(&self) -> bool {
        CONSTRAINTS.iter().any(|(_, broken)| broken(self))
    }
}

/// What the score reads of a pair that no hard constraint rules out.
#[derive(Debug, Clone, Copy)]
pub struct Affinity {
    pub occupation: Option<(u32, &'static str)>,
    pub years_beyond: u32,
    pub common_skills: u32,
    pub same_locality: bool,
    pub pay: u64,
    pub asked_pay: Option<u64>,
}

impl Affinity {
    /// The score's reasons (214 p.70): occupation (same code 50, same minor group 25, same
    /// sub-major group 10), experience beyond the requirement (2 a year, at most 10), skills in
    /// common (5 each, at most 25), the same locality (5), pay above what was asked (up to 10).
    pub fn reasons(&self) -> [Option<Reason>; 5] {
        let reason = |code, points| (points > 0).then_some(Reason { code, points });
        let extra_pay = self.asked_pay.filter(|w| *w > 0).map_or(0, |want| {
            (self.pay.saturating_sub(want) * 10 / want).min(u64::from(PAY_MOST)) as u32
        });
        [
            self.occupation
                .and_then(|(points, code)| reason(code, points)),
            reason("experience", (self.years_beyond * 2).min(EXPERIENCE_MOST)),
            reason(
                "skills",
                self.common_skills
                    .saturating_mul(SKILL_POINTS)
                    .min(SKILLS_MOST),
            ),
            reason(
                "same_locality",
                if self.same_locality { SAME_LOCALITY } else { 0 },
            ),
            reason("pay", extra_pay),
        ]
    }

    pub fn score(&self) -> u32 {
        self.reasons().iter().flatten().map(|r| r.points).sum()
    }
}

fn fit(s: &Seeker, o: &Opening) -> Fit {
    Fit {
        occupation_near: nearness(&s.occupations, o.occupation).is_some(),
        health_conflict: WorkCondition::mask(&s.health_restrictions)
            & WorkCondition::mask(&o.conditions)
            != 0,
        asked_regime: s.work_regime,
        regime: o.work_regime,
        asked_pay: s.desired_salary,
        pay: o.pay(),
        willing_to_relocate: s.willing_to_relocate,
        same_district: district(&s.locality_code) == district(&o.locality_code),
        within_commute: s.commute.zip(o.place).is_some_and(|(c, p)| c.reaches(p)),
        education: s.education_level,
        education_needed: o.education_level,
        years: s.experience_years,
        years_needed: o.experience_years,
    }
}

/// The hard constraints a vacancy breaks for a person (214 p.2.10).
pub fn bars(s: &Seeker, o: &Opening) -> Vec<Bar> {
    fit(s, o).bars()
}

/// Scores an opening for a person, or `None` when a hard constraint rules it out (214 p.70).
/// Skills are compared without regard to letter case, each counted once.
pub fn score(s: &Seeker, o: &Opening) -> Option<Match> {
    if fit(s, o).barred() {
        return None;
    }
    let offered: Vec<String> = o.skills.iter().map(|x| x.to_lowercase()).collect();
    let mut common: Vec<String> = s
        .skills
        .iter()
        .map(|x| x.to_lowercase())
        .filter(|x| offered.contains(x))
        .collect();
    common.sort();
    common.dedup();
    let affinity = Affinity {
        occupation: nearness(&s.occupations, o.occupation),
        years_beyond: s
            .experience_years
            .saturating_sub(o.experience_years.unwrap_or(0)),
        common_skills: common.len() as u32,
        same_locality: s.locality_code == o.locality_code,
        pay: o.pay(),
        asked_pay: s.desired_salary,
    };
    let reasons: Vec<Reason> = affinity.reasons().into_iter().flatten().collect();
    Some(Match {
        score: reasons.iter().map(|r| r.points).sum(),
        reasons,
    })
}

/// Where localities lie, by code (the localities table of the reference data).
#[derive(Clone, PartialEq)]
pub struct Places(std::collections::HashMap<String, Place>);

impl Places {
    pub fn new(places: std::collections::HashMap<String, Place>) -> Places {
        Places(places)
    }

    /// These places and more: a code given again is placed anew.
    pub fn with(&self, more: impl IntoIterator<Item = (String, Place)>) -> Places {
        let mut places = self.0.clone();
        places.extend(more);
        Places(places)
    }

    pub fn of(&self, locality_code: &str) -> Option<Place> {
        self.0.get(locality_code).copied()
    }

    /// Whether the locality is in the localities table.
    pub fn contains(&self, locality_code: &str) -> bool {
        self.0.contains_key(locality_code)
    }

    /// Whether a locality of the table has a code beginning with `prefix`.
    pub fn any_within(&self, prefix: &str) -> bool {
        self.0.keys().any(|code| code.starts_with(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn occ(code: &str) -> Occupation {
        Occupation::parse(code).unwrap()
    }

    fn seeker() -> Seeker {
        Seeker {
            occupations: vec![occ("2411")],
            experience_years: 5,
            education_level: Some(EducationLevel::Higher),
            skills: vec!["1С".into(), "МСФО".into()],
            desired_salary: Some(250_000),
            work_regime: Some(WorkRegime::FullTime),
            locality_code: "111010000".into(),
            willing_to_relocate: false,
            health_restrictions: vec![WorkCondition::NightWork],
            commute: None,
        }
    }

    fn opening() -> Opening {
        Opening {
            occupation: occ("2411"),
            salary_from: 250_000,
            salary_to: Some(300_000),
            work_regime: WorkRegime::FullTime,
            education_level: Some(EducationLevel::Higher),
            experience_years: Some(2),
            skills: vec!["1с".into()],
            locality_code: "111010000".into(),
            conditions: vec![WorkCondition::ProlongedStanding],
            place: None,
        }
    }

    #[test]
    fn a_fitting_opening_scores_with_its_reasons() {
        let m = score(&seeker(), &opening()).unwrap();
        let codes: Vec<&str> = m.reasons.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                "same_occupation",
                "experience",
                "skills",
                "same_locality",
                "pay"
            ]
        );
        assert_eq!(m.score, 50 + 6 + 5 + 5 + 2);
    }

    #[test]
    fn each_hard_constraint_rules_an_opening_out() {
        let cases = [
            (
                Opening {
                    conditions: vec![WorkCondition::Heights, WorkCondition::NightWork],
                    ..opening()
                },
                Bar::Health,
            ),
            (
                Opening {
                    work_regime: WorkRegime::Shift,
                    ..opening()
                },
                Bar::Regime,
            ),
            (
                Opening {
                    salary_from: 200_000,
                    salary_to: Some(249_999),
                    ..opening()
                },
                Bar::Pay,
            ),
            (
                Opening {
                    locality_code: "117049100".into(),
                    ..opening()
                },
                Bar::Distance,
            ),
            (
                Opening {
                    education_level: Some(EducationLevel::Postgraduate),
                    ..opening()
                },
                Bar::Education,
            ),
            (
                Opening {
                    experience_years: Some(6),
                    ..opening()
                },
                Bar::Experience,
            ),
        ];
        for (o, bar) in cases {
            assert_eq!(bars(&seeker(), &o), [bar]);
            assert_eq!(score(&seeker(), &o), None);
        }
    }

    #[test]
    fn the_boundaries_are_inside() {
        let exact_pay = Opening {
            salary_from: 250_000,
            salary_to: None,
            ..opening()
        };
        assert!(bars(&seeker(), &exact_pay).is_empty());
        let same_district = Opening {
            locality_code: "111033100".into(),
            ..opening()
        };
        assert!(bars(&seeker(), &same_district).is_empty());
        let exact_experience = Opening {
            experience_years: Some(5),
            ..opening()
        };
        assert!(bars(&seeker(), &exact_experience).is_empty());
        let movable = Seeker {
            willing_to_relocate: true,
            ..seeker()
        };
        assert!(bars(
            &movable,
            &Opening {
                locality_code: "711300000".into(),
                ..opening()
            }
        )
        .is_empty());
        let remote = Opening {
            work_regime: WorkRegime::Remote,
            locality_code: "711300000".into(),
            ..opening()
        };
        let anywhere = Seeker {
            work_regime: None,
            ..seeker()
        };
        assert!(bars(&anywhere, &remote).is_empty());
    }

    #[test]
    fn places_given_again_are_placed_anew_and_the_rest_kept() {
        let at = |latitude: f64| Place {
            latitude,
            longitude: 69.0,
        };
        let base = Places::new([("111010000".to_string(), at(53.0))].into_iter().collect());
        let more = base.with([
            ("111010000".to_string(), at(54.0)),
            ("117045100".to_string(), at(52.9)),
        ]);
        assert_eq!(more.of("111010000").map(|p| p.latitude), Some(54.0));
        assert!(more.contains("117045100") && more.any_within("1170"));
        assert_eq!(base.of("111010000").map(|p| p.latitude), Some(53.0));
        assert!(!base.contains("117045100"));
    }

    #[test]
    fn a_daily_commute_reaches_another_district_up_to_its_distance() {
        let kokshetau = Place {
            latitude: 53.2833,
            longitude: 69.3833,
        };
        let shchuchinsk = Place {
            latitude: 52.9333,
            longitude: 70.1833,
        };
        let km = kokshetau.km_to(shchuchinsk);
        assert!((60.0..70.0).contains(&km), "{km}");
        let far = Opening {
            locality_code: "117020100".into(),
            place: Some(shchuchinsk),
            ..opening()
        };
        let commuter = |limit: u32| Seeker {
            commute: Some(Commute {
                from: kokshetau,
                km: limit,
            }),
            ..seeker()
        };
        let exact = km.ceil() as u32;
        assert_eq!(bars(&seeker(), &far), [Bar::Distance]);
        assert!(bars(&commuter(exact), &far).is_empty());
        assert_eq!(bars(&commuter(exact - 1), &far), [Bar::Distance]);
        let unknown = Opening {
            place: None,
            ..far.clone()
        };
        assert_eq!(bars(&commuter(500), &unknown), [Bar::Distance]);
    }

    #[test]
    fn nearer_occupations_score_higher() {
        let score_for = |code: &str| {
            score(
                &seeker(),
                &Opening {
                    occupation: occ(code),
                    ..opening()
                },
            )
            .unwrap()
            .score
        };
        assert!(score_for("2411") > score_for("2411-1"));
        assert!(score_for("2411-1") > score_for("2412"));
        assert!(score_for("2412") > score_for("2421"));
        let other_sub_major = Opening {
            occupation: occ("2511"),
            ..opening()
        };
        assert_eq!(bars(&seeker(), &other_sub_major), [Bar::Occupation]);
    }

    #[test]
    fn occupations_are_unit_groups_or_national_occupations_within_them() {
        for good in ["2411", "2411-1", "2411-1-001", "0110"] {
            assert!(Occupation::parse(good).is_some(), "{good}");
        }
        for bad in [
            "241",
            "24",
            "24111",
            "2411-",
            "2411--1",
            "2411-1-0001",
            "24a1",
            "2411-x",
        ] {
            assert!(Occupation::parse(bad).is_none(), "{bad}");
        }
        let codes = [
            "2411",
            "2411-1",
            "2411-01",
            "2411-1-001",
            "2411-9999",
            "2412",
        ];
        let parsed: Vec<Occupation> = codes.iter().map(|c| occ(c)).collect();
        for (i, a) in parsed.iter().enumerate() {
            assert_eq!(a.unit(), codes[i][..4].parse::<u16>().unwrap());
            for b in &parsed[i + 1..] {
                assert_ne!(a, b, "distinct codes stay distinct");
            }
        }
        assert_eq!(
            nearness(&[occ("2411-1")], occ("2411-2")),
            Some((40, "same_unit_group"))
        );
    }

    fn regime() -> impl Strategy<Value = WorkRegime> {
        prop::sample::select(WorkRegime::ALL.to_vec())
    }

    fn level() -> impl Strategy<Value = Option<EducationLevel>> {
        prop::option::of(prop::sample::select(EducationLevel::ALL.to_vec()))
    }

    fn locality() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["111010000", "111033100", "117049100", "711300000"])
            .prop_map(String::from)
    }

    fn conditions() -> impl Strategy<Value = Vec<WorkCondition>> {
        prop::collection::vec(prop::sample::select(WorkCondition::ALL.to_vec()), 0..3)
    }

    fn occupation() -> impl Strategy<Value = Occupation> {
        prop::sample::select(vec!["2411", "2411-1", "2412", "2421", "2511", "9112"]).prop_map(occ)
    }

    proptest! {
        /// No scored opening ever breaks a hard constraint.
        #[test]
        fn no_match_breaks_a_hard_constraint(
            s_regime in prop::option::of(regime()), o_regime in regime(),
            want in prop::option::of(0u64..600_000), from in 0u64..600_000, extra in prop::option::of(0u64..300_000),
            s_level in level(), o_level in level(), years in 0u32..40, need in prop::option::of(0u32..20),
            s_loc in locality(), o_loc in locality(), relocate in any::<bool>(),
            avoid in conditions(), stated in conditions(),
            s_codes in prop::collection::vec(occupation(), 1..3), o_code in occupation(),
        ) {
            let s = Seeker { work_regime: s_regime, desired_salary: want, education_level: s_level,
                experience_years: years, locality_code: s_loc, willing_to_relocate: relocate,
                health_restrictions: avoid, occupations: s_codes, ..seeker() };
            let o = Opening { work_regime: o_regime, salary_from: from, salary_to: extra.map(|e| from + e),
                education_level: o_level, experience_years: need, locality_code: o_loc,
                conditions: stated, occupation: o_code, ..opening() };
            if score(&s, &o).is_some() {
                prop_assert!(s.occupations.iter().any(|w| w.unit() / 100 == o.occupation.unit() / 100));
                prop_assert!(!s.health_restrictions.iter().any(|c| o.conditions.contains(c)));
                prop_assert!(s.work_regime.is_none_or(|r| r == o.work_regime));
                prop_assert!(s.desired_salary.is_none_or(|w| o.salary_to.unwrap_or(o.salary_from) >= w));
                prop_assert!(o.work_regime == WorkRegime::Remote || s.willing_to_relocate
                    || s.locality_code[..3] == o.locality_code[..3]);
                prop_assert!(education_rank(s.education_level) >= education_rank(o.education_level));
                prop_assert!(o.experience_years.is_none_or(|n| s.experience_years >= n));
            }
        }
    }
}
