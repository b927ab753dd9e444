//! Referrals to active employment measures: the public service "Issuing referrals to active
//! employment measures" (Order 129: `129 p.N` for the Rules' points, `129 App.2 p.M` for the
//! list of its main requirements). What a person applies for (129 App.1), the documents the
//! desk checks for each measure (129 App.2 p.8), the grounds of refusal (129 App.2 p.9), the
//! term of the service (129 App.2 p.3, p.7) and the term of a referral's tear-off notice.

use chrono::{DateTime, Utc};

use super::subsidised::Measure;
use crate::reference::calendar::Calendar;
use crate::reference::office_hours::{received_at, working_days_deadline};

crate::codes! { code;
    /// The measure an application names (129 App.1; the API's `measure`).
    pub enum ActiveMeasure {
        /// Vocational training, at an education organisation or on the job at an employer.
        Training = "training",
        PublicWorks = "public_works",
        SocialJob = "social_job",
        YouthPractice = "youth_practice",
        /// "Первое рабочее место".
        FirstJob = "first_job",
        /// "Контракт поколений".
        GenerationContract = "generation_contract",
        /// "Серебряный возраст".
        SilverAge = "silver_age",
        Resettlement = "resettlement",
    }
}

/// What a measure is, as the referral forms tell them apart (129 p.10): training (App.4, App.5),
/// a subsidised job of one of the kinds employers organise (App.8), resettlement (App.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureKind {
    Training,
    SubsidisedJob(Measure),
    Resettlement,
}

impl ActiveMeasure {
    pub fn kind(self) -> MeasureKind {
        match self {
            ActiveMeasure::Training => MeasureKind::Training,
            ActiveMeasure::PublicWorks => MeasureKind::SubsidisedJob(Measure::PublicWorks),
            ActiveMeasure::SocialJob => MeasureKind::SubsidisedJob(Measure::SocialJob),
            ActiveMeasure::YouthPractice => MeasureKind::SubsidisedJob(Measure::YouthPractice),
            ActiveMeasure::FirstJob => MeasureKind::SubsidisedJob(Measure::FirstJob),
            ActiveMeasure::GenerationContract => {
                MeasureKind::SubsidisedJob(Measure::GenerationContract)
            }
            ActiveMeasure::SilverAge => MeasureKind::SubsidisedJob(Measure::SilverAge),
            ActiveMeasure::Resettlement => MeasureKind::Resettlement,
        }
    }
}

crate::codes! { code;
    /// A document the career center's desk checks for an application (129 App.2 p.8).
    pub enum DeskDocument {
        /// The identity document, or its electronic copy from the digital documents service.
        Identity = "identity",
        LabourBook = "labour_book",
        /// The document of education (certificate, diploma).
        Education = "education",
        /// The health certificate in the form of order ҚР ДСМ-175/2020.
        HealthCertificate = "health_certificate",
        /// The document of technical and vocational, post-secondary, higher or postgraduate
        /// education.
        ProfessionalEducation = "professional_education",
        /// A parent's or legal representative's written consent.
        ParentConsent = "parent_consent",
    }
}

/// Whether the desk needs a document, or takes it when the person has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    IfAny,
}

/// What the desk knows of the applicant when it draws up the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applicant {
    /// Full years on the day of the application.
    pub age: u32,
    /// A student or a senior pupil of a general school (129 p.2: in their free time from study).
    pub in_study: bool,
}

