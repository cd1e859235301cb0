//! Kiosk mode's storage: whether this device is a kiosk (and how long a visit may sit
//! idle), and wiping what a visitor leaves behind in the browser's other storage
//! (local and session storage, Cache Storage). IndexedDB's part of the wipe is
//! `Store::forget_visit`.
//!
//! The setting lives in localStorage, not IndexedDB, so that `public/boot.js` can see
//! it before the app starts: it sets `data-kiosk` on `<html>` (large targets) and sends
//! the browser's Back button to the start instead of to an earlier visitor's page.

use wasm_bindgen_futures::JsFuture;

use super::error::StoreError;

const KEY: &str = "omzien-kiosk";
/// The service worker's caches of the app shell (`public/sw.js`, `CACHE_PREFIX`). They
/// hold only the app's own files, and without them a kiosk could not start offline.
const SHELL_CACHE_PREFIX: &str = "omzien-shell-";

/// As stored: `{"idle":90}`.
#[derive(serde::Deserialize)]
struct Saved {
    idle: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kiosk {
    /// After this long without a touch or key, the visit ends and is wiped.
    pub idle_seconds: u32,
}

impl Kiosk {
    pub const DEFAULT_IDLE: u32 = 90;
    pub const IDLE_CHOICES: [u32; 4] = [60, 90, 120, 180];

    /// The kiosk setting of this device, if it is one.
    pub fn load() -> Option<Kiosk> {
        let text = local_storage()?.get_item(KEY).ok()??;
        let saved: Saved = serde_json::from_str(&text).ok()?;
        Some(Kiosk {
            idle_seconds: Self::IDLE_CHOICES
                .into_iter()
                .find(|&s| s == saved.idle)
                .unwrap_or(Self::DEFAULT_IDLE),
        })
    }

    /// Makes this device a kiosk. Fails when the browser keeps no local storage: a
    /// kiosk that forgets it is one after a reload would not be a kiosk.
    pub fn turn_on(self) -> Result<(), StoreError> {
        let storage = local_storage().ok_or(StoreError::Unavailable)?;
        storage
            .set_item(KEY, &format!(r#"{{"idle":{}}}"#, self.idle_seconds))
            .map_err(StoreError::js)?;
        Ok(())
    }

    pub fn turn_off() {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(KEY);
        }
    }
}

/// When the current kiosk visit began (JS milliseconds), and whether it begins now. Kept
/// in session storage: a reload in the middle of a visit is still the same visit, and
/// the wipe at its end empties session storage, so the next page load begins anew.
pub fn visit(now_ms: f64) -> (f64, bool) {
    const VISIT_KEY: &str = "omzien-kiosk-bezoek";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let Some(session) = session else {
        return (now_ms, true);
    };
    if let Some(started) = session
        .get_item(VISIT_KEY)
        .ok()
        .flatten()
        .and_then(|text| text.parse::<f64>().ok())
    {
        return (started, false);
    }
    let _ = session.set_item(VISIT_KEY, &now_ms.to_string());
    (now_ms, true)
}

/// Empties session storage, local storage but for what belongs to the device rather
/// than the visitor (the kiosk setting and the device id), and every cache but the app
/// shell's.
pub async fn wipe_browser_storage(kiosk: Kiosk) -> Result<(), StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    if let Ok(Some(session)) = window.session_storage() {
        session.clear().map_err(StoreError::js)?;
    }
    if let Some(local) = local_storage() {
        let device = local
            .get_item(super::device_id::KEY)
            .map_err(StoreError::js)?;
        local.clear().map_err(StoreError::js)?;
        if let Some(device) = device {
            local
                .set_item(super::device_id::KEY, &device)
                .map_err(StoreError::js)?;
        }
    }
    kiosk.turn_on()?;
    // Without Cache Storage (plain http on a local network) there is nothing to clear.
    let Ok(caches) = window.caches() else {
        return Ok(());
    };
    let names = JsFuture::from(caches.keys())
        .await
        .map_err(StoreError::js)?;
    for name in js_sys::Array::from(&names).iter() {
        let name = name.as_string().unwrap_or_default();
        if !name.starts_with(SHELL_CACHE_PREFIX) {
            JsFuture::from(caches.delete(&name))
                .await
                .map_err(StoreError::js)?;
        }
    }
    Ok(())
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
