-- Self-test outcomes that people chose to share for monitoring: the two scores and,
-- if they said, their wijk. No mutation id and no moment, only the month, so a row
-- cannot be tied to a visit, a device or a log line.
CREATE TABLE self_test_results (
    wijk      TEXT,
    emotional INTEGER NOT NULL CHECK (emotional BETWEEN 0 AND 3),
    social    INTEGER NOT NULL CHECK (social BETWEEN 0 AND 3),
    month     TEXT    NOT NULL                  -- 'YYYY-MM'
);

CREATE INDEX self_test_results_by_month ON self_test_results (month);