/// The documents the desk checks for a measure, each needed or taken if the person has it
/// (129 App.2 p.8): for training the identity document, the labour book and the education
/// document if any, and the health certificate; for a subsidised job the identity document, the
/// labour book if any, the professional education document for youth practice and "Generation
/// contract", and a parent's written consent for a student or senior pupil of 16 to 18 in public
/// works; for resettlement the identity document, and the labour book and education document if
/// any.
pub fn checklist(measure: ActiveMeasure, applicant: Applicant) -> Vec<(DeskDocument, Need)> {
    use DeskDocument::*;
    use Need::*;
    match measure.kind() {
        MeasureKind::Training => vec![
            (Identity, Required),
            (LabourBook, IfAny),
            (Education, IfAny),
            (HealthCertificate, Required),
        ],
        MeasureKind::SubsidisedJob(job) => {
            let mut list = vec![(Identity, Required), (LabourBook, IfAny)];
            if matches!(job, Measure::YouthPractice | Measure::GenerationContract) {
                list.push((ProfessionalEducation, Required));
            }
            if job == Measure::PublicWorks
                && applicant.in_study
                && (16..18).contains(&applicant.age)
            {
                list.push((ParentConsent, Required));
            }
            list
        }
        MeasureKind::Resettlement => vec![
            (Identity, Required),
            (LabourBook, IfAny),
            (Education, IfAny),
        ],
    }
}

/// How a document stands at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presented {
    Valid,
    /// Presented, but its term of validity is over.
    Expired,
    Missing,
    /// Taken from the digital documents service with the owner's consent by a one-time code
    /// (129 App.2 p.8); only a document `may_be_digital` admits.
    Digital,
}

/// Whether the desk may take a document from the digital documents service instead of the paper
/// (129 App.2 p.8): the identity document only ("or an electronic document from the digital
/// documents service, to identify the person").
pub fn may_be_digital(document: DeskDocument) -> bool {
    document == DeskDocument::Identity
}

/// What keeps the desk from accepting the documents (129 p.8: the receipt of refusal to accept
/// documents, 129 App.3, lists them): each required document missing, and each presented
/// document that has expired. Empty when the set is complete. A document taken from the digital
/// documents service stands as valid where the rules admit it, and as missing elsewhere.
pub fn not_accepted(
    checklist: &[(DeskDocument, Need)],
    presented: impl Fn(DeskDocument) -> Presented,
) -> Vec<(DeskDocument, Presented)> {
    checklist
        .iter()
        .filter_map(|&(document, need)| {
            let state = match presented(document) {
                Presented::Digital if may_be_digital(document) => Presented::Valid,
                Presented::Digital => Presented::Missing,
                state => state,
            };
            match (state, need) {
                (Presented::Valid, _) | (Presented::Missing, Need::IfAny) => None,
                (state, _) => Some((document, state)),
            }
        })
        .collect()
}

crate::codes! { code;
    /// The grounds of refusal to issue a referral (129 App.2 p.9), each with its point.
    pub enum ReferralRefusal {
        UnreliableDocuments = "unreliable_documents",
        RequirementsNotMet = "requirements_not_met",
        NegativeApproval = "negative_approval",
        NoPersonalDataConsent = "no_personal_data_consent",
        TrainingBarred = "training_barred",
        SubsidisedJobBarred = "subsidised_job_barred",
    }
}

impl ReferralRefusal {
    /// The point of law the refusal rests on, as the refusal cites it.
    pub fn ground(self) -> &'static str {
        match self {
            ReferralRefusal::UnreliableDocuments => "129 App.2 p.9(1)",
            ReferralRefusal::RequirementsNotMet => "129 App.2 p.9(2)",
            ReferralRefusal::NegativeApproval => "129 App.2 p.9(3)",
            // The consent to access personal data of restricted access (Law on personal data
            // art.8).
            ReferralRefusal::NoPersonalDataConsent => "129 App.2 p.9(4)",
            // Social Code art.109 p.4.
            ReferralRefusal::TrainingBarred => "129 App.2 p.9(5)",
            // Social Code art.111 p.7.
            ReferralRefusal::SubsidisedJobBarred => "129 App.2 p.9(6)",
        }
    }

    /// Whether the ground can refuse a referral to `measure`: the Social Code's bars each stand
    /// for their own measure only.
    pub fn applies_to(self, measure: ActiveMeasure) -> bool {
        match self {
            ReferralRefusal::TrainingBarred => measure.kind() == MeasureKind::Training,
            ReferralRefusal::SubsidisedJobBarred => {
                matches!(measure.kind(), MeasureKind::SubsidisedJob(_))
            }
            _ => true,
        }
    }
}

