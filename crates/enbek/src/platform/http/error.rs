//! The one API error type. Every failure leaves as `application/problem+json` with a stable
//! machine-readable `code`; the status is decided here and only here; the `title` is given in
//! the caller's language (Kazakh, Russian or English, from `Accept-Language`). Internal causes are
//! logged (without personal data) and never sent.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use enbek_domain::ids::IdError;
use serde_json::{json, Map, Value};

use crate::platform::http::lang::current_lang;
use crate::platform::problem::{CodeInfo, Common, ProblemCode};

#[derive(Debug)]
pub struct ApiError {
    code: &'static CodeInfo,
    pub detail: Option<String>,
    pub extra: Map<String, Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: impl ProblemCode) -> ApiError {
        ApiError {
            code: code.info(),
            detail: None,
            extra: Map::new(),
        }
    }

    /// The stable name of the code (`not_found`, `offer_exists`…).
    pub fn code(&self) -> &'static str {
        self.code.name
    }

    /// Whether this is a problem of that code.
    pub fn is(&self, code: impl ProblemCode) -> bool {
        self.code == code.info()
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.detail = Some(detail.into());
        self
    }

    pub fn with(mut self, key: &str, value: impl serde::Serialize) -> ApiError {
        self.extra.insert(key.to_string(), json!(value));
        self
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(Common::Forbidden)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(Common::NotFound)
    }

    /// A server-side failure: logged with its cause, answered without it.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %cause, "internal error");
        ApiError::new(Common::Internal)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut body = Map::new();
        body.insert(
            "type".into(),
            json!(format!("/problems/{}", self.code.name)),
        );
        body.insert("title".into(), json!(self.code.title(current_lang())));
        body.insert("status".into(), json!(status.as_u16()));
        body.insert("code".into(), json!(self.code.name));
        if let Some(detail) = self.detail {
            body.insert("detail".into(), json!(detail));
        }
        // A problem that says how long to wait says it in `Retry-After` too (RFC 9110 §10.2.3).
        let retry_after = self
            .extra
            .get("retry_after_seconds")
            .and_then(Value::as_u64);
        body.extend(self.extra);
        let mut response = (status, axum::Json(Value::Object(body))).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %e, "database unavailable");
                ApiError::new(Common::Unavailable)
            }
            _ => ApiError::internal(e),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(format!("{e:#}"))
    }
}

impl From<IdError> for ApiError {
    fn from(e: IdError) -> ApiError {
        let code = match e {
            IdError::InvalidIin(_) => Common::InvalidIin,
            IdError::InvalidBin(_) => Common::InvalidBin,
            IdError::InvalidIban(_) => Common::InvalidIban,
            IdError::InvalidPhone(_) => Common::InvalidPhone,
            IdError::InvalidEmail(_) => Common::InvalidEmail,
        };
        ApiError::new(code).detail(e.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        match r {
            JsonRejection::JsonSyntaxError(e) => {
                ApiError::new(Common::MalformedJson).detail(e.body_text())
            }
            JsonRejection::JsonDataError(e) => {
                ApiError::new(Common::InvalidRequest).detail(e.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => ApiError::new(Common::UnsupportedMediaType)
                .detail("send the body as application/json"),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::new(Common::PayloadTooLarge)
            }
            other => ApiError::new(Common::MalformedJson).detail(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::new(Common::InvalidRequest).detail(r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> ApiError {
        ApiError::new(Common::NotFound).detail(r.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_errors_map_to_their_codes() {
        let e: ApiError = enbek_domain::ids::Iin::parse("821214240092")
            .unwrap_err()
            .into();
        assert_eq!(e.code(), "invalid_iin");
        assert!(e.is(Common::InvalidIin));
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
