//! The official documents as PDF (214 App.3–App.6, App.9, App.10; 129 App.1, App.3, App.4, App.5,
//! App.8, App.11), in Kazakh and in Russian: each form rendered with fixed data, its text
//! extracted with `pdftotext -layout` (poppler-utils, installed by `scripts/setup-browser`) and
//! compared with a golden file in `tests/golden/documents/`, and its pages rendered to PNG with
//! `pdftoppm -r 80` into `target/documents/` for people to look at. After a deliberate change of
//! a form, `ENBEK_UPDATE_GOLDEN=1` rewrites the golden files; read their diff against the
//! appendix before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

use enbek::documents::interface::render;
use enbek::web::Lang;

#[path = "fixtures/documents.rs"]
mod fixtures;
use fixtures::{forms, seal, DOCUMENT_ID};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/documents")
}

fn run(program: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} runs ({e}); run scripts/setup-browser to install poppler-utils")
        });
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The lines of `want` and `got` that differ, marked `-` (golden) and `+` (rendered).
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
    let mut out = String::new();
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            if let Some(a) = a {
                out.push_str(&format!("{:>3} - {a}\n", i + 1));
            }
            if let Some(b) = b {
                out.push_str(&format!("{:>3} + {b}\n", i + 1));
            }
        }
    }
    out
}

