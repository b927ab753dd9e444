//! A small page layout for the forms: A4 with the margins of Kazakhstan's official papers, lines
//! of text wrapped by their measured width, a field filled in over a rule with its caption under
//! it (as the appendices print them), a key–value block, a signature line, and a new page when
//! the body is full. Each page keeps a reserved box at its foot, above the bottom margin, for the
//! seal: the QR code of the verification address and the verification line beside it, with the
//! page's number (`Layout::seal`). The layout is plain data (pages of marks) until `render`
//! writes it as PDF, so it is tested without a PDF reader.

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect as PdfRect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use super::fonts::Face;
use super::qr::{Modules, Rect};
use crate::documents::error::{Code, Result};
use crate::platform::problem::Raise;

/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;
/// A4, in points.
pub const PAGE_WIDTH: f32 = 210.0 * MM;
pub const PAGE_HEIGHT: f32 = 297.0 * MM;
/// The margins: 30 mm left (for binding), 15 mm right, 20 mm top and bottom.
pub const LEFT: f32 = 30.0 * MM;
pub const RIGHT: f32 = PAGE_WIDTH - 15.0 * MM;
pub const TOP: f32 = 20.0 * MM;
pub const BOTTOM: f32 = PAGE_HEIGHT - 20.0 * MM;
/// The height of the reserved box at the foot of each page (QR code and verification line).
pub const RESERVED: f32 = 32.0 * MM;
/// Where the body of a page ends: above the reserved box.
pub const BODY_END: f32 = BOTTOM - RESERVED;
/// The QR code's side: 25 mm, above the 20 mm that a phone's camera reads at arm's length, and
/// within the reserved box with its quiet zone (4 modules, about 3 mm for an address's version
/// 4 code) clear of the body above and of the text beside it.
pub const QR_SIDE: f32 = 25.0 * MM;
/// The top of the seal (the QR code and the first line of text) in the reserved box.
pub const SEAL_TOP: f32 = BODY_END + 5.0 * MM;
/// Where the verification text begins: right of the QR code and its quiet zone.
pub const SEAL_TEXT: f32 = LEFT + QR_SIDE + 5.0 * MM;
// The code is wide enough for a phone and ends above the bottom margin.
const _: () = assert!(QR_SIDE >= 20.0 * MM && SEAL_TOP + QR_SIDE <= BOTTOM);

/// The body text's size, the captions' and the title's, in points.
pub const TEXT: f32 = 11.0;
pub const CAPTION: f32 = 8.0;
pub const TITLE: f32 = 12.5;

/// The boxes of a choice: marked, and not.
pub const CHOSEN: char = '☒';
pub const NOT_CHOSEN: char = '☐';

/// How a line sits between the margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// What is drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A line of text; `y` is its baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
    },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32 },
    /// A dashed horizontal rule: where a tear-off part is cut off.
    Dashed { x1: f32, x2: f32, y: f32 },
    /// Rectangles filled in black, drawn as one shape: the QR code's dark modules.
    Fill(Vec<Rect>),
}

