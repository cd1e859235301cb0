//! The network, and only here: pulling catalogue changes and pushing the outbox; with
//! who sends when (`tabs`: one push at a time across tabs; `background`: Background Sync).

pub mod background;
pub mod tabs;

use std::time::Duration;

use omzien_core::wire::{ApiError, Mutation, PullResponse, PushRequest, PushResponse, API_PREFIX};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No answer at all: no connection, or the server is down.
    #[error("no connection with the server: {0}")]
    Unreachable(String),
    #[error("the server answered {status}: {message}")]
    Server { status: u16, message: String },
    #[error("the server's answer could not be read: {0}")]
    BadAnswer(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// What a resident reads: no codes, no blame.
    pub fn for_people(&self) -> &'static str {
        match self {
            SyncError::Unreachable(_) => "Er is nu geen verbinding. Je ziet de gegevens die op dit apparaat staan.",
            SyncError::Server { .. } | SyncError::BadAnswer(_) => {
                "Nieuwe gegevens ophalen lukt nu niet. Je ziet de gegevens die op dit apparaat staan."
            }
            SyncError::Store(_) => "Dit apparaat kan de gegevens niet bewaren. Probeer het later nog eens.",
        }
    }
}

/// Whether the browser believes it has a network. `false` is reliable; `true` is a hint.
pub fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Asks the server for everything after `cursor`.
pub async fn fetch_changes(cursor: u64) -> Result<PullResponse, SyncError> {
    call(
        "GET",
        &format!("{API_PREFIX}/sync/pull?cursor={cursor}"),
        None,
        PULL_TIMEOUT,
    )
    .await
}

/// A request that has not been answered in this time is abandoned and made again later
/// (for a push, the server answers a repeat with its first answer).
const PULL_TIMEOUT: Duration = Duration::from_secs(30);
const PUSH_TIMEOUT: Duration = Duration::from_secs(20);

/// Sends a batch of queued mutations.
pub async fn push(mutations: Vec<Mutation>) -> Result<PushResponse, SyncError> {
    let body = serde_json::to_string(&PushRequest { mutations })
        .map_err(|e| SyncError::BadAnswer(e.to_string()))?;
    call(
        "POST",
        &format!("{API_PREFIX}/sync/push"),
        Some(&body),
        PUSH_TIMEOUT,
    )
    .await
}

/// One JSON request with `fetch`. Written on web-sys directly: an HTTP crate on top
/// cost the shell more bytes than these lines (docs/benchmarks.md).
async fn call<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<&str>,
    timeout: Duration,
) -> Result<T, SyncError> {
    let unreachable = |e: JsValue| SyncError::Unreachable(crate::js_error::describe(&e));
    let window = web_sys::window().ok_or_else(|| SyncError::Unreachable("no window".into()))?;
    let abort = web_sys::AbortController::new().map_err(unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(&abort.signal()));
    if let Some(body) = body {
        let headers = web_sys::Headers::new().map_err(unreachable)?;
        headers
            .set("content-type", "application/json")
            .map_err(unreachable)?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(body));
    }
    let _timeout =
        gloo_timers::callback::Timeout::new(timeout.as_millis() as u32, move || abort.abort());
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(unreachable)?
        .dyn_into()
        .map_err(unreachable)?;
    // The body may still be cut off (a server dying mid-answer): that is "unreachable"
    // too, and the request is made again later.
    let text = JsFuture::from(response.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    if !response.ok() {
        let message = serde_json::from_str::<ApiError>(&text)
            .map(|e| e.message)
            .unwrap_or_else(|_| response.status_text());
        return Err(SyncError::Server {
            status: response.status(),
            message,
        });
    }
    serde_json::from_str(&text).map_err(|e| SyncError::BadAnswer(e.to_string()))
}

/// Pulls what changed since the stored cursor and stores it. Returns the pull when
/// something changed, `None` when the stored catalogue was already current.
pub async fn pull_into(store: &Store, cursor: u64) -> Result<Option<PullResponse>, SyncError> {
    let pull = fetch_changes(cursor).await?;
    let now = js_sys::Date::now();
    if pull.is_empty() && !pull.reset && pull.cursor == cursor {
        store.mark_checked(now).await?;
        return Ok(None);
    }
    store.apply_pull(&pull, now).await?;
    Ok(Some(pull))
}
