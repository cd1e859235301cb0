//! The outbox's driver: each queued mutation is stored durably before the page may say
//! "saved" (`write_queued`), then sent a batch at a time (`send_all`). What goes, in
//! which batches and what is kept after each answer is `omzien_core::delivery`'s
//! decision; here it is carried out.

use std::rc::Rc;

use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::delivery::{Delivery, Rules};
use omzien_core::wire::MAX_BATCH;

use crate::api;
use crate::browser::tabs::{self, News};
use crate::browser::{background_sync, connection, storage, uuid};
use crate::state::device::Device;
use crate::state::outbox::{OutboxState, QueueError, Write};
use crate::state::session::SessionState;
use crate::state::shared::Wake;
use crate::store::device_id::device_id;
use crate::store::{Store, StoredEntry};

use super::error::SyncError;

/// Writes queued mutations to the outbox as they come, each strictly durable before its
/// answer, then rings the sync loop to send them.
pub async fn write_queued(
    store: Option<Rc<Store>>,
    mut to_write: mpsc::UnboundedReceiver<Write>,
    wake: Wake,
    outbox: OutboxState,
    device: Device,
) {
    while let Some((mutation, answer)) = to_write.next().await {
        let Some(store) = &store else {
            let _ = answer.send(Err(QueueError::NoStorage));
            continue;
        };
        let entry = StoredEntry::new(mutation, js_sys::Date::now());
        if let Err(error) = store.save_outbox(&[entry]).await {
            leptos::logging::error!("saving to the outbox failed: {error}");
            let _ = answer.send(Err(QueueError::NotStored));
            continue;
        }
        let _ = answer.send(Ok(()));
        wake.ring();
        outbox.refresh(store, device.visit_started()).await;
        tabs::announce(News::Outbox);
        // Side errands, never awaited here: a permission prompt or a service worker
        // that never gets ready must not hold up the next item's save.
        spawn_local(async move {
            if outbox.persistent.get_untracked() != Some(true) {
                outbox.persistent.set(storage::ask_persist().await);
            }
        });
        if !connection::online() {
            spawn_local(background_sync::request());
        }
    }
}

/// Sends everything waiting, a batch at a time, while no other tab pushes. The outbox
/// is read from IndexedDB under the lock, so an item another tab has just sent is not
/// sent again, and one queued a moment ago goes along.
///
/// Items made "on behalf" of a resident go only with a live session of a role that may
/// act for residents, activity changes only with one that keeps activities: without it
/// the server refuses the whole push (401 or 403), so they stay out of it and wait. When the server says a session has ended, it is
/// forgotten here and the rest is sent without.
pub async fn send_all(
    store: &Store,
    outbox: OutboxState,
    session: SessionState,
    device: Device,
) -> Result<(), SyncError> {
    let _turn = tabs::push_lock().await;
    let live = session.live_untracked();
    let role = live.as_ref().map(|s| s.role);
    let token = live.map(|s| s.token);
    let rules = |role: Option<omzien_core::staff::Role>| Rules {
        may_act_on_behalf: role.is_some_and(|r| r.can_act_on_behalf()),
        may_edit_activities: role.is_some_and(|r| r.can_edit_activities()),
        visit_started: device.visit_started(),
    };
    match send_with(store, outbox, rules(role), token.as_deref()).await {
        Err(error) if error.sign_in_needed() && token.is_some() => {
            session.forget().await;
            send_with(store, outbox, rules(None), None).await
        }
        other => other,
    }
}

async fn send_with(
    store: &Store,
    outbox: OutboxState,
    rules: Rules,
    token: Option<&str>,
) -> Result<(), SyncError> {
    let visit_started = rules.visit_started;
    let stored = store.outbox().await?;
    let mut delivery = Delivery::new(stored.iter().map(StoredEntry::to_entry).collect(), rules);
    let device = device_id(uuid::new_id);
    let mut changed = false;
    let result = loop {
        let batch = delivery.next_batch(MAX_BATCH);
        if batch.is_empty() {
            break Ok(());
        }
        let response = match api::sync::push(batch, token, device.as_deref()).await {
            Ok(response) => response,
            Err(error) => {
                delivery.failed();
                break Err(error.into());
            }
        };
        let settled = delivery.answer(&response);
        let keep: Vec<StoredEntry> = settled.keep.iter().map(StoredEntry::from).collect();
        // If this write fails the answers are asked again later: the server repeats
        // them, so nothing is lost, only personal data stays a little longer.
        if let Err(error) = store.settle_outbox(&keep, &settled.forget).await {
            break Err(error.into());
        }
        changed = true;
        // From storage, not from `delivery`: an item saved while this batch was on its
        // way is in storage only, and `delivery` may leave out items that wait for a
        // sign-in.
        outbox.refresh(store, visit_started).await;
        if let Some(retry_after) = response.retry_after {
            // The rest of this push went unanswered: it waits the time the server
            // asked for, rather than meet the same limit again at once.
            break Err(SyncError::Later { retry_after });
        }
    };
    if changed {
        tabs::announce(News::Outbox);
    }
    result
}
