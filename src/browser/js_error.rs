//! JavaScript errors in words for our logs. `{:?}` is no help: the shipped build prints
//! no `Debug` output at all (scripts/cargo-wasm).

use wasm_bindgen::{JsCast, JsValue};

/// `"NotAllowedError: …"` for an Error or DOMException, the text of a string, else JSON.
pub fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        );
    }
    value
        .as_string()
        .or_else(|| js_sys::JSON::stringify(value).ok().map(String::from))
        .unwrap_or_else(|| "unknown error".to_owned())
}
