//! The problems of reference data: codes that are not in it, files that do not parse. Each code is stable; its status and titles (kk, ru, en) are
//! given once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        UnknownTerritory = ("unknown_territory", 422, "Аумақ коды анықтамалықта жоқ немесе аудан облысқа, елді мекен ауданға жатпайды", "Код территории отсутствует в справочнике либо район не входит в область, а населённый пункт в район", "The territory code is not in the reference data, or the district is not in the region or the locality not in the district"),
        UnknownOrganization = ("unknown_organization", 422, "Ұйым табылмады", "Организация не найдена", "The organisation does not exist"),
        UnknownOccupation = ("unknown_occupation", 422, "Кәсіп жіктеуіште жоқ", "Занятие отсутствует в классификаторе", "The occupation is not in the classifier"),
        InvalidCsv = ("invalid_csv", 422, "Файл пішімі дұрыс емес", "Неверный формат файла", "The file format is not valid"),
    }
}

context_error!(Code;);
