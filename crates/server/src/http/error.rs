//! One error type for the HTTP layer: each variant maps to a status code, internal
//! details are logged for us and never sent to the client. The services' own errors
//! are turned into it here, so they need to know nothing of HTTP.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use omzien_core::wire::{ApiError, SIGN_IN_NEEDED};

use crate::accounts::AccountError;
use crate::auth::{AuthError, SignInError};
use crate::catalogue::PullError;
use crate::db::StoreError;
use crate::editing::EditingError;
use crate::keys::KeyError;
use crate::programme::ProgrammeStoreError;
use crate::pull_pages::PagesError;
use crate::push::PushError;
use crate::triage::TriageError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("Dit adres bestaat hier niet, of wat je zoekt is er niet (meer).")]
    NotFound,
    #[error("{0}")]
    TooLarge(String),
    /// No valid session: missing, unknown, expired or signed out.
    #[error("{0}")]
    Unauthorized(String),
    /// A push with "on behalf" items and no valid staff session; the client keeps them.
    #[error("Log in om de wachtende aanmeldingen en meldingen te versturen. Ze blijven bewaard.")]
    SignInNeeded,
    /// A valid session whose role may not do this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    /// Sign-in failed: one answer for an unknown e-mail and a wrong password.
    #[error("Dit e-mailadres of wachtwoord klopt niet.")]
    SignInFailed,
    #[error("{}", too_many_attempts_nl(*retry_after))]
    TooManyAttempts { retry_after: u64 },
    /// A push from one device or address beyond its limits (`limits.rs`): the app
    /// keeps the items and sends them after `retry_after` seconds.
    #[error("Er komt te veel tegelijk van dit apparaat of adres. Probeer het over {retry_after} seconden opnieuw.")]
    TooManyRequests { retry_after: u64 },
    /// The request took longer than the server allows (`serve.rs`): a body that fell
    /// silent, or a request over its whole time. The app sends it again later.
    #[error("Dit verzoek duurde te lang. Probeer het opnieuw.")]
    TimedOut,
    /// The method is not one this path takes (`POST` where only `GET` is).
    #[error("{0} kan niet op dit adres.")]
    MethodNotAllowed(String),
    #[error("{0}")]
    Internal(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored record is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// Worded for anyone who meets it: the limit may be this account from this address, or
/// the whole address, where others made the mistakes.
fn too_many_attempts_nl(retry_after: u64) -> String {
    let wait = match retry_after.div_ceil(60) {
        0 | 1 => "1 minuut".to_owned(),
        minutes => format!("{minutes} minuten"),
    };
    format!("Er is hier te vaak een verkeerd wachtwoord gebruikt. Probeer het over {wait} opnieuw.")
}

impl Error {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Error::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Error::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Error::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Error::SignInNeeded => (StatusCode::UNAUTHORIZED, SIGN_IN_NEEDED),
            Error::SignInFailed => (StatusCode::UNAUTHORIZED, "sign_in_failed"),
            Error::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Error::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            Error::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Error::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            Error::TimedOut => (StatusCode::REQUEST_TIMEOUT, "timed_out"),
            Error::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Error::Database(_) | Error::Corrupt(_) | Error::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let retry_after = match &self {
            Error::TooManyAttempts { retry_after } | Error::TooManyRequests { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        };
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
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<PullError> for Error {
    fn from(e: PullError) -> Self {
        match e {
            PullError::Database(e) => Error::Database(e),
            PullError::Corrupt(e) => Error::Corrupt(e),
        }
    }
}

impl From<PagesError> for Error {
    fn from(e: PagesError) -> Self {
        match e {
            PagesError::Pull(e) => e.into(),
            PagesError::Database(e) => Error::Database(e),
            PagesError::Encode(e) => Error::Corrupt(e),
            PagesError::Compress | PagesError::Poisoned => Error::Internal(e.to_string()),
        }
    }
}

impl From<PushError> for Error {
    fn from(e: PushError) -> Self {
        match e {
            PushError::Database(e) => Error::Database(e),
            PushError::Corrupt(e) => Error::Corrupt(e),
            PushError::Seal(e) => Error::Internal(e),
        }
    }
}

impl From<AuthError> for Error {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::Database(e) => Error::Database(e),
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<AccountError> for Error {
    fn from(e: AccountError) -> Self {
        let said = e.message_nl();
        match (e, said) {
            (AccountError::Database(e), _) => Error::Database(e),
            (AccountError::Auth(e), _) => e.into(),
            (AccountError::Store(e), _) => e.into(),
            (AccountError::NoSuchUser(_), _) => Error::NotFound,
            (AccountError::EmailTaken(_) | AccountError::OwnAccount, Some(words)) => {
                Error::Conflict(words)
            }
            (_, Some(words)) => Error::BadRequest(words),
            (other, None) => Error::Internal(other.to_string()),
        }
    }
}

impl From<SignInError> for Error {
    fn from(e: SignInError) -> Self {
        match e {
            SignInError::Failed => Error::SignInFailed,
            SignInError::Limited { retry_after } => Error::TooManyAttempts { retry_after },
            SignInError::Auth(e) => e.into(),
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Database(e) => Error::Database(e),
            StoreError::Json(e) => Error::Corrupt(e),
            unknown @ StoreError::Unknown { .. } => Error::Internal(unknown.to_string()),
        }
    }
}

impl From<EditingError> for Error {
    fn from(e: EditingError) -> Self {
        match e {
            EditingError::NotFound => Error::NotFound,
            refused @ EditingError::AlreadyPublished => Error::Conflict(refused.to_string()),
            refused @ EditingError::NotYours => Error::Forbidden(refused.to_string()),
            refused @ (EditingError::OrganisationWaits | EditingError::OrganisationExists(_)) => {
                Error::Conflict(refused.to_string())
            }
            EditingError::Invalid(message) => Error::BadRequest(message),
            EditingError::Store(e) => e.into(),
        }
    }
}

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::Invalid(message) => Error::BadRequest(message),
            KeyError::Refused(message) => Error::Conflict(message),
            KeyError::Seal(e) => Error::Internal(e),
            KeyError::Database(e) => Error::Database(e),
            KeyError::Corrupt(e) => Error::Corrupt(e),
        }
    }
}

impl From<TriageError> for Error {
    fn from(e: TriageError) -> Self {
        match e {
            TriageError::NotFound => Error::NotFound,
            TriageError::Invalid(message) => Error::BadRequest(message),
            TriageError::Refused(message) => Error::Conflict(message),
            TriageError::Store(e) => e.into(),
        }
    }
}

impl From<ProgrammeStoreError> for Error {
    fn from(e: ProgrammeStoreError) -> Self {
        match e {
            ProgrammeStoreError::NoSuchAction | ProgrammeStoreError::NoSuchActivity => {
                Error::NotFound
            }
            ProgrammeStoreError::Refused(message) => Error::BadRequest(message),
            ProgrammeStoreError::Database(e) => Error::Database(e),
            ProgrammeStoreError::Json(e) => Error::Corrupt(e),
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<crate::hsds::SnapshotError> for Error {
    fn from(e: crate::hsds::SnapshotError) -> Self {
        use crate::hsds::SnapshotError;
        match e {
            SnapshotError::Database(e) => Error::Database(e),
            SnapshotError::Corrupt(e) => Error::Corrupt(e),
            other @ SnapshotError::Poisoned => Error::Internal(other.to_string()),
        }
    }
}
