//! The problems of accounts: sign-up, sign-in and identity proofing. Each code is stable; its status and titles (kk, ru, en) are
//! given once here.

use crate::platform::problem::{context_error, problem_codes};

problem_codes! {
    /// A problem code of this context.
    pub enum Code {
        InvalidLogin = ("invalid_login", 422, "Логин электрондық пошта немесе +7 ұялы нөмірі болуы керек", "Логин должен быть адресом электронной почты или мобильным номером +7", "The login must be an e-mail address or a +7 mobile number"),
        WeakPassword = ("weak_password", 422, "Құпиясөз тым қарапайым", "Пароль слишком простой", "The password is too weak"),
        TermsNotAccepted = ("terms_not_accepted", 422, "Пайдаланушы келісімін қабылдау қажет", "Необходимо принять пользовательское соглашение", "The user agreement must be accepted"),
        LoginTaken = ("login_taken", 409, "Бұл логин бос емес", "Этот логин уже занят", "This login is already taken"),
        InvalidCredentials = ("invalid_credentials", 401, "Логин немесе құпиясөз қате", "Неверный логин или пароль", "Wrong login or password"),
        TooManyAttempts = ("too_many_attempts", 429, "Әрекеттер тым көп, кейінірек қайталаңыз", "Слишком много попыток, повторите позже", "Too many attempts, try again later"),
        ConfirmationRequired = ("confirmation_required", 403, "Өзгерісті жаңа растаумен (ЭЦҚ немесе SMS коды) растаңыз", "Подтвердите изменение новым подтверждением (ЭЦП или SMS-код)", "Confirm the change with a fresh proof (signature or SMS code)"),
        NoRegisteredPhone = ("no_registered_phone", 422, "Мобильді азаматтар базасында бұл ЖСН-ге тіркелген телефон жоқ; ЭЦҚ-мен растаңыз", "В базе мобильных граждан нет телефона для этого ИИН; подтвердите ЭЦП", "No phone is linked to this IIN in the mobile-citizens registry; use an electronic signature"),
        WrongCode = ("wrong_code", 422, "Код қате", "Неверный код", "The code is wrong"),
        ProofExpired = ("proof_expired", 409, "Растау мерзімі өтті; қайта бастаңыз", "Срок подтверждения истёк; начните заново", "The proof has expired; start again"),
        ProofExhausted = ("proof_exhausted", 409, "Әрекеттер саны таусылды; қайта бастаңыз", "Попытки исчерпаны; начните заново", "No attempts are left; start again"),
        ProofCompleted = ("proof_completed", 409, "Бұл растау аяқталған", "Это подтверждение уже завершено", "This proof is already completed"),
        SignatureInvalid = ("signature_invalid", 422, "Қолтаңба дұрыс емес немесе деректерге сәйкес келмейді", "Подпись недействительна или не соответствует данным", "The signature is not valid or does not match the data"),
        SignatureUnsupported = ("signature_unsupported", 422, "Қолтаңба алгоритмі қолдау көрсетілмейді (RSA немесе ҰКО арқылы ГОСТ)", "Алгоритм подписи не поддерживается (RSA или ГОСТ через НУЦ)", "The signature algorithm is not supported (RSA, or GOST through the national CA's service)"),
        SignerMismatch = ("signer_mismatch", 422, "Қолтаңба иесінің ЖСН-і растаудағы ЖСН-ге сәйкес емес", "ИИН владельца подписи не совпадает с подтверждаемым ИИН", "The signer's IIN is not the IIN being proven"),
        CertificateUntrusted = ("certificate_untrusted", 422, "Сертификат сенімді куәландырушы орталықпен берілмеген", "Сертификат выдан недоверенным удостоверяющим центром", "The certificate is not issued by a trusted certification authority"),
        CertificateExpired = ("certificate_expired", 422, "Сертификаттың мерзімі өткен немесе әлі басталмаған", "Срок действия сертификата истёк или ещё не начался", "The certificate is expired or not yet valid"),
        CertificateRevoked = ("certificate_revoked", 422, "Сертификат кері қайтарылған", "Сертификат отозван", "The certificate is revoked"),
        RevocationUnknown = ("revocation_unknown", 503, "Сертификаттың кері қайтарылмағанын тексеру мүмкін болмады; кейінірек қайталаңыз", "Не удалось проверить, не отозван ли сертификат; повторите позже", "Whether the certificate is revoked cannot be established now; try again later"),
        IinBoundToOtherAccount = ("iin_bound_to_other_account", 409, "Бұл ЖСН басқа есептік жазбаға байланған", "Этот ИИН привязан к другой учётной записи", "This IIN belongs to another account"),
        AccountIinMismatch = ("account_iin_mismatch", 409, "ЖСН есептік жазбаның ЖСН-іне сәйкес емес", "ИИН не совпадает с ИИН учётной записи", "The IIN differs from the account's IIN"),
    }
}

context_error!(
    Code;
    crate::reference::interface::Code,
);
