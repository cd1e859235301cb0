//! The app's words: Dutch compiled in, the other languages fetched when chosen.
//!
//! `build.rs` turns `locales/nl/*.json` into one constant per key (its number and its
//! Dutch text), so a key that Dutch lacks does not build and a Dutch text no page uses
//! is left out of the wasm. `scripts/build-words` writes English, Arabic, Ukrainian and
//! Turkish as JSON arrays in the same order; the service worker precaches them, so a
//! language loads from the device offline too. The first paint never waits for one:
//! Dutch is always there, and a language becomes the page's language only once its words
//! are in (docs/languages.md).
//!
//! The macros keep leptos_i18n's shape, which this module replaced:
//! `t_string!(i18n, namespace.key)` follows the chosen language, `td_string!(locale, …)`
//! reads one language, `t!` is a reactive text for a view.

use std::sync::OnceLock;

use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// One text: its number in the fetched languages' arrays, and its Dutch.
#[derive(Clone, Copy)]
pub struct Key(pub usize, pub &'static str);

#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    nl,
    en,
    ar,
    uk,
    tr,
}

impl Locale {
    const ALL: [Locale; 5] = [Locale::nl, Locale::en, Locale::ar, Locale::uk, Locale::tr];

    pub fn get_all() -> &'static [Locale] {
        &Self::ALL
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::nl => "nl",
            Locale::en => "en",
            Locale::ar => "ar",
            Locale::uk => "uk",
            Locale::tr => "tr",
        }
    }

    /// Where its fetched words are kept; Dutch is compiled in.
    fn slot(self) -> Option<usize> {
        match self {
            Locale::nl => None,
            Locale::en => Some(0),
            Locale::ar => Some(1),
            Locale::uk => Some(2),
            Locale::tr => Some(3),
        }
    }
}

/// Fetched once per language and kept for the life of the page.
static LOADED: [OnceLock<Box<[Box<str>]>>; 4] = [const { OnceLock::new() }; 4];

/// The text of `key` in `locale`; Dutch when that language's words are not in (yet).
pub fn lookup(locale: Locale, key: Key) -> &'static str {
    locale
        .slot()
        .and_then(|slot| LOADED[slot].get())
        .and_then(|words| words.get(key.0))
        .map_or(key.1, |text| text)
}

pub fn is_loaded(locale: Locale) -> bool {
    locale
        .slot()
        .is_none_or(|slot| LOADED[slot].get().is_some())
}

/// Fetches `locale`'s words unless they are in; whether they are in afterwards.
pub async fn load(locale: Locale) -> bool {
    let Some(slot) = locale.slot() else {
        return true;
    };
    if LOADED[slot].get().is_some() {
        return true;
    }
    match crate::api::words::fetch(locale.as_str()).await {
        Ok(words) if words.len() == COUNT + 1 && words[0] == FINGERPRINT => {
            let words: Box<[Box<str>]> = words
                .into_iter()
                .skip(1)
                .map(String::into_boxed_str)
                .collect();
            let _ = LOADED[slot].set(words);
            true
        }
        Ok(_) => {
            leptos::logging::warn!("words for {} are for another build", locale.as_str());
            false
        }
        Err(error) => {
            leptos::logging::warn!("words for {}: {error}", locale.as_str());
            false
        }
    }
}

/// The language on screen, for every view under [`I18nContextProvider`].
#[derive(Clone, Copy)]
pub struct I18nContext {
    locale: RwSignal<Locale>,
    /// The last language asked for: a slow fetch must not undo a later choice.
    wanted: StoredValue<Locale>,
    /// The language asked for last whose words could not be fetched (offline before
    /// the service worker had them, or a server error), so the switch can say so.
    failed: RwSignal<Option<Locale>>,
}

impl I18nContext {
    pub fn get_locale(&self) -> Locale {
        self.locale.get()
    }

    pub fn get_locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }

    pub fn failed(&self) -> Option<Locale> {
        self.failed.get()
    }

    /// Switches at once when the words are in; otherwise fetches them first (from the
    /// service worker's cache when offline) and keeps the current language meanwhile.
    pub fn set_locale(&self, locale: Locale) {
        self.wanted.set_value(locale);
        self.failed.set(None);
        if is_loaded(locale) {
            self.locale.set(locale);
            return;
        }
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = load(locale).await;
            if this.wanted.get_value() != locale {
                return;
            }
            if loaded {
                this.locale.set(locale);
            } else {
                this.failed.set(Some(locale));
            }
        });
    }
}

pub fn use_i18n() -> I18nContext {
    expect_context()
}

/// Provides the language and keeps `<html lang dir>` in step with it, so screen readers
/// and the right-to-left layout follow the choice.
#[component]
pub fn I18nContextProvider(children: Children) -> impl IntoView {
    let locale = RwSignal::new(Locale::nl);
    provide_context(I18nContext {
        locale,
        wanted: StoredValue::new(Locale::nl),
        failed: RwSignal::new(None),
    });
    Effect::new(move |_| {
        let locale = locale.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.as_str());
            let _ = html.set_attribute("dir", if locale == Locale::ar { "rtl" } else { "ltr" });
        }
    });
    children()
}

macro_rules! t_string {
    ($i18n:expr, $($key:ident).+) => {
        $crate::i18n::lookup($i18n.get_locale(), $crate::i18n::keys::$($key)::+)
    };
}

macro_rules! td_string {
    ($locale:expr, $($key:ident).+) => {
        $crate::i18n::lookup($locale, $crate::i18n::keys::$($key)::+)
    };
}

macro_rules! t {
    ($i18n:expr, $($key:ident).+) => {{
        let i18n = $i18n;
        move || $crate::i18n::lookup(i18n.get_locale(), $crate::i18n::keys::$($key)::+)
    }};
}

#[allow(unused_imports)]
pub(crate) use {t, t_string, td_string};
