-- no-transaction
-- A place manager (locatiebeheerder) of a library or community centre is a role of her
-- own: she may sign in to turn kiosk mode on or off on a device, and nothing else (no
-- notes, no sign-ups, no catalogue). As in 0009, the CHECK on users.role can only
-- change by rebuilding the table with SQLite's 12 steps; the line above makes
-- `src/migrate.rs` run this file with foreign keys off, in one transaction, with a
-- `PRAGMA foreign_key_check` before the commit.

CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,        -- stored trimmed and lower-case
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'outreach_worker', 'organiser',
                                                'editor', 'admin', 'place_manager')),
    password_hash TEXT NOT NULL,               -- argon2id, PHC string; never the password
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

INSERT INTO users_new (id, email, role, password_hash, created_at, disabled)
    SELECT id, email, role, password_hash, created_at, disabled FROM users;

DROP TABLE users;

ALTER TABLE users_new RENAME TO users;

-- Step 8: users has no index, trigger or view of its own (the UNIQUE on email comes
-- back with the table); the indexes of the tables that refer to it are untouched.
