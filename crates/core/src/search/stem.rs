//! The Snowball Dutch stemmer (the classic algorithm of snowballstem.org, "dutch" in
//! Snowball 2 and in the `rust-stemmers` crate), so "wandelingen", "wandelen" and
//! "wandel" meet at "wandel".
//!
//! Written out here instead of depending on `rust-stemmers`, which is generated code
//! for every language on a general runtime: its Dutch alone added 9.1 KB to a small
//! native program, this file 4.3 KB (docs/decisions.md, "Search"). A test checks
//! this against that crate word for word.

/// The stem of a folded word. Words with letters outside a–z (other scripts) are
/// returned as they are: the algorithm is for Dutch.
pub fn stem(word: &str) -> String {
    if !word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return word.to_owned();
    }
    let mut w = Word::new(word.as_bytes());
    w.standard_suffix();
    w.text
        .iter()
        .map(|&b| b.to_ascii_lowercase() as char)
        .collect()
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A word being stemmed. `I` and `Y` (upper case) mark an i or y that acts as a
/// consonant, as the algorithm's prelude prescribes.
struct Word {
    text: Vec<u8>,
    /// Start of the regions R1 and R2.
    r1: usize,
    r2: usize,
}

impl Word {
    fn new(word: &[u8]) -> Self {
        let mut text = word.to_vec();
        if text.first() == Some(&b'y') {
            text[0] = b'Y';
        }
        // An i between vowels and a y after a vowel are consonants.
        let mut at = 0;
        while at + 1 < text.len() {
            if !is_vowel(text[at]) {
                at += 1;
            } else if text[at + 1] == b'i' && text.get(at + 2).is_some_and(|&b| is_vowel(b)) {
                text[at + 1] = b'I';
                at += 3;
            } else if text[at + 1] == b'y' {
                text[at + 1] = b'Y';
                at += 2;
            } else {
                at += 1;
            }
        }
        let r1 = region_after(&text, 0).map(|r| r.max(3));
        let r2 = region_after(&text, region_after(&text, 0).unwrap_or(text.len()));
        let len = text.len();
        Word {
            r1: r1.unwrap_or(len),
            r2: r2.filter(|_| r1.is_some()).unwrap_or(len),
            text,
        }
    }

    fn ends(&self, suffix: &[u8]) -> bool {
        self.text.ends_with(suffix)
    }

    /// Where `suffix` would start; call only when `ends(suffix)`.
    fn start(&self, suffix: &[u8]) -> usize {
        self.text.len() - suffix.len()
    }

    fn before(&self, at: usize) -> Option<u8> {
        at.checked_sub(1).map(|i| self.text[i])
    }

    fn consonant_before(&self, at: usize) -> bool {
        self.before(at).is_some_and(|b| !is_vowel(b))
    }

    fn undouble(&mut self) {
        if self.ends(b"kk") || self.ends(b"dd") || self.ends(b"tt") {
            self.text.pop();
        }
    }

    fn en_ending(&mut self, at: usize) -> bool {
        let ok = at >= self.r1 && self.consonant_before(at) && !self.text[..at].ends_with(b"gem");
        if ok {
            self.text.truncate(at);
            self.undouble();
        }
        ok
    }

    /// Step 2; whether it removed an e.
    fn e_ending(&mut self) -> bool {
        if !self.ends(b"e") {
            return false;
        }
        let at = self.start(b"e");
        let ok = at >= self.r1 && self.consonant_before(at);
        if ok {
            self.text.truncate(at);
            self.undouble();
        }
        ok
    }

    fn standard_suffix(&mut self) {
        // Step 1: the longest of these endings decides.
        if self.ends(b"heden") {
            let at = self.start(b"heden");
            if at >= self.r1 {
                self.text.truncate(at);
                self.text.extend_from_slice(b"heid");
            }
        } else if self.ends(b"ene") {
            self.en_ending(self.start(b"ene"));
        } else if self.ends(b"en") {
            self.en_ending(self.start(b"en"));
        } else if self.ends(b"se") || self.ends(b"s") {
            let at = self.text.len() - if self.ends(b"se") { 2 } else { 1 };
            if at >= self.r1 && self.consonant_before(at) && self.before(at) != Some(b'j') {
                self.text.truncate(at);
            }
        }
        let e_found = self.e_ending();
        // Step 3a.
        if self.ends(b"heid") {
            let at = self.start(b"heid");
            if at >= self.r2 && self.before(at) != Some(b'c') {
                self.text.truncate(at);
                if self.ends(b"en") {
                    self.en_ending(self.start(b"en"));
                }
            }
        }
        self.d_suffix(e_found);
        self.undouble_vowel();
    }

