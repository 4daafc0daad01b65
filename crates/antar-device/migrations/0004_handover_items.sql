-- The cards each collective handover names, so that a BA downloaded again before the office's
-- receipt keeps them delivered on the phone, as an attempt keeps its card. Handovers already
-- recorded are read back from their events.
CREATE TABLE handover_items (
    event_id TEXT NOT NULL REFERENCES events (id),
    item_id  TEXT NOT NULL,
    PRIMARY KEY (event_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX handover_items_by_item ON handover_items (item_id);
INSERT OR IGNORE INTO handover_items (event_id, item_id)
    SELECT e.id, j.value
    FROM events e, json_each(CAST(e.canonical AS TEXT), '$.body.items') j
    WHERE e.visit_id IS NOT NULL
      AND json_extract(CAST(e.canonical AS TEXT), '$.body.type') = 'collective_handover';
