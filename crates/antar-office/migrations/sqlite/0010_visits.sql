-- Visits of the mobile recording teams (pelayanan keliling): the plan, its team of field
-- officers (couriers enrolled as usual) and its target list. Outcomes arrive as events.
CREATE TABLE visits (
    id            TEXT    PRIMARY KEY,
    number        TEXT    NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    visit_day     TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('pekon', 'sekolah', 'rumah', 'lembaga')),
    venue         TEXT    NOT NULL,
    desa          TEXT    NOT NULL,
    kecamatan     TEXT    NOT NULL,
    note          TEXT,
    state         TEXT    NOT NULL DEFAULT 'planned'
                          CHECK (state IN ('planned', 'started', 'cancelled')),
    cancel_reason TEXT,
    planned_by    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX visits_by_day ON visits (visit_day);

CREATE TABLE visit_team (
    visit_id   TEXT NOT NULL REFERENCES visits (id),
    courier_id TEXT NOT NULL REFERENCES couriers (id),
    PRIMARY KEY (visit_id, courier_id)
) WITHOUT ROWID;
CREATE INDEX visit_team_by_courier ON visit_team (courier_id);

-- One NIK once per visit. A row staff remove stays (removed_at set) while the visit has
-- started, so an outcome a phone recorded for it is still accepted and shown.
CREATE TABLE visit_targets (
    id           TEXT    PRIMARY KEY,
    visit_id     TEXT    NOT NULL REFERENCES visits (id),
    nik          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    sex          TEXT    NOT NULL,
    birth_place  TEXT    NOT NULL,
    birth_date   TEXT    NOT NULL,
    address_json TEXT    NOT NULL,
    desa         TEXT    NOT NULL,
    phone        TEXT,
    category     TEXT    NOT NULL
                 CHECK (category IN ('pemula', 'belum_rekam', 'lansia', 'disabilitas', 'odgj',
                                     'sakit')),
    note         TEXT,
    source_row   INTEGER,
    imported_at  TEXT    NOT NULL,
    removed_at   TEXT,
    UNIQUE (visit_id, nik)
);
