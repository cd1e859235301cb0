//! The inverted index: for each term of the catalogue, the activities that have it and
//! in which field. Built once per catalogue change; a keystroke then looks its words up
//! in the sorted vocabulary and walks only their lists.

use std::collections::HashMap;

use super::filter::Filter;
use super::fold::{fold, words};
use super::query::{plan, Reach, WordPlan};
use super::synonyms::Thesaurus;
use super::vocab::{TermId, Vocabulary};
use crate::catalogue::Catalogue;
use crate::model::Activity;

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    vocab: Vocabulary,
    /// Term `t`'s activities are `postings[offsets[t]..offsets[t + 1]]`.
    offsets: Vec<u32>,
    postings: Vec<Posting>,
    /// Activities in order of folded name (ties by place), and each one's place there.
    by_name: Vec<u32>,
    name_rank: Vec<u32>,
    thesaurus: Thesaurus,
}

/// An activity that has a term, with the best field it has it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Posting {
    activity: u32,
    field: Field,
}

/// Where a word stands, as a weight: a word in the name says most about an activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    /// Description, kind, organiser, location and wijk.
    Other = 0,
    Summary = 3,
    Name = 6,
}

impl Field {
    /// Two bits, in the order of the weights.
    fn bits(self) -> u64 {
        match self {
            Field::Other => 0,
            Field::Summary => 1,
            Field::Name => 2,
        }
    }

    fn from_bits(bits: u64) -> Field {
        match bits {
            2 => Field::Name,
            1 => Field::Summary,
            _ => Field::Other,
        }
    }
}

/// An activity the text query found, and how well (higher is better; an empty query
/// finds every activity with relevance 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `catalogue.activities`.
    pub activity: usize,
    pub relevance: u32,
}

/// A search index made a slice of activities at a time, so a device can build it over
/// 10,000 activities without holding up its screen for the whole time: `step` as often
/// as needed, then `finish`. `SearchIndex::new` is the same in one go.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    ids: HashMap<Box<str>, TermId>,
    /// (term, activity, field) packed in one number, so that sorting them is the same
    /// code as sorting any other numbers: 32 bits, 30 and 2.
    found: Vec<u64>,
    /// The next activity to index.
    next: usize,
}

impl IndexBuilder {
    /// Indexes up to `n` more activities of `catalogue`; true once all are in.
    pub fn step(&mut self, catalogue: &Catalogue, n: usize) -> bool {
        let end = catalogue.activities.len().min(self.next.saturating_add(n));
        for (activity, a) in (self.next as u32..).zip(&catalogue.activities[self.next..end]) {
            for (field, text) in fields(catalogue, a) {
                let folded = fold(text);
                for word in words(&folded) {
                    let id = match self.ids.get(word) {
                        Some(&id) => id,
                        None => {
                            let id = self.ids.len() as TermId;
                            self.ids.insert(word.into(), id);
                            id
                        }
                    };
                    self.found
                        .push(u64::from(id) << 32 | u64::from(activity) << 2 | field.bits());
                }
            }
        }
        self.next = end;
        end == catalogue.activities.len()
    }

