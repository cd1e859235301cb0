use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// "Er is een nieuwe versie": shown when the service worker has a new version waiting
/// (boot.js tells us with an `omzien-update-available` event). Never forced: the
/// person chooses when, so a half-filled form is not lost.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let available = RwSignal::new(false);
    let on_update = Closure::<dyn FnMut()>::new(move || available.set(true));
    let _ = document().add_event_listener_with_callback(
        "omzien-update-available",
        on_update.as_ref().unchecked_ref(),
    );
    on_update.forget();

    let apply = move |_| {
        if let Ok(event) = web_sys::CustomEvent::new("omzien-apply-update") {
            let _ = document().dispatch_event(&event);
        }
    };
    // The live region is always there and only its content changes: screen readers
    // do not reliably announce a region that appears with its text already in it.
    view! {
        <div class="update-notice" class:shown=move || available.get() role="status">
            <Show when=move || available.get()>
                <p>"Er is een nieuwe versie van Omzien."</p>
                <button type="button" on:click=apply>"Nu vernieuwen"</button>
            </Show>
        </div>
    }
}
