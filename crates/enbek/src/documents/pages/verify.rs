//! The public verification (issue 14), what a document's QR code opens: anyone, signed in or
//! not, checks a document by its id, or a file (the PDF, with its detached signature if they
//! have it), in kk, ru or en — through the same check as `verifyDocument`. The verdict comes
//! first in plain words, then what the document is and who signed it; never any personal data
//! (`documents::http::view` gives none).

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{DateTime, Utc};
use enbek_domain::reference::office_hours::kz_offset;
use serde::Deserialize;

use super::{kind_words, UploadLimit};
use crate::documents::http::{check, view, Asked, VerificationView};
use crate::documents::service::Outcome;
use crate::platform::state::AppState;
use crate::web::{render, FormErrors, Frame, OrPage, Page, PageError, PageQuery, PageResult, Tr};

/// The longest document id the page looks up.
const ID_MAX: usize = 64;

/// A document id as the service makes them: letters, digits and hyphens.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[derive(askama::Template)]
#[template(path = "documents/verify.html")]
struct FormPage {
    f: Frame,
    id: String,
    errors: FormErrors,
}

fn form_page(page: Page, id: String, errors: FormErrors, status: StatusCode) -> Response {
    match render(&FormPage {
        f: page.frame,
        id,
        errors,
    }) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The id typed into the form.
#[derive(Deserialize, Default)]
pub struct Lookup {
    id: Option<String>,
}

/// The forms: a document's id (sent here, and on to its verification page), or its file.
pub async fn form(page: Page, PageQuery(lookup): PageQuery<Lookup>) -> Response {
    let Some(id) = lookup.id else {
        return form_page(page, String::new(), FormErrors::new(), StatusCode::OK);
    };
    let id = id.trim().to_string();
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if id.is_empty() {
        errors.add("id", tr.t("docpages-required-id"));
    } else if !is_id(&id) {
        errors.add("id", tr.t("docpages-invalid-id"));
    } else {
        return Redirect::to(&format!("/verify/{id}")).into_response();
    }
    let status = errors.status();
    form_page(page, id, errors, status)
}

/// The verification page of a document by its id (the address its QR code holds).
pub async fn by_id(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> PageResult<Response> {
    if !is_id(&id) {
        return Err(PageError::not_found());
    }
    let checked = check(&state, Asked::Id(id)).await.or_page()?;
    let shown = view(&state, checked).await.or_page()?;
    verdict(page, shown, false)
}

/// The verification of an uploaded file (`multipart/form-data`: `csrf`, `file`, `signature`):
/// a missing file, or one that is not a PDF, is said next to its field.
pub async fn upload(
    State(state): State<AppState>,
    page: Page,
    form: Result<Multipart, MultipartRejection>,
) -> PageResult<Response> {
    let mut form = form.map_err(|_| PageError::bad_request())?;
    let (mut csrf, mut pdf, mut signature) = (None, Vec::new(), Vec::new());
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| PageError::bad_request())?
    {
        let name = field.name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(|_| PageError::bad_request())?;
        match name.as_str() {
            "csrf" => csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" => pdf = bytes.to_vec(),
            "signature" => signature = bytes.to_vec(),
            _ => {}
        }
    }
    if !page.visit.csrf_holds(csrf.as_deref()) {
        return Err(PageError::csrf());
    }
    let tr = page.tr();
    let mut errors = FormErrors::new();
    if pdf.is_empty() {
        errors.add("file", tr.t("docpages-required-file"));
    } else if !pdf.starts_with(b"%PDF-") {
        errors.add("file", tr.t("docpages-not-pdf"));
    }
    // A detached CMS signature in DER is one SEQUENCE.
    if signature.first().is_some_and(|b| *b != 0x30) {
        errors.add("signature", tr.t("docpages-not-signature"));
    }
    if !errors.is_empty() {
        let status = errors.status();
        return Ok(form_page(page, String::new(), errors, status));
    }
    let signature = (!signature.is_empty()).then_some(signature);
    let checked = check(&state, Asked::File { pdf, signature })
        .await
        .or_page()?;
    let shown = view(&state, checked).await.or_page()?;
    verdict(page, shown, true)
}

/// Around the upload: a body above its limit (answered 413 before the form is read) is said on
/// the form, with the limit.
pub async fn too_large(
    Extension(limit): Extension<UploadLimit>,
    page: Page,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let mut errors = FormErrors::new();
    let megabytes = (limit.0 / (1024 * 1024)).to_string();
    errors.add(
        "file",
        page.tr().with1("docpages-too-large", "size", &megabytes),
    );
    form_page(page, String::new(), errors, StatusCode::PAYLOAD_TOO_LARGE)
}

/// What the document is, as the verdict shows it.
pub struct Facts {
    pub id: String,
    pub kind: String,
    pub number: Option<String>,
    pub issued: String,
    pub valid_until: Option<String>,
    /// Whether today is within its term, in words.
    pub term: Option<String>,
    pub issuer: Option<String>,
    /// The language of the file checked.
    pub file_lang: Option<String>,
    /// The document this one corrects.
    pub replaces: Option<String>,
}

/// Who signed it: the issuing organisation's certificate.
pub struct Signer {
    pub name: String,
    pub serial: String,
    pub issuer: String,
    pub valid_to: Option<String>,
    pub signed_at: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "documents/verdict.html")]
