//! Registration as unemployed (214 ch.3, 2025 edition) and deregistration (214 p.51–52): the end of
//! the selection period, the grounds of 214 p.41 and 214 p.51, the re-registration bar and the
//! validity of the 214 App.9 information.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::ids::Sex;
use crate::reference::calendar::Calendar;
use crate::reference::office_hours::working_days_deadline;
use crate::reference::parameters::{keys, Parameters};
use crate::registration::age::{age_in_months, age_on};
use crate::registration::Channel;
use crate::registry::{RegistryPerson, Sentence, SentenceKind, YearMonth};

/// The end of the period in which suitable work is selected for a new job seeker, counted in
/// working days from the day after registration, by the edition in force on the day of
/// registration and the channel the person registered through: the enbek.kz portal selects
/// vacancies within the days of 214 p.36 (`portal_selection_working_days`: 2 in every edition);
/// on every other channel the career center selects within the days of 214 p.23
/// (`selection_working_days`: 1 before 28 June 2025, 2 from then). When it passes without a job,
/// the person is registered as unemployed (214 p.38, 214 p.53).
pub fn selection_ends(
    cal: &Calendar,
    parameters: &Parameters,
    channel: Channel,
    registered_at: DateTime<Utc>,
) -> DateTime<Utc> {
    let on = crate::reference::office_hours::local_date(registered_at);
    let key = match channel {
        Channel::Portal => keys::PORTAL_SELECTION_WORKING_DAYS,
        Channel::InPerson | Channel::Assistant | Channel::Egov => keys::SELECTION_WORKING_DAYS,
    };
    let days = u32::try_from(parameters.int_on(key, on)).unwrap_or(2);
    working_days_deadline(cal, registered_at, days)
}

fn pension_age_key(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => keys::PENSION_AGE_MEN_MONTHS,
        Sex::Female => keys::PENSION_AGE_WOMEN_MONTHS,
    }
}

/// The pension age in force on `on` for a person of `sex`, in months (Social Code art.207 p.1–3).
pub fn pension_age_months(parameters: &Parameters, sex: Sex, on: NaiveDate) -> u32 {
    u32::try_from(parameters.int_on(pension_age_key(sex), on)).unwrap_or(756)
}

/// Whether a person born on `birth` has reached the pension age of Social Code art.207 p.1–3 by
/// `on` (214 p.41(3)): on some day up to `on` the age in months was at least the dated table's
/// age in force that day. Once reached it stays reached: a woman who turned 61 in December 2027
/// has reached it, although the table asks 61.5 of those who reach it in 2028. Within one edition
/// of the table the age only grows, so the days to look at are `on` and the last day of each
/// earlier edition. Receiving a pension for another reason (disability, long service) is not
/// this ground.
pub fn pension_age_reached(
    parameters: &Parameters,
    sex: Sex,
    birth: NaiveDate,
    on: NaiveDate,
) -> bool {
    let key = pension_age_key(sex);
    let ends_of_earlier_editions = parameters
        .editions()
        .filter(|e| e.key == key && e.effective_from <= on)
        .filter_map(|e| e.effective_from.pred_opt());
    std::iter::once(on)
        .chain(ends_of_earlier_editions)
        .filter(|day| parameters.edition_on(key, *day).is_some())
        .any(|day| age_in_months(birth, day) >= pension_age_months(parameters, sex, day))
}

crate::codes! { code;
    /// Why a job seeker is not registered as unemployed (214 p.41), with the codes of the API contract.
    pub enum UnemployedRefusal {
        /// 214 p.41(1): under sixteen.
        Under16 = "under_16",
        /// 214 p.41(2): employed, including an active individual entrepreneur.
        Employed = "employed",
        /// 214 p.41(3): has reached the pension age of Social Code art.207 p.1–3 (a pension for
        /// another reason is not this ground).
        PensionAge = "pension_age",
        /// 214 p.41(4): knowingly false documents or information.
        FalseInformation = "false_information",
        /// 214 p.41(5): a student or senior pupil seeking active measures.
        Student = "student",
        /// 214 p.41(6): serving a sentence of correctional works, public works or imprisonment not
        /// suspended.
        Convicted = "convicted",
    }
}

