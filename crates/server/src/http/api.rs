//! `/api/v1`: health and the catalogue pull.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::{Json, Router};
use omzien_core::wire::{Health, PullResponse};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use super::AppState;
use crate::catalogue::{self, PullError};
use crate::error::Error;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/sync/pull", get(pull))
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

async fn pull(
    State(state): State<AppState>,
    params: Result<Query<PullParams>, QueryRejection>,
) -> Result<Json<PullResponse>, Error> {
    let Query(params) = params.map_err(|rejection| {
        Error::BadRequest(format!(
            "{}. Expected `?cursor=N`, N a whole number from 0 (0 or absent: everything).",
            rejection.body_text()
        ))
    })?;
    let response = catalogue::pull(&state.pool, params.cursor)
        .await
        .map_err(|e| match e {
            PullError::Database(e) => Error::Database(e),
            PullError::Corrupt(e) => Error::Corrupt(e),
        })?;
    Ok(Json(response))
}
