//! The built PWA from `dist/`. Content-hashed files are cached for good; the page
//! shell, service worker and manifest are revalidated every time so updates arrive.
//! Brotli and gzip versions are made by the build, not compressed per request.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::state::AppState;

pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_owned();
    let accept_encoding = request.headers().get(header::ACCEPT_ENCODING).cloned();
    let files = ServeDir::new(&state.dist_dir)
        .precompressed_br()
        .precompressed_gzip();
    let mut response = match files.oneshot(request).await {
        Ok(r) if r.status() != StatusCode::NOT_FOUND || has_extension(&path) => r.into_response(),
        // An app route like /activiteiten/senver-wandelen: the app's page shell answers it.
        _ => {
            let index = ServeFile::new(state.dist_dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let mut shell_request = Request::new(Body::empty());
            if let Some(value) = accept_encoding {
                shell_request
                    .headers_mut()
                    .insert(header::ACCEPT_ENCODING, value);
            }
            match index.oneshot(shell_request).await {
                Ok(r) => r.into_response(),
                Err(never) => match never {},
            }
        }
    };
    if response.status().is_success() {
        let policy = cache_policy(&path);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// Hashed names look like `omzien-0123456789abcdef.wasm`: 16 hex digits before the
/// extension. Those never change, so browsers may keep them for a year.
fn cache_policy(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else if name.starts_with("icon") || path.starts_with("/icons/") {
        "public, max-age=86400"
    } else {
        "no-cache"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_immutable_and_the_shell_is_not() {
        assert_eq!(
            cache_policy("/omzien-0123456789abcdef.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/"), "no-cache");
        assert_eq!(cache_policy("/index.html"), "no-cache");
        assert_eq!(cache_policy("/sw.js"), "no-cache");
        assert_eq!(cache_policy("/activiteiten/senver-wandelen"), "no-cache");
        assert_eq!(cache_policy("/style-12345.css"), "no-cache");
    }
}
