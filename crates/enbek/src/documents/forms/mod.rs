//! The forms of Order 214's appendices (registration) and of Order 129's (referrals to active
//! employment measures, `active_measures`), each in Kazakh and in Russian (the wording lives in
//! `locales/{kk,ru,en}/documents.ftl`; English completes the bundle, the forms are issued in kk
//! and ru). A form takes neutral data: the caller (registration) has already decided, and gives
//! the names, dates and texts in the document's language. Every page carries the document's
//! seal (issue 14): a QR code of its public verification address and the verification line.

mod active_measures;
pub mod fonts;
pub mod layout;
pub mod qr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::documents::error::Result;
use crate::web::{Lang, Tr};
use layout::{Layout, Meta};
use qr::Modules;

/// Where a document is checked: its id and the public verification address the QR code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub document_id: String,
    pub url: String,
}

/// What every form carries: its number, the day it is issued, the career center that issues it
/// and its specialist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeeker {
    pub issue: Issue,
    pub person: String,
    pub registered_on: NaiveDate,
}

/// 214 App.5: registered as unemployed (Social Code art.99) at the center of labour mobility,
/// from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unemployed {
    pub issue: Issue,
    pub person: String,
    /// The center of labour mobility's name.
    pub mobility_center: String,
    pub unemployed_since: NaiveDate,
}

/// 214 App.9 (p.45): information on registration (or its absence) as unemployed, valid 30
/// calendar days; the last valid day is an input (registration's rules compute it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnemployedInfo {
    pub issue: Issue,
    pub person: String,
    /// Registered as unemployed on the day of issue: the center of labour mobility and since when.
    pub registration: Option<(String, NaiveDate)>,
    pub valid_until: NaiveDate,
}

/// The groups of a plan's measures, in the order 214 App.10 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlanGroup {
    /// Social and vocational orientation.
    Orientation,
    /// Labour mediation.
    Mediation,
    /// Active measures of employment promotion.
    ActiveMeasures,
    /// Social aid to the unemployed.
    SocialAid,
    /// Improving job-search skills.
    JobSearchSkills,
}

impl PlanGroup {
    fn id(self) -> &'static str {
        match self {
            PlanGroup::Orientation => "documents-app10-group-orientation",
            PlanGroup::Mediation => "documents-app10-group-mediation",
            PlanGroup::ActiveMeasures => "documents-app10-group-active",
            PlanGroup::SocialAid => "documents-app10-group-aid",
            PlanGroup::JobSearchSkills => "documents-app10-group-skills",
        }
    }
}

/// A measure of the plan: its group, its wording in the document's language, its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub group: PlanGroup,
    pub text: String,
    pub due: NaiveDate,
}

/// A person's contacts as the plan prints them under a signature.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contacts {
    pub phone: String,
    pub email: Option<String>,
}

/// 214 App.10 (p.61–65): the individual employment plan — the unemployed person, the plan's
/// measures with their due dates, the meetings with the career center, the day it runs to, and
/// both signatures (the specialist's and the person's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmploymentPlan {
    pub issue: Issue,
    pub person: String,
    pub unemployed_since: NaiveDate,
    pub goal: String,
    pub education: String,
    pub occupation: String,
    pub items: Vec<PlanItem>,
    /// The meetings with the career center: the day and what is done.
    pub meetings: Vec<(NaiveDate, String)>,
    pub valid_until: NaiveDate,
    pub person_contacts: Contacts,
    pub specialist_contacts: Contacts,
    /// How the person signed (214 p.62: by electronic signature or a one-time SMS code), in
    /// the document's language; printed under their signature.
    pub person_signature: String,
}

/// 129 App.1: the application for a referral to an active measure, with its tear-off receipt
/// (accepted on, registered under the number, by whom).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureApplication {
    /// The application's number; the specialist who accepted it, or none (empty) for an
    /// application made online, which the receipt says the portal accepted.
    pub issue: Issue,
    pub person: String,
    /// Where the person lives, in the document's language.
    pub address: String,
    /// The API code of the measure: training, public_works, social_job, youth_practice,
    /// first_job, generation_contract, silver_age, resettlement. The form prints the three
    /// choices of App.1 (training; a subsidised job with its six kinds; resettlement) and marks
    /// the chosen one, with the kind of a subsidised job.
    pub measure: String,
    /// The documents attached, each already in the document's language.
    pub documents: Vec<String>,
    pub submitted_on: NaiveDate,
}

/// 129 App.3 (129 p.8): the receipt of refusal to accept documents (Law on public services
/// art.19): the incomplete set or the expired documents, listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentsRefusal {
    pub issue: Issue,
    /// The service provider's full name (the career center).
    pub provider: String,
    pub person: String,
    /// Each document the desk did not accept: its code (identity, labour_book, education,
    /// health_certificate, professional_education, parent_consent) and why (`missing` or
    /// `expired`); the form prints each document's name and reason in the document's language,
    /// numbered 1), 2), ...
    pub documents: Vec<(String, String)>,
}

