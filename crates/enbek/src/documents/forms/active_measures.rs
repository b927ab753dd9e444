//! The forms of Order 129: the public service «Выдача направлений на участие в активных мерах
//! содействия занятости». The application (129 App.1) with its tear-off receipt, the receipt of
//! refusal to accept documents (129 App.3, 129 p.8), and the referrals (129 p.10): to vocational
//! training at an education organisation (129 App.4) or on the job at an employer (129 App.5),
//! to a subsidised job (129 App.8) and to resettlement (129 App.11), each with the tear-off
//! notice the receiving organisation fills in and returns. What the form leaves to the one who
//! receives the paper (an order's number and date, the dates, a signature) is printed blank.
//! Measures, documents and categories come as the API's codes; the form names them in the
//! document's language and marks the chosen one (`☒`, bold) among those the appendix lists.

use chrono::NaiveDate;

use super::layout::{Align, Layout, TableRow, LEFT, MM, RIGHT, TEXT};
use super::{finish, fonts::Face, numbered, Form, Issue, Seal};
use super::{
    DocumentsRefusal, MeasureApplication, ResettlementReferral, SubsidisedReferral,
    TrainingReferral,
};
use crate::documents::error::{Code, Result};
use crate::platform::problem::Raise;
use crate::web::{Lang, Tr};

/// The kinds of a subsidised job, in the order 129 App.1 and App.8 list them.
const SUBSIDISED: [&str; 6] = [
    "public_works",
    "social_job",
    "youth_practice",
    "first_job",
    "generation_contract",
    "silver_age",
];
/// Who is referred to a subsidised job (129 App.8): unemployed, a student or senior pupil, a
/// person without work through downtime.
const CATEGORIES: [&str; 3] = ["unemployed", "student", "downtime"];
/// The documents the desk checks (129 App.2 p.8).
const DESK_DOCUMENTS: [&str; 6] = [
    "identity",
    "labour_book",
    "education",
    "health_certificate",
    "professional_education",
    "parent_consent",
];
/// Why the desk did not accept a document (129 p.8).
const REASONS: [&str; 2] = ["missing", "expired"];
/// What resettlement provides (129 App.11's tear-off; its receiver marks it).
const HOUSING: [&str; 4] = ["home", "service", "dormitory", "subsidy"];

/// A code the form does not know: the caller gave what no form of Order 129 prints.
fn known(what: &str, list: &[&str], code: &str) -> Result<()> {
    if list.contains(&code) {
        Ok(())
    } else {
        tracing::error!(what, code, "an unknown code in a form of Order 129");
        Err(Code::RenderFailed.raise())
    }
}

/// A form of Order 129 as a PDF: the appendix block, the form's own layout, the seal.
pub(super) fn render(form: &Form, lang: Lang, seal: &Seal) -> Result<Vec<u8>> {
    let tr = Tr::new(lang);
    let mut l = Layout::new();
    l.annex(&[
        tr.with1("documents-129-annex", "n", &form.appendix().to_string()),
        tr.t("documents-form"),
    ]);
    let title = match form {
        Form::MeasureApplication(f) => application(&mut l, &tr, f)?,
        Form::DocumentsRefusal(f) => refusal(&mut l, &tr, f)?,
        Form::TrainingReferral(f) => training(&mut l, &tr, f),
        Form::SubsidisedReferral(f) => subsidised(&mut l, &tr, f)?,
        Form::ResettlementReferral(f) => resettlement(&mut l, &tr, f),
        _ => unreachable!("Order 214's forms are rendered by forms::render"),
    };
    finish(l, &title, form.issue(), lang, seal)
}

/// The document's number at the right, under the title.
fn number(l: &mut Layout, tr: &Tr, issue: &Issue) {
    l.block(
        &tr.with1("documents-number", "number", &issue.number),
        Face::Regular,
        TEXT,
        Align::Right,
        LEFT,
        RIGHT,
    );
    l.space(3.0 * MM);
}

