//! Numbers and dates through the browser's `Intl`, which already knows every language's
//! conventions: no locale data in the wasm.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// The BCP 47 tag `Intl` gets for a language.
fn tag(locale: Locale) -> &'static str {
    locale.as_str()
}

fn options(pairs: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn locales(locale: Locale) -> js_sys::Array {
    js_sys::Array::of1(&JsValue::from_str(tag(locale)))
}

/// What a text is made of; each with its own formatter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Number,
    Percent,
    DateTime,
    Time,
    Date,
    Day,
    DayInYear,
}

impl Style {
    /// A new formatter: `Intl` builds its locale data for each one, which costs more
    /// than formatting (the result list wrote a date per row, and made a formatter for
    /// each), so each is made once per language and kept.
    fn formatter(self, locale: Locale) -> js_sys::Function {
        let locales = locales(locale);
        // A calendar date is read in UTC, so the device's own time zone cannot move it
        // to another day (`calendar` below).
        let calendar = |extra: (&str, JsValue)| {
            options(&[
                ("day", "numeric".into()),
                ("month", "long".into()),
                ("timeZone", "UTC".into()),
                extra,
            ])
        };
        let dates = |options: js_sys::Object| {
            js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
        };
        match self {
            Style::Number => {
                js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new()).format()
            }
            Style::Percent => js_sys::Intl::NumberFormat::new(
                &locales,
                &options(&[
                    ("style", "percent".into()),
                    ("maximumFractionDigits", 1.into()),
                ]),
            )
            .format(),
            Style::DateTime => dates(options(&[
                ("dateStyle", "medium".into()),
                ("timeStyle", "short".into()),
            ])),
            Style::Time => dates(options(&[("timeStyle", "short".into())])),
            Style::Date => dates(options(&[("dateStyle", "long".into())])),
            Style::Day => dates(calendar(("weekday", "long".into()))),
            Style::DayInYear => dates(calendar(("year", "numeric".into()))),
        }
    }
}

thread_local! {
    /// At most one per language and style: a list to look through costs the shell
    /// less than a hash map of its own.
    static FORMATTERS: RefCell<Vec<(Locale, Style, js_sys::Function)>> =
        const { RefCell::new(Vec::new()) };
}

fn format(locale: Locale, style: Style, value: &JsValue) -> String {
    let formatter = FORMATTERS.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept.iter().find(|(l, s, _)| *l == locale && *s == style) {
            Some((_, _, formatter)) => formatter.clone(),
            None => {
                let formatter = style.formatter(locale);
                kept.push((locale, style, formatter.clone()));
                formatter
            }
        }
    });
    formatter
        .call1(&JsValue::NULL, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

fn moment(ms: f64) -> JsValue {
    js_sys::Date::new(&JsValue::from_f64(ms)).into()
}

/// A whole number, with the language's grouping: "1.234" in Dutch, "1,234" in English.
pub fn number(locale: Locale, value: impl Into<f64>) -> String {
    format(locale, Style::Number, &JsValue::from_f64(value.into()))
}

/// A percentage given in percent (49.4 means 49,4 %), with at most one decimal.
pub fn percent(locale: Locale, value: f64) -> String {
    format(locale, Style::Percent, &JsValue::from_f64(value / 100.0))
}

/// A moment (milliseconds since 1970) as date and time in this device's time zone:
/// "28 nov 2026 14:05" in Dutch.
pub fn date_time(locale: Locale, ms: f64) -> String {
    format(locale, Style::DateTime, &moment(ms))
}

/// Only the time of day: "14:05".
pub fn time(locale: Locale, ms: f64) -> String {
    format(locale, Style::Time, &moment(ms))
}

/// A day without the time: "28 november 2026".
pub fn date(locale: Locale, ms: f64) -> String {
    format(locale, Style::Date, &moment(ms))
}

/// A calendar date as people say it: "dinsdag 8 december" in Dutch.
pub fn day(locale: Locale, date: omzien_core::schedule::Date) -> String {
    format(locale, Style::Day, &calendar(date))
}

/// A calendar date with its year: "3 december 2026" in Dutch.
pub fn day_in_year(locale: Locale, date: omzien_core::schedule::Date) -> String {
    format(locale, Style::DayInYear, &calendar(date))
}

/// Noon UTC of the day, which the calendar styles read in UTC.
fn calendar(date: omzien_core::schedule::Date) -> JsValue {
    let ms = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month()) - 1.0);
    moment(ms + (f64::from(date.day()) - 1.0) * 86_400_000.0 + 43_200_000.0)
}
