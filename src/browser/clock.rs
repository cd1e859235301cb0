//! Today's date in Hilversum, from this device's clock.

use omzien_core::ics::Stamp;
use omzien_core::schedule::Date;

/// Today in Hilversum (not in the device's own time zone: the catalogue's dates are
/// Hilversum's). `None` only if the clock is beyond what a date can hold.
pub fn today() -> Option<Date> {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    Stamp::from_unix_seconds(seconds).map(Stamp::amsterdam_date)
}
