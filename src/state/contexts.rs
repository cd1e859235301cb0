//! How pages and components find the app's state: `use_session()`, `use_outbox()` and
//! the others each hand out one focused context.
//!
//! The five are provided together, as one value, and looked up together: every
//! `expect_context::<T>()` is a copy of the owner-tree walk for its type (about 780
//! bytes of wasm each), so five separate lookups cost the residents' shell 3 KB
//! (docs/benchmarks.md). What a page gets is still only the context it asks for.

use leptos::prelude::*;

use super::catalogue::CatalogueState;
use super::device::Device;
use super::network::Network;
use super::outbox::OutboxState;
use super::session::SessionState;

/// The contexts `crate::sync::start` made and keeps current.
#[derive(Clone, Copy)]
pub struct Contexts {
    pub catalogue: CatalogueState,
    pub network: Network,
    pub outbox: OutboxState,
    pub session: SessionState,
    pub device: Device,
}

impl Contexts {
    pub fn provide(self) {
        provide_context(self);
    }
}

fn contexts() -> Contexts {
    expect_context()
}

pub fn use_catalogue() -> CatalogueState {
    contexts().catalogue
}

pub fn use_network() -> Network {
    contexts().network
}

pub fn use_outbox() -> OutboxState {
    contexts().outbox
}

pub fn use_session() -> SessionState {
    contexts().session
}

pub fn use_device() -> Device {
    contexts().device
}
