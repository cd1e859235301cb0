-- An admin can turn a disabled account on again, and `account_audit` must be able to
-- say so. SQLite cannot change a CHECK in place, so the log is rebuilt. No table refers
-- to `account_audit`, so unlike 0009 this runs in sqlx's own transaction with foreign
-- keys on: dropping it cascades nowhere, and its own references to `users` are checked
-- as the rows are copied.

CREATE TABLE account_audit_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    by_user    INTEGER REFERENCES users (id),
    account_id INTEGER NOT NULL REFERENCES users (id),
    action     TEXT    NOT NULL CHECK (action IN ('add', 'disable', 'enable')),
    detail     TEXT                            -- for 'add': the role and organisations
);

INSERT INTO account_audit_new (id, at, by_user, account_id, action, detail)
    SELECT id, at, by_user, account_id, action, detail FROM account_audit;

DROP TABLE account_audit;

ALTER TABLE account_audit_new RENAME TO account_audit;

CREATE INDEX account_audit_by_account ON account_audit (account_id);
