//! What every handler shares. A module of its own so that handlers depend on it and
//! not on `http/mod.rs`, which depends on them.

use std::path::PathBuf;
use std::sync::Arc;

use omzien_core::edit::Freshness;
use sqlx::AnyPool;

use crate::auth::Auth;
use crate::faults::Faults;
use crate::limits::Limiter;

#[derive(Clone)]
pub struct AppState {
    pub pool: AnyPool,
    pub dist_dir: PathBuf,
    /// Test-only faults (`OMZIEN_TEST_FAULTS`); `Default` has none.
    pub faults: Arc<Faults>,
    /// Session lifetime, proxy trust and the limit on parallel password checks.
    pub auth: Arc<Auth>,
    /// When an activity's organiser is asked to confirm it, and when it counts as stale.
    pub freshness: Freshness,
    /// Limits on pushes without a staff session, per device and per address.
    pub limits: Arc<Limiter>,
    /// What the open-data answers are made from (`hsds.rs`), kept until the catalogue
    /// changes.
    pub open_data: Arc<crate::hsds::Cache>,
    /// The pull's pages, built and compressed once per catalogue version.
    pub pull_pages: Arc<crate::pull_pages::PullPages>,
}
