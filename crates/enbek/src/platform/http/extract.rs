//! Extractors whose rejections are problem+json with stable codes.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde_json::Value;

use crate::platform::http::error::ApiError;
use crate::platform::problem::Common;

/// A JSON body: malformed JSON is 400 `malformed_json`, wrong fields 422 `invalid_request`, an
/// oversized body 413 `payload_too_large`. A NUL character, which no field of the API takes and
/// PostgreSQL cannot store, is refused before any field is read: in a value as 422 `invalid_text`
/// naming the field (as every other control character in free text), in a field's name as 422
/// `invalid_request`.
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<Value>::from_request(request, state).await?;
        match nul_in(&value, "") {
            Some(Nul::InName) => {
                return Err(ApiError::new(Common::InvalidRequest).detail("a field name holds a NUL"))
            }
            Some(Nul::InValue(field)) => {
                return Err(ApiError::new(Common::InvalidText)
                    .detail("the text holds a NUL character")
                    .with("field", field))
            }
            None => {}
        }
        T::deserialize(value)
            .map(Json)
            .map_err(|e| ApiError::new(Common::InvalidRequest).detail(e.to_string()))
    }
}

enum Nul {
    InName,
    /// The top-level field whose value (or a value within it) holds the NUL.
    InValue(String),
}

/// Where a NUL stands in `value`, if anywhere; `field` is the top-level field being read.
fn nul_in(value: &Value, field: &str) -> Option<Nul> {
    match value {
        Value::String(s) if s.contains('\0') => Some(Nul::InValue(field.to_string())),
        Value::Array(items) => items.iter().find_map(|v| nul_in(v, field)),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(Nul::InName);
            }
            nul_in(v, if field.is_empty() { k } else { field })
        }),
        _ => None,
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
            return Err(ApiError::new(Common::InvalidRequest).detail("a query value holds a NUL"));
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
