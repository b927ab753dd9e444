//! Registration as a job seeker (214 ch.2): channels, states, and the decision on an
//! application.

pub mod age;
pub mod attendance;
pub mod category;
pub mod jobloss;
pub mod plan;
pub mod unemployment;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::registration::age::age_on;
use crate::registry::RegistryPerson;

/// How an application arrived (214 p.4, 214 p.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The enbek.kz cabinet (214 p.29–37).
    Portal,
    /// At the desk of the career center (214 p.5–13).
    InPerson,
    /// Pre-filled by a rural district's assistant and forwarded (214 p.14–20).
    Assistant,
    /// Through the egov portal (214 p.24–28).
    Egov,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::InPerson => "in_person",
            Channel::Assistant => "assistant",
            Channel::Egov => "egov",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        [
            Channel::Portal,
            Channel::InPerson,
            Channel::Assistant,
            Channel::Egov,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    /// Whether the application is online, so that the after-hours rule applies to it
    /// (214 App.1 p.7(2)–(3)). At the desk and through the assistant it is received when handed in.
    pub fn is_online(self) -> bool {
        matches!(self, Channel::Portal | Channel::Egov)
    }
}

crate::codes! { as_str;
    /// The state of a registration. `verifying` and `pending_review` precede the decision; the rest
    /// are the states of the API contract (`status`).
    pub enum Status {
        /// Waiting for the state registries to answer (never refused for their silence).
        Verifying = "verifying",
        /// Forwarded by an assistant, waiting for the career center (214 p.20).
        PendingReview = "pending_review",
        JobSeeker = "job_seeker",
        Unemployed = "unemployed",
        Refused = "refused",
        Deregistered = "deregistered",
        Closed = "closed",
        Employed = "employed",
    }
}

impl Status {
    /// An active registration blocks a second one for the same person (214 p.21).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            Status::Verifying | Status::PendingReview | Status::JobSeeker | Status::Unemployed
        )
    }

    /// Whether offers of suitable work go to the person (214 p.36, 214 p.69): a job seeker or an
    /// unemployed person.
    pub fn receives_offers(self) -> bool {
        matches!(self, Status::JobSeeker | Status::Unemployed)
    }

    /// Whether the person may close the registration themselves (guide: "Close registration").
    pub fn may_be_closed_by_person(self) -> bool {
        self.is_active()
    }
}

crate::codes! { code;
    /// Why an application to register as a job seeker is refused (214 p.6, 214 p.8; 214 App.1 p.9).
    pub enum Refusal {
        /// The documents or data are unreliable: the registries know no person with this IIN, or
        /// the data presented differ from theirs (214 p.8; 214 App.1 p.9(1)). Code `false_information`,
        /// as the API contract names this ground.
        FalseInformation = "false_information",
        /// Under 16 without a legal representative's written statement (214 p.6; 214 App.1 p.9(2)).
        /// Code `under_16`.
        Under16 = "under_16",
    }
}

impl Refusal {
    /// The point of law behind the refusal, for the 214 App.3 notice.
    pub fn ground(self) -> &'static str {
        match self {
            Refusal::FalseInformation => "214 p.8; App.1 p.9(1)",
            Refusal::Under16 => "214 p.6; App.1 p.9(2)",
        }
    }
}

/// Identity data as presented at the desk (an ID document), to be checked against the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresentedIdentity {
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// Minimum age without a legal representative's statement (214 p.6).
pub const AGE_WITHOUT_REPRESENTATIVE: u32 = 16;

/// Decides an application on the registry's answer (214 p.6–8, 214 p.10, 214 p.31; 214 App.1 p.9).
/// `received_on` is the day the application counts as received; the age is taken on it.
pub fn decide(
    registry: Option<&RegistryPerson>,
    presented: &PresentedIdentity,
    representative_statement: bool,
    received_on: NaiveDate,
) -> Result<(), Refusal> {
    let person = registry.ok_or(Refusal::FalseInformation)?;
    let differs = |given: &Option<String>, known: &str| {
        given
            .as_deref()
            .is_some_and(|g| normalise(g) != normalise(known))
    };
    if differs(&presented.last_name, &person.last_name)
        || differs(&presented.first_name, &person.first_name)
        || presented.birth_date.is_some_and(|b| b != person.birth_date)
    {
        return Err(Refusal::FalseInformation);
    }
    if age_on(person.birth_date, received_on) < AGE_WITHOUT_REPRESENTATIVE
        && !representative_statement
    {
        return Err(Refusal::Under16);
    }
    Ok(())
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase().replace('ё', "е")
}

