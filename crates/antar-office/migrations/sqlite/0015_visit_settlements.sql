-- Staff's choice on a person two team phones disagreed about (antar_domain::visit::Settlement):
-- `person` is the target's id, or the NIK of a walk-in. The choice stands while the person has
-- no more outcome records than `records_seen`; a new choice replaces the old.
CREATE TABLE visit_settlements (
    visit_id     TEXT    NOT NULL REFERENCES visits (id),
    person       TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    ikd          TEXT,
    records_seen INTEGER NOT NULL CHECK (records_seen >= 2),
    settled_by   TEXT    NOT NULL,
    settled_at   TEXT    NOT NULL,
    PRIMARY KEY (visit_id, person)
) WITHOUT ROWID;
