//! The built PWA from `dist/`. Content-hashed files are cached for good; the page
//! shell, service worker and manifest are revalidated every time so updates arrive.
//! Brotli and gzip versions are made by the build, not compressed per request.
//!
//! A path no file of ours could have (a name over 255 bytes, a NUL, a control
//! character, bytes that are not UTF-8) is refused with a 404 before the file system
//! sees it, and logged; so is anything the file system still fails on. Under `/api/`
//! nothing is a file: an unknown API path gets the API's JSON 404.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::error::Error;
use super::state::AppState;

/// The longest name of one path segment most file systems allow (ext4, APFS, NTFS).
const MAX_SEGMENT_BYTES: usize = 255;
/// Far longer than any path of the app's; well below the file system's own limit.
const MAX_PATH_BYTES: usize = 1024;

pub async fn serve(State(state): State<AppState>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return Error::NotFound.into_response();
    }
    if let Some(reason) = refusal(&path) {
        tracing::warn!(path = %shortened(&path), reason, "refused a file path");
        return StatusCode::NOT_FOUND.into_response();
    }
    let accept_encoding = request.headers().get(header::ACCEPT_ENCODING).cloned();
    let files = ServeDir::new(&state.dist_dir)
        .precompressed_br()
        .precompressed_gzip();
    let mut response = match files.oneshot(request).await {
        // Whatever the file system still refuses (`ServeDir` makes it a 500): the file is
        // not there for this client either way.
        Ok(r) if r.status().is_server_error() => {
            tracing::warn!(path = %shortened(&path), status = %r.status(), "file path failed");
            return StatusCode::NOT_FOUND.into_response();
        }
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

/// Why no file could be at `path` (the URL's path, still percent-encoded), if so.
fn refusal(path: &str) -> Option<&'static str> {
    if path.len() > MAX_PATH_BYTES {
        return Some("path too long");
    }
    let decoded = percent_decoded(path.as_bytes());
    if decoded
        .split(|&b| b == b'/')
        .any(|s| s.len() > MAX_SEGMENT_BYTES)
    {
        return Some("name too long");
    }
    let Ok(text) = std::str::from_utf8(&decoded) else {
        return Some("not UTF-8");
    };
    if text.chars().any(char::is_control) {
        return Some("control character");
    }
    if text.contains('\\') {
        return Some("backslash");
    }
    None
}

/// `%XX` to the byte it stands for; anything else as it is.
fn percent_decoded(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// A path for the log: the start of it, so that a long one cannot flood the log.
fn shortened(path: &str) -> String {
    let mut short: String = path.chars().take(120).collect();
    if short.len() < path.len() {
        short.push('…');
    }
    short
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

    #[test]
    fn paths_no_file_could_have_are_refused() {
        let long = format!("/{}", "a".repeat(256));
        assert_eq!(refusal(&long), Some("name too long"));
        assert_eq!(refusal(&format!("/{}", "a".repeat(255))), None);
        // Three bytes for each `%61`, one byte decoded: 255 segment bytes pass.
        assert_eq!(refusal(&format!("/{}", "%61".repeat(255))), None);
        assert_eq!(
            refusal(&format!("/{}", "%61".repeat(256))),
            Some("name too long")
        );
        assert_eq!(
            refusal(&format!("/{}", "a/".repeat(600))),
            Some("path too long")
        );
        assert_eq!(refusal("/index.html%00.js"), Some("control character"));
        assert_eq!(refusal("/%ff"), Some("not UTF-8"));
        assert_eq!(refusal("/a%5Cb"), Some("backslash"));
        assert_eq!(refusal("/activiteiten/senver-wandelen"), None);
        assert_eq!(refusal("/caf%C3%A9"), None);
        assert_eq!(refusal("/100%"), None);
        assert_eq!(refusal("/%4"), None);
    }
}
