//! Who may be referred to which measure (129 p.2; 129 App.2 p.9(2), p.9(5), p.9(6)): the
//! categories a measure is open to, the ages and the education it asks for, and the bars of the
//! Social Code (art.109 p.4 for training, art.111 p.7 for subsidised jobs). Every bound is a dated
//! parameter with its source (`data/parameters.csv`), so that a change of the Social Code is a new
//! edition, not new code.

use chrono::{Datelike, Months, NaiveDate};

use super::referral::{ActiveMeasure, MeasureKind, ReferralRefusal};
use crate::ids::Sex;
use crate::mediation::matching::Occupation;
use crate::reference::parameters::{keys, Parameters};
use crate::registration::age::{age_in_months, age_on};
use crate::registration::unemployment::pension_age_months;
use crate::registry::Education;

crate::codes! { code;
    /// Who the service is for (129 p.2).
    pub enum Category {
        /// Registered as a job seeker.
        JobSeeker = "job_seeker",
        /// Registered as unemployed.
        Unemployed = "unemployed",
        /// Without work through the employer's downtime.
        Downtime = "downtime",
        Kandas = "kandas",
        /// A student, or a senior pupil of a general school, in their free time from study.
        Student = "student",
    }
}

/// The categories a measure is open to on `on` (129 p.2; the Social Code for each measure).
pub fn categories_of(
    parameters: &Parameters,
    measure: ActiveMeasure,
    on: NaiveDate,
) -> Vec<Category> {
    let key = format!("{}{}", keys::MEASURE_CATEGORIES_PREFIX, measure.code());
    parameters
        .value_on(&key, on)
        .map(parse_categories)
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// A `;`-separated list of category codes, as the parameters hold it.
pub fn parse_categories(value: &str) -> Result<Vec<Category>, String> {
    value
        .split(';')
        .map(|c| Category::parse(c.trim()).ok_or_else(|| format!("{c:?} is not a category")))
        .collect()
}

/// What the registries and the registration say of the applicant on the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// The categories of 129 p.2 the person is in.
    pub categories: Vec<Category>,
    pub education: Vec<Education>,
    /// Whether the person has ever worked (employment or contributions on record).
    pub has_worked: bool,
}

/// The person's past referrals as the bars read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// The days of the person's referrals to a social job that were taken up or still stand.
    pub social_jobs: Vec<NaiveDate>,
    /// The last day the person quit a measure without good reason.
    pub quit_on: Option<NaiveDate>,
    /// The day the person's current registration began.
    pub registered_on: Option<NaiveDate>,
}

/// A requirement the applicant does not meet: the ground of refusal, the rule (its parameter)
/// and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmet {
    pub refusal: ReferralRefusal,
    pub rule: &'static str,
    pub detail: String,
}

fn unmet(refusal: ReferralRefusal, rule: &'static str, detail: String) -> Option<Unmet> {
    Some(Unmet {
        refusal,
        rule,
        detail,
    })
}

/// The category the person applies for `measure` in, the first the measure is open to in the
/// order of 129 p.2; `None` when the person is in none of them (129 App.2 p.9(2)).
pub fn category_for(
    parameters: &Parameters,
    measure: ActiveMeasure,
    applicant: &Applicant,
    on: NaiveDate,
) -> Option<Category> {
    let open = categories_of(parameters, measure, on);
    Category::ALL
        .into_iter()
        .find(|c| open.contains(c) && applicant.categories.contains(c))
}

/// The day from which a person who quit a measure without good reason may be referred again:
/// the wait's months counted from the registration after the quitting, or from the quitting when
/// the person has not registered again since (Social Code art.109 p.4, art.111 p.7).
pub fn referable_again_on(
    parameters: &Parameters,
    history: &History,
    on: NaiveDate,
) -> Option<NaiveDate> {
    let quit = history.quit_on?;
    let from = history.registered_on.filter(|r| *r >= quit).unwrap_or(quit);
    let months = u32::try_from(parameters.int_on(keys::MEASURE_QUIT_WAIT_MONTHS, on)).unwrap_or(3);
    from.checked_add_months(Months::new(months))
}

