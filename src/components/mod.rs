pub mod bar_chart;
pub mod cycle_diagram;
pub mod field;
pub mod form_errors;
pub mod icon;
pub mod kiosk;
pub mod layout;
pub mod net_status;
pub mod on_behalf;
pub mod outbox_status;
pub mod read_aloud;
pub mod sign_up_form;
pub mod staff_only;
pub mod take_away;
pub mod update_notice;

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// Sets the document title, "<page> — Omzien", as pages must have a title of their own.
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} — Omzien"));
}

/// Moves keyboard focus to the element with this id after the next render: to a
/// receipt, an error summary or an outcome, so screen readers read it and the next Tab
/// goes on from there.
pub fn focus_by_id(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    });
}

/// Moves keyboard focus to the `n`-th (from 0) element matching `selector` after the
/// next render: to the first of the results that "show more" added.
pub fn focus_nth(selector: &str, n: usize) {
    let selector = selector.to_owned();
    request_animation_frame(move || {
        let found = document()
            .query_selector_all(&selector)
            .ok()
            .and_then(|all| all.item(n as u32));
        if let Some(element) =
            found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = element.focus();
        }
    });
}

/// Shown while IndexedDB has not answered yet (a few milliseconds, usually).
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading">{move || t_string!(i18n, common.loading)}</p> }
}
