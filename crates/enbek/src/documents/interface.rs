//! What other contexts (and the tests) may use of documents: the forms' neutral data and their
//! rendering to PDF, recording a decision's document and issuing it, and a person's documents
//! (and their list as the pages show it, for the employment card); and the port by which the
//! context that addresses a document to an organisation says who that is (`Addressees`).

pub use super::error::Code;
pub use super::forms::fonts::Face;
pub use super::forms::{
    render, Contacts, DocumentsRefusal, EmploymentPlan, Form, Issue, JobSeeker, MeasureApplication,
    PlanGroup, PlanItem, Refusal, ResettlementReferral, Seal, SubsidisedReferral, TrainingReferral,
    Unemployed, UnemployedInfo,
};
pub use super::pages::{listed, Listed, Reader};
pub use super::service::{
    issued_by, of_person, record, record_unnumbered, Addressees, Forms, Office, Paper, Recorded,
};
pub use super::store::Document;
