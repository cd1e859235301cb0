//! Errors and problems, in the chosen language: no codes, no blame.

use crate::api::ApiError;
use crate::i18n::{td_string, Locale};
use crate::lang::shown_locale;
use crate::state::network::Problem;
use crate::state::outbox::QueueError;

/// The footer's sentence for a problem in sync.
pub fn problem(locale: Locale, problem: Problem) -> &'static str {
    match problem {
        Problem::OtherWindow => td_string!(locale, common.problem.other_window),
        Problem::NoStorage => td_string!(locale, common.problem.no_storage),
        Problem::StaffSignIn => td_string!(locale, common.problem.staff_sign_in),
        Problem::Unreachable => td_string!(locale, common.problem.unreachable),
        Problem::CannotFetch => td_string!(locale, common.problem.cannot_fetch),
        Problem::CannotStore => td_string!(locale, common.problem.cannot_store),
        Problem::Busy => td_string!(locale, common.problem.busy),
    }
}

/// A form's sentence when what was filled in could not be kept on the device, in the
/// language on screen when the person pressed the button.
pub fn not_saved(_error: QueueError) -> &'static str {
    td_string!(shown_locale(), common.problem.cannot_save)
}

/// For staff pages, in the language on screen (`for_staff_in`).
pub fn for_staff(error: &ApiError) -> String {
    for_staff_in(shown_locale(), error)
}

/// For staff pages: the server's own sentence for a refusal (in Dutch: the server has
/// one language), else plain words.
pub fn for_staff_in(locale: Locale, error: &ApiError) -> String {
    match error {
        ApiError::Server { status: 401, .. } => {
            td_string!(locale, staff.errors.not_signed_in).to_owned()
        }
        ApiError::Server { status, message } if (400..500).contains(status) => message.clone(),
        ApiError::Unreachable(_) => td_string!(locale, staff.errors.no_server).to_owned(),
        ApiError::Server { .. } | ApiError::TooManyRequests { .. } | ApiError::BadAnswer(_) => {
            problem(locale, Problem::CannotFetch).to_owned()
        }
    }
}
