//! The HTTP handlers of documents: a document's signed PDF and its signature, the citizen's
//! list, and the public verification (by id, or of a PDF with or without its signature).

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::{Error, Result};
use super::service::{self, Checked, Outcome};
use super::store::Document;
use crate::platform::auth::Caller;
use crate::platform::http::input;
use crate::platform::http::lang::{current_lang, Lang};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::lookup;

/// The operations of documents on the portal.
pub fn portal() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_document))
        .routes(routes!(get_document_signature))
        .routes(routes!(list_my_documents))
}

/// The operations of documents in the AIS (casework staff).
pub fn staff() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(correct_document))
}

/// The verification, which takes a whole PDF: its own body limit (`api::uploads`).
pub fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(verify_document))
}

/// A document as its owner and staff list it: no personal data.
#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: String,
    /// `job_seeker_refusal` (214 App.3), `job_seeker_registration` (App.4),
    /// `unemployed_registration` (App.5), `unemployed_refusal` (App.6), `unemployed_info` (App.9),
    /// `employment_plan` (App.10); `measure_application` (129 App.1),
    /// `measure_documents_refusal` (129 App.3), `training_referral` (129 App.4),
    /// `on_the_job_training_referral` (129 App.5), `subsidised_referral` (129 App.8),
    /// `resettlement_referral` (129 App.11).
    pub kind: String,
    pub number: Option<String>,
    /// `issued`; `pending` while it is being signed; `record` for a record kept before documents
    /// had files.
    pub status: String,
    pub issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub organization_id: Option<String>,
    pub replaces: Option<String>,
    pub replaced_by: Option<String>,
    /// The languages its PDF is issued in.
    pub languages: Vec<String>,
}

impl From<Document> for DocumentView {
    fn from(d: Document) -> Self {
        let languages = if d.status == super::store::RECORD {
            Vec::new()
        } else {
            service::LANGS
                .iter()
                .map(|l| l.as_str().to_string())
                .collect()
        };
        DocumentView {
            id: d.id,
            kind: d.kind,
            number: d.number,
            status: d.status,
            issued_on: d.issued_on,
            valid_until: d.valid_until,
            organization_id: d.organization_id,
            replaces: d.replaces,
            replaced_by: d.replaced_by,
            languages,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/me/documents", operation_id = "listMyDocuments", tag = "documents",
    security(("bearer" = [])), responses((status = 200, body = [DocumentView]), (status = 401), (status = 403)))]
pub async fn list_my_documents(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<axum::Json<Vec<DocumentView>>> {
    caller.require(&[Role::Citizen])?;
    let docs = service::mine(&state, &caller.account_id).await?;
    Ok(axum::Json(docs.into_iter().map(Into::into).collect()))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct LangQuery {
    /// `kk` or `ru`; by default the request's language (Russian for English).
    pub lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Result<Lang> {
        match &self.lang {
            None => Ok(current_lang()),
            Some(code) => match Lang::parse(code) {
                Some(lang @ (Lang::Kk | Lang::Ru)) => Ok(lang),
                _ => Err(Error::new(Common::InvalidValue)
                    .detail("a document is issued in kk and ru")
                    .with("field", "lang")),
            },
        }
    }
}

#[utoipa::path(get, path = "/api/v1/documents/{id}", operation_id = "getDocument", tag = "documents",
    params(("id" = String, Path), LangQuery), security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf", description = "the signed PDF (PDF/A-2b); its detached CMS signature is getDocumentSignature"),
        (status = 401), (status = 403, description = "staff beyond the document's organisation or region, or a role that reads no documents"),
        (status = 404, description = "no such document, or not the caller's"), (status = 409, description = "document_not_issued"), (status = 503, description = "being signed")))]
pub async fn get_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response> {
    let pdf = service::pdf(&state, &caller, &id, query.lang()?).await?;
    Ok(pdf_download(pdf))
}