impl UnemployedRefusal {
    /// The point of law, for the 214 App.6 notice.
    pub fn ground(self) -> &'static str {
        match self {
            UnemployedRefusal::Under16 => "214 p.41(1)",
            UnemployedRefusal::Employed => "214 p.41(2)",
            UnemployedRefusal::PensionAge => "214 p.41(3); Social Code art.207 p.1–3",
            UnemployedRefusal::FalseInformation => "214 p.41(4)",
            UnemployedRefusal::Student => "214 p.41(5)",
            UnemployedRefusal::Convicted => "214 p.41(6)",
        }
    }
}

/// Decides registration as unemployed on the registries' answer on the day `on` (214 p.38,
/// 214 p.41, 214 p.54): the first ground of 214 p.41 that holds, in the order of the text.
/// Knowingly false information (214 p.41(4)) is not something a registry answer shows; it comes
/// from a finding. A pension the registry reports (`pensioner`) is no ground: 214 p.41(3) is the
/// pension age itself.
pub fn decide_unemployed(
    person: &RegistryPerson,
    on: NaiveDate,
    parameters: &Parameters,
) -> Result<(), UnemployedRefusal> {
    if age_on(person.birth_date, on) < 16 {
        return Err(UnemployedRefusal::Under16);
    }
    if person.employed || person.entrepreneur {
        return Err(UnemployedRefusal::Employed);
    }
    if pension_age_reached(parameters, person.sex, person.birth_date, on) {
        return Err(UnemployedRefusal::PensionAge);
    }
    if person.student {
        return Err(UnemployedRefusal::Student);
    }
    if person
        .sentences
        .iter()
        .any(|s| refuses_registration(s.kind) && s.in_force_on(on))
    {
        return Err(UnemployedRefusal::Convicted);
    }
    Ok(())
}

/// The sentences of 214 p.41(6): correctional works, public works, imprisonment that is not
/// suspended. A suspended sentence, restriction of freedom, a fine or compulsory treatment do not
/// refuse registration as unemployed.
pub fn refuses_registration(kind: SentenceKind) -> bool {
    matches!(
        kind,
        SentenceKind::CorrectionalWorks | SentenceKind::PublicWorks | SentenceKind::Imprisonment
    )
}

/// What ends a registration as unemployed under 214 p.51(5): imprisonment, or compulsory
/// treatment by a court decision in force; not correctional or public works, nor a suspended
/// sentence.
pub fn ends_registration(sentence: &Sentence) -> bool {
    matches!(
        sentence.kind,
        SentenceKind::Imprisonment | SentenceKind::CompulsoryTreatment
    )
}

crate::codes! { code;
    /// A ground of deregistration of an unemployed person (214 p.51), with the codes of the API
    /// contract; and `pension_granted`, a code of our own the service once decided, kept so that
    /// stored registrations still read (a pension is no ground of 214 p.51: nothing decides it now).
    pub enum Deregistration {
        /// 214 p.51(1): social, pension or health contributions paid for the person.
        ContributionsReceived = "contributions_received",
        /// 214 p.51(2): refused three offers of suitable work.
        RefusedThreeOffers = "refused_three_offers",
        /// 214 p.51(2): did not answer an offer in time.
        LateOfferAnswer = "late_offer_answer",
        /// 214 p.51(3): did not come to the employer or training in 5 working days, or to the career
        /// center in 3 working days when called for an active measure.
        NoShow = "no_show",
        /// 214 p.51(3): quit an active measure on their own.
        QuitActiveMeasure = "quit_active_measure",
        /// 214 p.51(4): broke the schedule of visits or reports of 214 p.44.
        ScheduleViolated = "schedule_violated",
        /// 214 p.51(5): sentenced to imprisonment or sent to compulsory treatment by a court.
        Imprisoned = "imprisoned",
        /// 214 p.51(6): did not report within 5 working days a change of 214 p.64.
        CircumstancesNotReported = "circumstances_not_reported",
        /// 214 p.51(7): knowingly false or forged documents.
        FalseDocuments = "false_documents",
        /// Historical: a pension granted, which the service once took for a ground. Stored
        /// registrations keep it; no path decides it (a pension is shown to the center instead).
        PensionGranted = "pension_granted",
    }
}

