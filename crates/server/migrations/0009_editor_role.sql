-- no-transaction
-- A catalogue editor (redacteur) is a role of her own: she keeps every activity but may
-- not read concern notes. SQLite cannot change the CHECK on users.role in place, and
-- eight tables refer to users (id), so the table is rebuilt by SQLite's 12 steps
-- (https://www.sqlite.org/lang_altertable.html#otheralter). With foreign keys on, the
-- DROP below would cascade into every session and organiser link. The line above makes
-- `src/migrate.rs` run this file on a connection of its own with foreign keys off
-- (steps 1 and 12), inside one BEGIN IMMEDIATE … COMMIT with sqlx's bookkeeping row
-- (steps 2 and 11), and run `PRAGMA foreign_key_check` before the commit (step 10):
-- sqlx 0.8 itself would wrap it in a transaction, where that pragma does nothing.

CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,        -- stored trimmed and lower-case
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'outreach_worker', 'organiser',
                                                'editor', 'admin')),
    password_hash TEXT NOT NULL,               -- argon2id, PHC string; never the password
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

INSERT INTO users_new (id, email, role, password_hash, created_at, disabled)
    SELECT id, email, role, password_hash, created_at, disabled FROM users;

DROP TABLE users;

ALTER TABLE users_new RENAME TO users;

-- Step 8: users had no index, trigger or view of its own (the UNIQUE on email comes
-- back with the table); the indexes of the tables that refer to it are untouched.

-- Every account added or disabled, by an admin in the app or on the command line
-- (by_user NULL): who, whom, when. Written in the transaction of the change.
CREATE TABLE account_audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    by_user    INTEGER REFERENCES users (id),
    account_id INTEGER NOT NULL REFERENCES users (id),
    action     TEXT    NOT NULL CHECK (action IN ('add', 'disable')),
    detail     TEXT                            -- for 'add': the role and organisations
);

CREATE INDEX account_audit_by_account ON account_audit (account_id);
