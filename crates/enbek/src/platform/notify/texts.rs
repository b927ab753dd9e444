//! Texts of the notices, in Kazakh, Russian and English. A `match` over every kind and language,
//! so that a missing translation does not compile.

use crate::platform::http::lang::Lang;

/// The notices the platform sends.
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
    /// An offer of suitable work, to answer by the day given (214 p.71–72).
    OfferMade,
    /// An interview with the employer: time and place (214 p.73, 214 p.79).
    InterviewInvited,
    /// The employer hired the person (214 p.76, 214 p.81).
    Hired,
    /// The employer did not hire the person, or did not answer in 5 working days (214 p.75).
    NotHired,
    /// A new vacancy that a saved search finds (214 p.77).
    SavedSearchMatch,
    /// The registry confirmed an employer it had not answered on (214 p.66; 206 p.10).
    EmployerVerified,
    /// The registry's late answer refused the employer (214 p.66; 206 p.10).
    EmployerRefused,
    /// To the employer: a candidate's resume for a vacancy, to decide on by the day given
    /// (214 p.73, 214 p.75).
    CandidateReferred,
    /// To the employer: the term to decide on a candidate ends soon (214 p.73, 214 p.75).
    DecisionReminder,
    /// The employer recorded that an unemployed person did not come to the interview
    /// within 5 working days of the notice (214 p.51(3)); the career center weighs the reasons.
    InterviewNoShow,
    /// A one-time code proving the person's identity, to the phone the mobile-citizens registry
    /// links to the IIN.
    IdentityCode,
    /// The bank account (IBAN) of the job-loss payment was changed: the person is told, so that
    /// a change they did not make is noticed at once.
    IbanChanged,
    /// A member of an employer invites the account to act for the employer; it accepts or
    /// declines in its cabinet (docs/SECURITY.md, employer membership).
    EmployerInvitation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
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
            Kind::OfferMade => "offer_made",
            Kind::InterviewInvited => "interview_invited",
            Kind::Hired => "hired",
            Kind::NotHired => "not_hired",
            Kind::SavedSearchMatch => "saved_search_match",
            Kind::EmployerVerified => "employer_verified",
            Kind::EmployerRefused => "employer_refused",
            Kind::CandidateReferred => "candidate_referred",
            Kind::DecisionReminder => "decision_reminder",
            Kind::InterviewNoShow => "interview_no_show",
            Kind::IdentityCode => "identity_code",
            Kind::IbanChanged => "iban_changed",
            Kind::EmployerInvitation => "employer_invitation",
        }
    }
}

