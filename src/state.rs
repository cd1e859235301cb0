//! The app's shared state and the loop that keeps the catalogue current: IndexedDB
//! first (so the app renders at once, also offline), then the server when reachable.

use std::sync::Arc;
use std::time::Duration;

use std::collections::HashMap;

use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::outbox::{Outbox, SignUpView};
use omzien_core::wire::{Mutation, MAX_BATCH};
use omzien_core::{Catalogue, SearchIndex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::store::{Store, StoredEntry, SyncMeta};
use crate::sync;

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
    /// The last problem, in words for people; cleared by the next success.
    pub problem: RwSignal<Option<&'static str>>,
    /// The catalogue page's query string, so "back to all activities" restores it.
    pub last_search: RwSignal<String>,
    /// This device's sign-ups and where each stands.
    pub sign_ups: RwSignal<Vec<SignUpView>>,
    /// How many queued items have no answer from the server yet.
    pub unsent: RwSignal<usize>,
    wake: StoredValue<mpsc::UnboundedSender<Wake>>,
}

enum Wake {
    /// Look for work now (online again, page visible again).
    Check,
    /// Store this mutation durably, answer, then send it.
    Queue(Mutation, oneshot::Sender<Result<(), &'static str>>),
}

const CANNOT_SAVE: &str =
    "Dit apparaat kan je aanmelding nu niet bewaren. Probeer het nog een keer.";

impl AppData {
    /// Stores a mutation in the outbox and returns once it is safely on the device:
    /// only then may the page say "saved". It is sent as soon as there is a connection.
    pub async fn queue(self, mutation: Mutation) -> Result<(), &'static str> {
        let (answer, answered) = oneshot::channel();
        let sent = self
            .wake
            .with_value(|wake| wake.unbounded_send(Wake::Queue(mutation, answer)).is_ok());
        if !sent {
            return Err(CANNOT_SAVE);
        }
        answered.await.unwrap_or(Err(CANNOT_SAVE))
    }
}

/// Between checks when all is well: the catalogue changes a few times a week at most.
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
const RETRY_FIRST: Duration = Duration::from_secs(15);
const RETRY_MAX: Duration = Duration::from_secs(10 * 60);

