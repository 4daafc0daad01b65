-- A recording team's visit may also hand over printed documents of its desa: they go on a BA
-- of their own kind (numbered in the same agenda series, `470/…/BA-KELILING/…`), held by the
-- first member of the team and open to every member's phone.
ALTER TABLE manifests ADD COLUMN visit_id TEXT REFERENCES visits (id);
CREATE INDEX manifests_by_visit ON manifests (visit_id) WHERE visit_id IS NOT NULL;
