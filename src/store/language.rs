//! The language a resident chose, kept in localStorage so that `public/boot.js` can set
//! `<html lang dir>` before the app draws (Arabic never flashes left to right first).
//! The same key is read there.

const KEY: &str = "omzien-taal";

/// The language code this device chose before (`nl`, `en`, …), if any.
pub fn saved() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// Remembers the choice on this device, but not on a kiosk: there the next visitor
/// starts in Dutch again, and the choice lasts for the visit.
pub fn save(code: &str) {
    if super::kiosk::Kiosk::load().is_some() {
        return;
    }
    if let Some(storage) = storage() {
        // Private windows may refuse: the choice then lasts for this visit only.
        let _ = storage.set_item(KEY, code);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