/// A document being laid out: its pages of marks and where the next line goes.
#[derive(Debug, Clone)]
pub struct Layout {
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

/// The height of a line of text of `size` points.
fn leading(size: f32) -> f32 {
    size * 1.4
}

/// Whether `word` is a group of digits of a number written with spaces (`+7`, `7172`, `02,`).
fn digits(word: &str) -> bool {
    let word = word.strip_prefix('+').unwrap_or(word);
    let word = word.trim_end_matches(['.', ',', ';', ':', ')']);
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

/// The pieces a line is broken between: the words, except that `№` stays with what follows it
/// and the groups of a number written with spaces (a phone, `+7 7172 00 00 02`) stay together.
fn units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut glue = false;
    for word in text.split_whitespace() {
        match units.last_mut() {
            Some(last)
                if glue
                    || (digits(word)
                        && last.rsplit(' ').next().is_some_and(|w| {
                            digits(w) && w.ends_with(|c: char| c.is_ascii_digit())
                        })) =>
            {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
        glue = word == "№";
    }
    units
}

/// `text` cut into lines no wider than `width` at `size` points: at spaces (never after `№` nor
/// inside a number written in groups), and inside a word only when the word alone is wider than
/// the line.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in units(text) {
        let word = word.as_str();
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if face.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut where it must be.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if face.width(&piece, size) > width && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        line = piece;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

impl Layout {
    pub fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The pages laid out so far.
    pub fn pages(&self) -> &[Vec<Mark>] {
        &self.pages
    }

    /// Where the next line goes, from the top of the page.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    fn page(&mut self) -> &mut Vec<Mark> {
        self.pages.last_mut().expect("a layout has a page")
    }

    /// Starts a new page unless `height` more fits above the reserved box.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_END && self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// Vertical space.
    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// One line of text at the cursor, between `left` and `right`.
    fn line(&mut self, text: &str, face: Face, size: f32, align: Align, left: f32, right: f32) {
        self.ensure(leading(size));
        let width = face.width(text, size);
        let x = match align {
            Align::Left => left,
            Align::Center => left + ((right - left - width) / 2.0).max(0.0),
            Align::Right => (right - width).max(left),
        };
        let y = self.y + size;
        if !text.is_empty() {
            self.page().push(Mark::Text {
                x,
                y,
                size,
                face,
                text: text.to_string(),
            });
        }
        self.y += leading(size);
    }

    /// A paragraph wrapped between `left` and `right`.
    pub fn block(
        &mut self,
        text: &str,
        face: Face,
        size: f32,
        align: Align,
        left: f32,
        right: f32,
    ) {
        for line in wrap(text, face, size, right - left) {
            self.line(&line, face, size, align, left, right);
        }
    }

    /// A paragraph of body text across the page.
    pub fn paragraph(&mut self, text: &str) {
        self.block(text, Face::Regular, TEXT, Align::Left, LEFT, RIGHT);
    }

    /// The title: bold, centred.
    pub fn title(&mut self, text: &str) {
        self.space(4.0 * MM);
        self.block(text, Face::Bold, TITLE, Align::Center, LEFT, RIGHT);
        self.space(4.0 * MM);
    }

    /// The block at the top right that names the appendix and the form.
    pub fn annex(&mut self, lines: &[String]) {
        let left = LEFT + (RIGHT - LEFT) * 0.55;
        for text in lines {
            self.block(
                text,
                Face::Regular,
                CAPTION + 1.0,
                Align::Center,
                left,
                RIGHT,
            );
        }
    }

    /// A field filled in: its value centred over a rule across the page, and the form's small
    /// caption under the rule (`фамилия, имя, отчество`). An empty value leaves the rule blank,
    /// for the one who receives the paper to fill in.
    pub fn field(&mut self, value: &str, caption: &str) {
        self.field_in(value, caption, LEFT, RIGHT);
    }

    /// A field between `left` and `right` (an addressee's block at the right of the page).
    pub fn field_in(&mut self, value: &str, caption: &str, left: f32, right: f32) {
        let lines = wrap(value, Face::Regular, TEXT, right - left);
        self.ensure((leading(TEXT) + 2.0) * lines.len() as f32 + leading(CAPTION));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                // Room between a rule and the line under it.
                self.space(2.0);
            }
            self.line(line, Face::Regular, TEXT, Align::Center, left, right);
            let y = self.y - leading(TEXT) + TEXT + 2.5;
            self.page().push(Mark::Rule {
                x1: left,
                x2: right,
                y,
            });
        }
        self.y += 1.5;
        self.block(caption, Face::Regular, CAPTION, Align::Center, left, right);
        self.space(1.5 * MM);
    }

