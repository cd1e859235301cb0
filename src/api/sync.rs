//! `GET /sync/pull` and `POST /sync/push`: the catalogue in, the outbox out.

use omzien_core::wire::{Mutation, PullResponse, PushRequest, PushResponse};

use super::{call, call_for_bytes, ApiError, Request, Token, PULL_TIMEOUT, PUSH_TIMEOUT};

/// A page of the pull, read, and its JSON as it came: the store keeps those bytes as
/// they are rather than write the page out again (10 MB at 10,000 activities).
pub struct PulledPage {
    pub page: PullResponse,
    pub json: Vec<u8>,
}

/// The page of changes after `cursor`; `continued` when it is the next page of a pull
/// under way (the server counts each pull once).
pub async fn pull(cursor: u64, continued: bool) -> Result<PulledPage, ApiError> {
    let next = if continued { "&continued=true" } else { "" };
    let json = call_for_bytes(Request::get(
        format!("/sync/pull?cursor={cursor}{next}"),
        None,
        PULL_TIMEOUT,
    ))
    .await?;
    let page = serde_json::from_slice(&json).map_err(|e| ApiError::BadAnswer(e.to_string()))?;
    Ok(PulledPage { page, json })
}

/// Sends a batch of queued mutations; with a staff token when someone is signed in, and
/// this device's id for the server's limits where it has one.
pub async fn push(
    mutations: Vec<Mutation>,
    token: Token<'_>,
    device: Option<&str>,
) -> Result<PushResponse, ApiError> {
    let mut request = Request::post(
        "/sync/push".into(),
        Some(&PushRequest { mutations }),
        token,
        PUSH_TIMEOUT,
    )?;
    request.device = device;
    call(request).await
}
