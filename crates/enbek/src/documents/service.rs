//! Issuing, reading and verifying documents. A decision records its document in its own
//! transaction (`record`: the number and the forms in Kazakh and Russian, pending, and the stored
//! job that issues it); `issue` then renders each language, signs it with the issuing
//! organisation's key and stores it. The stored job issues it in the background, on the idle
//! thread, so that a burst of decisions is answered at the rate of the decisions; a reader who
//! comes first (its PDF, its verification) has it issued at once. A signing service that does not
//! answer delays the document, it never loses it. Documents are immutable: a correction is a new
//! document that names the one it replaces.

use anyhow::Context as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use enbek_domain::accounts::access::Role;
use enbek_domain::reference::office_hours::local_date;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;

use super::contents::{content_name, Contents};
use super::error::{Code, Error, Result};
use super::forms::{render, Form, Issue, Seal};
use super::store::{self, Document, File, NewDocument, Owner};
use crate::exchange::pki::{CmsVerifier, DocumentSigner, SignatureError, Verified};
use crate::platform::audit;
use crate::platform::auth::{Caller, CASEWORK};
use crate::platform::db::{new_id, Db, Tx};
use crate::platform::http::lang::Lang;
use crate::platform::idle;
use crate::platform::jobs::{store as jobs, Job};
use crate::platform::problem::Common;
use crate::platform::state::AppState;
use crate::reference::interface::Organization;
use crate::web::Tr;
use enbek_domain::accounts::access::CardPlace;

/// The actor the audit log names for the signing of a document.
const ACTOR: &str = "system:document-signer";
/// The languages every document is issued in (Law on languages: the state language and Russian).
pub const LANGS: [Lang; 2] = [Lang::Kk, Lang::Ru];
/// The most documents a list shows.
const LIST_LIMIT: i64 = 200;

/// The parts documents need, registered at start: the signer, what checks and reads documents,
/// and the address verification pages are reached at.
pub struct Office {
    pub signer: Arc<dyn DocumentSigner>,
    pub archive: Archive,
    /// The portal's public address (`https://enbek.kz`), without a trailing slash.
    pub public_url: String,
}

/// What reads and checks issued documents: the store of their bytes and the verifier of their
/// signatures (the server's, or `enbek verify`'s offline).
pub struct Archive {
    pub db: Db,
    pub verifier: Arc<CmsVerifier>,
    pub contents: Contents,
}

impl Office {
    /// The public verification page of a document: what its QR code holds.
    pub fn verification_url(&self, id: &str) -> String {
        format!("{}/verify/{id}", self.public_url.trim_end_matches('/'))
    }
}

fn office(state: &AppState) -> &Office {
    state.part::<Arc<Office>>()
}

/// The kind of a form, as documents are listed and verified.
pub fn kind_of(form: &Form) -> &'static str {
    match form {
        Form::JobSeekerRefusal(_) => "job_seeker_refusal",
        Form::JobSeeker(_) => "job_seeker_registration",
        Form::Unemployed(_) => "unemployed_registration",
        Form::UnemployedRefusal(_) => "unemployed_refusal",
        Form::UnemployedInfo(_) => "unemployed_info",
        Form::EmploymentPlan(_) => "employment_plan",
        Form::MeasureApplication(_) => "measure_application",
        Form::DocumentsRefusal(_) => "measure_documents_refusal",
        Form::TrainingReferral(f) if f.on_the_job => "on_the_job_training_referral",
        Form::TrainingReferral(_) => "training_referral",
        Form::SubsidisedReferral(_) => "subsidised_referral",
        Form::ResettlementReferral(_) => "resettlement_referral",
    }
}

fn person_mut(form: &mut Form) -> &mut String {
    match form {
        Form::JobSeekerRefusal(f) | Form::UnemployedRefusal(f) => &mut f.person,
        Form::JobSeeker(f) => &mut f.person,
        Form::Unemployed(f) => &mut f.person,
        Form::UnemployedInfo(f) => &mut f.person,
        Form::EmploymentPlan(f) => &mut f.person,
        Form::MeasureApplication(f) => &mut f.person,
        Form::DocumentsRefusal(f) => &mut f.person,
        Form::TrainingReferral(f) => &mut f.person,
        Form::SubsidisedReferral(f) => &mut f.person,
        Form::ResettlementReferral(f) => &mut f.person,
    }
}

