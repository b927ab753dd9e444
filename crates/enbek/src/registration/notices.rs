//! The notices registration sends, in Kazakh, Russian and English: a `match` over every notice and
//! language, so that a missing translation does not compile.

use crate::platform::http::lang::Lang;
use crate::platform::notify::texts::Names;
use crate::platform::notify::{Args, Notice};

/// The notices registration sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The application is received and being checked (214 p.25: status to the cabinet).
    ApplicationReceived,
    /// Registered as a job seeker (214 p.12, 214 p.35; 214 App.4).
    JobSeekerRegistered,
    /// Refused registration as a job seeker (214 p.8; 214 App.3).
    JobSeekerRefused,
    /// The registration was closed at the person's request (guide).
    RegistrationClosed,
    /// An assistant forwarded an application: the rural resident is told of its progress (214 p.20).
    ForwardedToCareerCenter,
    /// Registered as unemployed (214 p.38, 214 p.56).
    UnemployedRegistered,
    /// Not registered as unemployed, with the ground of 214 p.41 (214 p.38, 214 p.56; 214 App.6).
    UnemployedRefused,
    /// The documents a job-loss social payment needs (214 p.42: within 1 working day).
    JoblossDocuments,
    /// Deregistered, with the ground of 214 p.51 (214 p.52: within 2 working days).
    Deregistered,
    /// The job-loss payment application went to the State Social Insurance Fund.
    JoblossSubmitted,
    /// The job-loss payment application cannot go: too few months with contributions.
    JoblossNotEligible,
    /// A contact of the plan's schedule is tomorrow (214 p.44, 214 App.10 part 3).
    ContactReminder,
    /// The bank account (IBAN) of the job-loss payment was changed: the person is told, so that
    /// a change they did not make is noticed at once.
    IbanChanged,
}

impl Kind {
    /// Every notice of this context.
    pub const ALL: &'static [Kind] = &[
        Kind::ApplicationReceived,
        Kind::JobSeekerRegistered,
        Kind::JobSeekerRefused,
        Kind::RegistrationClosed,
        Kind::ForwardedToCareerCenter,
        Kind::UnemployedRegistered,
        Kind::UnemployedRefused,
        Kind::JoblossDocuments,
        Kind::Deregistered,
        Kind::JoblossSubmitted,
        Kind::JoblossNotEligible,
        Kind::ContactReminder,
        Kind::IbanChanged,
    ];
}

