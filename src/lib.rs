//! Omzien's PWA: the activity catalogue and wijk figures of Hilversum's programme
//! against loneliness, stored on the device so they work without a connection.

mod api;
mod app;
mod browser;
mod bundle;
mod components;
mod i18n;
mod lang;
mod pages;
mod state;
pub mod store;
pub mod sync;
mod words;

/// Mounts the residents' app; called by `main` once the wasm module is loaded.
pub fn start() {
    console_error_panic_hook::set_once();
    with_words(lang::at_start(), || leptos::mount::mount_to_body(app::App));
}

/// Mounts the staff app (sign-in, triage), a bundle of its own (see `app.rs`).
pub fn start_staff() {
    console_error_panic_hook::set_once();
    bundle::set_staff();
    with_words(lang::at_start(), || {
        leptos::mount::mount_to_body(app::StaffApp)
    });
}

/// Mounts at once in Dutch; in another language once its words are in (from the service
/// worker's cache, as a rule: a saved choice means an earlier visit), so the first page
/// is drawn in the chosen language. If they cannot be had, the app starts in Dutch.
fn with_words(language: i18n::Locale, mount: fn()) {
    if i18n::is_loaded(language) {
        replace_first_paint(mount);
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            i18n::load(language).await;
            replace_first_paint(mount);
        });
    }
}

/// index.html's static first paint (the frame and the home page in Dutch, drawn before
/// the wasm arrived) gives way to the app in the same task, so the page never has both.
fn replace_first_paint(mount: fn()) {
    if let Some(first) = leptos::prelude::document().get_element_by_id("first-paint") {
        first.remove();
    }
    browser::timing::measure("omzien-mount", mount);
}
