//! `GET /sync/pull` and `POST /sync/push`: the catalogue in, the outbox out.

use omzien_core::wire::{Mutation, PullResponse, PushRequest, PushResponse};

use super::{call, ApiError, Request, Token, PULL_TIMEOUT, PUSH_TIMEOUT};

/// The page of changes after `cursor`; `continued` when it is the next page of a pull
/// under way (the server counts each pull once).
pub async fn pull(cursor: u64, continued: bool) -> Result<PullResponse, ApiError> {
    let next = if continued { "&continued=true" } else { "" };
    call(Request::get(
        format!("/sync/pull?cursor={cursor}{next}"),
        None,
        PULL_TIMEOUT,
    ))
    .await
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
