-- Deliveries the office flagged back to the courier, with the reviewer's note (the BA list's
-- `redo`, protocol v1 by addition). Kept apart from the BA (not in its fingerprint) and
-- replaced at each download of the list; `heard_at` is when this phone heard of the flag, so
-- an attempt recorded after it takes the document off the list before the office answers.
CREATE TABLE redo_items (
    item_id    TEXT PRIMARY KEY REFERENCES items (id),
    note       TEXT,
    flagged_at TEXT NOT NULL,
    heard_at   TEXT NOT NULL
) STRICT;
