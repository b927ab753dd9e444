//! The one API error type. Every failure leaves as `application/problem+json` with a stable
//! machine-readable `code`; the status is decided here and only here; the `title` is given in
//! the caller's language (Kazakh, Russian or English, from `Accept-Language`). Internal causes are
//! logged (without personal data) and never sent.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use enbek_domain::ids::IdError;
use serde_json::{json, Map, Value};

use crate::platform::http::lang::{current_lang, Lang};

/// Every problem code the API can answer with: (code, status, title kk, title ru, title en).
pub const CODES: &[(&str, u16, &str, &str, &str)] = &[
    (
        "malformed_json",
        400,
        "Сұрау денесі дұрыс JSON емес",
        "Тело запроса не является корректным JSON",
        "The request body is not valid JSON",
    ),
    (
        "invalid_request",
        422,
        "Сұрау өрістері дұрыс емес",
        "Поля запроса заполнены неверно",
        "The request fields are not valid",
    ),
    (
        "unsupported_media_type",
        415,
        "Сұрау түрі қолдау көрсетілмейді",
        "Тип содержимого не поддерживается",
        "The content type is not supported",
    ),
    (
        "payload_too_large",
        413,
        "Сұрау тым үлкен",
        "Запрос слишком большой",
        "The request body is too large",
    ),
    (
        "request_timeout",
        408,
        "Сұрау денесі уақытында жеткізілмеді",
        "Тело запроса не получено вовремя",
        "The request body did not arrive in time",
    ),
    (
        "invalid_iin",
        422,
        "ЖСН дұрыс емес",
        "Неверный ИИН",
        "The IIN is not valid",
    ),
    (
        "invalid_bin",
        422,
        "БСН дұрыс емес",
        "Неверный БИН",
        "The BIN is not valid",
    ),
    (
        "invalid_iban",
        422,
        "IBAN дұрыс емес",
        "Неверный IBAN",
        "The IBAN is not valid",
    ),
    (
        "invalid_phone",
        422,
        "Телефон нөмірі дұрыс емес",
        "Неверный номер телефона",
        "The phone number is not valid",
    ),
    (
        "invalid_email",
        422,
        "Электрондық пошта мекенжайы дұрыс емес",
        "Неверный адрес электронной почты",
        "The e-mail address is not valid",
    ),
    (
        "invalid_login",
        422,
        "Логин электрондық пошта немесе +7 ұялы нөмірі болуы керек",
        "Логин должен быть адресом электронной почты или мобильным номером +7",
        "The login must be an e-mail address or a +7 mobile number",
    ),
    (
        "weak_password",
        422,
        "Құпиясөз тым қарапайым",
        "Пароль слишком простой",
        "The password is too weak",
    ),
    (
        "terms_not_accepted",
        422,
        "Пайдаланушы келісімін қабылдау қажет",
        "Необходимо принять пользовательское соглашение",
        "The user agreement must be accepted",
    ),
    (
        "consent_required",
        422,
        "Дербес деректерді өңдеуге келісім қажет",
        "Требуется согласие на обработку персональных данных",
        "Consent to personal-data processing is required",
    ),
    (
        "invalid_date",
        422,
        "Күн дұрыс емес",
        "Неверная дата",
        "The date is not valid",
    ),
    (
        "invalid_value",
        422,
        "Мән дұрыс емес",
        "Недопустимое значение",
        "The value is not allowed",
    ),
    (
        "invalid_text",
        422,
        "Мәтінде басқару немесе көрінбейтін таңбалар бар",
        "Текст содержит управляющие или невидимые символы",
        "The text has control or invisible characters",
    ),
    (
        "unknown_territory",
        422,
        "Аумақ коды анықтамалықта жоқ немесе аудан облысқа, елді мекен ауданға жатпайды",
        "Код территории отсутствует в справочнике либо район не входит в область, а населённый пункт в район",
        "The territory code is not in the reference data, or the district is not in the region or the locality not in the district",
    ),
    (
        "unknown_organization",
        422,
        "Ұйым табылмады",
        "Организация не найдена",
        "The organisation does not exist",
    ),
    (
        "unknown_occupation",
        422,
        "Кәсіп жіктеуіште жоқ",
        "Занятие отсутствует в классификаторе",
        "The occupation is not in the classifier",
    ),
    (
        "invalid_csv",
        422,
        "Файл пішімі дұрыс емес",
        "Неверный формат файла",
        "The file format is not valid",
    ),
    (
        "employer_not_in_registry",
        422,
        "Жұмыс беруші мемлекеттік тізілімде табылмады",
        "Работодатель не найден в государственном реестре",
        "The employer is not in the state registry",
    ),
    (
        "no_positions",
        422,
        "Бос жұмыс орындарының саны көрсетілмеген",
        "Не указано число рабочих мест",
        "There are no positions to fill",
    ),
    (
        "salary_range",
        422,
        "Жалақының төменгі шегі жоғарғы шегінен асады",
        "Нижняя граница зарплаты выше верхней",
        "salary_from is above salary_to",
    ),
    (
        "below_minimum_wage",
        422,
        "Толық жұмыс уақытындағы жалақы ең төменгі жалақыдан төмен",
        "Зарплата при полной занятости ниже минимальной",
        "Full-time pay is below the minimum wage",
    ),
    (
        "excluded_vacancy",
        422,
        "Бұл лауазымдардың бос орындары қабылданбайды (214 б.66)",
        "Вакансии на эти должности не принимаются (214 п.66)",
        "Vacancies for these positions are not taken (214 p.66)",
    ),
    (
        "login_taken",
        409,
        "Бұл логин бос емес",
        "Этот логин уже занят",
        "This login is already taken",
    ),
    (
        "invalid_credentials",
        401,
        "Логин немесе құпиясөз қате",
        "Неверный логин или пароль",
        "Wrong login or password",
    ),
    (
        "unauthorized",
        401,
        "Жүйеге кіру қажет",
        "Требуется вход в систему",
        "Sign-in is required",
    ),
    (
        "too_many_attempts",
        429,
        "Әрекеттер тым көп, кейінірек қайталаңыз",
        "Слишком много попыток, повторите позже",
        "Too many attempts, try again later",
    ),
    (
        "forbidden",
        403,
        "Бұл әрекетке құқық жоқ",
        "Нет прав на это действие",
        "You may not do this",
    ),
    (
        "identity_not_proven",
        403,
        "Бұл ЖСН-ді алдымен электрондық цифрлық қолтаңбамен немесе SMS кодымен растаңыз",
        "Сначала подтвердите этот ИИН электронной цифровой подписью или SMS-кодом",
        "Prove this IIN first, by electronic signature or an SMS code",
    ),
    (
        "confirmation_required",
        403,
        "Өзгерісті жаңа растаумен (ЭЦҚ немесе SMS коды) растаңыз",
        "Подтвердите изменение новым подтверждением (ЭЦП или SMS-код)",
        "Confirm the change with a fresh proof (signature or SMS code)",
    ),
    (
        "no_registered_phone",
        422,
        "Мобильді азаматтар базасында бұл ЖСН-ге тіркелген телефон жоқ; ЭЦҚ-мен растаңыз",
        "В базе мобильных граждан нет телефона для этого ИИН; подтвердите ЭЦП",
        "No phone is linked to this IIN in the mobile-citizens registry; use an electronic signature",
    ),
    (
        "wrong_code",
        422,
        "Код қате",
        "Неверный код",
        "The code is wrong",
    ),
    (
        "proof_expired",
        409,
        "Растау мерзімі өтті; қайта бастаңыз",
        "Срок подтверждения истёк; начните заново",
        "The proof has expired; start again",
    ),
    (
        "proof_exhausted",
        409,
        "Әрекеттер саны таусылды; қайта бастаңыз",
        "Попытки исчерпаны; начните заново",
        "No attempts are left; start again",
    ),
    (
        "proof_completed",
        409,
        "Бұл растау аяқталған",
        "Это подтверждение уже завершено",
        "This proof is already completed",
    ),
    (
        "signature_invalid",
        422,
        "Қолтаңба дұрыс емес немесе деректерге сәйкес келмейді",
        "Подпись недействительна или не соответствует данным",
        "The signature is not valid or does not match the data",
    ),
    (
        "signature_unsupported",
        422,
        "Қолтаңба алгоритмі қолдау көрсетілмейді (RSA немесе ҰКО арқылы ГОСТ)",
        "Алгоритм подписи не поддерживается (RSA или ГОСТ через НУЦ)",
        "The signature algorithm is not supported (RSA, or GOST through the national CA's service)",
    ),
    (
        "signer_mismatch",
        422,
        "Қолтаңба иесінің ЖСН-і растаудағы ЖСН-ге сәйкес емес",
        "ИИН владельца подписи не совпадает с подтверждаемым ИИН",
        "The signer's IIN is not the IIN being proven",
    ),
    (
        "certificate_untrusted",
        422,
        "Сертификат сенімді куәландырушы орталықпен берілмеген",
        "Сертификат выдан недоверенным удостоверяющим центром",
        "The certificate is not issued by a trusted certification authority",
    ),
    (
        "certificate_expired",
        422,
        "Сертификаттың мерзімі өткен немесе әлі басталмаған",
        "Срок действия сертификата истёк или ещё не начался",
        "The certificate is expired or not yet valid",
    ),
    (
        "certificate_revoked",
        422,
        "Сертификат кері қайтарылған",
        "Сертификат отозван",
        "The certificate is revoked",
    ),
    (
        "not_employer_head",
        403,
        "Мемлекеттік тізілімде заңды тұлғаның басшысы ретінде басқа адам көрсетілген; ұйымның ЭЦҚ-сымен тіркеліңіз немесе басшыдан шақыру сұраңыз",
        "Государственный реестр называет руководителем юридического лица другое лицо; зарегистрируйтесь с ЭЦП организации или попросите приглашение у руководителя",
        "The state registry names another head of the legal entity; register with the organisation's certificate or ask the head for an invitation",
    ),
    (
        "revocation_unknown",
        503,
        "Сертификаттың кері қайтарылмағанын тексеру мүмкін болмады; кейінірек қайталаңыз",
        "Не удалось проверить, не отозван ли сертификат; повторите позже",
        "Whether the certificate is revoked cannot be established now; try again later",
    ),
    (
        "out_of_scope",
        403,
        "Бұл жазба сіздің ұйымыңызға жатпайды",
        "Эта запись вне ведения вашей организации",
        "This record is outside your organisation's scope",
    ),
    (
        "residence_reason_required",
        422,
        "Адам басқа өңірде тұрады: уақытша болу мекенжайын көрсетіңіз",
        "Лицо проживает в другом регионе: укажите адрес временного пребывания",
        "The person lives in another region: state the temporary stay",
    ),
    (
        "staff_cannot_be_employer",
        403,
        "Қызметкердің есептік жазбасы жұмыс беруші атынан әрекет ете алмайды",
        "Учётная запись сотрудника не может действовать от имени работодателя",
        "A staff account cannot act for an employer",
    ),
    (
        "invitation_exists",
        409,
        "Бұл есептік жазбаға шақыру әлдеқашан жіберілген",
        "Этой учётной записи уже направлено приглашение",
        "This account already has a pending invitation",
    ),
    (
        "invitation_expired",
        409,
        "Шақырудың мерзімі өтті",
        "Срок приглашения истёк",
        "The invitation has expired",
    ),
    ("not_found", 404, "Табылмады", "Не найдено", "Not found"),
    (
        "not_suitable",
        422,
        "Бұл жұмыс адамға лайықты емес",
        "Эта работа не является для человека подходящей",
        "This work is not suitable for the person",
    ),
    (
        "interview_declined",
        409,
        "Үміткер сұхбаттан бас тартты",
        "Кандидат отказался от собеседования",
        "The candidate declined the interview",
    ),
    (
        "no_show_too_early",
        409,
        "Келмеуді әлі белгілеуге болмайды: сұхбат уақыты немесе келу мерзімі өтпеді",
        "Неявку ещё нельзя отметить: время собеседования или срок явки не истекли",
        "A no-show cannot be recorded yet: the interview or the term to come has not passed",
    ),
    (
        "offer_exists",
        409,
        "Бұл бос орын адамға ұсынылған",
        "Эта вакансия уже предложена человеку",
        "This vacancy is already offered to the person",
    ),
    (
        "not_registered",
        409,
        "Алдымен жұмыс іздеуші ретінде тіркеліңіз",
        "Сначала зарегистрируйтесь в качестве лица, ищущего работу",
        "Register as a job seeker first",
    ),
    (
        "no_resume",
        404,
        "Түйіндеме жоқ",
        "Резюме отсутствует",
        "There is no resume",
    ),
    (
        "no_registration",
        404,
        "Тіркеу жоқ",
        "Регистрация отсутствует",
        "There is no registration",
    ),
    (
        "registration_exists",
        409,
        "Белсенді тіркеу бар",
        "Уже есть действующая регистрация",
        "An active registration exists",
    ),
    (
        "reregistration_barred",
        409,
        "Қайта тіркеуге тыйым салынған мерзім өтпеген",
        "Повторная регистрация запрещена до истечения срока",
        "Re-registration is barred until the date given",
    ),
    (
        "iin_bound_to_other_account",
        409,
        "Бұл ЖСН басқа есептік жазбаға байланған",
        "Этот ИИН привязан к другой учётной записи",
        "This IIN belongs to another account",
    ),
    (
        "account_iin_mismatch",
        409,
        "ЖСН есептік жазбаның ЖСН-іне сәйкес емес",
        "ИИН не совпадает с ИИН учётной записи",
        "The IIN differs from the account's IIN",
    ),
    (
        "plan_exists",
        409,
        "Жұмысқа орналастырудың жеке жоспары бар",
        "Индивидуальный план трудоустройства уже составлен",
        "An individual employment plan exists",
    ),
    (
        "jobloss_application_exists",
        409,
        "Бұл тіркеу бойынша өтініш берілген",
        "По этой регистрации заявление уже подано",
        "An application was already made for this registration",
    ),
    (
        "employer_not_verified",
        409,
        "Жұмыс берушіні мемлекеттік тізілім әлі растаған жоқ",
        "Работодатель ещё не подтверждён государственным реестром",
        "The state registry has not confirmed the employer yet",
    ),
    (
        "employer_exists",
        409,
        "Бұл жұмыс беруші тіркелген",
        "Этот работодатель уже зарегистрирован",
        "This employer is already registered",
    ),
    (
        "places_filled",
        409,
        "Өтінімнің барлық орындары толтырылған",
        "Все места по заявке заняты",
        "All places of the application are taken",
    ),
    (
        "participant_exists",
        409,
        "Бұл қатысушы өтінімге енгізілген",
        "Этот участник уже внесён в заявку",
        "This participant is already on the application",
    ),
    (
        "saved_search_limit",
        409,
        "Сақталған іздеулер саны шегіне жетті",
        "Достигнуто предельное число сохранённых поисков",
        "The limit of saved searches is reached",
    ),
    (
        "invalid_state",
        409,
        "Бұл әрекет ағымдағы күйде мүмкін емес",
        "Действие невозможно в текущем состоянии",
        "Not possible in the current state",
    ),
    (
        "internal",
        500,
        "Ішкі қате",
        "Внутренняя ошибка",
        "Internal error",
    ),
    (
        "unavailable",
        503,
        "Қызмет уақытша қолжетімсіз",
        "Сервис временно недоступен",
        "The service is temporarily unavailable",
    ),
];

