//! The app's shared state and the loop that keeps the catalogue current: IndexedDB
//! first (so the app renders at once, also offline), then the server when reachable.

use std::sync::Arc;
use std::time::Duration;

use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::{Catalogue, SearchIndex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::store::{Store, SyncMeta};
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
}

impl AppData {
    pub fn new() -> Self {
        AppData {
            loaded: RwSignal::new(None),
            updated_at: RwSignal::new(None),
            online: RwSignal::new(sync::browser_online()),
            problem: RwSignal::new(None),
            last_search: RwSignal::new(String::new()),
        }
    }
}

impl Default for AppData {
    fn default() -> Self {
        Self::new()
    }
}

/// Between checks when all is well: the catalogue changes a few times a week at most.
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);
const RETRY_FIRST: Duration = Duration::from_secs(15);
const RETRY_MAX: Duration = Duration::from_secs(10 * 60);

/// Starts the load-then-sync loop. Checks at start, when the browser comes online,
/// when the page becomes visible again, and on a timer with backoff and jitter.
pub fn start_sync(data: AppData) {
    let (wake, mut woken) = mpsc::unbounded::<()>();
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
        if let Some(store) = &store {
            match store.load().await {
                Ok((stored, stored_meta)) => (catalogue, meta) = (stored, stored_meta),
                Err(error) => leptos::logging::error!("reading IndexedDB failed: {error}"),
            }
        }
        data.loaded.set(Some(Loaded::new(catalogue.clone())));
        data.updated_at.set(meta.updated_at);

        let mut retry = RETRY_FIRST;
        loop {
            let wait = if sync::browser_online() {
                match pull(store.as_ref(), meta.cursor).await {
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
                        leptos::logging::warn!("pull failed: {error}");
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
            futures::future::select(Box::pin(timer), woken.next()).await;
        }
    });
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
