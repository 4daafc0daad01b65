-- An event may be about a whole BA (the courier's count at handover, antar_domain::ba_count):
-- the events table is rebuilt with `manifest_id`, exactly one of item, visit and BA naming
-- what it is about; every event, receipt and the chain come through as they were. The BA's
-- count is remembered on the BA. `handover_items` (0004) is kept aside while `events` is
-- rebuilt, since it refers to it; it now also holds the documents a count found missing.
CREATE TABLE handover_items_kept AS SELECT event_id, item_id FROM handover_items;
DROP TABLE handover_items;

CREATE TABLE events_v5 (
    id              TEXT PRIMARY KEY,
    device_seq      INTEGER NOT NULL UNIQUE CHECK (device_seq >= 1),
    item_id         TEXT REFERENCES items (id),
    visit_id        TEXT REFERENCES visits (id),
    manifest_id     TEXT REFERENCES manifests (id),
    target_id       TEXT,
    canonical       BLOB NOT NULL,
    sha256          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    photo_sha256    TEXT REFERENCES photos (sha256),
    receipt_json    TEXT,
    receipt_at      TEXT,
    last_error      TEXT,
    last_error_code INTEGER,
    CHECK ((item_id IS NOT NULL) + (visit_id IS NOT NULL) + (manifest_id IS NOT NULL) = 1)
) STRICT;
INSERT INTO events_v5 (id, device_seq, item_id, visit_id, target_id, canonical, sha256,
                       recorded_at, photo_sha256, receipt_json, receipt_at, last_error,
                       last_error_code)
    SELECT id, device_seq, item_id, visit_id, target_id, canonical, sha256, recorded_at,
           photo_sha256, receipt_json, receipt_at, last_error, last_error_code
    FROM events;
DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;
CREATE INDEX events_outbox ON events (device_seq) WHERE receipt_json IS NULL;
CREATE INDEX events_by_item ON events (item_id);
CREATE INDEX events_by_visit ON events (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX events_by_manifest ON events (manifest_id) WHERE manifest_id IS NOT NULL;

CREATE TABLE handover_items (
    event_id TEXT NOT NULL REFERENCES events (id),
    item_id  TEXT NOT NULL,
    PRIMARY KEY (event_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX handover_items_by_item ON handover_items (item_id);
INSERT INTO handover_items (event_id, item_id) SELECT event_id, item_id FROM handover_items_kept;
DROP TABLE handover_items_kept;

ALTER TABLE manifests ADD COLUMN counted_at TEXT;
