-- Sign-in without lock-out (issue 16). A device that has signed in to an account with
-- the right password gets a random token in a cookie; the server keeps only its SHA-256,
-- here, per account. Back on that device, the account's owner is slowed down by her own
-- failures only: an attacker's guesses from elsewhere, or from the same shared address,
-- do not stop her.
CREATE TABLE known_devices (
    token_hash TEXT    NOT NULL,             -- hex SHA-256 of the device cookie
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_at   TEXT    NOT NULL,             -- the first right password from this device
    last_at    TEXT    NOT NULL,             -- the latest; unused for a year, it is forgotten
    PRIMARY KEY (token_hash, user_id)
);

CREATE INDEX known_devices_by_user ON known_devices (user_id);
CREATE INDEX known_devices_by_last_use ON known_devices (last_at);

-- The known device an attempt came from (its token's hash), NULL for any other device.
-- A known device's failures count against that device; the others' against the pair
-- (e-mail, address) and the address.
ALTER TABLE sign_in_attempts ADD COLUMN device TEXT;

CREATE INDEX sign_in_attempts_by_device ON sign_in_attempts (device, at);
