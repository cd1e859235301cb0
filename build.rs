//! `leptos_i18n::load_locales!()` reads `locales/` while compiling, which cargo cannot
//! see: tell it, so an edited translation rebuilds the app.
fn main() {
    println!("cargo::rerun-if-changed=locales");
}
