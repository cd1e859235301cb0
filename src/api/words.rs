//! A language's words (`src/i18n.rs`): a static file of the build, not the API.
//! `public/boot.js` names each language's file (content-hashed, so a new build never
//! mixes with an old one); the service worker precaches them all for offline use.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::ApiError;
use crate::browser::js_error;

/// The words of `language` (`en`, `ar`, …) as the build wrote them: its fingerprint,
/// then every text in build.rs's order.
pub async fn fetch(language: &str) -> Result<Vec<String>, ApiError> {
    let unreachable = |e: JsValue| ApiError::Unreachable(js_error::describe(&e));
    let window = web_sys::window().ok_or_else(|| ApiError::Unreachable("no window".into()))?;
    let files =
        js_sys::Reflect::get(&window, &JsValue::from_str("OMZIEN_WORDS")).map_err(unreachable)?;
    let url = js_sys::Reflect::get(&files, &JsValue::from_str(language))
        .ok()
        .and_then(|url| url.as_string())
        .ok_or_else(|| ApiError::BadAnswer(format!("no words file for {language}")))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(unreachable)?
        .dyn_into()
        .map_err(unreachable)?;
    if !response.ok() {
        return Err(ApiError::Server {
            status: response.status(),
            message: response.status_text(),
        });
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| ApiError::BadAnswer(e.to_string()))
}
