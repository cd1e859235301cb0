//! Omzien's PWA: the activity catalogue and wijk figures of Hilversum's programme
//! against loneliness, stored on the device so they work without a connection.

mod api;
mod app;
mod browser;
mod bundle;
mod components;
mod lang;
mod pages;
mod state;
pub mod store;
pub mod sync;
mod words;

// The generated `i18n` module: the `Locale` enum, `use_i18n` and the `t!` macros, from
// `locales/` (see `Cargo.toml`'s `[package.metadata.leptos-i18n]` and `src/lang.rs`).
// leptos_i18n 0.6 prefers generating this from a build script, but its build crate
// brings about 120 more crates (ICU data export, rustls, a wasm interpreter) for locale
// data we do not use; the macro makes the same module (docs/languages.md).
#[allow(deprecated)]
mod i18n_module {
    leptos_i18n::load_locales!();
}
pub(crate) use i18n_module::i18n;

/// Mounts the residents' app; called by `main` once the wasm module is loaded.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Mounts the staff app (sign-in, triage), a bundle of its own (see `app.rs`).
pub fn start_staff() {
    console_error_panic_hook::set_once();
    bundle::set_staff();
    leptos::mount::mount_to_body(app::StaffApp);
}
