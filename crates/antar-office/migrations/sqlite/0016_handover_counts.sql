-- The courier's count of a BA's documents at handover (antar_domain::ba_count), one per BA:
-- the documents counted in hand, and those missing from the bundle (back in the office's
-- queue). A BA issued from now on asks its phone for the count before the first attempt; the
-- BAs issued before keep count_required = 0 and are not held back.
ALTER TABLE manifests ADD COLUMN count_required INTEGER NOT NULL DEFAULT 0;
CREATE TABLE handover_counts (
    office_seq     INTEGER PRIMARY KEY REFERENCES events (office_seq),
    manifest_id    TEXT    NOT NULL UNIQUE REFERENCES manifests (id),
    courier_id     TEXT    NOT NULL REFERENCES couriers (id),
    counted        INTEGER NOT NULL CHECK (counted >= 0),
    missing        INTEGER NOT NULL CHECK (missing >= 0),
    counted_at     TEXT    NOT NULL,
    manifest_bound INTEGER NOT NULL
);
CREATE TABLE handover_missing (
    office_seq INTEGER NOT NULL REFERENCES handover_counts (office_seq),
    item_id    TEXT    NOT NULL REFERENCES manifest_items (id),
    PRIMARY KEY (office_seq, item_id)
) WITHOUT ROWID;
CREATE INDEX handover_missing_by_item ON handover_missing (item_id);
