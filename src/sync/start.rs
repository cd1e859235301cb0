//! Starts the app's state and the loop that keeps it current: IndexedDB first (so the
//! app renders at once, also offline), then the server when reachable.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::delivery::{jitter, jitter_later, Backoff};
use omzien_core::Catalogue;

use crate::browser::tabs::{self, News};
use crate::browser::{background_sync, connection, storage, timing};
use crate::state::catalogue::{CatalogueState, Loaded};
use crate::state::contexts::Contexts;
use crate::state::device::Device;
use crate::state::network::{Network, Problem};
use crate::state::outbox::{OutboxState, Write};
use crate::state::session::SessionState;
use crate::state::shared::{SharedStore, Wake};
use crate::store::{Store, StoreError, SyncMeta};

use super::outbox::{send_all, write_queued};
use super::pull::pull;

/// Starts the load-then-sync loop and returns the state it keeps current. Checks at
/// start, when the browser comes online, when the page becomes visible again, when
/// something is queued, when Background Sync fires, and on a timer with backoff and
/// jitter.
pub fn start() -> Contexts {
    let (wake_sender, woken) = mpsc::unbounded::<()>();
    let wake = Wake::new(wake_sender);
    let (writes, to_write) = mpsc::unbounded::<Write>();
    let store: SharedStore = StoredValue::new_local(None);
    let session = SessionState::new(store, wake, crate::store::kiosk::Kiosk::load().is_some());
    let (device, new_visit) = Device::start(store, session);
    let ctx = Contexts {
        catalogue: CatalogueState::new(),
        network: Network::new(connection::online()),
        outbox: OutboxState::new(writes),
        session,
        device,
    };
    let network = ctx.network;
    connection::on_change(move |online| {
        network.online.set(online);
        if online {
            wake.ring();
        }
    });
    connection::on_visible(move || wake.ring());
    background_sync::on_wake(move || wake.ring());
    spawn_local(run(ctx, store, wake, woken, to_write, new_visit));
    ctx
}

