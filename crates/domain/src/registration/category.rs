//! The automatic category of a job seeker by the expected length of unemployment
//! (214 p.11, 214 p.17): a transparent points model. Each factor that lengthens the expected search
//! adds points; the sum picks the category; the factors are kept and shown. See
//! docs/CATEGORY.md for the model and its reasons.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Expected to find work within 3 months.
    ShortTerm,
    /// Expected to search 3 to 6 months.
    MediumTerm,
    /// Expected to search longer than 6 months: the first to get active measures.
    LongTerm,
}

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        [
            Category::ShortTerm,
            Category::MediumTerm,
            Category::LongTerm,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::ShortTerm => "short_term",
            Category::MediumTerm => "medium_term",
            Category::LongTerm => "long_term",
        }
    }

    /// The category for a points total: 0–2 short, 3–5 medium, 6 and more long.
    pub fn for_points(points: u32) -> Category {
        match points {
            0..=2 => Category::ShortTerm,
            3..=5 => Category::MediumTerm,
            _ => Category::LongTerm,
        }
    }
}

/// What the card says, as far as the model uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardFacts {
    pub age: u32,
    /// Years until the pension age (None when unknown).
    pub years_to_pension: Option<u32>,
    pub education_level: Option<String>,
    pub experience_years: Option<u32>,
    pub disability_group: Option<u8>,
    /// Months since the latest social contribution (None: never contributed).
    pub months_since_last_contribution: Option<i32>,
    pub rural: bool,
}

/// One reason behind the category, with the points it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub code: &'static str,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub category: Category,
    pub points: u32,
    pub factors: Vec<Factor>,
}

/// Assigns the category from the card (214 p.11).
pub fn assess(card: &CardFacts) -> Assessment {
    let mut factors = Vec::new();
    let mut add = |code: &'static str, points: u32| factors.push(Factor { code, points });

    match card.years_to_pension {
        Some(y) if y <= 2 => add("pre_pension_age", 3),
        _ if card.age >= 50 => add("age_50_plus", 2),
        _ if card.age < 25 => add("youth_under_25", 1),
        _ => {}
    }
    match card.education_level.as_deref() {
        Some("none") => add("no_education", 3),
        Some("secondary") => add("secondary_education_only", 2),
        Some("vocational") => add("vocational_education", 1),
        Some(_) => {}
        None => add("education_unknown", 1),
    }
    match card.experience_years {
        None | Some(0) => add("no_work_experience", 2),
        Some(1..=2) => add("little_work_experience", 1),
        Some(_) => {}
    }
    match card.disability_group {
        Some(1 | 2) => add("disability_group_1_2", 3),
        Some(_) => add("disability_group_3", 2),
        None => {}
    }
    match card.months_since_last_contribution {
        None => add("never_formally_employed", 2),
        Some(m) if m > 24 => add("out_of_work_over_24_months", 3),
        Some(m) if m > 12 => add("out_of_work_over_12_months", 2),
        Some(_) => {}
    }
    if card.rural {
        add("rural_residence", 1);
    }
    let points = factors.iter().map(|f| f.points).sum();
    Assessment {
        category: Category::for_points(points),
        points,
        factors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn experienced_graduate() -> CardFacts {
        CardFacts {
            age: 30,
            years_to_pension: Some(33),
            education_level: Some("higher".into()),
            experience_years: Some(5),
            disability_group: None,
            months_since_last_contribution: Some(1),
            rural: false,
        }
    }

    #[test]
    fn an_experienced_graduate_recently_employed_is_short_term_with_no_factors() {
        let a = assess(&experienced_graduate());
        assert_eq!(a.category, Category::ShortTerm);
        assert!(a.factors.is_empty());
    }

    #[test]
    fn the_thresholds_sit_between_two_and_three_and_five_and_six_points() {
        assert_eq!(Category::for_points(2), Category::ShortTerm);
        assert_eq!(Category::for_points(3), Category::MediumTerm);
        assert_eq!(Category::for_points(5), Category::MediumTerm);
        assert_eq!(Category::for_points(6), Category::LongTerm);
    }

    #[test]
    fn pre_pension_age_and_disability_make_a_long_search_and_are_shown() {
        let card = CardFacts {
            age: 60,
            years_to_pension: Some(1),
            disability_group: Some(2),
            ..experienced_graduate()
        };
        let a = assess(&card);
        assert_eq!(a.category, Category::LongTerm);
        let codes: Vec<_> = a.factors.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["pre_pension_age", "disability_group_1_2"]);
        assert_eq!(a.points, 6);
    }

    #[test]
    fn the_age_factor_changes_at_25_and_at_50() {
        let at = |age| {
            assess(&CardFacts {
                age,
                ..experienced_graduate()
            })
            .points
        };
        assert_eq!(at(24), 1);
        assert_eq!(at(25), 0);
        assert_eq!(at(49), 0);
        assert_eq!(at(50), 2);
    }

    #[test]
    fn time_out_of_work_counts_from_twelve_and_twenty_four_months() {
        let at = |m| {
            assess(&CardFacts {
                months_since_last_contribution: m,
                ..experienced_graduate()
            })
            .points
        };
        assert_eq!(at(Some(12)), 0);
        assert_eq!(at(Some(13)), 2);
        assert_eq!(at(Some(24)), 2);
        assert_eq!(at(Some(25)), 3);
        assert_eq!(at(None), 2);
    }
}