/// A document's PDF as a download (the API's and the pages'): its number and language name the
/// file; never cached.
pub fn pdf_download(pdf: service::Pdf) -> Response {
    let name = file_name(&pdf.document, pdf.lang, "pdf");
    attachment(pdf.bytes, "application/pdf", &name)
}

#[utoipa::path(get, path = "/api/v1/documents/{id}/signature", operation_id = "getDocumentSignature", tag = "documents",
    params(("id" = String, Path), LangQuery), security(("bearer" = [])),
    responses((status = 200, content_type = "application/pkcs7-signature", description = "the detached CMS signature (DER) over the PDF of that language"),
        (status = 401), (status = 403), (status = 404), (status = 409)))]
pub async fn get_document_signature(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response> {
    let pdf = service::pdf(&state, &caller, &id, query.lang()?).await?;
    let name = file_name(&pdf.document, pdf.lang, "pdf.p7s");
    Ok(attachment(
        pdf.signature,
        "application/pkcs7-signature",
        &name,
    ))
}

fn file_name(doc: &Document, lang: Lang, ext: &str) -> String {
    let number = doc.number.as_deref().unwrap_or(&doc.id);
    format!("{number}-{}.{ext}", lang.as_str())
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A correction of the person's name a document carries.
#[derive(Deserialize, ToSchema)]
pub struct Correction {
    /// The person's full name as it is to stand.
    pub person_name: String,
    /// Why the document is corrected (kept in the record and the audit log).
    pub reason: String,
}

/// A new document that replaces another.
#[derive(Serialize, ToSchema)]
pub struct Corrected {
    pub document_id: String,
    pub number: String,
    pub replaces: String,
}

#[utoipa::path(post, path = "/api/v1/documents/{id}/corrections", operation_id = "correctDocument", tag = "documents",
    params(("id" = String, Path)), request_body = Correction, security(("bearer" = [])),
    responses((status = 201, body = Corrected, description = "a new document, issued today, replaces this one"),
        (status = 401), (status = 403, description = "not casework staff of the issuing organisation or its region"),
        (status = 404), (status = 409, description = "invalid_state: not issued, or already replaced"), (status = 422)))]
pub async fn correct_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    crate::platform::http::extract::Json(body): crate::platform::http::extract::Json<Correction>,
) -> Result<(StatusCode, axum::Json<Corrected>)> {
    let person = input::text("person_name", &body.person_name, text::FULL_NAME)?;
    let reason = input::text("reason", &body.reason, text::SHORT)?;
    let recorded = service::correct(&state, &caller, &id, &person, &reason).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Corrected {
            document_id: recorded.id,
            number: recorded.number,
            replaces: id,
        }),
    ))
}

/// What to verify: a document by its id, or a file (base64), with its detached signature if the
/// holder has it. The same operation takes the PDF itself (`application/pdf`) or a form upload
/// (`multipart/form-data`: `file`, `signature`).
#[derive(Deserialize, ToSchema, Default)]
pub struct VerificationRequest {
    #[serde(alias = "id")]
    pub document_id: Option<String>,
    /// The PDF, base64 (also accepted as `file`).
    #[serde(alias = "file")]
    pub pdf: Option<String>,
    /// Its detached CMS signature (DER), base64.
    pub signature: Option<String>,
}

