//! The HTTP surface: `/api/v1` and the built PWA, behind the security headers.
//!
//! One module per resource, each with its own `router()`, merged in `api.rs`. Handlers
//! extract (`extract.rs`, and the session extractors in `auth.rs`), call a service
//! module outside `http/` and answer; SQL lives in the services, which know nothing
//! of HTTP.

mod accounts;
mod api;
mod assets;
mod audit;
mod auth;
mod editing;
mod error;
mod extract;
mod health;
mod keys;
mod light_page;
mod monitoring;
mod my_items;
mod open_data;
mod state;
mod survey_page;
mod sync;
mod triage;

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use state::AppState;

/// The JSON 408 for a request over its time (`serve.rs`).
pub(crate) fn timed_out() -> axum::response::Response {
    axum::response::IntoResponse::into_response(error::Error::TimedOut)
}

/// No inline script or style anywhere; wasm needs 'wasm-unsafe-eval' to compile.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn app(state: AppState) -> Router {
    let headers = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    let faults = state.faults.clone();
    let mut router = Router::new()
        .nest("/api/v1", api::router())
        .merge(light_page::router())
        .merge(open_data::router())
        .merge(survey_page::router())
        .fallback(assets::serve)
        .with_state(state);
    router = crate::faults::close_connections_while_armed(router, faults);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}
