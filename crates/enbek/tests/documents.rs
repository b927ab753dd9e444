//! The official documents as PDF (214 App.3–App.6, App.9, App.10), in Kazakh and in Russian: each form
//! rendered with fixed data, its text extracted with `pdftotext -layout` (poppler-utils, installed
//! by `scripts/setup-browser`) and compared with a golden file in `tests/golden/documents/`, and
//! its pages rendered to PNG with `pdftoppm -r 80` into `target/documents/` for people to look
//! at. After a deliberate change of a form, `ENBEK_UPDATE_GOLDEN=1` rewrites the golden files;
//! read their diff against the appendix before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use enbek::documents::interface::{
    render, Contacts, EmploymentPlan, Form, Issue, JobSeeker, PlanGroup, PlanItem, Refusal,
    Unemployed, UnemployedInfo,
};
use enbek::web::Lang;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/documents")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The fixed data of every form, in the document's language.
fn issue(lang: Lang, number: &str) -> Issue {
    Issue {
        number: number.to_string(),
        issued_on: day(2026, 3, 17),
        career_center: match lang {
            Lang::Kk => "Астана қаласының «Нұра» мансап орталығы",
            _ => "Карьерный центр «Нура» города Астаны",
        }
        .to_string(),
        specialist: match lang {
            Lang::Kk => "Сейітқалиева Әйгерім Нұрланқызы",
            _ => "Сейиткалиева Айгерим Нурлановна",
        }
        .to_string(),
    }
}

const PERSON: &str = "Әбілқасымов Ерғали Үмбетұлы";

fn mobility(lang: Lang) -> String {
    match lang {
        Lang::Kk => "Астана қаласының еңбек мобильділігі орталығы",
        _ => "Центр трудовой мобильности города Астаны",
    }
    .to_string()
}

/// A refusal: App.3 on a ground of the service's requirements (214 App.2 p.9), App.6 on a
/// ground of 214 p.41(6).
fn refusal(lang: Lang, number: &str, unemployed: bool) -> Refusal {
    let (ground, law) = match (lang, unemployed) {
        (Lang::Kk, false) => (
            "өтініш беруші ұсынған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) анық еместігі анықталды",
            "Мемлекеттік қызмет көрсетуге қойылатын негізгі талаптар тізбесінің 9-тармағы",
        ),
        (Lang::Kk, true) => (
            "түзеу жұмыстарына сотталған адам жұмыссыз ретінде тіркелмейді",
            "Қағидалардың 41-тармағының 6) тармақшасы",
        ),
        (_, false) => (
            "установлена недостоверность документов, представленных заявителем, и (или) данных (сведений), содержащихся в них",
            "пункт 9 Перечня основных требований к оказанию государственной услуги",
        ),
        (_, true) => (
            "лицо, осуждённое к исправительным работам, не регистрируется в качестве безработного",
            "подпункт 6) пункта 41 Правил",
        ),
    };
    let provider = match lang {
        Lang::Kk => "Астана қаласының «Нұра» мансап орталығы",
        _ => "Карьерный центр «Нура» города Астаны",
    };
    Refusal {
        issue: issue(lang, number),
        provider: provider.to_string(),
        person: PERSON.to_string(),
        ground: ground.to_string(),
        law: law.to_string(),
    }
}

