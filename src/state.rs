//! The app's shared state and the loop that keeps the catalogue current: IndexedDB
//! first (so the app renders at once, also offline), then the server when reachable.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use std::collections::HashMap;

use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::outbox::{EntryState, NoteView, Outbox, SignUpView};
use omzien_core::signup::Channel;
use omzien_core::wire::{Change, Mutation, MAX_BATCH};
use omzien_core::{Catalogue, SearchIndex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::td_string;
use crate::lang::shown_locale;
use crate::store::kiosk::{self, Kiosk};
use crate::store::{
    ask_persist, persisted, StaffSession, Store, StoreError, StoredEntry, SyncMeta,
};
use crate::sync;
use crate::sync::tabs::News;

/// The catalogue with its search index, built once per change.
pub struct Loaded {
    pub catalogue: Catalogue,
    pub index: SearchIndex,
}

impl Loaded {
    fn new(catalogue: Catalogue) -> Arc<Self> {
        let index = SearchIndex::new(&catalogue);
        Arc::new(Loaded { catalogue, index })
    }
}

#[derive(Clone, Copy)]
pub struct AppData {
    /// `None` until IndexedDB has answered; then the stored catalogue (maybe empty).
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    /// When the catalogue was last confirmed current with the server (JS milliseconds).
    pub updated_at: RwSignal<Option<f64>>,
    pub online: RwSignal<bool>,
    /// The last problem, shown in the footer in words for people; cleared by the next
    /// success.
    pub problem: RwSignal<Option<Problem>>,
    /// The catalogue page's query string, so "back to all activities" restores it.
    pub last_search: RwSignal<String>,
    /// This device's sign-ups and where each stands.
    pub sign_ups: RwSignal<Vec<SignUpView>>,
    /// This device's concern notes and where each stands (routing fields only).
    pub notes: RwSignal<Vec<NoteView>>,
    /// How many queued items have no answer from the server yet.
    pub unsent: RwSignal<usize>,
    /// How many of those are sign-ups or cancellations.
    pub unsent_sign_ups: RwSignal<usize>,
    /// Whether the browser keeps this site's data when the disk runs full (`None`:
    /// it cannot say). Waiting items in storage that may be evicted deserve a warning.
    pub persistent: RwSignal<Option<bool>>,
    /// The staff member signed in on this device, if any (kept in IndexedDB).
    pub session: RwSignal<Option<StaffSession>>,
    /// Unanswered items made "on behalf" of a resident: they go only with a session.
    pub staff_waiting: RwSignal<usize>,
    /// Set when this device is a public kiosk (see `components::kiosk`).
    pub kiosk: Option<Kiosk>,
    /// A new version of the app is installed and waits for its turn.
    pub update_waiting: RwSignal<bool>,
    /// On a kiosk, when the current visit began (JS milliseconds): outbox entries from
    /// before it are an earlier visitor's, and not shown.
    visit_started: f64,
    /// Counts reads of the stored session, so a late one does not win (`read_session`).
    session_reads: StoredValue<u32>,
    writes: StoredValue<mpsc::UnboundedSender<Write>>,
    wake: StoredValue<mpsc::UnboundedSender<()>>,
    store: StoredValue<Option<Rc<Store>>, LocalStorage>,
}

/// A mutation to store durably, and where to say whether that worked.
type Write = (Mutation, oneshot::Sender<Result<(), &'static str>>);

/// What went wrong, for the footer (`components::net_status` puts it into words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// IndexedDB is held by an older version of the app in another window.
    OtherWindow,
    /// No IndexedDB at all: the app works only while online.
    NoStorage,
    /// Items made on behalf of a resident wait for a staff sign-in.
    StaffSignIn,
    /// No answer from the server.
    Unreachable,
    /// The server answered, but not with new data.
    CannotFetch,
    /// IndexedDB refused to store what came in.
    CannotStore,
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
    Sync(sync::SyncError),
}

/// What `queue` answers when a mutation could not be stored: a sentence for the person,
/// in the language on screen.
fn cannot_save() -> &'static str {
    td_string!(shown_locale(), common.problem.cannot_save)
}

