//! Which of the two wasm bundles this is.
//!
//! Omzien ships as two bundles built from this one crate, so that residents do not
//! download what only staff use (sign-in, triage, kiosk setup): `omzien` (`src/main.rs`)
//! serves everything else, `medewerkers` (`src/bin/medewerkers.rs`) the staff paths.
//! `public/boot.js` starts the one that owns the address, by the same rule as
//! `is_staff_path`; a link to the other app's path loads it as a fresh page.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set per binary through `start`/`start_staff`; a `static` rather than a cfg so that
/// one build of the library serves both.
static STAFF: AtomicBool = AtomicBool::new(false);

pub fn set_staff() {
    STAFF.store(true, Ordering::Relaxed);
}

/// Whether this bundle is the staff one.
pub fn is_staff() -> bool {
    STAFF.load(Ordering::Relaxed)
}

/// The staff bundle's paths. `public/boot.js` (`STAFF_PATHS`) must say the same.
pub fn is_staff_path(path: &str) -> bool {
    ["/medewerkers", "/meldpunt", "/monitoring"]
        .iter()
        .any(|p| {
            path == *p
                || path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}
