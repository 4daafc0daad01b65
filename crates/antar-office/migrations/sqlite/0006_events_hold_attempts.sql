-- One row per event. An attempt event wrote two rows (events + attempts, same office_seq):
-- two B-tree inserts, and for a single PUT two of the five pages its commit wrote. Its
-- attempt's columns now sit in the events row, and `attempts` is a view of them, so what
-- reads attempts is unchanged. Every event today is an attempt; the columns stay nullable for
-- other kinds of event.
--
-- The receipt is no longer kept as text (~230 of the ~1,000 bytes of an event row): it is
-- rebuilt on a replay from the columns it was made of. `item_state` is the one part of it not
-- already stored; `received_at` takes the receipt's own spelling of the time, so a rebuilt
-- receipt has the same bytes as the first one.

ALTER TABLE events ADD COLUMN item_state TEXT;
ALTER TABLE events ADD COLUMN item_id TEXT;
ALTER TABLE events ADD COLUMN outcome TEXT;
ALTER TABLE events ADD COLUMN reason TEXT;
ALTER TABLE events ADD COLUMN reason_note TEXT;
ALTER TABLE events ADD COLUMN note TEXT;
ALTER TABLE events ADD COLUMN recipient TEXT;
ALTER TABLE events ADD COLUMN relationship TEXT;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN accuracy_m REAL;
ALTER TABLE events ADD COLUMN mock_location INTEGER;
ALTER TABLE events ADD COLUMN photo_sha256 TEXT;
ALTER TABLE events ADD COLUMN photo_bytes INTEGER;
ALTER TABLE events ADD COLUMN recorded_at TEXT;
-- NULL when the attempt changed the item; otherwise why it could not.
ALTER TABLE events ADD COLUMN warning TEXT;
-- The office's checks (see 0003 and 0005).
ALTER TABLE events ADD COLUMN chain TEXT;
ALTER TABLE events ADD COLUMN chain_json TEXT;
ALTER TABLE events ADD COLUMN time TEXT;
ALTER TABLE events ADD COLUMN time_json TEXT;
ALTER TABLE events ADD COLUMN manifest_bound INTEGER;
ALTER TABLE events ADD COLUMN place_office TEXT;
ALTER TABLE events ADD COLUMN place_device TEXT;
ALTER TABLE events ADD COLUMN place_agrees INTEGER;

UPDATE events
SET (item_id, outcome, reason, reason_note, note, recipient, relationship, lat, lon,
     accuracy_m, mock_location, photo_sha256, photo_bytes, recorded_at, warning, chain,
     chain_json, time, time_json, manifest_bound, place_office, place_device, place_agrees) =
    (SELECT a.item_id, a.outcome, a.reason, a.reason_note, a.note, a.recipient, a.relationship,
            a.lat, a.lon, a.accuracy_m, a.mock_location, a.photo_sha256, a.photo_bytes,
            a.recorded_at, a.warning, a.chain, a.chain_json, a.time, a.time_json,
            a.manifest_bound, a.place_office, a.place_device, a.place_agrees
     FROM attempts a WHERE a.office_seq = events.office_seq)
WHERE office_seq IN (SELECT office_seq FROM attempts);

UPDATE events
SET item_state = json_extract(receipt_json, '$.item_state'),
    received_at = json_extract(receipt_json, '$.received_at');

ALTER TABLE events DROP COLUMN receipt_json;
DROP TABLE attempts;

CREATE VIEW attempts AS
SELECT office_seq, item_id, outcome, reason, reason_note, note, recipient, relationship, lat,
       lon, accuracy_m, mock_location, photo_sha256, photo_bytes, recorded_at, warning, chain,
       chain_json, time, time_json, manifest_bound, place_office, place_device, place_agrees
FROM events
WHERE item_id IS NOT NULL;
