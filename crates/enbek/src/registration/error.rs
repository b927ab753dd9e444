//! The problems of registration: consent, residence, and a case that exists, is barred or is missing. Each code is stable; its status and titles (kk, ru, en) are
//! given once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        ConsentRequired = ("consent_required", 422, "Дербес деректерді өңдеуге келісім қажет", "Требуется согласие на обработку персональных данных", "Consent to personal-data processing is required"),
        ResidenceReasonRequired = ("residence_reason_required", 422, "Адам басқа өңірде тұрады: уақытша болу мекенжайын көрсетіңіз", "Лицо проживает в другом регионе: укажите адрес временного пребывания", "The person lives in another region: state the temporary stay"),
        NoRegistration = ("no_registration", 404, "Тіркеу жоқ", "Регистрация отсутствует", "There is no registration"),
        RegistrationExists = ("registration_exists", 409, "Белсенді тіркеу бар", "Уже есть действующая регистрация", "An active registration exists"),
        ReregistrationBarred = ("reregistration_barred", 409, "Қайта тіркеуге тыйым салынған мерзім өтпеген", "Повторная регистрация запрещена до истечения срока", "Re-registration is barred until the date given"),
        PlanExists = ("plan_exists", 409, "Жұмысқа орналастырудың жеке жоспары бар", "Индивидуальный план трудоустройства уже составлен", "An individual employment plan exists"),
        JoblossApplicationExists = ("jobloss_application_exists", 409, "Бұл тіркеу бойынша өтініш берілген", "По этой регистрации заявление уже подано", "An application was already made for this registration"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
    crate::accounts::interface::Code,
    crate::documents::interface::Code,
);
