//! Word forms for search in Russian and Kazakh (`searchVacancies`): a light stemmer that
//! takes the inflectional endings off a query word, so that its stem finds every form in the
//! text (бухгалтер, бухгалтера, бухгалтерлер).

/// Endings taken off, longest first: Russian case and number endings; Kazakh plural, possessive
/// and case suffixes (which stack, so up to three are taken off).
const ENDINGS: [&str; 75] = [
    // Kazakh (vowel harmony gives each two or four shapes)
    "лардың",
    "лердің",
    "дардың",
    "дердің",
    "тардың",
    "тердің",
    "ларға",
    "лерге",
    "дарға",
    "дерге",
    "тарға",
    "терге",
    "лардан",
    "лерден",
    "дардан",
    "дерден",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ға",
    "ге",
    "қа",
    "ке",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "да",
    "де",
    "та",
    "те",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "мен",
    "бен",
    "пен",
    "сы",
    "сі",
    // Russian
    "ами",
    "ями",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ах",
    "ях",
    "ам",
    "ям",
    "ов",
    "ев",
    "ом",
    "ем",
    "ой",
    "ей",
    "ую",
    "юю",
    "а",
    "я",
];

/// Single-letter endings taken off last (after the longer ones failed): Russian ones, the soft
/// sign that ends a noun's first form (водитель, водители), and the Kazakh possessive `і`
/// (мұғалімдері).
const SHORT: [char; 8] = ['ы', 'и', 'у', 'ю', 'е', 'о', 'ь', 'і'];

/// The fewest letters a stem keeps: shorter words are searched as written.
const MIN_STEM: usize = 4;

/// The stem of one lower-case word.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    for _ in 0..3 {
        let len = w.chars().count();
        let cut = ENDINGS
            .iter()
            .filter(|e| w.ends_with(*e))
            .map(|e| e.chars().count())
            .filter(|n| len - n >= MIN_STEM)
            .max()
            .or_else(|| {
                w.chars()
                    .last()
                    .filter(|c| SHORT.contains(c) && len > MIN_STEM)
                    .map(|_| 1)
            });
        let Some(n) = cut else { break };
        w = w.chars().take(len - n).collect();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_of_any_form_finds_every_other_form() {
        let families: [&[&str]; 4] = [
            &[
                "бухгалтер",
                "бухгалтера",
                "бухгалтеров",
                "бухгалтерами",
                "бухгалтерлер",
                "бухгалтерлерге",
                "бухгалтерге",
            ],
            &["электрик", "электрика", "электрикам", "электриктер"],
            &["водитель", "водителя", "водители", "водителей", "водителям"],
            &[
                "мұғалім",
                "мұғалімдер",
                "мұғалімге",
                "мұғалімнің",
                "мұғалімдері",
            ],
        ];
        for family in families {
            for query in family {
                let s = stem(query);
                for text in family {
                    assert!(text.contains(&s), "{query} → {s} misses {text}");
                }
            }
        }
    }

    #[test]
    fn short_words_and_codes_stay_as_written() {
        assert_eq!(stem("1с"), "1с");
        assert_eq!(stem("it"), "it");
        assert_eq!(stem("мсфо"), "мсфо");
    }
}