/// 129 App.4 (at an education organisation) and App.5 (on the job at an employer): the
/// referral to vocational training, with its tear-off notice (returned within five working
/// days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingReferral {
    pub issue: Issue,
    /// App.5 when true (on the job at an employer), App.4 otherwise.
    pub on_the_job: bool,
    pub person: String,
    /// The education organisation or employer: name, address, contact phone, as one line.
    pub organisation: String,
    pub months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The qualification (skill) taught, printed in the tear-off notice.
    pub qualification: String,
}

/// 129 App.8: the referral to a subsidised job, with its tear-off notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubsidisedReferral {
    pub issue: Issue,
    /// `unemployed`, `student` (a student or senior pupil) or `downtime` (without work through
    /// downtime): the form prints the three and marks this one.
    pub category: String,
    pub person: String,
    pub iin: String,
    /// The employer: name, legal address, contact phone, as one line.
    pub employer: String,
    /// The API code of the kind: public_works, social_job, youth_practice, first_job,
    /// generation_contract, silver_age (printed among the six, this one marked).
    pub measure: String,
    /// The occupation (specialty), in the document's language.
    pub occupation: String,
    pub months: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// 129 App.11: the referral to resettlement, on the regional commission's decision, with the
/// family members who move, and its tear-off notice (returned by the career center of the
/// place of settlement; no term).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResettlementReferral {
    pub issue: Issue,
    pub person: String,
    pub iin: String,
    pub decision_on: NaiveDate,
    pub decision_number: String,
    /// The locality / district / region of settlement, in the document's language.
    pub destination: String,
    pub occupation: String,
    /// Each family member who moves: (relation to the applicant, full name), in the
    /// document's language.
    pub family: Vec<(String, String)>,
}

/// A form to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// 214 App.10.
    EmploymentPlan(EmploymentPlan),
    /// 129 App.1.
    MeasureApplication(MeasureApplication),
    /// 129 App.3.
    DocumentsRefusal(DocumentsRefusal),
    /// 129 App.4, or App.5 on the job.
    TrainingReferral(TrainingReferral),
    /// 129 App.8.
    SubsidisedReferral(SubsidisedReferral),
    /// 129 App.11.
    ResettlementReferral(ResettlementReferral),
}

impl Form {
    /// The order whose appendix the form is: 214 (registration) or 129 (referrals to active
    /// measures).
    pub fn order(&self) -> u16 {
        match self {
            Form::JobSeekerRefusal(_)
            | Form::JobSeeker(_)
            | Form::Unemployed(_)
            | Form::UnemployedRefusal(_)
            | Form::UnemployedInfo(_)
            | Form::EmploymentPlan(_) => 214,
            Form::MeasureApplication(_)
            | Form::DocumentsRefusal(_)
            | Form::TrainingReferral(_)
            | Form::SubsidisedReferral(_)
            | Form::ResettlementReferral(_) => 129,
        }
    }

    /// The appendix of its order the form is.
    pub fn appendix(&self) -> u8 {
        match self {
            Form::JobSeekerRefusal(_) => 3,
            Form::JobSeeker(_) => 4,
            Form::Unemployed(_) => 5,
            Form::UnemployedRefusal(_) => 6,
            Form::UnemployedInfo(_) => 9,
            Form::EmploymentPlan(_) => 10,
            Form::MeasureApplication(_) => 1,
            Form::DocumentsRefusal(_) => 3,
            Form::TrainingReferral(f) if f.on_the_job => 5,
            Form::TrainingReferral(_) => 4,
            Form::SubsidisedReferral(_) => 8,
            Form::ResettlementReferral(_) => 11,
        }
    }

    /// What a document's number starts with: the appendix for Order 214 (`4-2026-000001`), the
    /// order and the appendix for Order 129 (`129-8-2026-000001`), so that the numbers of the
    /// two orders never meet.
    pub fn number_prefix(&self) -> String {
        match self.order() {
            214 => self.appendix().to_string(),
            order => format!("{order}-{}", self.appendix()),
        }
    }

    /// The data every form carries.
    pub fn issue(&self) -> &Issue {
        match self {
            Form::JobSeekerRefusal(f) | Form::UnemployedRefusal(f) => &f.issue,
            Form::JobSeeker(f) => &f.issue,
            Form::Unemployed(f) => &f.issue,
            Form::UnemployedInfo(f) => &f.issue,
            Form::EmploymentPlan(f) => &f.issue,
            Form::MeasureApplication(f) => &f.issue,
            Form::DocumentsRefusal(f) => &f.issue,
            Form::TrainingReferral(f) => &f.issue,
            Form::SubsidisedReferral(f) => &f.issue,
            Form::ResettlementReferral(f) => &f.issue,
        }
    }
}

