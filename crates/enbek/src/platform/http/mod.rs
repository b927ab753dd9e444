//! The HTTP kernel: problem+json, extractors, input checks, language, the edge middleware.

pub mod edge;
pub mod error;
pub mod extract;
pub mod input;
pub mod lang;

use axum::http::{HeaderMap, HeaderValue};

/// The headers of a page of a listing: how many the listing holds in all (`X-Total-Count`) and,
/// unless the page is the last, the cursor of the next (`X-Next-Cursor`).
pub fn page_headers(total: i64, next_cursor: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("x-total-count", HeaderValue::from(total));
    // A cursor is URL-safe base64: always a valid header value.
    if let Some(value) = next_cursor.and_then(|c| HeaderValue::from_str(c).ok()) {
        headers.insert("x-next-cursor", value);
    }
    headers
}
