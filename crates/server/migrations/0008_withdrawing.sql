-- Organisers withdraw activities that no longer take place, and that is history too.
-- SQLite cannot change a CHECK constraint in place, so the history table is rebuilt
-- (nothing refers to it, so this is safe inside the migration's transaction).
CREATE TABLE catalogue_history_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    action      TEXT    NOT NULL
        CHECK (action IN ('create', 'edit', 'publish', 'revert', 'confirm', 'withdraw')),
    body        TEXT    NOT NULL,              -- JSON after the change
    previous    TEXT,                          -- JSON before; NULL for a new record
    user_id     INTEGER REFERENCES users (id),
    mutation_id TEXT,                          -- the push that made it
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO catalogue_history_new
    (id, kind, record_id, revision, action, body, previous, user_id, mutation_id, at)
    SELECT id, kind, record_id, revision, action, body, previous, user_id, mutation_id, at
    FROM catalogue_history;
DROP TABLE catalogue_history;
ALTER TABLE catalogue_history_new RENAME TO catalogue_history;
CREATE INDEX catalogue_history_by_record ON catalogue_history (kind, record_id, id);
