//! How the vacancy index reads words (`searchVacancies`): split on anything but letters and
//! digits, lower-cased, `ё` read as `е`, then brought to a stem — by the Snowball stemmer for
//! Russian, and by the project's own suffix stripping for Kazakh
//! (`enbek_domain::mediation::words`), as no well-kept Kazakh stemmer exists. Every text is read
//! both ways into fields of its own, and every query word both ways too, so a word form of either
//! language finds the other forms of its word.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// The analyzers' names in the index.
pub const RUSSIAN: &str = "enbek_ru";
pub const KAZAKH: &str = "enbek_kk";

/// Words longer than this many bytes are left out (codes and run-together junk).
const LONGEST_WORD_BYTES: usize = 60;

/// The Russian analyzer: the Snowball stemmer.
pub fn russian() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(Fold(fold_yo))
        .filter(Stemmer::new(Language::Russian))
        .build()
}

/// The Kazakh analyzer: the project's suffix stripping of Kazakh (and Russian) inflection.
pub fn kazakh() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(Fold(fold_yo))
        .filter(Fold(enbek_domain::mediation::words::stem))
        .build()
}

/// The terms an analyzer makes of a text, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn fold_yo(word: &str) -> String {
    word.replace('ё', "е")
}

/// A token filter that rewrites each word by a function.
#[derive(Clone, Copy)]
struct Fold(fn(&str) -> String);

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = FoldTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldTokenizer<T> {
        FoldTokenizer {
            inner: tokenizer,
            fold: self.0,
        }
    }
}

#[derive(Clone)]
struct FoldTokenizer<T> {
    inner: T,
    fold: fn(&str) -> String,
}

impl<T: Tokenizer> Tokenizer for FoldTokenizer<T> {
    type TokenStream<'a> = FoldStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStream {
            tail: self.inner.token_stream(text),
            fold: self.fold,
        }
    }
}

struct FoldStream<S> {
    tail: S,
    fold: fn(&str) -> String,
}

impl<S: TokenStream> TokenStream for FoldStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        token.text = (self.fold)(&token.text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Vec<String>, Vec<String>) {
        (terms(&mut russian(), text), terms(&mut kazakh(), text))
    }

    /// Whether some form of the query word meets the text's word in either reading.
    fn meets(query: &str, text: &str) -> bool {
        let (qr, qk) = both(query);
        let (tr, tk) = both(text);
        qr == tr || qk == tk
    }

    #[test]
    fn russian_word_forms_meet() {
        let families: [&[&str]; 4] = [
            &[
                "бухгалтер",
                "бухгалтера",
                "бухгалтеров",
                "бухгалтерами",
                "Бухгалтеру",
            ],
            &["водитель", "водителя", "водители", "водителей", "ВОДИТЕЛЯМ"],
            &["учитель", "учителя", "учителей", "учителям"],
            &["сварщик", "сварщики", "сварщика", "сварщиков"],
        ];
        for family in families {
            for q in family {
                for t in family {
                    assert!(meets(q, t), "{q} misses {t}");
                }
            }
        }
    }

    #[test]
    fn kazakh_word_forms_meet_by_the_projects_stemmer() {
        let families: [&[&str]; 3] = [
            &[
                "мұғалім",
                "мұғалімдер",
                "мұғалімге",
                "мұғалімнің",
                "МҰҒАЛІМДЕРГЕ",
            ],
            &[
                "бухгалтер",
                "бухгалтерлер",
                "бухгалтерге",
                "бухгалтерлердің",
            ],
            &["жүргізуші", "жүргізушілер", "жүргізушіге"],
        ];
        for family in families {
            for q in family {
                for t in family {
                    assert!(meets(q, t), "{q} misses {t}");
                }
            }
        }
    }

    #[test]
    fn russian_and_kazakh_forms_of_a_borrowed_word_meet() {
        assert!(meets("бухгалтера", "бухгалтерлер"));
        assert!(meets("бухгалтерлер", "бухгалтеров"));
    }

    #[test]
    fn yo_is_read_as_ye_and_different_words_stay_apart() {
        assert!(meets("ёлка", "елка"));
        assert!(meets("Учёт", "учет"));
        assert!(!meets("водитель", "воспитатель"));
        assert!(!meets("мұғалім", "дәрігер"));
        assert!(!meets("сварщик", "монтажник"));
    }

    #[test]
    fn words_split_on_punctuation_and_long_junk_is_dropped() {
        let (ru, kk) = both("Водитель-экспедитор, 1С:Бухгалтерия");
        assert_eq!(ru.len(), 4, "{ru:?}");
        assert_eq!(kk.len(), 4, "{kk:?}");
        assert_eq!(ru[2], "1с");
        assert!(both(&"я".repeat(40)).0.is_empty());
    }
}
