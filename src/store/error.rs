use wasm_bindgen::JsValue;

use crate::browser::js_error;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("IndexedDB: {0}")]
    IndexedDb(#[from] rexie::Error),
    #[error("a stored record does not match this version of the app: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("this browser offers no IndexedDB")]
    Unavailable,
    #[error("IndexedDB: {0}")]
    Js(String),
    #[error("IndexedDB did not open: another tab keeps an older version open")]
    Blocked,
}

impl StoreError {
    pub(crate) fn js(value: JsValue) -> Self {
        StoreError::Js(js_error::describe(&value))
    }
}
