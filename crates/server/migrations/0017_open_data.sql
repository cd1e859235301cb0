-- Open data (HSDS 3, docs/interop.md). Two columns outside the JSON, like updated_on:
--
-- modified_at: when the record last changed, to the millisecond (UTC), for HSDS
-- `last_modified` and a partner's `modified_after`. Set by triggers on every write
-- that takes a new version, so no code path can forget it.
ALTER TABLE catalogue_records ADD COLUMN modified_at TEXT;
UPDATE catalogue_records
    SET modified_at = COALESCE(updated_on || 'T00:00:00.000Z',
                               strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
CREATE TRIGGER catalogue_records_modified_on_insert AFTER INSERT ON catalogue_records
BEGIN
    UPDATE catalogue_records SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE kind = NEW.kind AND id = NEW.id;
END;
CREATE TRIGGER catalogue_records_modified_on_update AFTER UPDATE OF version ON catalogue_records
BEGIN
    UPDATE catalogue_records SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE kind = NEW.kind AND id = NEW.id;
END;

-- import_source: where an imported record came from (`hsds:<name>` for
-- `omzien-server import-hsds`); NULL for data/ and what staff made. The import of data/
-- only deletes what it brought itself, so it leaves records from other sources alone.
ALTER TABLE catalogue_records ADD COLUMN import_source TEXT;
