//! A form's errors, by field, for the page that sends the form back.

use crate::web::error::PageError;
use crate::web::i18n::Tr;

/// The errors of a sent form: each with the id of its field and its message.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(String, String)>);

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors::default()
    }

    pub fn add(&mut self, field: &str, message: String) {
        self.0.push((field.to_string(), message));
    }

    /// A use case's refusal, shown at `field` (or at the field the problem names).
    pub fn problem(&mut self, field: &str, e: &PageError, tr: &Tr) {
        let at = e.field().unwrap_or(field).to_string();
        self.0.push((at, e.message(tr)));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    /// The message of a field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Every error: field id and message, for the summary at the top of the form.
    pub fn list(&self) -> &[(String, String)] {
        &self.0
    }
}