impl Deregistration {
    /// The grounds of 214 p.51, the ones that may be decided.
    pub const GROUNDS: [Deregistration; 9] = [
        Deregistration::ContributionsReceived,
        Deregistration::RefusedThreeOffers,
        Deregistration::LateOfferAnswer,
        Deregistration::NoShow,
        Deregistration::QuitActiveMeasure,
        Deregistration::ScheduleViolated,
        Deregistration::Imprisoned,
        Deregistration::CircumstancesNotReported,
        Deregistration::FalseDocuments,
    ];

    /// Reads a ground of 214 p.51 to decide on; not the historical `pension_granted`.
    pub fn parse_ground(s: &str) -> Option<Deregistration> {
        Deregistration::GROUNDS.into_iter().find(|g| g.code() == s)
    }

    /// The point of law, for the notice.
    pub fn ground(self) -> &'static str {
        match self {
            Deregistration::ContributionsReceived => "214 p.51(1)",
            Deregistration::RefusedThreeOffers | Deregistration::LateOfferAnswer => "214 p.51(2)",
            Deregistration::NoShow | Deregistration::QuitActiveMeasure => "214 p.51(3)",
            Deregistration::ScheduleViolated => "214 p.51(4)",
            Deregistration::Imprisoned => "214 p.51(5)",
            Deregistration::CircumstancesNotReported => "214 p.51(6)",
            Deregistration::FalseDocuments => "214 p.51(7)",
            Deregistration::PensionGranted => "214 p.41(3), p.64; Social Code art.207",
        }
    }

    /// Grounds (2)–(4) of 214 p.51 bar a new registration (the Social Code, which repealed the
    /// Law on Employment whose art.16 p.2 the guide still cites; guide).
    pub fn bars_reregistration(self) -> bool {
        matches!(
            self,
            Deregistration::RefusedThreeOffers
                | Deregistration::LateOfferAnswer
                | Deregistration::NoShow
                | Deregistration::QuitActiveMeasure
                | Deregistration::ScheduleViolated
        )
    }
}

/// The last day a new registration is barred after deregistration on `ground` on `on`: the
/// bar runs `bar_days` calendar days counted from the day after (Civil Code art.172); `None`
/// when the ground bars nothing.
pub fn barred_until(ground: Deregistration, on: NaiveDate, bar_days: u32) -> Option<NaiveDate> {
    ground
        .bars_reregistration()
        .then(|| on + Days::new(u64::from(bar_days)))
}

/// What the registries tell on `on` about a person unemployed since `unemployed_since` that ends
/// the registration without anyone's decision (214 p.51(1), 214 p.51(5)):
/// contributions paid for a month after the month of registration (the month itself may pay for
/// work before it); imprisonment or compulsory treatment in force on some day from the day of
/// registration through `on` (one that ended before the registration is not this ground). A
/// pension is not among them: it is shown to the center as a change of 214 p.64.
pub fn deregistration_by_registries(
    person: &RegistryPerson,
    unemployed_since: NaiveDate,
    on: NaiveDate,
) -> Option<Deregistration> {
    let registered = YearMonth::of(unemployed_since);
    if person.contribution_months.iter().any(|m| *m > registered) {
        return Some(Deregistration::ContributionsReceived);
    }
    if person
        .sentences
        .iter()
        .any(|s| ends_registration(s) && s.in_force_between(unemployed_since, on))
    {
        return Some(Deregistration::Imprisoned);
    }
    None
}

