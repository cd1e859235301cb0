-- The push limits' token buckets, where several server instances must share them
-- (PostgreSQL; on SQLite the one server keeps them in memory and this table stays
-- empty). One row per bucket: its name (what it limits and a SHA-256 of whom, never
-- the device id or address itself) and when its next token is due, in Unix
-- milliseconds. A row whose bucket is full again is deleted (limits.rs, forget_idle).
CREATE TABLE push_buckets (
    bucket TEXT PRIMARY KEY,
    due_ms BIGINT NOT NULL
);
CREATE INDEX push_buckets_due ON push_buckets (due_ms);