fn issue_mut(form: &mut Form) -> &mut Issue {
    match form {
        Form::JobSeekerRefusal(f) | Form::UnemployedRefusal(f) => &mut f.issue,
        Form::JobSeeker(f) => &mut f.issue,
        Form::Unemployed(f) => &mut f.issue,
        Form::UnemployedInfo(f) => &mut f.issue,
        Form::EmploymentPlan(f) => &mut f.issue,
        Form::MeasureApplication(f) => &mut f.issue,
        Form::DocumentsRefusal(f) => &mut f.issue,
        Form::TrainingReferral(f) => &mut f.issue,
        Form::SubsidisedReferral(f) => &mut f.issue,
        Form::ResettlementReferral(f) => &mut f.issue,
    }
}

/// The same form in each language a document is issued in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Forms {
    pub kk: Form,
    pub ru: Form,
}

impl Forms {
    fn of(&self, lang: Lang) -> &Form {
        match lang {
            Lang::Kk => &self.kk,
            _ => &self.ru,
        }
    }
}

impl Forms {
    /// The same form in Kazakh and Russian, each made in its language.
    pub fn both(make: impl Fn(Lang, Tr) -> Form) -> Forms {
        Forms {
            kk: make(Lang::Kk, Tr::new(Lang::Kk)),
            ru: make(Lang::Ru, Tr::new(Lang::Ru)),
        }
    }
}

/// What every form carries; the number is given when it is recorded. Decisions are signed by the
/// issuing organisation's key, and the form names it as their author.
pub fn issued_by(org: &Organization, lang: Lang, on: NaiveDate) -> Issue {
    Issue {
        number: String::new(),
        issued_on: on,
        career_center: org.name(lang).to_string(),
        specialist: Tr::new(lang).t("papers-signed-by-organisation"),
    }
}

/// A document a decision gives: who it is for, who issues it, and its forms (their numbers are
/// given by `record`).
pub struct Paper<'a> {
    /// The account the person uses, when there is one: the owner who may read it.
    pub account_id: Option<&'a str>,
    pub person_id: Option<&'a str>,
    pub registration_id: Option<&'a str>,
    /// The issuing organisation, whose key signs it.
    pub organization_id: &'a str,
    /// Its region: the mobility center of the region may read it.
    pub region_code: &'a str,
    pub valid_until: Option<NaiveDate>,
    /// What the record keeps beside the file (the decision's data, no personal data).
    pub data: Value,
    /// The document this one corrects.
    pub replaces: Option<&'a str>,
    pub forms: Forms,
}

/// A recorded document: its id and number.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: String,
    pub number: String,
}

/// Records a document in the decision's transaction, pending, with its number, and the job that
/// issues it: for a decision that shows the number at once (a referral's, the information's, a
/// correction's). The number is taken last, so that the organisation's sequence is held only
/// from there to the commit.
pub async fn record(tx: &mut Tx, paper: Paper<'_>, at: DateTime<Utc>) -> Result<Recorded> {
    let organization_id = paper.organization_id;
    let (id, forms) = record_pending(tx, paper, at).await?;
    let number = number_of(&forms);
    let seq = store::next_number(tx, organization_id, number.year).await?;
    let number = number.with(seq);
    store::set_number(tx, &id, &number).await?; // just recorded: without one
    Ok(Recorded { id, number })
}

/// Records a document in the decision's transaction, pending, with the job that issues it, for a
/// decision that does not show its number (the registration decisions, the employment plan): it
/// is numbered when it is issued, so that the decisions of a burst at one center do not wait for
/// each other on the center's sequence. Returns its id.
pub async fn record_unnumbered(tx: &mut Tx, paper: Paper<'_>, at: DateTime<Utc>) -> Result<String> {
    Ok(record_pending(tx, paper, at).await?.0)
}

