//! The first screen of `/melden`: which of the two forms, and below it the notes made
//! on this device and where each stands (routing fields only; the body is gone once the
//! meldpunt has it).

use leptos::prelude::*;
use omzien_core::note::NoteKind;

use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::wijk_name_by_id;
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_outbox;
use crate::words;

/// The two forms as tiles; `choose` opens one.
#[component]
pub fn Choose(choose: impl Fn(NoteKind) + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 id="mp-kop" tabindex="-1">{move || t_string!(i18n, report.title)}</h1>
        <p class="lead">{move || t_string!(i18n, report.lead)}</p>
        <p class="utrecht-alert utrecht-alert--info notice"><strong>{move || t_string!(i18n, report.emergency)}</strong></p>
        <ul class="tiles">
            {NoteKind::ALL.into_iter().map(|kind| {
                let text = move || match kind {
                    NoteKind::Worried => t_string!(i18n, report.kind_text.worried),
                    NoteKind::WantsContact => t_string!(i18n, report.kind_text.wants_contact),
                };
                view! {
                    <li>
                        <button type="button" class="tile tile-button" on:click=move |_| choose(kind)>
                            <span class="tile-title">{move || words::note::kind(i18n.get_locale(), kind)}</span>
                            <span class="tile-text">{text}</span>
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <MyNotes />
    }
}

/// The notes made on this device: kind, wijk and where each stands, in words.
#[component]
fn MyNotes() -> impl IntoView {
    let catalogue = use_catalogue();
    let outbox = use_outbox();
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        let notes = outbox.notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <section aria-labelledby="mp-mijn-kop">
                    <h2 id="mp-mijn-kop">{t_string!(i18n, report.mine.heading)}</h2>
                    <ul class="my-sign-ups" data-testid="my-notes">
                        {notes.into_iter().rev().map(|n| view! {
                            <li class="my-sign-up">
                                <p>{words::fill(td_string!(locale, report.mine.line), &[("kind", words::note::kind(locale, n.kind)), ("wijk", &wijk_name_by_id(catalogue, &n.wijk))])}</p>
                                <p class="sign-up-status"><strong>{words::note::status_on_device(locale, &n.status)}</strong></p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
