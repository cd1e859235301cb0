//! The catalogue on this device, with its search index.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use omzien_core::rank::Standing;
use omzien_core::schedule::Date;
use omzien_core::{Catalogue, SearchIndex};

use crate::browser::timing;

/// The catalogue with its search index, built once per change, and the ranking's
/// standing, worked out once a day.
pub struct Loaded {
    pub catalogue: Catalogue,
    pub index: SearchIndex,
    standing: Mutex<Option<Arc<Standing>>>,
}

impl Loaded {
    pub fn new(catalogue: Catalogue) -> Arc<Self> {
        let index = timing::measure("omzien-index", || SearchIndex::new(&catalogue));
        Arc::new(Loaded {
            catalogue,
            index,
            standing: Mutex::new(None),
        })
    }

    /// The ranking's standing for `today`; a kiosk that runs past midnight gets a new
    /// one with the next search.
    pub fn standing(&self, today: Date) -> Arc<Standing> {
        // A poisoned lock only means a panic elsewhere mid-update: the value is whole.
        let mut cached = self.standing.lock().unwrap_or_else(|e| e.into_inner());
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
