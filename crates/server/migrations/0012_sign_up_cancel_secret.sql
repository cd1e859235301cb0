-- Who may cancel a sign-up: whoever holds the secret its device made with it. Only the
-- secret's SHA-256 is kept, so a leaked database cancels nothing. Sign-ups from before
-- this column have none: the outreach worker who pushed one cancels it with her
-- session, any other is cancelled by phoning the organiser (docs/decisions.md).
ALTER TABLE sign_ups ADD COLUMN cancel_secret_sha256 BLOB
    CHECK (cancel_secret_sha256 IS NULL OR length(cancel_secret_sha256) = 32);
