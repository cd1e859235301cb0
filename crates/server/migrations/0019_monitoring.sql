-- no-transaction
-- Tellen en vertellen (issue 18), first part.
--
-- 1. The programme lead (kartrekker) is a role of her own. SQLite cannot change the
-- CHECK on users.role in place, so the table is rebuilt as in 0009 (see there for why
-- this file runs with foreign keys off, in one transaction with a foreign key check).
-- The CHECK names every role there is, also 'place_manager' (the locatiebeheerder,
-- added by 0016), so this rebuild keeps every account.

CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,        -- stored trimmed and lower-case
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'outreach_worker', 'organiser',
                                                'editor', 'admin', 'place_manager',
                                                'kartrekker')),
    password_hash TEXT NOT NULL,               -- argon2id, PHC string; never the password
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

INSERT INTO users_new (id, email, role, password_hash, created_at, disabled)
    SELECT id, email, role, password_hash, created_at, disabled FROM users;

DROP TABLE users;

ALTER TABLE users_new RENAME TO users;

-- 2. The agenda's pillars and actions (chapter 7), seeded from data/actions.json at
-- every start and import (`src/programme.rs`). `body` is the action as the file words
-- it and is replaced by each import; what the programme lead keeps lives beside it
-- (`planning`, expectations, milestones, links) and no import touches it.
CREATE TABLE programme_pillars (
    number INTEGER PRIMARY KEY,
    body   TEXT NOT NULL                       -- omzien_core::programme::Pillar as JSON
);

CREATE TABLE programme_actions (
    id        TEXT PRIMARY KEY,
    position  INTEGER NOT NULL,                -- the order of the file
    body      TEXT NOT NULL,                   -- omzien_core::programme::Action as JSON
    planning  TEXT,                            -- the programme lead's; NULL: the file's
    edited_by INTEGER REFERENCES users (id),
    edited_at TEXT
);

-- Chapter 9's budget and the file's source line, as documents.
CREATE TABLE programme_documents (
    name TEXT PRIMARY KEY CHECK (name IN ('budget', 'source')),
    body TEXT NOT NULL
);

CREATE TABLE action_expectations (
    action_id TEXT    NOT NULL REFERENCES programme_actions (id) ON DELETE CASCADE,
    half      TEXT    NOT NULL,                -- '2026-H2'
    measure   TEXT    NOT NULL CHECK (measure IN ('participants', 'sign_ups', 'notes', 'visits')),
    count     INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (action_id, half, measure)
) WITHOUT ROWID;

CREATE TABLE action_milestones (
    id        INTEGER PRIMARY KEY,
    action_id TEXT    NOT NULL REFERENCES programme_actions (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    due       TEXT    NOT NULL,                -- YYYY-MM-DD
    done      TEXT                             -- YYYY-MM-DD once done
);

CREATE INDEX action_milestones_by_action ON action_milestones (action_id, position);

-- Which action an activity serves: steering data beside the catalogue, not in the
-- activity record (docs/monitoring.md says why).
CREATE TABLE activity_actions (
    activity_id TEXT PRIMARY KEY,
    action_id   TEXT NOT NULL REFERENCES programme_actions (id),
    set_by      INTEGER REFERENCES users (id),
    set_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX activity_actions_by_action ON activity_actions (action_id);

-- 3. Visits, counted without knowing who: catalogue pulls per day in Hilversum. No
-- cookie, device id, address or time of day; only the day and a number.
CREATE TABLE pull_counts (
    day   TEXT    PRIMARY KEY,                 -- YYYY-MM-DD
    pulls INTEGER NOT NULL CHECK (pulls > 0)
) WITHOUT ROWID;
