-- What each field officer is enrolled to do (antar_domain::field_role::FieldRole): a POS
-- courier, a recording-team member, or both. Officers already on a visit's team were doing
-- both, so they keep every duty they had.
ALTER TABLE couriers ADD COLUMN role TEXT NOT NULL DEFAULT 'kurir'
    CHECK (role IN ('kurir', 'perekam', 'keduanya'));
UPDATE couriers SET role = 'keduanya' WHERE id IN (SELECT courier_id FROM visit_team);
