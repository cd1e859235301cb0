//! Folding: residents type "cafe" for "café" and "ruelle" for "ruëlle", in any case, so
//! text is lower-cased, accents removed and ĳ spelled out before it is compared.

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

/// The words of already folded text: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
