//! What the forms with core's rules share: the broken rules found, the sentence next to
//! a field, `aria-invalid`, and `aria-describedby` that names only messages that exist
//! (a reference to a missing id is an accessibility error). Core names the rule a field
//! breaks; the words for it are here, in the chosen language (`locales/*/errors.json`).

use leptos::prelude::*;
use omzien_core::form::{Field, FieldError, Rule};

use crate::i18n::{td_string, use_i18n, Locale};

/// A broken rule in the chosen language. A rule this version has no words for (an
/// entry from before rules had codes, a newer server) shows core's Dutch sentence.
pub fn words(locale: Locale, error: &FieldError) -> String {
    use Field as F;
    use Rule as R;
    let text = match (error.field, error.rule) {
        (F::ActivityId, R::Missing) => td_string!(locale, errors.activity_missing),
        (F::FirstName, R::Missing) => td_string!(locale, errors.first_name.missing),
        (F::FirstName, R::TooLong) => td_string!(locale, errors.first_name.too_long),
        (F::FirstName, R::NotLetters) => td_string!(locale, errors.first_name.not_letters),
        (F::Contact, R::Missing) => td_string!(locale, errors.contact_missing),
        (F::Phone, R::Missing) => td_string!(locale, errors.phone.missing),
        (F::Phone, R::NotNeeded) => td_string!(locale, errors.phone.not_needed),
        (F::Phone | F::ReporterPhone, R::Invalid) => td_string!(locale, errors.phone.invalid),
        (F::Email, R::Missing) => td_string!(locale, errors.email.missing),
        (F::Email, R::NotNeeded) => td_string!(locale, errors.email.not_needed),
        (F::Email | F::ReporterEmail, R::Invalid) => td_string!(locale, errors.email.invalid),
        (F::PartySize, R::OutOfRange) => td_string!(locale, errors.party_size),
        (F::Note, R::TooLong) => td_string!(locale, errors.message_too_long),
        (F::Consent, R::Missing) => td_string!(locale, errors.consent_missing),
        (F::Wijk, R::Missing) => td_string!(locale, errors.wijk.missing),
        (F::Wijk, R::Unknown) => td_string!(locale, errors.wijk.unknown),
        (F::NoteBody, R::Missing) => td_string!(locale, errors.note_empty),
        (F::Signals, R::Twice) => td_string!(locale, errors.signals.twice),
        (F::Signals, R::Missing) => td_string!(locale, errors.signals.missing),
        (F::Story, R::Missing) => td_string!(locale, errors.story.missing),
        (F::Story, R::TooLong) => td_string!(locale, errors.story.too_long),
        (F::PersonHint, R::AboutSelf) => td_string!(locale, errors.person_hint.about_self),
        (F::PersonHint, R::TooLong) => td_string!(locale, errors.person_hint.too_long),
        (F::MayNameReporter, R::AboutSelf) => td_string!(locale, errors.may_name_about_self),
        (F::NoteConsent, R::Missing) => td_string!(locale, errors.note_consent_missing),
        (F::ReporterName, R::TooLong) => td_string!(locale, errors.reporter_name.too_long),
        (F::ReporterName, R::NotLetters) => td_string!(locale, errors.reporter_name.not_letters),
        (F::ReporterContact, R::Missing) => td_string!(locale, errors.reporter_contact.missing),
        (F::ReporterContact, R::NeededForContact) => {
            td_string!(locale, errors.reporter_contact.needed_for_contact)
        }
        (F::MayContactReporter, R::Missing) => td_string!(locale, errors.may_contact.missing),
        (F::MayContactReporter, R::ContactWithoutConsent) => {
            td_string!(locale, errors.may_contact.without_consent)
        }
        (F::Score, R::Impossible) => td_string!(locale, errors.score_impossible),
        _ => return error.message.clone(),
    };
    text.to_owned()
}

#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Vec<FieldError>>);

impl FormErrors {
    pub fn new() -> Self {
        FormErrors(RwSignal::new(Vec::new()))
    }

    fn has(self, field: Field) -> bool {
        self.0.with(|list| list.iter().any(|e| e.field == field))
    }

    /// The sentence for `field` in the chosen language.
    pub fn message(self, locale: Locale, field: Field) -> Option<String> {
        self.0.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| words(locale, e))
        })
    }

    /// The sentence for `field`, under the id its control names.
    pub fn line(self, field: Field, id: &'static str) -> impl IntoView {
        let i18n = use_i18n();
        move || {
            self.message(i18n.get_locale(), field)
                .map(|message| view! { <p id=id class="field-error">{message}</p> })
        }
    }

    pub fn invalid(self, fields: &'static [Field]) -> impl Fn() -> Option<&'static str> + Copy {
        move || fields.iter().any(|f| self.has(*f)).then_some("true")
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
            <div id=id tabindex="-1" role="alert" class="error-summary" class:shown=move || errors.with(|e| !e.is_empty())>
                {move || (!errors.with(Vec::is_empty)).then(|| view! {
                    <p><strong>{td_string!(i18n.get_locale(), errors.check_this)}</strong></p>
                    <ul>{errors.get().into_iter().map(|e| view! { <li>{words(i18n.get_locale(), &e)}</li> }).collect_view()}</ul>
                })}
            </div>
        }
    }
}
