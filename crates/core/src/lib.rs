//! Omzien's core: the domain model, validation, search, the wire types shared by the
//! app (wasm) and the server, and what the sync engine decides (`outbox`, `delivery`).
//! No browser or server dependencies, so all of it is tested natively and fast.

pub mod account;
pub mod catalogue;
pub mod delivery;
pub mod disclosure;
pub mod edit;
pub mod edits;
pub mod form;
pub mod holidays;
pub mod ics;
pub mod info;
pub mod model;
pub mod monitoring;
pub mod new_organisation;
pub mod note;
pub mod outbox;
pub mod partners;
pub mod programme;
pub mod qr;
pub mod rank;
pub mod schedule;
pub mod seal;
pub mod search;
pub mod selftest;
pub mod signup;
pub mod staff;
pub mod template;
pub mod when;
pub mod wire;

pub use catalogue::{Catalogue, CatalogueError};
pub use model::{
    Activity, ActivityKind, Comparison, Contact, Figures, Location, LonelinessType, Organisation,
    Session, TargetGroup, Wijk,
};
pub use schedule::{Schedule, Weekday};
pub use search::{fold, Filter, Hit, SearchIndex};
