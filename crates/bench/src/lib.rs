//! A synthetic national dataset for the matching benchmark: resumes and open vacancies over all
//! regions, with a realistic occupation mix (a few mass occupations, a long tail), drawn from a
//! seeded generator so that every run sees the same data.

pub mod vacancies;

/// A size a benchmark reads from the environment (`1_000_000` and `1000000` alike), else
/// `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

use enbek_domain::mediation::matching::{Occupation, Opening, Seeker};
use enbek_domain::mediation::vacancy::{EducationLevel, WorkCondition, WorkRegime};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const OCCUPATIONS: &str = include_str!("../../enbek/data/reference/occupations_isco08.csv");
const REGIONS: &str = include_str!("../../enbek/data/reference/regions.csv");

/// Occupations most people seek and employers offer: drivers, shop sales, teachers, cleaners,
/// cooks, nurses, accountants, builders, security guards, general office clerks.
const MASS_OCCUPATIONS: [&str; 10] = [
    "8322", "5223", "2341", "9112", "5120", "2221", "2411", "7112", "5414", "4110",
];

/// How many distinct skills people and employers name.
pub const SKILLS: u32 = 3_000;

pub struct Dataset {
    pub people: Vec<Seeker>,
    pub vacancies: Vec<Opening>,
}

/// The territory: districts (three-digit prefixes) of every region, each with its localities.
struct Territory {
    districts: Vec<(String, Vec<String>)>,
    /// People and jobs concentrate in the big cities' districts.
    weights: WeightedIndex<u32>,
}

impl Territory {
    fn new(rng: &mut StdRng) -> Territory {
        let mut districts = Vec::new();
        let mut weights = Vec::new();
        for line in REGIONS.lines().skip(1) {
            let region = &line[..2];
            let city = matches!(region, "71" | "75" | "79");
            for d in 1..=if city { 4 } else { 9 } {
                let prefix = format!("{region}{d}");
                let localities = (0..rng.gen_range(8..40))
                    .map(|n| format!("{prefix}{:02}{:04}", n + 1, rng.gen_range(0..10) * 100))
                    .collect();
                districts.push((prefix, localities));
                weights.push(if city {
                    40
                } else if d == 1 {
                    12
                } else {
                    4
                });
            }
        }
        Territory {
            weights: WeightedIndex::new(&weights).expect("weights"),
            districts,
        }
    }

    fn locality(&self, rng: &mut StdRng) -> String {
        let (_, localities) = &self.districts[self.weights.sample(rng)];
        // The district center takes most; villages share the rest.
        if rng.gen_bool(0.5) {
            localities[0].clone()
        } else {
            localities[rng.gen_range(0..localities.len())].clone()
        }
    }
}

/// Unit groups of the classifier, the mass ones weighted up, the rest on a long tail.
struct Occupations {
    codes: Vec<Occupation>,
    weights: WeightedIndex<f64>,
}

impl Occupations {
    fn new(rng: &mut StdRng) -> Occupations {
        let mut codes: Vec<Occupation> = OCCUPATIONS
            .lines()
            .skip(1)
            .filter(|l| l.split(',').nth(1) == Some("unit"))
            .filter_map(|l| Occupation::parse(l.split(',').next()?))
            .filter(|o| !MASS_OCCUPATIONS.contains(&format!("{:04}", o.unit()).as_str()))
            .collect();
        // A shuffled long tail: Zipf-like weights over the other occupations.
        for i in (1..codes.len()).rev() {
            codes.swap(i, rng.gen_range(0..=i));
        }
        let mut weights: Vec<f64> = (0..codes.len()).map(|r| 30.0 / (r as f64 + 10.0)).collect();
        for code in MASS_OCCUPATIONS.iter().rev() {
            codes.insert(0, Occupation::parse(code).expect("mass occupation"));
            weights.insert(0, 6.0);
        }
        Occupations {
            weights: WeightedIndex::new(&weights).expect("weights"),
            codes,
        }
    }

    fn pick(&self, rng: &mut StdRng) -> Occupation {
        self.codes[self.weights.sample(rng)]
    }

    /// A neighbour in the classifier: often one of the same minor group.
    fn near(&self, o: Occupation, rng: &mut StdRng) -> Occupation {
        let same_group: Vec<Occupation> = self
            .codes
            .iter()
            .copied()
            .filter(|c| c.unit() / 10 == o.unit() / 10 && *c != o)
            .collect();
        if same_group.is_empty() || rng.gen_bool(0.3) {
            self.pick(rng)
        } else {
            same_group[rng.gen_range(0..same_group.len())]
        }
    }
}

/// A skill's name; its number is what the SQL side of the benchmark stores.
pub fn skill_name(n: u32) -> String {
    format!("навык {n}")
}