/// A referral's title: its number in it, as the appendix gives it ("Направление № ___ на ...").
fn referral_title(l: &mut Layout, tr: &Tr, id: &str, issue: &Issue) -> String {
    let title = tr.with1(id, "number", &issue.number);
    l.title(&title);
    title
}

/// A term in months from a day to a day.
fn term(tr: &Tr, months: u32, from: NaiveDate, to: NaiveDate) -> String {
    tr.with(
        "documents-129-term",
        &[
            (
                "months",
                tr.count("documents-129-months", i64::from(months)).into(),
            ),
            ("from", tr.date(from).into()),
            ("to", tr.date(to).into()),
        ],
    )
}

/// The person with their IIN, as the referrals fill the name in.
fn person_iin(tr: &Tr, person: &str, iin: &str) -> String {
    tr.with(
        "documents-129-person-iin",
        &[("person", person.into()), ("iin", iin.into())],
    )
}

/// The career center's specialist: their role beside the rule of their signature, and their
/// name with its caption.
fn specialist_signs(l: &mut Layout, tr: &Tr, issue: &Issue) {
    l.signature(
        &tr.t("documents-specialist"),
        &issue.specialist,
        &tr.t("documents-caption-name"),
    );
}

/// The upper part's end: the career center's specialist who signs, and the day of issue.
fn signed(l: &mut Layout, tr: &Tr, issue: &Issue) {
    specialist_signs(l, tr, issue);
    l.paragraph(&tr.with1("documents-issued", "date", &tr.date(issue.issued_on)));
}

/// The start of a tear-off notice: the cut line, who returns it and when, and its title with
/// the referral's number.
fn tear_off(l: &mut Layout, tr: &Tr, returned: &str, issue: &Issue) {
    l.cut(&tr.t("documents-129-cut"));
    l.paragraph(&tr.t(returned));
    l.space(1.0 * MM);
    l.block(
        &tr.with1("documents-129-notice", "number", &issue.number),
        Face::Bold,
        TEXT,
        Align::Center,
        LEFT,
        RIGHT,
    );
    l.space(2.0 * MM);
}

/// The end of a tear-off notice: its signer's role, blank rules for the name and the signature,
/// the blank day of issue and the place of the stamp.
fn receiver_signs(l: &mut Layout, tr: &Tr, role: &str) {
    l.space(2.0 * MM);
    l.paragraph(&tr.t(role));
    l.row(&[
        (0.65, "", &tr.t("documents-caption-name")),
        (0.35, "", &tr.t("documents-129-caption-signature")),
    ]);
    l.paragraph(&tr.t("documents-129-blank-issued"));
    l.paragraph(&tr.t("documents-129-stamp"));
}

