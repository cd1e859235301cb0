//! `/api/v1`: health, the catalogue pull and the push; the staff endpoints are merged in
//! from `auth.rs`, `triage.rs`, `audit.rs` and `my_items.rs`.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use omzien_core::staff::Role;
use omzien_core::wire::{Health, PullResponse, PushRequest, PushResponse, MAX_BATCH};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use super::auth::MaybeStaff;
use super::error::Error;
use super::extract::{Expected, Json, Query};
use super::state::AppState;
use crate::catalogue;
use crate::faults::{self, AfterCommit};
use crate::push;

/// A full batch of 100 sign-ups with long notes is about 100 KB. A concern note may
/// carry 1,000 characters of story: 100 of them, every character a 4-byte one or a
/// JSON escape, come to about 900 KB; a batch the client may make must always fit.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/sync/pull", get(pull))
        .route(
            "/sync/push",
            post(push).layer(DefaultBodyLimit::max(MAX_PUSH_BYTES)),
        )
        .merge(super::auth::router())
        .merge(super::triage::router())
        .merge(super::audit::router())
        .merge(super::my_items::router())
        .fallback(|| async { Error::NotFound })
        .layer(CompressionLayer::new())
        // Answers are live data: caches in between must not keep them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, Error> {
    Ok(Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        cursor: catalogue::current_cursor(&state.pool).await?,
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PullParams {
    #[serde(default)]
    cursor: u64,
}

impl Expected for PullParams {
    const EXPECTED: &'static str = "`?cursor=N`, N a whole number from 0 (0 or absent: everything)";
}

async fn pull(
    State(state): State<AppState>,
    Query(params): Query<PullParams>,
) -> Result<Json<PullResponse>, Error> {
    Ok(Json(catalogue::pull(&state.pool, params.cursor).await?))
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
async fn push(
    State(state): State<AppState>,
    MaybeStaff(staff): MaybeStaff,
    Json(request): Json<PushRequest>,
) -> Result<Response, Error> {
    if request.mutations.len() > MAX_BATCH {
        return Err(Error::TooLarge(format!(
            "A push may carry at most {MAX_BATCH} mutations; this one has {}.",
            request.mutations.len()
        )));
    }
    if request.mutations.iter().any(|m| m.change.needs_staff()) {
        match &staff {
            None => return Err(Error::SignInNeeded),
            Some(staff) => super::auth::require(staff, Role::can_act_on_behalf)?,
        }
    }
    let pushed_by = staff.map(|s| s.user_id);
    let results = push::apply_batch(&state.pool, &request.mutations, pushed_by).await?;
    match state.faults.after_push_commit() {
        AfterCommit::Answer => Ok(Json(PushResponse { results }).into_response()),
        AfterCommit::DropConnection => Ok(faults::dropped_connection()),
        AfterCommit::Hang => std::future::pending().await,
    }
}
