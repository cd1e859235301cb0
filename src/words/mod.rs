//! Words for what the app's types say: every mapping from an enum or an error to text
//! for people lives here, beside the locales (`locales/<language>/<namespace>.json`).
//! Pages and components show what these give; the types themselves carry no words.

pub mod activity;
pub mod display;
pub mod errors;
pub mod fields;
pub mod note;
pub mod sign_up;
pub mod staff;
pub mod when;

pub use errors::{for_staff, not_saved, problem};
pub use omzien_core::template::{fill, split};
