//! `/api/v1/sync`: the catalogue pull (anyone) and the push of queued sign-ups,
//! concern notes and self-test results (anyone; "on behalf" items need staff).

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use omzien_core::staff::Role;
use omzien_core::wire::{PushRequest, PushResponse, StaffNeed, DEVICE_HEADER, MAX_BATCH};
use serde::Deserialize;

use super::auth::{require, ClientIp, MaybeStaff};
use super::error::Error;
use super::extract::{Expected, Json, Query};
use super::state::AppState;
use crate::auth::now_unix;
use crate::faults::{self, AfterCommit};
use crate::limits::{Gate, Source};
use crate::pull_pages::Encoding;
use crate::push;

/// A full batch of 100 sign-ups with long notes is about 100 KB. A concern note may
/// carry 1,000 characters of story: 100 of them, every character a 4-byte one or a
/// JSON escape, come to about 900 KB; a batch the client may make must always fit.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new().route("/sync/pull", get(pull)).route(
        "/sync/push",
        post(push).layer(DefaultBodyLimit::max(MAX_PUSH_BYTES)),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PullParams {
    #[serde(default)]
    cursor: u64,
    /// Set by the app when it asks for the next page of a pull it is in the middle of:
    /// that is no new visit for monitoring.
    #[serde(default)]
    continued: bool,
}

impl Expected for PullParams {
    const EXPECTED: &'static str = "`?cursor=N`, N a whole number from 0 (0 or absent: from the start), and `&continued=true` for the next page of a pull";
}

/// One page of the pull, as built and compressed once for everyone (`pull_pages.rs`).
/// The answer carries its own `Content-Encoding`, so the API's compression layer leaves
/// it alone.
async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<PullParams>,
) -> Result<Response, Error> {
    // A visit for monitoring; a pull is worth more than its count, so a failure here
    // is only logged. The next pages of one pull belong to the same visit.
    if !params.continued {
        if let Err(error) = crate::monitoring::count_pull(&state.pool).await {
            tracing::warn!(%error, "counting a pull failed");
        }
    }
    let page = state
        .pull_pages
        .get(&state.pool, params.cursor, state.freshness)
        .await?;
    let encoding = Encoding::choose(
        headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let body = page.bytes(encoding).await?;
    let mut response = (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(coding) = encoding.header() {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    Ok(response)
}

impl Expected for PushRequest {
    const EXPECTED: &'static str = r#"{"mutations": [{"id": UUID, "change": {"sign_up": {...}}}]}"#;

    fn too_large() -> String {
        format!("A push may be at most {MAX_PUSH_BYTES} bytes; send fewer mutations at a time.")
    }
}

/// Anyone may push: residents need no account. "On behalf" items need a staff session
/// whose role may act for a resident; without one the whole push is refused (401) and
/// nothing of it is applied, so the client keeps every item until she signs in again.
///
/// Without a staff session, the limits on one device and one address apply
/// (`limits.rs`): what they hold back is left unanswered with a `retry_after`, and
/// when they hold back everything the answer is a 429 with `Retry-After`.
async fn push(
    State(state): State<AppState>,
    MaybeStaff(staff): MaybeStaff,
    ClientIp(address): ClientIp,
    headers: HeaderMap,
    Json(request): Json<PushRequest>,
) -> Result<Response, Error> {
    if request.mutations.len() > MAX_BATCH {
        return Err(Error::TooLarge(format!(
            "A push may carry at most {MAX_BATCH} mutations; this one has {}.",
            request.mutations.len()
        )));
    }
    // A place manager's session sets up kiosks only: a sign-up or note under it is
    // refused whole, whichever channel it names.
    if let Some(staff) = &staff {
        if !request.mutations.is_empty() {
            require(staff, Role::can_push)?;
        }
    }
    if request.mutations.iter().any(|m| m.change.needs_staff()) {
        let Some(staff) = &staff else {
            return Err(Error::SignInNeeded);
        };
        let needs = |need| {
            request
                .mutations
                .iter()
                .any(|m| m.change.staff_need() == Some(need))
        };
        if needs(StaffNeed::OnBehalf) {
            require(staff, Role::can_act_on_behalf)?;
        }
        // Whose activity an edit is, is decided per item (`push.rs`): one item of
        // another organisation is refused without holding up the rest.
        if needs(StaffNeed::Activities) {
            require(staff, Role::can_edit_activities)?;
        }
    }
    let mut gate = match &staff {
        Some(_) => Gate::open(),
        None => state.limits.gate(&Source {
            device: headers.get(DEVICE_HEADER).and_then(|v| v.to_str().ok()),
            address: &address,
        }),
    };
    let pusher = staff.map(|s| push::Pusher {
        user_id: s.user_id,
        role: s.role,
    });
    let results = push::apply_batch(
        &state.pool,
        &request.mutations,
        pusher,
        now_unix(),
        &mut gate,
    )
    .await?;
    let retry_after = gate.retry_after();
    if let Some(retry_after) = retry_after {
        tracing::warn!(%address, held_back = request.mutations.len() - results.len(), retry_after, "push limit reached");
        if results.is_empty() {
            return Err(Error::TooManyRequests { retry_after });
        }
    }
    match state.faults.after_push_commit() {
        AfterCommit::Answer => Ok(Json(PushResponse {
            results,
            retry_after,
        })
        .into_response()),
        AfterCommit::DropConnection => Ok(faults::dropped_connection()),
        AfterCommit::Hang => std::future::pending().await,
    }
}
