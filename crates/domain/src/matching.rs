//! Suitable work (214 p.2.10, p.70; SPEC §5.7): the hard constraints an offer never breaks,
//! then a ranked score whose every point has a reason.

use serde::Serialize;

use crate::vacancy::{EducationLevel, WorkRegime};

/// What matching reads of a resume (SPEC §8 `upsertMyResume`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeker {
    pub occupation_codes: Vec<String>,
    pub experience_years: u32,
    pub education_level: Option<EducationLevel>,
    pub skills: Vec<String>,
    pub desired_salary: Option<u64>,
    pub work_regime: Option<WorkRegime>,
    pub locality_code: String,
    pub willing_to_relocate: bool,
}

/// What matching reads of a vacancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub occupation_code: String,
    pub salary_from: u64,
    pub salary_to: Option<u64>,
    pub work_regime: WorkRegime,
    pub education_level: Option<EducationLevel>,
    pub experience_years: Option<u32>,
    pub skills: Vec<String>,
    pub locality_code: String,
}

/// A hard constraint that rules an opening out (p.2.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bar {
    /// The working-time regime differs from the one the person asked for.
    Regime,
    /// The pay is below what the person asked.
    Pay,
    /// Neither the same locality nor the same district, and the person will not move.
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

fn education_rank(level: Option<EducationLevel>) -> u8 {
    match level {
        None | Some(EducationLevel::None) => 0,
        Some(EducationLevel::Secondary) => 1,
        Some(EducationLevel::Vocational) => 2,
        Some(EducationLevel::Higher) => 3,
        Some(EducationLevel::Postgraduate) => 4,
    }
}

/// The district of a KATO-style locality code: its first three digits.
fn district(locality: &str) -> &str {
    locality.get(..3).unwrap_or(locality)
}

/// The hard constraints (p.2.10): regime, pay, transport accessibility, the employer's
/// mandatory requirements. A remote job is reachable from anywhere.
pub fn bars(s: &Seeker, o: &Opening) -> Vec<Bar> {
    let mut out = Vec::new();
    if s.work_regime.is_some_and(|r| r != o.work_regime) {
        out.push(Bar::Regime);
    }
    if s.desired_salary
        .is_some_and(|want| o.salary_to.unwrap_or(o.salary_from) < want)
    {
        out.push(Bar::Pay);
    }
    let reachable = o.work_regime == WorkRegime::Remote
        || s.willing_to_relocate
        || district(&s.locality_code) == district(&o.locality_code);
    if !reachable {
        out.push(Bar::Distance);
    }
    if education_rank(s.education_level) < education_rank(o.education_level) {
        out.push(Bar::Education);
    }
    if o.experience_years
        .is_some_and(|need| s.experience_years < need)
    {
        out.push(Bar::Experience);
    }
    out
}

/// Scores an opening for a person, or `None` when a hard constraint rules it out (p.70):
/// occupation (same code 50, same unit group 40, same minor group 25, same sub-major 10),
/// experience beyond the requirement (2 a year, at most 10), skills in common (5 each, at most
/// 25), the same locality (5), pay above what was asked (up to 10).
pub fn score(s: &Seeker, o: &Opening) -> Option<Match> {
    if !bars(s, o).is_empty() {
        return None;
    }
    let mut reasons = Vec::new();
    let occupation = s
        .occupation_codes
        .iter()
        .map(|c| occupation_points(c, &o.occupation_code))
        .max_by_key(|(points, _)| *points)
        .filter(|(points, _)| *points > 0);
    if let Some((points, code)) = occupation {
        reasons.push(Reason { code, points });
    }
    let beyond = s
        .experience_years
        .saturating_sub(o.experience_years.unwrap_or(0));
    if beyond > 0 {
        reasons.push(Reason {
            code: "experience",
            points: (beyond * 2).min(10),
        });
    }
    let common = s
        .skills
        .iter()
        .filter(|skill| {
            o.skills
                .iter()
                .any(|x| x.to_lowercase() == skill.to_lowercase())
        })
        .count() as u32;
    if common > 0 {
        reasons.push(Reason {
            code: "skills",
            points: (common * 5).min(25),
        });
    }
    if s.locality_code == o.locality_code {
        reasons.push(Reason {
            code: "same_locality",
            points: 5,
        });
    }
    let offered = o.salary_to.unwrap_or(o.salary_from);
    if let Some(want) = s.desired_salary.filter(|w| *w > 0) {
        let extra = (offered.saturating_sub(want) * 10 / want).min(10) as u32;
        if extra > 0 {
            reasons.push(Reason {
                code: "pay",
                points: extra,
            });
        }
    }
    Some(Match {
        score: reasons.iter().map(|r| r.points).sum(),
        reasons,
    })
}

fn occupation_points(wanted: &str, offered: &str) -> (u32, &'static str) {
    let prefix = |n: usize| wanted.get(..n).is_some_and(|w| offered.get(..n) == Some(w));
    if wanted == offered {
        (50, "same_occupation")
    } else if prefix(4) {
        (40, "same_unit_group")
    } else if prefix(3) {
        (25, "same_minor_group")
    } else if prefix(2) {
        (10, "same_sub_major_group")
    } else {
        (0, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seeker() -> Seeker {
        Seeker {
            occupation_codes: vec!["2411".into()],
            experience_years: 5,
            education_level: Some(EducationLevel::Higher),
            skills: vec!["1С".into(), "МСФО".into()],
            desired_salary: Some(250_000),
            work_regime: Some(WorkRegime::FullTime),
            locality_code: "111010000".into(),
            willing_to_relocate: false,
        }
    }

    fn opening() -> Opening {
        Opening {
            occupation_code: "2411".into(),
            salary_from: 250_000,
            salary_to: Some(300_000),
            work_regime: WorkRegime::FullTime,
            education_level: Some(EducationLevel::Higher),
            experience_years: Some(2),
            skills: vec!["1с".into()],
            locality_code: "111010000".into(),
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
    fn nearer_occupations_score_higher() {
        let score_for = |code: &str| {
            score(
                &seeker(),
                &Opening {
                    occupation_code: code.into(),
                    ..opening()
                },
            )
            .unwrap()
            .score
        };
        assert!(score_for("2411") > score_for("2412"));
        assert!(score_for("2412") > score_for("2421"));
        assert!(score_for("2421") > score_for("2511"));
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

    proptest! {
        /// No scored opening ever breaks a hard constraint.
        #[test]
        fn no_match_breaks_a_hard_constraint(
            s_regime in prop::option::of(regime()), o_regime in regime(),
            want in prop::option::of(0u64..600_000), from in 0u64..600_000, extra in prop::option::of(0u64..300_000),
            s_level in level(), o_level in level(), years in 0u32..40, need in prop::option::of(0u32..20),
            s_loc in locality(), o_loc in locality(), relocate in any::<bool>(),
        ) {
            let s = Seeker { work_regime: s_regime, desired_salary: want, education_level: s_level,
                experience_years: years, locality_code: s_loc, willing_to_relocate: relocate, ..seeker() };
            let o = Opening { work_regime: o_regime, salary_from: from, salary_to: extra.map(|e| from + e),
                education_level: o_level, experience_years: need, locality_code: o_loc, ..opening() };
            if score(&s, &o).is_some() {
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
