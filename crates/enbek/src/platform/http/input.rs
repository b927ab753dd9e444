//! Values as they arrive in requests: free text checked against its rule
//! (`enbek_domain::text`) and numbers against their bounds (`enbek_domain::bounds`). Every
//! refusal is a 422 naming its field (`field` in the problem).

use std::fmt::Display;
use std::ops::RangeInclusive;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
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

/// A cursor of a listing read page after page: the sort values of a page's last row, its id
/// last, joined by `|` and URL-safe base64-encoded, opaque to clients.
pub fn cursor(parts: &[&str]) -> String {
    URL_SAFE_NO_PAD.encode(parts.join("|"))
}

/// The `parts` parts of a cursor that `cursor` made, or 422 `invalid_value` on `field` (`detail`
/// saying what it should be) for anything else: too long, not URL-safe base64 of text, another
/// number of parts, or a last part that is not a row's id.
pub fn cursor_parts(
    field: &str,
    value: &str,
    parts: usize,
    detail: &str,
) -> ApiResult<Vec<String>> {
    let bad = || {
        ApiError::new(Common::InvalidValue)
            .detail(detail.to_string())
            .with("field", field)
    };
    if value.len() > 200 {
        return Err(bad());
    }
    let bytes = URL_SAFE_NO_PAD.decode(value).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let split: Vec<String> = text.split('|').map(str::to_string).collect();
    let id_ok = split.last().is_some_and(|id| {
        !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if split.len() != parts || !id_ok {
        return Err(bad());
    }
    Ok(split)
}

/// How a page of a listing is read: by its number (`offset`) or from a cursor, `per_page` rows.
/// From a cursor one row more is read, to know whether another page follows.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub per_page: i64,
    pub offset: i64,
    pub from_cursor: bool,
}

impl Paging {
    /// The page asked for: `after` (a cursor, not yet read) or the page's number, not both
    /// (422 `invalid_value` on `after`); the cursor is given back for its listing to read.
    pub fn asked(
        page: i64,
        per_page: i64,
        number_given: bool,
        after: Option<&str>,
    ) -> ApiResult<(Paging, Option<&str>)> {
        if after.is_some() && number_given {
            return Err(ApiError::new(Common::InvalidValue)
                .detail("a page is named by its number or by a cursor, not both")
                .with("field", "after"));
        }
        let paging = Paging {
            per_page,
            offset: (page - 1).saturating_mul(per_page),
            from_cursor: after.is_some(),
        };
        Ok((paging, after))
    }

    /// How many rows to read.
    pub fn limit(&self) -> i64 {
        self.per_page + i64::from(self.from_cursor)
    }

    /// The page of the rows read (cut to `per_page`), and whether another follows: from a
    /// cursor, when more were read than the page holds; by number, when the rows above and on
    /// the page are fewer than `total`.
    pub fn page_of<T>(&self, mut read: Vec<T>, total: i64) -> (Vec<T>, bool) {
        let n = i64::try_from(read.len()).unwrap_or(i64::MAX);
        let more = if self.from_cursor {
            n > self.per_page
        } else {
            self.offset.saturating_add(n) < total
        };
        read.truncate(usize::try_from(self.per_page).unwrap_or(0));
        (read, more)
    }
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

    #[test]
    fn a_page_read_from_a_cursor_reads_one_more_to_know_whether_another_follows() {
        let (by_cursor, after) = Paging::asked(1, 2, false, Some("c")).unwrap();
        assert_eq!((by_cursor.limit(), after), (3, Some("c")));
        assert_eq!(by_cursor.page_of(vec![1, 2, 3], 10), (vec![1, 2], true));
        assert_eq!(by_cursor.page_of(vec![1, 2], 10), (vec![1, 2], false));
        let (by_number, after) = Paging::asked(2, 2, true, None).unwrap();
        assert_eq!((by_number.limit(), by_number.offset, after), (2, 2, None));
        assert_eq!(by_number.page_of(vec![3, 4], 5), (vec![3, 4], true));
        assert_eq!(by_number.page_of(vec![3, 4], 4), (vec![3, 4], false));
        let e = Paging::asked(2, 2, true, Some("c")).unwrap_err();
        assert_eq!(
            (e.code(), &e.extra["field"]),
            ("invalid_value", &"after".into())
        );
    }

    #[test]
    fn a_cursor_gives_back_its_parts_and_nothing_else_passes() {
        let id = "0190f3c2-7a1b-7c3d-9e4f-0123456789ab";
        let c = cursor(&["date", "2026-03-17T06:00:00.000000Z", id]);
        assert!(c
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let parts = cursor_parts("after", &c, 3, "a cursor").unwrap();
        assert_eq!(parts, ["date", "2026-03-17T06:00:00.000000Z", id]);
        for (bad, n) in [
            (c.as_str(), 4),
            ("not a cursor", 3),
            (&*cursor(&["date", "x", "not an id"]), 3),
            (&*cursor(&["date", "x", ""]), 3),
            (&*"A".repeat(201), 3),
        ] {
            let e = cursor_parts("after", bad, n, "a cursor").unwrap_err();
            assert_eq!(
                (e.code(), &e.extra["field"]),
                ("invalid_value", &"after".into())
            );
        }
    }
}