#[test]
fn every_form_in_kazakh_and_russian_reads_as_its_golden_text_and_renders_to_png() {
    let dir = target().join("documents");
    std::fs::create_dir_all(&dir).expect("target/documents");
    let update = std::env::var_os("ENBEK_UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for lang in [Lang::Kk, Lang::Ru] {
        for (name, form) in forms(lang) {
            let stem = format!("{name}.{}", lang.as_str());
            let pdf = render(&form, lang, &seal()).expect("the form renders");
            assert!(pdf.starts_with(b"%PDF-"), "{stem}");
            // The same data renders to the same bytes.
            assert_eq!(
                pdf,
                render(&form, lang, &seal()).expect("renders again"),
                "{stem}"
            );
            let path = dir.join(format!("{stem}.pdf"));
            std::fs::write(&path, &pdf).expect("the PDF is written");

            let text = run(
                "pdftotext",
                &[
                    "-layout".as_ref(),
                    "-enc".as_ref(),
                    "UTF-8".as_ref(),
                    path.as_os_str(),
                    "-".as_ref(),
                ],
            );
            let text = String::from_utf8(text).expect("UTF-8 text");
            // Whitespace at line ends is not the form's.
            let text: String = text
                .lines()
                .map(|l| format!("{}\n", l.trim_end()))
                .collect::<String>()
                .trim_end()
                .to_string()
                + "\n";
            let golden = golden_dir().join(format!("{stem}.txt"));
            if update {
                std::fs::create_dir_all(golden_dir()).expect("the golden folder");
                std::fs::write(&golden, &text).expect("the golden file is written");
            } else {
                let want = std::fs::read_to_string(&golden).unwrap_or_default();
                if want != text {
                    failures.push(format!(
                        "{stem} differs from {}:\n{}",
                        golden.display(),
                        diff(&want, &text)
                    ));
                }
            }

            let prefix = dir.join(&stem);
            run(
                "pdftoppm",
                &[
                    "-png".as_ref(),
                    "-r".as_ref(),
                    "80".as_ref(),
                    path.as_os_str(),
                    prefix.as_os_str(),
                ],
            );
            let png = dir.join(format!("{stem}-1.png"));
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(size > 1000, "{} is missing or empty", png.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_text_is_selectable_the_kazakh_letters_come_back_and_the_document_is_pdf_a() {
    let form = &forms(Lang::Kk)[4].1;
    let pdf = render(form, Lang::Kk, &seal()).expect("renders");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("pdfaid:part"), "PDF/A identification");
    let dir = target().join("documents");
    std::fs::create_dir_all(&dir).expect("target/documents");
    let path = dir.join("selectable.kk.pdf");
    std::fs::write(&path, &pdf).expect("written");
    let text = String::from_utf8(run(
        "pdftotext",
        &[
            "-enc".as_ref(),
            "UTF-8".as_ref(),
            path.as_os_str(),
            "-".as_ref(),
        ],
    ))
    .expect("UTF-8");
    for word in [
        "Әбілқасымов",
        "Ерғали",
        "Үмбетұлы",
        "мобильділігі",
        "Нұрланқызы",
        "қоса",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
    assert!(
        text.contains("2026 жылғы 15 сәуір"),
        "the last valid day: {text}"
    );
}

/// A page of `pdf` rendered in grey at `dpi` by `pdftoppm` (a binary PGM), as its width, height
/// and pixels.
fn grey_page(pdf: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let page = page.to_string();
    let dpi = dpi.to_string();
    let pgm = run(
        "pdftoppm",
        &[
            "-gray".as_ref(),
            "-r".as_ref(),
            dpi.as_ref(),
            "-f".as_ref(),
            page.as_ref(),
            "-l".as_ref(),
            page.as_ref(),
            pdf.as_os_str(),
        ],
    );
    // The header: "P5", the width, the height and the maximum value, each followed by one
    // whitespace byte; the pixels follow, a byte each.
    let mut fields = Vec::new();
    let mut start = 0;
    for (i, b) in pgm.iter().enumerate() {
        if b.is_ascii_whitespace() {
            fields.push(String::from_utf8_lossy(&pgm[start..i]).to_string());
            start = i + 1;
            if fields.len() == 4 {
                break;
            }
        }
    }
    assert_eq!(fields[0], "P5", "a binary PGM");
    assert_eq!(fields[3], "255");
    let width: usize = fields[1].parse().expect("the width");
    let height: usize = fields[2].parse().expect("the height");
    let pixels = pgm[start..].to_vec();
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

#[test]
fn every_page_carries_a_qr_code_that_reads_back_as_the_verification_address() {
    let dir = target().join("documents");
    std::fs::create_dir_all(&dir).expect("target/documents");
    let seal = seal();
    let dpi = 150;
    // App.9 in Kazakh (one page) and the plan in Russian (two pages).
    for (lang, index, pages) in [(Lang::Kk, 4, 1), (Lang::Ru, 6, 2)] {
        let (name, form) = &forms(lang)[index];
        let pdf = render(form, lang, &seal).expect("renders");
        let path = dir.join(format!("qr-{name}.{}.pdf", lang.as_str()));
        std::fs::write(&path, &pdf).expect("written");
        for page in 1..=pages {
            let (width, height, pixels) = grey_page(&path, page, dpi);
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
                pixels[y * width + x]
            });
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "{name} page {page}: one QR code");
            let (meta, content) = grids[0].decode().expect("the QR code decodes");
            assert_eq!(content, seal.url, "{name} page {page}");
            // Error correction level M is 0 in the code's format bits (ISO/IEC 18004 table 12).
            assert_eq!(meta.ecc_level, 0, "{name} page {page}: level M");
            // At least 20 mm wide on paper, so that a phone reads it.
            let [a, b, ..] = grids[0].bounds;
            let side = f64::from(b.x - a.x).hypot(f64::from(b.y - a.y));
            let mm = side / f64::from(dpi) * 25.4;
            assert!(mm >= 20.0, "{name} page {page}: {mm:.1} mm");
        }
        let text = String::from_utf8(run(
            "pdftotext",
            &[
                "-enc".as_ref(),
                "UTF-8".as_ref(),
                path.as_os_str(),
                "-".as_ref(),
            ],
        ))
        .expect("UTF-8");
        assert!(text.contains(&seal.url), "{text}");
        assert!(text.contains(DOCUMENT_ID), "{text}");
        let line = match lang {
            Lang::Kk => "Құжат электрондық цифрлық қолтаңбамен қол қойылған.",
            _ => "Документ подписан электронной цифровой подписью.",
        };
        assert_eq!(text.matches(line).count(), pages, "{text}");
        if pages == 2 {
            assert!(
                text.contains("Стр. 1 из 2") && text.contains("Стр. 2 из 2"),
                "{text}"
            );
        }
    }
}

#[test]
fn another_seal_gives_another_code_and_line() {
    let (_, form) = &forms(Lang::Ru)[4];
    let other = enbek::documents::interface::Seal {
        document_id: "0190f3a2-0000-7000-8000-000000000001".to_string(),
        url: "https://enbek.kz/verify/0190f3a2-0000-7000-8000-000000000001".to_string(),
    };
    let a = render(form, Lang::Ru, &seal()).expect("renders");
    let b = render(form, Lang::Ru, &other).expect("renders");
    assert_ne!(a, b);
    let dir = target().join("documents");
    std::fs::create_dir_all(&dir).expect("target/documents");
    let path = dir.join("qr-other.ru.pdf");
    std::fs::write(&path, &b).expect("written");
    let (width, height, pixels) = grey_page(&path, 1, 150);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0].decode().expect("decodes").1, other.url);
}