/// Values a text may mention. Never the IIN: messages leave the platform.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub date: String,
    pub center: Names,
    pub code: String,
    pub ground: Names,
    /// The last day of a bar on re-registration, when there is one.
    pub until: Option<String>,
    pub reference: String,
    /// A count of months (of contributions, of payment).
    pub months: u32,
    /// Free text written by staff (a contact's purpose).
    pub note: String,
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
    let ground = a.ground.get(lang);
    let bar = match (&a.until, lang) {
        (None, _) => String::new(),
        (Some(until), Kk) => format!(" {until} қоса алғанда қайта тіркелу мүмкін емес."),
        (Some(until), Ru) => format!(" Повторная регистрация невозможна по {until} включительно."),
        (Some(until), En) => format!(" You may not register again until {until} inclusive."),
    };
    let minutes = enbek_domain::accounts::identity::PROOF_LIFETIME_MINUTES;
    let (subject, text) = match (kind, lang) {
        (IdentityCode, Kk) => ("Растау коды", format!("enbek.kz: жеке басыңызды растау коды {}. Ол {} минут жарамды. Кодты ешкімге айтпаңыз.", a.code, minutes)),
        (IdentityCode, Ru) => ("Код подтверждения", format!("enbek.kz: код подтверждения личности {}. Действует {} минут. Никому не сообщайте код.", a.code, minutes)),
        (IdentityCode, En) => ("Confirmation code", format!("enbek.kz: your identity confirmation code is {}. It is valid for {} minutes. Do not tell anyone the code.", a.code, minutes)),
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
        (OfferMade, Kk) => ("Лайықты жұмыс ұсынысы", format!("Сізге лайықты жұмыс ұсынылады: {}. Келісетініңізді немесе бас тартатыныңызды {} қоса алғанда enbek.kz жеке кабинетінде хабарлаңыз. Ұсыныс №{}.", a.note, a.date, a.reference)),
        (OfferMade, Ru) => ("Предложение подходящей работы", format!("Вам предложена подходящая работа: {}. Сообщите о согласии или отказе в личном кабинете enbek.kz до {} включительно. Предложение №{}.", a.note, a.date, a.reference)),
        (OfferMade, En) => ("An offer of suitable work", format!("You are offered suitable work: {}. Answer yes or no in your enbek.kz cabinet by {} inclusive. Offer No. {}.", a.note, a.date, a.reference)),
        (InterviewInvited, Kk) => ("Сұхбатқа шақыру", format!("Жұмыс беруші сізді сұхбатқа шақырады: {} ({}). Бара алмасаңыз, enbek.kz жеке кабинетінде бас тартыңыз. Ұсыныс №{}.", a.date, a.note, a.reference)),
        (InterviewInvited, Ru) => ("Приглашение на собеседование", format!("Работодатель приглашает Вас на собеседование: {} ({}). Если не сможете прийти, откажитесь в личном кабинете enbek.kz. Предложение №{}.", a.date, a.note, a.reference)),
        (InterviewInvited, En) => ("Invitation to an interview", format!("The employer invites you to an interview: {} ({}). If you cannot come, decline in your enbek.kz cabinet. Offer No. {}.", a.date, a.note, a.reference)),
        (InterviewNoShow, Kk) => ("Сұхбатқа келмегеніңіз белгіленді", format!("Жұмыс беруші сіздің сұхбатқа {} дейін келмегеніңізді белгіледі: {}. Дәлелді себебіңіз болса, мансап орталығына тез арада хабарлаңыз: дәлелді себепсіз келмеу жұмыссыз ретінде есептен шығаруға негіз болады. Ұсыныс №{}.", a.date, a.note, a.reference)),
        (InterviewNoShow, Ru) => ("Отмечена неявка на собеседование", format!("Работодатель отметил, что Вы не явились на собеседование до {}: {}. Если у Вас была уважительная причина, сообщите о ней в карьерный центр как можно скорее: неявка без уважительной причины — основание для снятия с учёта безработных. Предложение №{}.", a.date, a.note, a.reference)),
        (InterviewNoShow, En) => ("A missed interview recorded", format!("The employer recorded that you did not come to the interview by {}: {}. If you had a good reason, tell your career center as soon as you can: not coming without a good reason is a ground to end your registration as unemployed. Offer No. {}.", a.date, a.note, a.reference)),
        (EmployerInvitation, Kk) => ("Жұмыс берушіге қосылуға шақыру", format!("«{}» жұмыс берушісі сізді enbek.kz порталында өз атынан әрекет етуге шақырады. Шақыруды жеке кабинетте {} дейін қабылдауға немесе одан бас тартуға болады; қабылдамасаңыз, сіз жұмыс берушіге қосылмайсыз. Шақыру №{}.", a.note, a.date, a.reference)),
        (EmployerInvitation, Ru) => ("Приглашение присоединиться к работодателю", format!("Работодатель «{}» приглашает Вас действовать от его имени на портале enbek.kz. Принять или отклонить приглашение можно в личном кабинете до {}; без Вашего согласия Вы не будете присоединены к работодателю. Приглашение №{}.", a.note, a.date, a.reference)),
        (EmployerInvitation, En) => ("An invitation to join an employer", format!("The employer \"{}\" invites you to act for it on enbek.kz. Accept or decline the invitation in your cabinet by {}; without your consent you are not added to the employer. Invitation No. {}.", a.note, a.date, a.reference)),
        (Hired, Kk) => ("Жұмысқа қабылдандыңыз", format!("Жұмыс беруші сізді жұмысқа қабылдады: {} ({}). Тіркеуіңіз жабылды. Ұсыныс №{}.", a.note, a.date, a.reference)),
        (Hired, Ru) => ("Вы приняты на работу", format!("Работодатель принял Вас на работу: {} ({}). Ваша регистрация закрыта. Предложение №{}.", a.note, a.date, a.reference)),
        (Hired, En) => ("You are hired", format!("The employer hired you: {} ({}). Your registration is closed. Offer No. {}.", a.note, a.date, a.reference)),
        (NotHired, Kk) => ("Жұмыс берушінің шешімі", format!("Жұмыс беруші сізді жұмысқа қабылдамады: {} ({}). Мансап орталығы басқа жұмыс іздеуді жалғастырады. Ұсыныс №{}.", a.note, a.date, a.reference)),
        (NotHired, Ru) => ("Решение работодателя", format!("Работодатель не принял Вас на работу: {} ({}). Карьерный центр продолжит подбор работы. Предложение №{}.", a.note, a.date, a.reference)),
        (NotHired, En) => ("The employer's decision", format!("The employer did not hire you: {} ({}). The career center goes on looking for work for you. Offer No. {}.", a.note, a.date, a.reference)),
        (SavedSearchMatch, Kk) => ("Сақталған іздеуге жаңа бос жұмыс орны", format!("Сақталған іздеуіңізге сай жаңа бос жұмыс орны жарияланды: {} ({}). Бос орын №{}.", a.note, a.date, a.reference)),
        (SavedSearchMatch, Ru) => ("Новая вакансия по сохранённому поиску", format!("Опубликована новая вакансия по Вашему сохранённому поиску: {} ({}). Вакансия №{}.", a.note, a.date, a.reference)),
        (SavedSearchMatch, En) => ("A new vacancy for your saved search", format!("A new vacancy matching your saved search was posted: {} ({}). Vacancy No. {}.", a.note, a.date, a.reference)),
        (EmployerVerified, Kk) => ("Жұмыс беруші расталды", format!("«{}» жұмыс берушісін мемлекеттік тізілім растады ({}). Енді бос жұмыс орындарын жариялай аласыз. Жұмыс беруші №{}.", a.note, a.date, a.reference)),
        (EmployerVerified, Ru) => ("Работодатель подтверждён", format!("Работодатель «{}» подтверждён государственным реестром ({}). Теперь Вы можете размещать вакансии. Работодатель №{}.", a.note, a.date, a.reference)),
        (EmployerVerified, En) => ("Employer confirmed", format!("The state registry confirmed the employer \"{}\" ({}). You can now post vacancies. Employer No. {}.", a.note, a.date, a.reference)),
        (EmployerRefused, Kk) => ("Жұмыс беруші тіркелмеді", format!("«{}» жұмыс берушісі тіркелмеді ({}): БСН немесе ЖСН мемлекеттік тізілімде жоқ немесе әрекет етпейді [{}]. Деректерді тексеріп, қайта тіркеле аласыз. Жұмыс беруші №{}.", a.note, a.date, a.code, a.reference)),
        (EmployerRefused, Ru) => ("Работодатель не зарегистрирован", format!("Работодатель «{}» не зарегистрирован ({}): БИН или ИИН отсутствует в государственном реестре или недействующий [{}]. Проверьте данные и зарегистрируйтесь снова. Работодатель №{}.", a.note, a.date, a.code, a.reference)),
        (EmployerRefused, En) => ("Employer not registered", format!("The employer \"{}\" was not registered ({}): the BIN or IIN is not in the state registry or not active [{}]. Check the data and register again. Employer No. {}.", a.note, a.date, a.code, a.reference)),
        (CandidateReferred, Kk) => ("Бос жұмыс орнына үміткер", format!("«{}» бос жұмыс орнына үміткердің түйіндемесі жіберілді. Оны enbek.kz жеке кабинетінде қарап, жұмысқа қабылдау немесе бас тарту туралы шешіміңізді {} қоса алғанда хабарлаңыз; жауап болмаса, бас тарту деп есептеледі. Үміткер №{}.", a.note, a.date, a.reference)),
        (CandidateReferred, Ru) => ("Кандидат на вакансию", format!("На вакансию «{}» направлено резюме кандидата. Рассмотрите его в личном кабинете enbek.kz и сообщите о приёме на работу или отказе до {} включительно; отсутствие ответа считается отказом. Кандидат №{}.", a.note, a.date, a.reference)),
        (CandidateReferred, En) => ("A candidate for your vacancy", format!("A candidate's resume was sent for your vacancy \"{}\". Review it in your enbek.kz cabinet and answer hired or not hired by {} inclusive; no answer counts as a refusal. Candidate No. {}.", a.note, a.date, a.reference)),
        (DecisionReminder, Kk) => ("Үміткер бойынша шешім туралы еске салу", format!("«{}» бос жұмыс орнына жіберілген үміткер бойынша шешіміңізді {} қоса алғанда enbek.kz жеке кабинетінде хабарлаңыз; жауап болмаса, бас тарту деп есептеледі. Үміткер №{}.", a.note, a.date, a.reference)),
        (DecisionReminder, Ru) => ("Напоминание о решении по кандидату", format!("Сообщите в личном кабинете enbek.kz решение по кандидату, направленному на вакансию «{}», до {} включительно; отсутствие ответа считается отказом. Кандидат №{}.", a.note, a.date, a.reference)),
        (DecisionReminder, En) => ("Reminder: decide on a candidate", format!("Please answer in your enbek.kz cabinet on the candidate referred for your vacancy \"{}\" by {} inclusive; no answer counts as a refusal. Candidate No. {}.", a.note, a.date, a.reference)),
    };
    (subject.to_string(), text)
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
    (GroundOf::UnemployedRefusal, "pension_age", "зейнеткерлік жасқа толған немесе зейнетақы алады", "достиг пенсионного возраста или получает пенсию", "has reached the pension age or receives a pension"),
    (GroundOf::UnemployedRefusal, "false_information", "көрінеу жалған мәліметтер ұсынған", "представлены заведомо ложные сведения", "knowingly false information was given"),
    (GroundOf::UnemployedRefusal, "student", "белсенді шараларға үміткер студент немесе жоғары сынып оқушысы", "студент или учащийся старших классов, претендующий на активные меры", "a student or senior pupil seeking active measures"),
    (GroundOf::UnemployedRefusal, "convicted", "түзеу немесе мәжбүрлеу жұмыстарына не бас бостандығынан айыруға сотталған", "осуждён к исправительным или принудительным работам либо к лишению свободы", "sentenced to correctional or compulsory works or to imprisonment"),
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
            ground: ground(GroundOf::Deregistration, "no_show"),
            until: Some("2026-04-25".into()),
            reference: "R".into(),
            months: 4,
            note: "консультация".into(),
        };
        for kind in [
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
            Kind::OfferMade,
            Kind::InterviewInvited,
            Kind::Hired,
            Kind::NotHired,
            Kind::SavedSearchMatch,
            Kind::EmployerVerified,
            Kind::EmployerRefused,
            Kind::CandidateReferred,
            Kind::DecisionReminder,
            Kind::InterviewNoShow,
            Kind::IbanChanged,
            Kind::EmployerInvitation,
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
    fn the_identity_code_text_carries_the_code_and_its_ten_minutes() {
        let args = Args {
            code: "042917".into(),
            ..Args::default()
        };
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let (_, text) = render(Kind::IdentityCode, lang, &args);
            assert!(text.contains("042917") && text.contains("10"), "{lang:?}");
        }
    }

    #[test]
    fn the_kazakh_and_russian_texts_differ_from_the_english() {
        let args = Args::default();
        let en = render(Kind::JobSeekerRegistered, Lang::En, &args).1;
        assert_ne!(render(Kind::JobSeekerRegistered, Lang::Kk, &args).1, en);
        assert_ne!(render(Kind::JobSeekerRegistered, Lang::Ru, &args).1, en);
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