/// The form as a PDF (PDF/A-2b) in `lang`, each page sealed with `seal`: the QR code of its
/// verification address and the line that says where and how the document is checked.
pub fn render(form: &Form, lang: Lang, seal: &Seal) -> Result<Vec<u8>> {
    match form {
        Form::EmploymentPlan(plan) => return render_plan(plan, lang, seal),
        Form::MeasureApplication(_)
        | Form::DocumentsRefusal(_)
        | Form::TrainingReferral(_)
        | Form::SubsidisedReferral(_)
        | Form::ResettlementReferral(_) => return active_measures::render(form, lang, seal),
        _ => {}
    }
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
        Form::EmploymentPlan(_) => unreachable!("the plan has its own layout"),
        Form::MeasureApplication(_)
        | Form::DocumentsRefusal(_)
        | Form::TrainingReferral(_)
        | Form::SubsidisedReferral(_)
        | Form::ResettlementReferral(_) => unreachable!("Order 129's forms have their own layouts"),
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
    finish(l, &numbered(&title, issue), issue, lang, seal)
}

/// A form's title with the document's number, as the PDF names itself.
fn numbered(title: &str, issue: &Issue) -> String {
    format!("{title} № {}", issue.number)
}

/// Seals every page of the laid-out document and writes it as PDF under `title` (with its
/// number). The verification line is in the document's language: the document is signed by an
/// electronic digital signature (214 p.45 for App.9; the other forms the same way) and checked
/// at the seal's address.
fn finish(mut l: Layout, title: &str, issue: &Issue, lang: Lang, seal: &Seal) -> Result<Vec<u8>> {
    let tr = Tr::new(lang);
    let qr = Modules::encode(&seal.url)?;
    let signed = tr.with1("documents-seal-signed", "url", &seal.url);
    let document = tr.with(
        "documents-seal-document",
        &[
            ("number", issue.number.clone().into()),
            ("id", seal.document_id.clone().into()),
        ],
    );
    l.seal(&qr, |page, count| {
        let page = tr.with(
            "documents-seal-page",
            &[
                ("page", page.to_string().into()),
                ("count", count.to_string().into()),
            ],
        );
        vec![signed.clone(), document.clone(), page]
    });
    l.render(&meta(title, issue, lang))
}

fn meta(title: &str, issue: &Issue, lang: Lang) -> Meta {
    Meta {
        title: title.to_string(),
        language: match lang {
            Lang::Kk => "kk-KZ",
            Lang::Ru => "ru-RU",
            Lang::En => "en",
        },
        year: u16::try_from(issue.issued_on.year()).unwrap_or(2000),
        month: u8::try_from(issue.issued_on.month()).unwrap_or(1),
        day: u8::try_from(issue.issued_on.day()).unwrap_or(1),
    }
}

