//! The individual employment plan (214 p.61–65, 214 App.10): its actions by the sections of the
//! form, the ones suggested from the card, its term, and what is overdue.

use chrono::{DateTime, NaiveDate, Utc};

use crate::reference::calendar::Calendar;
use crate::reference::office_hours::working_days_deadline;
use crate::registration::category::Category;

/// A section of 214 App.10 part 2 ("Plan of actions").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    VocationalGuidance,
    Mediation,
    ActiveMeasures,
    SocialAssistance,
    JobSearchSkills,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::VocationalGuidance => "vocational_guidance",
            Section::Mediation => "mediation",
            Section::ActiveMeasures => "active_measures",
            Section::SocialAssistance => "social_assistance",
            Section::JobSearchSkills => "job_search_skills",
        }
    }
}

crate::codes! { as_str;
    /// What an item of the plan is: an action of part 2, or a contact with the career center.
    pub enum ItemKind {
        Action = "action",
        Contact = "contact",
    }
}

crate::codes! { code;
    /// An action of 214 App.10 part 2, item by item.
    pub enum Action {
        CareerCounselling = "career_counselling",
        LabourMarketInformation = "labour_market_information",
        VacancyInformation = "vacancy_information",
        PortalSearch = "portal_search",
        AgencySearch = "agency_search",
        Interviews = "interviews",
        Training = "training",
        SocialJob = "social_job",
        YouthPractice = "youth_practice",
        Entrepreneurship = "entrepreneurship",
        PublicWorks = "public_works",
        JoblossPayment = "jobloss_payment",
        TargetedSocialAssistance = "targeted_social_assistance",
        JobSearchCourse = "job_search_course",
    }
}

impl Action {
    pub fn section(self) -> Section {
        match self {
            Action::CareerCounselling | Action::LabourMarketInformation => {
                Section::VocationalGuidance
            }
            Action::VacancyInformation
            | Action::PortalSearch
            | Action::AgencySearch
            | Action::Interviews => Section::Mediation,
            Action::Training
            | Action::SocialJob
            | Action::YouthPractice
            | Action::Entrepreneurship
            | Action::PublicWorks => Section::ActiveMeasures,
            Action::JoblossPayment | Action::TargetedSocialAssistance => Section::SocialAssistance,
            Action::JobSearchCourse => Section::JobSearchSkills,
        }
    }
}

/// What the suggestions read from the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub category: Option<Category>,
    pub age: u32,
    pub education_level: Option<String>,
    pub rural: bool,
    /// Contributions for enough months to apply for the job-loss payment.
    pub jobloss_eligible: bool,
}

/// The age up to which youth practice is offered (guide step 5: not older than 29).
pub const YOUTH_PRACTICE_MAX_AGE: u32 = 29;

/// Actions suggested from the card, each with its reason: the mediation every plan has, and
/// what the person's situation calls for. The specialist keeps, drops or adds.
pub fn suggest(f: &PlanFacts) -> Vec<(Action, &'static str)> {
    let mut out = vec![
        (Action::LabourMarketInformation, "every plan"),
        (Action::VacancyInformation, "every plan"),
        (Action::PortalSearch, "every plan"),
        (Action::Interviews, "every plan"),
    ];
    let low_education = matches!(
        f.education_level.as_deref(),
        None | Some("none" | "secondary")
    );
    if low_education {
        out.push((Action::Training, "no vocational education on the card"));
    }
    if f.age <= YOUTH_PRACTICE_MAX_AGE && !low_education {
        out.push((
            Action::YouthPractice,
            "under 30 with vocational or higher education",
        ));
    }
    if f.category == Some(Category::LongTerm) {
        out.push((Action::CareerCounselling, "a long expected search"));
        out.push((Action::JobSearchCourse, "a long expected search"));
        out.push((Action::SocialJob, "a long expected search"));
    }
    if f.rural {
        out.push((Action::PublicWorks, "a rural resident"));
        out.push((Action::Entrepreneurship, "a rural resident"));
    }
    if f.jobloss_eligible {
        out.push((
            Action::JoblossPayment,
            "contributions for 6 of the 24 months before registration",
        ));
    }
    out
}

/// The plan is drawn up within 2 working days of registration as unemployed (214 p.61).
pub const PLAN_WORKING_DAYS: u32 = 2;

pub fn plan_due(cal: &Calendar, unemployed_at: DateTime<Utc>) -> DateTime<Utc> {
    working_days_deadline(cal, unemployed_at, PLAN_WORKING_DAYS)
}

/// An action or a contact is overdue from the day after its date while not done.
pub fn is_overdue(due_on: NaiveDate, done: bool, today: NaiveDate) -> bool {
    !done && today > due_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts() -> PlanFacts {
        PlanFacts {
            category: Some(Category::ShortTerm),
            age: 35,
            education_level: Some("higher".into()),
            rural: false,
            jobloss_eligible: false,
        }
    }

    fn codes(f: &PlanFacts) -> Vec<&'static str> {
        suggest(f).into_iter().map(|(a, _)| a.code()).collect()
    }

    #[test]
    fn every_plan_has_the_mediation_actions() {
        assert_eq!(
            codes(&facts()),
            [
                "labour_market_information",
                "vacancy_information",
                "portal_search",
                "interviews"
            ]
        );
    }

    #[test]
    fn the_card_adds_what_the_situation_calls_for() {
        let young = PlanFacts { age: 29, ..facts() };
        assert!(codes(&young).contains(&"youth_practice"));
        let thirty = PlanFacts { age: 30, ..facts() };
        assert!(!codes(&thirty).contains(&"youth_practice"));
        let unskilled = PlanFacts {
            education_level: Some("secondary".into()),
            ..facts()
        };
        assert!(codes(&unskilled).contains(&"training"));
        let long = PlanFacts {
            category: Some(Category::LongTerm),
            ..facts()
        };
        assert!(codes(&long).contains(&"job_search_course"));
        let rural = PlanFacts {
            rural: true,
            jobloss_eligible: true,
            ..facts()
        };
        assert!(codes(&rural).contains(&"public_works"));
        assert!(codes(&rural).contains(&"jobloss_payment"));
    }

    #[test]
    fn every_action_belongs_to_a_section_of_app10_and_round_trips() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.code()), Some(a));
            assert!(!a.section().as_str().is_empty());
        }
        assert_eq!(Action::parse("astrology"), None);
    }

    #[test]
    fn the_plan_is_due_two_working_days_after_registration_as_unemployed() {
        let cal = Calendar::builtin();
        let at = DateTime::parse_from_rfc3339("2026-03-20T00:00:00+05:00")
            .unwrap()
            .to_utc();
        // Friday 20th: Monday 23rd is a holiday, so Thursday 26th and Friday 27th.
        let due = plan_due(&cal, at);
        assert_eq!(
            due,
            DateTime::parse_from_rfc3339("2026-03-28T00:00:00+05:00")
                .unwrap()
                .to_utc()
        );
    }

    #[test]
    fn overdue_from_the_day_after_its_date() {
        assert!(!is_overdue(d("2026-04-01"), false, d("2026-04-01")));
        assert!(is_overdue(d("2026-04-01"), false, d("2026-04-02")));
        assert!(!is_overdue(d("2026-04-01"), true, d("2026-04-10")));
    }
}
