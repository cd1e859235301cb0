//! What the forms share: the names of their fields on the wire, a broken rule with its
//! Dutch sentence, and the checks for phone numbers and e-mail addresses.
//!
//! One field enum for every form (sign-up, concern note) so a refused push carries the
//! same `{"field": …, "message": …}` list whatever it was, and the app's wasm has one
//! copy of this code instead of one per form.

use serde::{Deserialize, Serialize};

pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // Sign-ups (`signup.rs`).
    ActivityId,
    FirstName,
    Contact,
    Phone,
    Email,
    PartySize,
    Note,
    Consent,
    // Concern notes (`note.rs`).
    Kind,
    About,
    Wijk,
    Signals,
    Story,
    PersonHint,
    ReporterName,
    ReporterPhone,
    ReporterEmail,
    ReporterContact,
    MayContactReporter,
    MayNameReporter,
    NoteConsent,
    NoteBody,
    // A shared self-test result (`selftest.rs`).
    Score,
    // An activity edit (`edit.rs`); `Phone`, `Email` and `Wijk` as above.
    ActivityName,
    Summary,
    Description,
    Website,
    Capacity,
    Session,
    Organisation,
    // A new organisation (`new_organisation.rs`): one of phone, e-mail or website.
    OrganisationContact,
}

/// Which rule a field breaks, as a code the app turns into words in the chosen
/// language (with `field`). On the wire in snake_case, next to the Dutch `message`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Must be filled in, chosen or ticked.
    Missing,
    TooLong,
    /// Only letters (no digits or control characters).
    NotLetters,
    /// Not a phone number or e-mail address that can be right.
    Invalid,
    /// Not asked for here (a phone number an activity does not need).
    NotNeeded,
    /// The same choice more than once.
    Twice,
    /// The note is about the person themselves: this field does not apply.
    AboutSelf,
    /// The meldpunt may call or mail, but there is nothing to call or mail.
    NeededForContact,
    /// Contact details without the tick that the meldpunt may use them.
    ContactWithoutConsent,
    OutOfRange,
    /// Not in the catalogue (a wijk).
    Unknown,
    /// A result the test cannot give.
    Impossible,
    /// Written before rules had codes, or a code this version does not know: show
    /// `message`.
    #[default]
    #[serde(other)]
    Other,
}

/// A rule a field breaks, with the sentence to show next to it (Dutch, B1). The app
/// shows `field` and `rule` in the chosen language; `message` stays for API clients
/// and for entries stored before `rule` existed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    #[serde(default)]
    pub rule: Rule,
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, rule: Rule, message: &str) -> Self {
        FieldError {
            field,
            rule,
            message: message.to_owned(),
        }
    }
}

/// Collects broken rules so a form can show them all at once.
#[derive(Default)]
pub(crate) struct Errors(Vec<FieldError>);

impl Errors {
    pub(crate) fn fail(&mut self, field: Field, rule: Rule, message: &str) {
        self.0.push(FieldError::new(field, rule, message));
    }

    pub(crate) fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Text that is present: trimmed, and `None` when only spaces were typed.
pub(crate) fn filled(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Dutch numbers: 10 digits starting with 0, or +31 / 0031 and 9 digits; spaces,
/// dashes and brackets allowed. Other international numbers: + and 8 to 15 digits.
pub(crate) fn valid_phone(phone: &str) -> bool {
    if phone.len() > MAX_PHONE
        || !phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+'))
    {
        return false;
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = phone.trim_start().starts_with('+');
    if plus && !phone.trim_start()[1..].contains('+') {
        return (8..=15).contains(&digits.len());
    }
    if phone.contains('+') {
        return false;
    }
    if let Some(rest) = digits.strip_prefix("0031") {
        return rest.len() == 9;
    }
    digits.len() == 10 && digits.starts_with('0')
}

/// A plain check that catches typos; the organiser's reply is the real test.
pub(crate) fn valid_email(email: &str) -> bool {
    if email.len() > MAX_EMAIL || email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.len() >= 2 && !tld.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_carry_a_rule_and_read_without_one() {
        let error = FieldError::new(
            Field::Phone,
            Rule::Invalid,
            "Dit telefoonnummer klopt niet.",
        );
        let json = serde_json::to_string(&error).unwrap();
        assert!(json.contains(r#""rule":"invalid""#), "{json}");
        let old: FieldError =
            serde_json::from_str(r#"{"field":"wijk","message":"Kies de wijk."}"#).unwrap();
        assert_eq!(old.rule, Rule::Other);
        let newer: FieldError =
            serde_json::from_str(r#"{"field":"wijk","rule":"some_new_rule","message":"x"}"#)
                .unwrap();
        assert_eq!(newer.rule, Rule::Other);
    }
}
