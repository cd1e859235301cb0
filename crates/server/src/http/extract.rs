//! The request extractors every handler uses, in place of axum's own: a body, query or
//! path that does not parse gets the app's JSON error ([`Error`]) instead of axum's
//! plain-text rejection, so clients read every refusal the same way. The names are
//! axum's on purpose: a handler imports these and reads as it would with axum's.

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tower_http::timeout::TimeoutError;

use super::error::Error;

/// What a body or query string should look like, told back with a 400 so whoever
/// calls by hand can put it right without reading the source.
pub trait Expected {
    /// The expected shape, e.g. `{"status": "new" | "closed"}`; shown after the
    /// parser's own words as `… Expected <EXPECTED>.`
    const EXPECTED: &'static str;

    /// The message of the 413 for a body over its route's limit.
    fn too_large() -> String {
        "Dit verzoek is groter dan hier kan.".to_owned()
    }
}

/// A JSON body in, or a JSON answer out.
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned + Expected,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        // The body first, within the route's limit, and only then its type and shape:
        // a body over the limit is a 413 whatever it says it is (`curl -d` sends a
        // form type), and one that stops arriving is a 408.
        let (parts, body) = request.into_parts();
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|rejection| body_unread::<T>(&rejection))?;
        if has_escaped_nul(&bytes) {
            return Err(Error::BadRequest(NUL.to_owned()));
        }
        let request = Request::from_parts(parts, Body::from(bytes));
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            // Also a wrong or missing content type: the fix is the caller's, as for bad JSON.
            Err(rejection) => Err(not_as_expected::<T>(&rejection.body_text())),
        }
    }
}

fn body_unread<T: Expected>(rejection: &BytesRejection) -> Error {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::TooLarge(T::too_large())
    } else if body_fell_silent(rejection) {
        Error::TimedOut
    } else {
        // The client went away in the middle: nobody reads this answer.
        Error::BadRequest(rejection.body_text())
    }
}

/// Whether the body stopped arriving for longer than the body timeout (`serve.rs`).
fn body_fell_silent(rejection: &BytesRejection) -> bool {
    let mut source = std::error::Error::source(rejection);
    while let Some(error) = source {
        if error.is::<TimeoutError>() {
            return true;
        }
        source = error.source();
    }
    false
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// The query string, parsed into `T` by serde.
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned + Expected,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        refuse_nul(parts)?;
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|rejection| not_as_expected::<T>(&rejection.body_text()))
    }
}

/// Parameters from the route's path (`/notes/{id}`). The route already fixes their
/// shape, so axum's words only need a Dutch start.
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        refuse_nul(parts)?;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            // A route and its handler that disagree: our mistake, not the caller's.
            Err(rejection) if rejection.status().is_server_error() => {
                Err(Error::Internal(rejection.body_text()))
            }
            Err(rejection) => Err(Error::BadRequest(format!(
                "Dit adres klopt niet: {}.",
                rejection.body_text()
            ))),
        }
    }
}

/// No text the server keeps may hold the NUL character: PostgreSQL's text refuses it,
/// so on SQLite and PostgreSQL alike it is refused here, where it comes in, with words,
/// and never reaches a query (where it would be a 500, and a push retried for ever).
const NUL: &str = "Tekst met een nul-teken (U+0000) kan hier niet in.";

/// In an address a NUL can only come percent-encoded.
fn refuse_nul(parts: &Parts) -> Result<(), Error> {
    let uri = parts.uri.path_and_query().map_or("", |p| p.as_str());
    let has = uri
        .as_bytes()
        .windows(3)
        .any(|w| w.eq_ignore_ascii_case(b"%00"));
    if has {
        Err(Error::BadRequest(NUL.to_owned()))
    } else {
        Ok(())
    }
}

/// In JSON a NUL can only come as the escape `\u0000` (a raw one is not JSON at all);
/// `\\u0000`, an escaped backslash and the letters, is not one.
fn has_escaped_nul(json: &[u8]) -> bool {
    json.windows(6).enumerate().any(|(at, w)| {
        w == b"\\u0000" && json[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0
    })
}

fn not_as_expected<T: Expected>(parser_says: &str) -> Error {
    Error::BadRequest(format!("{parser_says}. Expected {}.", T::EXPECTED))
}

#[cfg(test)]
mod tests {
    use super::has_escaped_nul;

    #[test]
    fn an_escaped_nul_is_found_and_an_escaped_backslash_before_u0000_is_not() {
        assert!(has_escaped_nul(br#"{"note": "a\u0000b"}"#));
        assert!(has_escaped_nul(br#"{"note": "\\\u0000"}"#));
        assert!(!has_escaped_nul(br#"{"note": "c:\\u0000"}"#));
        assert!(!has_escaped_nul(br#"{"note": "u0000"}"#));
    }
}
