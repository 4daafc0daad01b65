-- The proof layer: the office's own checks of every attempt, beside what the device said.

-- Each event names its predecessor's hash (the device's chain); kept to re-check a successor
-- that arrived before its predecessor.
ALTER TABLE events ADD COLUMN prev_sha256 TEXT;
CREATE INDEX events_by_device_seq ON events (device_id, device_seq);

-- The fingerprint of what was issued (Manifest::content_hash), filled on first use.
ALTER TABLE manifests ADD COLUMN content_sha256 TEXT;

CREATE TABLE attempt_checks (
    office_seq     INTEGER PRIMARY KEY REFERENCES events (office_seq),
    -- genesis | linked | missing | broken, and the ChainVerdict as JSON.
    chain          TEXT    NOT NULL,
    chain_json     TEXT    NOT NULL,
    -- consistent | outside_window | unanchored | after_receipt, and the TimeVerdict as JSON
    -- (with the window the office derived).
    time           TEXT    NOT NULL,
    time_json      TEXT    NOT NULL,
    -- 1 when the attempt names the hash of the office's own copy of its BA.
    manifest_bound INTEGER NOT NULL,
    -- The place verdict the office computed from its polygons, and the device's, as JSON.
    place_office   TEXT    NOT NULL,
    place_device   TEXT,
    -- 0 when the two place verdicts disagree.
    place_agrees   INTEGER
);

-- The office's look at each whole photo: 'ok' for a proof photo (small, stamped, no camera
-- metadata), otherwise why it is not one. NULL until the photo is whole.
ALTER TABLE photos ADD COLUMN proof_check TEXT;
