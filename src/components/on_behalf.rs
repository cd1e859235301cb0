//! "Namens een bewoner": an outreach worker signed in on this device may make a sign-up
//! or a note for a resident. One piece for both forms, so they offer it, clear it and
//! send it the same way.

use leptos::prelude::*;
use omzien_core::staff::Role;

use crate::state::session::SessionState;

#[derive(Clone, Copy)]
pub struct OnBehalf {
    /// Whether the choice is offered: an outreach worker's live session. Reactive, so a
    /// sign-in or sign-out in another tab shows or hides it at once.
    offered: Memo<bool>,
    ticked: RwSignal<bool>,
}

impl OnBehalf {
    pub fn new(session: SessionState) -> Self {
        let offered = Memo::new(move |_| {
            session
                .live()
                .is_some_and(|s| s.role == Role::OutreachWorker)
        });
        let ticked = RwSignal::new(false);
        // Signed out meanwhile: nothing typed after this may go "on behalf".
        Effect::new(move |_| {
            if !offered.get() && ticked.get_untracked() {
                ticked.set(false);
            }
        });
        OnBehalf { offered, ticked }
    }

    /// Whether what is filled in now is for a resident (tracked: for texts that change).
    pub fn chosen(self) -> bool {
        self.offered.get() && self.ticked.get()
    }

    /// The same, read once (when the form is sent).
    pub fn chosen_untracked(self) -> bool {
        self.offered.get_untracked() && self.ticked.get_untracked()
    }

    /// The checkbox, shown only while the choice is offered. `label`: fixed words, or a
    /// `Signal` that follows the chosen language.
    pub fn checkbox(self, id: &'static str, label: impl Into<Signal<String>>) -> impl IntoView {
        let label = label.into();
        move || {
            self.offered.get().then(|| {
                view! {
                    <div class="utrecht-form-field field field-check">
                        <input id=id type="checkbox"
                            prop:checked=move || self.ticked.get()
                            on:change=move |ev| self.ticked.set(event_target_checked(&ev)) />
                        <label for=id>{move || label.get()}</label>
                    </div>
                }
            })
        }
    }
}
