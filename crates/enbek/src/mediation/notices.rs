//! The notices mediation sends, in Kazakh, Russian and English: a `match` over every notice and
//! language, so that a missing translation does not compile.

use crate::platform::http::lang::Lang;
use crate::platform::notify::{Args, Notice};

/// The notices mediation sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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
    /// A member of an employer invites the account to act for the employer; it accepts or
    /// declines in its cabinet (docs/SECURITY.md, employer membership).
    EmployerInvitation,
}

impl Kind {
    /// Every notice of this context.
    pub const ALL: &'static [Kind] = &[
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
        Kind::EmployerInvitation,
    ];
}

impl Notice for Kind {
    fn kind(self) -> &'static str {
        match self {
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
            Kind::EmployerInvitation => "employer_invitation",
        }
    }

    #[rustfmt::skip]
    fn render(self, lang: Lang, a: &Args) -> (&'static str, String) {
        use Kind::*;
        use Lang::*;
        match (self, lang) {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_a_text_in_each_language() {
        crate::platform::notify::texts::assert_every_language(Kind::ALL);
    }
}