#[derive(Debug)]
pub struct ApiError {
    pub code: &'static str,
    pub detail: Option<String>,
    pub extra: Map<String, Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: &'static str) -> ApiError {
        debug_assert!(
            CODES.iter().any(|c| c.0 == code),
            "unknown problem code {code}"
        );
        ApiError {
            code,
            detail: None,
            extra: Map::new(),
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.detail = Some(detail.into());
        self
    }

    pub fn with(mut self, key: &str, value: impl serde::Serialize) -> ApiError {
        self.extra.insert(key.to_string(), json!(value));
        self
    }

    pub fn status(&self) -> StatusCode {
        let code = CODES.iter().find(|c| c.0 == self.code).map_or(500, |c| c.1);
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn forbidden() -> ApiError {
        ApiError::new("forbidden")
    }

    pub fn not_found() -> ApiError {
        ApiError::new("not_found")
    }

    /// A server-side failure: logged with its cause, answered without it.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %cause, "internal error");
        ApiError::new("internal")
    }
}

pub fn title(code: &str, lang: Lang) -> &'static str {
    let row = CODES
        .iter()
        .find(|c| c.0 == code)
        .unwrap_or(&CODES[CODES.len() - 2]);
    match lang {
        Lang::Kk => row.2,
        Lang::Ru => row.3,
        Lang::En => row.4,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut body = Map::new();
        body.insert("type".into(), json!(format!("/problems/{}", self.code)));
        body.insert("title".into(), json!(title(self.code, current_lang())));
        body.insert("status".into(), json!(status.as_u16()));
        body.insert("code".into(), json!(self.code));
        if let Some(detail) = self.detail {
            body.insert("detail".into(), json!(detail));
        }
        // A problem that says how long to wait says it in `Retry-After` too (RFC 9110 §10.2.3).
        let retry_after = self
            .extra
            .get("retry_after_seconds")
            .and_then(Value::as_u64);
        body.extend(self.extra);
        let mut response = (status, axum::Json(Value::Object(body))).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %e, "database unavailable");
                ApiError::new("unavailable")
            }
            _ => ApiError::internal(e),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(format!("{e:#}"))
    }
}

impl From<IdError> for ApiError {
    fn from(e: IdError) -> ApiError {
        ApiError::new(e.code()).detail(e.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        match r {
            JsonRejection::JsonSyntaxError(e) => {
                ApiError::new("malformed_json").detail(e.body_text())
            }
            JsonRejection::JsonDataError(e) => {
                ApiError::new("invalid_request").detail(e.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => {
                ApiError::new("unsupported_media_type").detail("send the body as application/json")
            }
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::new("payload_too_large")
            }
            other => ApiError::new("malformed_json").detail(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::new("invalid_request").detail(r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::new("not_found").detail(r.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_has_three_titles() {
        for (i, row) in CODES.iter().enumerate() {
            assert!(
                CODES[i + 1..].iter().all(|other| other.0 != row.0),
                "{} twice",
                row.0
            );
            assert!(!row.2.is_empty() && !row.3.is_empty() && !row.4.is_empty());
            assert!(StatusCode::from_u16(row.1).is_ok());
        }
    }

    #[test]
    fn the_identifier_errors_map_to_their_codes() {
        let e: ApiError = enbek_domain::ids::Iin::parse("821214240092")
            .unwrap_err()
            .into();
        assert_eq!(e.code, "invalid_iin");
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