impl Notice for Kind {
    fn kind(self) -> &'static str {
        match self {
            Kind::ApplicationReceived => "application_received",
            Kind::JobSeekerRegistered => "job_seeker_registered",
            Kind::JobSeekerRefused => "job_seeker_refused",
            Kind::RegistrationClosed => "registration_closed",
            Kind::ForwardedToCareerCenter => "forwarded_to_career_center",
            Kind::UnemployedRegistered => "unemployed_registered",
            Kind::UnemployedRefused => "unemployed_refused",
            Kind::JoblossDocuments => "jobloss_documents",
            Kind::Deregistered => "deregistered",
            Kind::JoblossSubmitted => "jobloss_submitted",
            Kind::JoblossNotEligible => "jobloss_not_eligible",
            Kind::ContactReminder => "contact_reminder",
            Kind::IbanChanged => "iban_changed",
        }
    }

    #[rustfmt::skip]
    fn render(self, lang: Lang, a: &Args) -> (&'static str, String) {
        use Kind::*;
        use Lang::*;
        let center = a.center.get(lang);
        let ground = a.ground.get(lang);
        let bar = match (&a.until, lang) {
            (None, _) => String::new(),
            (Some(until), Kk) => format!(" {until} қоса алғанда қайта тіркелу мүмкін емес."),
            (Some(until), Ru) => {
                format!(" Повторная регистрация невозможна по {until} включительно.")
            }
            (Some(until), En) => format!(" You may not register again until {until} inclusive."),
        };
        match (self, lang) {
            (IbanChanged, Kk) => ("Төлем шоты өзгертілді", format!("Жұмысынан айырылған жағдайдағы әлеуметтік төлем шоты {} күні {} шотына өзгертілді. Егер мұны сіз жасамасаңыз, мансап орталығына дереу хабарлаңыз. Өтінім №{}.", a.date, a.note, a.reference)),
            (IbanChanged, Ru) => ("Счёт для выплаты изменён", format!("Счёт для социальной выплаты на случай потери работы изменён {} на {}. Если это сделали не Вы, немедленно сообщите в карьерный центр. Заявление №{}.", a.date, a.note, a.reference)),
            (IbanChanged, En) => ("Payment account changed", format!("The bank account for your job-loss payment was changed on {} to {}. If you did not do this, tell your career center at once. Application No. {}.", a.date, a.note, a.reference)),
            (ApplicationReceived, Kk) => ("Өтінім қабылданды", format!("Жұмыс іздеуші ретінде тіркеу туралы өтініміңіз №{} қабылданды және тексерілуде. Қабылданған күні: {}.", a.reference, a.date)),
            (ApplicationReceived, Ru) => ("Заявка принята", format!("Ваша заявка №{} на регистрацию в качестве лица, ищущего работу, принята и проверяется. Дата приёма: {}.", a.reference, a.date)),
            (ApplicationReceived, En) => ("Application received", format!("Your application No. {} to register as a job seeker has been received and is being checked. Received on {}.", a.reference, a.date)),
            (JobSeekerRegistered, Kk) => ("Жұмыс іздеуші ретінде тіркелдіңіз", format!("Сіз {} бастап жұмыс іздеуші адам ретінде тіркелдіңіз ({}). Екі жұмыс күні ішінде сізге лайықты бос жұмыс орындары іріктеледі. Өтінім №{}.", a.date, center, a.reference)),
            (JobSeekerRegistered, Ru) => ("Вы зарегистрированы как лицо, ищущее работу", format!("Вы зарегистрированы в качестве лица, ищущего работу, с {} ({}). В течение двух рабочих дней Вам будут подобраны подходящие вакансии. Заявка №{}.", a.date, center, a.reference)),
            (JobSeekerRegistered, En) => ("You are registered as a job seeker", format!("You are registered as a job seeker from {} ({}). Suitable vacancies will be selected for you within two working days. Application No. {}.", a.date, center, a.reference)),
            (JobSeekerRefused, Kk) => ("Тіркеуден бас тарту", format!("Жұмыс іздеуші ретінде тіркеуден бас тартылды ({}). Себебі: {} [{}]. Өтінім №{}. Шешімге шағымдануға болады.", a.date, ground, a.code, a.reference)),
            (JobSeekerRefused, Ru) => ("Отказ в регистрации", format!("В регистрации в качестве лица, ищущего работу, отказано ({}). Основание: {} [{}]. Заявка №{}. Решение может быть обжаловано.", a.date, ground, a.code, a.reference)),
            (JobSeekerRefused, En) => ("Registration refused", format!("Registration as a job seeker was refused ({}). Ground: {} [{}]. Application No. {}. The decision may be appealed.", a.date, ground, a.code, a.reference)),
            (RegistrationClosed, Kk) => ("Тіркеу жабылды", format!("Сіздің өтінішіңіз бойынша тіркеу {} жабылды.", a.date)),
            (RegistrationClosed, Ru) => ("Регистрация закрыта", format!("Ваша регистрация закрыта по Вашему заявлению {}.", a.date)),
            (RegistrationClosed, En) => ("Registration closed", format!("Your registration was closed at your request on {}.", a.date)),
            (ForwardedToCareerCenter, Kk) => ("Өтінім мансап орталығына жіберілді", format!("Өтініміңіз №{} {} мансап орталығына ({}) жіберілді. Орталық бір жұмыс күні ішінде тіркейді.", a.reference, a.date, center)),
            (ForwardedToCareerCenter, Ru) => ("Заявка направлена в карьерный центр", format!("Ваша заявка №{} направлена {} в карьерный центр ({}). Центр зарегистрирует Вас в течение одного рабочего дня.", a.reference, a.date, center)),
            (ForwardedToCareerCenter, En) => ("Application forwarded to the career center", format!("Your application No. {} was forwarded on {} to the career center ({}). The center registers you within one working day.", a.reference, a.date, center)),
            (UnemployedRegistered, Kk) => ("Жұмыссыз ретінде тіркелдіңіз", format!("Сіз {} бастап жұмыссыз ретінде тіркелдіңіз ({}). Өтінім №{}.", a.date, center, a.reference)),
            (UnemployedRegistered, Ru) => ("Вы зарегистрированы в качестве безработного", format!("Вы зарегистрированы в качестве безработного с {} ({}). Заявка №{}.", a.date, center, a.reference)),
            (UnemployedRegistered, En) => ("You are registered as unemployed", format!("You are registered as unemployed from {} ({}). Application No. {}.", a.date, center, a.reference)),
            (UnemployedRefused, Kk) => ("Жұмыссыз ретінде тіркеуден бас тарту", format!("Жұмыссыз ретінде тіркеуден бас тартылды ({}). Себебі: {} [{}]. Өтінім №{}. Шешімге шағымдануға болады.", a.date, ground, a.code, a.reference)),
            (UnemployedRefused, Ru) => ("Отказ в регистрации в качестве безработного", format!("В регистрации в качестве безработного отказано ({}). Основание: {} [{}]. Заявка №{}. Решение может быть обжаловано.", a.date, ground, a.code, a.reference)),
            (UnemployedRefused, En) => ("Registration as unemployed refused", format!("Registration as unemployed was refused ({}). Ground: {} [{}]. Application No. {}. The decision may be appealed.", a.date, ground, a.code, a.reference)),
            (JoblossDocuments, Kk) => ("Жұмысынан айырылған жағдайдағы әлеуметтік төлем", format!("Мемлекеттік әлеуметтік сақтандыру қорынан жұмысынан айырылған жағдайда әлеуметтік төлем тағайындау үшін жеке басты куәландыратын құжат, банктік шоттың нөмірі (IBAN) және еңбек шартының тоқтатылғанын растайтын құжат қажет. Өтінішті enbek.kz жеке кабинетінен беруге болады. Тіркелген күні: {}. Өтінім №{}.", a.date, a.reference)),
            (JoblossDocuments, Ru) => ("Социальная выплата на случай потери работы", format!("Для назначения социальной выплаты на случай потери работы из Государственного фонда социального страхования нужны документ, удостоверяющий личность, номер банковского счёта (IBAN) и документ о прекращении трудового договора. Заявление можно подать в личном кабинете enbek.kz. Дата регистрации: {}. Заявка №{}.", a.date, a.reference)),
            (JoblossDocuments, En) => ("Job-loss social payment", format!("For the job-loss social payment from the State Social Insurance Fund you need an identity document, your bank account number (IBAN) and the document ending your employment contract. You can apply from your enbek.kz cabinet. Registered on {}. Application No. {}.", a.date, a.reference)),
            (Deregistered, Kk) => ("Жұмыссыздар есебінен шығару", format!("Сіз {} жұмыссыздар есебінен шығарылдыңыз. Негізі: {} [{}].{} Өтінім №{}. Шешімге шағымдануға болады.", a.date, ground, a.code, bar, a.reference)),
            (Deregistered, Ru) => ("Снятие с учёта безработных", format!("Вы сняты с учёта безработных {}. Основание: {} [{}].{} Заявка №{}. Решение может быть обжаловано.", a.date, ground, a.code, bar, a.reference)),
            (Deregistered, En) => ("Deregistered as unemployed", format!("You were deregistered as unemployed on {}. Ground: {} [{}].{} Application No. {}. The decision may be appealed.", a.date, ground, a.code, bar, a.reference)),
            (JoblossSubmitted, Kk) => ("Өтініш Мемлекеттік әлеуметтік сақтандыру қорына жіберілді", format!("Жұмысынан айырылған жағдайдағы әлеуметтік төлемге өтініміңіз №{} {} Мемлекеттік әлеуметтік сақтандыру қорына жіберілді.", a.reference, a.date)),
            (JoblossSubmitted, Ru) => ("Заявление направлено в Государственный фонд социального страхования", format!("Ваше заявление №{} на социальную выплату на случай потери работы направлено {} в Государственный фонд социального страхования.", a.reference, a.date)),
            (JoblossSubmitted, En) => ("Application sent to the State Social Insurance Fund", format!("Your application No. {} for the job-loss social payment was sent to the State Social Insurance Fund on {}.", a.reference, a.date)),
            (JoblossNotEligible, Kk) => ("Әлеуметтік төлемге құқық жоқ", format!("Өтінім №{} жіберілмейді: тіркелгенге дейінгі 24 айдың {} айында ғана әлеуметтік аударымдар төленген, кемінде 6 ай қажет ({}).", a.reference, a.months, a.date)),
            (JoblossNotEligible, Ru) => ("Нет права на социальную выплату", format!("Заявление №{} не может быть направлено: социальные отчисления уплачены лишь за {} из 24 месяцев до регистрации, нужно не менее 6 ({}).", a.reference, a.months, a.date)),
            (JoblossNotEligible, En) => ("No right to the job-loss payment", format!("Application No. {} cannot be sent: social contributions were paid for only {} of the 24 months before registration; at least 6 are needed ({}).", a.reference, a.months, a.date)),
            (ContactReminder, Kk) => ("Мансап орталығына бару туралы еске салу", format!("{} күні мансап орталығына ({}) келуіңіз күтіледі: {}.", a.date, center, a.note)),
            (ContactReminder, Ru) => ("Напоминание о явке в карьерный центр", format!("{} Вас ожидают в карьерном центре ({}): {}.", a.date, center, a.note)),
            (ContactReminder, En) => ("Reminder of your visit to the career center", format!("On {} you are expected at the career center ({}): {}.", a.date, center, a.note)),
        }
    }
}