/// The number of a skill named by [`skill_name`].
pub fn skill_number(name: &str) -> u32 {
    name.rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn skills(rng: &mut StdRng, most: usize) -> Vec<String> {
    let n = rng.gen_range(0..=most);
    let mut picked: Vec<u32> = (0..n)
        .map(|_| {
            // Common skills are common: a square law over the vocabulary.
            let x: f64 = rng.gen();
            (x * x * f64::from(SKILLS)) as u32
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    picked.into_iter().map(skill_name).collect()
}

/// One or two working conditions: stated by a quarter of the vacancies, ruled out by the health
/// of one person in twenty.
fn conditions(rng: &mut StdRng) -> Vec<WorkCondition> {
    let all = WorkCondition::ALL;
    let mut picked = vec![all[rng.gen_range(0..all.len())]];
    if rng.gen_bool(0.3) {
        let second = all[rng.gen_range(0..all.len())];
        if !picked.contains(&second) {
            picked.push(second);
        }
    }
    picked
}

fn education(rng: &mut StdRng) -> EducationLevel {
    let levels = EducationLevel::ALL;
    let weights = [3, 30, 35, 30, 2];
    levels[WeightedIndex::new(weights).expect("weights").sample(rng)]
}

fn regime(rng: &mut StdRng, weights: [u32; 5]) -> WorkRegime {
    WorkRegime::ALL[WeightedIndex::new(weights).expect("weights").sample(rng)]
}

/// Monthly pay in tenge, rounded to thousands: from the minimum wage up, most near the middle.
fn pay(rng: &mut StdRng) -> u64 {
    let x: f64 = rng.gen::<f64>() + rng.gen::<f64>() + rng.gen::<f64>();
    (85 + (x * x * 60.0) as u64) * 1_000
}

/// The dataset of `people` active resumes and `vacancies` open vacancies for a seed.
pub fn generate(seed: u64, people: usize, vacancies: usize) -> Dataset {
    let mut rng = StdRng::seed_from_u64(seed);
    let territory = Territory::new(&mut rng);
    let occupations = Occupations::new(&mut rng);
    let people = (0..people)
        .map(|_| {
            let first = occupations.pick(&mut rng);
            let mut wanted = vec![first];
            for _ in 0..rng.gen_range(0..3) {
                let next = occupations.near(first, &mut rng);
                if !wanted.contains(&next) {
                    wanted.push(next);
                }
            }
            Seeker {
                occupations: wanted,
                experience_years: (rng.gen::<f64>().powi(2) * 30.0) as u32,
                education_level: rng.gen_bool(0.9).then(|| education(&mut rng)),
                skills: skills(&mut rng, 8),
                desired_salary: rng.gen_bool(0.75).then(|| pay(&mut rng)),
                work_regime: rng
                    .gen_bool(0.4)
                    .then(|| regime(&mut rng, [60, 15, 15, 5, 5])),
                locality_code: territory.locality(&mut rng),
                willing_to_relocate: rng.gen_bool(0.1),
                health_restrictions: if rng.gen_bool(0.05) {
                    conditions(&mut rng)
                } else {
                    Vec::new()
                },
                commute: None,
            }
        })
        .collect();
    let vacancies = (0..vacancies)
        .map(|_| {
            let from = pay(&mut rng);
            Opening {
                occupation: occupations.pick(&mut rng),
                salary_from: from,
                salary_to: rng
                    .gen_bool(0.7)
                    .then(|| from + rng.gen_range(0..10) * 20_000),
                work_regime: regime(&mut rng, [62, 10, 15, 10, 3]),
                education_level: rng.gen_bool(0.5).then(|| education(&mut rng)),
                experience_years: rng.gen_bool(0.5).then(|| rng.gen_range(1..=5)),
                skills: skills(&mut rng, 6),
                locality_code: territory.locality(&mut rng),
                conditions: if rng.gen_bool(0.25) {
                    conditions(&mut rng)
                } else {
                    Vec::new()
                },
                place: None,
            }
        })
        .collect();
    Dataset { people, vacancies }
}

/// `rows` rows of `columns` placeholders each, numbered from `$1` (both databases read them).
pub fn rows_of(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let a = generate(7, 500, 100);
        let b = generate(7, 500, 100);
        assert_eq!(a.people, b.people);
        assert_eq!(a.vacancies, b.vacancies);
        assert_ne!(generate(8, 500, 100).people, a.people);
    }

    #[test]
    fn the_data_covers_every_region_with_mass_occupations_first() {
        let d = generate(1, 20_000, 4_000);
        let regions: std::collections::HashSet<&str> =
            d.people.iter().map(|p| &p.locality_code[..2]).collect();
        assert_eq!(regions.len(), REGIONS.lines().count() - 1);
        let drivers = Occupation::parse("8322").unwrap();
        let with = |o: Occupation| d.vacancies.iter().filter(|v| v.occupation == o).count();
        let rare = Occupation::parse("0110").unwrap();
        assert!(with(drivers) > 20 * with(rare).max(1));
        assert!(d
            .people
            .iter()
            .all(|p| (1..=3).contains(&p.occupations.len())));
        assert!(d
            .vacancies
            .iter()
            .all(|v| v.salary_to.is_none_or(|to| to >= v.salary_from)));
        let pays: Vec<u64> = d.people.iter().filter_map(|p| p.desired_salary).collect();
        assert!(pays.iter().all(|p| (85_000..=700_000).contains(p)));
    }
}
