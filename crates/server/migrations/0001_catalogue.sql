-- The catalogue as versioned JSON records. Every change takes the next number from
-- sync_counter, so "everything after cursor N" is one indexed range scan, and a
-- deletion stays as a tombstone so clients that pull later learn of it.
CREATE TABLE catalogue_records (
    kind    TEXT    NOT NULL CHECK (kind IN ('organisation', 'activity', 'wijk', 'figures')),
    id      TEXT    NOT NULL,
    body    TEXT,                               -- JSON; NULL once deleted
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (kind, id)
);

CREATE UNIQUE INDEX catalogue_records_by_version ON catalogue_records (version);

CREATE TABLE sync_counter (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    last_version INTEGER NOT NULL
);

INSERT INTO sync_counter (id, last_version) VALUES (1, 0);
