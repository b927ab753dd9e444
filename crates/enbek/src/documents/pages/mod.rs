//! The pages of documents: the public verification a document's QR code opens (by id, or of an
//! uploaded file), the citizen's documents in the cabinet with their PDFs in Kazakh and Russian,
//! a referral's PDF for the organisation it sends the person to (from its referrals page), and
//! the download of a document from the employment card in the workspace. The list of
//! documents (`listed`) is shared with the card, which registration draws.

pub mod cabinet;
pub mod verify;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::NaiveDate;

use super::store::{self, Document};
use crate::platform::http::edge::{self, BodyRules};
use crate::platform::state::AppState;
use crate::web::Tr;

/// The routes of the public verification and the citizen's documents.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify::form))
        .route("/verify/{id}", get(verify::by_id))
        .route("/cabinet/documents", get(cabinet::list))
        .route("/cabinet/documents/{id}/pdf", get(cabinet::owner_pdf))
        .route("/received/documents/{id}/pdf", get(cabinet::owner_pdf))
}

/// The routes of staff: a document of a card, downloaded (the read audited, the scope checked).
pub fn staff() -> Router<AppState> {
    Router::new().route("/workspace/documents/{id}/pdf", get(cabinet::staff_pdf))
}

/// The largest upload the verification takes, for its page to say.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimit(pub usize);

/// The upload of a file to verify (`POST /verify`): a whole PDF, so it has its own body limit
/// (`max_bytes`) instead of the pages' ordinary one, and a body above it is said on the form.
/// It stands under the frame's visit (language, session, CSRF) as every page does.
pub fn uploads(state: &AppState, max_bytes: usize) -> Router<AppState> {
    let rules = BodyRules {
        max_bytes,
        timeout: state.settings.body_timeout,
    };
    Router::new()
        .route("/verify", post(verify::upload))
        .layer(DefaultBodyLimit::max(max_bytes))
        .layer(middleware::from_fn_with_state(rules, edge::read_body))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            verify::too_large,
        ))
        .layer(Extension(UploadLimit(max_bytes)))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::web::visit::visit,
        ))
}

/// The kinds of documents: the appendix of Order 214 that gives each its form, and the message
/// of its title.
const KINDS: [(&str, u16, u8, &str); 12] = [
    ("job_seeker_refusal", 214, 3, "documents-app3-title"),
    ("job_seeker_registration", 214, 4, "documents-app4-title"),
    ("unemployed_registration", 214, 5, "documents-app5-title"),
    ("unemployed_refusal", 214, 6, "documents-app6-title"),
    ("unemployed_info", 214, 9, "documents-app9-title"),
    ("employment_plan", 214, 10, "docpages-app10-title"),
    ("measure_application", 129, 1, "docpages-129-app1-title"),
    (
        "measure_documents_refusal",
        129,
        3,
        "docpages-129-app3-title",
    ),
    ("training_referral", 129, 4, "docpages-129-app4-title"),
    (
        "on_the_job_training_referral",
        129,
        5,
        "docpages-129-app5-title",
    ),
    ("subsidised_referral", 129, 8, "docpages-129-app8-title"),
    ("resettlement_referral", 129, 11, "docpages-129-app11-title"),
];

/// A document's kind in words: its title, its order and appendix (214 App.3–App.6, App.9,
/// App.10; 129 App.1, App.3, App.4, App.5, App.8, App.11).
pub fn kind_words(tr: &Tr, kind: &str) -> String {
    match KINDS.iter().find(|(k, ..)| *k == kind) {
        Some((_, order, n, title)) => tr.with(
            "docpages-kind",
            &[
                ("title", tr.t(title).into()),
                ("order", order.to_string().into()),
                ("n", n.to_string().into()),
            ],
        ),
        None => kind.to_string(),
    }
}

/// Where a document stands for its reader: being signed, issued, replaced by a correction, its
/// term over (214 App.9: 30 calendar days), or a record kept before documents had files.
fn standing(doc: &Document, today: NaiveDate) -> &'static str {
    if doc.replaced_by.is_some() {
        "replaced"
    } else if doc.status == store::PENDING {
        "pending"
    } else if doc.status == store::RECORD {
        "record"
    } else if doc.valid_until.is_some_and(|last| today > last) {
        "lapsed"
    } else {
        "issued"
    }
}

/// Whether a document is the 214 App.9 information and still in force (or being signed).
pub fn is_information_in_force(doc: &Document, today: NaiveDate) -> bool {
    doc.kind == "unemployed_info" && matches!(standing(doc, today), "issued" | "pending")
}

/// Who reads a list of documents, and so where its PDFs are downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The person, in the cabinet.
    Owner,
    /// Casework staff, on the employment card.
    Staff,
}

/// The download links of a document's PDF.
pub struct Files {
    pub kk: String,
    pub ru: String,
}

/// A document as a list shows it: no personal data, the kind and state in words.
pub struct Listed {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub issued: String,
    pub valid_until: Option<String>,
    pub status: String,
    /// The class that colours the status.
    pub status_class: &'static str,
    /// Its PDFs, when it has files.
    pub pdf: Option<Files>,
    /// Its public verification page.
    pub verify: String,
}

