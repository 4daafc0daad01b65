-- Antar device store, version 2: each BA knows its courier, and the screens read BAs and
-- documents only through views that keep to the enrolled courier's. A phone re-enrolled for
-- another courier must not show the earlier courier's documents (names, NIKs, addresses):
-- they are not the new courier's to see (UU 27/2022). The rows stay, hidden, because their
-- attempts and receipts refer to them.

ALTER TABLE manifests ADD COLUMN courier_id TEXT;
UPDATE manifests SET courier_id = json_extract(json, '$.courier.id');

CREATE VIEW my_manifests AS
    SELECT * FROM manifests
    WHERE courier_id = (SELECT courier_id FROM enrollment WHERE id = 1);

CREATE VIEW my_items AS
    SELECT * FROM items
    WHERE manifest_id IN (SELECT id FROM my_manifests);
