//! Extractors whose rejections are problem+json with stable codes.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde_json::Value;

use super::error::ApiError;

/// A JSON body: malformed JSON is 400 `malformed_json`, wrong fields 422 `invalid_request`
/// (a NUL character in any string or name among them), an oversized body 413
/// `payload_too_large`.
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<Value>::from_request(request, state).await?;
        if holds_nul(&value) {
            return Err(ApiError::new("invalid_request").detail("a string holds a NUL character"));
        }
        T::deserialize(value)
            .map(Json)
            .map_err(|e| ApiError::new("invalid_request").detail(e.to_string()))
    }
}

/// Whether a string or a field name anywhere in `value` holds a NUL, which no field of the API
/// takes and PostgreSQL cannot store.
fn holds_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(holds_nul),
        Value::Object(fields) => fields.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// Whether a percent-encoded part of the URI decodes to a NUL character, which no identifier or
/// value has and which PostgreSQL cannot even compare text with.
fn has_nul(encoded: &str) -> bool {
    encoded.contains("%00")
}

/// Query parameters: wrong ones are 422 `invalid_request`.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if parts.uri.query().is_some_and(has_nul) {
            return Err(ApiError::new("invalid_request").detail("a query value holds a NUL"));
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(value))
    }
}

/// A path parameter: one that cannot name a record (undecodable, or holding a NUL) is 404.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if has_nul(parts.uri.path()) {
            return Err(ApiError::not_found());
        }
        let axum::extract::Path(value) =
            axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Path(value))
    }
}
