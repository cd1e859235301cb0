-- As SQLite's 0023: what the programme lead counted of an action outside Omzien.
ALTER TABLE action_expectations ADD COLUMN counted BIGINT CHECK (counted IS NULL OR counted >= 0);