/// 129 App.1: to the career center's director, from the person living at the address; the
/// measure asked for, marked among the three (a subsidised job with its kind); the documents
/// attached; the consents; the day and the person's signature; then, cut off, the receipt: the
/// application accepted on the day of issue under its number, by the specialist (or through the
/// portal, for an application made online).
fn application(l: &mut Layout, tr: &Tr, f: &MeasureApplication) -> Result<String> {
    let measure = f.measure.as_str();
    let subsidised = SUBSIDISED.contains(&measure);
    if !subsidised {
        known("measure", &["training", "resettlement"], measure)?;
    }
    let issue = &f.issue;
    let name = tr.t("documents-caption-name");
    // The addressee, at the right of the page as an application sets it.
    let left = LEFT + (RIGHT - LEFT) * 0.4;
    let beside = |l: &mut Layout, id: &str| {
        let text = tr.t(id);
        if !text.trim().is_empty() {
            l.block(&text, Face::Regular, TEXT, Align::Left, left, RIGHT);
        }
    };
    l.space(4.0 * MM);
    beside(l, "documents-129-app1-to");
    l.field_in(
        &issue.career_center,
        &tr.t("documents-129-app1-caption-center"),
        left,
        RIGHT,
    );
    beside(l, "documents-129-app1-to-after");
    beside(l, "documents-129-app1-from");
    l.field_in(&f.person, &name, left, RIGHT);
    beside(l, "documents-129-app1-lives");
    l.field_in(
        &f.address,
        &tr.t("documents-129-app1-caption-address"),
        left,
        RIGHT,
    );
    // The form has no number above: the receipt gives the one the application is registered
    // under.
    let title = tr.t("documents-129-app1-title");
    l.title(&title);
    l.paragraph(&tr.t("documents-129-app1-ask"));
    let choice = |code: &str| {
        (
            tr.t(&format!("documents-129-measure-{code}")),
            code == measure,
        )
    };
    l.choices(&[choice("training")], 0.0);
    l.choices(
        &[(tr.t("documents-129-measure-subsidised"), subsidised)],
        0.0,
    );
    let kinds: Vec<(String, bool)> = SUBSIDISED.iter().map(|k| choice(k)).collect();
    l.choices(&kinds, 6.0 * MM);
    l.choices(&[choice("resettlement")], 0.0);
    l.space(2.0 * MM);
    l.paragraph(&tr.t("documents-129-app1-documents"));
    if f.documents.is_empty() {
        l.paragraph(&tr.t("documents-129-app1-no-documents"));
    }
    for (i, document) in f.documents.iter().enumerate() {
        let end = if i + 1 == f.documents.len() { "." } else { ";" };
        l.paragraph(&format!("{}) {document}{end}", i + 1));
    }
    l.space(2.0 * MM);
    l.paragraph(&tr.t("documents-129-app1-consent-data"));
    l.paragraph(&tr.t("documents-129-app1-consent-secret"));
    // The day and the applicant's signature, side by side as the form sets them.
    l.space(4.0 * MM);
    l.row(&[
        (
            0.5,
            &tr.date(f.submitted_on),
            &tr.t("documents-129-caption-date"),
        ),
        (0.5, "", &tr.t("documents-129-caption-applicant-signature")),
    ]);
    l.together(|l| {
        l.cut(&tr.t("documents-129-cut"));
        l.paragraph(&tr.with(
            "documents-129-app1-receipt",
            &[
                ("person", f.person.as_str().into()),
                ("date", tr.date(issue.issued_on).into()),
                ("number", issue.number.as_str().into()),
            ],
        ));
        if issue.specialist.trim().is_empty() {
            l.paragraph(&tr.t("documents-129-app1-online"));
        } else {
            l.paragraph(&tr.t("documents-129-app1-accepted-by"));
            specialist_signs(l, tr, issue);
        }
    });
    Ok(numbered(&title, issue))
}

/// 129 App.3 (129 p.8): under the Law on public services art.19 the provider refuses to accept
/// the documents, an incomplete set or expired ones, each named with why; the receipt in two
/// copies; the director's signature (on paper), the specialist who executed it, the person who
/// received it, the day of issue.
fn refusal(l: &mut Layout, tr: &Tr, f: &DocumentsRefusal) -> Result<String> {
    for (document, reason) in &f.documents {
        known("document", &DESK_DOCUMENTS, document)?;
        known("reason", &REASONS, reason)?;
    }
    let issue = &f.issue;
    let title = tr.t("documents-129-app3-title");
    l.title(&title);
    number(l, tr, issue);
    l.paragraph(&tr.t("documents-129-app3-law"));
    l.field(&f.provider, &tr.t("documents-caption-provider"));
    l.paragraph(&tr.t("documents-129-app3-refuses"));
    l.paragraph(&tr.t("documents-129-app3-documents"));
    for (i, (document, reason)) in f.documents.iter().enumerate() {
        let end = if i + 1 == f.documents.len() { "." } else { ";" };
        l.paragraph(&format!(
            "{}) {} — {}{end}",
            i + 1,
            tr.t(&format!("documents-129-document-{document}")),
            tr.t(&format!("documents-129-reason-{reason}")),
        ));
    }
    l.space(2.0 * MM);
    l.paragraph(&tr.t("documents-129-app3-copies"));
    let name = tr.t("documents-caption-name");
    l.space(2.0 * MM);
    l.paragraph(&tr.t("documents-129-app3-director"));
    l.row(&[
        (0.65, "", &name),
        (0.35, "", &tr.t("documents-129-caption-signature")),
    ]);
    let signature = tr.t("documents-129-caption-signature");
    l.paragraph(&tr.t("documents-129-app3-executor"));
    l.row(&[(0.65, &issue.specialist, &name), (0.35, "", &signature)]);
    l.paragraph(&tr.t("documents-129-app3-received"));
    l.row(&[
        (0.65, &f.person, &tr.t("documents-129-caption-receiver")),
        (0.35, "", &signature),
    ]);
    l.paragraph(&tr.with1("documents-issued", "date", &tr.date(issue.issued_on)));
    l.paragraph(&tr.t("documents-129-stamp"));
    Ok(numbered(&title, issue))
}

