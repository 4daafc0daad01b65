-- Antar device store, version 3: the recording teams' visits. A visit's events (the check-in
-- at the venue, each person's outcome) join the same chain and outbox as delivery attempts,
-- so `events` is rebuilt with `item_id` nullable and the visit and target it is about.
-- A visit's target list (names, NIKs, addresses of the people) stays on the phone only until
-- its outcomes have the office's receipts; the visit row keeps the counts after that.

CREATE TABLE visits (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL,
    visit_day          TEXT NOT NULL,
    -- The enrolled courier when it was downloaded: the screens show only the enrolled
    -- courier's visits (see my_visits).
    courier_id         TEXT NOT NULL,
    state              TEXT NOT NULL,
    desa_code          TEXT NOT NULL,
    -- The office's VisitSheet without its targets (they are rows of visit_targets).
    json               TEXT NOT NULL,
    downloaded_at      TEXT NOT NULL,
    -- When the team's first check-in was recorded on this phone.
    checked_in_at      TEXT,
    -- Set when the people left the phone; the counts below are then what the card shows.
    targets_removed_at TEXT,
    kept_targets       INTEGER,
    kept_met           INTEGER,
    kept_recorded      INTEGER,
    kept_walk_ins      INTEGER
) STRICT;
CREATE INDEX visits_by_number ON visits (number);

-- The people of a visit: the office's list, and the walk-ins recorded on this phone (they
-- get a local id, and no category or card). `outcome`/`ikd` are the latest local ones; `met`
-- and `recorded` are the domain's reading of `outcome`, kept for counting and filtering.
CREATE TABLE visit_targets (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    -- The office's order of the list; NULL for a walk-in.
    position    INTEGER,
    nik         TEXT NOT NULL,
    -- Lower-cased name, only so the team can search the list.
    name_key    TEXT NOT NULL,
    walk_in     INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    category    TEXT,
    json        TEXT,
    outcome     TEXT,
    ikd         TEXT,
    met         INTEGER NOT NULL DEFAULT 0 CHECK (met IN (0, 1)),
    recorded    INTEGER NOT NULL DEFAULT 0 CHECK (recorded IN (0, 1)),
    outcome_at  TEXT
) STRICT;
CREATE INDEX visit_targets_by_visit ON visit_targets (visit_id, walk_in, position);
CREATE INDEX visit_targets_by_nik ON visit_targets (visit_id, nik);

CREATE TABLE events_v3 (
    id              TEXT PRIMARY KEY,
    device_seq      INTEGER NOT NULL UNIQUE CHECK (device_seq >= 1),
    item_id         TEXT REFERENCES items (id),
    visit_id        TEXT REFERENCES visits (id),
    -- The listed person an outcome is about; NULL for a check-in and a walk-in.
    target_id       TEXT,
    canonical       BLOB NOT NULL,
    sha256          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    -- An attempt's proof, or a check-in's first photo (all of them are in `photos`).
    photo_sha256    TEXT REFERENCES photos (sha256),
    receipt_json    TEXT,
    receipt_at      TEXT,
    last_error      TEXT,
    last_error_code INTEGER,
    CHECK ((item_id IS NULL) <> (visit_id IS NULL))
) STRICT;
INSERT INTO events_v3 (id, device_seq, item_id, canonical, sha256, recorded_at, photo_sha256,
                       receipt_json, receipt_at, last_error, last_error_code)
    SELECT id, device_seq, item_id, canonical, sha256, recorded_at, photo_sha256,
           receipt_json, receipt_at, last_error, last_error_code
    FROM events;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_outbox ON events (device_seq) WHERE receipt_json IS NULL;
CREATE INDEX events_by_item ON events (item_id);
CREATE INDEX events_by_visit ON events (visit_id) WHERE visit_id IS NOT NULL;

-- Like my_manifests: a phone re-enrolled for another courier shows none of the earlier
-- courier's visits or people.
CREATE VIEW my_visits AS
    SELECT * FROM visits
    WHERE courier_id = (SELECT courier_id FROM enrollment WHERE id = 1);

CREATE VIEW my_visit_targets AS
    SELECT * FROM visit_targets
    WHERE visit_id IN (SELECT id FROM my_visits);