impl AppData {
    /// Stores a mutation in the outbox and returns once it is safely on the device:
    /// only then may the page say "saved". It is sent as soon as there is a connection.
    /// A push under way does not hold this up: writing and sending are separate tasks.
    /// The error is a sentence for the person, in the language on screen.
    pub async fn queue(self, mutation: Mutation) -> Result<(), &'static str> {
        let (answer, answered) = oneshot::channel();
        let sent = self
            .writes
            .with_value(|writes| writes.unbounded_send((mutation, answer)).is_ok());
        if !sent {
            return Err(cannot_save());
        }
        answered.await.unwrap_or_else(|_| Err(cannot_save()))
    }

    /// The session if it has not ended on this device's clock.
    pub fn live_session(self) -> Option<StaffSession> {
        self.session
            .get()
            .filter(|s| !s.expired(js_sys::Date::now()))
    }

    /// Signs a staff member in and keeps the session on the device; then sends what
    /// waited for it.
    pub async fn sign_in(self, email: String, password: String) -> Result<(), SignInError> {
        let (answer, me) =
            sync::sign_in(email.trim(), &password)
                .await
                .map_err(|error| match error {
                    sync::SyncError::Server { status: 401, .. } => SignInError::Wrong,
                    sync::SyncError::TooManyAttempts { retry_after } => {
                        SignInError::TooManyAttempts { retry_after }
                    }
                    other => SignInError::Sync(other),
                })?;
        let session = StaffSession {
            token: answer.token,
            expires_at: answer.expires_at,
            role: answer.role,
            email: answer.email,
            user_id: me.user_id,
        };
        if let Some(store) = self.store.get_value() {
            store
                .save_session(&session)
                .await
                .map_err(SignInError::CannotKeep)?;
        }
        if self.kiosk.is_some() {
            // A staff member's sign-in ends kiosk mode (the page said so): start again
            // as an ordinary device, with her session.
            Kiosk::turn_off();
            let _ = window().location().replace("/medewerkers");
            return Ok(());
        }
        self.own_session(Some(session));
        // The other tabs read the session from IndexedDB; the token is not sent along.
        sync::tabs::announce(News::Session);
        let _ = self.wake.with_value(|wake| wake.unbounded_send(()));
        Ok(())
    }

    /// Whether an outbox entry made at `created_at` is an earlier kiosk visitor's: not
    /// shown, and not kept once the server has it.
    fn earlier_visitors(self, created_at: f64) -> bool {
        self.kiosk.is_some() && created_at < self.visit_started
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
        self.sign_out().await;
        end_visit(self, kiosk).await;
        Ok(())
    }

    /// Ends a kiosk visit: wipes what the visitor left (`end_visit`).
    pub fn end_kiosk_visit(self) {
        if let Some(kiosk) = self.kiosk {
            spawn_local(end_visit(self, kiosk));
        }
    }

    /// Sets a session this tab made or ended itself; a read of the stored session that
    /// is still under way (news from another tab) no longer counts.
    fn own_session(self, session: Option<StaffSession>) {
        self.session_reads.update_value(|n| *n += 1);
        self.session.set(session);
    }

    /// Ends the session on the server (when reachable) and forgets it on the device.
    pub async fn sign_out(self) {
        if let Some(session) = self.session.get_untracked() {
            if let Err(error) = sync::sign_out(&session.token).await {
                leptos::logging::warn!("sign-out on the server failed: {error}");
            }
        }
        forget_session(self).await;
    }
}

