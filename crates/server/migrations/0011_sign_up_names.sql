-- "Wie komt er?": a resident may let the organiser see her first name and the contact
-- detail she gave on the activity's list of sign-ups. The box is optional and off by
-- default; sign-ups from before it existed did not ask, so they stay without a name.
ALTER TABLE sign_ups ADD COLUMN share_with_organiser INTEGER NOT NULL DEFAULT 0
    CHECK (share_with_organiser IN (0, 1));

-- Every time an organiser was shown names on a list of sign-ups: who, which activity,
-- how many names, when. Written in the transaction of the read, like a note's read.
CREATE TABLE sign_up_audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    activity_id TEXT    NOT NULL,
    names       INTEGER NOT NULL CHECK (names > 0)
);
