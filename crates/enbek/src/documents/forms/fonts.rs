//! The fonts the documents are set in: DejaVu Sans and DejaVu Sans Bold, shipped in
//! `crates/enbek/assets/fonts/` (Bitstream Vera licence, `LICENSE-DejaVu.txt`). They cover the
//! Cyrillic of Kazakh and Russian; the PDF embeds the subset a document uses.

use std::sync::{Arc, LazyLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// DejaVu Sans.
pub static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A face: regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// The font file of the face.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }

    /// The face as the PDF engine takes it.
    pub(crate) fn font(self) -> krilla::text::Font {
        static FONTS: LazyLock<[Arc<Vec<u8>>; 2]> =
            LazyLock::new(|| [Arc::new(REGULAR.to_vec()), Arc::new(BOLD.to_vec())]);
        let data = match self {
            Face::Regular => FONTS[0].clone(),
            Face::Bold => FONTS[1].clone(),
        };
        krilla::text::Font::new(data.into(), 0).expect("the shipped font parses")
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(self, c: char) -> bool {
        FontRef::new(self.bytes())
            .ok()
            .and_then(|f| f.charmap().map(c))
            .is_some_and(|g| g.to_u32() != 0)
    }

    /// The width of `text` set at `size` points, from the glyphs' advances (no kerning, which
    /// only makes the measure a little generous).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let Ok(font) = FontRef::new(self.bytes()) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(size * 0.6)
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_have_every_kazakh_letter() {
        let kazakh = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
        let russian = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ№«»";
        for face in [Face::Regular, Face::Bold] {
            for c in kazakh.chars().chain(russian.chars()) {
                assert!(face.covers(c), "{face:?} has no glyph for {c}");
            }
        }
        // And the check can fail: no glyph for a Han character.
        assert!(!Face::Regular.covers('漢'));
    }

    #[test]
    fn a_longer_text_is_wider_and_bold_is_wider_still() {
        let short = Face::Regular.width("Қазақстан", 11.0);
        let long = Face::Regular.width("Қазақстан Республикасы", 11.0);
        assert!(short > 30.0 && long > short, "{short} {long}");
        assert!(Face::Bold.width("Қазақстан", 11.0) > short);
    }
}