    /// The index, after indexing whatever `step` has not done yet.
    pub fn finish(mut self, catalogue: &Catalogue) -> SearchIndex {
        self.step(catalogue, usize::MAX);
        let IndexBuilder { ids, mut found, .. } = self;
        let mut terms: Vec<(Box<str>, TermId)> = ids.into_iter().collect();
        terms.sort_unstable();
        let mut new_id: Vec<TermId> = vec![0; terms.len()];
        for (new, (_, old)) in (0..).zip(&terms) {
            new_id[*old as usize] = new;
        }
        for f in &mut found {
            let term = new_id[(*f >> 32) as usize];
            *f = u64::from(term) << 32 | (*f & 0xffff_ffff);
        }
        // Sorted, the best field of each activity for a term comes last of its run.
        found.sort_unstable();
        let mut offsets = Vec::with_capacity(terms.len() + 1);
        let mut postings: Vec<Posting> = Vec::with_capacity(found.len());
        let mut term_of_last = None;
        for f in found {
            let (term, activity) = ((f >> 32) as TermId, (f as u32) >> 2);
            let field = Field::from_bits(f & 3);
            if term_of_last != Some(term) {
                offsets.extend((offsets.len() as u32..=term).map(|_| postings.len() as u32));
                term_of_last = Some(term);
            } else if let Some(last) = postings.last_mut().filter(|p| p.activity == activity) {
                last.field = field;
                continue;
            }
            postings.push(Posting { activity, field });
        }
        offsets.resize(terms.len() + 1, postings.len() as u32);

        let names: Vec<String> = catalogue.activities.iter().map(|a| fold(&a.name)).collect();
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        let mut name_rank = vec![0; by_name.len()];
        for (rank, a) in (0..).zip(&by_name) {
            name_rank[*a as usize] = rank;
        }
        SearchIndex {
            vocab: Vocabulary::new(terms.into_iter().map(|(t, _)| t).collect()),
            offsets,
            postings,
            by_name,
            name_rank,
            thesaurus: Thesaurus::new(),
        }
    }
}

/// Whether `query` holds any word to search for; without one, every activity matches
/// with relevance 0 and no index is needed to say so.
pub fn has_words(query: &str) -> bool {
    words(&fold(query)).next().is_some()
}

impl SearchIndex {
    pub fn new(catalogue: &Catalogue) -> Self {
        IndexBuilder::default().finish(catalogue)
    }

    /// The activities every word of `query` finds, in catalogue order, with their text
    /// relevance, for a ranking that weighs it with other things (date, wijk).
    pub fn matches(&self, query: &str) -> Vec<Hit> {
        let tally = self.tally(query);
        (0..self.name_rank.len())
            .filter(|&a| tally.words == 0 || tally.found[a] == tally.words)
            .map(|a| Hit {
                activity: a,
                relevance: tally.relevance[a],
            })
            .collect()
    }

