//! Sealing concern notes so that only the meldpunt can read them (issue 17,
//! docs/decisions.md "Sealed notes").
//!
//! A note's body is sealed on the device, before it is stored anywhere, to the
//! meldpunt's public key with HPKE (RFC 9180) in base mode: DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256, ChaCha20-Poly1305. The note's id is the associated data, so a sealed
//! body cannot be moved onto another note unnoticed. The envelope names the key it was
//! sealed to, so old notes stay readable after a new key is made.
//!
//! The meldpunt's private keys never reach the server in the clear. Each coordinator
//! has a key pair of her own; its private half is wrapped under her passphrase
//! (argon2id, then ChaCha20-Poly1305) and the meldpunt's private keys are sealed to its
//! public half, once per coordinator who may read notes. Unlocking triage is: unwrap
//! her own key with her passphrase, then open the meldpunt keys sealed to it. Giving a
//! colleague access is sealing the meldpunt keys to the colleague's public key, which
//! needs no secret of hers.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hpke::aead::ChaCha20Poly1305 as HpkeAead;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::rand_core::{CryptoRng, RngCore};
use hpke::{Deserializable, Kem as _, OpModeR, OpModeS, Serializable};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::Zeroize;

type Kem = X25519HkdfSha256;
type PrivateKey = <Kem as hpke::Kem>::PrivateKey;
type PublicKey = <Kem as hpke::Kem>::PublicKey;
type EncappedKey = <Kem as hpke::Kem>::EncappedKey;

/// HPKE's `info`: binds every sealed body to this purpose and version.
const NOTE_INFO: &[u8] = b"omzien meldpunt note v1";
/// The same for a meldpunt private key sealed to a coordinator.
const GRANT_INFO: &[u8] = b"omzien meldpunt key v1";
/// Bodies are padded with spaces (JSON ignores them) to a multiple of this, so that
/// the length of a sealed note tells little about the length of its story.
const PAD: usize = 256;
/// The most a sealed body may be on the wire, in hex characters: a full note is about
/// 2 KB of JSON.
pub const MAX_CIPHERTEXT_HEX: usize = 16 * 1024;

/// argon2id's cost for a passphrase: OWASP's first recommendation (19 MiB, 2 passes,
/// 1 lane), about a second in a browser. Stored with each wrap, so it can grow later.
pub const ARGON2_M_KIB: u32 = 19 * 1024;
pub const ARGON2_T: u32 = 2;
pub const ARGON2_P: u32 = 1;
/// What an unwrap accepts at most, so a forged wrap cannot make a browser hash for
/// minutes or run out of memory.
const ARGON2_MAX_M_KIB: u32 = 256 * 1024;
const ARGON2_MAX_T: u32 = 10;
/// A passphrase shorter than this is refused when it is chosen.
pub const MIN_PASSPHRASE: usize = 12;

/// Why something could not be sealed or opened. Said in words a coordinator can act on;
/// the app shows its own (translated) words per variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum SealError {
    #[error("this key is not a valid meldpunt key")]
    BadKey,
    #[error("the note was changed after it was sealed, or is damaged: it cannot be opened")]
    Tampered,
    #[error("the note is sealed to a key that is not unlocked here")]
    UnknownKey,
    #[error("the passphrase is not right")]
    WrongPassphrase,
    #[error("the passphrase is too short")]
    ShortPassphrase,
}

/// Randomness from the system: the browser's `crypto.getRandomValues` in the app, the
/// operating system's on the server.
pub struct SystemRng;

impl RngCore for SystemRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        // Without randomness nothing can be sealed safely; stopping is the only answer.
        getrandom::getrandom(dst).expect("the system has no source of randomness");
    }
}

impl CryptoRng for SystemRng {}

/// The meldpunt's public key as devices get it with the catalogue pull.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldpuntKey {
    /// A UUID made with the key; every envelope names it.
    pub id: String,
    /// The X25519 public key, 32 bytes as hex.
    pub public_key: String,
}