    /// Fields side by side on one line, as a form sets a date beside a signature: each column a
    /// share of the width, its value (wrapped in the column; empty for a blank to fill in)
    /// centred over its rule, its caption under the rule.
    pub fn row(&mut self, columns: &[(f32, &str, &str)]) {
        let gap = 4.0 * MM;
        let width = RIGHT - LEFT - gap * columns.len().saturating_sub(1) as f32;
        let mut x = LEFT;
        let mut cells = Vec::new();
        for (share, value, caption) in columns {
            let (left, right) = (x, x + width * share);
            x = right + gap;
            let values = wrap(value, Face::Regular, TEXT, right - left);
            let captions = wrap(caption, Face::Regular, CAPTION, right - left);
            cells.push((left, right, values, captions));
        }
        let values = cells.iter().map(|c| c.2.len()).max().unwrap_or(1);
        let captions = cells.iter().map(|c| c.3.len()).max().unwrap_or(1);
        self.ensure(leading(TEXT) * values as f32 + 1.5 + leading(CAPTION) * captions as f32);
        let top = self.y;
        // The rule sits under the last line of the highest value, as under a filled-in field.
        let rule = top + leading(TEXT) * (values - 1) as f32 + TEXT + 2.5;
        let under = top + leading(TEXT) * values as f32 + 1.5;
        let centred = |text: &str, face: Face, size: f32, left: f32, right: f32| {
            left + ((right - left - face.width(text, size)) / 2.0).max(0.0)
        };
        for (left, right, values, captions) in cells {
            for (i, line) in values.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                self.page().push(Mark::Text {
                    x: centred(line, Face::Regular, TEXT, left, right),
                    y: top + leading(TEXT) * i as f32 + TEXT,
                    size: TEXT,
                    face: Face::Regular,
                    text: line.clone(),
                });
            }
            self.page().push(Mark::Rule {
                x1: left,
                x2: right,
                y: rule,
            });
            for (i, line) in captions.iter().enumerate() {
                self.page().push(Mark::Text {
                    x: centred(line, Face::Regular, CAPTION, left, right),
                    y: under + leading(CAPTION) * i as f32 + CAPTION,
                    size: CAPTION,
                    face: Face::Regular,
                    text: line.clone(),
                });
            }
        }
        self.y = under + leading(CAPTION) * captions as f32;
        self.space(1.5 * MM);
    }

    /// Choices of which the form marks some (the paper's «нужное подчеркнуть»): each a box and
    /// its words, `☒` and bold when chosen, `☐` otherwise, set one after another on a line from
    /// `indent` and wrapping to the next line between choices (a choice longer than a line
    /// wraps on its own lines).
    pub fn choices(&mut self, items: &[(String, bool)], indent: f32) {
        let left = LEFT + indent;
        let gap = 4.0 * MM;
        // Where the next choice would go on the last line; none before the first, and after a
        // choice that took lines of its own.
        let mut at: Option<f32> = None;
        for (text, chosen) in items {
            let face = if *chosen { Face::Bold } else { Face::Regular };
            let text = format!("{} {text}", if *chosen { CHOSEN } else { NOT_CHOSEN });
            let width = face.width(&text, TEXT);
            match at {
                Some(x) if x + gap + width <= RIGHT => {
                    let y = self.y - leading(TEXT) + TEXT;
                    self.page().push(Mark::Text {
                        x: x + gap,
                        y,
                        size: TEXT,
                        face,
                        text,
                    });
                    at = Some(x + gap + width);
                }
                _ => {
                    let lines = wrap(&text, face, TEXT, RIGHT - left);
                    for line in &lines {
                        self.line(line, face, TEXT, Align::Left, left, RIGHT);
                    }
                    at = (lines.len() == 1).then_some(left + width);
                }
            }
        }
    }

    /// Lays `part` out whole on one page: on this page when it fits, else from the top of the
    /// next (a tear-off notice is cut off the paper, so it is not split across pages).
    pub fn together(&mut self, part: impl Fn(&mut Layout)) {
        let mut trial = self.clone();
        part(&mut trial);
        if trial.pages.len() > self.pages.len() && self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
            part(self);
        } else {
            *self = trial;
        }
    }

    /// The line the tear-off part is cut along: a dashed rule across the page with its small
    /// caption (`линия отреза`) under it.
    pub fn cut(&mut self, caption: &str) {
        self.ensure(leading(CAPTION) + 8.0 * MM);
        self.space(3.0 * MM);
        let y = self.y;
        self.page().push(Mark::Dashed {
            x1: LEFT,
            x2: RIGHT,
            y,
        });
        self.space(1.0 * MM);
        self.block(caption, Face::Regular, CAPTION, Align::Center, LEFT, RIGHT);
        self.space(2.0 * MM);
    }

    /// Labels and their values in two columns; a long value wraps in its column.
    pub fn key_values(&mut self, rows: &[(String, String)]) {
        let split = LEFT + (RIGHT - LEFT) * 0.4;
        for (key, value) in rows {
            let keys = wrap(key, Face::Regular, TEXT, split - LEFT - 3.0 * MM);
            let values = wrap(value, Face::Bold, TEXT, RIGHT - split);
            let n = keys.len().max(values.len());
            self.ensure(leading(TEXT) * n as f32);
            let top = self.y;
            for (i, line) in keys.iter().enumerate() {
                let y = top + leading(TEXT) * i as f32 + TEXT;
                self.page().push(Mark::Text {
                    x: LEFT,
                    y,
                    size: TEXT,
                    face: Face::Regular,
                    text: line.clone(),
                });
            }
            for (i, line) in values.iter().enumerate() {
                let y = top + leading(TEXT) * i as f32 + TEXT;
                self.page().push(Mark::Text {
                    x: split,
                    y,
                    size: TEXT,
                    face: Face::Bold,
                    text: line.clone(),
                });
            }
            self.y = top + leading(TEXT) * n as f32;
        }
    }

    /// A heading: bold, at the left.
    pub fn heading(&mut self, text: &str) {
        self.ensure(leading(TEXT) * 3.0);
        self.space(2.0 * MM);
        self.block(text, Face::Bold, TEXT, Align::Left, LEFT, RIGHT);
        self.space(1.0 * MM);
    }

    /// A table across the page: columns of the given shares of the width, a bold header row
    /// (drawn again at the top of each new page), rows whose cells wrap, a rule under each row.
    /// A row marked as a group is set in bold across the first column.
    pub fn table(&mut self, shares: &[f32], header: &[String], rows: &[TableRow]) {
        let width = RIGHT - LEFT;
        let pad = 1.5 * MM;
        let mut edges = vec![LEFT];
        for share in shares {
            let last = *edges.last().expect("a first edge");
            edges.push(last + width * share);
        }
        let cells = |cells: &[String], face: Face| -> Vec<Vec<String>> {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| wrap(c, face, TEXT, edges[i + 1] - edges[i] - 2.0 * pad))
                .collect()
        };
        let header_cells = cells(header, Face::Bold);
        let height = |lines: &[Vec<String>]| {
            leading(TEXT) * lines.iter().map(Vec::len).max().unwrap_or(1) as f32 + pad
        };
        let draw = |l: &mut Layout, lines: &[Vec<String>], face: Face| {
            let top = l.y;
            for (i, column) in lines.iter().enumerate() {
                for (j, line) in column.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                    l.page().push(Mark::Text {
                        x: edges[i] + pad,
                        y: top + leading(TEXT) * j as f32 + TEXT,
                        size: TEXT,
                        face,
                        text: line.clone(),
                    });
                }
            }
            l.y = top + height(lines);
            let y = l.y - pad / 2.0;
            l.page().push(Mark::Rule {
                x1: LEFT,
                x2: RIGHT,
                y,
            });
        };
        self.ensure(height(&header_cells) * 2.0);
        draw(self, &header_cells, Face::Bold);
        let face_of = |row: &TableRow| if row.group { Face::Bold } else { Face::Regular };
        for (i, row) in rows.iter().enumerate() {
            let face = face_of(row);
            let lines = cells(&row.cells, face);
            // A group's name is not left alone at the foot of a page: its first row goes with it.
            let next = match rows.get(i + 1) {
                Some(next) if row.group => height(&cells(&next.cells, face_of(next))),
                _ => 0.0,
            };
            let pages = self.pages.len();
            self.ensure(height(&lines) + next);
            if self.pages.len() > pages {
                draw(self, &header_cells, Face::Bold);
            }
            draw(self, &lines, face);
        }
    }

    /// The signature: the signer's role, a rule to sign on, and the name with its caption.
    pub fn signature(&mut self, role: &str, name: &str, caption: &str) {
        self.ensure(leading(TEXT) * 2.0 + leading(CAPTION) + 10.0 * MM);
        self.space(6.0 * MM);
        let top = self.y;
        self.line(role, Face::Regular, TEXT, Align::Left, LEFT, RIGHT);
        let role_end = LEFT + Face::Regular.width(role, TEXT) + 4.0 * MM;
        let sign_end = role_end.max(LEFT + (RIGHT - LEFT) * 0.5) + 35.0 * MM;
        self.page().push(Mark::Rule {
            x1: role_end.max(LEFT + (RIGHT - LEFT) * 0.5),
            x2: sign_end.min(RIGHT),
            y: top + TEXT + 2.5,
        });
        self.space(2.0 * MM);
        self.field(name, caption);
    }

    /// The seal in the reserved box of every page, once the body is complete: the QR code at
    /// the left, and beside it the paragraphs `text(page, count)` gives for the page (numbered
    /// from 1 of `count`), wrapped in small type.
    pub fn seal(&mut self, qr: &Modules, text: impl Fn(usize, usize) -> Vec<String>) {
        let count = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.push(Mark::Fill(qr.runs(LEFT, SEAL_TOP, QR_SIDE)));
            let mut y = SEAL_TOP + CAPTION;
            for paragraph in text(i + 1, count) {
                for line in wrap(&paragraph, Face::Regular, CAPTION, RIGHT - SEAL_TEXT) {
                    page.push(Mark::Text {
                        x: SEAL_TEXT,
                        y,
                        size: CAPTION,
                        face: Face::Regular,
                        text: line,
                    });
                    y += leading(CAPTION);
                }
            }
        }
    }

    /// The document as PDF (PDF/A-2b).
    pub fn render(self, meta: &Meta) -> Result<Vec<u8>> {
        let configuration = ConfigurationBuilder::new()
            .with_archival_validator(Archival::A2_B)
            .finish()
            .map_err(|e| {
                tracing::error!(?e, "PDF configuration");
                Code::RenderFailed.raise()
            })?;
        let settings = SerializeSettings {
            configuration,
            ..SerializeSettings::default()
        };
        let mut document = Document::new_with(settings);
        let regular = Face::Regular.font();
        let bold = Face::Bold.font();
        for marks in &self.pages {
            let settings =
                PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a page size");
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for mark in marks {
                match mark {
                    Mark::Text {
                        x,
                        y,
                        size,
                        face,
                        text,
                    } => {
                        surface.set_fill(Some(Fill::default()));
                        surface.set_stroke(None);
                        let font = match face {
                            Face::Regular => regular.clone(),
                            Face::Bold => bold.clone(),
                        };
                        surface.draw_text(
                            Point::from_xy(*x, *y),
                            font,
                            *size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Mark::Rule { x1, x2, y } | Mark::Dashed { x1, x2, y } => {
                        let mut path = PathBuilder::new();
                        path.move_to(*x1, *y);
                        path.line_to(*x2, *y);
                        let dash = matches!(mark, Mark::Dashed { .. }).then(|| StrokeDash {
                            array: vec![4.0, 3.0],
                            offset: 0.0,
                        });
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width: 0.6,
                                dash,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Fill(rects) => {
                        let mut path = PathBuilder::new();
                        for r in rects {
                            if let Some(rect) = PdfRect::from_xywh(r.x, r.y, r.width, r.height) {
                                path.push_rect(rect);
                            }
                        }
                        if let Some(path) = path.finish() {
                            surface.set_fill(Some(Fill::default()));
                            surface.set_stroke(None);
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        let date = DateTime::new(meta.year)
            .month(meta.month)
            .day(meta.day)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(5)
            .utc_offset_minute(0);
        document.set_metadata(
            Metadata::new()
                .title(meta.title.clone())
                .language(meta.language.to_string())
                .creator("enbek".to_string())
                .producer("enbek (krilla)".to_string())
                .creation_date(date),
        );
        document.finish().map_err(|e| {
            tracing::error!(?e, "PDF rendering");
            Code::RenderFailed.raise()
        })
    }
}

/// A row of a table: its cells, and whether it names a group of the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub group: bool,
}

/// What the PDF says of itself: its title, its language and the day it was made (the issue
/// date, so that the same document renders to the same bytes).
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub language: &'static str,
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG_KK: &str = "Қазақстан Республикасының Әлеуметтік кодексінің 98-бабына сәйкес \
        жұмыссыз ретінде тіркелгені туралы осы анықтама Астана қаласы Нұра ауданының еңбек \
        мобильділігі орталығында берілді";

    #[test]
    fn a_long_kazakh_line_wraps_at_spaces_within_the_width() {
        let width = RIGHT - LEFT;
        let lines = wrap(LONG_KK, Face::Regular, TEXT, width);
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(Face::Regular.width(line, TEXT) <= width, "{line}");
            assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
        }
        // Nothing lost, nothing added: the words in order.
        assert_eq!(
            lines.join(" "),
            LONG_KK.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        // The first line is full: its next word would not have fitted.
        let next = lines[1].split(' ').next().unwrap();
        assert!(Face::Regular.width(&format!("{} {next}", lines[0]), TEXT) > width);
    }

    #[test]
    fn a_number_sign_and_the_groups_of_a_phone_stay_with_their_number() {
        let text = "Жолдама № 129-8-2026-000019, телефон +7 7172 00 00 03, дом 88, +7 701";
        // Whatever the width, no line ends with `№` or inside the phone.
        for width in (80..200).map(|w| w as f32 * 2.0) {
            let lines = wrap(text, Face::Regular, TEXT, width);
            assert_eq!(lines.join(" "), text, "{width}");
            for line in &lines {
                assert!(!line.ends_with('№'), "{width}: {lines:?}");
                assert!(
                    !line.ends_with("+7") && !line.ends_with("7172"),
                    "{width}: {lines:?}"
                );
                assert!(!line.ends_with("00"), "{width}: {lines:?}");
            }
        }
        // A group after a punctuated one is a new number: `88,` and `+7` may part.
        assert_eq!(
            units("дом 88, +7 701 000 00 00"),
            ["дом", "88,", "+7 701 000 00 00"]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap("әәәәәәәәәәәәәәәәәәәә", Face::Bold, TEXT, 40.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), "әәәәәәәәәәәәәәәәәәәә");
        assert!(lines.iter().all(|l| Face::Bold.width(l, TEXT) <= 40.0));
    }

    #[test]
    fn a_full_page_breaks_and_the_reserved_box_stays_empty() {
        let mut layout = Layout::new();
        for _ in 0..60 {
            layout.paragraph(LONG_KK);
        }
        assert!(layout.pages().len() >= 2, "{}", layout.pages().len());
        for page in layout.pages() {
            for mark in page {
                if let Mark::Text { y, .. } = mark {
                    assert!(*y <= BODY_END && *y >= TOP, "{y}");
                }
            }
        }
        // A field is not split from its caption: it moves to the next page whole.
        let mut layout = Layout::new();
        while layout.cursor() < BODY_END - leading(TEXT) {
            layout.space(leading(TEXT));
        }
        layout.field("Әбілқасымова Гүлнұр Серікқызы", "тегі, аты, әкесінің аты");
        assert_eq!(layout.pages().len(), 2);
        assert!(layout.pages()[0].is_empty());
        assert_eq!(layout.pages()[1].len(), 3);
    }

    #[test]
    fn the_seal_fills_the_reserved_box_of_every_page_and_numbers_the_pages() {
        let mut layout = Layout::new();
        for _ in 0..40 {
            layout.paragraph(LONG_KK);
        }
        let count = layout.pages().len();
        assert!(count >= 2, "{count}");
        let url = "https://enbek.kz/verify/0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81";
        let qr = Modules::encode(url).unwrap();
        layout.seal(&qr, |page, count| {
            vec![
                format!("Құжат электрондық цифрлық қолтаңбамен қол қойылған. Түпнұсқалығын тексеру: {url}"),
                format!("Құжат № А-2026-001905, сәйкестендіргіш 0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81"),
                format!("{count} беттің {page}-беті"),
            ]
        });
        // The quiet zone: four modules around the code.
        let quiet = 4.0 * QR_SIDE / qr.width() as f32;
        // Clear of the body's last line (its descenders included) and within the box.
        assert!(SEAL_TOP - quiet > BODY_END + 0.3 * TEXT);
        assert!(SEAL_TEXT >= LEFT + QR_SIDE + quiet);
        for (i, page) in layout.pages().iter().enumerate() {
            let fills: Vec<&Vec<Rect>> = page
                .iter()
                .filter_map(|m| match m {
                    Mark::Fill(rects) => Some(rects),
                    _ => None,
                })
                .collect();
            assert_eq!(fills, vec![&qr.runs(LEFT, SEAL_TOP, QR_SIDE)], "page {i}");
            let seal: Vec<(f32, f32, &str)> = page
                .iter()
                .filter_map(|m| match m {
                    Mark::Text { x, y, text, .. } if *y > BODY_END => Some((*x, *y, text.as_str())),
                    _ => None,
                })
                .collect();
            assert!(seal.len() >= 4, "{seal:?}");
            for (x, y, text) in &seal {
                assert_eq!(*x, SEAL_TEXT);
                assert!(*y > SEAL_TOP && *y <= SEAL_TOP + QR_SIDE, "{y} {text}");
                assert!(x + Face::Regular.width(text, CAPTION) <= RIGHT, "{text}");
            }
            // The address is whole on one line, so that it can be copied.
            assert!(seal.iter().any(|(_, _, t)| t.ends_with(url)), "{seal:?}");
            assert_eq!(
                seal.last().map(|s| s.2.to_string()),
                Some(format!("{count} беттің {}-беті", i + 1))
            );
        }
    }

    #[test]
    fn a_long_table_goes_on_over_pages_with_its_header_again() {
        let mut layout = Layout::new();
        let header = vec!["Іс-шара".to_string(), "Аяқталу күні".to_string()];
        let rows: Vec<TableRow> = (0..80)
            .map(|i| TableRow {
                cells: vec![
                    format!("{i}) {LONG_KK}"),
                    if i % 3 == 0 { "" } else { "17.03.2026" }.to_string(),
                ],
                group: i % 3 == 0,
            })
            .collect();
        layout.table(&[0.75, 0.25], &header, &rows);
        assert!(layout.pages().len() >= 3, "{}", layout.pages().len());
        for page in layout.pages() {
            // Each page starts with the header row, in bold.
            match &page[0] {
                Mark::Text { face, text, .. } => {
                    assert_eq!((face, text.as_str()), (&Face::Bold, "Іс-шара"));
                }
                other => panic!("{other:?}"),
            }
            for mark in page {
                if let Mark::Text { y, .. } = mark {
                    assert!(*y <= BODY_END, "{y}");
                }
            }
            // No page ends with a group's name: its last text is a row's date.
            let last = page.iter().rev().find_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                Mark::Rule { .. } | Mark::Dashed { .. } | Mark::Fill(_) => None,
            });
            assert_eq!(last, Some("17.03.2026"));
        }
    }

    fn texts(page: &[Mark]) -> Vec<(f32, f32, Face, &str)> {
        page.iter()
            .filter_map(|m| match m {
                Mark::Text {
                    x, y, face, text, ..
                } => Some((*x, *y, *face, text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn choices_follow_each_other_on_a_line_and_the_chosen_one_is_boxed_and_bold() {
        let mut layout = Layout::new();
        let items: Vec<(String, bool)> = ["безработный", "студент", "лицо в простое"]
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i == 1))
            .collect();
        layout.choices(&items, 0.0);
        let marks = texts(&layout.pages()[0]);
        assert_eq!(marks.len(), 3, "{marks:?}");
        assert!(
            marks.iter().all(|m| m.1 == marks[0].1),
            "one line: {marks:?}"
        );
        assert!(marks[0].0 == LEFT && marks[0].0 < marks[1].0 && marks[1].0 < marks[2].0);
        assert_eq!((marks[1].2, marks[1].3), (Face::Bold, "☒ студент"));
        assert_eq!((marks[0].2, marks[0].3), (Face::Regular, "☐ безработный"));
        assert_eq!(layout.cursor(), TOP + leading(TEXT));
        // Long choices go on to the next lines, each whole, none past the right margin, from
        // the indent.
        let mut layout = Layout::new();
        let long: Vec<(String, bool)> = (0..6)
            .map(|i| (format!("{i} Ұрпақтар келісімшарты жобасы"), i == 4))
            .collect();
        layout.choices(&long, 6.0 * MM);
        let marks = texts(&layout.pages()[0]);
        assert_eq!(marks.len(), 6);
        assert!(marks.iter().any(|m| m.1 > marks[0].1), "wrapped: {marks:?}");
        for (x, _, face, text) in &marks {
            assert!(
                *x >= LEFT + 6.0 * MM && x + face.width(text, TEXT) <= RIGHT,
                "{text}"
            );
        }
        assert_eq!(marks.iter().filter(|m| m.2 == Face::Bold).count(), 1);
    }

    #[test]
    fn a_tear_off_part_stays_whole_on_one_page_after_its_cut_line() {
        let part = |l: &mut Layout| {
            l.cut("линия отреза");
            for _ in 0..4 {
                l.paragraph(LONG_KK);
            }
            l.row(&[
                (0.65, "", "тегі, аты, әкесінің аты (бар болса)"),
                (0.35, "", "қолы"),
            ]);
        };
        // It fits: it follows on the same page, the dashed line first.
        let mut layout = Layout::new();
        layout.paragraph(LONG_KK);
        layout.together(part);
        assert_eq!(layout.pages().len(), 1);
        // It does not fit: the whole part starts the next page, the line at its top.
        let mut layout = Layout::new();
        while layout.cursor() < BODY_END - 30.0 * MM {
            layout.paragraph("бос жол");
        }
        let before = layout.pages()[0].len();
        layout.together(part);
        assert_eq!(layout.pages().len(), 2);
        assert_eq!(
            layout.pages()[0].len(),
            before,
            "nothing of the part on the first page"
        );
        assert!(
            matches!(layout.pages()[1][0], Mark::Dashed { x1, x2, .. } if x1 == LEFT && x2 == RIGHT)
        );
        // The blanks of the row: two rules on one line, their captions under them.
        let rules: Vec<(f32, f32, f32)> = layout.pages()[1]
            .iter()
            .filter_map(|m| match m {
                Mark::Rule { x1, x2, y } => Some((*x1, *x2, *y)),
                _ => None,
            })
            .collect();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].2, rules[1].2);
        assert!(rules[0].0 == LEFT && rules[0].1 < rules[1].0 && rules[1].1 <= RIGHT + 0.01);
        for mark in &layout.pages()[1] {
            if let Mark::Text { y, .. } = mark {
                assert!(*y <= BODY_END, "{y}");
            }
        }
    }

    #[test]
    fn a_layout_renders_as_a_pdf_a_document() {
        let mut layout = Layout::new();
        layout.title("Жұмыссыз ретінде тіркелгені туралы хабарлама");
        layout.paragraph(LONG_KK);
        let pdf = layout
            .render(&Meta {
                title: "test".into(),
                language: "kk-KZ",
                year: 2026,
                month: 3,
                day: 17,
            })
            .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("pdfaid"),
            "PDF/A identification in the XMP metadata"
        );
    }
}