/// Whether a new registration is still barred on `today` (the Social Code, which repealed the Law
/// on Employment whose art.16 p.2 the guide still cites; guide): `barred_until` is the last day
/// of the bar.
pub fn is_barred(barred_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    barred_until.is_some_and(|last| today <= last)
}

/// Why a person closes their own registration (guide, step 2: "Close registration"): one of
/// the guide's reasons, or the person's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseReason {
    GotJob,
    Moved,
    MilitaryService,
    Medical,
    OwnWish,
    Stated(String),
}

/// The longest reason a person may write.
pub const MAX_REASON_CHARS: usize = 500;

impl CloseReason {
    const LISTED: [(CloseReason, &'static str); 5] = [
        (CloseReason::GotJob, "got_job"),
        (CloseReason::Moved, "moved"),
        (CloseReason::MilitaryService, "military_service"),
        (CloseReason::Medical, "medical"),
        (CloseReason::OwnWish, "own_wish"),
    ];

    pub fn as_str(&self) -> &str {
        match self {
            CloseReason::Stated(text) => text,
            listed => CloseReason::LISTED
                .iter()
                .find(|(r, _)| r == listed)
                .map_or("", |(_, code)| code),
        }
    }

    /// A listed code, or the person's own words; None when empty or too long.
    pub fn from_statement(s: &str) -> Option<CloseReason> {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > MAX_REASON_CHARS {
            return None;
        }
        let listed = CloseReason::LISTED
            .iter()
            .find(|(_, code)| *code == s)
            .map(|(r, _)| r.clone());
        Some(listed.unwrap_or_else(|| CloseReason::Stated(s.to_string())))
    }

    /// The state a registration ends in: a person who found work is `employed`.
    pub fn final_status(&self) -> Status {
        match self {
            CloseReason::GotJob => Status::Employed,
            _ => Status::Closed,
        }
    }
}

/// A temporary stay stated at the desk (214 p.5: a person registers at the career center of
/// their residence or of their temporary stay): where the person stays, and until when if known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryStay {
    /// The address of the temporary stay, in the career center's region.
    pub address: String,
    /// The last day of the stay, when it is known.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// Why a stated temporary stay cannot stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StayError {
    /// The address is empty, longer than [`TemporaryStay::MAX_ADDRESS_CHARS`], or holds control
    /// or bidirectional-override characters.
    Address,
    /// The stay ended before today.
    Ended,
}

impl TemporaryStay {
    pub const MAX_ADDRESS_CHARS: usize = 300;