/// 129 App.4 and App.5: the person is sent for vocational training to the education
/// organisation (or the employer, on the job) for the months from a day to a day; cut off, the
/// notice the organisation returns within five working days: enrolled (or hired for the time of
/// training) by its order, in the qualification, until a day.
fn training(l: &mut Layout, tr: &Tr, f: &TrainingReferral) -> String {
    let issue = &f.issue;
    let n = if f.on_the_job { 5 } else { 4 };
    let title = referral_title(l, tr, &format!("documents-129-app{n}-title"), issue);
    let name = tr.t("documents-caption-name");
    let organisation = tr.t(if f.on_the_job {
        "documents-129-caption-employer"
    } else {
        "documents-129-caption-school"
    });
    l.paragraph(&tr.t("documents-129-citizen"));
    l.field(&f.person, &name);
    l.paragraph(&tr.t("documents-129-training-to"));
    l.field(&f.organisation, &organisation);
    l.paragraph(&term(tr, f.months, f.starts_on, f.ends_on));
    signed(l, tr, issue);
    l.together(|l| {
        tear_off(l, tr, &format!("documents-129-app{n}-return"), issue);
        l.field(&f.organisation, &organisation);
        l.paragraph(&tr.t("documents-129-reports"));
        l.field(&f.person, &name);
        l.paragraph(&tr.t(&format!("documents-129-app{n}-enrolled")));
        l.field(
            &f.qualification,
            &tr.t("documents-129-caption-qualification"),
        );
        l.paragraph(&tr.with(
            "documents-129-training-until",
            &[(
                "months",
                tr.count("documents-129-months", i64::from(f.months)).into(),
            )],
        ));
        let role = if f.on_the_job {
            l.paragraph(&tr.t("documents-129-order-copy"));
            "documents-129-employer-representative"
        } else {
            "documents-129-school-representative"
        };
        receiver_signs(l, tr, role);
    });
    title
}

/// 129 App.8: the person (of the three categories, theirs marked) with their IIN is sent to the
/// employer for a subsidised job of the kind marked among the six, in the occupation, for the
/// months from a day to a day; cut off, the notice the employer returns within five working
/// days: hired under the employment contract (the order) in a position, for the term.
fn subsidised(l: &mut Layout, tr: &Tr, f: &SubsidisedReferral) -> Result<String> {
    known("category", &CATEGORIES, &f.category)?;
    known("measure", &SUBSIDISED, &f.measure)?;
    let issue = &f.issue;
    let title = referral_title(l, tr, "documents-129-app8-title", issue);
    let name = tr.t("documents-caption-name");
    let categories: Vec<(String, bool)> = CATEGORIES
        .iter()
        .map(|c| {
            (
                tr.t(&format!("documents-129-category-{c}")),
                *c == f.category,
            )
        })
        .collect();
    l.choices(&categories, 0.0);
    l.space(2.0 * MM);
    l.field(
        &person_iin(tr, &f.person, &f.iin),
        &tr.t("documents-129-caption-name-iin"),
    );
    l.paragraph(&tr.t("documents-129-app8-to"));
    let employer = tr.t("documents-129-caption-employer-legal");
    l.field(&f.employer, &employer);
    l.paragraph(&tr.t("documents-129-app8-for"));
    let kinds: Vec<(String, bool)> = SUBSIDISED
        .iter()
        .map(|k| (tr.t(&format!("documents-129-measure-{k}")), *k == f.measure))
        .collect();
    l.choices(&kinds, 0.0);
    l.space(2.0 * MM);
    l.paragraph(&tr.t("documents-129-occupation"));
    l.field(&f.occupation, &tr.t("documents-129-caption-occupation"));
    l.paragraph(&term(tr, f.months, f.starts_on, f.ends_on));
    signed(l, tr, issue);
    l.together(|l| {
        tear_off(l, tr, "documents-129-app8-return", issue);
        l.field(&f.employer, &employer);
        l.paragraph(&tr.t("documents-129-app8-contract"));
        l.field(&f.person, &name);
        l.paragraph(&tr.t("documents-129-app8-hired"));
        l.field("", &tr.t("documents-129-caption-position"));
        l.paragraph(&tr.with(
            "documents-129-app8-term",
            &[(
                "months",
                tr.count("documents-129-months", i64::from(f.months)).into(),
            )],
        ));
        l.paragraph(&tr.t("documents-129-order-copy"));
        receiver_signs(l, tr, "documents-129-employer-representative");
    });
    Ok(title)
}