/// The document's record, pending, its forms kept without a number (it is printed from the
/// record when they are rendered), the stored job that issues it, and the audit entry.
async fn record_pending(
    tx: &mut Tx,
    paper: Paper<'_>,
    at: DateTime<Utc>,
) -> Result<(String, Forms)> {
    let forms = paper.forms;
    let issued_on = forms.kk.issue().issued_on;
    let id = new_id();
    let kind = kind_of(&forms.kk);
    let forms_json = serde_json::to_string(&forms).map_err(Error::internal)?;
    store::insert(
        tx,
        &NewDocument {
            id: &id,
            kind,
            status: store::PENDING,
            account_id: paper.account_id,
            person_id: paper.person_id,
            registration_id: paper.registration_id,
            organization_id: Some(paper.organization_id),
            region_code: Some(paper.region_code),
            issued_on,
            valid_until: paper.valid_until,
            data: &paper.data,
            forms: Some(&forms_json),
            replaces: paper.replaces,
            at,
        },
    )
    .await?;
    let job = Job::IssueDocument {
        document_id: id.clone(),
    };
    jobs::enqueue(tx, &job, at, None, at);
    audit::Entry::new(at, "record", "document", &id)
        .after(json!({ "kind": kind, "replaces": paper.replaces }))
        .record(tx);
    Ok((id, forms))
}

/// A document's number before its sequence is known: the form's prefix (the appendix for
/// Order 214, the order and the appendix for Order 129) and the year of issue; the issuing
/// organisation's sequence of that year follows.
struct NumberOf {
    prefix: String,
    year: i32,
}

fn number_of(forms: &Forms) -> NumberOf {
    NumberOf {
        prefix: forms.kk.number_prefix(),
        year: forms.kk.issue().issued_on.year(),
    }
}

impl NumberOf {
    fn with(&self, seq: i64) -> String {
        format!("{}-{}-{seq:06}", self.prefix, self.year)
    }
}

/// The number of a document recorded without one, given now: the organisation's next of the
/// year, in a transaction of its own. When another issuer numbered it meanwhile, theirs stands
/// (and the sequence is not advanced).
async fn number_at_issue(
    state: &AppState,
    doc: &Document,
    forms: &Forms,
) -> anyhow::Result<String> {
    let organization = doc
        .organization_id
        .as_deref()
        .context("a pending document names its issuing organisation")?;
    let number = number_of(forms);
    let mut tx = state.db.begin().await?;
    let seq = store::next_number(&mut tx, organization, number.year).await?;
    let number = number.with(seq);
    if store::set_number(&mut tx, &doc.id, &number).await? {
        tx.commit().await?;
        return Ok(number);
    }
    tx.rollback().await?;
    store::by_id(&state.db.pool, &doc.id)
        .await?
        .and_then(|d| d.number)
        .context("a document numbered by another issuer")
}

/// Who waits for a document to be issued, and so at what priority it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// A reader of its PDF or its verification: rendered at once.
    Reader,
    /// Nobody (the stored job): rendered on the idle thread as the cores free up.
    Nobody,
}