/// Wipes a kiosk visit: the answered outbox entries and any session in IndexedDB,
/// local and session storage, non-shell caches; then a fresh start page, which clears
/// everything held in memory (form drafts, receipts, search terms). A failed wipe is
/// logged and the reload still happens: the next start wipes IndexedDB again.
async fn end_visit(data: AppData, kiosk: Kiosk) {
    if let Some(store) = data.store.get_value() {
        if let Err(error) = store.forget_visit().await {
            leptos::logging::error!("kiosk: wiping IndexedDB failed: {error}");
        }
    }
    if let Err(error) = kiosk::wipe_browser_storage(kiosk).await {
        leptos::logging::error!("kiosk: wiping storage failed: {error}");
    }
    if data.update_waiting.get_untracked() {
        // The next visit starts on the new version, at the start page: boot.js reloads
        // this address once the new version has taken over. Should that not happen,
        // the ordinary restart below follows a moment later.
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"));
        }
        crate::components::update_notice::apply_update();
        gloo_timers::future::sleep(Duration::from_secs(5)).await;
    }
    if let Err(error) = window().location().replace("/") {
        leptos::logging::error!(
            "kiosk: restarting failed: {}",
            crate::js_error::describe(&error)
        );
    }
}

/// Forgets the session here and tells the other tabs, so none of them goes on showing
/// staff pages or offering "on behalf" (sign-out, or a session the server ended).
async fn forget_session(data: AppData) {
    if let Some(store) = data.store.get_value() {
        if let Err(error) = store.clear_session().await {
            leptos::logging::error!("forgetting the session failed: {error}");
        }
    }
    data.own_session(None);
    sync::tabs::announce(News::Session);
}

/// Reads the session from IndexedDB, the one truth shared by all tabs: at start, and
/// when another tab signed in or out. After a sign-in elsewhere, `wake` the sync loop:
/// items made on behalf of a resident waited for it. Reads may finish out of order
/// when news comes quickly; only the latest counts.
async fn read_session(store: &Store, data: AppData, wake: Option<&mpsc::UnboundedSender<()>>) {
    let asked = data.session_reads.get_value() + 1;
    data.session_reads.set_value(asked);
    let stored = match store.session().await {
        Ok(stored) => stored,
        Err(error) => {
            leptos::logging::error!("reading the session failed: {error}");
            return;
        }
    };
    if data.session_reads.get_value() != asked {
        return;
    }
    // Setting the same session again would redraw what depends on it for nothing.
    if data.session.with_untracked(|now| *now == stored) {
        return;
    }
    let signed_in = stored.is_some();
    data.session.set(stored);
    if let (true, Some(wake)) = (signed_in, wake) {
        let _ = wake.unbounded_send(());
    }
}

/// Between checks when all is well: the catalogue changes a few times a week at most.
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
const RETRY_FIRST: Duration = Duration::from_secs(15);
const RETRY_MAX: Duration = Duration::from_secs(10 * 60);

