//! The index's vocabulary: every folded word of the catalogue once, sorted, with its
//! stem, so that a query word finds its terms by binary search instead of reading
//! every activity's text on each keystroke.

use std::ops::Range;

use super::stem::stem;

/// A term's id is its place in the sorted vocabulary.
pub type TermId = u32;

#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    terms: Vec<Box<str>>,
    /// (stem, term), sorted by stem: the terms that share a stem sit together.
    stems: Vec<(Box<str>, TermId)>,
    /// (term spelled backwards, term), sorted: a compound's last part becomes a prefix.
    reversed: Vec<(Box<str>, TermId)>,
    /// Terms by length in bytes, with the letters they have: typo candidates differ in
    /// length by at most one and in at most two letters, which a mask tells at once.
    by_len: Vec<Vec<(Letters, TermId)>>,
}

impl Vocabulary {
    /// `terms` must be sorted and without repeats.
    pub fn new(terms: Vec<Box<str>>) -> Self {
        let mut stems: Vec<_> = (0..)
            .zip(&terms)
            .map(|(id, t)| (stem(t).into_boxed_str(), id))
            .collect();
        stems.sort_unstable();
        let mut reversed: Vec<_> = (0..)
            .zip(&terms)
            .map(|(id, t)| (t.chars().rev().collect::<String>().into_boxed_str(), id))
            .collect();
        reversed.sort_unstable();
        let mut by_len = Vec::new();
        for (id, t) in (0..).zip(&terms) {
            if by_len.len() <= t.len() {
                by_len.resize_with(t.len() + 1, Vec::new);
            }
            by_len[t.len()].push((letters(t), id));
        }
        Vocabulary {
            terms,
            stems,
            reversed,
            by_len,
        }
    }

    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize]
    }

    /// The terms whose stem is `stem`.
    pub fn with_stem<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = TermId> + 'a {
        let start = self.stems.partition_point(|(s, _)| **s < *stem);
        self.stems[start..]
            .iter()
            .take_while(move |(s, _)| **s == *stem)
            .map(|&(_, id)| id)
    }

    /// The terms that start with `prefix` (including `prefix` itself), as a range of ids.
    pub fn with_prefix(&self, prefix: &str) -> Range<TermId> {
        let start = self.terms.partition_point(|t| **t < *prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as TermId..(start + len) as TermId
    }

    /// The terms that end in `suffix` after at least `min_before` more bytes: compounds
    /// whose last part it is ("cafe" in "filosofiecafe").
    pub fn ending_in(&self, suffix: &str, min_before: usize) -> impl Iterator<Item = TermId> + '_ {
        let key: String = suffix.chars().rev().collect();
        let start = self.reversed.partition_point(|(r, _)| **r < *key);
        let min_len = key.len() + min_before;
        self.reversed[start..]
            .iter()
            .take_while(move |(r, _)| r.starts_with(key.as_str()))
            .filter(move |(r, _)| r.len() >= min_len)
            .map(|&(_, id)| id)
    }

    /// The terms one edit (Damerau–Levenshtein: insert, delete, substitute or swap two
    /// neighbours) away from `word`, and `word` itself if it is a term.
    pub fn one_edit_from<'a>(&'a self, word: &'a str) -> impl Iterator<Item = TermId> + 'a {
        let lengths = word.len().saturating_sub(1)..word.len() + 2;
        let mask = letters(word);
        self.by_len
            .get(lengths.start..lengths.end.min(self.by_len.len()))
            .unwrap_or_default()
            .iter()
            .flatten()
            .filter(move |(m, _)| (m ^ mask).count_ones() <= 2)
            .map(|&(_, id)| id)
            .filter(move |&id| within_one_edit(word.as_bytes(), self.term(id).as_bytes()))
    }
}

/// Which of a–z a word has (bit 26: anything else). One edit adds or removes at most
/// one letter, so two words one edit apart differ in at most two bits.
type Letters = u32;

fn letters(word: &str) -> Letters {
    word.bytes().fold(0, |mask, b| {
        let bit = if b.is_ascii_lowercase() { b - b'a' } else { 26 };
        mask | 1 << bit
    })
}

/// Compares bytes: in folded Dutch every letter is one byte. (In other scripts a typo
/// costs two byte edits, so it is not forgiven.)
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same_start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let (short_rest, long_rest) = (&short[same_start..], &long[same_start..]);
    let same_end = short_rest
        .iter()
        .rev()
        .zip(long_rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let differ = short_rest.len() - same_end;
    if short.len() < long.len() {
        return differ == 0;
    }
    differ <= 1 || (differ == 2 && short_rest[0] == long_rest[1] && short_rest[1] == long_rest[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        let mut terms: Vec<Box<str>> = words.iter().map(|w| (*w).into()).collect();
        terms.sort_unstable();
        terms.dedup();
        Vocabulary::new(terms)
    }

    fn names(v: &Vocabulary, ids: impl IntoIterator<Item = TermId>) -> Vec<&str> {
        ids.into_iter().map(|id| v.term(id)).collect()
    }

    #[test]
    fn one_edit_covers_insert_delete_substitute_and_swap() {
        for (a, b) in [
            ("wandelen", "wandelen"),
            ("wandelen", "wandeln"),
            ("wandelen", "wandeleen"),
            ("wandelen", "wandelan"),
            ("wandelen", "wnadelen"),
            ("wandelen", "wandelne"),
        ] {
            assert!(within_one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
        }
        for (a, b) in [
            ("wandelen", "wnadelne"),
            ("wandelen", "wandel"),
            ("wandelen", "andelenw"),
        ] {
            assert!(!within_one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
        }
    }

    #[test]
    fn lookups_by_prefix_stem_suffix_and_typo() {
        let v = vocab(&[
            "wandelen",
            "wandeling",
            "wandelgroep",
            "wand",
            "filosofiecafe",
            "cafe",
        ]);
        assert_eq!(
            names(&v, v.with_prefix("wande")),
            ["wandelen", "wandelgroep", "wandeling"]
        );
        assert!(v.with_prefix("x").is_empty());
        assert_eq!(names(&v, v.with_stem("wandel")), ["wandelen", "wandeling"]);
        assert_eq!(names(&v, v.ending_in("cafe", 3)), ["filosofiecafe"]);
        assert_eq!(names(&v, v.one_edit_from("wandlen")), ["wandelen"]);
    }
}
