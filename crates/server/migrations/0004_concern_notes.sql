-- Concern notes for the meldpunt. The routing fields are columns (the triage list
-- filters on them); the sensitive body is JSON in a table of its own, so it can be
-- sealed (encrypted) later without touching the routing, and so no list query ever
-- reads it.
CREATE TABLE concern_notes (
    id                TEXT PRIMARY KEY,        -- the id of the mutation that made it
    kind              TEXT NOT NULL CHECK (kind IN ('worried', 'wants_contact')),
    about             TEXT NOT NULL CHECK (about IN ('self', 'someone_else')),
    wijk              TEXT NOT NULL,
    urgency           TEXT NOT NULL CHECK (urgency IN ('normal', 'this_week', 'today')),
    reporter_role     TEXT NOT NULL CHECK (reporter_role IN
                          ('resident', 'neighbour', 'professional', 'volunteer', 'entrepreneur')),
    channel           TEXT NOT NULL CHECK (channel IN ('self', 'kiosk', 'on_behalf')),
    status            TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'referred', 'closed')),
    assignee_id       INTEGER REFERENCES users (id),
    pushed_by         INTEGER REFERENCES users (id),
    received_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    status_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    closed_at         TEXT
);

CREATE INDEX concern_notes_by_status ON concern_notes (status, received_at);
CREATE INDEX concern_notes_closed ON concern_notes (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX concern_notes_by_pusher ON concern_notes (pushed_by) WHERE pushed_by IS NOT NULL;

-- omzien_core::note::NoteBody as JSON.
CREATE TABLE concern_note_bodies (
    note_id TEXT PRIMARY KEY REFERENCES concern_notes (id) ON DELETE CASCADE,
    body    TEXT NOT NULL
);

CREATE TABLE note_referrals (
    id          INTEGER PRIMARY KEY,
    note_id     TEXT NOT NULL REFERENCES concern_notes (id) ON DELETE CASCADE,
    target      TEXT NOT NULL CHECK (target IN
                    ('activity', 'buurtteam', 'welzijn_op_recept', 'luisterlijn', 'other')),
    activity_id TEXT,
    note        TEXT,
    by_user     INTEGER NOT NULL REFERENCES users (id),
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX note_referrals_by_note ON note_referrals (note_id);

-- Every read of a note's detail and every change to it. No foreign key to the note:
-- the log outlives the notes it names (retention deletes those).
CREATE TABLE note_audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id INTEGER NOT NULL REFERENCES users (id),
    note_id TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (action IN ('read', 'status', 'assign', 'referral')),
    detail  TEXT
);

CREATE INDEX note_audit_by_note ON note_audit (note_id);

-- What is left of closed notes after retention: anonymous counts for monitoring.
CREATE TABLE closed_note_counts (
    month   TEXT NOT NULL,                     -- YYYY-MM the note was received
    wijk    TEXT NOT NULL,
    urgency TEXT NOT NULL,
    kind    TEXT NOT NULL,
    outcome TEXT NOT NULL,                     -- last referral target, or 'no_referral'
    count   INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (month, wijk, urgency, kind, outcome)
);
