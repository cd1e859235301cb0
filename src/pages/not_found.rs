use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::set_title;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, common.not_found.title)));
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, common.not_found.heading)}</h1>
        <p>{move || t_string!(i18n, common.not_found.text)}</p>
        <p><A href="/">{move || t_string!(i18n, common.not_found.home)}</A></p>
    }
}

/// The fallback of both apps (see `app.rs`): a path that belongs to the other app is
/// loaded afresh, so that `boot.js` starts the app it belongs to; only a path neither
/// has is "not found".
#[component]
pub fn ElsewhereOrNotFound() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    let staff_app = crate::bundle::is_staff();
    if crate::bundle::is_staff_path(&path) != staff_app {
        // The router puts the new address in the history only after this renders: load
        // it as a page once it is there.
        set_timeout(
            || {
                let _ = window().location().reload();
            },
            std::time::Duration::ZERO,
        );
        return view! { <crate::components::Loading /> }.into_any();
    }
    view! { <NotFound /> }.into_any()
}
