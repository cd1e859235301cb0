//! What kind of device this is: kiosk mode and its visits, and whether a new version
//! of the app waits.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::delivery::earlier_visitors;
use omzien_core::signup::Channel;

use crate::browser::{app_update, js_error};
use crate::store::kiosk::{self, Kiosk};
use crate::store::StoreError;

use super::session::SessionState;
use super::shared::SharedStore;

#[derive(Clone, Copy)]
pub struct Device {
    /// Set when this device is a public kiosk (see `components::kiosk`).
    pub kiosk: Option<Kiosk>,
    /// A new version of the app is installed and waits for its turn.
    pub update_waiting: RwSignal<bool>,
    /// On a kiosk, when the current visit began (JS milliseconds).
    visit_started: Option<f64>,
    store: SharedStore,
    session: SessionState,
}

impl Device {
    /// This device as it starts; on a kiosk, whether this start begins a new visit.
    pub fn start(store: SharedStore, session: SessionState) -> (Self, bool) {
        let kiosk = Kiosk::load();
        let (visit_started, new_visit) = match kiosk {
            Some(_) => {
                let (started, new) = kiosk::visit(js_sys::Date::now());
                (Some(started), new)
            }
            None => (None, false),
        };
        let device = Device {
            kiosk,
            update_waiting: RwSignal::new(false),
            visit_started,
            store,
            session,
        };
        (device, new_visit)
    }

    /// On a kiosk, when the current visit began: outbox entries from before it are an
    /// earlier visitor's (`omzien_core::delivery::earlier_visitors`).
    pub fn visit_started(self) -> Option<f64> {
        self.visit_started
    }

    /// Whether an outbox entry made at `created_at` is an earlier kiosk visitor's.
    pub fn earlier_visitors(self, created_at: f64) -> bool {
        earlier_visitors(created_at, self.visit_started)
    }

    /// The channel of a sign-up or note made on this device now.
    pub fn channel(self, on_behalf: bool) -> Channel {
        if on_behalf {
            Channel::OnBehalf
        } else if self.kiosk.is_some() {
            Channel::Kiosk
        } else {
            Channel::Own
        }
    }

    /// Turns this device into a kiosk: the staff member who did it is signed out, and
    /// the first visit starts clean.
    pub async fn become_kiosk(self, kiosk: Kiosk) -> Result<(), StoreError> {
        kiosk.turn_on().inspect_err(|error| {
            leptos::logging::error!("turning kiosk mode on failed: {error}");
        })?;
        self.session.sign_out().await;
        self.wipe_visit(kiosk).await;
        Ok(())
    }

    /// Ends a kiosk visit: wipes what the visitor left (`wipe_visit`).
    pub fn end_kiosk_visit(self) {
        if let Some(kiosk) = self.kiosk {
            spawn_local(self.wipe_visit(kiosk));
        }
    }

    /// Wipes a kiosk visit: the answered outbox entries and any session in IndexedDB,
    /// local and session storage, non-shell caches; then a fresh start page, which
    /// clears everything held in memory (form drafts, receipts, search terms). A failed
    /// wipe is logged and the reload still happens: the next start wipes IndexedDB
    /// again.
    async fn wipe_visit(self, kiosk: Kiosk) {
        if let Some(store) = self.store.get_value() {
            if let Err(error) = store.forget_visit().await {
                leptos::logging::error!("kiosk: wiping IndexedDB failed: {error}");
            }
        }
        if let Err(error) = kiosk::wipe_browser_storage(kiosk).await {
            leptos::logging::error!("kiosk: wiping storage failed: {error}");
        }
        if self.update_waiting.get_untracked() {
            // The next visit starts on the new version, at the start page: boot.js
            // reloads this address once the new version has taken over. Chromium
            // often holds that switch until the page navigates (measured: in about
            // half the runs it waited for the restart below), so the restart follows
            // after a short moment rather than a long wait; its request then waits
            // for the new version.
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"));
            }
            app_update::apply();
            gloo_timers::future::sleep(Duration::from_millis(500)).await;
        }
        if let Err(error) = window().location().replace("/") {
            leptos::logging::error!("kiosk: restarting failed: {}", js_error::describe(&error));
        }
    }
}
