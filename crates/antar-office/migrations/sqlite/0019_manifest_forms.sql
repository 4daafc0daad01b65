-- Each form of a BA the office served a phone (issue 16): a phone of today's version asks for
-- the phone's form (each NIK cut to its last 4 digits), whose fingerprint differs from the
-- office copy's; proofs recorded against any form served stay bound to their BA.
CREATE TABLE manifest_forms (
    manifest_id     TEXT NOT NULL REFERENCES manifests (id),
    sha256          TEXT NOT NULL,
    first_device_id TEXT NOT NULL,
    first_served_at TEXT NOT NULL,
    PRIMARY KEY (manifest_id, sha256)
) WITHOUT ROWID;