/// A note's body sealed to one meldpunt key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub key_id: String,
    /// HPKE's encapsulated key, 32 bytes as hex.
    pub enc: String,
    /// The sealed, padded JSON of the body, as hex.
    pub ciphertext: String,
}

impl Envelope {
    /// Whether it has the shape of an envelope; only opening tells whether it is one.
    pub fn well_formed(&self) -> bool {
        well_formed_id(&self.key_id)
            && self.enc.len() == 64
            && is_hex(&self.enc)
            && !self.ciphertext.is_empty()
            && self.ciphertext.len() <= MAX_CIPHERTEXT_HEX
            && self.ciphertext.len() % 2 == 0
            && is_hex(&self.ciphertext)
    }
}

/// A meldpunt private key sealed to one coordinator's own public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedKey {
    pub enc: String,
    pub ciphertext: String,
}

/// A coordinator's own private key, wrapped under her passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wrapped {
    /// 16 random bytes as hex.
    pub salt: String,
    pub m_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    /// 12 random bytes as hex.
    pub nonce: String,
    pub ciphertext: String,
}

/// A coordinator's own key pair as the server keeps it: the public half, and the
/// private half wrapped under her passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorKey {
    pub public_key: String,
    pub wrapped: Wrapped,
}

impl CoordinatorKey {
    pub fn well_formed(&self) -> bool {
        let w = &self.wrapped;
        public_key(&self.public_key).is_ok()
            && w.salt.len() == 32
            && is_hex(&w.salt)
            && w.nonce.len() == 24
            && is_hex(&w.nonce)
            && w.ciphertext.len() == 2 * (32 + 16)
            && is_hex(&w.ciphertext)
            && (8..=ARGON2_MAX_M_KIB).contains(&w.m_kib)
            && (1..=ARGON2_MAX_T).contains(&w.t_cost)
            && w.p_cost == 1
    }
}

impl SealedKey {
    pub fn well_formed(&self) -> bool {
        self.enc.len() == 64
            && is_hex(&self.enc)
            && self.ciphertext.len() == 2 * (32 + 16)
            && is_hex(&self.ciphertext)
    }
}