#[test]
fn each_form_of_order_129_marks_its_choices_and_a_referral_ends_with_its_tear_off_notice() {
    use enbek::documents::interface::Form;
    let dir = target().join("documents");
    std::fs::create_dir_all(&dir).expect("target/documents");
    let mut seen = 0;
    for lang in [Lang::Kk, Lang::Ru] {
        for (name, form) in forms(lang) {
            if form.order() != 129 {
                continue;
            }
            seen += 1;
            let pdf = render(&form, lang, &seal()).expect("renders");
            let path = dir.join(format!("tear-off-{name}.{}.pdf", lang.as_str()));
            std::fs::write(&path, &pdf).expect("written");
            let text = String::from_utf8(run(
                "pdftotext",
                &[
                    "-enc".as_ref(),
                    "UTF-8".as_ref(),
                    path.as_os_str(),
                    "-".as_ref(),
                ],
            ))
            .expect("UTF-8");
            let number = &form.issue().number;
            let (cut, notice) = match lang {
                Lang::Kk => ("кесу сызығы", format!("№ {number} жолдамаға хабарлама")),
                _ => (
                    "линия отреза",
                    format!("Уведомление к направлению № {number}"),
                ),
            };
            // App.1 and the referrals are cut in two; a referral's notice follows the cut.
            let referral = matches!(
                form,
                Form::TrainingReferral(_)
                    | Form::SubsidisedReferral(_)
                    | Form::ResettlementReferral(_)
            );
            let cut_at = text.find(cut);
            assert_eq!(
                cut_at.is_some(),
                referral || matches!(form, Form::MeasureApplication(_)),
                "{name}.{}: {text}",
                lang.as_str()
            );
            if referral {
                let notice_at = text
                    .find(&notice)
                    .unwrap_or_else(|| panic!("{notice}: {text}"));
                assert!(cut_at < Some(notice_at), "{name}: the notice after the cut");
            }
            // The chosen measure (App.1: the subsidised job and its kind; App.8: the category
            // and the kind) is marked; App.11's housing is the receiver's to mark.
            let marked = match form {
                Form::MeasureApplication(_) | Form::SubsidisedReferral(_) => 2,
                _ => 0,
            };
            assert_eq!(text.matches('☒').count(), marked, "{name}: {text}");
            let unmarked = match form {
                Form::MeasureApplication(_) => 7,
                Form::SubsidisedReferral(_) => 7,
                Form::ResettlementReferral(_) => 4,
                _ => 0,
            };
            assert_eq!(text.matches('☐').count(), unmarked, "{name}: {text}");
        }
    }
    assert_eq!(
        seen, 14,
        "the seven forms of Order 129 in the fixtures, in kk and ru"
    );
}
