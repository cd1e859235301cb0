#!/usr/bin/env python3
"""Tests of scripts/check-imports and scripts/check-words on small made-up source trees.

    python3 scripts/test_lint.py
"""
import importlib.machinery
import importlib.util
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
from rust_tokens import tokenize  # noqa: E402


def load(name):
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(SCRIPTS / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


imports = load("check-imports")
words = load("check-words")


class Tree(unittest.TestCase):
    """A temporary folder with files written from {relative path: source}."""

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory()
        self.root = Path(self._dir.name)

    def tearDown(self):
        self._dir.cleanup()

    def write(self, files):
        for name, source in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source), encoding="utf-8")

    def run_script(self, script, *args):
        result = subprocess.run(
            [sys.executable, str(SCRIPTS / script), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
        )
        return result.returncode, result.stdout + result.stderr


class Tokens(unittest.TestCase):
    def test_strings_chars_lifetimes_comments(self):
        source = r'''
            // crate::a "no"
            /* outer /* inner */ still comment */
            let q = '"'; let e = '\''; fn f<'a>(x: &'a str) {}
            let s = "say \"hi\"\n"; let r = r#"raw "quoted" text"#; let b = b"bytes";
            let r#type = 1; /// doc crate::b
        '''
        tokens = tokenize(source)
        kinds = [(t.kind, t.text) for t in tokens if t.kind in ("str", "char", "lifetime")]
        self.assertEqual(
            kinds,
            [
                ("char", "'\"'"),
                ("char", "'\\''"),
                ("lifetime", "'a"),
                ("lifetime", "'a"),
                ("str", 'say "hi"\n'),
                ("str", 'raw "quoted" text'),
                ("str", "bytes"),
            ],
        )
        self.assertIn("r#type", [t.text for t in tokens])
        self.assertNotIn("crate", [t.text for t in tokens])
        self.assertEqual(tokens[-1].line, 6)


class CheckImports(Tree):
    def edges(self):
        """{from: {to}} with paths relative to src/."""
        src = self.root / "src"
        return {
            str(a.relative_to(src)): {str(b.relative_to(src)) for b in out}
            for a, out in imports.graph(src).items()
        }

    def test_circle_is_found_and_printed(self):
        self.write(
            {
                "src/lib.rs": "mod a;\nmod b;\n",
                "src/a.rs": "use crate::b::B;\npub struct A;\n",
                "src/b.rs": "pub struct B;\nfn f() -> crate::a::A { crate::a::A }\n",
            }
        )
        code, out = self.run_script("check-imports", "src")
        self.assertEqual(code, 1, out)
        self.assertIn("src/a.rs → src/b.rs → src/a.rs", out)
        self.assertIn("src/a.rs:1: crate::b::B", out)
        self.assertIn("src/b.rs:2: crate::a::A", out)
        self.assertIn("1 circle (2 files)", out)

    def test_acyclic_tree_passes(self):
        self.write(
            {
                "src/lib.rs": "mod a;\nmod b;\nmod c;\npub use a::A;\n",
                "src/a.rs": "use crate::b::B;\nuse crate::c;\npub struct A(B, c::C);\n",
                "src/b.rs": "use crate::c::C;\npub struct B(C);\n",
                "src/c.rs": "pub struct C;\nfn f() { crate::i18n::t(); }\n",
                "src/main.rs": "fn main() { omzien::start(); }\n",
                "src/bin/other.rs": "fn main() {}\n",
            }
        )
        code, out = self.run_script("check-imports", "src")
        self.assertEqual(code, 0, out)
        self.assertEqual(out.strip(), "check-imports: 1 crate, 4 files, no circles")

    def test_super_and_self_resolve(self):
        self.write(
            {
                "src/lib.rs": "mod m;\n",
                "src/m/mod.rs": """
                    mod child;
                    pub fn helper() {}
                    pub fn run() { self::child::work() }
                """,
                "src/m/child.rs": """
                    pub fn work() { super::helper() }
                    #[cfg(test)]
                    mod tests {
                        use super::*;
                        fn t() { super::work(); self::t(); }
                    }
                """,
            }
        )
        self.assertEqual(
            self.edges(),
            {"lib.rs": set(), "m/mod.rs": {"m/child.rs"}, "m/child.rs": {"m/mod.rs"}},
        )
        code, out = self.run_script("check-imports", "src")
        self.assertEqual(code, 1, out)
        self.assertIn("src/m/child.rs → src/m/mod.rs → src/m/child.rs", out)

    def test_mod_rs_that_only_declares_is_no_circle(self):
        self.write(
            {
                "src/lib.rs": "mod m;\n",
                "src/m/mod.rs": "pub mod child;\npub fn helper() {}\n",
                "src/m/child.rs": "pub fn work() { super::helper() }\n",
            }
        )
        self.assertEqual(
            self.edges(), {"lib.rs": set(), "m/mod.rs": set(), "m/child.rs": {"m/mod.rs"}}
        )

    def test_nested_use_groups_resolve(self):
        self.write(
            {
                "src/lib.rs": "mod a;\nmod d;\nmod x;\n",
                "src/a/mod.rs": "pub mod b;\npub mod c;\n",
                "src/a/b.rs": "pub struct B;\n",
                "src/a/c.rs": "pub struct C;\n",
                "src/d.rs": "pub mod e { pub fn f() {} }\n",
                "src/x.rs": """
                    pub(crate) use crate::{a::{b::B, c}, d::{self}};
                    fn g() { d::e::f(); }
                """,
            }
        )
        self.assertEqual(self.edges()["x.rs"], {"a/b.rs", "a/c.rs", "d.rs"})

    def test_names_brought_in_by_use_and_child_modules_resolve(self):
        self.write(
            {
                "src/lib.rs": "mod s;\nmod y;\n",
                "src/s/mod.rs": "pub mod t;\nmod u;\npub use u::U;\n",
                "src/s/t.rs": "pub struct T;\n",
                "src/s/u.rs": "pub struct U;\n",
                "src/y.rs": "use crate::s;\nfn f() -> s::t::T { s::t::T }\n",
            }
        )
        edges = self.edges()
        self.assertEqual(edges["s/mod.rs"], {"s/u.rs"})
        self.assertEqual(edges["y.rs"], {"s/mod.rs", "s/t.rs"})

    def test_comments_and_strings_are_no_edges(self):
        self.write(
            {
                "src/lib.rs": "mod a;\nmod b;\n",
                "src/a.rs": '''
                    //! See crate::b::B.
                    // use crate::b::B;
                    /* crate::b::B */
                    /// Like `crate::b::B`.
                    pub fn a() -> &'static str { "crate::b::B" }
                    pub fn r() -> &'static str { r#"use crate::b;"# }
                    pub struct A;
                ''',
                "src/b.rs": "use crate::a::A;\npub struct B(A);\n",
            }
        )
        self.assertEqual(self.edges()["a.rs"], set())
        code, out = self.run_script("check-imports", "src")
        self.assertEqual(code, 0, out)

    def test_paths_to_the_crate_root_and_outside_are_no_edges(self):
        self.write(
            {
                "src/lib.rs": "mod a;\nmod i18n_module { }\npub(crate) use i18n_module::i18n;\n",
                "src/a.rs": "use crate::i18n::t;\nuse std::sync::Arc;\nuse leptos::prelude::*;\n",
            }
        )
        self.assertEqual(self.edges(), {"lib.rs": set(), "a.rs": set()})


class CheckWords(Tree):
    def findings(self, source, name="src/pages/page.rs"):
        self.write({name: source})
        return [(line, text, where) for line, text, where in words.check_file(self.root / name)]

    def test_text_child_is_found(self):
        found = self.findings(
            """
            fn v() -> impl IntoView {
                view! {
                    <div class="notice">
                        <p><strong>"Nog geen activiteiten."</strong></p>
                    </div>
                }
            }
            """
        )
        self.assertEqual(found, [(5, "Nog geen activiteiten.", "text child")])

    def test_read_attributes_are_found(self):
        found = self.findings(
            """
            view! {
                <nav aria-label="Hoofdmenu" class="menu">
                    <input type="submit" value="Verstuur" />
                    <input type="text" value="gewoon" placeholder="Zoek" />
                    <button value="Ja" on:click=move |_| go("a")>{t!(i18n, x.y)}</button>
                    <img src="a.png" alt="Een kaart" />
                </nav>
            }
            """
        )
        self.assertEqual(
            found,
            [
                (3, "Hoofdmenu", "aria-label"),
                (4, "Verstuur", "value"),
                (5, "Zoek", "placeholder"),
                (6, "Ja", "value"),
                (7, "Een kaart", "alt"),
            ],
        )

    def test_set_title_with_a_literal_is_found(self):
        found = self.findings(
            """
            fn a() { set_title("Instellingen"); }
            fn b() { set_title(&format!("{} {}", x, y)); }
            fn c() { set_title(t_string!(i18n, home.title)); }
            fn d() { document().set_title(&format!("{page} — Omzien")); }
            """
        )
        self.assertEqual(found, [(2, "Instellingen", "set_title")])

    def test_keys_symbols_attributes_and_comments_pass(self):
        found = self.findings(
            """
            // <p>"Een zin in commentaar"</p>
            fn v() -> impl IntoView {
                /* view! { <p>"Ook commentaar"</p> } */
                let c = '"';
                view! {
                    <a href="/activiteiten" class="tile button-link" id="zoek" lang="nl">
                        {t!(i18n, home.title)}
                    </a>
                    <p>{move || t_string!(i18n, x.y)}" · "{n}"%"</p>
                    <span aria-hidden="true">"→"</span>
                    <span>"—"</span><span>"("</span><span>": "</span>
                    <strong>"Omzien"</strong>
                    <label title=move || t_string!(i18n, a.b)>{"Niet in een blok"}</label>
                    <Show when=move || x fallback=|| ()>"{count}"</Show>
                }
            }
            """
        )
        self.assertEqual(found, [])

    def test_nested_views_are_checked(self):
        found = self.findings(
            """
            view! {
                <ul>
                    {move || items.iter().map(|i| view! { <li>"Geen"</li> }).collect_view()}
                </ul>
                <Show when=move || x fallback=|| view! { <p>"Laden"</p> }>
                    <p>{x}</p>
                </Show>
            }
            """
        )
        self.assertEqual(found, [(4, "Geen", "text child"), (6, "Laden", "text child")])

    def test_store_bin_and_tests_are_not_checked(self):
        self.write(
            {
                "src/store/x.rs": 'fn f() { view! { <p>"Tekst"</p> } }\n',
                "src/bin/x.rs": 'fn f() { view! { <p>"Tekst"</p> } }\n',
                "src/pages/x.rs": 'mod tests { fn f() { view! { <p>"Tekst"</p> } } }\n',
                "src/pages/y.rs": 'fn f() { view! { <p>{t!(i18n, a.b)}</p> } }\n',
            }
        )
        code, out = self.run_script("check-words", "src")
        self.assertEqual(code, 0, out)
        self.assertEqual(out.strip(), "check-words: 2 files, every text is a locale key")

    def test_output_and_exit_code(self):
        self.write(
            {
                "src/components/mod.rs": """
                    pub fn Loading() -> impl IntoView {
                        view! { <p class="loading">"Even geduld…"</p> }
                    }
                """,
            }
        )
        code, out = self.run_script("check-words", "src")
        self.assertEqual(code, 1, out)
        self.assertIn('src/components/mod.rs:3: "Even geduld…" (text child)', out)


if __name__ == "__main__":
    unittest.main()