async fn run(
    ctx: Contexts,
    shared: SharedStore,
    wake: Wake,
    mut woken: mpsc::UnboundedReceiver<()>,
    to_write: mpsc::UnboundedReceiver<Write>,
    new_visit: bool,
) {
    timing::begin("omzien-open");
    let store = open(ctx).await;
    timing::end("omzien-open");
    shared.set_value(store.clone());
    // Shared with the list's `Loaded` and copied only when a page changes it while the
    // list still shows the last one: no copy of 10,000 activities at start.
    let mut catalogue = Arc::new(Catalogue::default());
    let mut meta = SyncMeta::default();
    if let Some(store) = &store {
        listen_to_tabs(ctx, store.clone());
        let visit = async {
            if ctx.device.kiosk.is_none() {
                // No wake: the loop below sends what waits at its first round anyway.
                ctx.session.read_stored(false).await;
            } else if new_visit {
                // A new kiosk visit starts clean, also when the last one's wipe did not
                // finish.
                if let Err(error) = store.forget_visit().await {
                    leptos::logging::error!("kiosk: wiping IndexedDB failed: {error}");
                }
            }
        };
        let load = async {
            timing::begin("omzien-load");
            let stored = store.load().await;
            timing::end("omzien-load");
            stored
        };
        // The catalogue and the visit touch different stores: IndexedDB reads the
        // pages while the session is looked up.
        let ((), stored) = futures::join!(visit, load);
        match stored {
            Ok((stored, stored_meta)) => {
                (catalogue, meta) = (Arc::new(stored), stored_meta);
            }
            Err(error) => leptos::logging::error!("reading IndexedDB failed: {error}"),
        }
    }
    spawn_local(write_queued(
        store.clone(),
        to_write,
        wake,
        ctx.outbox,
        ctx.device,
    ));
    if let Some(store) = &store {
        ctx.outbox.refresh(store, ctx.device.visit_started()).await;
    }
    ctx.catalogue
        .loaded
        .set(Some(Loaded::new(catalogue.clone())));
    ctx.catalogue.updated_at.set(meta.updated_at);
    ctx.outbox.persistent.set(storage::persisted().await);

    let mut backoff = Backoff::new();
    // Until when (JS milliseconds) the server asked this device not to push: a wake
    // meanwhile still pulls, but sending sooner would only meet its limit again.
    let mut pushes_held_until = 0.0;
    loop {
        let (wait, exact) = if connection::online() {
            // Each page goes into the list as soon as it is stored: the first one shows
            // results while the rest of a first sync comes in. The list is made anew for
            // the first page and the last, not for each one between.
            let mut pages = 0u32;
            let pulled = pull(store.as_deref(), meta.cursor, |page| {
                meta.cursor = page.cursor;
                pages += 1;
                let last = !page.more;
                Arc::make_mut(&mut catalogue).absorb(page);
                if pages == 1 || last {
                    ctx.catalogue
                        .loaded
                        .set(Some(Loaded::new(catalogue.clone())));
                }
            })
            .await;
            if let (Ok(true), Some(store)) = (&pulled, &store) {
                if store.log_is_long() {
                    if let Err(error) = store.compact(&catalogue, meta.cursor).await {
                        leptos::logging::warn!("writing the catalogue anew failed: {error}");
                    }
                }
            }
            if pulled.is_err() && pages > 1 {
                // Cut off between pages: show what did come.
                ctx.catalogue
                    .loaded
                    .set(Some(Loaded::new(catalogue.clone())));
            }
            let held = js_sys::Date::now() < pushes_held_until;
            let pushed = match &store {
                Some(store) if !held => send_all(store, ctx.outbox, ctx.session, ctx.device).await,
                _ => Ok(()),
            };
            match pulled.and_then(|changed| pushed.map(|()| changed)) {
                Ok(_) => {
                    ctx.catalogue.updated_at.set(Some(js_sys::Date::now()));
                    // The connection may have gone while this round was under way.
                    ctx.network.online.set(connection::online());
                    if held {
                        // The footer keeps saying why the outbox waits.
                        let left = pushes_held_until - js_sys::Date::now();
                        (Duration::from_millis(left.max(0.0) as u64), true)
                    } else {
                        ctx.network.problem.set(None);
                        (backoff.after_success(), false)
                    }
                }
                Err(error) => {
                    leptos::logging::warn!("sync failed: {error}");
                    if error.unreachable() {
                        ctx.network.online.set(false);
                    }
                    ctx.network.problem.set(Some(error.problem()));
                    match error.retry_after() {
                        Some(seconds) => {
                            let wait =
                                jitter_later(backoff.told_to_wait(seconds), js_sys::Math::random());
                            pushes_held_until = js_sys::Date::now() + wait.as_millis() as f64;
                            (wait, true)
                        }
                        None => (backoff.after_failure(), false),
                    }
                }
            }
        } else {
            ctx.network.online.set(false);
            (backoff.offline(), false)
        };
        // ±20 %, so many kiosks coming back online do not all ask at the same moment;
        // a wait the server asked for is already spread (and never shortened).
        let wait = if exact {
            wait
        } else {
            jitter(wait, js_sys::Math::random())
        };
        let timer = gloo_timers::future::sleep(wait);
        if let futures::future::Either::Right(_) =
            futures::future::select(Box::pin(timer), woken.next()).await
        {
            // Something new to send or a reason to look: start over at once, not after
            // a long backoff. Wakes that piled up meanwhile are one.
            backoff.woken();
            while woken.try_recv().is_ok() {}
        }
    }
}

/// Opens IndexedDB; without it the app works while online, and the footer says so.
async fn open(ctx: Contexts) -> Option<Rc<Store>> {
    match Store::open().await {
        Ok(store) => Some(Rc::new(store)),
        Err(error) => {
            leptos::logging::error!("opening IndexedDB failed: {error}");
            ctx.network.problem.set(Some(match error {
                StoreError::Blocked => Problem::OtherWindow,
                _ => Problem::NoStorage,
            }));
            None
        }
    }
}

/// Listens before the first read of the session: a sign-in in another tab while this
/// one starts is not missed.
fn listen_to_tabs(ctx: Contexts, store: Rc<Store>) {
    tabs::on_news(move |news| {
        let store = store.clone();
        spawn_local(async move {
            match news {
                News::Outbox => ctx.outbox.refresh(&store, ctx.device.visit_started()).await,
                News::Session => ctx.session.read_stored(true).await,
            }
        });
    });
}
