-- Information pages and campaign periods travel as catalogue records too. SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt with the same
-- rows, versions and index.
CREATE TABLE catalogue_records_new (
    kind    TEXT    NOT NULL CHECK (kind IN ('organisation', 'activity', 'wijk', 'figures',
                                             'info_page', 'campaign')),
    id      TEXT    NOT NULL,
    body    TEXT,                               -- JSON; NULL once deleted
    version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (kind, id)
);

INSERT INTO catalogue_records_new (kind, id, body, version, deleted)
    SELECT kind, id, body, version, deleted FROM catalogue_records;

DROP TABLE catalogue_records;

ALTER TABLE catalogue_records_new RENAME TO catalogue_records;

CREATE UNIQUE INDEX catalogue_records_by_version ON catalogue_records (version);
