//! A form's fields and errors, for the page that shows the form or sends it back: one shape
//! for every context's pages (`templates/web/fields.html` draws them).

use crate::web::error::PageError;
use crate::web::i18n::Tr;

/// The errors of a sent form: each with the id of its field and its message.
#[derive(Debug, Default)]
pub struct FormErrors(Vec<(String, String)>);

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors::default()
    }

    /// The status of the page that shows the form: 422 while it holds errors, else 200.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
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

/// A choice of a select or a check box: its value, its label, whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The choices of `options` (value, label), the one of value `chosen` chosen.
pub fn choices(options: Vec<(String, String)>, chosen: &str) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

/// A field of a form: an input, a text area, a select or a group of check boxes, with its hint
/// and its error.
pub struct Field {
    pub id: &'static str,
    pub label: String,
    /// `text`, `numeric`, `email`, `tel`, `date`, `datetime`, `textarea`, `select` or `checks`.
    pub kind: &'static str,
    pub value: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub options: Vec<Choice>,
}

impl Field {
    pub fn new(id: &'static str, label: String, kind: &'static str, value: &str) -> Field {
        Field {
            id,
            label,
            kind,
            value: value.to_string(),
            hint: None,
            error: None,
            options: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn options(mut self, options: Vec<Choice>) -> Field {
        self.options = options;
        self
    }

    /// A select's options (value, label), the one of the field's value chosen.
    pub fn choose_from(self, options: Vec<(String, String)>) -> Field {
        let chosen = choices(options, &self.value);
        self.options(chosen)
    }

    /// The ids the field is described by: its hint and its error.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }

    /// The `type` of its input.
    pub fn input_type(&self) -> &'static str {
        match self.kind {
            "email" => "email",
            "tel" => "tel",
            "date" => "date",
            "datetime" => "datetime-local",
            _ => "text",
        }
    }
}

/// The fields with the errors of a sent form put next to them.
pub fn with_errors(mut fields: Vec<Field>, errors: &FormErrors) -> Vec<Field> {
    for field in &mut fields {
        field.error = errors.get(field.id).map(str::to_string);
    }
    fields
}
