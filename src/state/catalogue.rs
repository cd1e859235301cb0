//! The catalogue on this device, with its search index.

use std::sync::Arc;

use leptos::prelude::*;
use omzien_core::{Catalogue, SearchIndex};

/// The catalogue with its search index, built once per change.
pub struct Loaded {
    pub catalogue: Catalogue,
    pub index: SearchIndex,
}

impl Loaded {
    pub fn new(catalogue: Catalogue) -> Arc<Self> {
        let index = SearchIndex::new(&catalogue);
        Arc::new(Loaded { catalogue, index })
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
