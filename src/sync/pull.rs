use omzien_core::wire::PullResponse;

use crate::api;
use crate::store::Store;

use super::error::SyncError;

/// Pulls what changed since `cursor`, page after page, and stores each page with its
/// cursor in one transaction when there is a store, so a sync cut off halfway goes on
/// from the last page stored. `on_page` sees each page once it is stored (the list can
/// show the first page while the rest comes); it gets the page itself, to move its
/// records rather than copy them. Returns whether anything changed.
pub async fn pull(
    store: Option<&Store>,
    mut cursor: u64,
    mut on_page: impl FnMut(PullResponse),
) -> Result<bool, SyncError> {
    let mut pulled = api::sync::pull(cursor, false).await?;
    let mut changed = false;
    loop {
        let api::sync::PulledPage { page, json } = pulled;
        let now = js_sys::Date::now();
        if page.is_empty() && !page.reset && page.cursor == cursor {
            if let Some(store) = store {
                store.mark_checked(now).await?;
            }
            return Ok(changed);
        }
        // A server that says "more" without moving on would have us ask forever.
        let goes_on = page.more && (page.reset || page.cursor > cursor);
        let page_cursor = page.cursor;
        // The next page is on its way while this one is written: the network and the
        // server's time overlap IndexedDB's. Pages are still stored in order.
        let next = async {
            if goes_on {
                Some(api::sync::pull(page_cursor, true).await)
            } else {
                None
            }
        };
        let stored = async {
            if let Some(store) = store {
                store.apply_pull(&page, &json, now).await?;
            }
            on_page(page);
            Ok::<_, SyncError>(())
        };
        let (stored, next) = futures::join!(stored, next);
        stored?;
        changed = true;
        match next {
            None => return Ok(true),
            Some(next) => {
                cursor = page_cursor;
                pulled = next?;
            }
        }
    }
}
