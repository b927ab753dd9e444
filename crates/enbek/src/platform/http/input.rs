//! Values as they arrive in requests: free text checked against its rule
//! (`enbek_domain::text`) and numbers against their bounds (`enbek_domain::bounds`). Every
//! refusal is a 422 naming its field (`field` in the problem).

use std::fmt::Display;
use std::ops::RangeInclusive;

use enbek_domain::text::{FreeText, Rule, TextError};

use crate::platform::http::error::{ApiError, ApiResult};
use crate::platform::problem::Common;

/// The text of `field`, trimmed; or 422: `invalid_text` for a control or invisible character,
/// `invalid_value` for an empty or too long one (as for every other value out of its bounds).
pub fn text(field: &str, value: &str, rule: Rule) -> ApiResult<String> {
    FreeText::parse(value, rule)
        .map(FreeText::into_string)
        .map_err(|e| {
            let code = match e {
                TextError::Control { .. } | TextError::Invisible { .. } => Common::InvalidText,
                TextError::Empty | TextError::TooLong { .. } => Common::InvalidValue,
            };
            ApiError::new(code)
                .detail(format!("{field} {e}"))
                .with("field", field)
        })
}

/// An optional text: none, or empty once trimmed, is none.
pub fn opt_text(field: &str, value: Option<&str>, rule: Rule) -> ApiResult<Option<String>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let checked = text(field, value, rule.optional())?;
    Ok(Some(checked).filter(|t| !t.is_empty()))
}

/// A list of short texts (skills, languages): at most `most` of them, each checked, the empty
/// ones left out.
pub fn texts(field: &str, values: &[String], rule: Rule, most: usize) -> ApiResult<Vec<String>> {
    if values.len() > most {
        return Err(ApiError::new(Common::InvalidValue)
            .detail(format!("at most {most} {field}"))
            .with("field", field));
    }
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        let t = text(field, v, rule.optional())?;
        if !t.is_empty() {
            out.push(t);
        }
    }
    Ok(out)
}

/// `value` of `field` within its bounds, or 422 `invalid_value` with the bounds.
pub fn bounded<T>(field: &str, value: T, range: RangeInclusive<T>) -> ApiResult<T>
where
    T: PartialOrd + Display + Copy + serde::Serialize,
{
    if range.contains(&value) {
        return Ok(value);
    }
    Err(ApiError::new(Common::InvalidValue)
        .detail(format!("{field} is {} to {}", range.start(), range.end()))
        .with("field", field)
        .with("min", range.start())
        .with("max", range.end()))
}

/// An optional value within its bounds.
pub fn opt_bounded<T>(
    field: &str,
    value: Option<T>,
    range: RangeInclusive<T>,
) -> ApiResult<Option<T>>
where
    T: PartialOrd + Display + Copy + serde::Serialize,
{
    value.map(|v| bounded(field, v, range)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use enbek_domain::bounds::MONTHLY_PAY;
    use enbek_domain::text::TITLE;

    #[test]
    fn a_refusal_names_its_field() {
        let e = text("title", "a\u{202E}b", TITLE).unwrap_err();
        assert_eq!(e.code(), "invalid_text");
        assert_eq!(e.extra["field"], "title");
        let e = bounded("salary_from", 100_000_001, MONTHLY_PAY).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.extra["field"], "salary_from");
        assert_eq!(e.extra["max"], 100_000_000);
        assert_eq!(
            bounded("salary_from", 100_000_000, MONTHLY_PAY).unwrap(),
            100_000_000
        );
    }

    #[test]
    fn an_empty_optional_text_is_none() {
        assert_eq!(opt_text("note", Some("  "), TITLE).unwrap(), None);
        assert_eq!(opt_text("note", None, TITLE).unwrap(), None);
        assert_eq!(
            opt_text("note", Some(" a "), TITLE).unwrap(),
            Some("a".into())
        );
    }
}
