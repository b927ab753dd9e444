//! The QR code of a document's seal: the verification address encoded with error correction
//! level M (ISO/IEC 18004, about 15% of the modules can be lost to a fold or a stain) by the
//! `qrcode` crate, and its dark modules as rectangles to fill, so that the code is drawn as
//! vector shapes and stays sharp at any print resolution.

use qrcode::{Color, EcLevel, QrCode};

use crate::documents::error::{Code, Result};
use crate::platform::problem::Raise;

/// A QR code's modules, row by row from the top left: `true` is dark. The quiet zone (four light
/// modules on each side) is not part of it: the page leaves it empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modules {
    width: usize,
    dark: Vec<bool>,
}

impl Modules {
    /// `text` as a QR code with error correction level M, in the smallest version that holds it.
    pub fn encode(text: &str) -> Result<Modules> {
        let code =
            QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
                tracing::error!(?e, len = text.len(), "QR code");
                Code::RenderFailed.raise()
            })?;
        Ok(Modules {
            width: code.width(),
            dark: code
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// The number of modules on a side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The dark modules as rectangles, for a code whose top left corner is at (`x`, `y`) and
    /// whose side is `side` points: each run of dark modules in a row is one rectangle, so that
    /// no seam shows between neighbours.
    pub fn runs(&self, x: f32, y: f32, side: f32) -> Vec<Rect> {
        let module = side / self.width as f32;
        let mut rects = Vec::new();
        for row in 0..self.width {
            let mut column = 0;
            while column < self.width {
                if !self.is_dark(column, row) {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < self.width && self.is_dark(column, row) {
                    column += 1;
                }
                rects.push(Rect {
                    x: x + module * start as f32,
                    y: y + module * row as f32,
                    width: module * (column - start) as f32,
                    height: module,
                });
            }
        }
        rects
    }
}

/// A rectangle on the page: its top left corner and its size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://enbek.kz/verify/0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81";

    #[test]
    fn an_address_is_a_level_m_code_of_the_smallest_version_that_holds_it() {
        let code = QrCode::with_error_correction_level(URL.as_bytes(), EcLevel::M).unwrap();
        assert_eq!(code.error_correction_level(), EcLevel::M);
        let modules = Modules::encode(URL).unwrap();
        assert_eq!(modules.width(), code.width());
        // 60 bytes at level M need version 4: 33 modules a side (version 3 holds 42 bytes).
        assert_eq!(modules.width(), 33);
        for y in 0..code.width() {
            for x in 0..code.width() {
                assert_eq!(modules.is_dark(x, y), code[(x, y)] == Color::Dark);
            }
        }
        // The three finder patterns' corners are dark; outside the code is light.
        assert!(modules.is_dark(0, 0) && modules.is_dark(32, 0) && modules.is_dark(0, 32));
        assert!(!modules.is_dark(33, 0) && !modules.is_dark(0, 33));
        // A longer address takes a larger version.
        let longer = Modules::encode(&format!("{URL}?lang=kk&page=1&of=2&x=0123456789")).unwrap();
        assert!(longer.width() > 33);
    }

    #[test]
    fn the_runs_cover_exactly_the_dark_modules() {
        let modules = Modules::encode(URL).unwrap();
        let (x0, y0, side) = (100.0, 700.0, 66.0);
        let module = side / modules.width() as f32;
        let runs = modules.runs(x0, y0, side);
        let mut painted = vec![false; modules.width() * modules.width()];
        for r in &runs {
            assert!((r.height - module).abs() < 1e-3, "{r:?}");
            let row = ((r.y - y0) / module).round() as usize;
            let first = ((r.x - x0) / module).round() as usize;
            let count = (r.width / module).round() as usize;
            assert!(count >= 1 && first + count <= modules.width(), "{r:?}");
            for column in first..first + count {
                let cell = &mut painted[row * modules.width() + column];
                assert!(!*cell, "painted twice at {column},{row}");
                *cell = true;
            }
            // A run is maximal: the modules on either side of it are light.
            assert!(first == 0 || !modules.is_dark(first - 1, row));
            assert!(!modules.is_dark(first + count, row));
        }
        for y in 0..modules.width() {
            for x in 0..modules.width() {
                assert_eq!(
                    painted[y * modules.width() + x],
                    modules.is_dark(x, y),
                    "{x},{y}"
                );
            }
        }
        // Everything lies within the code's square.
        for r in &runs {
            assert!(r.x >= x0 && r.x + r.width <= x0 + side + 1e-3);
            assert!(r.y >= y0 && r.y + r.height <= y0 + side + 1e-3);
        }
    }

    #[test]
    fn a_text_too_long_for_any_version_is_an_error() {
        let text = "x".repeat(3000);
        assert!(Modules::encode(&text).is_err());
    }
}
