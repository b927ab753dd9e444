//! Free text people type (titles, names, descriptions, skills, reasons, places): bounded in
//! length and free of characters that hide or disguise what is shown — control characters, the
//! bidirectional controls that reverse a public listing's text (U+202E), and other invisible
//! format characters. Kazakh, Russian and English letters, digits, punctuation and ordinary
//! spaces are all welcome.

use std::fmt;

/// What a field takes: how many characters at most, whether it may be empty, and whether it may
/// run over several lines (then `\n` and `\t` are allowed; `\r\n` is taken as `\n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub max_chars: usize,
    pub required: bool,
    pub multiline: bool,
}

impl Rule {
    /// One required line of at most `max_chars` characters.
    pub const fn line(max_chars: usize) -> Rule {
        Rule {
            max_chars,
            required: true,
            multiline: false,
        }
    }

    /// Several lines, possibly none, of at most `max_chars` characters in all.
    pub const fn lines(max_chars: usize) -> Rule {
        Rule {
            max_chars,
            required: false,
            multiline: true,
        }
    }

    /// The same rule, the field possibly empty.
    pub const fn optional(self) -> Rule {
        Rule {
            required: false,
            ..self
        }
    }
}

/// A person's last or first name as on the identity document.
pub const NAME: Rule = Rule::line(100);
/// A person's full name (a contact person).
pub const FULL_NAME: Rule = Rule::line(200);
/// An organisation's name.
pub const ORGANIZATION_NAME: Rule = Rule::line(300);
/// A vacancy's title, a position.
pub const TITLE: Rule = Rule::line(200);
/// One skill, one language, one category of workers.
pub const ITEM: Rule = Rule::line(100);
/// A description (a vacancy's).
pub const DESCRIPTION: Rule = Rule::lines(10_000);
/// A note, a goal, a purpose, details of a change.
pub const NOTE: Rule = Rule::lines(2_000);
/// A reason in the person's own words, a place of an interview.
pub const SHORT: Rule = Rule::line(500);
/// The words of a search.
pub const QUERY: Rule = Rule::line(200).optional();

/// Why a text is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong {
        max_chars: usize,
    },
    /// A control character (C0 or C1; in one-line fields also line breaks and tabs), at a
    /// character position from 0.
    Control {
        position: usize,
    },
    /// A bidirectional control or another invisible format character.
    Invisible {
        position: usize,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Empty => write!(f, "is empty"),
            TextError::TooLong { max_chars } => write!(f, "has more than {max_chars} characters"),
            TextError::Control { position } => {
                write!(f, "has a control character at position {position}")
            }
            TextError::Invisible { position } => write!(
                f,
                "has an invisible or bidirectional format character at position {position}"
            ),
        }
    }
}

impl std::error::Error for TextError {}

/// Text that passed its rule: trimmed, bounded, with no control or invisible characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeText(String);

impl FreeText {
    pub fn parse(s: &str, rule: Rule) -> Result<FreeText, TextError> {
        let text = if rule.multiline {
            s.trim().replace("\r\n", "\n")
        } else {
            s.trim().to_string()
        };
        if text.is_empty() && rule.required {
            return Err(TextError::Empty);
        }
        for (position, c) in text.chars().enumerate() {
            if is_invisible(c) {
                return Err(TextError::Invisible { position });
            }
            let allowed_break = rule.multiline && matches!(c, '\n' | '\t');
            if c.is_control() && !allowed_break {
                return Err(TextError::Control { position });
            }
        }
        if text.chars().count() > rule.max_chars {
            return Err(TextError::TooLong {
                max_chars: rule.max_chars,
            });
        }
        Ok(FreeText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Bidirectional controls and other format characters that show nothing but change or hide what
/// is shown (Unicode general category Cf, and the line and paragraph separators).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                      // soft hyphen
        | '\u{034F}'                    // combining grapheme joiner
        | '\u{061C}'                    // Arabic letter mark
        | '\u{115F}' | '\u{1160}'       // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}'       // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{2028}'..='\u{202E}'       // line/paragraph separators; LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators; LRI, RLI, FSI, PDI
        | '\u{3164}'                    // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'       // variation selectors
        | '\u{FEFF}'                    // zero-width no-break space (BOM)
        | '\u{FFA0}'                    // halfwidth Hangul filler
        | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotation
        | '\u{1BCA0}'..='\u{1BCA3}'     // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}'     // musical symbol format controls
        | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_russian_and_english_text_is_taken_trimmed() {
        let title = "Бас есепші (әғқңөұүһі ӘҒҚҢӨҰҮҺІ) — Главный бухгалтер, chief accountant №1";
        assert_eq!(
            FreeText::parse(&format!("  {title}\u{00A0}"), TITLE)
                .unwrap()
                .as_str(),
            title
        );
    }

    #[test]
    fn the_length_is_bounded_in_characters_not_bytes() {
        let at_bound = "ә".repeat(200);
        assert!(FreeText::parse(&at_bound, TITLE).is_ok());
        assert_eq!(
            FreeText::parse(&format!("{at_bound}ә"), TITLE),
            Err(TextError::TooLong { max_chars: 200 })
        );
    }

    #[test]
    fn a_required_field_is_not_empty_and_an_optional_one_may_be() {
        assert_eq!(FreeText::parse("   ", TITLE), Err(TextError::Empty));
        assert!(FreeText::parse("a", TITLE).is_ok());
        assert_eq!(FreeText::parse(" ", DESCRIPTION).unwrap().as_str(), "");
        assert_eq!(FreeText::parse("", QUERY).unwrap().as_str(), "");
    }

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_in_multiline_fields() {
        assert_eq!(
            FreeText::parse("a\u{0}b", TITLE),
            Err(TextError::Control { position: 1 })
        );
        assert_eq!(
            FreeText::parse("a\u{85}b", DESCRIPTION),
            Err(TextError::Control { position: 1 }),
            "C1 next line"
        );
        assert_eq!(
            FreeText::parse("a\u{7F}b", DESCRIPTION),
            Err(TextError::Control { position: 1 }),
            "DEL"
        );
        assert_eq!(
            FreeText::parse("a\nb", TITLE),
            Err(TextError::Control { position: 1 })
        );
        assert_eq!(
            FreeText::parse("a\tb", TITLE),
            Err(TextError::Control { position: 1 })
        );
        assert_eq!(
            FreeText::parse("a\r\n\tb\nc", DESCRIPTION)
                .unwrap()
                .as_str(),
            "a\n\tb\nc"
        );
        assert_eq!(
            FreeText::parse("a\rb", DESCRIPTION),
            Err(TextError::Control { position: 1 }),
            "a lone carriage return"
        );
    }

    #[test]
    fn bidirectional_controls_and_invisible_characters_are_refused() {
        for c in [
            '\u{202A}',
            '\u{202B}',
            '\u{202C}',
            '\u{202D}',
            '\u{202E}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{200B}',
            '\u{FEFF}',
            '\u{2060}',
            '\u{00AD}',
            '\u{2028}',
            '\u{E0041}',
        ] {
            assert_eq!(
                FreeText::parse(&format!("ab{c}cd"), DESCRIPTION),
                Err(TextError::Invisible { position: 2 }),
                "U+{:04X}",
                c as u32
            );
        }
        // Their neighbours are ordinary characters.
        for c in [
            '\u{2027}', '\u{2010}', '\u{2070}', '\u{00AC}', '\u{00AE}', '\u{0627}',
        ] {
            let text = format!("ab{c}cd");
            assert!(
                FreeText::parse(&text, DESCRIPTION).is_ok(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