struct VerdictPage {
    f: Frame,
    valid: bool,
    headline: String,
    reason: String,
    /// The corrected document that replaces this one.
    replaced_by: Option<String>,
    facts: Option<Facts>,
    signer: Option<Signer>,
}

/// A moment in Kazakhstan time: its date in words and the time of day.
fn moment(tr: &Tr, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&kz_offset());
    format!("{}, {}", tr.date(local.date_naive()), local.format("%H:%M"))
}

/// Why the document is valid or not, in plain words (a file's unknown bytes are told apart from
/// an unknown id).
fn reason(tr: &Tr, shown: &VerificationView, file: bool) -> String {
    match shown.status {
        Outcome::Valid => tr.t("docpages-valid-lead"),
        Outcome::Replaced => tr.t("docpages-why-replaced"),
        Outcome::Lapsed => tr.with1(
            "docpages-why-lapsed",
            "date",
            &shown.valid_until.map(|d| tr.date(d)).unwrap_or_default(),
        ),
        Outcome::NotIssued => tr.t("docpages-why-not-issued"),
        Outcome::Unknown if file => tr.t("docpages-why-unknown-file"),
        Outcome::Unknown => tr.t("docpages-why-unknown-id"),
        Outcome::SignatureInvalid => tr.t("docpages-why-signature-invalid"),
        Outcome::CertificateRevoked => tr.t("docpages-why-certificate-revoked"),
        Outcome::CertificateExpired => tr.t("docpages-why-certificate-expired"),
        Outcome::CertificateUntrusted => tr.t("docpages-why-certificate-untrusted"),
        Outcome::RevocationUnknown => tr.t("docpages-why-revocation-unknown"),
    }
}

fn verdict(page: Page, shown: VerificationView, file: bool) -> PageResult<Response> {
    let tr = page.tr();
    let reason = reason(&tr, &shown, file);
    let headline = tr.t(if shown.valid {
        "docpages-verdict-valid"
    } else {
        "docpages-verdict-invalid"
    });
    let signer = shown.signer.map(|s| Signer {
        name: s.name,
        serial: s.certificate.serial,
        issuer: s.certificate.issuer,
        valid_to: (s.certificate.not_after != DateTime::<Utc>::MAX_UTC)
            .then(|| moment(&tr, s.certificate.not_after)),
        signed_at: s.signed_at.map(|at| moment(&tr, at)),
    });
    let issuer = shown
        .issuer
        .map(|o| tr.lang.pick(&o.name_kk, &o.name_ru, &o.name_en).to_string());
    let facts = shown.document_id.map(|id| Facts {
        id,
        kind: shown
            .kind
            .as_deref()
            .map(|k| kind_words(&tr, k))
            .unwrap_or_default(),
        number: shown.number,
        issued: shown.issued_on.map(|d| tr.date(d)).unwrap_or_default(),
        valid_until: shown.valid_until.map(|d| tr.date(d)),
        term: shown.within_term.map(|within| {
            tr.t(if within {
                "docpages-within-term"
            } else {
                "docpages-beyond-term"
            })
        }),
        issuer,
        file_lang: shown.lang.as_deref().map(|l| {
            tr.t(if l == "kk" {
                "docpages-lang-kk"
            } else {
                "docpages-lang-ru"
            })
        }),
        replaces: shown.replaces,
    });
    render(&VerdictPage {
        valid: shown.valid,
        headline,
        reason,
        replaced_by: shown.replaced_by,
        facts,
        signer,
        f: page.frame,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::Lang;

    #[test]
    fn only_an_id_of_letters_digits_and_hyphens_is_looked_up() {
        assert!(is_id("0192a4b6-7c1d-7e2f-9a3b-4c5d6e7f8a9b"));
        assert!(is_id(&"a".repeat(ID_MAX)));
        assert!(!is_id(&"a".repeat(ID_MAX + 1)));
        assert!(!is_id(""));
        assert!(!is_id("../admin"));
        assert!(!is_id("a b"));
        assert!(!is_id("?x=1"));
    }

    fn shown(status: Outcome) -> VerificationView {
        VerificationView {
            valid: status == Outcome::Valid,
            authentic: false,
            status,
            document_id: None,
            kind: None,
            number: None,
            issued_on: None,
            valid_until: chrono::NaiveDate::from_ymd_opt(2026, 4, 16),
            within_term: None,
            issuer: None,
            signer: None,
            replaces: None,
            replaced_by: None,
            lang: None,
        }
    }

    #[test]
    fn every_outcome_is_said_in_each_language() {
        let outcomes = [
            Outcome::Valid,
            Outcome::Replaced,
            Outcome::Lapsed,
            Outcome::NotIssued,
            Outcome::Unknown,
            Outcome::SignatureInvalid,
            Outcome::CertificateRevoked,
            Outcome::CertificateExpired,
            Outcome::CertificateUntrusted,
            Outcome::RevocationUnknown,
        ];
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang);
            let mut said = std::collections::BTreeSet::new();
            for file in [false, true] {
                for status in outcomes {
                    let text = reason(&tr, &shown(status), file);
                    assert!(!text.starts_with("docpages-"), "{text}");
                    said.insert(text);
                }
            }
            // Each outcome its own words; an unknown file and an unknown id apart.
            assert_eq!(said.len(), outcomes.len() + 1, "{}", lang.as_str());
        }
        assert_eq!(
            reason(&Tr::new(Lang::En), &shown(Outcome::Lapsed), false),
            "Its term is over: it was in force until 16 April 2026 inclusive."
        );
    }
}
