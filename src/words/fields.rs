//! The rules of core's forms, broken, in the chosen language (`locales/*/errors.json`).

use omzien_core::form::{Field, FieldError, Rule};

use crate::i18n::{td_string, Locale};

/// A broken rule in the chosen language, about the resident when a worker fills the form
/// in for her (`behalf`); rules that read the same either way use the ordinary words.
pub fn broken_rule_for(locale: Locale, error: &FieldError, behalf: bool) -> String {
    use Field as F;
    use Rule as R;
    if !behalf {
        return broken_rule(locale, error);
    }
    let text = match (error.field, error.rule) {
        (F::FirstName, R::Missing) => td_string!(locale, errors.behalf.first_name_missing),
        (F::FirstName, R::TooLong) => td_string!(locale, errors.behalf.first_name_too_long),
        (F::FirstName, R::NotLetters) => td_string!(locale, errors.behalf.first_name_not_letters),
        (F::Contact, R::Missing) => td_string!(locale, errors.behalf.contact_missing),
        (F::Phone, R::Missing) => td_string!(locale, errors.behalf.phone_missing),
        (F::Email, R::Missing) => td_string!(locale, errors.behalf.email_missing),
        (F::PartySize, R::OutOfRange) => td_string!(locale, errors.behalf.party_size),
        (F::Note, R::TooLong) => td_string!(locale, errors.behalf.message_too_long),
        (F::Consent, R::Missing) => td_string!(locale, errors.behalf.consent_missing),
        (F::Signals, R::Missing) => td_string!(locale, errors.behalf.signals_missing),
        (F::Story, R::Missing) => td_string!(locale, errors.behalf.story_missing),
        (F::Story, R::TooLong) => td_string!(locale, errors.behalf.story_too_long),
        (F::PersonHint, R::AboutSelf) => td_string!(locale, errors.behalf.person_hint_about_self),
        (F::MayNameReporter, R::AboutSelf) => td_string!(locale, errors.behalf.may_name_about_self),
        (F::NoteConsent, R::Missing) => td_string!(locale, errors.behalf.note_consent_missing),
        (F::ReporterName, R::TooLong) => td_string!(locale, errors.behalf.reporter_name_too_long),
        (F::ReporterName, R::NotLetters) => {
            td_string!(locale, errors.behalf.reporter_name_not_letters)
        }
        (F::ReporterContact, R::Missing) => {
            td_string!(locale, errors.behalf.reporter_contact_missing)
        }
        (F::ReporterContact, R::NeededForContact) => {
            td_string!(locale, errors.behalf.reporter_contact_needed)
        }
        (F::MayContactReporter, R::Missing) => {
            td_string!(locale, errors.behalf.may_contact_missing)
        }
        (F::MayContactReporter, R::ContactWithoutConsent) => {
            td_string!(locale, errors.behalf.may_contact_without_consent)
        }
        _ => return broken_rule(locale, error),
    };
    text.to_owned()
}

/// A broken rule in the chosen language. A rule this version has no words for (an
/// entry from before rules had codes, a newer server) shows core's Dutch sentence.
pub fn broken_rule(locale: Locale, error: &FieldError) -> String {
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
