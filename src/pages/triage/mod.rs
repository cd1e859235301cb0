//! `/meldpunt` and `/meldpunt/:id`: the meldpunt's triage, for coordinators and admins,
//! online only (notes never rest on a staff device): the list (`list`), one note with
//! what a coordinator does with it (`note`), and the referral form (`referral`).
//! What the pages say when they cannot show themselves is in `closed`; the meldpunt's
//! key (set-up, unlocking, access) is `keys`.

pub mod closed;
pub mod keys;
pub mod list;
pub mod note;
pub mod referral;