    /// The stay with its address trimmed, if it stands on `today`.
    pub fn checked(self, today: NaiveDate) -> Result<TemporaryStay, StayError> {
        let address = self.address.trim();
        if address.is_empty()
            || address.chars().count() > Self::MAX_ADDRESS_CHARS
            || address.chars().any(|c| {
                c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
        {
            return Err(StayError::Address);
        }
        if self.until.is_some_and(|until| until < today) {
            return Err(StayError::Ended);
        }
        Ok(TemporaryStay {
            address: address.to_string(),
            until: self.until,
        })
    }
}

/// Whether a desk registration needs a stated temporary stay (214 p.5): the person's residence
/// in the registry is in another region than the career center's.
pub fn needs_temporary_stay(center_region: &str, residence_region: &str) -> bool {
    center_region != residence_region
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Sex;

    fn stay(address: &str, until: Option<&str>) -> TemporaryStay {
        TemporaryStay {
            address: address.into(),
            until: until.map(|d| d.parse().unwrap()),
        }
    }

    #[test]
    fn a_person_of_another_region_needs_a_stated_temporary_stay() {
        assert!(!needs_temporary_stay("110000000", "110000000"));
        assert!(needs_temporary_stay("110000000", "710000000"));
    }

    #[test]
    fn a_temporary_stay_needs_an_address_and_an_end_not_past() {
        let today: NaiveDate = "2026-03-17".parse().unwrap();
        let ok = stay("  Кокшетау, ул. Абая 1  ", Some("2026-03-17"))
            .checked(today)
            .unwrap();
        assert_eq!(ok.address, "Кокшетау, ул. Абая 1");
        assert!(stay("Кокшетау", None).checked(today).is_ok());
        assert_eq!(
            stay("Кокшетау", Some("2026-03-16")).checked(today),
            Err(StayError::Ended)
        );
        for bad in ["", "   ", "Кокшетау\u{202e}", "a\u{0}b"] {
            assert_eq!(stay(bad, None).checked(today), Err(StayError::Address));
        }
        let longest = "а".repeat(TemporaryStay::MAX_ADDRESS_CHARS);
        assert!(stay(&longest, None).checked(today).is_ok());
        assert_eq!(
            stay(&format!("{longest}а"), None).checked(today),
            Err(StayError::Address)
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn person(birth: &str) -> RegistryPerson {
        crate::registry::sample(d(birth), Sex::Male)
    }

    #[test]
    fn a_person_unknown_to_the_registries_is_refused() {
        let r = decide(None, &PresentedIdentity::default(), false, d("2026-03-02"));
        assert_eq!(r, Err(Refusal::FalseInformation));
    }

    #[test]
    fn a_name_that_differs_from_the_registry_is_refused_and_case_does_not_matter() {
        let p = person("1987-10-08");
        let wrong = PresentedIdentity {
            last_name: Some("Ахмедов".into()),
            ..Default::default()
        };
        assert_eq!(
            decide(Some(&p), &wrong, false, d("2026-03-02")),
            Err(Refusal::FalseInformation)
        );
        let same = PresentedIdentity {
            last_name: Some(" АХМЕТОВ ".into()),
            ..Default::default()
        };
        assert_eq!(decide(Some(&p), &same, false, d("2026-03-02")), Ok(()));
    }

    #[test]
    fn a_birth_date_that_differs_from_the_registry_is_refused() {
        let p = person("1987-10-08");
        let wrong = PresentedIdentity {
            birth_date: Some(d("1987-10-09")),
            ..Default::default()
        };
        assert_eq!(
            decide(Some(&p), &wrong, false, d("2026-03-02")),
            Err(Refusal::FalseInformation)
        );
    }

    #[test]
    fn under_sixteen_needs_a_representative_statement_until_the_birthday() {
        let p = person("2010-03-02");
        assert_eq!(
            decide(
                Some(&p),
                &PresentedIdentity::default(),
                false,
                d("2026-03-01")
            ),
            Err(Refusal::Under16)
        );
        assert_eq!(
            decide(
                Some(&p),
                &PresentedIdentity::default(),
                true,
                d("2026-03-01")
            ),
            Ok(())
        );
        assert_eq!(
            decide(
                Some(&p),
                &PresentedIdentity::default(),
                false,
                d("2026-03-02")
            ),
            Ok(())
        );
    }

    #[test]
    fn the_bar_lasts_through_its_last_day() {
        assert!(is_barred(Some(d("2026-04-30")), d("2026-04-30")));
        assert!(!is_barred(Some(d("2026-04-30")), d("2026-05-01")));
        assert!(!is_barred(None, d("2026-05-01")));
    }

    #[test]
    fn only_active_states_block_a_new_registration() {
        let active: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_active()).collect();
        assert_eq!(
            active,
            vec![
                Status::Verifying,
                Status::PendingReview,
                Status::JobSeeker,
                Status::Unemployed
            ]
        );
    }

    #[test]
    fn a_person_who_got_a_job_ends_as_employed() {
        assert_eq!(CloseReason::GotJob.final_status(), Status::Employed);
        assert_eq!(CloseReason::Moved.final_status(), Status::Closed);
    }

    #[test]
    fn a_reason_is_a_listed_code_or_the_persons_own_words_within_500_characters() {
        assert_eq!(
            CloseReason::from_statement("got_job"),
            Some(CloseReason::GotJob)
        );
        assert_eq!(
            CloseReason::from_statement(" moved "),
            Some(CloseReason::Moved)
        );
        let own = CloseReason::from_statement("caring for a relative").unwrap();
        assert_eq!(own.as_str(), "caring for a relative");
        assert_eq!(own.final_status(), Status::Closed);
        assert_eq!(CloseReason::from_statement("  "), None);
        assert!(CloseReason::from_statement(&"x".repeat(500)).is_some());
        assert_eq!(CloseReason::from_statement(&"x".repeat(501)), None);
    }

    #[test]
    fn offers_go_to_job_seekers_and_the_unemployed_only() {
        let receiving: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.receives_offers())
            .collect();
        assert_eq!(receiving, [Status::JobSeeker, Status::Unemployed]);
    }
}
