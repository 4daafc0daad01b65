-- Fewer pages written per event. Each event's commit wrote the events row and its two index
-- entries, the attempts row, an entry in attempts_by_item (at the item's place in an index of
-- every attempt, so a different page for almost every event) and an attempt_checks row: about
-- six pages where a bare insert writes two or three. After this migration an event writes the
-- events row (+ its two append-only index entries), the attempts row with the office's checks
-- in it, and the item's row, which the ingest already reads (and, on a state change, already
-- wrote).

-- The office's checks (0003's attempt_checks) become columns of the attempt they judge. NULL
-- only for attempts written by other means than ingest (see web_review's `checks: None`).
ALTER TABLE attempts ADD COLUMN chain TEXT;
ALTER TABLE attempts ADD COLUMN chain_json TEXT;
ALTER TABLE attempts ADD COLUMN time TEXT;
ALTER TABLE attempts ADD COLUMN time_json TEXT;
ALTER TABLE attempts ADD COLUMN manifest_bound INTEGER;
ALTER TABLE attempts ADD COLUMN place_office TEXT;
ALTER TABLE attempts ADD COLUMN place_device TEXT;
ALTER TABLE attempts ADD COLUMN place_agrees INTEGER;

UPDATE attempts
SET (chain, chain_json, time, time_json, manifest_bound, place_office, place_device,
     place_agrees) =
    (SELECT c.chain, c.chain_json, c.time, c.time_json, c.manifest_bound, c.place_office,
            c.place_device, c.place_agrees
     FROM attempt_checks c WHERE c.office_seq = attempts.office_seq)
WHERE office_seq IN (SELECT office_seq FROM attempt_checks);

DROP TABLE attempt_checks;

-- The item's latest attempt, kept on the item by the ingest's single UPDATE of the item row
-- (which now runs for every attempt, not only on a state change). It replaces the index
-- attempts (item_id, office_seq), whose only uses were "the item's latest attempt": whether a
-- reviewed attempt is the latest (only that one may reopen the item) and the latest failure
-- reason on a BA Pengembalian.
ALTER TABLE manifest_items ADD COLUMN last_office_seq INTEGER;

UPDATE manifest_items
SET last_office_seq = (SELECT MAX(a.office_seq) FROM attempts a WHERE a.item_id = manifest_items.id)
WHERE id IN (SELECT item_id FROM attempts);

DROP INDEX attempts_by_item;
