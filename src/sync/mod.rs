//! The network, and only here: pulling catalogue changes and pushing the outbox.

use std::time::Duration;

use gloo_net::http::Request;
use omzien_core::wire::{ApiError, Mutation, PullResponse, PushRequest, PushResponse, API_PREFIX};

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
    let url = format!("{API_PREFIX}/sync/pull?cursor={cursor}");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    if !response.ok() {
        let status = response.status();
        let message = match response.json::<ApiError>().await {
            Ok(error) => error.message,
            Err(_) => response.status_text(),
        };
        return Err(SyncError::Server { status, message });
    }
    response
        .json()
        .await
        .map_err(|e| SyncError::BadAnswer(e.to_string()))
}

/// A push that has not been answered in this time is abandoned and sent again later
/// (the server answers a repeat with its first answer).
const PUSH_TIMEOUT: Duration = Duration::from_secs(20);

/// Sends a batch of queued mutations.
pub async fn push(mutations: Vec<Mutation>) -> Result<PushResponse, SyncError> {
    let abort = web_sys::AbortController::new()
        .map_err(|_| SyncError::Unreachable("no AbortController".to_owned()))?;
    let signal = abort.signal();
    let _timeout =
        gloo_timers::callback::Timeout::new(PUSH_TIMEOUT.as_millis() as u32, move || abort.abort());
    let request = Request::post(&format!("{API_PREFIX}/sync/push"))
        .abort_signal(Some(&signal))
        .json(&PushRequest { mutations })
        .map_err(|e| SyncError::BadAnswer(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    if !response.ok() {
        let status = response.status();
        let message = match response.json::<ApiError>().await {
            Ok(error) => error.message,
            Err(_) => response.status_text(),
        };
        return Err(SyncError::Server { status, message });
    }
    response
        .json()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))
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
