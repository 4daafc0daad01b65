-- Antar office schema, version 1.
-- Ids are UUID strings (hyphenated), times are RFC 3339 UTC strings, dates are YYYY-MM-DD,
-- hashes are 64 lowercase hex digits: readable with the sqlite3 shell, portable to PostgreSQL.

-- Printed documents awaiting delivery, as imported from SIAK exports.
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    dedup_key      TEXT    NOT NULL UNIQUE,
    nik            TEXT    NOT NULL,
    no_kk          TEXT,
    name           TEXT    NOT NULL,
    sex            TEXT    NOT NULL,
    birth_place    TEXT    NOT NULL,
    birth_date     TEXT    NOT NULL,
    -- The resolved KtpAddress as JSON; the columns below copy what queries filter and sort on.
    address_json   TEXT    NOT NULL,
    kecamatan      TEXT    NOT NULL,
    kecamatan_name TEXT    NOT NULL,
    desa           TEXT    NOT NULL,
    desa_name      TEXT    NOT NULL,
    rt             INTEGER NOT NULL,
    rw             INTEGER NOT NULL,
    phone          TEXT,
    document_type  TEXT    NOT NULL,
    printed_on     TEXT    NOT NULL,
    imported_at    TEXT    NOT NULL
);
CREATE INDEX documents_by_place ON documents (kecamatan, desa, rt, rw, name);

CREATE TABLE couriers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    phone      TEXT,
    created_at TEXT NOT NULL
);

-- One-time codes a courier types into a new phone; only the SHA-256 of the code is kept.
CREATE TABLE enrollment_codes (
    code_sha256 TEXT PRIMARY KEY,
    courier_id  TEXT NOT NULL REFERENCES couriers (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- Enrolled phones; only the SHA-256 of the bearer token is kept.
CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    courier_id   TEXT NOT NULL REFERENCES couriers (id),
    label        TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    enrolled_at  TEXT NOT NULL
);

-- BA Pengiriman.
CREATE TABLE manifests (
    id         TEXT    PRIMARY KEY,
    number     TEXT    NOT NULL UNIQUE,
    year       INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    issued_on  TEXT    NOT NULL,
    issued_by  TEXT    NOT NULL,
    courier_id TEXT    NOT NULL REFERENCES couriers (id),
    created_at TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX manifests_by_courier ON manifests (courier_id);

CREATE TABLE manifest_items (
    id          TEXT    PRIMARY KEY,
    manifest_id TEXT    NOT NULL REFERENCES manifests (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    line        INTEGER NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'returned')),
    updated_at  TEXT    NOT NULL,
    UNIQUE (manifest_id, line)
);
-- Not on state: then a state change (the hot path) leaves this index alone.
CREATE INDEX manifest_items_by_document ON manifest_items (document_id);

-- Every event a device sent, exactly as received (canonical bytes) with the receipt given.
-- Keyed by the office's running number, so each new event appends to the last page; the
-- event id (UUIDv7, time-ordered) is the unique idempotency key. The hot path writes no
-- foreign keys: the device was authenticated and the item looked up in the same transaction,
-- and every index or check costs pages written per commit.
CREATE TABLE events (
    office_seq   INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    device_id    TEXT    NOT NULL,
    device_seq   INTEGER NOT NULL,
    canonical    BLOB    NOT NULL,
    sha256       TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    receipt_json TEXT    NOT NULL
);

-- The attempt inside an attempt event (same office_seq), in columns for reports.
CREATE TABLE attempts (
    office_seq    INTEGER PRIMARY KEY,
    item_id       TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    reason        TEXT,
    reason_note   TEXT,
    note          TEXT,
    recipient     TEXT,
    relationship  TEXT,
    lat           REAL,
    lon           REAL,
    accuracy_m    REAL,
    mock_location INTEGER,
    photo_sha256  TEXT,
    photo_bytes   INTEGER,
    recorded_at   TEXT NOT NULL,
    -- NULL when the attempt changed the item; otherwise why it could not.
    warning       TEXT
);

-- Proof photos; the bytes live in files named by their hash.
CREATE TABLE photos (
    sha256       TEXT    PRIMARY KEY,
    total_bytes  INTEGER NOT NULL,
    complete     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL,
    completed_at TEXT
);
