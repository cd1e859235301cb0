-- A living catalogue: organisers keep their own organisations' activities, every
-- change by staff is kept as history, and what staff made or changed is theirs (an
-- import of data/ leaves it alone).

-- Which organisations' activities an organiser keeps.
CREATE TABLE user_organisations (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT    NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);

-- A new activity from an organiser waits for an editor: residents never pull it.
ALTER TABLE catalogue_records ADD COLUMN published INTEGER NOT NULL DEFAULT 1
    CHECK (published IN (0, 1));
-- The day (in Hilversum) the record was last changed or confirmed as still right:
-- "Bijgewerkt op …", and what freshness is judged by. Outside the JSON, so confirming
-- changes no body and an import of unchanged files changes nothing.
ALTER TABLE catalogue_records ADD COLUMN updated_on TEXT;
UPDATE catalogue_records SET updated_on = date('now');
-- Made or changed by staff in Omzien: the import neither overwrites nor deletes it.
ALTER TABLE catalogue_records ADD COLUMN staff_edited INTEGER NOT NULL DEFAULT 0
    CHECK (staff_edited IN (0, 1));

-- Every change by staff: who, when, the record before and after (so an editor can
-- see what changed and put an earlier version back).
CREATE TABLE catalogue_history (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    record_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('create', 'edit', 'publish', 'revert', 'confirm')),
    body        TEXT    NOT NULL,              -- JSON after the change
    previous    TEXT,                          -- JSON before; NULL for a new record
    user_id     INTEGER REFERENCES users (id),
    mutation_id TEXT,                          -- the push that made it
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX catalogue_history_by_record ON catalogue_history (kind, record_id, id);
