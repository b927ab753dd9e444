//! Extractors whose rejections are problem+json with stable codes.

use axum::extract::{FromRequest, FromRequestParts};

use super::error::ApiError;

/// A JSON body: malformed JSON is 400 `malformed_json`, wrong fields 422 `invalid_request`,
/// an oversized body 413 `payload_too_large`.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

/// Query parameters: wrong ones are 422 `invalid_request`.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// A path parameter.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);
