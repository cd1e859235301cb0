//! `/api/v1`: every resource's router merged in this one place, with what all API
//! answers share (JSON 404s and 405s, compression, no caching).

use axum::http::{header, HeaderValue, Method};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use super::error::Error;
use super::state::AppState;
use super::{accounts, audit, auth, editing, health, keys, monitoring, my_items, sync, triage};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(sync::router())
        .merge(auth::router())
        .merge(triage::router())
        .merge(keys::router())
        .merge(audit::router())
        .merge(editing::router())
        .merge(my_items::router())
        .merge(accounts::router())
        .merge(monitoring::router())
        .fallback(|| async { Error::NotFound })
        // After every route is merged: it is set on the routes there are now. axum still
        // adds the `Allow` header.
        .method_not_allowed_fallback(|method: Method| async move {
            Error::MethodNotAllowed(method.to_string())
        })
        .layer(CompressionLayer::new())
        // Answers are live data: caches in between must not keep them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
