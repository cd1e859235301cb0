-- Whether the reporter let the meldpunt pass the note on to a partner: a routing field,
-- so that refusing a referral needs no body (which will be sealed, issue 17). Filled
-- from the bodies stored so far.
ALTER TABLE concern_notes ADD COLUMN may_share INTEGER NOT NULL DEFAULT 0
    CHECK (may_share IN (0, 1));
UPDATE concern_notes SET may_share = COALESCE((
    SELECT json_extract(b.body, '$.consent.may_share_with_partners') = 1
    FROM concern_note_bodies b WHERE b.note_id = concern_notes.id), 0);
