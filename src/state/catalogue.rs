//! The catalogue on this device, with its search index.

use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use omzien_core::rank::Standing;
use omzien_core::schedule::Date;
use omzien_core::search::IndexBuilder;
use omzien_core::{Catalogue, SearchIndex};

use crate::browser::timing;

/// How long one slice of the index build may take: well inside the 50 ms after which
/// the browser counts a task as holding up input, so typing and taps go between slices.
const SLICE_MS: f64 = 8.0;
/// Activities indexed between two looks at the clock.
const STEP: usize = 50;

/// The catalogue with its search index and the ranking's standing, worked out once a
/// day. The index is built in slices after the list is on screen (the list without
/// words to search needs none); a search that comes first builds the rest at once.
pub struct Loaded {
    pub catalogue: Arc<Catalogue>,
    index: OnceLock<SearchIndex>,
    building: Mutex<Option<IndexBuilder>>,
    standing: Mutex<Option<Arc<Standing>>>,
}

impl Loaded {
    pub fn new(catalogue: Arc<Catalogue>) -> Arc<Self> {
        let loaded = Arc::new(Loaded {
            catalogue,
            index: OnceLock::new(),
            building: Mutex::new(None),
            standing: Mutex::new(None),
        });
        build_in_slices(Arc::downgrade(&loaded));
        loaded
    }

    /// The search index, finished now if the slices have not finished it yet.
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            let builder = lock(&self.building).take().unwrap_or_default();
            timing::measure("omzien-index", || builder.finish(&self.catalogue))
        })
    }

    /// Builds the index for about `SLICE_MS`; true once it is complete.
    fn build_slice(&self) -> bool {
        if self.index.get().is_some() {
            return true;
        }
        let started = timing::now();
        let mut building = lock(&self.building);
        let builder = building.get_or_insert_with(IndexBuilder::default);
        while !builder.step(&self.catalogue, STEP) {
            if timing::now() - started > SLICE_MS {
                return false;
            }
        }
        drop(building);
        self.index();
        true
    }

    /// The ranking's standing for `today`; a kiosk that runs past midnight gets a new
    /// one with the next search.
    pub fn standing(&self, today: Date) -> Arc<Standing> {
        let mut cached = lock(&self.standing);
        match cached.as_ref() {
            Some(standing) if standing.today() == today => standing.clone(),
            _ => {
                let standing = Arc::new(Standing::new(&self.catalogue, today));
                *cached = Some(standing.clone());
                standing
            }
        }
    }
}

/// A poisoned lock only means a panic elsewhere mid-update: the value is whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Builds `loaded`'s index a slice per task, each after a timer, so the first results
/// are drawn before it and input is handled between slices; stops when a newer
/// catalogue has replaced this one.
fn build_in_slices(loaded: Weak<Loaded>) {
    spawn_local(async move {
        loop {
            gloo_timers::future::sleep(Duration::ZERO).await;
            let Some(loaded) = loaded.upgrade() else {
                return;
            };
            if loaded.build_slice() {
                return;
            }
        }
    });
}

#[derive(Clone, Copy)]
pub struct CatalogueState {
    /// `None` until IndexedDB has answered; then the stored catalogue (maybe empty).
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    /// When the catalogue was last confirmed current with the server (JS milliseconds).
    pub updated_at: RwSignal<Option<f64>>,
    /// The catalogue page's query string, so "back to all activities" restores it.
    pub last_search: RwSignal<String>,
}

impl CatalogueState {
    pub fn new() -> Self {
        CatalogueState {
            loaded: RwSignal::new(None),
            updated_at: RwSignal::new(None),
            last_search: RwSignal::new(String::new()),
        }
    }
}