/// An employment plan with a measure of each group, in the document's language.
fn plan(lang: Lang) -> EmploymentPlan {
    let kk = lang == Lang::Kk;
    let t = |k: &str, r: &str| if kk { k } else { r }.to_string();
    let item = |group, k: &str, r: &str, d| PlanItem {
        group,
        text: t(k, r),
        due: day(2026, 4, d),
    };
    EmploymentPlan {
        issue: issue(lang, "Ж-2026-000078"),
        person: PERSON.to_string(),
        unemployed_since: day(2026, 3, 16),
        goal: t("өз мамандығы бойынша тұрақты жұмысқа орналасу", "трудоустройство на постоянную работу по специальности"),
        education: t("техникалық және кәсіптік", "техническое и профессиональное"),
        occupation: t("электргазымен дәнекерлеуші", "электрогазосварщик"),
        items: vec![
            item(PlanGroup::Mediation, "ізденушінің enbek.kz порталы арқылы жұмыс іздестіруі", "поиск соискателем работы через портал enbek.kz", 15),
            item(PlanGroup::Orientation, "кәсіп таңдау және жұмыс орны бойынша консультация беру, кәсіптік бағдарлау тестісінен өту", "консультирование по выбору профессии и места работы, прохождение тестов профессиональной ориентации", 1),
            item(PlanGroup::Mediation, "жұмыс берушілермен әңгімелесуге бару", "посещение собеседований с работодателями", 30),
            item(PlanGroup::ActiveMeasures, "кәсіптік оқытуға қатысу (даярлау, қайта даярлау және біліктілігін арттыру)", "участие в профессиональном обучении (подготовка, переподготовка и повышение квалификации)", 28),
            item(PlanGroup::SocialAid, "Мемлекеттік әлеуметтік сақтандыру қорынан жұмысынан айырылу жағдайына берілетін әлеуметтік төлем", "социальная выплата на случай потери работы из Государственного фонда социального страхования", 10),
            item(PlanGroup::JobSearchSkills, "белсенді жұмыс іздестіру негіздеріне оқыту курстарына бару", "посещение обучающих курсов по активному поиску работы", 20),
        ],
        meetings: vec![
            (day(2026, 3, 31), t("жұмыс іздеу нәтижелерін талқылау", "обсуждение результатов поиска работы")),
            (day(2026, 4, 14), t("ұсынылған бос орындар бойынша әңгімелесу", "собеседование по предложенным вакансиям")),
        ],
        valid_until: day(2026, 6, 16),
        person_contacts: Contacts {
            phone: "+7 701 000 00 00".to_string(),
            email: None,
        },
        specialist_contacts: Contacts {
            phone: "+7 7172 00 00 00".to_string(),
            email: Some("nura@example.kz".to_string()),
        },
    }
}

/// Each form of the test: its file name and its data in a language.
fn forms(lang: Lang) -> Vec<(&'static str, Form)> {
    vec![
        (
            "app3",
            Form::JobSeekerRefusal(refusal(lang, "Б-2026-000031", false)),
        ),
        (
            "app4",
            Form::JobSeeker(JobSeeker {
                issue: issue(lang, "Т-2026-000412"),
                person: PERSON.to_string(),
                registered_on: day(2026, 3, 16),
            }),
        ),
        (
            "app5",
            Form::Unemployed(Unemployed {
                issue: issue(lang, "Ж-2026-000077"),
                person: PERSON.to_string(),
                mobility_center: mobility(lang),
                unemployed_since: day(2026, 3, 16),
            }),
        ),
        (
            "app6",
            Form::UnemployedRefusal(refusal(lang, "Б-2026-000032", true)),
        ),
        (
            "app9",
            Form::UnemployedInfo(UnemployedInfo {
                issue: issue(lang, "А-2026-001905"),
                person: PERSON.to_string(),
                registration: Some((mobility(lang), day(2026, 3, 16))),
                valid_until: day(2026, 4, 15),
            }),
        ),
        (
            "app9-not-registered",
            Form::UnemployedInfo(UnemployedInfo {
                issue: issue(lang, "А-2026-001906"),
                person: PERSON.to_string(),
                registration: None,
                valid_until: day(2026, 4, 15),
            }),
        ),
        ("app10", Form::EmploymentPlan(plan(lang))),
    ]
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

/// The seal the golden files are rendered with.
fn seal() -> enbek::documents::interface::Seal {
    enbek::documents::interface::Seal {
        document_id: "0190f3a2-0000-7000-8000-000000000001".into(),
        url: "https://enbek.kz/verify/0190f3a2-0000-7000-8000-000000000001".into(),
    }
}