    /// Indexes into `catalogue.activities` of the matches that pass the filter, best
    /// first, then by name.
    pub fn search(&self, catalogue: &Catalogue, filter: &Filter) -> Vec<usize> {
        let tally = self.tally(&filter.query);
        let kept: Vec<u32> = self
            .by_name
            .iter()
            .copied()
            .filter(|&a| tally.words == 0 || tally.found[a as usize] == tally.words)
            .filter(|&a| {
                let activity = catalogue.activities.get(a as usize);
                activity.is_some_and(|x| filter.admits(x))
            })
            .collect();
        // Already in name order; relevance is a small number, so a counting sort by it
        // keeps that order within each relevance, without comparing.
        let relevance = |a: u32| tally.relevance[a as usize] as usize;
        let top = kept.iter().map(|&a| relevance(a)).max().unwrap_or(0);
        let mut starts = vec![0; top + 2];
        for &a in &kept {
            starts[top - relevance(a) + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut ranked = vec![0; kept.len()];
        for &a in &kept {
            let place = &mut starts[top - relevance(a)];
            ranked[*place] = a as usize;
            *place += 1;
        }
        ranked
    }

    /// The next best thing when `search` finds nothing, so an empty result can still
    /// offer a step: activities that any word of the query finds, outside the chosen
    /// wijk too; those with more of the words first, then those in the wijk, then by
    /// relevance and name. At most `n`.
    pub fn nearest(&self, catalogue: &Catalogue, filter: &Filter, n: usize) -> Vec<usize> {
        let tally = self.tally(&filter.query);
        let anywhere = Filter {
            wijk: None,
            ..filter.clone()
        };
        // Best first as the smallest number: fewer words missing, in the wijk,
        // more relevance (below 2^22: 31 points a word), name.
        let mut ranked: Vec<u64> = (0..self.name_rank.len())
            .filter(|&a| tally.words == 0 || tally.found[a] > 0)
            .filter_map(|a| {
                let activity = catalogue.activities.get(a).filter(|x| anywhere.admits(x))?;
                let missing = u64::from(tally.words - tally.found[a]).min(0x1ff);
                let elsewhere = u64::from(!filter.admits(activity));
                let less = u64::from(0x3f_ffff - tally.relevance[a].min(0x3f_ffff));
                let rank = u64::from(self.name_rank[a]);
                Some(missing << 55 | elsewhere << 54 | less << 32 | rank)
            })
            .collect();
        ranked.sort_unstable();
        ranked.truncate(n);
        ranked
            .into_iter()
            .map(|key| self.by_name[key as u32 as usize] as usize)
            .collect()
    }

    /// Whether the catalogue has `word` in some form, or a word that starts with it.
    #[cfg(test)]
    pub(super) fn has(&self, word: &str) -> bool {
        let stem = super::stem::stem(word);
        self.vocab.with_stem(&stem).next().is_some() || !self.vocab.with_prefix(word).is_empty()
    }

    fn postings(&self, term: TermId) -> &[Posting] {
        let t = term as usize;
        &self.postings[self.offsets[t] as usize..self.offsets[t + 1] as usize]
    }

    /// Per activity, how many of the query's words it has and their summed relevance.
    fn tally(&self, query: &str) -> Tally {
        let n = self.name_rank.len();
        let mut tally = Tally {
            words: 0,
            found: vec![0; n],
            relevance: vec![0; n],
        };
        let mut best = vec![0u8; n];
        for word in words(&fold(query)) {
            tally.words += 1;
            self.score_word(&plan(word, &self.vocab, &self.thesaurus), &mut best);
            for ((b, found), relevance) in best
                .iter_mut()
                .zip(&mut tally.found)
                .zip(&mut tally.relevance)
            {
                if *b > 0 {
                    *found += 1;
                    *relevance += u32::from(*b);
                    *b = 0;
                }
            }
        }
        tally
    }

    /// Each activity's best score for one word, into `best` (all zero before).
    fn score_word(&self, plan: &WordPlan, best: &mut [u8]) {
        for &(term, reach) in &plan.hits {
            for p in self.postings(term) {
                let b = &mut best[p.activity as usize];
                *b = (*b).max(score(reach, p.field));
            }
        }
        // A compound's last part lifts the activities its first part found.
        for &term in &plan.heads {
            for p in self.postings(term) {
                let b = &mut best[p.activity as usize];
                if *b > 0 {
                    *b = (*b).max(score(Reach::CompoundPart, p.field) + HEAD_TOO);
                }
            }
        }
    }
}

/// What a compound's last part adds; it stays a guess, below any direct hit.
const HEAD_TOO: u8 = 4;

fn score(reach: Reach, field: Field) -> u8 {
    reach as u8 + field as u8
}

struct Tally {
    words: u32,
    found: Vec<u32>,
    relevance: Vec<u32>,
}

/// The text of an activity that search reads, field by field.
fn fields<'a>(catalogue: &'a Catalogue, a: &'a Activity) -> [(Field, &'a str); 7] {
    let organiser = catalogue
        .organisation(&a.organisation_id)
        .map(|o| o.name.as_str());
    let wijk = a
        .wijk
        .as_deref()
        .and_then(|w| catalogue.wijk(w))
        .map(|w| w.name.as_str());
    [
        (Field::Name, a.name.as_str()),
        (Field::Summary, &a.summary),
        (Field::Other, &a.description),
        (Field::Other, a.kind.label()),
        (Field::Other, organiser.unwrap_or_default()),
        (
            Field::Other,
            a.location
                .as_ref()
                .map(|l| l.name.as_str())
                .unwrap_or_default(),
        ),
        (Field::Other, wijk.unwrap_or_default()),
    ]
}
