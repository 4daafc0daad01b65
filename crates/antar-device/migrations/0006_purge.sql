-- A revoked phone removes the personal data of its documents and visits (issue 16): the BAs
-- and visits it emptied stay as rows for the events that name them, hidden from every screen.
ALTER TABLE manifests ADD COLUMN purged_at TEXT;
ALTER TABLE visits ADD COLUMN purged_at TEXT;

DROP VIEW my_items;
DROP VIEW my_manifests;
CREATE VIEW my_manifests AS
    SELECT * FROM manifests
    WHERE courier_id = (SELECT courier_id FROM enrollment WHERE id = 1) AND purged_at IS NULL;
CREATE VIEW my_items AS
    SELECT * FROM items
    WHERE manifest_id IN (SELECT id FROM my_manifests);

DROP VIEW my_visit_targets;
DROP VIEW my_visits;
CREATE VIEW my_visits AS
    SELECT * FROM visits
    WHERE courier_id = (SELECT courier_id FROM enrollment WHERE id = 1) AND purged_at IS NULL;
CREATE VIEW my_visit_targets AS
    SELECT * FROM visit_targets
    WHERE visit_id IN (SELECT id FROM my_visits);
