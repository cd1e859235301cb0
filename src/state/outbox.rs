//! This device's sign-ups and concern notes, and where each stands: what "Mijn
//! aanmeldingen", "Je meldingen" and the footer show. `queue` is the one way in.

use futures::channel::{mpsc, oneshot};
use leptos::prelude::*;
use omzien_core::delivery::shown;
use std::sync::Arc;

use omzien_core::outbox::{Counts, NoteView, Outbox, SignUpView};
use omzien_core::wire::Mutation;

use crate::store::{Store, StoredEntry};

#[derive(Clone, Copy)]
pub struct OutboxState {
    /// This device's sign-ups and where each stands.
    pub sign_ups: RwSignal<Vec<SignUpView>>,
    /// This device's concern notes and where each stands (routing fields only).
    pub notes: RwSignal<Vec<NoteView>>,
    /// How many queued items have no answer yet, how many of those are sign-ups or
    /// cancellations, and how many wait for a staff sign-in (made "on behalf").
    pub counts: RwSignal<Counts>,
    /// The whole outbox as shown, for the views only staff use (an organiser's edits:
    /// `omzien_core::edits`).
    pub shown: RwSignal<Arc<Outbox>>,
    /// Whether the browser keeps this site's data when the disk runs full (`None`:
    /// it cannot say). Waiting items in storage that may be evicted deserve a warning.
    pub persistent: RwSignal<Option<bool>>,
    writes: StoredValue<mpsc::UnboundedSender<Write>>,
}

/// A mutation to store durably, and where to say whether that worked.
pub type Write = (Mutation, oneshot::Sender<Result<(), QueueError>>);

/// Why a mutation could not be kept on the device. Nothing was saved: the form keeps
/// what the person typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueueError {
    #[error("this device offers no storage for the outbox")]
    NoStorage,
    #[error("IndexedDB did not store the item")]
    NotStored,
}

impl OutboxState {
    pub fn new(writes: mpsc::UnboundedSender<Write>) -> Self {
        OutboxState {
            sign_ups: RwSignal::new(Vec::new()),
            notes: RwSignal::new(Vec::new()),
            counts: RwSignal::new(Counts::default()),
            persistent: RwSignal::new(None),
            shown: RwSignal::new(Arc::default()),
            writes: StoredValue::new(writes),
        }
    }

    /// Stores a mutation in the outbox and returns once it is safely on the device:
    /// only then may the page say "saved". It is sent as soon as there is a connection.
    /// A push under way does not hold this up: writing and sending are separate tasks
    /// (`crate::sync`).
    pub async fn queue(self, mutation: Mutation) -> Result<(), QueueError> {
        let (answer, answered) = oneshot::channel();
        let sent = self
            .writes
            .with_value(|writes| writes.unbounded_send((mutation, answer)).is_ok());
        if !sent {
            return Err(QueueError::NotStored);
        }
        answered.await.unwrap_or(Err(QueueError::NotStored))
    }

    /// Shows the outbox as stored: the truth shared by all tabs. On a kiosk, what
    /// earlier visitors left waiting is theirs, and not shown.
    pub async fn refresh(self, store: &Store, visit_started: Option<f64>) {
        match store.outbox().await {
            Ok(stored) => {
                let entries = stored.iter().map(StoredEntry::to_entry).collect();
                let outbox = shown(entries, visit_started);
                self.sign_ups.set(outbox.sign_ups());
                self.notes.set(outbox.notes());
                self.counts.set(outbox.counts());
                self.shown.set(Arc::new(outbox));
            }
            Err(error) => leptos::logging::error!("reading the outbox failed: {error}"),
        }
    }
}
