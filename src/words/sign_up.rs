//! Where a sign-up stands, in the chosen language.

use omzien_core::outbox::SignUpStatus;
use omzien_core::wire::Refusal;

use crate::i18n::{td_string, Locale};

/// Where a sign-up stands, in the chosen language.
pub fn status_text(locale: Locale, status: &SignUpStatus) -> &'static str {
    match status {
        SignUpStatus::WaitingToSend => td_string!(locale, signup.status.waiting),
        SignUpStatus::Confirmed => td_string!(locale, signup.status.confirmed),
        SignUpStatus::WaitingList => td_string!(locale, signup.status.waiting_list),
        SignUpStatus::Refused(Refusal::Invalid) => {
            td_string!(locale, signup.status.refused_invalid)
        }
        SignUpStatus::Refused(Refusal::UnknownActivity) => {
            td_string!(locale, signup.status.refused_unknown)
        }
        SignUpStatus::Refused(_) => td_string!(locale, signup.status.refused),
        SignUpStatus::CancelWaiting => td_string!(locale, signup.status.cancel_waiting),
        SignUpStatus::Cancelled => td_string!(locale, signup.status.cancelled),
        SignUpStatus::CancelRefused => td_string!(locale, signup.status.cancel_refused),
    }
}
