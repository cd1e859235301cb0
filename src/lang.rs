//! The app's languages: which ones each app offers, the switch on every page, and
//! numbers and dates in the chosen language.
//!
//! The words themselves are in `locales/<language>/<namespace>.json`, read at compile
//! time as Dutch and fetched as the others (the `crate::i18n` module, `t!` and `t_string!`). What the
//! catalogue, the information pages and the self-test say stays as it was written, in
//! Dutch, marked `lang="nl"` so a screen reader reads it with a Dutch voice.
//!
//! Numbers and dates go through the browser's `Intl` (`crate::browser::intl`).

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n, Locale};
use crate::store;

/// Residents' pages come in all five languages; the staff screens in Dutch and English.
const RESIDENTS: [Locale; 5] = [Locale::nl, Locale::en, Locale::ar, Locale::uk, Locale::tr];
const STAFF: [Locale; 2] = [Locale::nl, Locale::en];

fn offered() -> &'static [Locale] {
    if crate::bundle::is_staff() {
        &STAFF
    } else {
        &RESIDENTS
    }
}

/// The language with this code (`nl`, `ar`, …) among `among`.
fn by_code(among: &[Locale], code: &str) -> Option<Locale> {
    among.iter().copied().find(|l| l.as_str() == code)
}

/// The language on screen now, as `<html lang>` says (the i18n provider keeps it so).
/// For a message made away from any component, at the moment the person acted.
pub fn shown_locale() -> Locale {
    let lang = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default();
    by_code(Locale::get_all(), &lang).unwrap_or_default()
}

/// Each language in its own words, so that someone who cannot read the current one
/// still finds theirs.
fn own_name(locale: Locale) -> &'static str {
    match locale {
        Locale::nl => "Nederlands",
        Locale::en => "English",
        Locale::ar => "العربية",
        Locale::uk => "Українська",
        Locale::tr => "Türkçe",
    }
}

/// Starts in the language this device chose before, or in Dutch. Not in the browser's
/// language: a community centre's tablet or a library kiosk speaks its owner's language,
/// not its visitor's, and a kiosk starts every visit in Dutch. Call once, under the
/// i18n provider and before the pages draw.
pub fn start() {
    let i18n = use_i18n();
    let chosen = at_start();
    // Now, so the pages draw in it; and once more after the provider's own first effect,
    // which sets the browser's language (both before the browser paints).
    i18n.set_locale(chosen);
    Effect::new(move |_| i18n.set_locale(chosen));
}

/// The language this device starts in: the one it chose before, or Dutch (see
/// [`start`]). `crate::start` fetches its words before the app draws.
pub fn at_start() -> Locale {
    let kiosk = store::kiosk::Kiosk::load().is_some();
    store::language::saved()
        .filter(|_| !kiosk)
        .and_then(|code| by_code(offered(), &code))
        .unwrap_or(Locale::nl)
}

/// The language switch, in the page tools of every page.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |event: leptos::ev::Event| {
        let code = event_target_value(&event);
        if let Some(locale) = by_code(offered(), &code) {
            i18n.set_locale(locale);
            store::language::save(locale.as_str());
        }
    };
    view! {
        <div class="language-switch">
            <label for="taal">{t!(i18n, common.language)}</label>
            // Reads `failed` too, so a choice that could not load puts the switch back.
            <select
                id="taal"
                aria-describedby="taal-melding"
                on:change=choose
                prop:value=move || {
                    i18n.failed();
                    i18n.get_locale().as_str()
                }
            >
                {offered()
                    .iter()
                    .map(|&l| {
                        view! {
                            <option value=l.as_str() lang=l.as_str() dir=direction(l)>
                                {own_name(l)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p id="taal-melding" class="language-failed" role="status">
                {move || {
                    i18n.failed()
                        .map(|l| {
                            omzien_core::template::fill(
                                t_string!(i18n, common.language_failed),
                                &[("name", own_name(l))],
                            )
                        })
                }}
            </p>
        </div>
    }
}

fn direction(locale: Locale) -> &'static str {
    if locale == Locale::ar {
        "rtl"
    } else {
        "ltr"
    }
}
