//! The sync engine's driver: it carries out what `omzien_core::delivery` decides,
//! with IndexedDB (`crate::store`), the network (`crate::api`), timers and browser
//! events (`crate::browser`), and keeps the contexts of `crate::state` current.
//!
//! - `start`: makes the contexts and runs the loop: pull, then push, then wait (with
//!   backoff and jitter) until a timer or a trigger rings.
//! - `outbox`: stores each queued mutation durably before the page may say "saved", and
//!   pushes the outbox a batch at a time, one tab at a time.
//! - `pull`: brings the catalogue up to date in IndexedDB.

pub mod error;
pub mod outbox;
pub mod pull;
pub mod start;
