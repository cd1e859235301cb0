//! Handles that several contexts hold: the IndexedDB store and the sync engine's bell.

use std::rc::Rc;

use futures::channel::mpsc;
use leptos::prelude::*;

use crate::store::Store;

/// The opened IndexedDB store: `None` until it opened, and for good where it cannot.
pub type SharedStore = StoredValue<Option<Rc<Store>>, LocalStorage>;

/// Rings the sync engine: something new to send, or a reason to look now.
#[derive(Clone, Copy)]
pub struct Wake(StoredValue<mpsc::UnboundedSender<()>>);

impl Wake {
    pub fn new(sender: mpsc::UnboundedSender<()>) -> Self {
        Wake(StoredValue::new(sender))
    }

    pub fn ring(self) {
        let _ = self.0.with_value(|sender| sender.unbounded_send(()));
    }
}
