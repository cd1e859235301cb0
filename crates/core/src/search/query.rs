//! From one query word to the index terms it reaches, and how: by itself or its stem,
//! as the start of a longer word (typing), as the last part of a compound, through a
//! synonym, with one typo, or, for a compound of its own, through its first part.

use super::stem::stem;
use super::synonyms::Thesaurus;
use super::vocab::{TermId, Vocabulary};

/// How a term was reached, as a base score to which the field's weight is added.
/// The word itself and the word being typed stand above every guess (typo, synonym,
/// part of a compound) whatever the fields; among them the field decides first, so
/// "luister" in a name ranks above "luisteren" in a summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// The first part of a compound query word: "wandel" of "wandelgroep".
    CompoundPart = 6,
    Typo = 8,
    Synonym = 10,
    /// The query word is the last part of a catalogue compound: "cafe" in "filosofiecafe".
    Tail = 12,
    Prefix = 22,
    /// The word itself or another form of it (same stem).
    Direct = 24,
}

/// The terms a query word reaches. `heads` are the terms of a compound's last part:
/// an activity found through the first part ranks higher when it has the last too.
#[derive(Debug, Default)]
pub struct WordPlan {
    pub hits: Vec<(TermId, Reach)>,
    pub heads: Vec<TermId>,
}

/// Typos are forgiven from this length on: in shorter words one letter changes the
/// word ("hulp", "help").
const MIN_TYPO: usize = 5;
/// A compound's parts are at least this long, so that "een" or "bij" at the start of
/// a word is not taken for its meaning.
const MIN_MODIFIER: usize = 4;
const MIN_HEAD: usize = 3;
/// Words that start many Dutch words without being their meaning ("voorlezen",
/// "overdag", "samenkomst").
const NOT_MODIFIERS: &[&str] = &[
    "voor", "naar", "over", "door", "onder", "tegen", "maar", "niet", "zijn", "deze", "want",
    "veel", "meer", "waar", "hier", "daar", "samen", "mee", "heel", "toch", "zelf",
];

pub fn plan(word: &str, vocab: &Vocabulary, thesaurus: &Thesaurus) -> WordPlan {
    let mut plan = WordPlan::default();
    let word_stem = stem(word);
    let found = reach_word(
        word,
        &word_stem,
        vocab,
        &mut plan.hits,
        Reach::Direct,
        Reach::Prefix,
    );
    if word.len() > MIN_HEAD {
        let tails = vocab.ending_in(word, MIN_HEAD).map(|id| (id, Reach::Tail));
        plan.hits.extend(tails);
    }
    if word.len() >= MIN_TYPO {
        let typos = vocab.one_edit_from(word).map(|id| (id, Reach::Typo));
        plan.hits.extend(typos);
    }
    for (synonym, synonym_stem) in thesaurus.finds_for(word, &word_stem) {
        let reach = Reach::Synonym;
        reach_word(synonym, synonym_stem, vocab, &mut plan.hits, reach, reach);
    }
    let Some((modifier, head)) = split_compound(word, vocab, thesaurus) else {
        return plan;
    };
    // A linking s ("eenzaamheidsgroep") belongs to neither part.
    let unlinked = head.strip_prefix('s').filter(|h| h.len() >= MIN_HEAD);
    let part = Reach::CompoundPart;
    // The last part as a whole word, not as the start of one: "mobi" of "buurtmobi"
    // is no "mobiel".
    for h in std::iter::once(head).chain(unlinked) {
        plan.heads.extend(vocab.with_stem(&stem(h)));
    }
    // A word the catalogue has is read as parts too only when both parts are words
    // of their own: "wandelgroep" then also finds every walk, lower, while
    // "buurtmobi" (a name) does not turn into every "buurt".
    if found && plan.heads.is_empty() {
        return plan;
    }
    let modifier_stem = stem(modifier);
    reach_word(modifier, &modifier_stem, vocab, &mut plan.hits, part, part);
    for (synonym, synonym_stem) in thesaurus.finds_for(modifier, &modifier_stem) {
        reach_word(synonym, synonym_stem, vocab, &mut plan.hits, part, part);
    }
    plan
}

/// Adds the terms that `word` reaches by its stem and as a prefix; whether there were any.
fn reach_word(
    word: &str,
    word_stem: &str,
    vocab: &Vocabulary,
    hits: &mut Vec<(TermId, Reach)>,
    direct: Reach,
    prefix: Reach,
) -> bool {
    let before = hits.len();
    hits.extend(vocab.with_stem(word_stem).map(|id| (id, direct)));
    hits.extend(vocab.with_prefix(word).map(|id| (id, prefix)));
    hits.len() > before
}

/// Splits a word into a known first part (the longest
/// that leaves a last part) and the rest: "wandelgroep" → "wandel" (the stem of
/// "wandelen") + "groep". Dutch puts the meaning that sets a compound apart first
/// (a walking group is a group for walking), so the first part must match; the last
/// part may be unknown ("koffieochtend").
fn split_compound<'w>(
    word: &'w str,
    vocab: &Vocabulary,
    thesaurus: &Thesaurus,
) -> Option<(&'w str, &'w str)> {
    let last_cut = word.len().checked_sub(MIN_HEAD)?;
    (MIN_MODIFIER..=last_cut)
        .rev()
        .filter(|&cut| word.is_char_boundary(cut))
        .map(|cut| word.split_at(cut))
        .find(|(modifier, _)| {
            !NOT_MODIFIERS.contains(modifier)
                && (thesaurus.knows(modifier) || vocab.with_stem(&stem(modifier)).next().is_some())
        })
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

    #[test]
    fn compounds_split_at_the_longest_known_first_part() {
        let v = vocab(&["wandelen", "wand", "groep", "voor", "lezen", "van"]);
        let t = Thesaurus::new();
        assert_eq!(
            split_compound("wandelgroep", &v, &t),
            Some(("wandel", "groep"))
        );
        assert_eq!(
            split_compound("koffieochtend", &v, &t),
            Some(("koffie", "ochtend"))
        );
        assert_eq!(split_compound("voorlezen", &v, &t), None);
        assert_eq!(split_compound("vanavond", &v, &t), None, "too short a part");
        assert_eq!(split_compound("wandje", &v, &t), None, "too short a rest");
    }
}
