//! Where an activity is, in words.

use omzien_core::{Activity, Catalogue};

use crate::i18n::use_i18n;
use crate::words;

/// "Wijk Centrum", or "Heel Hilversum" for city-wide offers, in the chosen language (the
/// wijk's name stays as it is). Reads the language tracked: called while drawing, the
/// part that shows it is drawn again when the language changes.
pub fn place_text(catalogue: &Catalogue, activity: &Activity) -> String {
    words::activity::place_in(
        use_i18n().get_locale(),
        wijk_name(catalogue, activity).as_deref(),
    )
}

/// The name of the activity's wijk, if it has one.
pub fn wijk_name(catalogue: &Catalogue, activity: &Activity) -> Option<String> {
    activity
        .wijk
        .as_deref()
        .and_then(|w| catalogue.wijk(w))
        .map(|w| w.name.clone())
}
