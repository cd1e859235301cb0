// The meldpunt's key for the browser tests, made by
// `cargo run --release -p omzien-core --example seal_fixture -- 'de kat krabt de krullen van de trap'`:
// a coordinator's own key wrapped under PASSPHRASE and a meldpunt key sealed to it,
// with the same functions the staff app uses. `setUpMeldpunt` (helpers.ts) puts them in
// a test server's database for one coordinator, so a test can write notes (the app
// seals them to this key) and read them (unlocking with PASSPHRASE in the browser).
// Test data only: it guards nothing real.

export const PASSPHRASE = 'de kat krabt de krullen van de trap';
export const KEY_ID = '5eed0000-0000-4000-8000-00000000c0de';
export const MELDPUNT_PUBLIC = 'c0909ee67aaa26761d9676c4a487f6c96d56cf92e8d3c4fcd3f2a10960f0d146';
export const OWN_PUBLIC = '6ae8d1b2274e7ddfc2dcfab39a737833f70523d729b10a606ef9eb533d368b09';
export const WRAPPED = '{"ciphertext":"d1e9cc7e613f67b8ef19e1bf1b917aa03f549cd4c2720d8b79282ba95db899705b4a8aad7091bd9e49c25d31ba4b9d51","m_kib":19456,"nonce":"3b9dd8cf2aa115b696545a81","p_cost":1,"salt":"4dd440de46e2dbd4164b2a308852c068","t_cost":2}';
export const SEALED = '{"ciphertext":"e0f14a4da70271a712473e0be25cac4dc91c43593db37d24ac612befa84f66c62aef71c55393998152dcd7bb02410e45","enc":"17f5962bf1e55b19ae6f1b7c4cb3d929932ac68636a1af160659b0b36ca2bf1a"}';