/// Key ids are UUIDs made by the coordinator's browser.
pub fn well_formed_id(id: &str) -> bool {
    id.len() == 36 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

fn is_hex(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A private key in memory: wiped when dropped.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl Secret {
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The public key that belongs to it, as hex.
    pub fn public_key(&self) -> Result<String, SealError> {
        let private = PrivateKey::from_bytes(&self.0).map_err(|_| SealError::BadKey)?;
        Ok(hex::encode(Kem::sk_to_pk(&private).to_bytes()))
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// A new X25519 key pair: the private key and the public key as hex.
pub fn new_key_pair(rng: &mut impl CryptoRng) -> (Secret, String) {
    let (private, public) = Kem::gen_keypair(rng);
    let mut bytes = [0; 32];
    bytes.copy_from_slice(&private.to_bytes());
    (Secret(bytes), hex::encode(public.to_bytes()))
}

fn public_key(hex_text: &str) -> Result<PublicKey, SealError> {
    let bytes = hex::decode(hex_text).map_err(|_| SealError::BadKey)?;
    PublicKey::from_bytes(&bytes).map_err(|_| SealError::BadKey)
}

fn seal_to(
    public: &str,
    info: &[u8],
    aad: &[u8],
    plaintext: &[u8],
    rng: &mut impl CryptoRng,
) -> Result<(String, String), SealError> {
    let public = public_key(public)?;
    let (enc, ciphertext) = hpke::single_shot_seal::<HpkeAead, HkdfSha256, Kem, _>(
        &OpModeS::Base,
        &public,
        info,
        plaintext,
        aad,
        rng,
    )
    .map_err(|_| SealError::BadKey)?;
    Ok((hex::encode(enc.to_bytes()), hex::encode(ciphertext)))
}

fn open_with(
    private: &Secret,
    info: &[u8],
    aad: &[u8],
    enc: &str,
    ciphertext: &str,
) -> Result<Vec<u8>, SealError> {
    let private = PrivateKey::from_bytes(&private.0).map_err(|_| SealError::BadKey)?;
    let enc = hex::decode(enc).map_err(|_| SealError::Tampered)?;
    let enc = EncappedKey::from_bytes(&enc).map_err(|_| SealError::Tampered)?;
    let ciphertext = hex::decode(ciphertext).map_err(|_| SealError::Tampered)?;
    hpke::single_shot_open::<HpkeAead, HkdfSha256, Kem>(
        &OpModeR::Base,
        &private,
        &enc,
        info,
        &ciphertext,
        aad,
    )
    .map_err(|_| SealError::Tampered)
}

/// The associated data of a note's envelope: its id, as the server keys it.
fn note_aad(note_id: &str) -> Vec<u8> {
    note_id.to_ascii_lowercase().into_bytes()
}

/// Seals a note's body to the meldpunt's key. `note_id` is the id of the mutation
/// that carries it, which the server keeps as the note's id.
pub fn seal_body(
    key: &MeldpuntKey,
    note_id: &str,
    body: &impl Serialize,
    rng: &mut impl CryptoRng,
) -> Result<Envelope, SealError> {
    let mut plain = serde_json::to_vec(body).map_err(|_| SealError::BadKey)?;
    let padded = plain.len().div_ceil(PAD).max(1) * PAD;
    plain.resize(padded, b' ');
    let sealed = seal_to(&key.public_key, NOTE_INFO, &note_aad(note_id), &plain, rng);
    plain.zeroize();
    let (enc, ciphertext) = sealed?;
    Ok(Envelope {
        key_id: key.id.clone(),
        enc,
        ciphertext,
    })
}

/// The meldpunt's private keys unlocked in a coordinator's browser, by key id.
#[derive(Clone, Debug, Default)]
pub struct Keyring {
    keys: Vec<(String, Secret)>,
}

impl Keyring {
    pub fn add(&mut self, id: String, key: Secret) {
        self.keys.retain(|(k, _)| *k != id);
        self.keys.push((id, key));
    }

    pub fn get(&self, id: &str) -> Option<&Secret> {
        self.keys.iter().find(|(k, _)| k == id).map(|(_, s)| s)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|(k, _)| k.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Opens a note's sealed body with whichever key it names.
    pub fn open_body<T: DeserializeOwned>(
        &self,
        note_id: &str,
        envelope: &Envelope,
    ) -> Result<T, SealError> {
        let key = self.get(&envelope.key_id).ok_or(SealError::UnknownKey)?;
        let mut plain = open_with(
            key,
            NOTE_INFO,
            &note_aad(note_id),
            &envelope.enc,
            &envelope.ciphertext,
        )?;
        let body = serde_json::from_slice(&plain).map_err(|_| SealError::Tampered);
        plain.zeroize();
        body
    }
}

/// Seals a meldpunt private key to a coordinator's own public key: her access to the
/// notes sealed to it. The key's id is bound in, so the grant cannot pass for another.
pub fn seal_key(
    coordinator_public: &str,
    key_id: &str,
    key: &Secret,
    rng: &mut impl CryptoRng,
) -> Result<SealedKey, SealError> {
    let (enc, ciphertext) = seal_to(
        coordinator_public,
        GRANT_INFO,
        key_id.as_bytes(),
        key.bytes(),
        rng,
    )?;
    Ok(SealedKey { enc, ciphertext })
}

/// Opens a meldpunt private key sealed to this coordinator (`own`).
pub fn open_key(own: &Secret, key_id: &str, sealed: &SealedKey) -> Result<Secret, SealError> {
    let mut plain = open_with(
        own,
        GRANT_INFO,
        key_id.as_bytes(),
        &sealed.enc,
        &sealed.ciphertext,
    )?;
    let secret = <[u8; 32]>::try_from(plain.as_slice())
        .map(Secret)
        .map_err(|_| SealError::Tampered);
    plain.zeroize();
    secret
}

fn passphrase_key(
    passphrase: &str,
    salt: &[u8],
    m_kib: u32,
    t_cost: u32,
    p_cost: u32,
) -> Result<[u8; 32], SealError> {
    let params =
        Params::new(m_kib, t_cost, p_cost, Some(32)).map_err(|_| SealError::WrongPassphrase)?;
    let mut key = [0; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|_| SealError::WrongPassphrase)?;
    Ok(key)
}

/// Wraps a coordinator's own private key under her passphrase.
pub fn wrap(
    own: &Secret,
    passphrase: &str,
    rng: &mut impl CryptoRng,
) -> Result<Wrapped, SealError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(SealError::ShortPassphrase);
    }
    let mut salt = [0; 16];
    let mut nonce = [0; 12];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut nonce);
    let mut key = passphrase_key(passphrase, &salt, ARGON2_M_KIB, ARGON2_T, ARGON2_P)?;
    let aead = ChaCha20Poly1305::new(Key::from_slice(&key));
    key.zeroize();
    let ciphertext = aead
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: own.bytes(),
                aad: b"omzien coordinator key v1",
            },
        )
        .map_err(|_| SealError::BadKey)?;
    Ok(Wrapped {
        salt: hex::encode(salt),
        m_kib: ARGON2_M_KIB,
        t_cost: ARGON2_T,
        p_cost: ARGON2_P,
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ciphertext),
    })
}

