-- Events from recording teams' phones: a check-in at a visit's venue, or one person's
-- outcome. Like every event they have their row in `events` (its chain and time verdicts,
-- GPS fix, first photo, note; item_id NULL, so the `attempts` view leaves them out); what is
-- only a visit's sits here, under the same office_seq.
CREATE TABLE visit_events (
    office_seq   INTEGER PRIMARY KEY REFERENCES events (office_seq),
    visit_id     TEXT    NOT NULL REFERENCES visits (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('checkin', 'outcome')),
    courier_id   TEXT    NOT NULL,
    device_id    TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    -- An outcome is about a listed person (target_id) or a walk-in (walk_in_nik).
    target_id    TEXT    REFERENCES visit_targets (id),
    walk_in_nik  TEXT,
    walk_in_name TEXT,
    outcome      TEXT,
    ikd          TEXT,
    -- A check-in's place verdicts, as for attempts (0005).
    place_office TEXT,
    place_device TEXT,
    place_agrees INTEGER,
    CHECK ((kind = 'outcome') = (outcome IS NOT NULL)),
    CHECK (kind = 'checkin' OR (target_id IS NULL) <> (walk_in_nik IS NULL))
);
CREATE INDEX visit_events_by_visit ON visit_events (visit_id, kind);

-- Every photo an event names, when it names more than the one `events.photo_sha256` holds
-- (a check-in's activity photos): what lets the phone upload them.
CREATE TABLE event_photos (
    office_seq INTEGER NOT NULL REFERENCES events (office_seq),
    -- Its place in the event's list (the first, 0, is `events.photo_sha256`).
    position   INTEGER NOT NULL CHECK (position >= 1),
    sha256     TEXT    NOT NULL,
    PRIMARY KEY (office_seq, position)
) WITHOUT ROWID;
CREATE INDEX event_photos_by_hash ON event_photos (sha256);
