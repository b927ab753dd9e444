//! Texts of the notices, in Kazakh, Russian and English. A `match` over every kind and language,
//! so that a missing translation does not compile.

use crate::http::lang::Lang;

/// The notices the platform sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The application is received and being checked (214 p.25: status to the cabinet).
    ApplicationReceived,
    /// Registered as a job seeker (214 p.12, p.35; App.4).
    JobSeekerRegistered,
    /// Refused registration as a job seeker (214 p.8; App.3).
    JobSeekerRefused,
    /// The registration was closed at the person's request (guide).
    RegistrationClosed,
    /// An assistant forwarded an application: the rural resident is told of its progress (214 p.20).
    ForwardedToCareerCenter,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ApplicationReceived => "application_received",
            Kind::JobSeekerRegistered => "job_seeker_registered",
            Kind::JobSeekerRefused => "job_seeker_refused",
            Kind::RegistrationClosed => "registration_closed",
            Kind::ForwardedToCareerCenter => "forwarded_to_career_center",
        }
    }
}

/// Values a text may mention. Never the IIN: messages leave the platform.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub date: String,
    pub center: Names,
    pub code: String,
    pub ground: String,
    pub reference: String,
}

/// A name in the three languages (an organisation's), so each text names it in its own.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// The subject and text of a notice.
pub fn render(kind: Kind, lang: Lang, a: &Args) -> (String, String) {
    use Kind::*;
    use Lang::*;
    let center = a.center.get(lang);
    let (subject, text) = match (kind, lang) {
        (ApplicationReceived, Kk) => ("Өтінім қабылданды", format!("Жұмыс іздеуші ретінде тіркеу туралы өтініміңіз №{} қабылданды және тексерілуде. Қабылданған күні: {}.", a.reference, a.date)),
        (ApplicationReceived, Ru) => ("Заявка принята", format!("Ваша заявка №{} на регистрацию в качестве лица, ищущего работу, принята и проверяется. Дата приёма: {}.", a.reference, a.date)),
        (ApplicationReceived, En) => ("Application received", format!("Your application No. {} to register as a job seeker has been received and is being checked. Received on {}.", a.reference, a.date)),
        (JobSeekerRegistered, Kk) => ("Жұмыс іздеуші ретінде тіркелдіңіз", format!("Сіз {} бастап жұмыс іздеуші адам ретінде тіркелдіңіз ({}). Екі жұмыс күні ішінде сізге лайықты бос жұмыс орындары іріктеледі. Өтінім №{}.", a.date, center, a.reference)),
        (JobSeekerRegistered, Ru) => ("Вы зарегистрированы как лицо, ищущее работу", format!("Вы зарегистрированы в качестве лица, ищущего работу, с {} ({}). В течение двух рабочих дней Вам будут подобраны подходящие вакансии. Заявка №{}.", a.date, center, a.reference)),
        (JobSeekerRegistered, En) => ("You are registered as a job seeker", format!("You are registered as a job seeker from {} ({}). Suitable vacancies will be selected for you within two working days. Application No. {}.", a.date, center, a.reference)),
        (JobSeekerRefused, Kk) => ("Тіркеуден бас тарту", format!("Жұмыс іздеуші ретінде тіркеуден бас тартылды ({}). Себебі: {} [{}]. Өтінім №{}. Шешімге шағымдануға болады.", a.date, a.ground, a.code, a.reference)),
        (JobSeekerRefused, Ru) => ("Отказ в регистрации", format!("В регистрации в качестве лица, ищущего работу, отказано ({}). Основание: {} [{}]. Заявка №{}. Решение может быть обжаловано.", a.date, a.ground, a.code, a.reference)),
        (JobSeekerRefused, En) => ("Registration refused", format!("Registration as a job seeker was refused ({}). Ground: {} [{}]. Application No. {}. The decision may be appealed.", a.date, a.ground, a.code, a.reference)),
        (RegistrationClosed, Kk) => ("Тіркеу жабылды", format!("Сіздің өтінішіңіз бойынша тіркеу {} жабылды.", a.date)),
        (RegistrationClosed, Ru) => ("Регистрация закрыта", format!("Ваша регистрация закрыта по Вашему заявлению {}.", a.date)),
        (RegistrationClosed, En) => ("Registration closed", format!("Your registration was closed at your request on {}.", a.date)),
        (ForwardedToCareerCenter, Kk) => ("Өтінім мансап орталығына жіберілді", format!("Өтініміңіз №{} {} мансап орталығына ({}) жіберілді. Орталық бір жұмыс күні ішінде тіркейді.", a.reference, a.date, center)),
        (ForwardedToCareerCenter, Ru) => ("Заявка направлена в карьерный центр", format!("Ваша заявка №{} направлена {} в карьерный центр ({}). Центр зарегистрирует Вас в течение одного рабочего дня.", a.reference, a.date, center)),
        (ForwardedToCareerCenter, En) => ("Application forwarded to the career center", format!("Your application No. {} was forwarded on {} to the career center ({}). The center registers you within one working day.", a.reference, a.date, center)),
    };
    (subject.to_string(), text)
}

/// The name of a job-seeker refusal ground in the reader's language.
pub fn refusal_ground(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("false_information", Lang::Kk) => {
            "ұсынылған құжаттар немесе деректер мемлекеттік деректер қорларымен расталмады"
        }
        ("false_information", Lang::Ru) => {
            "представленные документы или сведения не подтверждены государственными базами данных"
        }
        ("false_information", Lang::En) => {
            "the documents or data presented are not confirmed by the state registries"
        }
        ("under_16", Lang::Kk) => "16 жасқа толмаған адамның заңды өкілінің өтініші жоқ",
        ("under_16", Lang::Ru) => {
            "отсутствует заявление законного представителя лица, не достигшего 16 лет"
        }
        ("under_16", Lang::En) => "no statement of the legal representative of a person under 16",
        (_, Lang::Kk) => "талаптарға сәйкес келмеу",
        (_, Lang::Ru) => "несоответствие требованиям",
        (_, Lang::En) => "requirements not met",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_a_text_in_each_language_and_never_an_iin() {
        let args = Args {
            date: "2026-03-26".into(),
            center: Names {
                kk: "Орталық".into(),
                ru: "Центр".into(),
                en: "Center".into(),
            },
            code: "x".into(),
            ground: "g".into(),
            reference: "R".into(),
        };
        for kind in [
            Kind::ApplicationReceived,
            Kind::JobSeekerRegistered,
            Kind::JobSeekerRefused,
            Kind::RegistrationClosed,
            Kind::ForwardedToCareerCenter,
        ] {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                let (subject, text) = render(kind, lang, &args);
                assert!(
                    !subject.is_empty() && text.contains("2026-03-26"),
                    "{kind:?} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn the_kazakh_and_russian_texts_differ_from_the_english() {
        let args = Args::default();
        let en = render(Kind::JobSeekerRegistered, Lang::En, &args).1;
        assert_ne!(render(Kind::JobSeekerRegistered, Lang::Kk, &args).1, en);
        assert_ne!(render(Kind::JobSeekerRegistered, Lang::Ru, &args).1, en);
    }
}