/// Which decision a ground code belongs to: two share codes (`under_16`, `false_information`)
/// with different meanings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroundOf {
    /// Refusal to register as a job seeker (214 p.6, 214 p.8; 214 App.1 p.9).
    JobSeekerRefusal,
    /// Refusal to register as unemployed (214 p.41).
    UnemployedRefusal,
    /// Deregistration (214 p.51).
    Deregistration,
}

#[rustfmt::skip]
const GROUNDS: [(GroundOf, &str, &str, &str, &str); 18] = [
    (GroundOf::JobSeekerRefusal, "false_information", "ұсынылған құжаттар немесе деректер мемлекеттік деректер қорларымен расталмады", "представленные документы или сведения не подтверждены государственными базами данных", "the documents or data presented are not confirmed by the state registries"),
    (GroundOf::JobSeekerRefusal, "under_16", "16 жасқа толмаған адамның заңды өкілінің өтініші жоқ", "отсутствует заявление законного представителя лица, не достигшего 16 лет", "no statement of the legal representative of a person under 16"),
    (GroundOf::UnemployedRefusal, "under_16", "он алты жасқа толмаған", "не достиг шестнадцати лет", "under sixteen years of age"),
    (GroundOf::UnemployedRefusal, "employed", "жұмыспен қамтылған (жеке кәсіпкерлікті қоса алғанда)", "является занятым (включая индивидуальное предпринимательство)", "employed (including as an individual entrepreneur)"),
    (GroundOf::UnemployedRefusal, "pension_age", "Әлеуметтік кодекстің 207-бабында белгіленген зейнеткерлік жасқа толған", "достиг пенсионного возраста, установленного статьёй 207 Социального кодекса", "has reached the pension age of Social Code art.207"),
    (GroundOf::UnemployedRefusal, "false_information", "көрінеу жалған мәліметтер ұсынған", "представлены заведомо ложные сведения", "knowingly false information was given"),
    (GroundOf::UnemployedRefusal, "student", "белсенді шараларға үміткер студент немесе жоғары сынып оқушысы", "студент или учащийся старших классов, претендующий на активные меры", "a student or senior pupil seeking active measures"),
    (GroundOf::UnemployedRefusal, "convicted", "түзеу немесе мәжбүрлеу жұмыстарына не шартты түрде тағайындалмаған бас бостандығынан айыруға сотталған", "осуждён к исправительным или общественным работам либо к лишению свободы, назначенному не условно", "sentenced to correctional or public works or to imprisonment not suspended"),
    (GroundOf::Deregistration, "contributions_received", "әлеуметтік аударымдар мен зейнетақы жарналары түсті", "поступили социальные отчисления и пенсионные взносы", "social and pension contributions were paid for you"),
    (GroundOf::Deregistration, "refused_three_offers", "лайықты жұмыстың үш нұсқасынан бас тарту", "отказ от трёх вариантов подходящей работы", "three offers of suitable work refused"),
    (GroundOf::Deregistration, "late_offer_answer", "ұсынылған жұмысқа уақтылы жауап бермеу", "несвоевременный ответ на предложенную работу", "no answer to an offer of work in time"),
    (GroundOf::Deregistration, "no_show", "дәлелсіз себептермен келмеу", "неявка без уважительных причин", "not coming without good reason"),
    (GroundOf::Deregistration, "quit_active_measure", "белсенді шараға қатысуды өз бетінше тоқтату", "самовольное прекращение участия в активной мере", "quitting an active measure"),
    (GroundOf::Deregistration, "schedule_violated", "келу немесе хабарлау мерзімдерін бұзу", "нарушение сроков явки или уведомления", "breaking the schedule of visits or reports"),
    (GroundOf::Deregistration, "imprisoned", "бас бостандығынан айыруға соттау не мәжбүрлеп емдеуге жіберу", "осуждение к лишению свободы или направление на принудительное лечение", "a sentence of imprisonment or compulsory treatment"),
    (GroundOf::Deregistration, "circumstances_not_reported", "өзгерістер туралы бес жұмыс күні ішінде хабарламау", "несообщение об изменениях в течение пяти рабочих дней", "a change not reported within five working days"),
    (GroundOf::Deregistration, "false_documents", "көрінеу жалған немесе қолдан жасалған құжаттар беру", "представление заведомо ложных или подложных документов", "knowingly false or forged documents"),
    (GroundOf::Deregistration, "pension_granted", "зейнетақы тағайындалды", "назначена пенсия", "a pension was granted"),
];

