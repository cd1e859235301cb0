//! IndexedDB, and only here. The rest of the app sees `Store` and plain Rust types, so
//! moving from rexie to `idb` (which rexie wraps) stays this module's business.
//!
//! Layout (database `omzien`, version 5): the catalogue is the log of the pull's pages
//! in `pages` (auto-incremented keys, so in the order they came), each page one record
//! holding its JSON as UTF-8 bytes (a `Uint8Array`: copied into the wasm as it is, where a
//! JS string would be encoded anew; pages stored as text by earlier builds are still
//! read); `meta` holds the pull cursor, the format and the time of the
//! last successful update. The start reads the few page records and replays them with
//! `Catalogue::apply`, so a reset page drops what came before and tombstones delete,
//! exactly as they did when the pages arrived. Version 2 added `outbox` (see
//! `outbox.rs`), version 3 `info_pages` and `campaigns`, version 4 `staff` (the
//! signed-in staff member's session, one record under the key `session`; apart from
//! `meta` so a pull that resets the catalogue does not sign anyone out), version 5
//! `pages`. Up to version 4 the catalogue was one record per organisation, activity,
//! wijk, page and campaign: at 10,000 activities that made every start read and convert
//! 10,000 records (docs/benchmarks.md). The upgrade to 5 drops those stores (rexie
//! deletes the stores it is not given); the catalogue is public and the next pull brings
//! it again, while `outbox` and `staff` stay as they are.
//!
//! A new version can bring record kinds that an older app skipped while its cursor
//! moved on. `meta.format` says which version stored the catalogue; when it is older,
//! the cursor counts as 0 and the next pull brings everything again (with `reset`).

pub mod device_id;
pub mod display;
mod error;
mod json;
pub mod kiosk;
pub mod language;
mod outbox;

pub use error::StoreError;
pub use outbox::StoredEntry;

use json::{from_js, to_js};
use outbox::OUTBOX;

const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

use omzien_core::staff::Role;
use omzien_core::wire::PullResponse;
use omzien_core::Catalogue;
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

pub const DATABASE: &str = "omzien";
const VERSION: u32 = 5;

const META: &str = "meta";
const STAFF: &str = "staff";
const SESSION: &str = "session";
const PAGES: &str = "pages";
/// After this many stored pages (a kiosk adds one with every pull that brings a
/// change), the log is written anew as the pages of the whole catalogue.
const MAX_PAGES: u32 = 64;
/// Activities per page of a log written anew: each page is parsed in a task of its own
/// at start, short enough not to hold up input (the server's pages are as big).
const COMPACT_PAGE: usize = 1000;
/// How long reading the stored pages may hold the main thread before it lets input
/// in: well inside the 50 ms after which the browser counts a task as long (a page of
/// 1,000 activities takes about 10 ms).
const TASK_MS: f64 = 30.0;
const CURSOR: &str = "cursor";
const UPDATED_AT: &str = "updated_at";
const FORMAT: &str = "format";

/// What the app knows about its copy of the catalogue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncMeta {
    /// The server cursor the stored catalogue is at; 0 means nothing stored yet.
    pub cursor: u64,
    /// When the last pull succeeded, in milliseconds since 1970 (JavaScript time).
    pub updated_at: Option<f64>,
}

/// A staff member's sign-in on this device: the token to send as
/// `Authorization: Bearer …` and until when the server takes it.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct StaffSession {
    pub token: String,
    /// RFC 3339, UTC, as the server gave it.
    pub expires_at: String,
    pub role: Role,
    pub email: String,
    pub user_id: i64,
    /// An organiser's organisations, for "Mijn aanbod" offline.
    #[serde(default)]
    pub organisations: Vec<String>,
}

impl StaffSession {
    /// Whether the server's end of the session has passed on this device's clock.
    pub fn expired(&self, now_ms: f64) -> bool {
        let ends = js_sys::Date::parse(&self.expires_at);
        ends.is_nan() || ends <= now_ms
    }
}

pub struct Store {
    db: Rexie,
    strict: outbox::StrictWriter,
    /// How many pages the log held at the last read or write.
    logged: std::cell::Cell<u32>,
}

impl Store {
    /// Opens the app's database. An upgrade waits while a tab of an older version keeps
    /// the database open; after `OPEN_WAIT` that is reported instead of waiting on.
    pub async fn open() -> Result<Store, StoreError> {
        let open = Box::pin(Self::open_named(DATABASE));
        let timeout = Box::pin(gloo_timers::future::sleep(OPEN_WAIT));
        match futures::future::select(open, timeout).await {
            futures::future::Either::Left((opened, _)) => opened,
            futures::future::Either::Right(_) => Err(StoreError::Blocked),
        }
    }

