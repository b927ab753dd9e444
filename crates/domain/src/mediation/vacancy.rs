//! Vacancies (214 ch.5 §2, 214 p.66–68): the enumerations of the contract, the
//! categories not accepted, the pay rules and the term to post.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::reference::calendar::Calendar;
use crate::reference::office_hours::{local_instant, working_days_deadline};

/// An enumeration of the API written as its code (`codes!`, which serialises it as that code).
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        crate::codes! { code;
            $(#[$doc])*
            pub enum $name { $($variant = $code),+ }
        }
    };
}

code_enum!(
    /// The API's `work_regime`.
    WorkRegime {
        FullTime => "full_time",
        PartTime => "part_time",
        Shift => "shift",
        Rotational => "rotational",
        Remote => "remote",
    }
);

code_enum!(
    /// The API's `employment_type`.
    EmploymentType {
        Permanent => "permanent",
        Temporary => "temporary",
        Seasonal => "seasonal",
    }
);

code_enum!(
    /// The API's `education_level`.
    EducationLevel {
        None => "none",
        Secondary => "secondary",
        Vocational => "vocational",
        Higher => "higher",
        Postgraduate => "postgraduate",
    }
);

crate::codes! { as_str;
    /// Where a vacancy stands.
    pub enum VacancyStatus {
        /// Posted and taking candidates until `valid_until`.
        Open = "open",
        /// Every position is filled.
        Filled = "filled",
        /// Closed by the employer.
        Closed = "closed",
        /// Its term ran out: an open vacancy past `valid_until` is shown as expired.
        Expired = "expired",
    }
}

code_enum!(
    /// Positions whose vacancies the platform does not take (214 p.66), declared by the employer.
    ExcludedCategory {
        CivilService => "civil_service",
        ElectedOffice => "elected_office",
        Deputy => "deputy",
        Judge => "judge",
        Military => "military",
        LawEnforcement => "law_enforcement",
        StateCourier => "state_courier",
        NationalBank => "national_bank",
        FinancialRegulator => "financial_regulator",
    }
);

code_enum!(
    /// Working conditions a vacancy states and a person's health may rule out (214 p.2.10).
    WorkCondition {
        HeavyLifting => "heavy_lifting",
        NightWork => "night_work",
        Heights => "heights",
        HarmfulSubstances => "harmful_substances",
        ProlongedStanding => "prolonged_standing",
        Driving => "driving",
    }
);

impl WorkCondition {
    /// A set of conditions as bits, one per condition.
    pub fn mask(conditions: &[WorkCondition]) -> u8 {
        conditions.iter().fold(0, |m, c| {
            m | 1 << WorkCondition::ALL.iter().position(|x| x == c).unwrap_or(0)
        })
    }
}

/// Why a vacancy is not taken (the service answers each with a problem code of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VacancyRefusal {
    /// No positions to fill.
    NoPositions,
    /// `salary_from` above `salary_to`.
    SalaryRange,
    /// Full-time pay below the minimum wage in force.
    BelowMinimumWage { minimum: u64 },
    /// A category of 214 p.66.
    Excluded(ExcludedCategory),
}

/// What the rules read of a vacancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub positions: u32,
    pub salary_from: u64,
    pub salary_to: Option<u64>,
    pub work_regime: WorkRegime,
    pub category: Option<ExcludedCategory>,
}

/// Whether a vacancy may be posted (214 p.66): positions to fill, a pay range that
/// is a range, pay for full working time not below the minimum wage (`minimum_wage` in force on
/// the day; only part-time work may pay less), and not a category of 214 p.66.
pub fn check(t: &Terms, minimum_wage: u64) -> Result<(), VacancyRefusal> {
    if let Some(category) = t.category {
        return Err(VacancyRefusal::Excluded(category));
    }
    if t.positions == 0 {
        return Err(VacancyRefusal::NoPositions);
    }
    if t.salary_to.is_some_and(|to| to < t.salary_from) {
        return Err(VacancyRefusal::SalaryRange);
    }
    if t.work_regime != WorkRegime::PartTime && t.salary_from < minimum_wage {
        return Err(VacancyRefusal::BelowMinimumWage {
            minimum: minimum_wage,
        });
    }
    Ok(())
}

/// Working days to post a vacancy from the day it arose (214 p.66).
pub const POST_WORKING_DAYS: u32 = 5;

