//! Texts with a value in them: "{count} activiteiten gevonden".
//!
//! Used by the app's words (`src/words/`): leptos_i18n's own `{{ count }}` makes each such `t!` a view per language (about a
//! kilobyte of wasm each, measured in docs/benchmarks.md), and its `t_string!` with
//! values needs an option (`interpolate_display`) that `load_locales!` cannot set. So
//! these texts are plain strings in the locales, with `{name}` where the value goes,
//! and this fills them in. `scripts/check-locales` checks each language has the same
//! names as Dutch.

/// `template` with every `{name}` replaced by its value from `values`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(name, _)| *name == &after[..close])
                .map(|v| (v.1, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text before and after `{name}` in `template`, for a value that is markup of its
/// own (a name in another language with its `lang`). Without `{name}`: all of it, and
/// nothing after.
pub fn split<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let mut rest = template;
    let mut start = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if after.strip_prefix(name).is_some_and(|r| r.starts_with('}')) {
            let at = start + open;
            return (&template[..at], &template[at + name.len() + 2..]);
        }
        start += open + 1;
        rest = after;
    }
    (template, "")
}

#[cfg(test)]
mod tests {
    use super::{fill, split};

    #[test]
    fn fills_each_name_with_its_value() {
        assert_eq!(
            fill("{count} activiteiten gevonden", &[("count", "1.234")]),
            "1.234 activiteiten gevonden"
        );
        assert_eq!(
            fill("In wijk {wijk}", &[("wijk", "Centrum")]),
            "In wijk Centrum"
        );
        assert_eq!(
            fill("{a} en {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x en y, x"
        );
    }

    #[test]
    fn leaves_unknown_names_and_lone_braces_as_they_are() {
        assert_eq!(
            fill("Filters ({aantal})", &[("count", "2")]),
            "Filters ({aantal})"
        );
        assert_eq!(fill("a { b } {", &[("b", "x")]), "a { b } {");
        assert_eq!(fill("", &[("count", "2")]), "");
    }

    #[test]
    fn a_value_is_not_filled_in_again() {
        assert_eq!(fill("{a}", &[("a", "{b}"), ("b", "x")]), "{b}");
    }

    #[test]
    fn splits_around_the_name() {
        assert_eq!(
            split("{heading}: de stappen", "heading"),
            ("", ": de stappen")
        );
        assert_eq!(split("Over {a} en {b}", "b"), ("Over {a} en ", ""));
        assert_eq!(split("{b} {a}!", "a"), ("{b} ", "!"));
        assert_eq!(split("zonder naam", "a"), ("zonder naam", ""));
        assert_eq!(split("{ab} {a", "a"), ("{ab} {a", ""));
    }
}