/// Issues a pending document: renders each language with its seal, signs it by the issuing
/// organisation's key and stores file and signature. Nothing is done for a document already
/// issued; a failure leaves it pending for the stored job to try again.
pub async fn issue(state: &AppState, id: &str, waiting: Waiting) -> anyhow::Result<()> {
    let office = office(state);
    let Some(doc) = store::by_id(&state.db.pool, id).await? else {
        return Ok(());
    };
    if doc.status != store::PENDING {
        return Ok(());
    }
    let Some(forms) = store::forms_of(&state.db.pool, id).await? else {
        return Ok(());
    };
    let mut forms: Forms = serde_json::from_str(&forms).context("a pending document's forms")?;
    let number = match doc.number.clone() {
        Some(number) => number,
        None => number_at_issue(state, &doc, &forms).await?,
    };
    for form in [&mut forms.kk, &mut forms.ru] {
        issue_mut(form).number = number.clone();
    }
    let organization = doc
        .organization_id
        .clone()
        .context("a pending document names its issuing organisation")?;
    let at = state.clock.now();
    let seal = Seal {
        document_id: id.to_string(),
        url: office.verification_url(id),
    };
    let mut files = Vec::new();
    for lang in LANGS {
        let form = forms.of(lang).clone();
        let seal = seal.clone();
        let rendering = move || render(&form, lang, &seal);
        let pdf = match waiting {
            Waiting::Reader => tokio::task::spawn_blocking(rendering).await?,
            Waiting::Nobody => idle::run(rendering).await?,
        }
        .map_err(|e| anyhow::anyhow!("rendering the document: {}", e.code()))?;
        let signed = office.signer.sign(&organization, &pdf, at).await?;
        let name = content_name(&pdf);
        office.archive.contents.prepare(&name, &pdf).await?;
        files.push((lang, pdf, name, signed));
    }
    let certificate = &files[0].3.certificate;
    let mut tx = state.db.begin().await?;
    let marked = store::mark_issued(
        &mut tx,
        id,
        &store::Signature {
            signed_at: files[0].3.signing_time,
            subject: &certificate.subject,
            serial: &certificate.serial,
            issuer: &certificate.issuer,
            not_after: certificate.not_after,
        },
    )
    .await?;
    if !marked {
        return Ok(());
    }
    for (lang, pdf, name, signed) in &files {
        office.archive.contents.put(&mut tx, name, pdf, at).await?;
        store::insert_file(
            &mut tx,
            &File {
                document_id: id.to_string(),
                lang: *lang,
                sha256: name.clone(),
                signature: BASE64.encode(&signed.cms_der),
            },
        )
        .await?;
    }
    audit::Entry::new(at, "sign", "document", id)
        .by(ACTOR)
        .after(json!({
            "kind": doc.kind,
            "number": number,
            "certificate_serial": certificate.serial,
            "files": files.iter().map(|f| json!({ "lang": f.0.as_str(), "sha256": f.2 })).collect::<Vec<_>>(),
        }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(())
}

/// The organisations a document is addressed to beside its owner and its issuer: a referral's
/// receiving employer or education organisation, which takes the person on it and returns its
/// tear-off notice (129 App.4, App.5, App.8). The context that addresses documents (active
/// measures) answers; it is registered at start.
#[async_trait::async_trait]
pub trait Addressees: Send + Sync {
    /// Whether `caller` acts for an organisation the document `document_id` is addressed to
    /// (answered without I/O for a caller of no role that receives documents).
    async fn addressed_to(
        &self,
        state: &AppState,
        caller: &Caller,
        document_id: &str,
    ) -> std::result::Result<bool, sqlx::Error>;
}

/// Who reads a document: its owner; casework staff whose scope reaches the issuing
/// organisation (its career center's specialists, the mobility center of its region; 214 p.45);
/// the organisation it is addressed to (`Addressees`). A read by staff or by the addressee is
/// audited. Another citizen learns nothing (404); staff beyond their scope and other roles are
/// refused (403).
async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<Document> {
    let doc = store::by_id(&state.db.pool, id)
        .await?
        .ok_or_else(Error::not_found)?;
    if doc.account_id.as_deref() == Some(caller.account_id.as_str()) {
        return Ok(doc);
    }
    let addressed = state
        .part::<Arc<dyn Addressees>>()
        .addressed_to(state, caller, &doc.id)
        .await?;
    if !addressed {
        if !caller.does_casework() {
            return Err(if caller.grant(Role::Citizen).is_some() {
                Error::not_found()
            } else {
                Error::forbidden()
            });
        }
        let place = CardPlace {
            career_center_id: doc.organization_id.as_deref().unwrap_or_default(),
            region_code: doc.region_code.as_deref().unwrap_or_default(),
            forwarded_by: None,
        };
        if !caller.may_act_as(&CASEWORK, &place) {
            return Err(caller.beyond_reach().into());
        }
    }
    audit::record_read(
        &state.db.pool,
        state.clock.now(),
        &caller.account_id,
        "document",
        &doc.id,
    )
    .await?;
    Ok(doc)
}

/// Casework staff whose scope reaches the issuing organisation (`readable`), for a correction.
async fn correctable(state: &AppState, caller: &Caller, id: &str) -> Result<Document> {
    if !caller.does_casework() {
        return Err(Error::forbidden());
    }
    let doc = issued(state, readable(state, caller, id).await?).await?;
    if doc.status != store::ISSUED || doc.replaced_by.is_some() {
        return Err(Error::new(Common::InvalidState)
            .detail("only an issued document that is not replaced can be corrected"));
    }
    Ok(doc)
}

/// A correction of a document's person name (a misspelt name, corrected in the registry): a
/// new document of the same kind and term, issued today with its own number, that names the one
/// it replaces; the old one then verifies as replaced. Documents are never changed.
pub async fn correct(
    state: &AppState,
    caller: &Caller,
    id: &str,
    person: &str,
    reason: &str,
) -> Result<Recorded> {
    let doc = correctable(state, caller, id).await?;
    let forms = store::forms_of(&state.db.pool, id)
        .await?
        .ok_or_else(|| Error::new(Code::DocumentNotIssued))?;
    let mut forms: Forms = serde_json::from_str(&forms).map_err(Error::internal)?;
    let now = state.clock.now();
    for form in [&mut forms.kk, &mut forms.ru] {
        *person_mut(form) = person.to_string();
        issue_mut(form).issued_on = local_date(now);
    }
    let organization = doc.organization_id.clone().unwrap_or_default();
    let region = doc.region_code.clone().unwrap_or_default();
    let mut tx = state.db.begin().await?;
    let recorded = record(
        &mut tx,
        Paper {
            account_id: doc.account_id.as_deref(),
            person_id: doc.person_id.as_deref(),
            registration_id: doc.registration_id.as_deref(),
            organization_id: &organization,
            region_code: &region,
            valid_until: doc.valid_until,
            data: json!({ "correction_of": doc.id, "reason": reason }),
            replaces: Some(&doc.id),
            forms,
        },
        now,
    )
    .await?;
    audit::Entry::new(now, "correct", "document", &doc.id)
        .by(caller.account_id.as_str())
        .after(json!({ "replaced_by": recorded.id, "reason": reason }))
        .record(&mut tx);
    tx.commit().await?;
    Ok(recorded)
}

/// A document's signed PDF in a language it is issued in, with its detached signature.
pub struct Pdf {
    pub document: Document,
    pub lang: Lang,
    pub bytes: Vec<u8>,
    /// The detached CMS signature (DER).
    pub signature: Vec<u8>,
}

/// The PDF of a document for a reader (`readable`), in `lang` (Kazakh or Russian).
pub async fn pdf(state: &AppState, caller: &Caller, id: &str, lang: Lang) -> Result<Pdf> {
    let doc = issued(state, readable(state, caller, id).await?).await?;
    if doc.status != store::ISSUED {
        return Err(Error::new(Code::DocumentNotIssued));
    }
    let lang = if lang == Lang::Kk { Lang::Kk } else { Lang::Ru };
    let file = store::files_of(&state.db.pool, id)
        .await?
        .into_iter()
        .find(|f| f.lang == lang)
        .ok_or_else(|| Error::new(Code::DocumentNotIssued))?;
    let bytes = office(state).archive.content(&file.sha256).await?;
    let signature = BASE64.decode(&file.signature).map_err(Error::internal)?;
    Ok(Pdf {
        document: doc,
        lang,
        bytes,
        signature,
    })
}

/// A document a reader came to before the stored job issued it, issued now (`issued_for_reader`)
/// and read again; 503 `unavailable` while the signer does not answer.
async fn issued(state: &AppState, doc: Document) -> Result<Document> {
    if doc.status != store::PENDING {
        return Ok(doc);
    }
    if !issued_for_reader(state, &doc.id).await {
        return Err(Error::new(Common::Unavailable)
            .detail("the document is being signed; try again shortly"));
    }
    store::by_id(&state.db.pool, &doc.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Issues a pending document for a reader who came before the stored job; false (logged) when
/// the signer did not answer, and the document stays pending.
async fn issued_for_reader(state: &AppState, id: &str) -> bool {
    match issue(state, id, Waiting::Reader).await {
        Ok(()) => {
            crate::platform::jobs::done_now(
                state,
                &Job::IssueDocument {
                    document_id: id.to_string(),
                },
            )
            .await;
            true
        }
        Err(e) => {
            tracing::warn!(document = %id, error = %e, "a document could not be issued yet");
            false
        }
    }
}

/// The documents of the account, newest first.
pub async fn mine(state: &AppState, account_id: &str) -> Result<Vec<Document>> {
    Ok(store::of_owner(&state.db.pool, Owner::Account(account_id), LIST_LIMIT).await?)
}

/// The documents of a person's card, for staff who may see the card (the caller has checked).
pub async fn of_person(state: &AppState, person_id: &str) -> Result<Vec<Document>> {
    Ok(store::of_owner(&state.db.pool, Owner::Person(person_id), LIST_LIMIT).await?)
}

/// The outcome of a check, as the public verification tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Signed by a trusted, unrevoked, unexpired certificate, in force.
    Valid,
    /// Authentic, but corrected by a later document.
    Replaced,
    /// Authentic, but its term is over (214 App.9: 30 calendar days).
    Lapsed,
    /// Recorded, and not yet signed.
    NotIssued,
    /// The bytes are not a document issued here: changed, or never issued.
    Unknown,
    /// The signature does not match the bytes.
    SignatureInvalid,
    CertificateRevoked,
    CertificateExpired,
    CertificateUntrusted,
    /// The revocation status of the certificate cannot be established.
    RevocationUnknown,
}

/// What a check found.
pub struct Checked {
    pub outcome: Outcome,
    pub document: Option<Document>,
    /// The file checked (a file's check), or the files (a document's).
    pub lang: Option<Lang>,
    pub verified: Option<Verified>,
}

impl Checked {
    /// Valid: authentic and in force.
    pub fn valid(&self) -> bool {
        self.outcome == Outcome::Valid
    }

    /// The signature is genuine, whatever became of the document since.
    pub fn authentic(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Valid | Outcome::Replaced | Outcome::Lapsed
        )
    }
}

/// What a signature check answers for a verification (a service that does not answer is an
/// error: the check is delayed, never answered wrongly).
fn outcome_of(e: SignatureError) -> Result<Outcome> {
    Ok(match e {
        SignatureError::Malformed(_) | SignatureError::Invalid => Outcome::SignatureInvalid,
        SignatureError::Untrusted | SignatureError::Unsupported(_) => Outcome::CertificateUntrusted,
        SignatureError::Expired => Outcome::CertificateExpired,
        SignatureError::Revoked => Outcome::CertificateRevoked,
        SignatureError::RevocationUnknown(_) => Outcome::RevocationUnknown,
        SignatureError::Unavailable(detail) => {
            return Err(Error::new(Common::Unavailable).detail(detail))
        }
    })
}

impl Archive {
    /// The bytes of a content, checked against their name.
    async fn content(&self, name: &str) -> Result<Vec<u8>> {
        self.contents
            .get(&self.db.pool, name)
            .await?
            .ok_or_else(|| Error::internal("a document's content is missing"))
    }

    /// Checks a detached signature over bytes at `now`: the signature, the chain, revocation,
    /// and the certificate still valid now (an expired certificate makes the check fail).
    async fn check_signature(
        &self,
        cms: &[u8],
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Verified, Outcome>> {
        match self.verifier.verify_detached(cms, bytes, now).await {
            Ok(v) if v.certificate.not_after < now => Ok(Err(Outcome::CertificateExpired)),
            Ok(v) => Ok(Ok(v)),
            Err(e) => outcome_of(e).map(Err),
        }
    }

    /// Verifies a document by its id at `now`: each of its files against its stored signature.
    pub async fn verify_id(&self, id: &str, now: DateTime<Utc>) -> Result<Checked> {
        let Some(doc) = store::by_id(&self.db.pool, id).await? else {
            return Ok(Checked {
                outcome: Outcome::Unknown,
                document: None,
                lang: None,
                verified: None,
            });
        };
        if doc.status != store::ISSUED {
            return Ok(Checked {
                outcome: Outcome::NotIssued,
                document: Some(doc),
                lang: None,
                verified: None,
            });
        }
        let mut verified = None;
        for file in store::files_of(&self.db.pool, id).await? {
            let bytes = self.content(&file.sha256).await?;
            let cms = BASE64.decode(&file.signature).map_err(Error::internal)?;
            match self.check_signature(&cms, &bytes, now).await? {
                Ok(v) => verified = Some(v),
                Err(outcome) => {
                    return Ok(Checked {
                        outcome,
                        document: Some(doc),
                        lang: Some(file.lang),
                        verified: None,
                    })
                }
            }
        }
        Ok(Checked {
            outcome: standing(&doc, local_date(now)),
            document: Some(doc),
            lang: None,
            verified,
        })
    }

    /// Verifies a file at `now`: the bytes must be a file issued here (found by their SHA-256)
    /// and its signature — the one given, or the stored one — must hold over them. A changed
    /// byte makes the bytes unknown.
    pub async fn verify_file(
        &self,
        bytes: &[u8],
        signature: Option<&[u8]>,
        now: DateTime<Utc>,
    ) -> Result<Checked> {
        let name = content_name(bytes);
        let found = store::files_by_content(&self.db.pool, &name).await?;
        let Some(file) = found.into_iter().next() else {
            let outcome = match signature {
                Some(cms) => match self.check_signature(cms, bytes, now).await? {
                    // A genuine signature over bytes this service never issued.
                    Ok(_) => Outcome::Unknown,
                    Err(outcome) => outcome,
                },
                None => Outcome::Unknown,
            };
            return Ok(Checked {
                outcome,
                document: None,
                lang: None,
                verified: None,
            });
        };
        let stored = BASE64.decode(&file.signature).map_err(Error::internal)?;
        let cms = signature.unwrap_or(&stored);
        let doc = store::by_id(&self.db.pool, &file.document_id)
            .await?
            .ok_or_else(|| Error::internal("a file's document is missing"))?;
        Ok(match self.check_signature(cms, bytes, now).await? {
            Ok(v) => Checked {
                outcome: standing(&doc, local_date(now)),
                document: Some(doc),
                lang: Some(file.lang),
                verified: Some(v),
            },
            Err(outcome) => Checked {
                outcome,
                document: Some(doc),
                lang: Some(file.lang),
                verified: None,
            },
        })
    }
}

/// Whether a document is in force at `today`: not replaced, within its term.
fn standing(doc: &Document, today: NaiveDate) -> Outcome {
    if doc.replaced_by.is_some() {
        Outcome::Replaced
    } else if doc.valid_until.is_some_and(|last| today > last) {
        Outcome::Lapsed
    } else {
        Outcome::Valid
    }
}

/// Verifies a document by its id, now; a document still pending is issued first (its decision
/// is taken, only its signing waited for the idle thread).
pub async fn verify_id(state: &AppState, id: &str) -> Result<Checked> {
    let pending = store::by_id(&state.db.pool, id)
        .await?
        .is_some_and(|d| d.status == store::PENDING);
    if pending {
        issued_for_reader(state, id).await;
    }
    office(state).archive.verify_id(id, state.clock.now()).await
}

/// Verifies a file, now.
pub async fn verify_file(
    state: &AppState,
    bytes: &[u8],
    signature: Option<&[u8]>,
) -> Result<Checked> {
    office(state)
        .archive
        .verify_file(bytes, signature, state.clock.now())
        .await
}
