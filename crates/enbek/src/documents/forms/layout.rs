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
use krilla::paint::{Fill, Stroke};
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

/// `text` cut into lines no wider than `width` at `size` points: at spaces, and inside a word
/// only when the word alone is wider than the line.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
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
        self.page().push(Mark::Text {
            x,
            y,
            size,
            face,
            text: text.to_string(),
        });
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
    /// caption under the rule (`фамилия, имя, отчество`).
    pub fn field(&mut self, value: &str, caption: &str) {
        let lines = wrap(value, Face::Regular, TEXT, RIGHT - LEFT);
        self.ensure((leading(TEXT) + 2.0) * lines.len() as f32 + leading(CAPTION));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                // Room between a rule and the line under it.
                self.space(2.0);
            }
            self.line(line, Face::Regular, TEXT, Align::Center, LEFT, RIGHT);
            let y = self.y - leading(TEXT) + TEXT + 2.5;
            self.page().push(Mark::Rule {
                x1: LEFT,
                x2: RIGHT,
                y,
            });
        }
        self.y += 1.5;
        self.block(caption, Face::Regular, CAPTION, Align::Center, LEFT, RIGHT);
        self.space(1.5 * MM);
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
                    Mark::Rule { x1, x2, y } => {
                        let mut path = PathBuilder::new();
                        path.move_to(*x1, *y);
                        path.line_to(*x2, *y);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width: 0.6,
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
                Mark::Rule { .. } | Mark::Fill(_) => None,
            });
            assert_eq!(last, Some("17.03.2026"));
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