/// The organisation that issued a document.
#[derive(Serialize, ToSchema)]
pub struct IssuerView {
    pub id: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct CertificateView {
    /// Serial number, hex.
    pub serial: String,
    pub subject: String,
    pub issuer: String,
    pub not_after: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct SignerView {
    /// The signer named by its certificate (the issuing organisation's signing certificate).
    pub name: String,
    pub organization_id: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
    pub certificate: CertificateView,
}

/// The answer of a verification: valid or not and why, and what the document is — never any
/// personal data.
#[derive(Serialize, ToSchema)]
pub struct VerificationView {
    /// Authentic and in force: signed by a trusted certificate, unrevoked and unexpired, the file
    /// unchanged, not replaced, within its term.
    pub valid: bool,
    /// The signature is genuine, whatever became of the document since (replaced, lapsed).
    pub authentic: bool,
    /// `valid`, `replaced`, `lapsed`, `not_issued`, `unknown` (changed bytes, or never issued),
    /// `signature_invalid`, `certificate_revoked`, `certificate_expired`,
    /// `certificate_untrusted`, `revocation_unknown`.
    #[schema(value_type = String)]
    pub status: Outcome,
    pub document_id: Option<String>,
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The last day it is in force (214 App.9: 30 calendar days).
    pub valid_until: Option<NaiveDate>,
    /// For a document with a term: whether today is within it.
    pub within_term: Option<bool>,
    pub issuer: Option<IssuerView>,
    pub signer: Option<SignerView>,
    pub replaces: Option<String>,
    pub replaced_by: Option<String>,
    /// The language of the file checked.
    pub lang: Option<String>,
}

/// A name's common name (`CN=`), else the whole name.
fn common_name(subject: &str) -> String {
    subject
        .split(',')
        .find_map(|part| part.trim().strip_prefix("CN="))
        .unwrap_or(subject)
        .to_string()
}

/// The view of a check (the state gives the issuing organisation's names and today).
pub async fn view(state: &AppState, checked: Checked) -> Result<VerificationView> {
    view_at(&state.db.pool, state.clock.now(), checked).await
}

/// The view of a check made at `now`, the issuing organisation's names read from `pool`.
pub async fn view_at(
    pool: &sqlx::AnyPool,
    now: DateTime<Utc>,
    checked: Checked,
) -> Result<VerificationView> {
    let valid = checked.valid();
    let authentic = checked.authentic();
    let lang = checked.lang.map(|l| l.as_str().to_string());
    let Some(doc) = checked.document else {
        return Ok(VerificationView {
            valid,
            authentic,
            status: checked.outcome,
            document_id: None,
            kind: None,
            number: None,
            issued_on: None,
            valid_until: None,
            within_term: None,
            issuer: None,
            signer: None,
            replaces: None,
            replaced_by: None,
            lang,
        });
    };
    let issuer = match &doc.organization_id {
        Some(id) => lookup::organization_by_id(pool, id)
            .await?
            .map(|o| IssuerView {
                id: o.id,
                name_kk: o.name_kk,
                name_ru: o.name_ru,
                name_en: o.name_en,
            }),
        None => None,
    };
    let today = enbek_domain::reference::office_hours::local_date(now);
    // The certificate the check verified, else the one recorded when the document was signed.
    let signed = match (&checked.verified, &doc.signer_subject, &doc.signer_serial) {
        (Some(v), _, _) => Some((
            CertificateView {
                serial: v.certificate.serial.clone(),
                subject: v.certificate.subject.clone(),
                issuer: v.certificate.issuer.clone(),
                not_after: v.certificate.not_after,
            },
            Some(v.signing_time),
        )),
        (None, Some(subject), Some(serial)) => Some((
            CertificateView {
                serial: serial.clone(),
                subject: subject.clone(),
                issuer: doc.signer_issuer.clone().unwrap_or_default(),
                not_after: doc.signer_not_after.unwrap_or(DateTime::<Utc>::MAX_UTC),
            },
            doc.signed_at,
        )),
        _ => None,
    };
    let signer = signed.map(|(certificate, signed_at)| SignerView {
        name: common_name(&certificate.subject),
        organization_id: doc.organization_id.clone(),
        signed_at,
        certificate,
    });
    Ok(VerificationView {
        valid,
        authentic,
        status: checked.outcome,
        within_term: doc.valid_until.map(|last| today <= last),
        document_id: Some(doc.id),
        kind: Some(doc.kind),
        number: doc.number,
        issued_on: Some(doc.issued_on),
        valid_until: doc.valid_until,
        issuer,
        signer,
        replaces: doc.replaces,
        replaced_by: doc.replaced_by,
        lang,
    })
}

fn base64_field(value: &str, field: &str) -> Result<Vec<u8>> {
    BASE64.decode(value.trim()).map_err(|_| {
        Error::new(Common::InvalidValue)
            .detail("not base64")
            .with("field", field)
    })
}

/// A checked request: a document id, or the bytes of a file and perhaps its signature.
pub enum Asked {
    Id(String),
    File {
        pdf: Vec<u8>,
        signature: Option<Vec<u8>>,
    },
}

impl Asked {
    fn of(request: VerificationRequest) -> Result<Asked> {
        match (request.document_id, request.pdf) {
            (Some(id), None) if request.signature.is_none() => {
                let id = id.trim().to_string();
                if id.is_empty() || id.len() > 64 {
                    return Err(Error::new(Common::InvalidValue).with("field", "document_id"));
                }
                Ok(Asked::Id(id))
            }
            (None, Some(pdf)) => Ok(Asked::File {
                pdf: base64_field(&pdf, "pdf")?,
                signature: request
                    .signature
                    .map(|s| base64_field(&s, "signature"))
                    .transpose()?,
            }),
            _ => Err(Error::new(Common::InvalidRequest)
                .detail("give either `document_id`, or `pdf` with an optional `signature`")),
        }
    }
}

/// Reads the request as JSON, a PDF, or a form upload.
async fn asked(state: &AppState, headers: &HeaderMap, request: Request) -> Result<Asked> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("application/json") {
        let crate::platform::http::extract::Json(body) = crate::platform::http::extract::Json::<
            VerificationRequest,
        >::from_request(request, state)
        .await?;
        return Asked::of(body);
    }
    if content_type.starts_with("application/pdf") {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| Error::new(Common::InvalidRequest).detail(e.body_text()))?;
        return Ok(Asked::File {
            pdf: bytes.to_vec(),
            signature: None,
        });
    }
    if content_type.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(|e| Error::new(Common::InvalidRequest).detail(e.body_text()))?;
        let mut pdf = None;
        let mut signature = None;
        let mut id = None;
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| Error::new(Common::InvalidRequest).detail(e.body_text()))?
        {
            let name = field.name().unwrap_or_default().to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| Error::new(Common::InvalidRequest).detail(e.body_text()))?;
            match name.as_str() {
                "file" | "pdf" | "document" if !bytes.is_empty() => pdf = Some(bytes.to_vec()),
                "signature" if !bytes.is_empty() => signature = Some(bytes.to_vec()),
                "document_id" if !bytes.is_empty() => {
                    id = Some(String::from_utf8_lossy(&bytes).into_owned())
                }
                _ => {}
            }
        }
        return match (id, pdf) {
            (_, Some(pdf)) => Ok(Asked::File { pdf, signature }),
            (Some(id), None) => Asked::of(VerificationRequest {
                document_id: Some(id),
                ..Default::default()
            }),
            (None, None) => Err(Error::new(Common::InvalidRequest).detail("no file was sent")),
        };
    }
    Err(Error::new(Common::UnsupportedMediaType)
        .detail("send JSON, application/pdf or multipart/form-data"))
}

/// Checks what was asked.
pub async fn check(state: &AppState, asked: Asked) -> Result<Checked> {
    match asked {
        Asked::Id(id) => service::verify_id(state, &id).await,
        Asked::File { pdf, signature } => {
            service::verify_file(state, &pdf, signature.as_deref()).await
        }
    }
}

#[utoipa::path(post, path = "/api/v1/documents/verify", operation_id = "verifyDocument", tag = "documents",
    request_body(content(
        (VerificationRequest = "application/json"),
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "multipart/form-data")),
        description = "`{document_id}`; or `{pdf, signature?}` base64; or the PDF itself; or a form upload with `file` and `signature`"),
    responses((status = 200, body = VerificationView, description = "checked: `valid` says whether the document is authentic and in force"),
        (status = 400), (status = 415), (status = 422), (status = 503, description = "a revocation or signing service did not answer")))]
pub async fn verify_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Result<axum::Json<VerificationView>> {
    let asked = asked(&state, &headers, request).await?;
    let checked = check(&state, asked).await?;
    Ok(axum::Json(view(&state, checked).await?))
}
