//! Problem codes and the contexts' error type. Each context declares its own codes as an enum
//! (`problem_codes!`), the platform declares the ones every part shares (`Common`); an error is
//! made from a variant, so a code the compiler does not know cannot be answered. Each context's
//! use cases fail with their own type, `Problem<Code>` of that context's `Code`: its own code
//! typed, or a problem passed on from below (a common one, or a lower context's, converted by
//! `passes_on!`). The HTTP edge turns any of them into `application/problem+json`
//! (`platform::http::error`).

use std::fmt;

use enbek_domain::ids::IdError;

use crate::platform::http::error::ApiError;
use crate::platform::http::lang::Lang;

/// What the edge needs of a code: its stable name, its HTTP status and its title in each
/// language.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub name: &'static str,
    pub status: u16,
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

impl CodeInfo {
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// A problem code of one context (or of the platform).
pub trait ProblemCode: Copy {
    fn info(self) -> &'static CodeInfo;
}

/// The code enum of a context (not `Common`): the one its `Problem` carries typed.
pub trait ContextCode: ProblemCode + fmt::Debug {}

/// A failure of one context's use cases. `own` is set when the problem is one of the context's
/// own codes, so its callers can match on it; the rest (a common problem, a lower context's
/// passed on, a platform failure) travel as the edge's problem they will be answered with.
#[derive(Debug)]
pub struct Problem<C> {
    own: Option<C>,
    problem: ApiError,
}

/// What a context's problem can be made from: its own code, a common one, or a code of a
/// context below it (`context_error!`).
pub trait Raise<C> {
    fn raise(self) -> Problem<C>;
}

impl<C: ContextCode> Raise<C> for C {
    fn raise(self) -> Problem<C> {
        Problem {
            own: Some(self),
            problem: ApiError::new(self),
        }
    }
}

impl<C: ContextCode> Raise<C> for Common {
    fn raise(self) -> Problem<C> {
        ApiError::new(self).into()
    }
}

impl<C: ContextCode> Problem<C> {
    pub fn new(code: impl Raise<C>) -> Problem<C> {
        code.raise()
    }

    pub fn not_found() -> Problem<C> {
        ApiError::not_found().into()
    }

    pub fn forbidden() -> Problem<C> {
        ApiError::forbidden().into()
    }

    /// A server-side failure: logged with its cause, answered without it.
    pub fn internal(cause: impl fmt::Display) -> Problem<C> {
        ApiError::internal(cause).into()
    }

    /// The context's own code, when the problem is one of them.
    pub fn own(&self) -> Option<C> {
        self.own
    }

    /// The stable name of the code (`not_found`, `offer_exists`…).
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// Whether this is a problem of that code (of any context, or a common one).
    pub fn is(&self, code: impl ProblemCode) -> bool {
        self.problem.is(code)
    }

    pub fn detail(self, detail: impl Into<String>) -> Problem<C> {
        Problem {
            problem: self.problem.detail(detail),
            ..self
        }
    }

    pub fn with(self, key: &str, value: impl serde::Serialize) -> Problem<C> {
        Problem {
            problem: self.problem.with(key, value),
            ..self
        }
    }

    /// The same problem as another context's, which passes it on unchanged (a port's
    /// implementation answering in the declaring context's type).
    pub fn passed<D>(self) -> Problem<D> {
        Problem {
            own: None,
            problem: self.problem,
        }
    }
}

impl<C> From<Problem<C>> for ApiError {
    fn from(p: Problem<C>) -> ApiError {
        p.problem
    }
}

impl<C> From<ApiError> for Problem<C> {
    fn from(problem: ApiError) -> Problem<C> {
        Problem { own: None, problem }
    }
}

impl<C> From<sqlx::Error> for Problem<C> {
    fn from(e: sqlx::Error) -> Problem<C> {
        ApiError::from(e).into()
    }
}

impl<C> From<anyhow::Error> for Problem<C> {
    fn from(e: anyhow::Error) -> Problem<C> {
        ApiError::from(e).into()
    }
}

impl<C> From<IdError> for Problem<C> {
    fn from(e: IdError) -> Problem<C> {
        ApiError::from(e).into()
    }
}

impl<C> axum::response::IntoResponse for Problem<C> {
    fn into_response(self) -> axum::response::Response {
        self.problem.into_response()
    }
}

/// Declares a context's error type over its `Code` and how the problems of the contexts below
/// it pass on through it: `context_error!(Code; lower::Code, …)`.
macro_rules! context_error {
    ($own:ty; $($lower:ty),* $(,)?) => {
        impl $crate::platform::problem::ContextCode for $own {}

        /// The failure of this context's use cases.
        pub type Error = $crate::platform::problem::Problem<$own>;

        /// The result of this context's use cases.
        pub type Result<T, E = Error> = std::result::Result<T, E>;

        $(
            impl From<$crate::platform::problem::Problem<$lower>> for Error {
                fn from(p: $crate::platform::problem::Problem<$lower>) -> Error {
                    p.passed()
                }
            }

            impl $crate::platform::problem::Raise<$own> for $lower {
                fn raise(self) -> Error {
                    $crate::platform::problem::Problem::<$lower>::new(self).passed()
                }
            }
        )*
    };
}

pub(crate) use context_error;

/// Declares a context's problem codes: `Variant = ("name", status, "kk", "ru", "en"),`.
macro_rules! problem_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($variant:ident = ($code:literal, $status:literal, $kk:literal, $ru:literal, $en:literal),)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            /// Every code of this enum, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
        }

        impl $crate::platform::problem::ProblemCode for $name {
            fn info(self) -> &'static $crate::platform::problem::CodeInfo {
                match self {
                    $($name::$variant => &$crate::platform::problem::CodeInfo {
                        name: $code,
                        status: $status,
                        kk: $kk,
                        ru: $ru,
                        en: $en,
                    },)+
                }
            }
        }
    };
}

