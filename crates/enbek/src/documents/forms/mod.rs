//! The forms of Order 214's appendices, each in Kazakh and in Russian (the wording lives in
//! `locales/{kk,ru,en}/documents.ftl`; English completes the bundle, the forms are issued in kk
//! and ru). A form takes neutral data: the caller (registration) has already decided, and gives
//! the names, dates and texts in the document's language.

pub mod fonts;
pub mod layout;

use chrono::{Datelike, NaiveDate};

use crate::documents::error::Result;
use crate::web::{Lang, Tr};
use layout::{Layout, Meta};

/// What every form carries: its number, the day it is issued, the career center that issues it
/// and its specialist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub number: String,
    pub issued_on: NaiveDate,
    /// The career center's name, in the document's language.
    pub career_center: String,
    /// The specialist's full name.
    pub specialist: String,
}

/// 214 App.3 and App.6: refusal to register as a job seeker (214 p.13) or as unemployed, with
/// its ground and point of law (Law on public services art.5 p.2 sub.14).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub issue: Issue,
    /// The service provider's full name (the career center, or its akimat's office).
    pub provider: String,
    /// The person's full name.
    pub person: String,
    /// The ground of the refusal, in words.
    pub ground: String,
    /// The point of law the ground rests on, as the document cites it.
    pub law: String,
}

/// 214 App.4: registered as a job seeker (Social Code art.98) at the career center, from a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSeeker {
    pub issue: Issue,
    pub person: String,
    pub registered_on: NaiveDate,
}

/// 214 App.5: registered as unemployed (Social Code art.99) at the center of labour mobility,
/// from a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unemployed {
    pub issue: Issue,
    pub person: String,
    /// The center of labour mobility's name.
    pub mobility_center: String,
    pub unemployed_since: NaiveDate,
}

/// 214 App.9 (p.45): information on registration (or its absence) as unemployed, valid 30
/// calendar days; the last valid day is an input (registration's rules compute it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnemployedInfo {
    pub issue: Issue,
    pub person: String,
    /// Registered as unemployed on the day of issue: the center of labour mobility and since when.
    pub registration: Option<(String, NaiveDate)>,
    pub valid_until: NaiveDate,
}

/// A form to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// 214 App.3.
    JobSeekerRefusal(Refusal),
    /// 214 App.4.
    JobSeeker(JobSeeker),
    /// 214 App.5.
    Unemployed(Unemployed),
    /// 214 App.6.
    UnemployedRefusal(Refusal),
    /// 214 App.9.
    UnemployedInfo(UnemployedInfo),
}

impl Form {
    /// The appendix of Order 214 the form is.
    pub fn appendix(&self) -> u8 {
        match self {
            Form::JobSeekerRefusal(_) => 3,
            Form::JobSeeker(_) => 4,
            Form::Unemployed(_) => 5,
            Form::UnemployedRefusal(_) => 6,
            Form::UnemployedInfo(_) => 9,
        }
    }

    /// The data every form carries.
    pub fn issue(&self) -> &Issue {
        match self {
            Form::JobSeekerRefusal(f) | Form::UnemployedRefusal(f) => &f.issue,
            Form::JobSeeker(f) => &f.issue,
            Form::Unemployed(f) => &f.issue,
            Form::UnemployedInfo(f) => &f.issue,
        }
    }
}

/// The form as a PDF (PDF/A-2b) in `lang`.
pub fn render(form: &Form, lang: Lang) -> Result<Vec<u8>> {
    let tr = Tr::new(lang);
    let n = form.appendix();
    let issue = form.issue();
    let date = |d: NaiveDate| tr.date(d);
    // A message with a date; an empty message (a language that does not need the line) is
    // left out.
    let dated = |id: &str, d: NaiveDate| tr.with1(id, "date", &date(d));
    let mut l = Layout::new();
    l.annex(&[
        tr.with1("documents-annex", "n", &n.to_string()),
        tr.t("documents-form"),
    ]);
    let title = tr.t(&format!("documents-app{n}-title"));
    l.title(&title);
    l.block(
        &tr.with1("documents-number", "number", &issue.number),
        fonts::Face::Regular,
        layout::TEXT,
        layout::Align::Right,
        layout::LEFT,
        layout::RIGHT,
    );
    l.space(3.0 * layout::MM);
    let para = |l: &mut Layout, text: String| {
        if !text.trim().is_empty() {
            l.paragraph(&text);
        }
    };
    let name = tr.t("documents-caption-name");
    match form {
        Form::JobSeekerRefusal(f) | Form::UnemployedRefusal(f) => {
            para(&mut l, tr.t("documents-refusal-law"));
            l.field(&f.provider, &tr.t("documents-caption-provider"));
            para(&mut l, tr.t("documents-refusal-you"));
            l.field(&f.person, &name);
            para(&mut l, tr.t("documents-refusal-ground"));
            l.field(
                &tr.with(
                    "documents-refusal-ground-value",
                    &[
                        ("ground", f.ground.clone().into()),
                        ("law", f.law.clone().into()),
                    ],
                ),
                &tr.t("documents-caption-ground"),
            );
        }
        Form::JobSeeker(f) => {
            para(&mut l, tr.t("documents-you"));
            l.field(&f.person, &name);
            para(&mut l, dated("documents-app4-before", f.registered_on));
            l.field(&issue.career_center, &tr.t("documents-caption-center"));
            para(&mut l, dated("documents-app4-after", f.registered_on));
        }
        Form::Unemployed(f) => {
            para(&mut l, tr.t("documents-you"));
            l.field(&f.person, &name);
            para(&mut l, dated("documents-app5-before", f.unemployed_since));
            l.field(&f.mobility_center, &tr.t("documents-caption-mobility"));
            para(&mut l, dated("documents-app5-after", f.unemployed_since));
        }
        Form::UnemployedInfo(f) => {
            para(&mut l, tr.t("documents-app9-given"));
            l.field(&f.person, &name);
            match &f.registration {
                Some((center, since)) => {
                    para(&mut l, dated("documents-app9-registered-before", *since));
                    l.field(center, &tr.t("documents-caption-mobility"));
                    para(&mut l, dated("documents-app9-registered-after", *since));
                }
                None => para(&mut l, tr.t("documents-app9-not-registered")),
            }
        }
    }
    l.space(2.0 * layout::MM);
    l.paragraph(&dated("documents-issued", issue.issued_on));
    if let Form::UnemployedInfo(f) = form {
        l.paragraph(&dated("documents-app9-valid-until", f.valid_until));
    }
    l.signature(&tr.t("documents-specialist"), &issue.specialist, &name);
    l.render(&Meta {
        title: format!("{title} № {}", issue.number),
        language: match lang {
            Lang::Kk => "kk-KZ",
            Lang::Ru => "ru-RU",
            Lang::En => "en",
        },
        year: u16::try_from(issue.issued_on.year()).unwrap_or(2000),
        month: u8::try_from(issue.issued_on.month()).unwrap_or(1),
        day: u8::try_from(issue.issued_on.day()).unwrap_or(1),
    })
}