/// Unwraps a coordinator's own private key with her passphrase.
pub fn unwrap(wrapped: &Wrapped, passphrase: &str) -> Result<Secret, SealError> {
    if wrapped.m_kib > ARGON2_MAX_M_KIB || wrapped.t_cost > ARGON2_MAX_T || wrapped.p_cost != 1 {
        return Err(SealError::Tampered);
    }
    let salt = hex::decode(&wrapped.salt).map_err(|_| SealError::Tampered)?;
    let nonce = hex::decode(&wrapped.nonce).map_err(|_| SealError::Tampered)?;
    let ciphertext = hex::decode(&wrapped.ciphertext).map_err(|_| SealError::Tampered)?;
    if nonce.len() != 12 {
        return Err(SealError::Tampered);
    }
    let mut key = passphrase_key(
        passphrase,
        &salt,
        wrapped.m_kib,
        wrapped.t_cost,
        wrapped.p_cost,
    )?;
    let aead = ChaCha20Poly1305::new(Key::from_slice(&key));
    key.zeroize();
    let mut plain = aead
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: b"omzien coordinator key v1",
            },
        )
        // A wrong passphrase and a damaged wrap look the same to an AEAD; the first is
        // by far the likelier.
        .map_err(|_| SealError::WrongPassphrase)?;
    let secret = <[u8; 32]>::try_from(plain.as_slice())
        .map(Secret)
        .map_err(|_| SealError::Tampered);
    plain.zeroize();
    secret
}

/// `GET /api/v1/meldpunt/keys`: what a coordinator needs to unlock triage, to make
/// a new meldpunt key and to give a colleague access.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRing {
    /// Her own key, `None` until she chose a passphrase.
    pub own: Option<CoordinatorKey>,
    /// Every meldpunt key, oldest first; the last is the one new notes are sealed to.
    pub keys: Vec<KeyEntry>,
    /// Every coordinator and admin, so that one with access can give it to another.
    pub colleagues: Vec<Colleague>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    pub id: String,
    pub public_key: String,
    pub created_at: String,
    /// This key sealed to the asking coordinator's own key; `None`: no access to it.
    pub sealed_for_me: Option<SealedKey>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    pub user_id: i64,
    pub email: String,
    /// Her own public key, once she chose a passphrase.
    pub public_key: Option<String>,
    /// Whether she can open notes sealed to the newest key.
    pub has_access: bool,
}

