//! The display settings and the self-test's answers, in the chosen language.

use omzien_core::selftest::Answer;

use crate::i18n::{td_string, Locale};
use crate::store::display::TextSize;

/// The name of a text size, as the choice shows it.
pub fn size_label(locale: Locale, size: TextSize) -> &'static str {
    match size {
        TextSize::Normal => td_string!(locale, common.settings.size_normal),
        TextSize::Large => td_string!(locale, common.settings.size_large),
        TextSize::ExtraLarge => td_string!(locale, common.settings.size_extra_large),
    }
}

/// The extra question's answers, in the chosen language.
pub fn answer_text(locale: Locale, answer: Answer) -> &'static str {
    match answer {
        Answer::Ja => td_string!(locale, info.self_test.answer_yes),
        Answer::MinOfMeer => td_string!(locale, info.self_test.answer_more_or_less),
        Answer::Nee => td_string!(locale, info.self_test.answer_no),
    }
}
