//! The outbox in IndexedDB (object store `outbox`, keyed by the mutation's UUID).
//!
//! Writes use `durability: "strict"`: the browser confirms only once the data is on
//! disk, so "saved" on screen means saved. rexie cannot ask for that (docs/decisions.md),
//! so these writes go through web-sys on a connection of their own.

use js_sys::{Array, Function, Object, Promise, Reflect};
use omzien_core::outbox::{Entry, EntryState};
use omzien_core::wire::{Change, Mutation, Outcome};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction};

use super::error::StoreError;
use super::json::to_js;

/// The object store of the outbox.
pub const OUTBOX: &str = "outbox";

/// An outbox entry as stored. Once answered, personal fields are no longer in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEntry {
    pub id: String,
    pub change: Change,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// When it was made, JavaScript milliseconds.
    pub created_at: f64,
}

impl StoredEntry {
    pub fn new(mutation: Mutation, created_at: f64) -> Self {
        StoredEntry {
            id: mutation.id,
            change: mutation.change,
            outcome: None,
            created_at,
        }
    }

    pub fn to_entry(&self) -> Entry {
        Entry {
            mutation: Mutation {
                id: self.id.clone(),
                change: self.change.clone(),
            },
            state: match &self.outcome {
                Some(outcome) => EntryState::Done(outcome.clone()),
                None => EntryState::Waiting,
            },
            created_at: self.created_at,
        }
    }
}

/// An entry as `omzien_core::delivery` settled it (its personal fields already gone
/// once answered). A push under way is stored as waiting: after a restart it is sent
/// again.
impl From<&Entry> for StoredEntry {
    fn from(entry: &Entry) -> Self {
        StoredEntry {
            id: entry.mutation.id.clone(),
            change: entry.mutation.change.clone(),
            outcome: match &entry.state {
                EntryState::Done(outcome) => Some(outcome.clone()),
                EntryState::Waiting | EntryState::Sending => None,
            },
            created_at: entry.created_at,
        }
    }
}

/// A connection for strict writes.
pub struct StrictWriter {
    db: IdbDatabase,
}

impl StrictWriter {
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(StoreError::Unavailable)?;
        let request = factory.open(name).map_err(StoreError::js)?;
        let db = wait(&request)
            .await?
            .dyn_into::<IdbDatabase>()
            .map_err(StoreError::js)?;
        // A newer version of the app in another tab wants to upgrade the database, and
        // waits until every connection is closed. Reloading closes this page's and
        // brings it onto the new version too.
        let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        db.set_onversionchange(Some(on_upgrade.unchecked_ref()));
        Ok(StrictWriter { db })
    }

    pub fn close(&self) {
        self.db.close();
    }

    /// Writes `entries` and removes the entries with the ids in `forget`, in one strict
    /// transaction, and waits until it is durable.
    pub async fn write(
        &self,
        entries: &[StoredEntry],
        forget: &[String],
    ) -> Result<(), StoreError> {
        // web-sys has the options argument only behind `web_sys_unstable_apis`; the
        // call is the standard `db.transaction(stores, "readwrite", {durability})`.
        let options = Object::new();
        Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(StoreError::js)?;
        let stores = Array::of1(&JsValue::from_str(OUTBOX));
        let transaction: Function = Reflect::get(&self.db, &"transaction".into())
            .and_then(|f| f.dyn_into())
            .map_err(StoreError::js)?;
        let tx: IdbTransaction = transaction
            .call3(&self.db, &stores, &"readwrite".into(), &options)
            .and_then(|t| t.dyn_into())
            .map_err(StoreError::js)?;
        let store = tx.object_store(OUTBOX).map_err(StoreError::js)?;
        for entry in entries {
            store.put(&to_js(entry)?).map_err(StoreError::js)?;
        }
        for id in forget {
            store
                .delete(&JsValue::from_str(id))
                .map_err(StoreError::js)?;
        }
        completed(&tx).await
    }
}

/// The result of an IndexedDB request.
async fn wait(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call0(&JsValue::NULL);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map_err(|_| StoreError::Js(request_error(request)))?;
    request.result().map_err(StoreError::js)
}

/// Waits for `complete` (durable, with strict) or fails on `abort` / `error`.
async fn completed(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject_too = reject.clone();
        let on_abort = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject_too.call0(&JsValue::NULL);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|_| {
        let reason = tx
            .error()
            .map(|e| e.message())
            .unwrap_or_else(|| "transaction aborted".to_owned());
        StoreError::Js(reason)
    })?;
    Ok(())
}

fn request_error(request: &IdbRequest) -> String {
    request
        .error()
        .ok()
        .flatten()
        .map(|e| e.message())
        .unwrap_or_else(|| "request failed".to_owned())
}
