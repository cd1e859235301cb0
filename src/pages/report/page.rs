//! `/melden`: one task per screen. First the choice between the two forms, then the
//! form, then the receipt. What was typed and the receipt live in this page's memory
//! only: leaving the page forgets them.

use leptos::prelude::*;
use omzien_core::note::NoteKind;

use super::choice::Choose;
use super::form::NoteForm;
use super::receipt::{Receipt, Saved};
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, use_i18n};

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Choose,
    Fill(NoteKind),
    Saved(Receipt),
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, report.title)));
    let step = RwSignal::new(Step::Choose);
    // Each screen's heading takes keyboard focus, so a screen reader reads the new task.
    let go = move |next: Step| {
        step.set(next);
        focus_by_id("mp-kop");
    };
    move || {
        match step.get() {
        Step::Choose => view! { <Choose choose=move |kind| go(Step::Fill(kind)) /> }.into_any(),
        Step::Fill(kind) => view! {
            <NoteForm kind=kind saved=move |receipt| go(Step::Saved(receipt)) back=move || go(Step::Choose) />
        }
        .into_any(),
        Step::Saved(receipt) => {
            view! { <Saved receipt=receipt done=move || go(Step::Choose) /> }.into_any()
        }
    }
    }
}
