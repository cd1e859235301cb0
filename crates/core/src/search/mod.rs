//! Finding activities: Dutch-aware text search plus the catalogue's filters.
//!
//! Residents type "cafe" for "café" and "ruelle" for "ruëlle", in any case; so text is
//! folded (lower case, accents removed, ĳ spelled out) before it is compared. Every
//! word of the query must match somewhere; a match in the name ranks above a match in
//! the summary, organiser or kind.

use crate::catalogue::Catalogue;
use crate::model::{Activity, LonelinessType, TargetGroup};
use crate::schedule::Weekday;

/// Lower-cases and strips accents so that "Café" and "cafe" compare equal.
///
/// Covers the Latin letters Dutch and its neighbours use (Latin-1 and Latin
/// Extended-A) and combining accents typed separately. A full Unicode decomposition
/// (the `unicode-normalization` crate) did the same for our text, but its tables made
/// the app 46 KB larger after brotli (260 → 214 KB; docs/benchmarks.md). A test checks
/// this table against that crate.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' => folded.push_str("ss"),
            'Æ' | 'æ' => folded.push_str("ae"),
            'Œ' | 'œ' => folded.push_str("oe"),
            'Ĳ' | 'ĳ' => folded.push_str("ij"),
            c => match base_letter(c) {
                Some(base) => folded.push(base),
                None => folded.extend(c.to_lowercase()),
            },
        }
    }
    folded
}

/// The unaccented lower-case letter for U+00C0–U+017F; `.` marks "keep as it is".
fn base_letter(c: char) -> Option<char> {
    const LATIN_1: &[u8; 64] = b"aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
    const EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkk\
        llllllllllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    let code = c as usize;
    let base = match code {
        0xC0..=0xFF => LATIN_1[code - 0xC0],
        0x100..=0x17F => EXTENDED_A[code - 0x100],
        _ => return None,
    };
    (base != b'.').then_some(base as char)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// What a resident has chosen on the catalogue page. The default matches everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub query: String,
    pub wijk: Option<String>,
    pub target_group: Option<TargetGroup>,
    pub loneliness: Option<LonelinessType>,
    pub day: Option<Weekday>,
    pub free_only: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty()
            && self.wijk.is_none()
            && self.target_group.is_none()
            && self.loneliness.is_none()
            && self.day.is_none()
            && !self.free_only
    }

    /// Whether the activity passes every filter except the text query.
    pub fn admits(&self, activity: &Activity) -> bool {
        // City-wide activities serve every wijk; "iedereen" includes every group.
        let wijk_ok = match (&self.wijk, &activity.wijk) {
            (None, _) | (Some(_), None) => true,
            (Some(wanted), Some(w)) => wanted == w,
        };
        let group_ok = self.target_group.is_none_or(|g| {
            activity.target_groups.contains(&g)
                || activity.target_groups.contains(&TargetGroup::Everyone)
        });
        let kind_ok = self
            .loneliness
            .is_none_or(|t| activity.loneliness_types.contains(&t));
        let day_ok = self
            .day
            .is_none_or(|d| activity.schedule.weekdays().contains(&d));
        let free_ok = !self.free_only || activity.free == Some(true);
        wijk_ok && group_ok && kind_ok && day_ok && free_ok
    }
}

/// The catalogue's text, folded once, so each keystroke only compares strings.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    name: String,
    rest: String,
}

impl SearchIndex {
    pub fn new(catalogue: &Catalogue) -> Self {
        let entries = catalogue
            .activities
            .iter()
            .map(|a| {
                let organiser = catalogue
                    .organisation(&a.organisation_id)
                    .map(|o| o.name.as_str())
                    .unwrap_or_default();
                Entry {
                    name: fold(&a.name),
                    rest: fold(&format!("{} {} {}", a.summary, organiser, a.kind.label())),
                }
            })
            .collect();
        SearchIndex { entries }
    }

    /// Indexes into `catalogue.activities` of the matches, best first, then by name.
    pub fn search(&self, catalogue: &Catalogue, filter: &Filter) -> Vec<usize> {
        let words: Vec<String> = fold(&filter.query)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let mut hits: Vec<(u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                catalogue
                    .activities
                    .get(*i)
                    .is_some_and(|a| filter.admits(a))
            })
            .filter_map(|(i, entry)| score(entry, &words).map(|s| (s, i)))
            .collect();
        hits.sort_by(|(sa, ia), (sb, ib)| {
            sb.cmp(sa).then_with(|| {
                let (a, b) = (&self.entries[*ia].name, &self.entries[*ib].name);
                a.cmp(b)
            })
        });
        hits.into_iter().map(|(_, i)| i).collect()
    }
}