/// The service's term (129 App.2 p.3): one working day from the application's receipt; an
/// application made online after working hours, on a weekend or a holiday is received on the
/// next working day (129 App.2 p.7; the career center works 9:00–18:30 with lunch 13:00–14:30).
pub fn referral_due(cal: &Calendar, submitted_at: DateTime<Utc>) -> DateTime<Utc> {
    working_days_deadline(cal, received_at(cal, submitted_at), 1)
}

/// The term of a referral's tear-off notice (129 App.4, App.5, App.8): the education
/// organisation or the employer returns it within five working days of the referral. App.11
/// (resettlement) has no term.
pub fn tear_off_due(
    cal: &Calendar,
    measure: ActiveMeasure,
    referred_at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    (measure != ActiveMeasure::Resettlement).then(|| working_days_deadline(cal, referred_at, 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    const ADULT: Applicant = Applicant {
        age: 30,
        in_study: false,
    };

    #[test]
    fn every_measure_of_the_api_is_a_code() {
        for code in [
            "training",
            "public_works",
            "social_job",
            "youth_practice",
            "first_job",
            "generation_contract",
            "silver_age",
            "resettlement",
        ] {
            assert_eq!(
                ActiveMeasure::parse(code).map(ActiveMeasure::code),
                Some(code)
            );
        }
        assert_eq!(ActiveMeasure::parse("apprenticeship"), None);
    }

    #[test]
    fn only_the_identity_document_may_come_from_the_digital_documents_service() {
        let list = checklist(ActiveMeasure::Training, ADULT);
        let missing = not_accepted(&list, |d| match d {
            DeskDocument::Identity => Presented::Digital,
            DeskDocument::HealthCertificate => Presented::Valid,
            _ => Presented::Missing,
        });
        assert!(missing.is_empty(), "{missing:?}");
        let missing = not_accepted(&list, |d| match d {
            DeskDocument::Identity => Presented::Valid,
            _ => Presented::Digital,
        });
        assert_eq!(
            missing,
            [(DeskDocument::HealthCertificate, Presented::Missing)],
            "a health certificate is not a digital document"
        );
        assert!(may_be_digital(DeskDocument::Identity));
        assert!(!may_be_digital(DeskDocument::HealthCertificate));
    }

    #[test]
    fn training_needs_the_identity_and_the_health_certificate_and_takes_the_rest_if_any() {
        let list = checklist(ActiveMeasure::Training, ADULT);
        assert!(list.contains(&(DeskDocument::HealthCertificate, Need::Required)));
        assert!(list.contains(&(DeskDocument::Education, Need::IfAny)));
        let missing = not_accepted(&list, |d| match d {
            DeskDocument::Identity => Presented::Valid,
            _ => Presented::Missing,
        });
        assert_eq!(
            missing,
            [(DeskDocument::HealthCertificate, Presented::Missing)],
            "the labour book and education are taken only if the person has them"
        );
        let all = not_accepted(&list, |_| Presented::Valid);
        assert!(all.is_empty());
    }

    #[test]
    fn an_expired_document_is_not_accepted_even_where_it_is_only_taken_if_any() {
        let list = checklist(ActiveMeasure::Resettlement, ADULT);
        let refused = not_accepted(&list, |d| match d {
            DeskDocument::LabourBook => Presented::Expired,
            _ => Presented::Valid,
        });
        assert_eq!(refused, [(DeskDocument::LabourBook, Presented::Expired)]);
    }

    #[test]
    fn youth_practice_and_generation_contract_need_a_professional_diploma_the_others_not() {
        for measure in [
            ActiveMeasure::YouthPractice,
            ActiveMeasure::GenerationContract,
        ] {
            assert!(checklist(measure, ADULT)
                .contains(&(DeskDocument::ProfessionalEducation, Need::Required)));
        }
        for measure in [
            ActiveMeasure::SocialJob,
            ActiveMeasure::FirstJob,
            ActiveMeasure::SilverAge,
        ] {
            assert_eq!(
                checklist(measure, ADULT),
                [
                    (DeskDocument::Identity, Need::Required),
                    (DeskDocument::LabourBook, Need::IfAny)
                ]
            );
        }
    }

    #[test]
    fn a_pupil_of_sixteen_to_eighteen_in_public_works_brings_a_parents_consent() {
        let needs = |age, in_study| {
            checklist(ActiveMeasure::PublicWorks, Applicant { age, in_study })
                .contains(&(DeskDocument::ParentConsent, Need::Required))
        };
        assert!(!needs(15, true), "under 16: not the consent's age");
        assert!(needs(16, true), "from the 16th birthday");
        assert!(needs(17, true), "the day before the 18th birthday");
        assert!(!needs(18, true), "of age from the 18th birthday");
        assert!(!needs(17, false), "a young person not in study");
    }

    #[test]
    fn each_refusal_cites_its_point_and_the_social_codes_bars_stand_for_their_measure() {
        assert_eq!(
            ReferralRefusal::UnreliableDocuments.ground(),
            "129 App.2 p.9(1)"
        );
        assert_eq!(
            ReferralRefusal::SubsidisedJobBarred.ground(),
            "129 App.2 p.9(6)"
        );
        assert!(ReferralRefusal::TrainingBarred.applies_to(ActiveMeasure::Training));
        assert!(!ReferralRefusal::TrainingBarred.applies_to(ActiveMeasure::SocialJob));
        assert!(ReferralRefusal::SubsidisedJobBarred.applies_to(ActiveMeasure::SilverAge));
        assert!(!ReferralRefusal::SubsidisedJobBarred.applies_to(ActiveMeasure::Resettlement));
        assert!(ReferralRefusal::NoPersonalDataConsent.applies_to(ActiveMeasure::Resettlement));
    }

    #[test]
    fn the_referral_is_due_by_the_end_of_the_next_working_day_after_receipt() {
        let cal = Calendar::builtin();
        // Tuesday 17 March 2026, 18:29: received at once; due by the end of Wednesday 18 March.
        assert_eq!(
            referral_due(&cal, at("2026-03-17T18:29:00+05:00")),
            at("2026-03-19T00:00:00+05:00")
        );
        // 18:30: received Wednesday at 9:00; due by the end of Thursday 19 March.
        assert_eq!(
            referral_due(&cal, at("2026-03-17T18:30:00+05:00")),
            at("2026-03-20T00:00:00+05:00")
        );
    }

    #[test]
    fn an_application_before_a_holiday_is_due_after_it() {
        let cal = Calendar::builtin();
        // Thursday 30 April 2026 in the evening: received Monday 4 May (1 May, Unity Day, and
        // the weekend are not working days); due by the end of Tuesday 5 May.
        assert_eq!(
            referral_due(&cal, at("2026-04-30T19:00:00+05:00")),
            at("2026-05-06T00:00:00+05:00")
        );
        // On the weekend: the same.
        assert_eq!(
            referral_due(&cal, at("2026-05-02T11:00:00+05:00")),
            at("2026-05-06T00:00:00+05:00")
        );
    }

    #[test]
    fn the_tear_off_comes_back_within_five_working_days_and_resettlement_has_no_term() {
        let cal = Calendar::builtin();
        // Referred Wednesday 29 April 2026: 30 April, then 4, 5, 6 May; 7 May (Defender of the
        // Fatherland Day) is not counted; Friday 8 May is the fifth working day.
        let due = tear_off_due(
            &cal,
            ActiveMeasure::Training,
            at("2026-04-29T11:00:00+05:00"),
        );
        assert_eq!(due, Some(at("2026-05-09T00:00:00+05:00")));
        let due = due.unwrap();
        assert!(
            at("2026-05-08T23:59:59+05:00") < due,
            "in time on the fifth day"
        );
        assert!(
            at("2026-05-09T00:00:00+05:00") >= due,
            "late from the sixth"
        );
        assert_eq!(
            tear_off_due(
                &cal,
                ActiveMeasure::Resettlement,
                at("2026-04-29T11:00:00+05:00")
            ),
            None
        );
    }
}