/// The name of a ground in the three languages; a code unknown here reads "requirements not met".
pub fn ground(of: GroundOf, code: &str) -> Names {
    let (kk, ru, en) = GROUNDS.iter().find(|g| g.0 == of && g.1 == code).map_or(
        (
            "талаптарға сәйкес келмеу",
            "несоответствие требованиям",
            "requirements not met",
        ),
        |g| (g.2, g.3, g.4),
    );
    Names {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::notify::texts::assert_every_language;

    #[test]
    fn every_notice_has_a_text_in_each_language() {
        assert_every_language(Kind::ALL);
    }

    #[test]
    fn the_kazakh_and_russian_texts_differ_from_the_english() {
        let args = Args::default();
        let en = Kind::JobSeekerRegistered.render(Lang::En, &args).1;
        assert_ne!(Kind::JobSeekerRegistered.render(Lang::Kk, &args).1, en);
        assert_ne!(Kind::JobSeekerRegistered.render(Lang::Ru, &args).1, en);
    }

    #[test]
    fn every_ground_code_of_the_domain_has_its_names() {
        use enbek_domain::registration::unemployment::{Deregistration, UnemployedRefusal};
        use enbek_domain::registration::Refusal;
        let fallback = ground(GroundOf::Deregistration, "no such code").en;
        let codes = Refusal::ALL
            .iter()
            .map(|r| (GroundOf::JobSeekerRefusal, r.code()))
            .chain(
                UnemployedRefusal::ALL
                    .iter()
                    .map(|r| (GroundOf::UnemployedRefusal, r.code())),
            )
            .chain(
                Deregistration::ALL
                    .iter()
                    .map(|g| (GroundOf::Deregistration, g.code())),
            );
        for (of, code) in codes {
            assert_ne!(ground(of, code).en, fallback, "{of:?} {code}");
        }
    }
}
