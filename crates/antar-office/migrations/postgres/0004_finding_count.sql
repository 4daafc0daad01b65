-- Issue 19: the proof queue sorts by the office's findings, so their count is a column that
-- ingest fills (from the domain's rule, antar_domain::findings), with an index: the queue's
-- pages start after any proof instead of sorting two million attempts. Rows stored before
-- are counted once when the store opens (store::review::count_older_findings).
ALTER TABLE events ADD COLUMN finding_count BIGINT;
CREATE INDEX events_by_findings ON events (finding_count, office_seq) WHERE item_id IS NOT NULL;

DROP VIEW attempts;
CREATE VIEW attempts AS
SELECT office_seq, item_id, outcome, reason, reason_note, note, recipient, relationship, lat,
       lon, accuracy_m, mock_location, photo_sha256, photo_bytes, recorded_at, warning, chain,
       chain_json, time, time_json, manifest_bound, place_office, place_device, place_agrees,
       official_position, finding_count
FROM events
WHERE item_id IS NOT NULL;
