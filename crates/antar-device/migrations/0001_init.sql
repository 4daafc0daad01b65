-- Antar device store, version 1. Never edit once landed: add a new file instead.
-- Times are RFC 3339 UTC text; ids are UUID text; hashes are 64 lowercase hex digits.

-- Small facts about this phone: last contact with the office, and so on.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- At most one enrollment: the office this phone belongs to. The token is stored in plain
-- text for now (Android keystore wrapping comes with the app).
CREATE TABLE enrollment (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    office_url   TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    device_label TEXT NOT NULL,
    courier_id   TEXT NOT NULL,
    courier_name TEXT NOT NULL,
    token        TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL
) STRICT;

-- Manifests exactly as downloaded; local item states live in `items`, not here.
CREATE TABLE manifests (
    id             TEXT PRIMARY KEY,
    number         TEXT NOT NULL,
    issued_on      TEXT NOT NULL,
    json           TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    downloaded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE items (
    id             TEXT PRIMARY KEY,
    manifest_id    TEXT NOT NULL REFERENCES manifests (id),
    line           INTEGER NOT NULL,
    desa_code      TEXT NOT NULL,
    kecamatan_name TEXT NOT NULL,
    -- Lower-cased owner name and the NIK, only so the courier can search for an item.
    name_key       TEXT NOT NULL,
    nik            TEXT NOT NULL,
    -- What the office last said, and what the phone knows (office + local attempts).
    office_state   TEXT NOT NULL,
    state          TEXT NOT NULL,
    json           TEXT NOT NULL,
    UNIQUE (manifest_id, line)
) STRICT;
CREATE INDEX items_by_manifest ON items (manifest_id, line);

-- Proof photos, named by their SHA-256; the file is `photos/<sha256>.jpg` under the data dir.
CREATE TABLE photos (
    sha256         TEXT PRIMARY KEY,
    size           INTEGER NOT NULL CHECK (size > 0),
    path           TEXT NOT NULL,
    uploaded_bytes INTEGER NOT NULL DEFAULT 0,
    complete       INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    added_at       TEXT NOT NULL
) STRICT;

-- Immutable events recorded on this phone. `canonical` is what is sent and hashed; the
-- receipt arrives later and is never removed. No receipt = still in the outbox.
CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    device_seq      INTEGER NOT NULL UNIQUE CHECK (device_seq >= 1),
    item_id         TEXT NOT NULL REFERENCES items (id),
    canonical       BLOB NOT NULL,
    sha256          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    photo_sha256    TEXT REFERENCES photos (sha256),
    receipt_json    TEXT,
    receipt_at      TEXT,
    -- Set when the office refused this one event (4xx); it is held back until retried.
    last_error      TEXT,
    last_error_code INTEGER
) STRICT;
CREATE INDEX events_outbox ON events (device_seq) WHERE receipt_json IS NULL;
CREATE INDEX events_by_item ON events (item_id);
