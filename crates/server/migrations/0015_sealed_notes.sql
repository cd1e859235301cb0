-- Sealed concern notes (issue 17, docs/decisions.md "Sealed notes"). A note's body is
-- sealed on the device to a meldpunt key; the server keeps the ciphertext and never a
-- private key in the clear.

-- The meldpunt's public keys, oldest first: new notes are sealed to the newest, old
-- notes stay sealed to the key they name. Made in a coordinator's browser.
CREATE TABLE meldpunt_keys (
    id         TEXT PRIMARY KEY,             -- a UUID; every envelope names it
    public_key TEXT NOT NULL,                -- X25519, hex
    seq        INTEGER NOT NULL UNIQUE,      -- 1, 2, …: the newest is the highest
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Each coordinator's own key pair: the public half, and the private half wrapped under
-- her passphrase (omzien_core::seal::Wrapped as JSON: argon2id, then ChaCha20-Poly1305).
CREATE TABLE coordinator_keys (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,
    wrapped    TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A meldpunt private key sealed to one coordinator's own public key
-- (omzien_core::seal::SealedKey as JSON): her access to the notes sealed to that key.
CREATE TABLE meldpunt_key_grants (
    key_id     TEXT NOT NULL REFERENCES meldpunt_keys (id),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sealed     TEXT NOT NULL,
    granted_by INTEGER NOT NULL REFERENCES users (id),
    granted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (key_id, user_id)
);

-- Who set up, rotated, chose a passphrase or gave access, and when.
CREATE TABLE meldpunt_key_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id INTEGER NOT NULL REFERENCES users (id),
    action  TEXT NOT NULL CHECK (action IN ('passphrase', 'new_key', 'grant')),
    detail  TEXT
);

-- 1: `body` is an omzien_core::seal::Envelope as JSON; 0: a NoteBody in the clear, only
-- from before the meldpunt had a key (sealed by the server when the first key is made).
ALTER TABLE concern_note_bodies ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0
    CHECK (sealed IN (0, 1));
