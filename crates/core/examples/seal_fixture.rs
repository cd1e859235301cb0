//! Prints the key material the browser tests start from (`tests/e2e/meldpunt-key.ts`):
//! a coordinator's own key wrapped under a known passphrase, and a meldpunt key sealed
//! to it. Made with the same functions the staff app uses, so the tests exercise the
//! real unlock; only the set-up step is skipped, which `tests/e2e/sealed.spec.ts` does
//! through the screen.
//!
//!   cargo run --release -p omzien-core --example seal_fixture -- 'de passphrase'

use omzien_core::seal::{new_key_pair, seal_key, wrap, SystemRng};

fn main() {
    let passphrase = std::env::args()
        .nth(1)
        .expect("usage: seal_fixture PASSPHRASE");
    let (own, own_public) = new_key_pair(&mut SystemRng);
    let wrapped = wrap(&own, &passphrase, &mut SystemRng).expect("a long enough passphrase");
    let (meldpunt, meldpunt_public) = new_key_pair(&mut SystemRng);
    let id = "5eed0000-0000-4000-8000-00000000c0de";
    let sealed = seal_key(&own_public, id, &meldpunt, &mut SystemRng).expect("a valid key");
    let fixture = serde_json::json!({
        "passphrase": passphrase,
        "own_public": own_public,
        "wrapped": wrapped,
        "key_id": id,
        "meldpunt_public": meldpunt_public,
        "sealed": sealed,
    });
    println!("{}", serde_json::to_string_pretty(&fixture).unwrap());
}