/// One meldpunt key sealed to one coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyGrant {
    pub key_id: String,
    pub user_id: i64,
    pub sealed: SealedKey,
}

/// `POST /api/v1/meldpunt/keys`: the first meldpunt key, or a new one for new notes.
/// Made in the coordinator's browser; `grants` give it to her and to every colleague
/// who has access now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeldpuntKey {
    pub key: MeldpuntKey,
    pub grants: Vec<KeyGrant>,
}

/// `POST /api/v1/meldpunt/grants`: meldpunt keys sealed to a colleague.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grants {
    pub grants: Vec<KeyGrant>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const NOTE: &str = "0b6f3c1e-2a4d-4c8e-9f00-1234567890ab";
    const KEY_ID: &str = "11111111-2222-4333-8444-555555555555";

    /// A note's body as JSON: this module seals whatever it is given.
    fn body() -> Value {
        json!({
            "signals": ["mail_piling_up"],
            "story": "Mevrouw Jansen doet de deur niet meer open.",
            "person_hint": "Mevrouw Jansen, Kerkstraat 12",
            "reporter": {"name": "Piet", "phone": "06 12345678"},
            "consent": {"agreed": true, "may_contact_reporter": true}
        })
    }

    fn meldpunt() -> (Keyring, MeldpuntKey) {
        let (private, public_key) = new_key_pair(&mut SystemRng);
        let mut ring = Keyring::default();
        ring.add(KEY_ID.into(), private);
        let key = MeldpuntKey {
            id: KEY_ID.into(),
            public_key,
        };
        (ring, key)
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_sealed_body_holds_no_byte_of_the_story_and_opens_with_the_key() {
        let (ring, key) = meldpunt();
        let envelope = seal_body(&key, NOTE, &body(), &mut SystemRng).unwrap();
        assert!(envelope.well_formed());
        let wire = serde_json::to_vec(&envelope).unwrap();
        for secret in ["Jansen", "Kerkstraat", "Piet", "12345678"] {
            assert!(!contains(&wire, secret.as_bytes()), "{secret}");
        }
        assert_eq!(ring.open_body(NOTE, &envelope), Ok(body()));
        // The id is case-insensitive, as the server's.
        assert_eq!(
            ring.open_body(&NOTE.to_ascii_uppercase(), &envelope),
            Ok(body())
        );
    }

    #[test]
    fn lengths_are_padded() {
        let (_, key) = meldpunt();
        let short = seal_body(&key, NOTE, &json!({"story": null}), &mut SystemRng).unwrap();
        let longer = json!({"story": "x".repeat(40)});
        let longer = seal_body(&key, NOTE, &longer, &mut SystemRng).unwrap();
        assert_eq!(short.ciphertext.len(), longer.ciphertext.len());
        assert_eq!(short.ciphertext.len(), 2 * (PAD + 16));
    }

    #[test]
    fn a_tampered_envelope_is_refused() {
        let (ring, key) = meldpunt();
        let envelope = seal_body(&key, NOTE, &body(), &mut SystemRng).unwrap();
        let mut flipped = envelope.clone();
        let last = flipped.ciphertext.pop().unwrap();
        flipped.ciphertext.push(if last == '0' { '1' } else { '0' });
        assert_eq!(
            ring.open_body::<Value>(NOTE, &flipped),
            Err(SealError::Tampered)
        );
        // Moved onto another note.
        let other = "0b6f3c1e-2a4d-4c8e-9f00-1234567890ac";
        assert_eq!(
            ring.open_body::<Value>(other, &envelope),
            Err(SealError::Tampered)
        );
        let mut cut = envelope.clone();
        cut.ciphertext.truncate(10);
        assert_eq!(
            ring.open_body::<Value>(NOTE, &cut),
            Err(SealError::Tampered)
        );
        let mut enc = envelope;
        enc.enc = "zz".repeat(32);
        assert_eq!(
            ring.open_body::<Value>(NOTE, &enc),
            Err(SealError::Tampered)
        );
    }

    #[test]
    fn without_the_key_a_note_cannot_be_opened() {
        let (_, key) = meldpunt();
        let envelope = seal_body(&key, NOTE, &body(), &mut SystemRng).unwrap();
        let (other, _) = meldpunt();
        assert_eq!(
            other.open_body::<Value>(NOTE, &envelope),
            Err(SealError::Tampered)
        );
        assert_eq!(
            Keyring::default().open_body::<Value>(NOTE, &envelope),
            Err(SealError::UnknownKey)
        );
    }

    #[test]
    fn after_rotation_old_and_new_notes_open() {
        let (mut ring, old) = meldpunt();
        let old_note = seal_body(&old, NOTE, &body(), &mut SystemRng).unwrap();
        let (private, public_key) = new_key_pair(&mut SystemRng);
        let new_id = "99999999-2222-4333-8444-555555555555";
        ring.add(new_id.into(), private);
        let new = MeldpuntKey {
            id: new_id.into(),
            public_key,
        };
        let other = "0b6f3c1e-2a4d-4c8e-9f00-1234567890ac";
        let new_note = seal_body(&new, other, &body(), &mut SystemRng).unwrap();
        assert_eq!(new_note.key_id, new_id);
        assert_eq!(ring.open_body(NOTE, &old_note), Ok(body()));
        assert_eq!(ring.open_body(other, &new_note), Ok(body()));
    }

    #[test]
    fn a_coordinator_unlocks_with_her_passphrase_only() {
        let (own, own_public) = new_key_pair(&mut SystemRng);
        let wrapped = wrap(&own, "lange zin om te onthouden", &mut SystemRng).unwrap();
        let key = CoordinatorKey {
            public_key: own_public.clone(),
            wrapped: wrapped.clone(),
        };
        assert!(key.well_formed());
        let back = unwrap(&wrapped, "lange zin om te onthouden").unwrap();
        assert_eq!(back.public_key().unwrap(), own_public);
        assert_eq!(
            unwrap(&wrapped, "lange zin om te vergeten").unwrap_err(),
            SealError::WrongPassphrase
        );
        assert_eq!(
            wrap(&own, "kort", &mut SystemRng).unwrap_err(),
            SealError::ShortPassphrase
        );
        let mut greedy = wrapped;
        greedy.m_kib = 4 * 1024 * 1024;
        assert_eq!(
            unwrap(&greedy, "lange zin om te onthouden").unwrap_err(),
            SealError::Tampered
        );
    }

    #[test]
    fn a_granted_colleague_opens_the_meldpunt_key_and_nobody_else() {
        let (meldpunt_private, _) = new_key_pair(&mut SystemRng);
        let (colleague, colleague_public) = new_key_pair(&mut SystemRng);
        let sealed =
            seal_key(&colleague_public, KEY_ID, &meldpunt_private, &mut SystemRng).unwrap();
        assert!(sealed.well_formed());
        let opened = open_key(&colleague, KEY_ID, &sealed).unwrap();
        assert_eq!(opened.bytes(), meldpunt_private.bytes());
        let (stranger, _) = new_key_pair(&mut SystemRng);
        assert_eq!(
            open_key(&stranger, KEY_ID, &sealed).unwrap_err(),
            SealError::Tampered
        );
        let other_id = "99999999-2222-4333-8444-555555555555";
        assert_eq!(
            open_key(&colleague, other_id, &sealed).unwrap_err(),
            SealError::Tampered
        );
    }

    #[test]
    fn a_bad_public_key_is_refused() {
        let key = MeldpuntKey {
            id: KEY_ID.into(),
            public_key: "00".into(),
        };
        assert_eq!(
            seal_body(&key, NOTE, &body(), &mut SystemRng).unwrap_err(),
            SealError::BadKey
        );
    }
}
