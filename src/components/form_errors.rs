//! What the forms with core's rules share: the broken rules found, the sentence next to
//! a field, `aria-invalid`, and `aria-describedby` that names only messages that exist
//! (a reference to a missing id is an accessibility error). Core names the rule a field
//! breaks; `crate::words::fields` says it in the chosen language.

use leptos::prelude::*;
use omzien_core::form::{Field, FieldError};

use crate::i18n::{td_string, use_i18n, Locale};
use crate::words;

/// The broken rules found, and whether the form is filled in by a worker for a resident
/// (the sentences then speak about the resident).
#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Vec<FieldError>>, Signal<bool>);

impl FormErrors {
    pub fn new() -> Self {
        FormErrors(RwSignal::new(Vec::new()), Signal::stored(false))
    }

    /// The same, with sentences about the resident while `behalf` says so.
    pub fn about_resident(behalf: impl Fn() -> bool + Send + Sync + 'static) -> Self {
        FormErrors(RwSignal::new(Vec::new()), Signal::derive(behalf))
    }

    fn say(self, locale: Locale, error: &FieldError) -> String {
        words::fields::broken_rule_for(locale, error, self.1.get())
    }

    /// Whether the answer for `field` breaks a rule.
    pub fn has(self, field: Field) -> bool {
        self.0.with(|list| list.iter().any(|e| e.field == field))
    }

    /// The sentence for `field` in the chosen language.
    pub fn message(self, locale: Locale, field: Field) -> Option<String> {
        self.0.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| self.say(locale, e))
        })
    }

    /// The sentence for `field`, under the id its control names.
    pub fn line(self, field: Field, id: impl Into<String>) -> impl IntoView {
        let i18n = use_i18n();
        let id = id.into();
        move || {
            self.message(i18n.get_locale(), field)
                .map(|message| view! { <p id=id.clone() class="utrecht-form-field-error-message field-error">{message}</p> })
        }
    }

    /// `aria-describedby` for a group of controls (a fieldset): `always`, and the
    /// sentences of the broken rules among `parts`. A single control has its own in
    /// `crate::components::field`.
    pub fn described(
        self,
        always: Option<&'static str>,
        parts: &'static [(Field, &'static str)],
    ) -> impl Fn() -> Option<String> + Copy {
        move || {
            let ids: Vec<&str> = always
                .into_iter()
                .chain(
                    parts
                        .iter()
                        .filter(|(f, _)| self.has(*f))
                        .map(|(_, id)| *id),
                )
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The summary at the top: every broken rule at once.
    pub fn summary(self, id: &'static str) -> impl IntoView {
        let errors = self.0;
        let i18n = use_i18n();
        view! {
            <div id=id tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || errors.with(|e| !e.is_empty())>
                {move || (!errors.with(Vec::is_empty)).then(|| view! {
                    <p><strong>{td_string!(i18n.get_locale(), errors.check_this)}</strong></p>
                    <ul>{errors.get().into_iter().map(|e| view! { <li>{self.say(i18n.get_locale(), &e)}</li> }).collect_view()}</ul>
                })}
            </div>
        }
    }
}
