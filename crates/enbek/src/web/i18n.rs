//! Translations (Fluent, `crates/enbek/locales/{kk,ru,en}/*.ftl`, compiled into the binary) and
//! the formatting of numbers, money and dates for the reader's language.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use crate::platform::http::lang::Lang;

/// The translation files of one language, in the order they are loaded: the frame's, then each
/// context's pages'.
macro_rules! files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/web.ftl")),
            include_str!(concat!("../../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../../locales/", $lang, "/accounts.ftl")),
            include_str!(concat!("../../locales/", $lang, "/reference.ftl")),
            include_str!(concat!("../../locales/", $lang, "/mediation.ftl")),
            include_str!(concat!("../../locales/", $lang, "/registration.ftl")),
            include_str!(concat!("../../locales/", $lang, "/cabinet.ftl")),
            include_str!(concat!("../../locales/", $lang, "/employer.ftl")),
            include_str!(concat!("../../locales/", $lang, "/measures.ftl")),
            include_str!(concat!("../../locales/", $lang, "/workspace.ftl")),
            include_str!(concat!("../../locales/", $lang, "/desk.ftl")),
            include_str!(concat!("../../locales/", $lang, "/caseplan.ftl")),
            include_str!(concat!("../../locales/", $lang, "/dashboards.ftl")),
            include_str!(concat!("../../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../../locales/", $lang, "/documents.ftl")),
            include_str!(concat!("../../locales/", $lang, "/docpages.ftl")),
            include_str!(concat!("../../locales/", $lang, "/referrals.ftl")),
            include_str!(concat!("../../locales/", $lang, "/staffmeasures.ftl")),
        ]
    };
}

const KK: [&str; 18] = files!("kk");
const RU: [&str; 18] = files!("ru");
const EN: [&str; 18] = files!("en");

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang, sources: &[&str]) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.as_str().parse().expect("a language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The texts go into HTML, where Unicode isolation marks would only get in the way.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource = FluentResource::try_new((*source).to_string()).unwrap_or_else(|(_, e)| {
            panic!("a translation file of {} parses: {e:?}", lang.as_str())
        });
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("a message of {} is defined twice: {e:?}", lang.as_str()));
    }
    bundle
}

static BUNDLES: LazyLock<[Bundle; 3]> = LazyLock::new(|| {
    [
        bundle(Lang::Kk, &KK),
        bundle(Lang::Ru, &RU),
        bundle(Lang::En, &EN),
    ]
});

fn bundle_of(lang: Lang) -> &'static Bundle {
    &BUNDLES[match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    }]
}

