//! The staff member signed in on this device. The session is kept in IndexedDB, the one
//! truth shared by all tabs; a tab that signs in or out tells the others, which read it
//! again (no token travels between tabs).

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::browser::tabs::{self, News};
use crate::store::kiosk::Kiosk;
use crate::store::{StaffSession, StoreError};

use super::shared::{SharedStore, Wake};

#[derive(Clone, Copy)]
pub struct SessionState {
    /// The session kept on this device, if any (it may have ended: see `live`).
    pub current: RwSignal<Option<StaffSession>>,
    /// Counts reads of the stored session, so a late one does not win (`read_stored`).
    reads: StoredValue<u32>,
    store: SharedStore,
    wake: Wake,
    kiosk: bool,
}

/// Why a staff sign-in did not work.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong e-mail address or password")]
    Wrong,
    #[error("too many sign-in attempts; try again in {retry_after} s")]
    TooManyAttempts { retry_after: u64 },
    #[error("the session could not be kept on this device: {0}")]
    CannotKeep(StoreError),
    #[error(transparent)]
    Api(ApiError),
}

impl SessionState {
    pub fn new(store: SharedStore, wake: Wake, kiosk: bool) -> Self {
        SessionState {
            current: RwSignal::new(None),
            reads: StoredValue::new(0),
            store,
            wake,
            kiosk,
        }
    }

    /// The session if it has not ended on this device's clock.
    pub fn live(self) -> Option<StaffSession> {
        self.current
            .get()
            .filter(|s| !s.expired(js_sys::Date::now()))
    }

    /// The session if it has not ended, without tracking (for the sync engine).
    pub fn live_untracked(self) -> Option<StaffSession> {
        self.current
            .get_untracked()
            .filter(|s| !s.expired(js_sys::Date::now()))
    }

    /// Signs a staff member in and keeps the session on the device; then sends what
    /// waited for it.
    pub async fn sign_in(self, email: String, password: String) -> Result<(), SignInError> {
        let (answer, me) = api::auth::sign_in(email.trim(), &password)
            .await
            .map_err(|error| match error {
                ApiError::Server { status: 401, .. } => SignInError::Wrong,
                ApiError::TooManyRequests { retry_after } => {
                    SignInError::TooManyAttempts { retry_after }
                }
                other => SignInError::Api(other),
            })?;
        let session = StaffSession {
            token: answer.token,
            expires_at: answer.expires_at,
            role: answer.role,
            email: answer.email,
            user_id: me.user_id,
            organisations: me.organisations,
        };
        if let Some(store) = self.store.get_value() {
            store
                .save_session(&session)
                .await
                .map_err(SignInError::CannotKeep)?;
        }
        if self.kiosk {
            // A staff member's sign-in ends kiosk mode (the page said so): start again
            // as an ordinary device, with her session.
            Kiosk::turn_off();
            let _ = window().location().replace("/medewerkers");
            return Ok(());
        }
        self.set_own(Some(session));
        // The other tabs read the session from IndexedDB; the token is not sent along.
        tabs::announce(News::Session);
        self.wake.ring();
        Ok(())
    }

    /// The organisations the one signed in keeps, as the server now says (after she
    /// proposed a new one): kept on the device, so "Mijn aanbod" and the form offer it
    /// without a new sign-in, also in the other tabs.
    pub async fn keep_organisations(self, organisations: Vec<String>) {
        let Some(mut session) = self.current.get_untracked() else {
            return;
        };
        session.organisations = organisations;
        if let Some(store) = self.store.get_value() {
            if let Err(error) = store.save_session(&session).await {
                leptos::logging::error!("keeping the organisations failed: {error}");
            }
        }
        self.set_own(Some(session));
        tabs::announce(News::Session);
    }

    /// Ends the session on the server (when reachable) and forgets it on the device.
    pub async fn sign_out(self) {
        if let Some(session) = self.current.get_untracked() {
            if let Err(error) = api::auth::sign_out(&session.token).await {
                leptos::logging::warn!("sign-out on the server failed: {error}");
            }
        }
        self.forget().await;
    }

    /// Forgets the session here and tells the other tabs, so none of them goes on
    /// showing staff pages or offering "on behalf" (sign-out, or a session the server
    /// ended).
    pub async fn forget(self) {
        if let Some(store) = self.store.get_value() {
            if let Err(error) = store.clear_session().await {
                leptos::logging::error!("forgetting the session failed: {error}");
            }
        }
        self.set_own(None);
        tabs::announce(News::Session);
    }

    /// Reads the session from IndexedDB: at start, and when another tab signed in or
    /// out. After a sign-in elsewhere with `wake_on_sign_in`, rings the sync engine:
    /// items made on behalf of a resident waited for it. Reads may finish out of order
    /// when news comes quickly; only the latest counts.
    pub async fn read_stored(self, wake_on_sign_in: bool) {
        let Some(store) = self.store.get_value() else {
            return;
        };
        let asked = self.reads.get_value() + 1;
        self.reads.set_value(asked);
        let stored = match store.session().await {
            Ok(stored) => stored,
            Err(error) => {
                leptos::logging::error!("reading the session failed: {error}");
                return;
            }
        };
        if self.reads.get_value() != asked {
            return;
        }
        // Setting the same session again would redraw what depends on it for nothing.
        if self.current.with_untracked(|now| *now == stored) {
            return;
        }
        let signed_in = stored.is_some();
        self.current.set(stored);
        if signed_in && wake_on_sign_in {
            self.wake.ring();
        }
    }

    /// Sets a session this tab made or ended itself; a read of the stored session that
    /// is still under way (news from another tab) no longer counts.
    fn set_own(self, session: Option<StaffSession>) {
        self.reads.update_value(|n| *n += 1);
        self.current.set(session);
    }
}
