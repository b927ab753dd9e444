//! The problems of mediation: employers, vacancies, offers, interviews, resumes and saved searches. Each code is stable; its status and titles (kk, ru, en) are
//! given once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        EmployerNotInRegistry = ("employer_not_in_registry", 422, "Жұмыс беруші мемлекеттік тізілімде табылмады", "Работодатель не найден в государственном реестре", "The employer is not in the state registry"),
        NoPositions = ("no_positions", 422, "Бос жұмыс орындарының саны көрсетілмеген", "Не указано число рабочих мест", "There are no positions to fill"),
        SalaryRange = ("salary_range", 422, "Жалақының төменгі шегі жоғарғы шегінен асады", "Нижняя граница зарплаты выше верхней", "salary_from is above salary_to"),
        BelowMinimumWage = ("below_minimum_wage", 422, "Толық жұмыс уақытындағы жалақы ең төменгі жалақыдан төмен", "Зарплата при полной занятости ниже минимальной", "Full-time pay is below the minimum wage"),
        ExcludedVacancy = ("excluded_vacancy", 422, "Бұл лауазымдардың бос орындары қабылданбайды (214 б.66)", "Вакансии на эти должности не принимаются (214 п.66)", "Vacancies for these positions are not taken (214 p.66)"),
        NotEmployerHead = ("not_employer_head", 403, "Мемлекеттік тізілімде заңды тұлғаның басшысы ретінде басқа адам көрсетілген; ұйымның ЭЦҚ-сымен тіркеліңіз немесе басшыдан шақыру сұраңыз", "Государственный реестр называет руководителем юридического лица другое лицо; зарегистрируйтесь с ЭЦП организации или попросите приглашение у руководителя", "The state registry names another head of the legal entity; register with the organisation's certificate or ask the head for an invitation"),
        StaffCannotBeEmployer = ("staff_cannot_be_employer", 403, "Қызметкердің есептік жазбасы жұмыс беруші атынан әрекет ете алмайды", "Учётная запись сотрудника не может действовать от имени работодателя", "A staff account cannot act for an employer"),
        InvitationExists = ("invitation_exists", 409, "Бұл есептік жазбаға шақыру әлдеқашан жіберілген", "Этой учётной записи уже направлено приглашение", "This account already has a pending invitation"),
        InvitationExpired = ("invitation_expired", 409, "Шақырудың мерзімі өтті", "Срок приглашения истёк", "The invitation has expired"),
        NotSuitable = ("not_suitable", 422, "Бұл жұмыс адамға лайықты емес", "Эта работа не является для человека подходящей", "This work is not suitable for the person"),
        InterviewDeclined = ("interview_declined", 409, "Үміткер сұхбаттан бас тартты", "Кандидат отказался от собеседования", "The candidate declined the interview"),
        NoShowTooEarly = ("no_show_too_early", 409, "Келмеуді әлі белгілеуге болмайды: сұхбат уақыты немесе келу мерзімі өтпеді", "Неявку ещё нельзя отметить: время собеседования или срок явки не истекли", "A no-show cannot be recorded yet: the interview or the term to come has not passed"),
        OfferExists = ("offer_exists", 409, "Бұл бос орын адамға ұсынылған", "Эта вакансия уже предложена человеку", "This vacancy is already offered to the person"),
        NotRegistered = ("not_registered", 409, "Алдымен жұмыс іздеуші ретінде тіркеліңіз", "Сначала зарегистрируйтесь в качестве лица, ищущего работу", "Register as a job seeker first"),
        NoResume = ("no_resume", 404, "Түйіндеме жоқ", "Резюме отсутствует", "There is no resume"),
        EmployerNotVerified = ("employer_not_verified", 409, "Жұмыс берушіні мемлекеттік тізілім әлі растаған жоқ", "Работодатель ещё не подтверждён государственным реестром", "The state registry has not confirmed the employer yet"),
        EmployerExists = ("employer_exists", 409, "Бұл жұмыс беруші тіркелген", "Этот работодатель уже зарегистрирован", "This employer is already registered"),
        SavedSearchLimit = ("saved_search_limit", 409, "Сақталған іздеулер саны шегіне жетті", "Достигнуто предельное число сохранённых поисков", "The limit of saved searches is reached"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
    crate::accounts::interface::Code,
    crate::registration::interface::Code,
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::http::error::ApiError;
    use crate::platform::problem::Common;

    #[test]
    fn own_codes_are_typed_and_the_rest_pass_on_unchanged() {
        let own = Error::new(Code::OfferExists).detail("one offer per vacancy");
        assert_eq!(own.own(), Some(Code::OfferExists));
        assert!(own.is(Code::OfferExists));

        let common = Error::new(Common::InvalidState);
        assert_eq!(common.own(), None);
        assert!(common.is(Common::InvalidState));

        let lower = Error::new(crate::reference::interface::Code::UnknownOccupation);
        assert_eq!(lower.own(), None);
        assert_eq!(lower.code(), "unknown_occupation");

        let passed: Error =
            crate::platform::problem::Problem::<crate::registration::interface::Code>::new(
                crate::registration::interface::Code::NoRegistration,
            )
            .into();
        assert_eq!(passed.own(), None);
        assert_eq!(passed.code(), "no_registration");

        let edge = ApiError::from(own);
        assert_eq!(edge.code(), "offer_exists");
        assert_eq!(edge.status().as_u16(), 409);
        assert_eq!(edge.detail.as_deref(), Some("one offer per vacancy"));
    }
}
