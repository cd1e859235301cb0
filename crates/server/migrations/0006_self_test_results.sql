-- Self-test outcomes that people chose to share for monitoring, kept only as counts
-- per month, wijk and pair of scores. A row per share (even without an id) would keep
-- its insertion order, which lines up with applied_mutations and so with the push it
-- came in; a count cannot be tied to a visit, a device or a log line.
CREATE TABLE self_test_counts (
    month     TEXT    NOT NULL,                 -- 'YYYY-MM'
    wijk      TEXT    NOT NULL DEFAULT '',      -- '' when the person did not say
    emotional INTEGER NOT NULL CHECK (emotional BETWEEN 0 AND 3),
    social    INTEGER NOT NULL CHECK (social BETWEEN 0 AND 3),
    count     INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (month, wijk, emotional, social)
) WITHOUT ROWID;
