//! Finding activities: Dutch-aware text search plus the catalogue's filters.
//!
//! Text is folded (`fold`), cut into words and indexed once per catalogue change
//! (`index`); a query word reaches the index's terms by itself or its stem (`stem`),
//! as the start of a word while typing, as the last part of a compound, through a
//! synonym (`synonyms.txt`), with one typo, or through the first part of a compound
//! of its own (`query`). Every word of the query must be found.

pub mod filter;
pub mod fold;
mod index;
mod query;
mod stem;
mod synonyms;
mod vocab;

#[cfg(test)]
mod tests;

pub use filter::Filter;
pub use fold::fold;
pub use index::{has_words, Hit, IndexBuilder, SearchIndex};
pub use synonyms::{synonyms, Synonym};
