//! What the forms with core's rules share: the broken rules found, the sentence next to
//! a field, `aria-invalid`, and `aria-describedby` that names only messages that exist
//! (a reference to a missing id is an accessibility error).

use leptos::prelude::*;
use omzien_core::form::{Field, FieldError};

#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Vec<FieldError>>);

impl FormErrors {
    pub fn new() -> Self {
        FormErrors(RwSignal::new(Vec::new()))
    }

    pub fn message(self, field: Field) -> Option<String> {
        self.0.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    /// The sentence for `field`, under the id its control names.
    pub fn line(self, field: Field, id: &'static str) -> impl IntoView {
        move || {
            self.message(field)
                .map(|message| view! { <p id=id class="field-error">{message}</p> })
        }
    }

    pub fn invalid(self, fields: &'static [Field]) -> impl Fn() -> Option<&'static str> + Copy {
        move || {
            fields
                .iter()
                .any(|f| self.message(*f).is_some())
                .then_some("true")
        }
    }

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
                        .filter(|(f, _)| self.message(*f).is_some())
                        .map(|(_, id)| *id),
                )
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The summary at the top: every broken rule at once.
    pub fn summary(self, id: &'static str) -> impl IntoView {
        let errors = self.0;
        view! {
            <div id=id tabindex="-1" role="alert" class="error-summary" class:shown=move || errors.with(|e| !e.is_empty())>
                {move || (!errors.with(Vec::is_empty)).then(|| view! {
                    <p><strong>"Controleer dit nog:"</strong></p>
                    <ul>{errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
                })}
            </div>
        }
    }
}
