//! What other contexts (and the tests) may use of documents: the forms' neutral data and their
//! rendering to PDF.

pub use super::error::Code;
pub use super::forms::fonts::Face;
pub use super::forms::{
    render, Contacts, EmploymentPlan, Form, Issue, JobSeeker, PlanGroup, PlanItem, Refusal, Seal,
    Unemployed, UnemployedInfo,
};
