//! One error type for the HTTP layer: each variant maps to a status code, internal
//! details are logged for us and never sent to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use omzien_core::wire::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("no such resource")]
    NotFound,
    #[error("{0}")]
    TooLarge(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored record is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}

impl Error {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Error::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Error::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Error::Database(_) | Error::Corrupt(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "The server could not answer; the error is logged.".to_owned()
        } else {
            self.to_string()
        };
        let body = ApiError {
            error: code.to_owned(),
            message,
        };
        (status, Json(body)).into_response()
    }
}

impl From<crate::catalogue::PullError> for Error {
    fn from(e: crate::catalogue::PullError) -> Self {
        match e {
            crate::catalogue::PullError::Database(e) => Error::Database(e),
            crate::catalogue::PullError::Corrupt(e) => Error::Corrupt(e),
        }
    }
}

impl From<crate::push::PushError> for Error {
    fn from(e: crate::push::PushError) -> Self {
        match e {
            crate::push::PushError::Database(e) => Error::Database(e),
            crate::push::PushError::Corrupt(e) => Error::Corrupt(e),
        }
    }
}
