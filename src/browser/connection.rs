//! Whether there is a network, and when it is worth looking again: the `online` and
//! `offline` events and the page becoming visible.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Whether the browser believes it has a network. `false` is reliable; `true` is a hint.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `changed(true)` when the browser comes online and `changed(false)` when it goes
/// offline. For the page's lifetime.
pub fn on_change(changed: impl Fn(bool) + Clone + 'static) {
    let to_online = changed.clone();
    let online = window_event_listener(leptos::ev::online, move |_| to_online(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| changed(false));
    // The app lives as long as the page: these listeners are never removed.
    std::mem::forget((online, offline));
}

/// Calls `shown` whenever the page becomes visible again. For the page's lifetime.
pub fn on_visible(shown: impl Fn() + 'static) {
    let document = document();
    let doc = document.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            shown();
        }
    });
    let _ = document
        .add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
    on_change.forget();
}
