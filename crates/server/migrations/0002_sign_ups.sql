-- Pushed mutations. A mutation's UUID is written here in the same transaction as its
-- effect, so it is applied at most once; `outcome` is the answer a repeat gets.
CREATE TABLE applied_mutations (
    id         TEXT PRIMARY KEY,
    outcome    TEXT NOT NULL,                  -- JSON, omzien_core::wire::Outcome
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Sign-ups for activities: the least personal data that works.
CREATE TABLE sign_ups (
    id           TEXT PRIMARY KEY,             -- the id of the mutation that made it
    activity_id  TEXT NOT NULL,
    first_name   TEXT NOT NULL,
    phone        TEXT,
    email        TEXT,
    party_size   INTEGER NOT NULL CHECK (party_size BETWEEN 1 AND 10),
    note         TEXT,
    channel      TEXT NOT NULL CHECK (channel IN ('self', 'kiosk', 'on_behalf')),
    place        TEXT NOT NULL CHECK (place IN ('confirmed', 'waiting_list')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    cancelled_at TEXT
);

CREATE INDEX sign_ups_by_activity ON sign_ups (activity_id);

-- People confirmed per activity, kept with every sign-up and cancellation in the same
-- transaction, so deciding a place reads one row instead of summing all sign-ups.
CREATE TABLE places_taken (
    activity_id TEXT PRIMARY KEY,
    taken       INTEGER NOT NULL CHECK (taken >= 0)
);
