//! Omzien's PWA: the activity catalogue and wijk figures of Hilversum's programme
//! against loneliness, stored on the device so they work without a connection.

mod app;
mod components;
mod js_error;
mod pages;
mod state;
pub mod store;
pub mod sync;

/// Mounts the residents' app; called by `main` once the wasm module is loaded.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Mounts the staff app (sign-in, triage), a bundle of its own (see `app.rs`).
pub fn start_staff() {
    console_error_panic_hook::set_once();
    app::STAFF.store(true, std::sync::atomic::Ordering::Relaxed);
    leptos::mount::mount_to_body(app::StaffApp);
}
