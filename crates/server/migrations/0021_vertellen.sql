-- Vertellen (issue 18): stories about the programme's impact, and the kernteam
-- partners' half-yearly scores.

-- A story as a staff member or organiser wrote it down, with the teller's consent
-- (required: without it nothing is stored). No resident's name: the form asks for
-- none, and the text is the only free field. `created_by` is the staff account, for
-- the audit of who wrote what; it is never shown with the story.
CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL,
    action_id  TEXT    REFERENCES programme_actions (id) ON DELETE SET NULL,
    wijk       TEXT,                            -- a wijk id; NULL: all of Hilversum
    consent    INTEGER NOT NULL CHECK (consent = 1),
    day        TEXT    NOT NULL,                -- 'YYYY-MM-DD' in Hilversum
    created_by INTEGER REFERENCES users (id),
    created_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX stories_by_day ON stories (day);

-- One link per partner and half year. Only the SHA-256 of the link's token is kept,
-- so the database cannot open a survey. A partner answers once: `answered_at` is set
-- in the same statement that stores the scores, and only where it was NULL.
CREATE TABLE partner_surveys (
    id          INTEGER PRIMARY KEY,
    partner     TEXT    NOT NULL,
    half        TEXT    NOT NULL,               -- '2026-H2'
    token_hash  TEXT    NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    answered_at TEXT,
    results     INTEGER CHECK (results BETWEEN 1 AND 10),
    process     INTEGER CHECK (process BETWEEN 1 AND 10),
    cooperation INTEGER CHECK (cooperation BETWEEN 1 AND 10),
    comment     TEXT,
    UNIQUE (partner, half)
);