/// Starts the load-then-sync loop and returns the state it keeps current. Checks at
/// start, when the browser comes online, when the page becomes visible again, when
/// something is queued, when Background Sync fires, and on a timer with backoff and
/// jitter.
pub fn start_sync() -> AppData {
    let (wake, mut woken) = mpsc::unbounded::<()>();
    let kiosk = Kiosk::load();
    let (visit_started, new_visit) = match kiosk {
        Some(_) => kiosk::visit(js_sys::Date::now()),
        None => (0.0, false),
    };
    let (writes, to_write) = mpsc::unbounded::<Write>();
    let data = AppData {
        loaded: RwSignal::new(None),
        updated_at: RwSignal::new(None),
        online: RwSignal::new(sync::browser_online()),
        problem: RwSignal::new(None),
        last_search: RwSignal::new(String::new()),
        sign_ups: RwSignal::new(Vec::new()),
        notes: RwSignal::new(Vec::new()),
        unsent: RwSignal::new(0),
        unsent_sign_ups: RwSignal::new(0),
        persistent: RwSignal::new(None),
        session: RwSignal::new(None),
        staff_waiting: RwSignal::new(0),
        kiosk,
        visit_started,
        update_waiting: RwSignal::new(false),
        session_reads: StoredValue::new(0),
        writes: StoredValue::new(writes),
        wake: StoredValue::new(wake.clone()),
        store: StoredValue::new_local(None),
    };
    watch_connection(data, wake.clone());
    watch_visibility(wake.clone());
    let background_wake = wake.clone();
    sync::background::on_wake(move || {
        let _ = background_wake.unbounded_send(());
    });

    spawn_local(async move {
        let store = match Store::open().await {
            Ok(store) => Some(Rc::new(store)),
            Err(error) => {
                leptos::logging::error!("opening IndexedDB failed: {error}");
                data.problem.set(Some(match error {
                    StoreError::Blocked => Problem::OtherWindow,
                    _ => Problem::NoStorage,
                }));
                None
            }
        };
        data.store.set_value(store.clone());
        if let Some(store) = &store {
            // Listening before the first read of the session: a sign-in in another tab
            // while this one starts is not missed.
            let for_tabs = store.clone();
            let tabs_wake = wake.clone();
            sync::tabs::on_news(move |news| {
                let store = for_tabs.clone();
                let wake = tabs_wake.clone();
                spawn_local(async move {
                    match news {
                        News::Outbox => show_outbox(&store, data).await,
                        News::Session => read_session(&store, data, Some(&wake)).await,
                    }
                });
            });
            if data.kiosk.is_none() {
                // No wake: the loop below sends what waits at its first round anyway.
                read_session(store, data, None).await;
            } else if new_visit {
                // A new kiosk visit starts clean, also when the last one's wipe did not
                // finish.
                if let Err(error) = store.forget_visit().await {
                    leptos::logging::error!("kiosk: wiping IndexedDB failed: {error}");
                }
            }
        }
        spawn_local(write_queued(store.clone(), to_write, wake, data));
        let mut catalogue = Catalogue::default();
        let mut meta = SyncMeta::default();
        if let Some(store) = &store {
            match store.load().await {
                Ok((stored, stored_meta)) => (catalogue, meta) = (stored, stored_meta),
                Err(error) => leptos::logging::error!("reading IndexedDB failed: {error}"),
            }
            show_outbox(store, data).await;
        }
        data.loaded.set(Some(Loaded::new(catalogue.clone())));
        data.updated_at.set(meta.updated_at);
        data.persistent.set(persisted().await);

        let mut retry = RETRY_FIRST;
        loop {
            let wait = if sync::browser_online() {
                let pulled = pull(store.as_deref(), meta.cursor).await;
                let pushed = match &store {
                    Some(store) => send_all(store, data).await,
                    None => Ok(()),
                };
                match pulled.and_then(|pull| pushed.map(|()| pull)) {
                    Ok(pull) => {
                        if let Some(pull) = pull {
                            catalogue.apply(&pull);
                            meta.cursor = pull.cursor;
                            data.loaded.set(Some(Loaded::new(catalogue.clone())));
                        }
                        data.updated_at.set(Some(js_sys::Date::now()));
                        data.problem.set(None);
                        // The connection may have gone while this round was under way.
                        data.online.set(sync::browser_online());
                        retry = RETRY_FIRST;
                        CHECK_EVERY
                    }
                    Err(error) => {
                        leptos::logging::warn!("sync failed: {error}");
                        if matches!(error, sync::SyncError::Unreachable(_)) {
                            data.online.set(false);
                        }
                        data.problem.set(Some(error.for_people()));
                        let wait = retry;
                        retry = (retry * 2).min(RETRY_MAX);
                        wait
                    }
                }
            } else {
                data.online.set(false);
                RETRY_MAX
            };
            let timer = gloo_timers::future::sleep(jitter(wait));
            if let futures::future::Either::Right(_) =
                futures::future::select(Box::pin(timer), woken.next()).await
            {
                // Something new to send or a reason to look: start over at once,
                // not after a long backoff. Wakes that piled up meanwhile are one.
                retry = RETRY_FIRST;
                while woken.try_recv().is_ok() {}
            }
        }
    });
    data
}

