//! The notices accounts sends, in Kazakh, Russian and English: a `match` over every notice and
//! language, so that a missing translation does not compile.

use crate::platform::http::lang::Lang;
use crate::platform::notify::{Args, Notice};

/// The notices accounts sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A one-time code proving the person's identity, to the phone the mobile-citizens registry
    /// links to the IIN.
    IdentityCode,
    /// A one-time code by which a person consents to what a specialist asked (their digital
    /// documents, 129 App.2 p.8), to the same phone.
    ConsentCode,
}

impl Kind {
    /// Every notice of this context.
    pub const ALL: &'static [Kind] = &[Kind::IdentityCode, Kind::ConsentCode];
}

impl Notice for Kind {
    fn kind(self) -> &'static str {
        match self {
            Kind::IdentityCode => "identity_code",
            Kind::ConsentCode => "consent_code",
        }
    }

    #[rustfmt::skip]
    fn render(self, lang: Lang, a: &Args) -> (&'static str, String) {
        use Kind::*;
        use Lang::*;
        let minutes = enbek_domain::accounts::identity::PROOF_LIFETIME_MINUTES;
        match (self, lang) {
            (IdentityCode, Kk) => ("Растау коды", format!("enbek.kz: жеке басыңызды растау коды {}. Ол {} минут жарамды. Кодты ешкімге айтпаңыз.", a.code, minutes)),
            (IdentityCode, Ru) => ("Код подтверждения", format!("enbek.kz: код подтверждения личности {}. Действует {} минут. Никому не сообщайте код.", a.code, minutes)),
            (IdentityCode, En) => ("Confirmation code", format!("enbek.kz: your identity confirmation code is {}. It is valid for {} minutes. Do not tell anyone the code.", a.code, minutes)),
            (ConsentCode, Kk) => ("Келісім коды", format!("enbek.kz: мансап орталығының цифрлық құжаттарыңызды алуына келісім коды {}. Ол {} минут жарамды. Кодты тек сізге қызмет көрсететін маманға айтыңыз.", a.code, minutes)),
            (ConsentCode, Ru) => ("Код согласия", format!("enbek.kz: код согласия на получение карьерным центром ваших цифровых документов {}. Действует {} минут. Сообщите код только специалисту, который вас обслуживает.", a.code, minutes)),
            (ConsentCode, En) => ("Consent code", format!("enbek.kz: your code of consent to the career center taking your digital documents is {}. It is valid for {} minutes. Tell it only to the specialist serving you.", a.code, minutes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_text_carries_the_code_and_its_ten_minutes() {
        let args = Args {
            code: "042917".into(),
            ..Args::default()
        };
        for kind in Kind::ALL {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                let (subject, text) = kind.render(lang, &args);
                assert!(!subject.is_empty(), "{lang:?}");
                assert!(text.contains("042917") && text.contains("10"), "{lang:?}");
            }
        }
    }
}