pub(crate) use problem_codes;

problem_codes! {
    /// The problems every part of the service may answer with: malformed or invalid input, sign-in and access, a missing record, a state that forbids the change, and the service itself unavailable.
    pub enum Common {
        MalformedJson = ("malformed_json", 400, "Сұрау денесі дұрыс JSON емес", "Тело запроса не является корректным JSON", "The request body is not valid JSON"),
        InvalidRequest = ("invalid_request", 422, "Сұрау өрістері дұрыс емес", "Поля запроса заполнены неверно", "The request fields are not valid"),
        UnsupportedMediaType = ("unsupported_media_type", 415, "Сұрау түрі қолдау көрсетілмейді", "Тип содержимого не поддерживается", "The content type is not supported"),
        PayloadTooLarge = ("payload_too_large", 413, "Сұрау тым үлкен", "Запрос слишком большой", "The request body is too large"),
        RequestTimeout = ("request_timeout", 408, "Сұрау денесі уақытында жеткізілмеді", "Тело запроса не получено вовремя", "The request body did not arrive in time"),
        InvalidIin = ("invalid_iin", 422, "ЖСН дұрыс емес", "Неверный ИИН", "The IIN is not valid"),
        InvalidBin = ("invalid_bin", 422, "БСН дұрыс емес", "Неверный БИН", "The BIN is not valid"),
        InvalidIban = ("invalid_iban", 422, "IBAN дұрыс емес", "Неверный IBAN", "The IBAN is not valid"),
        InvalidPhone = ("invalid_phone", 422, "Телефон нөмірі дұрыс емес", "Неверный номер телефона", "The phone number is not valid"),
        InvalidEmail = ("invalid_email", 422, "Электрондық пошта мекенжайы дұрыс емес", "Неверный адрес электронной почты", "The e-mail address is not valid"),
        InvalidDate = ("invalid_date", 422, "Күн дұрыс емес", "Неверная дата", "The date is not valid"),
        InvalidValue = ("invalid_value", 422, "Мән дұрыс емес", "Недопустимое значение", "The value is not allowed"),
        InvalidText = ("invalid_text", 422, "Мәтінде басқару немесе көрінбейтін таңбалар бар", "Текст содержит управляющие или невидимые символы", "The text has control or invisible characters"),
        Unauthorized = ("unauthorized", 401, "Жүйеге кіру қажет", "Требуется вход в систему", "Sign-in is required"),
        Forbidden = ("forbidden", 403, "Бұл әрекетке құқық жоқ", "Нет прав на это действие", "You may not do this"),
        IdentityNotProven = ("identity_not_proven", 403, "Бұл ЖСН-ді алдымен электрондық цифрлық қолтаңбамен немесе SMS кодымен растаңыз", "Сначала подтвердите этот ИИН электронной цифровой подписью или SMS-кодом", "Prove this IIN first, by electronic signature or an SMS code"),
        OutOfScope = ("out_of_scope", 403, "Бұл жазба сіздің ұйымыңызға жатпайды", "Эта запись вне ведения вашей организации", "This record is outside your organisation's scope"),
        NotFound = ("not_found", 404, "Табылмады", "Не найдено", "Not found"),
        InvalidState = ("invalid_state", 409, "Бұл әрекет ағымдағы күйде мүмкін емес", "Действие невозможно в текущем состоянии", "Not possible in the current state"),
        Internal = ("internal", 500, "Ішкі қате", "Внутренняя ошибка", "Internal error"),
        Unavailable = ("unavailable", 503, "Қызмет уақытша қолжетімсіз", "Сервис временно недоступен", "The service is temporarily unavailable"),
    }
}
