//! What the browser offers beyond the page, one capability per file, each usable on its
//! own: no file here knows about the app's state, its words or its pages.

pub mod app_update;
pub mod background_sync;
pub mod clock;
pub mod connection;
pub mod intl;
pub mod js_error;
pub mod random;
pub mod storage;
pub mod tabs;
pub mod timing;
pub mod uuid;