/// The texts of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// Whether the language has a message of this id.
    pub fn has(&self, id: &str) -> bool {
        bundle_of(self.lang).has_message(id)
    }

    /// The message `id`; its id itself (and a warning in the log) when it is missing, which the
    /// tests of the translations forbid.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with its arguments.
    pub fn with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.format(id, Some(&fluent))
    }

    /// The message `id` with one text argument.
    pub fn with1(&self, id: &str, name: &str, value: &str) -> String {
        self.with(id, &[(name, FluentValue::from(value.to_string()))])
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = bundle_of(self.lang);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = self.lang.as_str(), "missing translation");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                id,
                lang = self.lang.as_str(),
                ?errors,
                "translation arguments"
            );
        }
        text.into_owned()
    }

    /// A message about a count: `$count` chooses the plural form, `$n` is the count as the
    /// language writes it.
    pub fn count(&self, id: &str, n: i64) -> String {
        self.with(
            id,
            &[
                ("count", FluentValue::from(n)),
                ("n", FluentValue::from(self.number(n))),
            ],
        )
    }

    /// A whole number with the language's digit grouping: `1 250 000` (kk, ru: no-break spaces),
    /// `1,250,000` (en).
    pub fn number(&self, n: i64) -> String {
        let separator = match self.lang {
            Lang::Kk | Lang::Ru => '\u{a0}',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// An amount in tenge: `250 000 ₸` (kk, ru), `₸250,000` (en), as the translation says.
    pub fn money(&self, tenge: i64) -> String {
        self.with(
            "money",
            &[("amount", FluentValue::from(self.number(tenge)))],
        )
    }

    /// A range of pay, or its only figure.
    pub fn pay(&self, from: i64, to: Option<i64>) -> String {
        match to {
            Some(to) if to != from => self.with(
                "money-range",
                &[
                    ("from", FluentValue::from(self.number(from))),
                    ("to", FluentValue::from(self.money(to))),
                ],
            ),
            _ => self.money(from),
        }
    }

    /// A date in words: `2026 жылғы 17 наурыз`, `17 марта 2026 г.`, `17 March 2026`.
    pub fn date(&self, date: NaiveDate) -> String {
        let month = self.t(&format!("month-{}", date.month()));
        self.with(
            "date",
            &[
                ("day", FluentValue::from(date.day().to_string())),
                ("month", FluentValue::from(month)),
                ("year", FluentValue::from(date.year().to_string())),
            ],
        )
    }
}

/// Every message id of a language, for the tests that hold the three languages equal.
pub fn message_ids(lang: Lang) -> std::collections::BTreeSet<String> {
    let sources: &[&str] = match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    };
    // A message starts a line with its id and ` =`; terms (`-name`), comments and continued
    // lines do not.
    let mut ids = std::collections::BTreeSet::new();
    for source in sources {
        for line in source.lines() {
            if let Some((id, _)) = line.split_once(" =") {
                if id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && id.starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_languages_have_the_same_messages_and_kazakh_is_complete() {
        let kk = message_ids(Lang::Kk);
        assert!(kk.len() > 50, "{}", kk.len());
        for lang in [Lang::Ru, Lang::En] {
            let other = message_ids(lang);
            let missing: Vec<_> = kk.symmetric_difference(&other).collect();
            assert!(
                missing.is_empty(),
                "kk and {} differ: {missing:?}",
                lang.as_str()
            );
        }
        // Every message of every language formats without an error.
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for id in &kk {
                assert!(tr.has(id), "{id} in {}", lang.as_str());
            }
        }
    }

    /// Every `.t("…")`, `.with…("…")` and `.count("…")` of the templates, the frame and the
    /// pages names a message.
    #[test]
    fn every_message_the_templates_and_pages_use_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "html" || e == "rs") {
                    found.push(path);
                }
            }
        }
        walk(&root.join("templates"), &mut files);
        let mut code = Vec::new();
        walk(&root.join("src"), &mut code);
        // The frame and the contexts' pages: the code that shows texts.
        files.extend(code.into_iter().filter(|f| {
            let path = f.to_string_lossy();
            path.contains("/src/web/") || path.contains("/pages/")
        }));
        let kk = message_ids(Lang::Kk);
        let mut used = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).expect("reads");
            for call in [".t(\"", ".with(\"", ".with1(\"", ".count(\""] {
                for piece in text.split(call).skip(1) {
                    let id: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if id.is_empty() || !piece[id.len()..].starts_with('"') {
                        continue;
                    }
                    used += 1;
                    assert!(kk.contains(&id), "{}: no message {id}", file.display());
                }
            }
        }
        assert!(used > 20, "{used}");
    }

    #[test]
    fn numbers_money_and_dates_follow_the_language() {
        let (kk, ru, en) = (Tr::new(Lang::Kk), Tr::new(Lang::Ru), Tr::new(Lang::En));
        assert_eq!(ru.number(1_250_000), "1\u{a0}250\u{a0}000");
        assert_eq!(en.number(1_250_000), "1,250,000");
        assert_eq!(en.number(-999), "-999");
        assert_eq!(kk.money(85_000), "85\u{a0}000\u{a0}₸");
        assert_eq!(en.money(85_000), "₸85,000");
        let day = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        assert_eq!(ru.date(day), "17 марта 2026 г.");
        assert_eq!(en.date(day), "17 March 2026");
        assert_eq!(kk.date(day), "2026 жылғы 17 наурыз");
        assert_eq!(
            ru.pay(250_000, Some(320_000)),
            "250\u{a0}000 – 320\u{a0}000\u{a0}₸"
        );
    }
}