/// Writes queued mutations to the outbox as they come, each strictly durable before its
/// answer, then wakes the sync loop to send them.
async fn write_queued(
    store: Option<Rc<Store>>,
    mut to_write: mpsc::UnboundedReceiver<Write>,
    wake: mpsc::UnboundedSender<()>,
    data: AppData,
) {
    while let Some((mutation, answer)) = to_write.next().await {
        let Some(store) = &store else {
            let _ = answer.send(Err(cannot_save()));
            continue;
        };
        let entry = StoredEntry::new(mutation, js_sys::Date::now());
        if let Err(error) = store.save_outbox(&[entry]).await {
            leptos::logging::error!("saving to the outbox failed: {error}");
            let _ = answer.send(Err(cannot_save()));
            continue;
        }
        let _ = answer.send(Ok(()));
        let _ = wake.unbounded_send(());
        show_outbox(store, data).await;
        sync::tabs::announce(News::Outbox);
        // Side errands, never awaited here: a permission prompt or a service worker
        // that never gets ready must not hold up the next item's save.
        spawn_local(async move {
            if data.persistent.get_untracked() != Some(true) {
                data.persistent.set(ask_persist().await);
            }
        });
        if !sync::browser_online() {
            spawn_local(sync::background::request());
        }
    }
}

/// Shows the outbox as stored: the truth shared by all tabs.
async fn show_outbox(store: &Store, data: AppData) {
    match store.outbox().await {
        Ok(entries) => {
            // On a kiosk, what earlier visitors left waiting is theirs: not shown.
            let shown = entries
                .iter()
                .filter(|e| !data.earlier_visitors(e.created_at));
            let outbox = Outbox::restore(shown.map(StoredEntry::to_entry).collect());
            show(&outbox, data);
        }
        Err(error) => leptos::logging::error!("reading the outbox failed: {error}"),
    }
}

fn show(outbox: &Outbox, data: AppData) {
    data.sign_ups.set(outbox.sign_ups());
    data.notes.set(outbox.notes());
    data.unsent.set(outbox.unanswered());
    let unsent_sign_ups = outbox
        .entries()
        .iter()
        .filter(|e| !matches!(e.state, EntryState::Done(_)))
        .filter(|e| {
            matches!(
                e.mutation.change,
                Change::SignUp(_) | Change::CancelSignUp { .. }
            )
        })
        .count();
    data.unsent_sign_ups.set(unsent_sign_ups);
    let staff_waiting = outbox
        .entries()
        .iter()
        .filter(|e| !matches!(e.state, EntryState::Done(_)) && e.mutation.change.needs_staff())
        .count();
    data.staff_waiting.set(staff_waiting);
}

/// Sends everything waiting, a batch at a time, while no other tab pushes. The outbox is
/// read from IndexedDB under the lock, so an item another tab has just sent is not sent
/// again, and one queued a moment ago goes along. Answered entries are stored without
/// their personal fields.
///
/// Items made "on behalf" of a resident go only with a live session of a role that may
/// act for residents: without one the server refuses the whole push (401 or 403), so
/// they stay out of it and wait. When the
/// server says a session has ended, it is forgotten here and the rest is sent without.
async fn send_all(store: &Store, data: AppData) -> Result<(), sync::SyncError> {
    let _turn = sync::tabs::push_lock().await;
    let session = data
        .session
        .get_untracked()
        .filter(|s| !s.expired(js_sys::Date::now()));
    // An account that may not act for residents (an organiser) would get the whole
    // push refused (403) with such items in it: they wait for one that may.
    let on_behalf = session.as_ref().is_some_and(|s| s.role.can_act_on_behalf());
    let token = session.map(|s| s.token);
    match send_with(store, data, token.as_deref(), on_behalf).await {
        Err(error) if error.sign_in_needed() && token.is_some() => {
            forget_session(data).await;
            send_with(store, data, None, false).await
        }
        other => other,
    }
}