crate::codes! { code;
    /// A change an unemployed person reports to the career center within 5 working days (214 p.44,
    /// 214 p.64); not reporting it is a ground of deregistration (214 p.51(6)).
    pub enum Circumstance {
        /// 214 p.64(1): a change of residence.
        Moved = "moved",
        /// 214 p.64(2): a permanent or temporary job, or a civil contract.
        Employed = "employed",
        /// 214 p.64(3): entrepreneurship.
        Entrepreneur = "entrepreneur",
        /// 214 p.64(4): founder or co-founder of an organisation.
        Founder = "founder",
        /// 214 p.64(5): a disability group set or changed.
        Disability = "disability",
        /// 214 p.64(6): a pension granted.
        Pension = "pension",
    }
}

/// Who told the career center of a change: the person (214 p.64), or the registries through the
/// daily check (a pension the person had not reported, 214 p.51(6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircumstanceSource {
    Person,
    Registry,
}

impl CircumstanceSource {
    pub const ALL: [CircumstanceSource; 2] =
        [CircumstanceSource::Person, CircumstanceSource::Registry];

    pub fn as_str(self) -> &'static str {
        match self {
            CircumstanceSource::Person => "person",
            CircumstanceSource::Registry => "registry",
        }
    }

    pub fn parse(s: &str) -> Option<CircumstanceSource> {
        CircumstanceSource::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// Working days to report a change (214 p.64).
pub const REPORT_WORKING_DAYS: u32 = 5;

/// The end of the term to report a change that happened on `occurred_on` (214 p.64).
pub fn report_due(cal: &Calendar, occurred_on: NaiveDate) -> DateTime<Utc> {
    working_days_deadline(
        cal,
        crate::reference::office_hours::local_instant(occurred_on, chrono::NaiveTime::MIN),
        REPORT_WORKING_DAYS,
    )
}

/// The last day the information on registration as unemployed is valid (214 p.45, 214 App.9):
/// thirty calendar days from the day of issue, counted from the day after.
pub fn unemployed_info_valid_until(issued_on: NaiveDate) -> NaiveDate {
    issued_on + Days::new(30)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::office_hours::local_date;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn person(birth: &str, sex: Sex) -> RegistryPerson {
        crate::registry::sample(d(birth), sex)
    }

    fn sentence(kind: SentenceKind, from: &str, to: Option<&str>) -> Sentence {
        Sentence {
            kind,
            from: d(from),
            to: to.map(d),
        }
    }

    #[test]
    fn the_selection_period_is_two_working_days_in_the_2025_edition_and_one_before() {
        let cal = Calendar::builtin();
        let p = Parameters::builtin();
        let desk = Channel::InPerson;
        // Registered Thursday 19 March 2026: Friday 20th and, after Nauryz, Thursday 26th.
        let end = selection_ends(&cal, &p, desk, at("2026-03-19T11:00:00+05:00"));
        assert_eq!(end, at("2026-03-27T00:00:00+05:00"));
        assert_eq!(local_date(end), d("2026-03-27"));
        // The day before Order 174 took effect the 2024 edition's one working day applies.
        let end = selection_ends(&cal, &p, desk, at("2025-06-27T11:00:00+05:00"));
        assert_eq!(end, at("2025-07-01T00:00:00+05:00"));
        let end = selection_ends(&cal, &p, desk, at("2025-06-28T11:00:00+05:00"));
        assert_eq!(end, at("2025-07-02T00:00:00+05:00"));
    }

    #[test]
    fn before_28_june_2025_the_portal_selects_in_two_working_days_and_the_other_channels_in_one() {
        let cal = Calendar::builtin();
        let p = Parameters::builtin();
        // Friday 27 June 2025, the last day of the 2024 edition: Monday 30th, then Tuesday 1 July.
        let before = at("2025-06-27T11:00:00+05:00");
        assert_eq!(
            selection_ends(&cal, &p, Channel::Portal, before),
            at("2025-07-02T00:00:00+05:00"),
            "214 p.36: the portal's two working days"
        );
        for channel in [Channel::InPerson, Channel::Assistant, Channel::Egov] {
            assert_eq!(
                selection_ends(&cal, &p, channel, before),
                at("2025-07-01T00:00:00+05:00"),
                "214 p.23 (2024 edition): one working day at the center, {channel:?}"
            );
        }
        // Monday 30 June 2025, the 2025 edition: two working days on every channel.
        let after = at("2025-06-30T11:00:00+05:00");
        for channel in [
            Channel::Portal,
            Channel::InPerson,
            Channel::Assistant,
            Channel::Egov,
        ] {
            assert_eq!(
                selection_ends(&cal, &p, channel, after),
                at("2025-07-03T00:00:00+05:00"),
                "{channel:?}"
            );
        }
    }

    #[test]
    fn each_ground_of_p41_refuses_with_its_code() {
        let on = d("2026-04-01");
        let params = Parameters::builtin();
        let base = person("1990-01-01", Sex::Male);
        assert_eq!(decide_unemployed(&base, on, &params), Ok(()));
        type Change = fn(&mut RegistryPerson);
        let cases: [(Change, UnemployedRefusal); 5] = [
            (|p| p.employed = true, UnemployedRefusal::Employed),
            (|p| p.entrepreneur = true, UnemployedRefusal::Employed),
            (
                |p| p.birth_date = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap(),
                UnemployedRefusal::PensionAge,
            ),
            (|p| p.student = true, UnemployedRefusal::Student),
            (
                |p| p.sentences = vec![sentence(SentenceKind::Imprisonment, "2026-01-15", None)],
                UnemployedRefusal::Convicted,
            ),
        ];
        for (change, expected) in cases {
            let mut p = base.clone();
            change(&mut p);
            assert_eq!(decide_unemployed(&p, on, &params), Err(expected));
        }
        // The text's order decides when several hold.
        let mut both = base.clone();
        both.student = true;
        both.employed = true;
        assert_eq!(
            decide_unemployed(&both, on, &params),
            Err(UnemployedRefusal::Employed)
        );
    }

    #[test]
    fn sixteen_is_reached_on_the_birthday() {
        let params = Parameters::builtin();
        let p = person("2010-04-01", Sex::Female);
        assert_eq!(
            decide_unemployed(&p, d("2026-03-31"), &params),
            Err(UnemployedRefusal::Under16)
        );
        assert_eq!(decide_unemployed(&p, d("2026-04-01"), &params), Ok(()));
    }

    #[test]
    fn the_pension_age_is_reached_on_the_birthday_by_sex_and_year() {
        let params = Parameters::builtin();
        let man = person("1963-05-20", Sex::Male);
        assert_eq!(pension_age_months(&params, Sex::Male, d("2026-05-19")), 756);
        assert_eq!(decide_unemployed(&man, d("2026-05-19"), &params), Ok(()));
        assert_eq!(
            decide_unemployed(&man, d("2026-05-20"), &params),
            Err(UnemployedRefusal::PensionAge)
        );
        // A woman is 61 through 2027 and 61.5 in 2028.
        assert_eq!(
            pension_age_months(&params, Sex::Female, d("2027-12-31")),
            732
        );
        assert_eq!(
            pension_age_months(&params, Sex::Female, d("2028-01-01")),
            738
        );
        // Born 10 September 1966: 61 on 10 September 2027, when 61 was the age: reached.
        let woman = person("1966-09-10", Sex::Female);
        assert_eq!(decide_unemployed(&woman, d("2027-09-09"), &params), Ok(()));
        assert_eq!(
            decide_unemployed(&woman, d("2027-09-10"), &params),
            Err(UnemployedRefusal::PensionAge)
        );
    }

    #[test]
    fn a_woman_reaches_the_pension_age_of_the_table_in_force_that_year() {
        let params = Parameters::builtin();
        // Born 10 March 1967: 61 in March 2028, when the table asks 61.5 (738 months): not
        // reached until 10 September 2028.
        let woman = person("1967-03-10", Sex::Female);
        assert!(!pension_age_reached(
            &params,
            Sex::Female,
            woman.birth_date,
            d("2028-03-10")
        ));
        assert_eq!(decide_unemployed(&woman, d("2028-09-09"), &params), Ok(()));
        assert_eq!(
            decide_unemployed(&woman, d("2028-09-10"), &params),
            Err(UnemployedRefusal::PensionAge)
        );
        // A man of the same birth day is not 63 yet.
        let man = person("1967-03-10", Sex::Male);
        assert_eq!(decide_unemployed(&man, d("2028-09-10"), &params), Ok(()));
        // Born 15 December 1966: 61 on 15 December 2027, the age of 2027: reached, and still
        // reached in January 2028 although 61 years and one month is below 61.5.
        let december = person("1966-12-15", Sex::Female);
        assert_eq!(
            decide_unemployed(&december, d("2027-12-14"), &params),
            Ok(())
        );
        assert_eq!(
            decide_unemployed(&december, d("2027-12-15"), &params),
            Err(UnemployedRefusal::PensionAge)
        );
        assert_eq!(
            decide_unemployed(&december, d("2028-01-20"), &params),
            Err(UnemployedRefusal::PensionAge)
        );
    }

    #[test]
    fn a_pension_below_the_pension_age_is_no_ground() {
        let params = Parameters::builtin();
        // A disability pensioner of 40: registered.
        let mut p = person("1986-02-01", Sex::Female);
        p.pensioner = true;
        p.disability_group = Some(2);
        assert_eq!(decide_unemployed(&p, d("2026-04-01"), &params), Ok(()));
    }

    #[test]
    fn grounds_two_to_four_bar_thirty_days_through_the_last_day() {
        let on = d("2026-04-10");
        for ground in Deregistration::ALL {
            let bar = barred_until(ground, on, 30);
            let expected = matches!(
                ground.code(),
                "refused_three_offers"
                    | "late_offer_answer"
                    | "no_show"
                    | "quit_active_measure"
                    | "schedule_violated"
            );
            assert_eq!(bar.is_some(), expected, "{}", ground.code());
        }
        assert_eq!(
            barred_until(Deregistration::NoShow, on, 30),
            Some(d("2026-05-10"))
        );
    }

    #[test]
    fn contributions_after_the_month_of_registration_end_it() {
        let mut p = person("1990-01-01", Sex::Male);
        let since = d("2026-03-20");
        p.contribution_months = vec![YearMonth {
            year: 2026,
            month: 3,
        }];
        assert_eq!(
            deregistration_by_registries(&p, since, d("2026-04-01")),
            None,
            "March may pay for work before"
        );
        p.contribution_months.push(YearMonth {
            year: 2026,
            month: 4,
        });
        assert_eq!(
            deregistration_by_registries(&p, since, d("2026-04-01")),
            Some(Deregistration::ContributionsReceived)
        );
    }

    #[test]
    fn a_pension_in_the_registry_ends_nothing_and_pension_granted_only_reads() {
        let mut p = person("1990-01-01", Sex::Male);
        p.pensioner = true;
        assert_eq!(
            deregistration_by_registries(&p, d("2026-03-20"), d("2026-04-01")),
            None
        );
        assert_eq!(
            Deregistration::parse("pension_granted"),
            Some(Deregistration::PensionGranted)
        );
        assert_eq!(Deregistration::parse_ground("pension_granted"), None);
        for g in Deregistration::GROUNDS {
            assert_eq!(Deregistration::parse_ground(g.code()), Some(g));
        }
    }

    #[test]
    fn p41_6_refuses_on_correctional_or_public_works_or_imprisonment_not_suspended() {
        let params = Parameters::builtin();
        let on = d("2026-04-01");
        let base = person("1990-01-01", Sex::Male);
        let with = |s: Sentence| {
            let mut p = base.clone();
            p.sentences = vec![s];
            decide_unemployed(&p, on, &params)
        };
        for kind in [
            SentenceKind::CorrectionalWorks,
            SentenceKind::PublicWorks,
            SentenceKind::Imprisonment,
        ] {
            // In force from the day its decision entered into force through its last day.
            assert_eq!(
                with(sentence(kind, "2026-04-01", Some("2026-10-01"))),
                Err(UnemployedRefusal::Convicted),
                "{kind:?} from that day"
            );
            assert_eq!(
                with(sentence(kind, "2026-04-02", None)),
                Ok(()),
                "{kind:?} from the day after"
            );
            assert_eq!(
                with(sentence(kind, "2025-04-01", Some("2026-04-01"))),
                Err(UnemployedRefusal::Convicted),
                "{kind:?} through that day"
            );
            assert_eq!(
                with(sentence(kind, "2025-04-01", Some("2026-03-31"))),
                Ok(()),
                "{kind:?} served the day before"
            );
        }
        for kind in [
            SentenceKind::SuspendedImprisonment,
            SentenceKind::RestrictionOfFreedom,
            SentenceKind::Fine,
            SentenceKind::CompulsoryTreatment,
        ] {
            assert_eq!(with(sentence(kind, "2026-01-15", None)), Ok(()), "{kind:?}");
        }
    }

    #[test]
    fn p51_5_ends_the_registration_on_imprisonment_or_compulsory_treatment_only() {
        let since = d("2026-03-20");
        let on = d("2026-04-01");
        let with = |s: Sentence| {
            let mut p = person("1990-01-01", Sex::Male);
            p.sentences = vec![s];
            deregistration_by_registries(&p, since, on)
        };
        for kind in [
            SentenceKind::Imprisonment,
            SentenceKind::CompulsoryTreatment,
        ] {
            assert_eq!(
                with(sentence(kind, "2026-04-01", None)),
                Some(Deregistration::Imprisoned),
                "{kind:?} in force today"
            );
            assert_eq!(
                with(sentence(kind, "2026-04-02", None)),
                None,
                "{kind:?} not yet in force"
            );
            // A short term that began and ended between two checks still ends it.
            assert_eq!(
                with(sentence(kind, "2026-03-20", Some("2026-03-25"))),
                Some(Deregistration::Imprisoned),
                "{kind:?} during the registration"
            );
            assert_eq!(
                with(sentence(kind, "2025-03-01", Some("2026-03-19"))),
                None,
                "{kind:?} ended the day before the registration"
            );
        }
        for kind in [
            SentenceKind::CorrectionalWorks,
            SentenceKind::PublicWorks,
            SentenceKind::SuspendedImprisonment,
            SentenceKind::RestrictionOfFreedom,
            SentenceKind::Fine,
        ] {
            assert_eq!(with(sentence(kind, "2026-03-25", None)), None, "{kind:?}");
        }
    }

    #[test]
    fn a_change_is_reported_within_five_working_days() {
        let cal = Calendar::builtin();
        // Found a job on Wednesday 18 March: Thursday 19, Friday 20, then after Nauryz Thursday
        // 26, Friday 27 and Monday 30 March.
        assert_eq!(
            report_due(&cal, d("2026-03-18")),
            at("2026-03-31T00:00:00+05:00")
        );
        for c in Circumstance::ALL {
            assert_eq!(Circumstance::parse(c.code()), Some(c));
        }
    }

    #[test]
    fn the_information_is_valid_thirty_days_after_issue() {
        assert_eq!(
            unemployed_info_valid_until(d("2026-03-17")),
            d("2026-04-16")
        );
        assert_eq!(
            unemployed_info_valid_until(d("2026-12-15")),
            d("2027-01-14")
        );
    }
}
