-- Tellen en vertellen (issue 18), what is left: retention that monitoring needs, the
-- meldpunt's time to a first step, and deleting a story.

-- When the retention job removed a sign-up's personal fields (first name, contact,
-- note, the cancel secret's hash). The row stays, with what the counts read:
-- activity, place, party size, channel and dates. NULL: not yet removed.
ALTER TABLE sign_ups ADD COLUMN personal_removed_at TEXT;

CREATE INDEX sign_ups_personal_kept ON sign_ups (created_at) WHERE personal_removed_at IS NULL;

-- What is left of audit rows older than the audit period: per month, log, action and
-- the staff member's role, a count. No user, no note, no activity.
CREATE TABLE audit_counts (
    month  TEXT    NOT NULL,                    -- YYYY-MM of the rows
    log    TEXT    NOT NULL CHECK (log IN ('note', 'account', 'sign_up', 'story')),
    action TEXT    NOT NULL,
    role   TEXT    NOT NULL,                    -- the role when summarised; 'none': the command line
    count  INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (month, log, action, role)
);

-- The meldpunt's time from a note received to its first triage step, in working
-- days, kept per month when retention deletes the note, so the monitoring's median
-- and share do not change when closed notes go.
CREATE TABLE note_response_counts (
    month        TEXT    NOT NULL,              -- YYYY-MM the note was received
    working_days INTEGER NOT NULL CHECK (working_days >= 0),
    count        INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (month, working_days)
);

-- Who deleted which story and when (the programme lead or an admin). The story
-- itself is gone; its text is not kept here.
CREATE TABLE story_audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT    NOT NULL,
    user_id  INTEGER NOT NULL REFERENCES users (id),
    story_id INTEGER NOT NULL,
    action   TEXT    NOT NULL CHECK (action IN ('delete'))
);
