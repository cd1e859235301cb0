use omzien_core::wire::PullResponse;

use crate::api;
use crate::store::Store;

use super::error::SyncError;

/// Pulls what changed since `cursor`, and stores it when there is a store. Returns the
/// pull when something changed, `None` when the catalogue was already current.
pub async fn pull(store: Option<&Store>, cursor: u64) -> Result<Option<PullResponse>, SyncError> {
    let pull = api::sync::pull(cursor).await?;
    // Without IndexedDB, the catalogue lives in memory for this visit.
    let Some(store) = store else {
        return Ok(Some(pull));
    };
    let now = js_sys::Date::now();
    if pull.is_empty() && !pull.reset && pull.cursor == cursor {
        store.mark_checked(now).await?;
        return Ok(None);
    }
    store.apply_pull(&pull, now).await?;
    Ok(Some(pull))
}
