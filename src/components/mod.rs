pub mod bar_chart;
pub mod layout;
pub mod net_status;
pub mod outbox_status;
pub mod sign_up_form;
pub mod update_notice;

use leptos::prelude::*;

/// Sets the document title, "<page> — Omzien", as pages must have a title of their own.
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} — Omzien"));
}

/// Shown while IndexedDB has not answered yet (a few milliseconds, usually).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading">"Even geduld, de gegevens worden geladen…"</p> }
}
