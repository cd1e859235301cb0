use leptos::prelude::*;

use crate::browser::app_update;
use crate::i18n::{t_string, use_i18n};
use crate::state::contexts::use_device;

/// "Er is een nieuwe versie": shown when the service worker has a new version waiting
/// (boot.js tells us with an `omzien-update-available` event). Never forced: the
/// person chooses when, so a half-filled form is not lost.
///
/// On a kiosk nobody is asked: a visitor is not the one to decide, and the next visit
/// starts on the new version (`Device::end_kiosk_visit`).
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let device = use_device();
    let i18n = use_i18n();
    let available = device.update_waiting;
    app_update::on_waiting(move || available.set(true));
    let apply = move |_| app_update::apply();
    let shown = move || available.get() && device.kiosk.is_none();
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
