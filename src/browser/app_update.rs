//! A new version of the app, from the service worker (`public/boot.js` registers it and
//! speaks to the page through two events on `document`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `waiting` when a new version is installed and waits for its turn. For the
/// page's lifetime.
pub fn on_waiting(waiting: impl Fn() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = Closure::<dyn FnMut()>::new(waiting);
    let _ = document.add_event_listener_with_callback(
        "omzien-update-available",
        listener.as_ref().unchecked_ref(),
    );
    listener.forget();
}

/// Asks boot.js to switch to the waiting version; it reloads the page once it has.
pub fn apply() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(event) = web_sys::CustomEvent::new("omzien-apply-update") {
        let _ = document.dispatch_event(&event);
    }
}