    /// Step 3b.
    fn d_suffix(&mut self, e_found: bool) {
        let Some(suffix) = [&b"end"[..], b"ing", b"ig", b"lijk", b"baar", b"bar"]
            .into_iter()
            .find(|s| self.ends(s))
        else {
            return;
        };
        let at = self.start(suffix);
        if at < self.r2 {
            return;
        }
        match suffix {
            b"end" | b"ing" => {
                self.text.truncate(at);
                let ig = self.ends(b"ig").then(|| self.start(b"ig"));
                match ig.filter(|&i| i >= self.r2 && self.before(i) != Some(b'e')) {
                    Some(i) => self.text.truncate(i),
                    None => self.undouble(),
                }
            }
            b"ig" if self.before(at) != Some(b'e') => self.text.truncate(at),
            b"lijk" => {
                self.text.truncate(at);
                self.e_ending();
            }
            b"baar" => self.text.truncate(at),
            b"bar" if e_found => self.text.truncate(at),
            _ => {}
        }
    }

    /// Step 4: "maan" → "man", when a consonant follows a double vowel after a consonant.
    fn undouble_vowel(&mut self) {
        let t = &self.text;
        let n = t.len();
        if n < 4 || is_vowel(t[n - 1]) || t[n - 1] == b'I' || is_vowel(t[n - 4]) {
            return;
        }
        if matches!(&t[n - 3..n - 1], b"aa" | b"ee" | b"oo" | b"uu") {
            self.text.remove(n - 2);
        }
    }
}

/// The position after the first consonant that follows a vowel, from `from` on.
fn region_after(text: &[u8], from: usize) -> Option<usize> {
    let vowel = from + text.get(from..)?.iter().position(|&b| is_vowel(b))?;
    let consonant = vowel + text[vowel..].iter().position(|&b| !is_vowel(b))?;
    Some(consonant + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_meet_at_one_stem() {
        for w in ["wandelingen", "wandelen", "wandel", "wandeling"] {
            assert_eq!(stem(w), "wandel", "{w}");
        }
        assert_eq!(stem("eenzaamheid"), stem("eenzaam"));
        // Snowball keeps the s after a j ("maatjes"); typing "maatje" still finds it as
        // a prefix.
        assert_eq!(stem("maatjes"), "maatjes");
        assert_eq!(stem("vrijwilligers"), "vrijwilliger");
        assert_eq!(stem("luisteren"), stem("luister"));
    }

    #[test]
    fn other_scripts_are_left_alone() {
        assert_eq!(stem("київ"), "київ");
    }

    #[test]
    fn agrees_with_the_snowball_reference() {
        use rust_stemmers::{Algorithm, Stemmer};
        let reference = Stemmer::create(Algorithm::Dutch);
        let data = [
            include_str!("../../../../data/activities.json"),
            include_str!("../../../../data/organisations.json"),
            include_str!("../../../../data/info.json"),
            include_str!("../../../../data/wijken.json"),
            // Words that reach the rarer branches of the algorithm.
            "heden mogelijkheden lijkheden ene gemene geheimen opgeven kaas maan brood \
             jaar yoga ayuda kooien mooie leuke tekeningen lieflijk vriendelijke \
             eetbaar draagbare hanenbalken bedden aardig heerlijkheid lusteloosheid \
             kinderen blijf ja's tantes menses handig vreselijk zichtbaarheid \
             ouderen gezelligheid koffieochtend werkende rijdend kleinigheid",
        ];
        let mut checked = 0;
        for text in data {
            let folded = super::super::fold::fold(text);
            for w in super::super::fold::words(&folded) {
                if w.bytes().all(|b| b.is_ascii_lowercase()) {
                    assert_eq!(stem(w), reference.stem(w), "{w}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }
}