async fn send_with(
    store: &Store,
    data: AppData,
    token: Option<&str>,
    on_behalf: bool,
) -> Result<(), sync::SyncError> {
    let stored: Vec<StoredEntry> = store
        .outbox()
        .await?
        .into_iter()
        .filter(|e| on_behalf || !e.change.needs_staff())
        .collect();
    let created: HashMap<String, f64> = stored
        .iter()
        .map(|e| (e.id.clone(), e.created_at))
        .collect();
    let mut outbox = Outbox::restore(stored.iter().map(StoredEntry::to_entry).collect());
    let created_at = |id: &str| created.get(id).copied().unwrap_or(0.0);
    let mut changed = false;
    let result = loop {
        let batch = outbox.start_batch(MAX_BATCH);
        if batch.is_empty() {
            break Ok(());
        }
        let response = match sync::push(batch, token).await {
            Ok(response) => response,
            Err(error) => break Err(error),
        };
        outbox.finish_batch(&response);
        let (answered, gone): (Vec<_>, Vec<_>) = outbox
            .entries()
            .iter()
            .filter(|e| response.results.iter().any(|r| r.id == e.mutation.id))
            .partition(|e| {
                e.mutation.change.stays_after_answer()
                    && !data.earlier_visitors(created_at(&e.mutation.id))
            });
        let answered: Vec<StoredEntry> = answered
            .into_iter()
            .map(|e| StoredEntry::answered(e, created_at(&e.mutation.id)))
            .collect();
        let gone: Vec<String> = gone.into_iter().map(|e| e.mutation.id.clone()).collect();
        // If this write fails the answers are asked again later: the server repeats
        // them, so nothing is lost, only personal data stays a little longer.
        if let Err(error) = store.settle_outbox(&answered, &gone).await {
            break Err(error.into());
        }
        changed = true;
        // From storage, not from `outbox`: an item saved while this batch was on its
        // way is in storage only, and this outbox may leave out items that wait for a
        // sign-in.
        show_outbox(store, data).await;
    };
    if changed {
        sync::tabs::announce(News::Outbox);
    }
    result
}

async fn pull(
    store: Option<&Store>,
    cursor: u64,
) -> Result<Option<omzien_core::wire::PullResponse>, sync::SyncError> {
    match store {
        Some(store) => sync::pull_into(store, cursor).await,
        // Without IndexedDB, keep the catalogue in memory for this visit.
        None => sync::fetch_changes(cursor).await.map(Some),
    }
}

/// ±20 %, so many kiosks coming back online do not all ask at the same moment.
fn jitter(wait: Duration) -> Duration {
    let factor = 0.8 + 0.4 * js_sys::Math::random();
    wait.mul_f64(factor)
}

fn watch_connection(data: AppData, wake: mpsc::UnboundedSender<()>) {
    let online = window_event_listener(leptos::ev::online, move |_| {
        data.online.set(true);
        let _ = wake.unbounded_send(());
    });
    let offline = window_event_listener(leptos::ev::offline, move |_| data.online.set(false));
    // The app lives as long as the page: these listeners are never removed.
    std::mem::forget((online, offline));
}

fn watch_visibility(wake: mpsc::UnboundedSender<()>) {
    let document = document();
    let doc = document.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            let _ = wake.unbounded_send(());
        }
    });
    let _ = document
        .add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
    on_change.forget();
}

/// A random (version 4) UUID, so the server can tell a repeat from a new item.
/// `crypto.randomUUID()` exists only in secure contexts (https, localhost); a kiosk
/// served over plain http on a local network still has `getRandomValues`.
pub fn new_id() -> String {
    let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) else {
        return String::new(); // no crypto at all: the server refuses it as a bad id
    };
    if js_sys::Reflect::has(&crypto, &"randomUUID".into()).unwrap_or(false) {
        return crypto.random_uuid();
    }
    let mut bytes = [0u8; 16];
    let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
