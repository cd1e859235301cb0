//! The network, and only here: Omzien's HTTP API as typed requests, one module per
//! resource, all through one `call`. Errors are typed and carry no words: the pages put
//! them into words for people (`crate::words`), and the sync engine decides what to do.

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod keys;
pub mod monitoring;
pub mod my_items;
pub mod notes;
pub mod sync;
pub mod users;
pub mod words;

use std::time::Duration;

use omzien_core::wire::ApiError as ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_error;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No answer at all: no connection, the server is down, or the request timed out.
    #[error("no connection with the server: {0}")]
    Unreachable(String),
    /// The server refused; `message` is its own sentence (in Dutch: it has one language).
    #[error("the server answered {status}: {message}")]
    Server { status: u16, message: String },
    /// Too many requests (failed sign-ins, or pushes from one device or address): the
    /// server takes none for this many seconds.
    #[error("too many requests; try again in {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    #[error("the server's answer could not be read: {0}")]
    BadAnswer(String),
}

impl ApiError {
    /// The server wants a (new) staff sign-in: no session, or one that has ended.
    pub fn sign_in_needed(&self) -> bool {
        matches!(self, ApiError::Server { status: 401, .. })
    }
}

/// A staff member's bearer token, as sign-in gave it.
pub type Token<'a> = Option<&'a str>;

/// A request that has not been answered in this time is abandoned and made again later
/// (for a push, the server answers a repeat with its first answer).
pub(crate) const PULL_TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const PUSH_TIMEOUT: Duration = Duration::from_secs(20);
pub(crate) const STAFF_TIMEOUT: Duration = Duration::from_secs(20);

/// One request: method, path under the API, JSON body, token, timeout, and the device
/// id that the server's push limits count by.
pub(crate) struct Request<'a> {
    pub method: &'a str,
    pub path: String,
    pub body: Option<String>,
    pub token: Token<'a>,
    pub timeout: Duration,
    pub device: Option<&'a str>,
}

impl<'a> Request<'a> {
    pub fn get(path: String, token: Token<'a>, timeout: Duration) -> Self {
        Request {
            method: "GET",
            path,
            body: None,
            token,
            timeout,
            device: None,
        }
    }

    pub fn post<B: Serialize>(
        path: String,
        body: Option<&B>,
        token: Token<'a>,
        timeout: Duration,
    ) -> Result<Self, ApiError> {
        let body = body
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| ApiError::BadAnswer(e.to_string()))?;
        Ok(Request {
            method: "POST",
            path,
            body,
            token,
            timeout,
            device: None,
        })
    }
}

/// A path segment made safe for a URL.
pub(crate) fn segment(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// One JSON request with `fetch`. Written on web-sys directly: an HTTP crate on top
/// cost the shell more bytes than these lines (docs/benchmarks.md).
pub(crate) async fn call<T: DeserializeOwned>(request: Request<'_>) -> Result<T, ApiError> {
    let body = call_for_bytes(request).await?;
    // A 204 has no body: "null" lets a caller that expects nothing read it.
    let body: &[u8] = if body.is_empty() { b"null" } else { &body };
    serde_json::from_slice(body).map_err(|e| ApiError::BadAnswer(e.to_string()))
}

/// The answer's body as the server sent it (UTF-8 bytes, never decoded to a JS string
/// and encoded back), after the status was checked.
pub(crate) async fn call_for_bytes(request: Request<'_>) -> Result<Vec<u8>, ApiError> {
    let unreachable = |e: JsValue| ApiError::Unreachable(js_error::describe(&e));
    let window = web_sys::window().ok_or_else(|| ApiError::Unreachable("no window".into()))?;
    let abort = web_sys::AbortController::new().map_err(unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method(request.method);
    init.set_signal(Some(&abort.signal()));
    let headers = web_sys::Headers::new().map_err(unreachable)?;
    if let Some(token) = request.token {
        headers
            .set("authorization", &format!("Bearer {token}"))
            .map_err(unreachable)?;
    }
    if let Some(device) = request.device {
        headers
            .set(omzien_core::wire::DEVICE_HEADER, device)
            .map_err(unreachable)?;
    }
    if let Some(body) = &request.body {
        headers
            .set("content-type", "application/json")
            .map_err(unreachable)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let _timeout =
        gloo_timers::callback::Timeout::new(request.timeout.as_millis() as u32, move || {
            abort.abort()
        });
    let url = format!("{}{}", omzien_core::wire::API_PREFIX, request.path);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(unreachable)?
        .dyn_into()
        .map_err(unreachable)?;
    // The body may still be cut off (a server dying mid-answer): that is "unreachable"
    // too, and the request is made again later.
    let body = JsFuture::from(response.array_buffer().map_err(unreachable)?)
        .await
        .map_err(unreachable)?;
    let body = js_sys::Uint8Array::new(&body).to_vec();
    if response.status() == 429 {
        let retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(60);
        return Err(ApiError::TooManyRequests { retry_after });
    }
    if !response.ok() {
        let message = serde_json::from_slice::<ErrorBody>(&body)
            .map(|e| e.message)
            .unwrap_or_else(|_| response.status_text());
        return Err(ApiError::Server {
            status: response.status(),
            message,
        });
    }
    Ok(body)
}
