-- A delivered document's personal data leaves the phone 30 days after its receipt is stored
-- (issue 16): its item row stays (line, state) with the name, address and contact emptied.
-- A BA's own row keeps its header only: its documents are the items' rows.
ALTER TABLE items ADD COLUMN forgotten_at TEXT;
UPDATE manifests SET json = json_set(json, '$.items', json('[]')) WHERE json <> '{}';