    /// A database by another name, so tests do not touch the app's own.
    pub async fn open_named(name: &str) -> Result<Store, StoreError> {
        let db = async {
            Ok::<_, StoreError>(
                Rexie::builder(name)
                    .version(VERSION)
                    .add_object_store(ObjectStore::new(META))
                    .add_object_store(ObjectStore::new(OUTBOX).key_path("id"))
                    .add_object_store(ObjectStore::new(STAFF))
                    .add_object_store(ObjectStore::new(PAGES).auto_increment(true))
                    .build()
                    .await?,
            )
        };
        // Both connections asked for at once (an open costs tens of milliseconds at
        // start). IndexedDB answers the requests for one database in the order they
        // were made, and the versioned one is made first (a future's first poll sends
        // it): the strict connection, which names no version, opens after the upgrade.
        let (db, strict) = futures::try_join!(db, outbox::StrictWriter::open(name))?;
        Ok(Store {
            db,
            strict,
            logged: std::cell::Cell::new(0),
        })
    }

    /// Removes a database entirely (tests).
    pub async fn delete_named(name: &str) -> Result<(), StoreError> {
        Ok(Rexie::delete(name).await?)
    }

    pub fn close(self) {
        self.strict.close();
        self.db.close();
    }

    /// Every outbox entry, oldest first.
    pub async fn outbox(&self) -> Result<Vec<StoredEntry>, StoreError> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let mut entries: Vec<StoredEntry> = get_all(&tx.store(OUTBOX)?).await?;
        tx.done().await?;
        entries.sort_by(|a, b| a.created_at.total_cmp(&b.created_at));
        Ok(entries)
    }

    /// Writes outbox entries durably ("strict"): when this returns Ok, they are on disk.
    pub async fn save_outbox(&self, entries: &[StoredEntry]) -> Result<(), StoreError> {
        self.strict.write(entries, &[]).await
    }

    /// Stores answered entries and removes those with nothing left to show, durably and
    /// in one transaction.
    pub async fn settle_outbox(
        &self,
        answered: &[StoredEntry],
        forget: &[String],
    ) -> Result<(), StoreError> {
        self.strict.write(answered, forget).await
    }

    /// The stored catalogue and where it stands; an empty catalogue on first start.
    pub async fn load(&self) -> Result<(Catalogue, SyncMeta), StoreError> {
        let tx = self
            .db
            .transaction(&[PAGES, META], TransactionMode::ReadOnly)?;
        let pages = tx.store(PAGES)?.get_all(None, None).await?;
        let meta_store = tx.store(META)?;
        let current = get_meta::<u32>(&meta_store, FORMAT).await? == Some(VERSION);
        let meta = SyncMeta {
            cursor: if current {
                get_meta(&meta_store, CURSOR).await?.unwrap_or(0)
            } else {
                0
            },
            updated_at: get_meta(&meta_store, UPDATED_AT).await?,
        };
        tx.done().await?;
        self.logged.set(pages.len() as u32);
        let mut catalogue = Catalogue::default();
        let mut since = crate::browser::timing::now();
        for page in pages {
            // 10,000 activities parsed at once would hold up the screen for a few
            // hundred milliseconds: a new task whenever this one has taken its share.
            if crate::browser::timing::now() - since > TASK_MS {
                gloo_timers::future::sleep(std::time::Duration::ZERO).await;
                since = crate::browser::timing::now();
            }
            catalogue.absorb(read_page(&page)?);
        }
        Ok((catalogue, meta))
    }

    /// Applies a pull (one page of it) in one transaction together with its cursor:
    /// either all of it is stored, or none, so a sync that stops between pages goes on
    /// from the last page stored. The page goes in as one record, `json` (the page as
    /// the server sent it): no record per activity, and nothing for IndexedDB to clone
    /// but one array of bytes.
    pub async fn apply_pull(
        &self,
        pull: &PullResponse,
        json: &[u8],
        now_ms: f64,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[PAGES, META], TransactionMode::ReadWrite)?;
        let (pages, meta) = (tx.store(PAGES)?, tx.store(META)?);
        if pull.reset {
            pages.clear().await?;
            meta.clear().await?;
        }
        pages.add(&js_sys::Uint8Array::from(json), None).await?;
        let count = pages.count(None).await?;
        put_meta(&meta, CURSOR, &pull.cursor).await?;
        put_meta(&meta, FORMAT, &VERSION).await?;
        put_meta(&meta, UPDATED_AT, &now_ms).await?;
        tx.commit().await?;
        self.logged.set(count);
        Ok(())
    }

    /// Whether the log of pages is long enough to be written anew.
    pub fn log_is_long(&self) -> bool {
        self.logged.get() > MAX_PAGES
    }

    /// Writes the log anew as the few pages that hold `catalogue` at `cursor` (what
    /// replaying the log gives), so a kiosk that pulled small changes for months does
    /// not replay them all at every start.
    pub async fn compact(&self, catalogue: &Catalogue, cursor: u64) -> Result<(), StoreError> {
        let pages_json = catalogue
            .as_pages(cursor, COMPACT_PAGE)
            .iter()
            .map(serde_json::to_vec)
            .collect::<Result<Vec<_>, _>>()?;
        let tx = self.db.transaction(&[PAGES], TransactionMode::ReadWrite)?;
        let pages = tx.store(PAGES)?;
        pages.clear().await?;
        for json in &pages_json {
            pages
                .add(&js_sys::Uint8Array::from(&json[..]), None)
                .await?;
        }
        tx.commit().await?;
        self.logged.set(pages_json.len() as u32);
        Ok(())
    }

    /// The staff session kept on this device, if any.
    pub async fn session(&self) -> Result<Option<StaffSession>, StoreError> {
        let tx = self.db.transaction(&[STAFF], TransactionMode::ReadOnly)?;
        let session = get_meta(&tx.store(STAFF)?, SESSION).await?;
        tx.done().await?;
        Ok(session)
    }

    pub async fn save_session(&self, session: &StaffSession) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[STAFF], TransactionMode::ReadWrite)?;
        put_meta(&tx.store(STAFF)?, SESSION, session).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets the session (sign-out): the token is gone from the device.
    pub async fn clear_session(&self) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[STAFF], TransactionMode::ReadWrite)?;
        tx.store(STAFF)?.delete(JsValue::from_str(SESSION)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A kiosk visit's end: every answered outbox entry (what a visitor signed up for,
    /// the routing fields of a note) and any staff session go. Entries the server does
    /// not have yet stay: they are a visitor's sign-ups, and go once it is reachable.
    pub async fn forget_visit(&self) -> Result<(), StoreError> {
        let answered: Vec<String> = self
            .outbox()
            .await?
            .into_iter()
            .filter(|e| e.outcome.is_some())
            .map(|e| e.id)
            .collect();
        self.strict.write(&[], &answered).await?;
        self.clear_session().await
    }

    /// Records that the server was asked and had nothing new: the data is current.
    pub async fn mark_checked(&self, now_ms: f64) -> Result<(), StoreError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        put_meta(&tx.store(META)?, UPDATED_AT, &now_ms).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A stored page: UTF-8 bytes, or JSON text as earlier builds stored it.
fn read_page(value: &JsValue) -> Result<PullResponse, StoreError> {
    if let Some(text) = value.as_string() {
        return Ok(serde_json::from_str(&text)?);
    }
    let bytes = value
        .dyn_ref::<js_sys::Uint8Array>()
        .ok_or_else(|| StoreError::Js("a stored page is neither bytes nor text".into()))?;
    Ok(serde_json::from_slice(&bytes.to_vec())?)
}

/// Every record of a store, read in one request and turned into Rust through one JSON
/// text for the whole list: per record, the text round trip cost more than the read
/// at 10,000 activities.
async fn get_all<T: DeserializeOwned>(store: &rexie::Store) -> Result<Vec<T>, StoreError> {
    let values: js_sys::Array = store.get_all(None, None).await?.into_iter().collect();
    from_js(&values)
}

async fn get_meta<T: DeserializeOwned>(
    store: &rexie::Store,
    key: &str,
) -> Result<Option<T>, StoreError> {
    match store.get(JsValue::from_str(key)).await? {
        Some(value) if !value.is_undefined() => Ok(Some(from_js(&value)?)),
        _ => Ok(None),
    }
}

async fn put_meta<T: Serialize>(
    store: &rexie::Store,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    store
        .put(&to_js(value)?, Some(&JsValue::from_str(key)))
        .await?;
    Ok(())
}