/// `None` when some word is missing; otherwise higher is better.
fn score(entry: &Entry, words: &[String]) -> Option<u32> {
    words.iter().try_fold(0, |total, word| {
        if entry
            .name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(word.as_str()))
        {
            Some(total + 3)
        } else if entry.name.contains(word.as_str()) {
            Some(total + 2)
        } else if entry.rest.contains(word.as_str()) {
            Some(total + 1)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::tests::sample;

    fn names(filter: &Filter) -> Vec<String> {
        let catalogue = sample();
        let index = SearchIndex::new(&catalogue);
        index
            .search(&catalogue, filter)
            .into_iter()
            .map(|i| catalogue.activities[i].name.clone())
            .collect()
    }

    fn query(q: &str) -> Filter {
        Filter {
            query: q.to_owned(),
            ..Filter::default()
        }
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Café Créatief"), "cafe creatief");
        assert_eq!(fold("ruëlle"), "ruelle");
        assert_eq!(fold("ĲSSELMEER"), "ijsselmeer");
        assert_eq!(fold("Één"), "een");
        assert_eq!(fold("Cafe\u{301}"), "cafe", "a separately typed accent");
        assert_eq!(fold("Łódź Œuvre Straße Ærø"), "lodz oeuvre strasse aero");
        assert_eq!(fold("Київ"), "київ", "other scripts are only lower-cased");
    }

    #[test]
    fn accent_table_agrees_with_unicode_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{C0}'..='\u{17F}').filter(|c| c.is_alphabetic()) {
            let decomposed: String = c.nfd().filter(|d| !is_combining_mark(*d)).collect();
            if decomposed.chars().count() == 1 && decomposed.is_ascii() {
                assert_eq!(
                    fold(&c.to_string()),
                    decomposed.to_lowercase(),
                    "U+{:04X} {c}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn empty_query_lists_everything_by_name() {
        assert_eq!(
            names(&Filter::default()),
            vec![
                "Filosofiecafé",
                "Luisterlijn",
                "Wandelgroep",
                "Workshop jongeren"
            ]
        );
    }

    #[test]
    fn search_matches_without_accents_in_any_case() {
        assert_eq!(names(&query("FILOSOFIECAFE")), vec!["Filosofiecafé"]);
        assert_eq!(names(&query("café")), vec!["Filosofiecafé"]);
    }

    #[test]
    fn search_matches_organiser_summary_and_kind() {
        assert_eq!(
            names(&query("senver")),
            vec!["Filosofiecafé", "Wandelgroep"]
        );
        assert_eq!(names(&query("dag en nacht")), vec!["Luisterlijn"]);
        assert_eq!(names(&query("wandelen")), vec!["Wandelgroep"]);
    }

    #[test]
    fn every_word_must_match() {
        assert_eq!(names(&query("senver wandel")), vec!["Wandelgroep"]);
        assert!(names(&query("senver zwemmen")).is_empty());
    }

    #[test]
    fn name_matches_rank_above_other_matches() {
        // "luister" is in Luisterlijn's name and in the philosophy café's summary.
        assert_eq!(
            names(&query("luister")),
            vec!["Luisterlijn", "Filosofiecafé"]
        );
    }

    #[test]
    fn wijk_filter_keeps_that_wijk_and_city_wide_offers() {
        let f = Filter {
            wijk: Some("centrum".into()),
            ..Filter::default()
        };
        assert_eq!(
            names(&f),
            vec!["Filosofiecafé", "Luisterlijn", "Workshop jongeren"]
        );
    }

    #[test]
    fn target_group_filter_includes_offers_for_everyone() {
        let f = Filter {
            target_group: Some(TargetGroup::Youth),
            ..Filter::default()
        };
        assert_eq!(names(&f), vec!["Luisterlijn", "Workshop jongeren"]);
    }

    #[test]
    fn loneliness_type_day_and_free_filters() {
        let f = Filter {
            loneliness: Some(LonelinessType::Existential),
            ..Filter::default()
        };
        assert_eq!(names(&f), vec!["Filosofiecafé", "Workshop jongeren"]);
        let f = Filter {
            day: Some(Weekday::Tuesday),
            ..Filter::default()
        };
        // The helpline is there every day.
        assert_eq!(names(&f), vec!["Luisterlijn", "Wandelgroep"]);
        let f = Filter {
            day: Some(Weekday::Sunday),
            ..Filter::default()
        };
        assert_eq!(names(&f), vec!["Luisterlijn", "Workshop jongeren"]);
        let f = Filter {
            free_only: true,
            ..Filter::default()
        };
        assert_eq!(names(&f), vec!["Luisterlijn", "Wandelgroep"]);
    }

    #[test]
    fn filters_and_query_combine() {
        let f = Filter {
            query: "senver".into(),
            free_only: true,
            ..Filter::default()
        };
        assert_eq!(names(&f), vec!["Wandelgroep"]);
    }
}
