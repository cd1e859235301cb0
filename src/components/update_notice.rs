use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n};
use crate::state::AppData;

/// "Er is een nieuwe versie": shown when the service worker has a new version waiting
/// (boot.js tells us with an `omzien-update-available` event). Never forced: the
/// person chooses when, so a half-filled form is not lost.
///
/// On a kiosk nobody is asked: a visitor is not the one to decide, and the next visit
/// starts on the new version (`AppData::end_kiosk_visit`).
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let data = expect_context::<AppData>();
    let i18n = use_i18n();
    let available = data.update_waiting;
    let on_update = Closure::<dyn FnMut()>::new(move || available.set(true));
    let _ = document().add_event_listener_with_callback(
        "omzien-update-available",
        on_update.as_ref().unchecked_ref(),
    );
    on_update.forget();

    let apply = move |_| apply_update();
    let shown = move || available.get() && data.kiosk.is_none();
    // The live region is always there and only its content changes: screen readers
    // do not reliably announce a region that appears with its text already in it.
    view! {
        <div class="update-notice" class:shown=shown role="status">
            <Show when=shown>
                <p>{move || t_string!(i18n, common.update.available)}</p>
                <button type="button" on:click=apply>{move || t_string!(i18n, common.update.apply)}</button>
            </Show>
        </div>
    }
}

/// Asks boot.js to switch to the waiting version; it reloads the page once it has.
pub fn apply_update() {
    if let Ok(event) = web_sys::CustomEvent::new("omzien-apply-update") {
        let _ = document().dispatch_event(&event);
    }
}