/// The first requirement of `measure` the applicant does not meet on `on`, or `None` when the
/// person may be referred: the categories of 129 p.2 and the minimum age (129 App.2 p.9(2)); the
/// bounds of each subsidised job (youth practice: not older than the youth age and professional
/// education completed within the years given, its qualification matching the practice's
/// `occupation` when one is named — the guide's "diploma matching the practice", read as the
/// same sub-major group, the broadest nearness of suitable work (214 p.2.10); "First job": young
/// and never worked; "Generation
/// contract": young with professional education; "Silver age": within the years before the
/// pension age), also 129 App.2 p.9(2); the wait after quitting a measure without good reason
/// (Social Code art.109 p.4 for training: 129 App.2 p.9(5); art.111 p.7 for subsidised jobs:
/// 129 App.2 p.9(6)); a social job not more often in a calendar year than the parameter allows
/// (Social Code art.111 p.7: 129 App.2 p.9(6)).
pub fn first_unmet(
    parameters: &Parameters,
    measure: ActiveMeasure,
    occupation: Option<&str>,
    applicant: &Applicant,
    history: &History,
    on: NaiveDate,
) -> Option<Unmet> {
    use ReferralRefusal::*;
    let int = |key: &str| u32::try_from(parameters.int_on(key, on)).unwrap_or(0);
    if category_for(parameters, measure, applicant, on).is_none() {
        let open: Vec<&str> = categories_of(parameters, measure, on)
            .into_iter()
            .map(Category::code)
            .collect();
        return unmet(
            RequirementsNotMet,
            keys::MEASURE_CATEGORIES_PREFIX,
            format!("{} is open to: {}", measure.code(), open.join(", ")),
        );
    }
    let age = age_on(applicant.birth_date, on);
    let min_age = int(keys::MEASURE_MIN_AGE);
    if age < min_age {
        return unmet(
            RequirementsNotMet,
            keys::MEASURE_MIN_AGE,
            format!("referred from {min_age} years"),
        );
    }
    let youth = int(keys::MEASURE_YOUTH_MAX_AGE);
    let professional = applicant
        .education
        .iter()
        .filter(|e| e.level.is_professional())
        .map(|e| e.graduated_on)
        .max();
    match measure {
        ActiveMeasure::YouthPractice
        | ActiveMeasure::FirstJob
        | ActiveMeasure::GenerationContract
            if age > youth =>
        {
            return unmet(
                RequirementsNotMet,
                keys::MEASURE_YOUTH_MAX_AGE,
                format!("{} is for young people up to {youth} years", measure.code()),
            );
        }
        ActiveMeasure::YouthPractice => {
            let years = int(keys::YOUTH_PRACTICE_GRADUATION_YEARS);
            let since = on
                .checked_sub_months(Months::new(12 * years))
                .unwrap_or(NaiveDate::MIN);
            let recent: Vec<&Education> = applicant
                .education
                .iter()
                .filter(|e| {
                    e.level.is_professional() && e.graduated_on >= since && e.graduated_on <= on
                })
                .collect();
            if recent.is_empty() {
                return unmet(
                    RequirementsNotMet,
                    keys::YOUTH_PRACTICE_GRADUATION_YEARS,
                    format!("youth practice is for graduates of professional education of the last {years} years"),
                );
            }
            let practice = occupation.and_then(Occupation::parse);
            let matches = |e: &&Education| {
                let awarded = e.occupation_code.as_deref().and_then(Occupation::parse);
                match (practice, awarded) {
                    (None, _) => true,
                    (Some(p), Some(a)) => p.same_sub_major_group(a),
                    (Some(_), None) => false,
                }
            };
            if !recent.iter().any(matches) {
                return unmet(
                    RequirementsNotMet,
                    "youth_practice_diploma_matches",
                    format!(
                        "the practice ({}) is for a graduate whose qualification is of its sub-major group",
                        occupation.unwrap_or_default()
                    ),
                );
            }
        }
        ActiveMeasure::GenerationContract if professional.is_none() => {
            return unmet(
                RequirementsNotMet,
                "generation_contract_professional_education",
                "\"Generation contract\" is for young people with professional education".into(),
            );
        }
        ActiveMeasure::FirstJob if applicant.has_worked => {
            return unmet(
                RequirementsNotMet,
                "first_job_no_work_experience",
                "\"First job\" is for young people who have never worked".into(),
            );
        }
        ActiveMeasure::SilverAge => {
            let pension = pension_age_months(parameters, applicant.sex, on);
            let before = 12 * int(keys::SILVER_AGE_YEARS_BEFORE_PENSION);
            let months = age_in_months(applicant.birth_date, on);
            if months + before < pension || months >= pension {
                return unmet(
                    RequirementsNotMet,
                    keys::SILVER_AGE_YEARS_BEFORE_PENSION,
                    format!(
                        "\"Silver age\" is for the {} years before the pension age",
                        before / 12
                    ),
                );
            }
        }
        _ => {}
    }
    let bar = match measure.kind() {
        MeasureKind::Training => Some(TrainingBarred),
        MeasureKind::SubsidisedJob(_) => Some(SubsidisedJobBarred),
        MeasureKind::Resettlement => None,
    };
    if let (Some(bar), Some(again)) = (bar, referable_again_on(parameters, history, on)) {
        if on < again {
            return unmet(
                bar,
                keys::MEASURE_QUIT_WAIT_MONTHS,
                format!("quit a measure without good reason: referred again from {again}"),
            );
        }
    }
    if measure == ActiveMeasure::SocialJob {
        let allowed = usize::try_from(int(keys::SOCIAL_JOBS_PER_YEAR)).unwrap_or(1);
        let this_year = history
            .social_jobs
            .iter()
            .filter(|d| d.year() == on.year())
            .count();
        if this_year >= allowed {
            return unmet(
                SubsidisedJobBarred,
                keys::SOCIAL_JOBS_PER_YEAR,
                format!("a social job already in {}", on.year()),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::EducationLevel;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(birth: &str, categories: &[Category]) -> Applicant {
        Applicant {
            birth_date: d(birth),
            sex: Sex::Male,
            categories: categories.to_vec(),
            education: vec![],
            has_worked: true,
        }
    }

    fn graduate(birth: &str, graduated: &str) -> Applicant {
        Applicant {
            education: vec![Education {
                level: EducationLevel::Vocational,
                specialty: Some("welder".into()),
                occupation_code: Some("7212".into()),
                graduated_on: d(graduated),
            }],
            ..person(birth, &[Category::Unemployed])
        }
    }

    fn check(
        measure: ActiveMeasure,
        a: &Applicant,
        h: &History,
        on: &str,
    ) -> Option<ReferralRefusal> {
        first_unmet(&Parameters::builtin(), measure, None, a, h, d(on)).map(|u| u.refusal)
    }

    #[test]
    fn a_youth_practice_is_for_a_diploma_of_its_sub_major_group() {
        let p = Parameters::builtin();
        let welder = graduate("2001-01-01", "2025-06-30");
        let on = d("2026-03-20");
        let practice = |occupation: &str, a: &Applicant| {
            first_unmet(
                &p,
                ActiveMeasure::YouthPractice,
                Some(occupation),
                a,
                &NONE,
                on,
            )
            .map(|u| u.rule)
        };
        // Welders (7212) practise as welders, or as sheet-metal workers (7213) of the same
        // sub-major group 72; not as cleaners (9112).
        assert_eq!(practice("7212", &welder), None);
        assert_eq!(practice("7213", &welder), None);
        assert_eq!(
            practice("7411", &welder),
            Some("youth_practice_diploma_matches")
        );
        assert_eq!(
            practice("9112", &welder),
            Some("youth_practice_diploma_matches")
        );
        // A diploma whose qualification the registry does not name proves no match.
        let mut unnamed = welder.clone();
        unnamed.education[0].occupation_code = None;
        assert_eq!(
            practice("7212", &unnamed),
            Some("youth_practice_diploma_matches")
        );
        // Without a practice named (which measures are open to the person), any recent diploma.
        assert_eq!(
            first_unmet(&p, ActiveMeasure::YouthPractice, None, &unnamed, &NONE, on),
            None
        );
    }

    const NONE: History = History {
        social_jobs: vec![],
        quit_on: None,
        registered_on: None,
    };

    #[test]
    fn every_measure_has_its_categories_and_each_category_code_parses() {
        let p = Parameters::builtin();
        for m in ActiveMeasure::ALL {
            assert!(
                !categories_of(&p, m, d("2026-03-02")).is_empty(),
                "{}",
                m.code()
            );
        }
        assert_eq!(
            parse_categories("unemployed;student"),
            Ok(vec![Category::Unemployed, Category::Student])
        );
        assert!(parse_categories("unemployed;retired").is_err());
    }

    #[test]
    fn a_job_seeker_may_train_but_not_take_a_subsidised_job() {
        let seeker = person("1990-01-01", &[Category::JobSeeker]);
        assert_eq!(
            check(ActiveMeasure::Training, &seeker, &NONE, "2026-03-02"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::SocialJob, &seeker, &NONE, "2026-03-02"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
        let student = person("2009-05-10", &[Category::Student]);
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &student, &NONE, "2026-03-02"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::Training, &student, &NONE, "2026-03-02"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
    }

    #[test]
    fn a_student_is_referred_from_the_sixteenth_birthday() {
        let student = person("2010-03-02", &[Category::Student]);
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &student, &NONE, "2026-03-01"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &student, &NONE, "2026-03-02"),
            None
        );
    }

    #[test]
    fn youth_practice_ends_on_the_thirtieth_birthday_and_three_years_after_graduation() {
        let young = graduate("1996-06-15", "2024-06-30");
        assert_eq!(
            check(ActiveMeasure::YouthPractice, &young, &NONE, "2026-06-14"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::YouthPractice, &young, &NONE, "2026-06-15"),
            Some(ReferralRefusal::RequirementsNotMet),
            "30 years old on the birthday"
        );
        let graduated = graduate("2000-01-01", "2023-06-30");
        assert_eq!(
            check(
                ActiveMeasure::YouthPractice,
                &graduated,
                &NONE,
                "2026-06-30"
            ),
            None
        );
        assert_eq!(
            check(
                ActiveMeasure::YouthPractice,
                &graduated,
                &NONE,
                "2026-07-01"
            ),
            Some(ReferralRefusal::RequirementsNotMet),
            "more than 3 years after graduation"
        );
        let school_only = Applicant {
            education: vec![Education {
                level: EducationLevel::Secondary,
                specialty: None,
                occupation_code: None,
                graduated_on: d("2025-06-01"),
            }],
            ..person("2007-01-01", &[Category::Unemployed])
        };
        assert_eq!(
            check(
                ActiveMeasure::YouthPractice,
                &school_only,
                &NONE,
                "2026-03-02"
            ),
            Some(ReferralRefusal::RequirementsNotMet)
        );
    }

    #[test]
    fn first_job_is_for_those_who_never_worked_and_generation_contract_for_graduates() {
        let worked = person("2001-01-01", &[Category::Unemployed]);
        assert_eq!(
            check(ActiveMeasure::FirstJob, &worked, &NONE, "2026-03-02"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
        let never = Applicant {
            has_worked: false,
            ..worked.clone()
        };
        assert_eq!(
            check(ActiveMeasure::FirstJob, &never, &NONE, "2026-03-02"),
            None
        );
        assert_eq!(
            check(
                ActiveMeasure::GenerationContract,
                &never,
                &NONE,
                "2026-03-02"
            ),
            Some(ReferralRefusal::RequirementsNotMet)
        );
        let graduate = graduate("2001-01-01", "2022-06-30");
        assert_eq!(
            check(
                ActiveMeasure::GenerationContract,
                &graduate,
                &NONE,
                "2026-03-02"
            ),
            None
        );
    }

    #[test]
    fn silver_age_covers_the_five_years_before_the_pension_age() {
        // A man: pension at 63; "Silver age" from the 58th birthday to the day before the 63rd.
        let man = person("1968-04-10", &[Category::Unemployed]);
        assert_eq!(
            check(ActiveMeasure::SilverAge, &man, &NONE, "2026-04-09"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
        assert_eq!(
            check(ActiveMeasure::SilverAge, &man, &NONE, "2026-04-10"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::SilverAge, &man, &NONE, "2031-04-09"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::SilverAge, &man, &NONE, "2031-04-10"),
            Some(ReferralRefusal::RequirementsNotMet)
        );
    }

    #[test]
    fn quitting_without_good_reason_bars_for_three_months_from_reregistration() {
        let a = person("1990-01-01", &[Category::Unemployed]);
        let h = History {
            quit_on: Some(d("2026-01-20")),
            registered_on: Some(d("2026-02-10")),
            ..NONE
        };
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &a, &h, "2026-05-09"),
            Some(ReferralRefusal::SubsidisedJobBarred)
        );
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &a, &h, "2026-05-10"),
            None
        );
        assert_eq!(
            check(ActiveMeasure::Training, &a, &h, "2026-05-09"),
            Some(ReferralRefusal::TrainingBarred)
        );
        assert_eq!(
            check(ActiveMeasure::Resettlement, &a, &h, "2026-05-09"),
            None,
            "the Social Code's bars stand for training and subsidised jobs"
        );
        // Not registered again since: the wait counts from the quitting.
        let h = History {
            registered_on: Some(d("2025-11-01")),
            ..h
        };
        assert_eq!(
            referable_again_on(&Parameters::builtin(), &h, d("2026-03-02")),
            Some(d("2026-04-20"))
        );
    }

    #[test]
    fn a_social_job_once_a_calendar_year() {
        let a = person("1990-01-01", &[Category::Unemployed]);
        let h = History {
            social_jobs: vec![d("2026-02-01")],
            ..NONE
        };
        assert_eq!(
            check(ActiveMeasure::SocialJob, &a, &h, "2026-12-31"),
            Some(ReferralRefusal::SubsidisedJobBarred)
        );
        assert_eq!(check(ActiveMeasure::SocialJob, &a, &h, "2027-01-01"), None);
        assert_eq!(
            check(ActiveMeasure::PublicWorks, &a, &h, "2026-12-31"),
            None
        );
    }
}
