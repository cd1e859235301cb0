use omzien_core::wire::PullResponse;

use crate::api;
use crate::store::Store;

use super::error::SyncError;

/// Pulls what changed since `cursor`, page after page, and stores each page with its
/// cursor in one transaction when there is a store, so a sync cut off halfway goes on
/// from the last page stored. `on_page` sees each page once it is stored (the list can
/// show the first page while the rest comes). Returns whether anything changed.
pub async fn pull(
    store: Option<&Store>,
    mut cursor: u64,
    mut on_page: impl FnMut(&PullResponse),
) -> Result<bool, SyncError> {
    let mut changed = false;
    loop {
        let page = api::sync::pull(cursor, changed).await?;
        let now = js_sys::Date::now();
        let unchanged = page.is_empty() && !page.reset && page.cursor == cursor;
        if let Some(store) = store {
            if unchanged {
                store.mark_checked(now).await?;
            } else {
                store.apply_pull(&page, now).await?;
            }
        }
        if unchanged {
            return Ok(changed);
        }
        changed = true;
        on_page(&page);
        // A server that says "more" without moving on would have us ask forever.
        if !page.more || (!page.reset && page.cursor <= cursor) {
            return Ok(true);
        }
        cursor = page.cursor;
    }
}
