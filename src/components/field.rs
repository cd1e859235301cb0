//! One question of a form with core's rules: the label, an optional hint, the sentence
//! for the rule the answer breaks, and the control with its `aria-invalid` and
//! `aria-describedby`. Ids follow one pattern, so a page names only the control's:
//! `su-naam` has its sentence under `su-naam-fout` and its hint under `su-naam-uitleg`.
//!
//! `Field` takes the control (an input, a textarea, a select) as children, which get
//! the `Control` to wire up with `let:control`:
//!
//! ```ignore
//! <Field id="su-naam" errors=errors rule=SignUpField::FirstName label=move || t_string!(i18n, signup.first_name) let:control>
//!     <input id=control.id type="text" aria-invalid=control.invalid() aria-describedby=control.described()
//!         prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
//! </Field>
//! ```
//!
//! `Check` is a checkbox with its label after it, the sentence standing above both.

use leptos::prelude::*;
use omzien_core::form::Field as Rule;

use super::form_errors::FormErrors;

/// What a control carries to say whether its answer breaks a rule and where the words
/// about it are.
#[derive(Clone, Copy)]
pub struct Control {
    pub id: &'static str,
    errors: FormErrors,
    rule: Option<Rule>,
    /// Words elsewhere on the page that always describe this control: a hint shared by
    /// several.
    described_by: Option<&'static str>,
    /// Whether the control has a hint of its own, under `{id}-uitleg`.
    hint: bool,
    /// A rule several controls share, whose sentence stands before them (the contact
    /// rule for phone and e-mail), and the id of that sentence.
    shared: Option<(Rule, &'static str)>,
}

impl Control {
    /// `"true"` while the answer breaks this control's rule or the shared one.
    pub fn invalid(self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync {
        move || {
            let own = self.rule.is_some_and(|rule| self.errors.has(rule));
            let shared = self.shared.is_some_and(|(rule, _)| self.errors.has(rule));
            (own || shared).then_some("true")
        }
    }

    /// The ids of the words about this control that are on the page now: the hints,
    /// the shared rule's sentence, its own sentence. A reference to a missing id is an
    /// accessibility error, so a sentence is named only while it is shown.
    pub fn described(self) -> impl Fn() -> Option<String> + Copy + Send + Sync {
        move || {
            let mut ids: Vec<String> = self.described_by.map(str::to_owned).into_iter().collect();
            if self.hint {
                ids.push(hint_id(self.id));
            }
            if let Some((_, id)) = self.shared.filter(|(rule, _)| self.errors.has(*rule)) {
                ids.push(id.to_owned());
            }
            if self.rule.is_some_and(|rule| self.errors.has(rule)) {
                ids.push(error_id(self.id));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// Where the sentence for a control's broken rule stands.
fn error_id(id: &str) -> String {
    format!("{id}-fout")
}

/// Where a control's own hint stands.
fn hint_id(id: &str) -> String {
    format!("{id}-uitleg")
}

/// A question with a label above its control: an input, a textarea or a select.
#[component]
pub fn Field<C, V>(
    /// The control's id.
    id: &'static str,
    errors: FormErrors,
    /// The rule whose sentence stands under the label.
    rule: Rule,
    #[prop(into)] label: ViewFn,
    /// A hint under the label, which always describes the control.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    /// Words elsewhere that always describe the control too.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// A rule shared with other controls, and where its sentence stands.
    #[prop(optional)]
    shared: Option<(Rule, &'static str)>,
    children: C,
) -> impl IntoView
where
    C: FnOnce(Control) -> V,
    V: IntoView + 'static,
{
    let control = Control {
        id,
        errors,
        rule: Some(rule),
        described_by,
        hint: hint.is_some(),
        shared,
    };
    view! {
        <div class="utrecht-form-field field">
            <label for=id>{move || label.run()}</label>
            {hint.map(|hint| view! { <p class="utrecht-form-field-description hint" id=hint_id(id)>{move || hint.run()}</p> })}
            {errors.line(rule, error_id(id))}
            {children(control)}
        </div>
    }
}

/// A checkbox with its label after it; the sentence for its rule, if it has one, stands
/// above both.
#[component]
pub fn Check(
    id: &'static str,
    checked: RwSignal<bool>,
    #[prop(into)] label: ViewFn,
    errors: FormErrors,
    /// The rule whose sentence stands above the checkbox.
    #[prop(optional)]
    rule: Option<Rule>,
    /// Words elsewhere that always describe the checkbox.
    #[prop(optional)]
    described_by: Option<&'static str>,
) -> impl IntoView {
    let control = Control {
        id,
        errors,
        rule,
        described_by,
        hint: false,
        shared: None,
    };
    view! {
        {rule.map(|rule| errors.line(rule, error_id(id)))}
        <div class="utrecht-form-field field field-check">
            <input id=id type="checkbox"
                aria-invalid=control.invalid()
                aria-describedby=control.described()
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev)) />
            <label for=id>{move || label.run()}</label>
        </div>
    }
}
