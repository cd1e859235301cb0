//! Whether the server can be reached, and what went wrong last.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Network {
    pub online: RwSignal<bool>,
    /// The last problem, shown in the footer; cleared by the next success.
    pub problem: RwSignal<Option<Problem>>,
}

/// What went wrong, for the footer (`crate::words` puts it into words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// IndexedDB is held by an older version of the app in another window.
    OtherWindow,
    /// No IndexedDB at all: the app works only while online.
    NoStorage,
    /// Items made on behalf of a resident wait for a staff sign-in.
    StaffSignIn,
    /// No answer from the server.
    Unreachable,
    /// The server answered, but not with new data.
    CannotFetch,
    /// IndexedDB refused to store what came in.
    CannotStore,
    /// The server is busy or this device sent a lot at once: what waits is sent later.
    Busy,
}

impl Network {
    pub fn new(online: bool) -> Self {
        Network {
            online: RwSignal::new(online),
            problem: RwSignal::new(None),
        }
    }
}
