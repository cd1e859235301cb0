//! Words residents type that the catalogue says differently ("koffie" for a place to
//! meet people), kept as data with the reason for each (`synonyms.txt`). Compiled in,
//! so the app has them offline; a line format rather than JSON, as parsing it takes a
//! few lines instead of a deserializer in the size-budgeted app.

use super::stem::stem;

/// One line of `synonyms.txt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synonym {
    /// What residents type, folded.
    pub words: Vec<&'static str>,
    /// The catalogue's words they also find, folded.
    pub finds: Vec<&'static str>,
    /// Why, in Dutch, for whoever keeps the list (and a view that wants to say it).
    pub reason: &'static str,
}

const LIST: &str = include_str!("synonyms.txt");

/// The list ready for lookups, each word's stem worked out once.
#[derive(Clone, Debug, Default)]
pub struct Thesaurus {
    /// (word residents type, its stem, its entry in `finds`).
    keys: Vec<(&'static str, String, usize)>,
    /// Per entry, the catalogue's words it finds, with their stems.
    finds: Vec<Vec<(&'static str, String)>>,
}

/// While typing, the start of a listed word calls it up from this many letters on.
const MIN_TYPED: usize = 4;

impl Thesaurus {
    pub fn new() -> Self {
        let mut thesaurus = Thesaurus::default();
        for (entry, synonym) in synonyms().into_iter().enumerate() {
            let with_stem = |w: &'static str| (w, stem(w));
            thesaurus
                .keys
                .extend(synonym.words.into_iter().map(|w| (w, stem(w), entry)));
            thesaurus
                .finds
                .push(synonym.finds.into_iter().map(with_stem).collect());
        }
        thesaurus
    }

    /// Whether `word` is one that residents type, as listed.
    pub fn knows(&self, word: &str) -> bool {
        self.keys.iter().any(|(w, _, _)| *w == word)
    }

    /// The catalogue's words (with their stems) that `word` also finds: by the same
    /// word, the same stem, or the start of a listed word.
    pub fn finds_for<'a>(
        &'a self,
        word: &'a str,
        word_stem: &'a str,
    ) -> impl Iterator<Item = (&'static str, &'a str)> + 'a {
        self.keys
            .iter()
            .filter(move |(w, s, _)| {
                *s == word_stem || (word.len() >= MIN_TYPED && w.starts_with(word))
            })
            .flat_map(move |&(_, _, entry)| &self.finds[entry])
            .map(|(w, s)| (*w, s.as_str()))
    }
}

/// The list; a malformed line (not three parts) is skipped, and a test keeps every
/// line well formed.
pub fn synonyms() -> Vec<Synonym> {
    LIST.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.split('|');
            let words = parts.next()?.split_whitespace().collect();
            let finds = parts.next()?.split_whitespace().collect();
            let reason = parts.next()?.trim();
            parts.next().is_none().then_some(Synonym {
                words,
                finds,
                reason,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;

    #[test]
    fn every_line_is_an_entry_with_folded_words_and_a_reason() {
        let lines = LIST
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        let list = synonyms();
        assert_eq!(list.len(), lines, "a line without three parts");
        assert!((10..=25).contains(&list.len()), "a small list");
        for s in &list {
            assert!(!s.words.is_empty() && !s.finds.is_empty(), "{s:?}");
            assert!(s.reason.len() > 20, "{s:?}");
            for w in s.words.iter().chain(&s.finds) {
                assert_eq!(fold(w), *w, "{s:?}");
            }
        }
    }
}
