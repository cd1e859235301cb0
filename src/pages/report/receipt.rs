//! The last screen of `/melden`: the note is kept on the device, and what happens now.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::note::NoteKind;

use crate::i18n::{t_string, use_i18n};

/// What the receipt says about the note just kept.
#[derive(Clone, Copy, PartialEq)]
pub struct Receipt {
    pub kind: NoteKind,
    /// There was no connection when it was kept.
    pub offline: bool,
    /// The meldpunt may contact the one who made it.
    pub may_contact: bool,
}

/// The receipt; `done` goes back to the choice.
#[component]
pub fn Saved(receipt: Receipt, done: impl Fn() + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let Receipt {
        kind,
        offline,
        may_contact,
    } = receipt;
    let next = move || match (kind, may_contact) {
        (NoteKind::WantsContact, _) => t_string!(i18n, report.saved.next_contact),
        (NoteKind::Worried, true) => t_string!(i18n, report.saved.next_questions),
        (NoteKind::Worried, false) => t_string!(i18n, report.saved.next_anonymous),
    };
    view! {
        <h1 id="mp-kop" tabindex="-1">{move || t_string!(i18n, report.saved.heading)}</h1>
        <div role="status" class="receipt" data-testid="note-receipt">
            <p><strong>{move || t_string!(i18n, report.saved.thanks)}</strong></p>
            <p>{move || if offline {
                t_string!(i18n, report.saved.offline)
            } else {
                t_string!(i18n, report.saved.online)
            }}</p>
        </div>
        <h2>{move || t_string!(i18n, report.saved.what_now)}</h2>
        <p>{next}</p>
        <p>{move || t_string!(i18n, report.saved.choose_done)}</p>
        <p class="utrecht-alert utrecht-alert--info notice"><strong>{move || t_string!(i18n, report.emergency)}</strong></p>
        <p><button type="button" class="secondary" on:click=move |_| done()>{move || t_string!(i18n, report.saved.done)}</button></p>
        <p class="next-links"><A href="/">{move || t_string!(i18n, report.saved.home)}</A></p>
    }
}