/// Starts the load-then-sync loop and returns the state it keeps current. Checks at
/// start, when the browser comes online, when the page becomes visible again, when
/// something is queued, and on a timer with backoff and jitter.
pub fn start_sync() -> AppData {
    let (wake, mut woken) = mpsc::unbounded::<Wake>();
    let data = AppData {
        loaded: RwSignal::new(None),
        updated_at: RwSignal::new(None),
        online: RwSignal::new(sync::browser_online()),
        problem: RwSignal::new(None),
        last_search: RwSignal::new(String::new()),
        sign_ups: RwSignal::new(Vec::new()),
        unsent: RwSignal::new(0),
        wake: StoredValue::new(wake.clone()),
    };
    watch_connection(data, wake.clone());
    watch_visibility(wake);

    spawn_local(async move {
        let store = match Store::open().await {
            Ok(store) => Some(store),
            Err(error) => {
                leptos::logging::error!("opening IndexedDB failed: {error}");
                data.problem.set(Some(
                    "Dit apparaat kan de gegevens niet bewaren. Omzien werkt zolang er verbinding is.",
                ));
                None
            }
        };
        let mut catalogue = Catalogue::default();
        let mut meta = SyncMeta::default();
        let mut queue = Queue::default();
        if let Some(store) = &store {
            match store.load().await {
                Ok((stored, stored_meta)) => (catalogue, meta) = (stored, stored_meta),
                Err(error) => leptos::logging::error!("reading IndexedDB failed: {error}"),
            }
            match store.outbox().await {
                Ok(entries) => queue = Queue::restore(entries),
                Err(error) => leptos::logging::error!("reading the outbox failed: {error}"),
            }
        }
        data.loaded.set(Some(Loaded::new(catalogue.clone())));
        data.updated_at.set(meta.updated_at);
        queue.publish(data);

        let mut retry = RETRY_FIRST;
        loop {
            let wait = if sync::browser_online() {
                let pulled = pull(store.as_ref(), meta.cursor).await;
                let pushed = match &store {
                    Some(store) => queue.send_all(store, data).await,
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
                        data.online.set(true);
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
            let woke = match futures::future::select(Box::pin(timer), woken.next()).await {
                futures::future::Either::Right((woke, _)) => woke,
                futures::future::Either::Left(_) => None,
            };
            if let Some(Wake::Queue(mutation, answer)) = woke {
                let saved = match &store {
                    Some(store) => queue.add(store, mutation).await,
                    None => Err(CANNOT_SAVE),
                };
                queue.publish(data);
                let _ = answer.send(saved);
                // A new sign-up is sent at once, not after a long backoff.
                retry = RETRY_FIRST;
            }
        }
    });
    data
}

/// The outbox with the time each entry was made, owned by the sync loop alone.
#[derive(Default)]
struct Queue {
    outbox: Outbox,
    created: HashMap<String, f64>,
}

impl Queue {
    fn restore(entries: Vec<StoredEntry>) -> Self {
        let created = entries
            .iter()
            .map(|e| (e.id.clone(), e.created_at))
            .collect();
        Queue {
            outbox: Outbox::restore(entries.iter().map(StoredEntry::to_entry).collect()),
            created,
        }
    }

    fn publish(&self, data: AppData) {
        data.sign_ups.set(self.outbox.sign_ups());
        data.unsent.set(self.outbox.unanswered());
    }

    async fn add(&mut self, store: &Store, mutation: Mutation) -> Result<(), &'static str> {
        let now = js_sys::Date::now();
        let entry = StoredEntry::new(mutation.clone(), now);
        if let Err(error) = store.save_outbox(&[entry]).await {
            leptos::logging::error!("saving to the outbox failed: {error}");
            return Err(CANNOT_SAVE);
        }
        self.created.insert(mutation.id.clone(), now);
        self.outbox.add(mutation);
        Ok(())
    }

    /// Sends everything waiting, a batch at a time. Answered entries are stored
    /// without their personal fields.
    async fn send_all(&mut self, store: &Store, data: AppData) -> Result<(), sync::SyncError> {
        loop {
            let batch = self.outbox.start_batch(MAX_BATCH);
            if batch.is_empty() {
                return Ok(());
            }
            let response = match sync::push(batch).await {
                Ok(response) => response,
                Err(error) => {
                    self.outbox.fail_batch();
                    return Err(error);
                }
            };
            self.outbox.finish_batch(&response);
            let answered: Vec<StoredEntry> = self
                .outbox
                .entries()
                .iter()
                .filter(|e| response.results.iter().any(|r| r.id == e.mutation.id))
                .map(|e| {
                    let created = self.created.get(&e.mutation.id).copied().unwrap_or(0.0);
                    StoredEntry::answered(e, created)
                })
                .collect();
            // If this write fails the answers are asked again later: the server
            // repeats them, so nothing is lost, only personal data stays a little longer.
            store.save_outbox(&answered).await?;
            self.publish(data);
        }
    }
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

fn watch_connection(data: AppData, wake: mpsc::UnboundedSender<Wake>) {
    let online = window_event_listener(leptos::ev::online, move |_| {
        data.online.set(true);
        let _ = wake.unbounded_send(Wake::Check);
    });
    let offline = window_event_listener(leptos::ev::offline, move |_| data.online.set(false));
    // The app lives as long as the page: these listeners are never removed.
    std::mem::forget((online, offline));
}

fn watch_visibility(wake: mpsc::UnboundedSender<Wake>) {
    let document = document();
    let doc = document.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            let _ = wake.unbounded_send(Wake::Check);
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
