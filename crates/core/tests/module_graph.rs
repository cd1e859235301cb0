//! Core's modules must not import each other in a circle: a circle means no module of
//! it can be read, tested or moved on its own, and it hides a type in the wrong place
//! (a wire type kept with the self-test once made `catalogue → wire → selftest →
//! catalogue`). An edge A → B is a mention of `crate::b` or `super::b` in `a.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn modules() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    fs::read_dir(&dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path.file_stem().expect("a file name").to_string_lossy();
            let text = fs::read_to_string(&path).expect("a source file is readable");
            (name.into_owned(), text)
        })
        .filter(|(name, _)| name != "lib")
        .collect()
}

/// The modules `text` refers to, by name.
fn mentions(text: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    names
        .iter()
        .filter(|name| {
            ["crate::", "super::"].iter().any(|prefix| {
                let path = format!("{prefix}{name}");
                text.match_indices(&path).any(|(at, _)| {
                    let after = text[at + path.len()..].chars().next();
                    !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
        })
        .cloned()
        .collect()
}

/// A circle through `from`, if there is one: depth-first search with the path so far.
fn circle(
    edges: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    if let Some(start) = path.iter().position(|m| m == from) {
        let mut found = path[start..].to_vec();
        found.push(from.to_owned());
        return Some(found);
    }
    path.push(from.to_owned());
    for next in edges.get(from).into_iter().flatten() {
        if let Some(found) = circle(edges, next, path) {
            return Some(found);
        }
    }
    path.pop();
    None
}

#[test]
fn no_module_imports_itself_through_others() {
    let sources = modules();
    let names: BTreeSet<String> = sources.keys().cloned().collect();
    let edges: BTreeMap<String, BTreeSet<String>> = sources
        .iter()
        .map(|(name, text)| {
            let mut to = mentions(text, &names);
            to.remove(name);
            (name.clone(), to)
        })
        .collect();
    assert!(edges.len() > 10, "found the modules: {:?}", edges.keys());
    for name in &names {
        if let Some(found) = circle(&edges, name, &mut Vec::new()) {
            panic!("import circle: {}", found.join(" → "));
        }
    }
}