/// 214 App.10: the center's name over a rule, the title, the person, the measures by group with
/// their due dates, the meetings, the day the plan runs to, and the two signatures.
fn render_plan(plan: &EmploymentPlan, lang: Lang, seal: &Seal) -> Result<Vec<u8>> {
    use layout::{Align, TableRow, LEFT, MM, RIGHT, TEXT};
    let tr = Tr::new(lang);
    let issue = &plan.issue;
    let mut l = Layout::new();
    l.annex(&[
        tr.with1("documents-annex", "n", "10"),
        tr.t("documents-form"),
    ]);
    l.space(2.0 * MM);
    l.field(
        &issue.career_center,
        &tr.t("documents-app10-caption-center"),
    );
    let title = tr.t("documents-app10-title");
    l.title(&title);
    l.block(
        &tr.with1("documents-number", "number", &issue.number),
        fonts::Face::Regular,
        TEXT,
        Align::Right,
        LEFT,
        RIGHT,
    );
    l.heading(&tr.t("documents-app10-about"));
    l.key_values(&[
        (tr.t("documents-app10-person"), plan.person.clone()),
        (
            tr.t("documents-app10-registered"),
            tr.date(plan.unemployed_since),
        ),
        (tr.t("documents-app10-goal"), plan.goal.clone()),
        (tr.t("documents-app10-education"), plan.education.clone()),
        (tr.t("documents-app10-occupation"), plan.occupation.clone()),
    ]);
    l.heading(&tr.t("documents-app10-actions"));
    let mut items: Vec<&PlanItem> = plan.items.iter().collect();
    items.sort_by_key(|i| i.group);
    let mut rows = Vec::new();
    let mut group = None;
    let mut n = 0;
    for item in items {
        if group != Some(item.group) {
            group = Some(item.group);
            n = 0;
            rows.push(TableRow {
                cells: vec![tr.t(item.group.id()), String::new()],
                group: true,
            });
        }
        n += 1;
        rows.push(TableRow {
            cells: vec![
                format!("{n}) {}", item.text),
                item.due.format("%d.%m.%Y").to_string(),
            ],
            group: false,
        });
    }
    l.table(
        &[0.78, 0.22],
        &[tr.t("documents-app10-measure"), tr.t("documents-app10-due")],
        &rows,
    );
    l.heading(&tr.t("documents-app10-schedule"));
    for (i, (on, what)) in plan.meetings.iter().enumerate() {
        l.paragraph(&format!("{}. {} — {what}", i + 1, tr.date(*on)));
    }
    l.space(2.0 * MM);
    l.paragraph(&tr.with1(
        "documents-app10-valid-until",
        "date",
        &tr.date(plan.valid_until),
    ));
    l.paragraph(&tr.with1("documents-issued", "date", &tr.date(issue.issued_on)));
    let contacts = |c: &Contacts| {
        let mut rows = vec![(tr.t("documents-app10-phone"), c.phone.clone())];
        if let Some(email) = &c.email {
            rows.push((tr.t("documents-app10-email"), email.clone()));
        }
        rows
    };
    l.signature(
        &tr.t("documents-specialist"),
        &issue.specialist,
        &tr.t("documents-caption-name"),
    );
    l.key_values(&contacts(&plan.specialist_contacts));
    l.signature(
        &tr.t("documents-app10-unemployed"),
        &plan.person,
        &tr.t("documents-caption-name"),
    );
    l.key_values(&contacts(&plan.person_contacts));
    if !plan.person_signature.trim().is_empty() {
        l.paragraph(&plan.person_signature);
    }
    finish(l, &numbered(&title, issue), issue, lang, seal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue() -> Issue {
        Issue {
            number: String::new(),
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 17).unwrap(),
            career_center: "Карьерный центр «Нура» города Астаны".to_string(),
            specialist: "Сейиткалиева Айгерим Нурлановна".to_string(),
        }
    }

    fn training(on_the_job: bool) -> Form {
        let day = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        Form::TrainingReferral(TrainingReferral {
            issue: issue(),
            on_the_job,
            person: "Абилкасымов Ергали Умбетович".to_string(),
            organisation: "ГККП «Астанинский политехнический колледж»".to_string(),
            months: 3,
            starts_on: day,
            ends_on: day,
            qualification: "электрогазосварщик".to_string(),
        })
    }

    #[test]
    fn numbers_start_with_the_appendix_for_order_214_and_with_the_order_for_order_129() {
        let job_seeker = Form::JobSeeker(JobSeeker {
            issue: issue(),
            person: "Абилкасымов Ергали Умбетович".to_string(),
            registered_on: NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
        });
        assert_eq!((job_seeker.order(), job_seeker.appendix()), (214, 4));
        assert_eq!(job_seeker.number_prefix(), "4");
        let day = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let subsidised = Form::SubsidisedReferral(SubsidisedReferral {
            issue: issue(),
            category: "unemployed".to_string(),
            person: "Абилкасымов Ергали Умбетович".to_string(),
            iin: "920314350123".to_string(),
            employer: "ТОО «Нура Сервис»".to_string(),
            measure: "public_works".to_string(),
            occupation: "подсобный рабочий".to_string(),
            months: 6,
            starts_on: day,
            ends_on: day,
        });
        assert_eq!((subsidised.order(), subsidised.appendix()), (129, 8));
        assert_eq!(subsidised.number_prefix(), "129-8");
        // Training on the job is App.5, at an education organisation App.4.
        assert_eq!(training(false).number_prefix(), "129-4");
        assert_eq!(training(true).number_prefix(), "129-5");
        let resettlement = Form::ResettlementReferral(ResettlementReferral {
            issue: issue(),
            person: "Абилкасымов Ергали Умбетович".to_string(),
            iin: "920314350123".to_string(),
            decision_on: day,
            decision_number: "14".to_string(),
            destination: "город Мамлютка".to_string(),
            occupation: "электрогазосварщик".to_string(),
            family: Vec::new(),
        });
        assert_eq!(resettlement.number_prefix(), "129-11");
        // 214 App.3 and 129 App.3 never share a number.
        let refusals = [
            Form::JobSeekerRefusal(Refusal {
                issue: issue(),
                provider: String::new(),
                person: String::new(),
                ground: String::new(),
                law: String::new(),
            }),
            Form::DocumentsRefusal(DocumentsRefusal {
                issue: issue(),
                provider: String::new(),
                person: String::new(),
                documents: Vec::new(),
            }),
        ];
        assert_eq!(refusals.each_ref().map(Form::appendix), [3, 3]);
        assert_eq!(refusals.each_ref().map(Form::number_prefix), ["3", "129-3"]);
    }
}