/// 129 App.11: the person with their IIN, on the regional commission's decision, is sent to the
/// place of settlement to live and work in the occupation, with the family members who move;
/// cut off, the notice the career center of the place of settlement returns: a participant of
/// voluntary resettlement under the social contract, the housing provided (its receiver marks
/// it), where, and the employer.
fn resettlement(l: &mut Layout, tr: &Tr, f: &ResettlementReferral) -> String {
    let issue = &f.issue;
    let title = referral_title(l, tr, "documents-129-app11-title", issue);
    l.paragraph(&tr.t("documents-129-citizen"));
    l.field(
        &person_iin(tr, &f.person, &f.iin),
        &tr.t("documents-129-caption-name-iin"),
    );
    l.paragraph(&tr.with(
        "documents-129-app11-decision",
        &[
            ("date", tr.date(f.decision_on).into()),
            ("number", f.decision_number.as_str().into()),
        ],
    ));
    l.paragraph(&tr.t("documents-129-app11-to"));
    l.field(&f.destination, &tr.t("documents-129-caption-destination"));
    l.paragraph(&tr.t("documents-129-occupation"));
    l.field(&f.occupation, &tr.t("documents-129-caption-occupation"));
    l.paragraph(&tr.t("documents-129-app11-family"));
    if f.family.is_empty() {
        l.paragraph(&tr.t("documents-129-app11-no-family"));
    } else {
        let rows: Vec<TableRow> = f
            .family
            .iter()
            .enumerate()
            .map(|(i, (relation, member))| TableRow {
                cells: vec![format!("{}) {relation}", i + 1), member.clone()],
                group: false,
            })
            .collect();
        l.table(
            &[0.4, 0.6],
            &[
                tr.t("documents-129-app11-relation"),
                tr.t("documents-129-app11-member"),
            ],
            &rows,
        );
    }
    signed(l, tr, issue);
    l.together(|l| {
        tear_off(l, tr, "documents-129-app11-return", issue);
        l.field("", &tr.t("documents-129-caption-settlement-center"));
        l.field(&f.person, &tr.t("documents-129-caption-receiver"));
        l.paragraph(&tr.t("documents-129-app11-contract"));
        let housing: Vec<(String, bool)> = HOUSING
            .iter()
            .map(|h| (tr.t(&format!("documents-129-housing-{h}")), false))
            .collect();
        l.choices(&housing, 0.0);
        l.space(2.0 * MM);
        l.paragraph(&tr.t("documents-129-app11-in"));
        l.field(&f.destination, &tr.t("documents-129-caption-place"));
        l.paragraph(&tr.t("documents-129-app11-then"));
        l.field("", &tr.t("documents-129-caption-employer"));
        receiver_signs(l, tr, "documents-129-app11-director");
    });
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::forms::fonts::Face;
    use crate::documents::forms::layout::{CHOSEN, NOT_CHOSEN};
    use enbek_domain::measures::referral::{ActiveMeasure, DeskDocument, MeasureKind};

    #[test]
    fn the_codes_are_the_domains_and_each_has_its_words_in_every_language() {
        // The measures of 129 App.1 as the domain names them: training, the six subsidised
        // kinds in their order, resettlement.
        let subsidised: Vec<&str> = ActiveMeasure::ALL
            .into_iter()
            .filter(|m| matches!(m.kind(), MeasureKind::SubsidisedJob(_)))
            .map(ActiveMeasure::code)
            .collect();
        assert_eq!(subsidised, SUBSIDISED);
        let documents: Vec<&str> = DeskDocument::ALL
            .into_iter()
            .map(DeskDocument::code)
            .collect();
        assert_eq!(documents, DESK_DOCUMENTS);
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            let ids = ActiveMeasure::ALL
                .into_iter()
                .map(|m| format!("documents-129-measure-{}", m.code()))
                .chain(DESK_DOCUMENTS.map(|d| format!("documents-129-document-{d}")))
                .chain(REASONS.map(|r| format!("documents-129-reason-{r}")))
                .chain(CATEGORIES.map(|c| format!("documents-129-category-{c}")))
                .chain(HOUSING.map(|h| format!("documents-129-housing-{h}")))
                .chain([1, 3, 4, 5, 8, 11].map(|n| format!("documents-129-app{n}-title")))
                .chain([4, 5, 8, 11].map(|n| format!("documents-129-app{n}-return")));
            for id in ids {
                assert!(tr.has(&id), "{id} in {}", lang.as_str());
            }
        }
    }

    #[test]
    fn both_faces_draw_the_boxes_of_a_choice() {
        for face in [Face::Regular, Face::Bold] {
            assert!(face.covers(CHOSEN) && face.covers(NOT_CHOSEN), "{face:?}");
        }
    }

    fn issue() -> Issue {
        Issue {
            number: "129-8-2026-000001".to_string(),
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
            career_center: "Карьерный центр «Нура» города Астаны".to_string(),
            specialist: "Сейиткалиева Айгерим Нурлановна".to_string(),
        }
    }

    fn seal() -> Seal {
        Seal {
            document_id: "0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81".to_string(),
            url: "https://enbek.kz/verify/0190f3a2-7c1e-7d4a-9b2f-3e4d5c6b7a81".to_string(),
        }
    }

    #[test]
    fn a_code_no_form_knows_is_not_rendered() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let referral = SubsidisedReferral {
            issue: issue(),
            category: "unemployed".to_string(),
            person: "Абилкасымов Ергали Умбетович".to_string(),
            iin: "920314350123".to_string(),
            employer: "ТОО «Нура Сервис»".to_string(),
            measure: "youth_practice".to_string(),
            occupation: "бухгалтер".to_string(),
            months: 6,
            starts_on: day,
            ends_on: day,
        };
        let render = |f: SubsidisedReferral| {
            super::super::render(&Form::SubsidisedReferral(f), Lang::Ru, &seal())
        };
        assert!(render(referral.clone()).is_ok());
        for bad in [
            SubsidisedReferral {
                measure: "training".to_string(),
                ..referral.clone()
            },
            SubsidisedReferral {
                category: "pensioner".to_string(),
                ..referral.clone()
            },
        ] {
            let e = render(bad).expect_err("an unknown code");
            assert_eq!(e.code(), "document_render_failed");
        }
        let refusal = |document: &str, reason: &str| {
            super::super::render(
                &Form::DocumentsRefusal(DocumentsRefusal {
                    issue: issue(),
                    provider: "Карьерный центр «Нура» города Астаны".to_string(),
                    person: "Абилкасымов Ергали Умбетович".to_string(),
                    documents: vec![(document.to_string(), reason.to_string())],
                }),
                Lang::Kk,
                &seal(),
            )
        };
        assert!(refusal("labour_book", "expired").is_ok());
        assert!(refusal("passport", "missing").is_err());
        assert!(refusal("labour_book", "lost").is_err());
    }
}
