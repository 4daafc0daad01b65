-- Antar office schema, version 2: the staff web. Staff accounts and sessions, the audit log,
-- proof reviews, BA Pengembalian (return reports), village contacts and the follow-up log,
-- plus the indexes the staff pages' queries need with 50,000 documents.

-- Staff who sign in to the web. Only Argon2id hashes of passwords are kept.
CREATE TABLE staff_users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT    NOT NULL,
    -- NIP or another staff number, printed on the BA's signature block.
    nip           TEXT,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'reviewer', 'viewer')),
    password_hash TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL
);

-- Signed-in browsers. Only the SHA-256 of the cookie's token is kept; the CSRF token is per
-- session and goes into every form.
CREATE TABLE staff_sessions (
    token_sha256 TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES staff_users (id),
    csrf         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

-- Every staff action: who, what, on which object. Ids only, never names or NIKs.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    user_id   INTEGER,
    username  TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    object    TEXT,
    detail    TEXT
);

-- The office's verdict on one attempt (keyed like attempts, by office_seq); the latest wins.
CREATE TABLE proof_reviews (
    id          INTEGER PRIMARY KEY,
    office_seq  INTEGER NOT NULL,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('accepted', 'flagged')),
    note        TEXT,
    reviewer_id INTEGER NOT NULL REFERENCES staff_users (id),
    reviewed_at TEXT    NOT NULL
);
CREATE INDEX proof_reviews_by_attempt ON proof_reviews (office_seq);

-- BA Pengembalian: failed documents a courier brings back, numbered like BA Pengiriman.
CREATE TABLE return_manifests (
    id          TEXT    PRIMARY KEY,
    number      TEXT    NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    manifest_id TEXT    NOT NULL REFERENCES manifests (id),
    issued_on   TEXT    NOT NULL,
    issued_by   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE TABLE return_items (
    return_id TEXT    NOT NULL REFERENCES return_manifests (id),
    item_id   TEXT    NOT NULL UNIQUE REFERENCES manifest_items (id),
    line      INTEGER NOT NULL,
    PRIMARY KEY (return_id, line)
);

-- Village officials (aparat pekon) the office calls about uncollected documents.
CREATE TABLE desa_contacts (
    id         INTEGER PRIMARY KEY,
    desa       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    phone      TEXT,
    email      TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX desa_contacts_by_desa ON desa_contacts (desa);

-- Each follow-up contact about one document and what came of it.
CREATE TABLE followups (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    contact_id  INTEGER REFERENCES desa_contacts (id),
    channel     TEXT    NOT NULL CHECK (channel IN ('phone', 'whatsapp', 'email', 'visit')),
    outcome     TEXT    NOT NULL,
    note        TEXT,
    staff_id    INTEGER NOT NULL REFERENCES staff_users (id),
    at          TEXT    NOT NULL
);
CREATE INDEX followups_by_document ON followups (document_id, id);

-- The documents page filters by print date and type; the service standard and proof review
-- look attempts up by item. (attempts gains one index write per event: a few microseconds on
-- the hot path, against scanning 100,000 attempts per page.)
CREATE INDEX documents_by_printed ON documents (printed_on);
CREATE INDEX attempts_by_item ON attempts (item_id, office_seq);
-- A document's current state is its latest item's: with the state in the index, the pages
-- that count 50,000 documents by state read the index alone. The price is one index entry
-- rewritten per state change on the event hot path.
CREATE INDEX manifest_items_by_document_state ON manifest_items (document_id, state);