/// The documents in the reader's words, with the links the reader downloads them by.
pub fn listed(tr: &Tr, docs: Vec<Document>, today: NaiveDate, reader: Reader) -> Vec<Listed> {
    let base = match reader {
        Reader::Owner => "/cabinet/documents",
        Reader::Staff => "/workspace/documents",
    };
    docs.into_iter()
        .map(|d| {
            let state = standing(&d, today);
            let (status, status_class) = match state {
                "replaced" => (tr.t("docpages-status-replaced"), "state-refused"),
                "pending" => (tr.t("docpages-status-pending"), "state-pending"),
                "record" => (tr.t("docpages-status-record"), "muted"),
                "lapsed" => (tr.t("docpages-status-lapsed"), "state-refused"),
                _ => (tr.t("docpages-status-issued"), "state-verified"),
            };
            let pdf = (state != "record").then(|| Files {
                kk: format!("{base}/{}/pdf?lang=kk", d.id),
                ru: format!("{base}/{}/pdf?lang=ru", d.id),
            });
            Listed {
                kind: kind_words(tr, &d.kind),
                number: d.number.clone().unwrap_or_else(|| d.id.clone()),
                issued: tr.date(d.issued_on),
                valid_until: d.valid_until.map(|v| tr.date(v)),
                status,
                status_class,
                pdf,
                verify: format!("/verify/{}", d.id),
                id: d.id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;
    use chrono::DateTime;

    fn doc(kind: &str, status: &str, valid_until: Option<NaiveDate>) -> Document {
        Document {
            id: "d1".into(),
            kind: kind.into(),
            status: status.into(),
            number: Some("9-2026-000001".into()),
            account_id: None,
            person_id: None,
            registration_id: None,
            organization_id: None,
            region_code: None,
            issued_on: day(17),
            valid_until,
            issued_at: DateTime::from_timestamp(1_773_700_000, 0).unwrap(),
            signed_at: None,
            signer_subject: None,
            signer_serial: None,
            signer_issuer: None,
            signer_not_after: None,
            replaces: None,
            replaced_by: None,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, d).unwrap()
    }

    #[test]
    fn every_kind_has_its_title_in_each_language() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            for (kind, _, n, title) in KINDS {
                assert!(tr.has(title), "{title} in {}", lang.as_str());
                let words = kind_words(&tr, kind);
                assert!(words.contains(&n.to_string()), "{words}");
                assert!(words.contains(&tr.t(title)), "{words}");
            }
        }
        assert_eq!(
            kind_words(&Tr::new(Lang::Ru), "unemployed_info"),
            "Информация о регистрации либо об отсутствии регистрации в качестве безработного \
             (приказ 214, приложение 9)"
        );
        assert_eq!(
            kind_words(&Tr::new(Lang::En), "something_else"),
            "something_else"
        );
    }

    #[test]
    fn the_information_is_in_force_through_its_last_day_and_not_after() {
        let info = doc("unemployed_info", store::ISSUED, Some(day(16)));
        assert!(is_information_in_force(&info, day(16)));
        assert!(!is_information_in_force(&info, day(17)));
        let signing = doc("unemployed_info", store::PENDING, Some(day(16)));
        assert!(is_information_in_force(&signing, day(1)));
        let mut replaced = info.clone();
        replaced.replaced_by = Some("d2".into());
        assert!(!is_information_in_force(&replaced, day(1)));
        let notice = doc("job_seeker_registration", store::ISSUED, None);
        assert!(!is_information_in_force(&notice, day(1)));
    }

    #[test]
    fn a_list_links_the_files_of_its_reader_and_says_each_state() {
        let tr = Tr::new(Lang::En);
        let docs = vec![
            doc("unemployed_info", store::ISSUED, Some(day(16))),
            doc("unemployed_info", store::ISSUED, Some(day(1))),
            doc("job_seeker_registration", store::RECORD, None),
        ];
        let owner = listed(&tr, docs.clone(), day(10), Reader::Owner);
        assert_eq!(owner[0].status, "Issued");
        assert_eq!(owner[0].status_class, "state-verified");
        let files = owner[0].pdf.as_ref().expect("files");
        assert_eq!(files.kk, "/cabinet/documents/d1/pdf?lang=kk");
        assert_eq!(files.ru, "/cabinet/documents/d1/pdf?lang=ru");
        assert_eq!(owner[0].verify, "/verify/d1");
        assert_eq!(owner[0].valid_until.as_deref(), Some("16 April 2026"));
        assert_eq!(owner[1].status, "Its term is over");
        assert!(owner[2].pdf.is_none(), "a record has no file");
        assert_eq!(owner[2].status, "Recorded without a file");
        let staff = listed(&tr, docs, day(10), Reader::Staff);
        assert_eq!(
            staff[0].pdf.as_ref().expect("files").kk,
            "/workspace/documents/d1/pdf?lang=kk"
        );
    }
}
