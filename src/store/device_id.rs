//! This device's own random id, sent with each push so that the server's limits count
//! per device (`crates/server/src/limits.rs`): a library kiosk that comes online with a
//! day of sign-ups is then not one flood with every other device at its address.
//!
//! Kept in localStorage and through a kiosk visit's wipe: it says nothing about the
//! visitor, and a kiosk that took a new id each visit would get a fresh allowance each
//! time. The server keeps it only in memory, for its counts, and never stores it.

/// The localStorage key; the kiosk's wipe keeps it.
pub(super) const KEY: &str = "omzien-apparaat";

/// The stored id, or a new one from `make` stored now. `None` where the browser keeps
/// no local storage: the server then counts by address alone.
pub fn device_id(make: impl FnOnce() -> String) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok().flatten()?;
    if let Some(id) = storage
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|id| !id.is_empty())
    {
        return Some(id);
    }
    let id = make();
    storage.set_item(KEY, &id).ok()?;
    Some(id)
}
