//! What a notice's text may mention, in the reader's language. Each context writes its own
//! notices' texts (`<context>/notices.rs`, implementing `notify::Notice`).

use crate::platform::http::lang::Lang;

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

/// Checks that every notice of a context has a subject and a text in each language, and that the
/// text mentions the date it is given (tests of each context's `notices.rs`).
#[cfg(test)]
pub fn assert_every_language<N: super::Notice>(all: &[N]) {
    let args = Args {
        date: "2026-03-26".into(),
        center: Names {
            kk: "Орталық".into(),
            ru: "Центр".into(),
            en: "Center".into(),
        },
        code: "x".into(),
        ground: Names {
            kk: "негіз".into(),
            ru: "основание".into(),
            en: "ground".into(),
        },
        until: Some("2026-04-25".into()),
        reference: "R".into(),
        months: 4,
        note: "консультация".into(),
    };
    for notice in all {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let (subject, text) = notice.render(lang, &args);
            assert!(
                !subject.is_empty() && text.contains("2026-03-26"),
                "{notice:?} {lang:?}"
            );
        }
    }
}
