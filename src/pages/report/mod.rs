//! `/melden`: a note for the meldpunt, one task per screen (`page`): the choice between
//! the two forms with the notes made on this device (`choice`), the form (`form`), the
//! receipt (`receipt`).

pub mod choice;
pub mod form;
pub mod page;
pub mod receipt;
