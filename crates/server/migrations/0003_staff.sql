-- Staff accounts. Residents never have one.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,        -- stored trimmed and lower-case
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'outreach_worker', 'organiser', 'admin')),
    password_hash TEXT NOT NULL,               -- argon2id, PHC string; never the password
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

-- Sessions: only the SHA-256 of the token is kept, so a copy of the database signs
-- nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,               -- hex SHA-256 of the bearer token
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Sign-in attempts, for the rate limit (per e-mail and per client address). An attempt
-- is written as failed before the password is checked and marked good after, so
-- parallel guesses count too. Pruned daily.
CREATE TABLE sign_in_attempts (
    id        INTEGER PRIMARY KEY,
    email     TEXT NOT NULL,
    ip        TEXT NOT NULL,
    at        TEXT NOT NULL,
    succeeded INTEGER NOT NULL DEFAULT 0 CHECK (succeeded IN (0, 1))
);

CREATE INDEX sign_in_attempts_by_email ON sign_in_attempts (email, at);
CREATE INDEX sign_in_attempts_by_ip ON sign_in_attempts (ip, at);

-- Who pushed a sign-up with a staff session (outreach workers see their own queue).
ALTER TABLE sign_ups ADD COLUMN pushed_by INTEGER REFERENCES users (id);
