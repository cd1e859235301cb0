use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::error::StoreError;

/// Records go in and out of IndexedDB as plain objects through JSON text: the app
/// already carries serde_json for the network, and a second (de)serialiser just for
/// IndexedDB cost more download than the parse costs time.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value)?;
    js_sys::JSON::parse(&text).map_err(StoreError::js)
}

pub fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let text: String = js_sys::JSON::stringify(value)
        .map_err(StoreError::js)?
        .into();
    Ok(serde_json::from_str(&text)?)
}