/// The end of the term to post a vacancy that arose on `arose_on`.
pub fn post_due(cal: &Calendar, arose_on: NaiveDate) -> DateTime<Utc> {
    working_days_deadline(
        cal,
        local_instant(arose_on, NaiveTime::MIN),
        POST_WORKING_DAYS,
    )
}

/// How long a vacancy stays open when the employer gives no date, in calendar days.
pub const DEFAULT_OPEN_DAYS: u64 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coded_value_is_written_as_its_code() {
        for regime in WorkRegime::ALL {
            assert_eq!(
                serde_json::to_value(regime).unwrap(),
                serde_json::json!(regime.code())
            );
        }
        assert_eq!(
            serde_json::to_value(Some(EducationLevel::None)).unwrap(),
            serde_json::json!("none")
        );
    }

    fn terms() -> Terms {
        Terms {
            positions: 2,
            salary_from: 150_000,
            salary_to: Some(200_000),
            work_regime: WorkRegime::FullTime,
            category: None,
        }
    }

    #[test]
    fn a_proper_vacancy_is_taken() {
        assert_eq!(check(&terms(), 85_000), Ok(()));
        assert_eq!(
            check(
                &Terms {
                    salary_to: None,
                    ..terms()
                },
                85_000
            ),
            Ok(())
        );
        assert_eq!(
            check(
                &Terms {
                    salary_to: Some(150_000),
                    ..terms()
                },
                85_000
            ),
            Ok(())
        );
    }

    #[test]
    fn each_refusal_is_told_apart() {
        let cases = [
            (
                Terms {
                    positions: 0,
                    ..terms()
                },
                VacancyRefusal::NoPositions,
            ),
            (
                Terms {
                    salary_to: Some(149_999),
                    ..terms()
                },
                VacancyRefusal::SalaryRange,
            ),
            (
                Terms {
                    salary_from: 84_999,
                    salary_to: None,
                    ..terms()
                },
                VacancyRefusal::BelowMinimumWage { minimum: 85_000 },
            ),
            (
                Terms {
                    category: Some(ExcludedCategory::Judge),
                    ..terms()
                },
                VacancyRefusal::Excluded(ExcludedCategory::Judge),
            ),
        ];
        for (t, refusal) in cases {
            assert_eq!(check(&t, 85_000).unwrap_err(), refusal);
        }
    }

    #[test]
    fn the_minimum_wage_binds_full_time_pay_on_its_boundary() {
        let at = |from, regime| Terms {
            salary_from: from,
            salary_to: None,
            work_regime: regime,
            ..terms()
        };
        assert!(check(&at(85_000, WorkRegime::FullTime), 85_000).is_ok());
        assert!(check(&at(84_999, WorkRegime::Shift), 85_000).is_err());
        assert!(check(&at(40_000, WorkRegime::PartTime), 85_000).is_ok());
    }

    #[test]
    fn every_excluded_category_of_p66_is_refused() {
        for c in ExcludedCategory::ALL {
            assert_eq!(
                check(
                    &Terms {
                        category: Some(c),
                        ..terms()
                    },
                    85_000
                ),
                Err(VacancyRefusal::Excluded(c))
            );
            assert_eq!(ExcludedCategory::parse(c.code()), Some(c));
        }
    }

    #[test]
    fn a_vacancy_is_posted_within_five_working_days_of_arising() {
        let cal = Calendar::builtin();
        // Arose Wednesday 18 March 2026: 19, 20, then after Nauryz 26, 27 and 30 March.
        let due = post_due(&cal, NaiveDate::from_ymd_opt(2026, 3, 18).unwrap());
        assert_eq!(
            due,
            DateTime::parse_from_rfc3339("2026-03-31T00:00:00+05:00")
                .unwrap()
                .to_utc()
        );
    }

    #[test]
    fn the_contract_enumerations_round_trip() {
        for r in WorkRegime::ALL {
            assert_eq!(WorkRegime::parse(r.code()), Some(r));
        }
        assert_eq!(
            EmploymentType::parse("seasonal"),
            Some(EmploymentType::Seasonal)
        );
        assert_eq!(
            EducationLevel::parse("postgraduate"),
            Some(EducationLevel::Postgraduate)
        );
        assert_eq!(WorkRegime::parse("flexible"), None);
    }
}
