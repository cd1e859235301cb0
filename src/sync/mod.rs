//! The network, and only here: pulling catalogue changes and pushing the outbox; with
//! who sends when (`tabs`: one push at a time across tabs; `background`: Background Sync).

pub mod background;
pub mod tabs;

use std::time::Duration;

use omzien_core::staff::{
    Assignment, Me, NoteDetail, NoteList, NoteListItem, NoteStatus, ReferralRequest, SignInRequest,
    SignInResponse, StatusChange,
};
use omzien_core::wire::{ApiError, Mutation, PullResponse, PushRequest, PushResponse, API_PREFIX};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{td_string, Locale};
use crate::lang::shown_locale;
use crate::state::Problem;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No answer at all: no connection, or the server is down.
    #[error("no connection with the server: {0}")]
    Unreachable(String),
    #[error("the server answered {status}: {message}")]
    Server { status: u16, message: String },
    /// Too many failed sign-ins: the server takes none for this many seconds.
    #[error("too many sign-in attempts; try again in {retry_after} s")]
    TooManyAttempts { retry_after: u64 },
    #[error("the server's answer could not be read: {0}")]
    BadAnswer(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SyncError {
    /// The server wants a (new) staff sign-in: no session, or one that has ended.
    pub fn sign_in_needed(&self) -> bool {
        matches!(self, SyncError::Server { status: 401, .. })
    }

    /// For staff pages, in the language on screen (`for_staff_in`).
    pub fn for_staff(&self) -> String {
        self.for_staff_in(shown_locale())
    }

    /// For staff pages: the server's own sentence for a refusal (in Dutch: the server
    /// has one language), else the plain words below.
    pub fn for_staff_in(&self, locale: Locale) -> String {
        match self {
            SyncError::Server { status: 401, .. } => {
                td_string!(locale, staff.errors.not_signed_in).to_owned()
            }
            SyncError::Server { status, message } if (400..500).contains(status) => message.clone(),
            SyncError::Unreachable(_) => td_string!(locale, staff.errors.no_server).to_owned(),
            other => other.for_people().text(locale).to_owned(),
        }
    }

    /// What a resident reads: no codes, no blame.
    pub fn for_people(&self) -> Problem {
        match self {
            SyncError::Server { status: 401, .. } => Problem::StaffSignIn,
            SyncError::Unreachable(_) => Problem::Unreachable,
            SyncError::Server { .. }
            | SyncError::TooManyAttempts { .. }
            | SyncError::BadAnswer(_) => Problem::CannotFetch,
            SyncError::Store(_) => Problem::CannotStore,
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
        None,
        PULL_TIMEOUT,
    )
    .await
}

/// A request that has not been answered in this time is abandoned and made again later
/// (for a push, the server answers a repeat with its first answer).
const PULL_TIMEOUT: Duration = Duration::from_secs(30);
const PUSH_TIMEOUT: Duration = Duration::from_secs(20);

const STAFF_TIMEOUT: Duration = Duration::from_secs(20);

/// Sends a batch of queued mutations; with a staff token when someone is signed in.
pub async fn push(
    mutations: Vec<Mutation>,
    token: Option<&str>,
) -> Result<PushResponse, SyncError> {
    let body = to_json(&PushRequest { mutations })?;
    call(
        "POST",
        &format!("{API_PREFIX}/sync/push"),
        Some(&body),
        token,
        PUSH_TIMEOUT,
    )
    .await
}

fn to_json<T: Serialize>(value: &T) -> Result<String, SyncError> {
    serde_json::to_string(value).map_err(|e| SyncError::BadAnswer(e.to_string()))
}

/// `POST /api/v1/auth/sign-in`, then `GET /api/v1/auth/me` for the account's id.
pub async fn sign_in(email: &str, password: &str) -> Result<(SignInResponse, Me), SyncError> {
    let body = to_json(&SignInRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    })?;
    let answer: SignInResponse = call(
        "POST",
        &format!("{API_PREFIX}/auth/sign-in"),
        Some(&body),
        None,
        STAFF_TIMEOUT,
    )
    .await?;
    let me = call(
        "GET",
        &format!("{API_PREFIX}/auth/me"),
        None,
        Some(&answer.token),
        STAFF_TIMEOUT,
    )
    .await?;
    Ok((answer, me))
}

/// Ends the session on the server (204, no body).
pub async fn sign_out(token: &str) -> Result<(), SyncError> {
    call::<serde::de::IgnoredAny>(
        "POST",
        &format!("{API_PREFIX}/auth/sign-out"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )
    .await
    .map(|_| ())
}

/// The triage list's filters, as `GET /api/v1/notes` takes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteFilter {
    pub status: String,
    pub wijk: String,
    pub urgency: String,
    pub older_than_days: String,
}

/// One page of the list: the first (`after: None`), or the one after a page's `next`.
/// The page size is the server's default (`omzien_core::staff::NOTE_PAGE`).
pub async fn notes(
    token: &str,
    filter: &NoteFilter,
    after: Option<&str>,
) -> Result<NoteList, SyncError> {
    let mut query = String::new();
    for (name, value) in [
        ("status", filter.status.as_str()),
        ("wijk", filter.wijk.as_str()),
        ("urgency", filter.urgency.as_str()),
        ("older_than_days", filter.older_than_days.as_str()),
        ("after", after.unwrap_or_default()),
    ] {
        if !value.is_empty() {
            let value: String = js_sys::encode_uri_component(value).into();
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(&format!("{name}={value}"));
        }
    }
    call(
        "GET",
        &format!("{API_PREFIX}/notes{query}"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )
    .await
}

/// The audit log, newest first (admins).
pub async fn audit(token: &str) -> Result<omzien_core::staff::AuditLog, SyncError> {
    call(
        "GET",
        &format!("{API_PREFIX}/audit"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )
    .await
}

/// One note with its body; the server writes an audit row for this read.
pub async fn note(token: &str, id: &str) -> Result<NoteDetail, SyncError> {
    let id: String = js_sys::encode_uri_component(id).into();
    call(
        "GET",
        &format!("{API_PREFIX}/notes/{id}"),
        None,
        Some(token),
        STAFF_TIMEOUT,
    )
    .await
}

async fn note_action<B: Serialize>(
    token: &str,
    id: &str,
    action: &str,
    body: &B,
) -> Result<NoteListItem, SyncError> {
    let id: String = js_sys::encode_uri_component(id).into();
    let body = to_json(body)?;
    call(
        "POST",
        &format!("{API_PREFIX}/notes/{id}/{action}"),
        Some(&body),
        Some(token),
        STAFF_TIMEOUT,
    )
    .await
}

pub async fn set_status(
    token: &str,
    id: &str,
    status: NoteStatus,
) -> Result<NoteListItem, SyncError> {
    note_action(token, id, "status", &StatusChange { status }).await
}

pub async fn assign(
    token: &str,
    id: &str,
    assignee_id: Option<i64>,
) -> Result<NoteListItem, SyncError> {
    note_action(token, id, "assignee", &Assignment { assignee_id }).await
}

pub async fn refer(
    token: &str,
    id: &str,
    referral: &ReferralRequest,
) -> Result<NoteListItem, SyncError> {
    note_action(token, id, "referral", referral).await
}

/// One JSON request with `fetch`. Written on web-sys directly: an HTTP crate on top
/// cost the shell more bytes than these lines (docs/benchmarks.md).
async fn call<T: DeserializeOwned>(
    method: &str,
    url: &str,
    body: Option<&str>,
    token: Option<&str>,
    timeout: Duration,
) -> Result<T, SyncError> {
    let unreachable = |e: JsValue| SyncError::Unreachable(crate::js_error::describe(&e));
    let window = web_sys::window().ok_or_else(|| SyncError::Unreachable("no window".into()))?;
    let abort = web_sys::AbortController::new().map_err(unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_signal(Some(&abort.signal()));
    let headers = web_sys::Headers::new().map_err(unreachable)?;
    if let Some(token) = token {
        headers
            .set("authorization", &format!("Bearer {token}"))
            .map_err(unreachable)?;
    }
    if let Some(body) = body {
        headers
            .set("content-type", "application/json")
            .map_err(unreachable)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
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
    if response.status() == 429 {
        let retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(60);
        return Err(SyncError::TooManyAttempts { retry_after });
    }
    if !response.ok() {
        let message = serde_json::from_str::<ApiError>(&text)
            .map(|e| e.message)
            .unwrap_or_else(|_| response.status_text());
        return Err(SyncError::Server {
            status: response.status(),
            message,
        });
    }
    // A 204 has no body: "null" lets a caller that expects nothing read it.
    let text = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(text).map_err(|e| SyncError::BadAnswer(e.to_string()))
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
