//! The app's words (`locales/<language>/<namespace>.json`) as Rust: one constant per
//! key (`i18n::keys::common::language`), holding its number and its Dutch text. The
//! other languages are not compiled in: `scripts/build-words` writes each as a JSON
//! array in the same order, which the app fetches when a person chooses it
//! (`src/i18n.rs`, docs/languages.md).
//!
//! The order is the one both sides can compute without sharing code: every key as
//! `namespace.path.to.key`, sorted by bytes. Its fingerprint (FNV-1a 64 over those
//! names, one per line) goes first in each language's file, so an app never reads a
//! file made for other keys.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // scripts/build-web cuts both apps' wasm into chunks after linking (wasm-split-cli, for
    // the `#[lazy]` pages), which reads the linker's relocations to see what calls what.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=locales");
    let dir = Path::new("locales/nl");
    let mut words = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/nl")
        .map(|e| e.expect("locales/nl entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in files {
        println!("cargo::rerun-if-changed={}", file.display());
        let namespace = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&file).expect("a locale file");
        let tree: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        flatten(&tree, &namespace, &mut words);
    }

    let mut fingerprint: u64 = 0xcbf2_9ce4_8422_2325;
    for name in words.keys() {
        for byte in name.bytes().chain([b'\n']) {
            fingerprint ^= u64::from(byte);
            fingerprint = fingerprint.wrapping_mul(0x0100_0000_01b3);
        }
    }

    // The keys as nested modules, so `t_string!(i18n, common.language)` becomes the
    // path `keys::common::language` and a key that is not in Dutch does not build.
    let mut tree = Node::default();
    for (index, (name, text)) in words.iter().enumerate() {
        let mut node = &mut tree;
        let parts: Vec<&str> = name.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            node = node.children.entry((*part).to_owned()).or_default();
        }
        node.keys
            .push((parts[parts.len() - 1].to_owned(), index, text.clone()));
    }
    let mut out = String::new();
    writeln!(out, "pub const COUNT: usize = {};", words.len()).unwrap();
    writeln!(out, "pub const FINGERPRINT: &str = \"{fingerprint:016x}\";").unwrap();
    out.push_str(
        "#[allow(non_upper_case_globals, dead_code, clippy::module_inception)]\npub mod keys {\n",
    );
    write_node(&tree, &mut out, 1);
    out.push_str("}\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("words.rs");
    std::fs::write(target, out).expect("write words.rs");
}

#[derive(Default)]
struct Node {
    children: BTreeMap<String, Node>,
    keys: Vec<(String, usize, String)>,
}

fn write_node(node: &Node, out: &mut String, depth: usize) {
    let pad = "    ".repeat(depth);
    for (name, index, text) in &node.keys {
        writeln!(
            out,
            "{pad}pub const {name}: crate::i18n::Key = crate::i18n::Key({index}, {text:?});"
        )
        .unwrap();
    }
    for (name, child) in &node.children {
        writeln!(out, "{pad}pub mod {name} {{").unwrap();
        write_node(child, out, depth + 1);
        writeln!(out, "{pad}}}").unwrap();
    }
}

fn flatten(value: &serde_json::Value, path: &str, words: &mut BTreeMap<String, String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                flatten(value, &format!("{path}.{key}"), words);
            }
        }
        serde_json::Value::String(text) => {
            words.insert(path.to_owned(), text.clone());
        }
        other => panic!("{path}: a text must be a string, not {other}"),
    }
}
