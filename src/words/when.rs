//! A date an activity happens on, as people read it: "dinsdag 8 december, 10:00–11:30".

use omzien_core::when::Occurrence;

use crate::browser::intl;
use crate::i18n::Locale;

/// The day in the chosen language, then the times (the same in every language).
pub fn occurrence(locale: Locale, o: &Occurrence) -> String {
    let day = intl::day(locale, o.date);
    match (o.start_time, o.end_time) {
        (Some(start), Some(end)) => format!("{day}, {start}–{end}"),
        (Some(start), None) => format!("{day}, {start}"),
        _ => day,
    }
}
