//! The app's shared state, one context per concern, each a small `Copy` struct of
//! signals with the actions that belong to it. `crate::sync::start` makes them and
//! keeps them current; pages and components read them with `use_…()` from `contexts`.
//!
//! | context | what it holds |
//! |---|---|
//! | `catalogue` | the stored catalogue with its search index, how fresh it is |
//! | `network` | whether there is a connection, and the last problem in sync |
//! | `outbox` | this device's sign-ups and notes and where each stands; `queue` |
//! | `session` | the staff member signed in on this device; sign-in and sign-out |
//! | `device` | kiosk mode and its visits, a new version of the app waiting |

pub mod catalogue;
pub mod contexts;
pub mod device;
pub mod network;
pub mod outbox;
pub mod session;
pub mod shared;
