//! The notices of referrals to active measures, in Kazakh, Russian and English: a `match` over
//! every notice and language, so that a missing translation does not compile; and the names of
//! the measures and of the grounds of refusal the notices and pages print.

use enbek_domain::measures::referral::{ActiveMeasure, ReferralRefusal};

use crate::platform::http::lang::Lang;
use crate::platform::notify::texts::Names;
use crate::platform::notify::{Args, Notice};

/// The notices of this context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Referred (129 p.10): the referral's number and the measure.
    ReferralIssued,
    /// Refused, with the ground of 129 App.2 p.9.
    ReferralRefused,
    /// Called to the career center to take part in an active measure, within 3 working days
    /// (214 p.51(3)).
    Summoned,
}

impl Notice for Kind {
    fn kind(self) -> &'static str {
        match self {
            Kind::ReferralIssued => "measure_referral_issued",
            Kind::ReferralRefused => "measure_referral_refused",
            Kind::Summoned => "measure_summons",
        }
    }

    #[rustfmt::skip]
    fn render(self, lang: Lang, a: &Args) -> (&'static str, String) {
        use Kind::*;
        use Lang::*;
        let center = a.center.get(lang);
        let ground = a.ground.get(lang);
        match (self, lang) {
            (ReferralIssued, Kk) => ("Белсенді шараға жолдама берілді", format!("{} белсенді шарасына №{} жолдама берілді ({}, {}). Жолдаманы жеке кабинеттен жүктеп алуға болады.", a.note, a.reference, center, a.date)),
            (ReferralIssued, Ru) => ("Выдано направление на активную меру", format!("Вам выдано направление №{} на активную меру «{}» ({}, {}). Направление можно скачать в личном кабинете.", a.reference, a.note, center, a.date)),
            (ReferralIssued, En) => ("Referral to an active measure issued", format!("Referral No. {} to the active measure \"{}\" was issued to you ({}, {}). You can download it from your cabinet.", a.reference, a.note, center, a.date)),
            (ReferralRefused, Kk) => ("Белсенді шараға жолдама беруден бас тарту", format!("{} белсенді шарасына жолдама беруден бас тартылды ({}, {}). Негізі: {} [{}]. Шешімге шағымдануға болады.", a.note, center, a.date, ground, a.code)),
            (ReferralRefused, Ru) => ("Отказ в выдаче направления на активную меру", format!("В выдаче направления на активную меру «{}» отказано ({}, {}). Основание: {} [{}]. Решение может быть обжаловано.", a.note, center, a.date, ground, a.code)),
            (Summoned, Kk) => ("Мансап орталығына шақыру", format!("Сізді белсенді шараға қатысу үшін мансап орталығына ({}) шақырамыз{}. {} қоса алғанда келіңіз: дәлелді себепсіз келмеу жұмыссыздар есебінен шығаруға негіз болады.", center, if a.note.is_empty() { String::new() } else { format!(" ({})", a.note) }, a.date)),
            (Summoned, Ru) => ("Вызов в карьерный центр", format!("Вы вызваны в карьерный центр ({}) для участия в активной мере{}. Явитесь по {} включительно: неявка без уважительной причины является основанием для снятия с учёта безработных.", center, if a.note.is_empty() { String::new() } else { format!(" ({})", a.note) }, a.date)),
            (Summoned, En) => ("Call to the career center", format!("You are called to the career center ({}) to take part in an active measure{}. Come by {} inclusive: not coming without good reason is a ground for deregistration as unemployed.", center, if a.note.is_empty() { String::new() } else { format!(" ({})", a.note) }, a.date)),
            (ReferralRefused, En) => ("Referral to an active measure refused", format!("The referral to the active measure \"{}\" was refused ({}, {}). Ground: {} [{}]. The decision may be appealed.", a.note, center, a.date, ground, a.code)),
        }
    }
}

fn names(kk: &str, ru: &str, en: &str) -> Names {
    Names {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

/// A measure's name (129 App.1).
#[rustfmt::skip]
pub fn measure_names(m: ActiveMeasure) -> Names {
    match m {
        ActiveMeasure::Training => names("кәсіптік оқыту", "профессиональное обучение", "vocational training"),
        ActiveMeasure::PublicWorks => names("қоғамдық жұмыстар", "общественные работы", "public works"),
        ActiveMeasure::SocialJob => names("әлеуметтік жұмыс орны", "социальное рабочее место", "social job"),
        ActiveMeasure::YouthPractice => names("жастар практикасы", "молодежная практика", "youth practice"),
        ActiveMeasure::FirstJob => names("«Алғашқы жұмыс орны» жобасы", "проект «Первое рабочее место»", "the \"First job\" project"),
        ActiveMeasure::GenerationContract => names("«Ұрпақтар келісімшарты» жобасы", "проект «Контракт поколений»", "the \"Generation contract\" project"),
        ActiveMeasure::SilverAge => names("«Күміс жас» жобасы", "проект «Серебряный возраст»", "the \"Silver age\" project"),
        ActiveMeasure::Resettlement => names("қоныс аудару", "переселение", "resettlement"),
    }
}

/// A ground of refusal in words (129 App.2 p.9).
#[rustfmt::skip]
pub fn ground_names(r: ReferralRefusal) -> Names {
    match r {
        ReferralRefusal::UnreliableDocuments => names("ұсынылған құжаттардың және (немесе) олардағы деректердің анық еместігі анықталды", "установлена недостоверность представленных документов и (или) данных в них", "the documents or the data in them are found unreliable"),
        ReferralRefusal::RequirementsNotMet => names("көрсетілетін қызметті алушының және (немесе) деректердің Қағидалар талаптарына сәйкес келмеуі", "несоответствие услугополучателя и (или) данных требованиям Правил", "the applicant or the data do not meet the requirements of the Rules"),
        ReferralRefusal::NegativeApproval => names("келісу туралы сұрауға уәкілетті органның теріс жауабы", "отрицательный ответ уполномоченного органа на запрос о согласовании", "a negative answer of the body whose approval is required"),
        ReferralRefusal::NoPersonalDataConsent => names("қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімнің болмауы", "отсутствие согласия на доступ к персональным данным ограниченного доступа", "no consent to access personal data of restricted access"),
        ReferralRefusal::TrainingBarred => names("Әлеуметтік кодекстің 109-бабының 4-тармағы", "пункт 4 статьи 109 Социального кодекса", "Social Code art.109 p.4"),
        ReferralRefusal::SubsidisedJobBarred => names("Әлеуметтік кодекстің 111-бабының 7-тармағы", "пункт 7 статьи 111 Социального кодекса", "Social Code art.111 p.7"),
    }
}
