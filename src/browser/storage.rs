//! Storage persistence: whether the browser may clear this site's data when the disk
//! runs full. Waiting items in storage that may be evicted deserve a warning.

/// Whether the browser has promised to keep this site's data even when the disk runs
/// full. `None` where the browser cannot say.
pub async fn persisted() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let answer = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?).await;
    answer.ok()?.as_bool()
}

/// Asks the browser to keep this site's data. Chromium decides by itself (no prompt);
/// Firefox may ask the person, which is why this is only asked once something waits.
pub async fn ask_persist() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let answer = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?).await;
    answer.ok()?.as_bool()
}
