//! Numbers and dates through the browser's `Intl`, which already knows every language's
//! conventions: no locale data in the wasm.

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

/// A whole number, with the language's grouping: "1.234" in Dutch, "1,234" in English.
pub fn number(locale: Locale, value: impl Into<f64>) -> String {
    let format = js_sys::Intl::NumberFormat::new(&locales(locale), &js_sys::Object::new());
    call_format(&format.format(), &JsValue::from_f64(value.into()))
}

/// A percentage given in percent (49.4 means 49,4 %), with at most one decimal.
pub fn percent(locale: Locale, value: f64) -> String {
    let format = js_sys::Intl::NumberFormat::new(
        &locales(locale),
        &options(&[
            ("style", "percent".into()),
            ("maximumFractionDigits", 1.into()),
        ]),
    );
    call_format(&format.format(), &JsValue::from_f64(value / 100.0))
}

/// A moment (milliseconds since 1970) as date and time in this device's time zone:
/// "28 nov 2026 14:05" in Dutch.
pub fn date_time(locale: Locale, ms: f64) -> String {
    date_format(
        locale,
        ms,
        &[
            ("dateStyle", "medium".into()),
            ("timeStyle", "short".into()),
        ],
    )
}

/// Only the time of day: "14:05".
pub fn time(locale: Locale, ms: f64) -> String {
    date_format(locale, ms, &[("timeStyle", "short".into())])
}

/// A day without the time: "28 november 2026".
pub fn date(locale: Locale, ms: f64) -> String {
    date_format(locale, ms, &[("dateStyle", "long".into())])
}

/// A calendar date as people say it: "dinsdag 8 december" in Dutch.
pub fn day(locale: Locale, date: omzien_core::schedule::Date) -> String {
    calendar(locale, date, &[("weekday", "long".into())])
}

/// A calendar date with its year: "3 december 2026" in Dutch.
pub fn day_in_year(locale: Locale, date: omzien_core::schedule::Date) -> String {
    calendar(locale, date, &[("year", "numeric".into())])
}

/// Read in UTC, so the device's own time zone cannot move it to another day.
fn calendar(
    locale: Locale,
    date: omzien_core::schedule::Date,
    extra: &[(&str, JsValue)],
) -> String {
    let ms = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month()) - 1.0);
    let ms = ms + (f64::from(date.day()) - 1.0) * 86_400_000.0 + 43_200_000.0;
    let mut pairs = vec![
        ("day", "numeric".into()),
        ("month", "long".into()),
        ("timeZone", "UTC".into()),
    ];
    pairs.extend_from_slice(extra);
    date_format(locale, ms, &pairs)
}

fn date_format(locale: Locale, ms: f64, pairs: &[(&str, JsValue)]) -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&locales(locale), &options(pairs));
    call_format(&format.format(), &js_sys::Date::new(&JsValue::from_f64(ms)))
}

fn call_format(format: &js_sys::Function, value: &JsValue) -> String {
    format
        .call1(&JsValue::NULL, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}
