//! Middleware at the edge of the API: the request body's limits, the headers every response
//! carries, the request id and the access log.

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::time::{Duration, Instant};

use crate::platform::http::error::ApiError;
use crate::platform::problem::Common;

/// The request id header: set when the client sent none (or an unusable one), echoed back.
pub const REQUEST_ID: &str = "x-request-id";

/// How large a request body may be and how long it may take to arrive.
#[derive(Clone, Copy)]
pub struct BodyRules {
    pub max_bytes: usize,
    pub timeout: Duration,
}

/// Reads the request body under its rules before the handler runs: an announced
/// `Content-Length` above the limit is answered 413 `payload_too_large` at once, without reading
/// the body; a body that grows above it, 413 as soon as it does; a body that has not arrived in
/// full within the timeout (a trickle), 408 `request_timeout`. In both cases the rest of the
/// body is never read and the connection is closed after the answer.
pub async fn read_body(State(rules): State<BodyRules>, request: Request, next: Next) -> Response {
    if announced_length(request.headers()).is_some_and(|n| n > rules.max_bytes as u64) {
        return too_large(rules.max_bytes);
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(rules.timeout, Limited::new(body, rules.max_bytes).collect());
    match read.await {
        Ok(Ok(collected)) => {
            let request = Request::from_parts(parts, Body::from(collected.to_bytes()));
            next.run(request).await
        }
        Ok(Err(e)) if e.is::<LengthLimitError>() => too_large(rules.max_bytes),
        Ok(Err(_)) => ApiError::new(Common::MalformedJson)
            .detail("the request body could not be read")
            .into_response(),
        Err(_) => ApiError::new(Common::RequestTimeout)
            .detail(format!(
                "the request body did not arrive within {} ms",
                rules.timeout.as_millis()
            ))
            .into_response(),
    }
}

fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn too_large(max_bytes: usize) -> Response {
    ApiError::new(Common::PayloadTooLarge)
        .detail(format!("the body may be at most {max_bytes} bytes"))
        .into_response()
}

/// Every response: `X-Content-Type-Options: nosniff`. Responses that may carry personal data:
/// `Cache-Control: no-store` — every `/api/` response to a request with an `Authorization`
/// header (the caller's own or a staff member's view of persons) and every problem+json (its
/// detail may repeat the request). Public answers (reference data, the vacancy search without a
/// token) stay cacheable.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let personal = request.uri().path().starts_with("/api/")
        && request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let problem = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if personal || problem {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Drops a client's `x-request-id` that is not a short token of letters, digits, `-`, `_` and
/// `.`, so that a new one is made: the id goes into every log line of the request, and must not
/// carry anything else.
pub async fn sanitize_request_id(mut request: Request, next: Next) -> Response {
    let usable = request
        .headers()
        .get(REQUEST_ID)
        .map(|v| usable_request_id(v.as_bytes()));
    if usable == Some(false) {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

fn usable_request_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The request id a request carries (set by the request-id layer before this runs).
pub fn request_id(headers: &HeaderMap) -> &str {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
}

/// The route template of a request: never its path or query, which may carry personal data.
pub fn route(request: &Request) -> String {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string())
}

/// One access-log line per request, at `info` (target `enbek::access`): method, route
/// template, status, latency in milliseconds and request id.
pub async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = route(&request);
    let id = request_id(request.headers()).to_string();
    let response = next.run(request).await;
    log_access(&method, &route, response.status(), started.elapsed(), &id);
    response
}

fn log_access(method: &Method, route: &str, status: StatusCode, latency: Duration, id: &str) {
    tracing::info!(
        target: "enbek::access",
        method = %method,
        route,
        status = status.as_u16(),
        latency_ms = latency.as_secs_f64() * 1000.0,
        request_id = id,
        "request"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_access_log_line_names_the_route_template_and_never_the_path_or_query() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = Router::new()
            .route("/api/v1/persons/{iin}/card", get(|| async { "card" }))
            .layer(axum::middleware::from_fn(access_log));
        let response = app
            .oneshot(
                Request::get("/api/v1/persons/871008401427/card?phone=%2B77011234567")
                    .header(REQUEST_ID, "req-42")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "one line per request: {text}");
        let line: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(line["level"], "INFO");
        assert_eq!(line["target"], "enbek::access");
        let fields = &line["fields"];
        assert_eq!(fields["method"], "GET");
        assert_eq!(fields["route"], "/api/v1/persons/{iin}/card");
        assert_eq!(fields["status"], 200);
        assert_eq!(fields["request_id"], "req-42");
        assert!(fields["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0));
        assert!(
            !text.contains("871008401427") && !text.contains("7011234567"),
            "no personal data: {text}"
        );
    }

    #[test]
    fn only_short_plain_request_ids_are_kept() {
        let keep = |id: &str| usable_request_id(id.as_bytes());
        assert!(keep("0f8c-42_a.b"));
        assert!(keep(&"a".repeat(64)));
        assert!(!keep(&"a".repeat(65)));
        assert!(!keep("871008401427 Ахметов"));
        assert!(!keep(""));
    }
}
