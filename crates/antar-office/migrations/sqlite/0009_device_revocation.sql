-- A phone staff revoked (lost, replaced, its courier gone) reads nothing more; it may upload
-- what it recorded before until uploads_until (a grace staff can end). NULL: not revoked.
ALTER TABLE devices ADD COLUMN revoked_at TEXT;
ALTER TABLE devices ADD COLUMN uploads_until TEXT;

-- A courier who no longer works for the office: its phones are revoked, its unused codes
-- expired, and it gets no new code or BA.
ALTER TABLE couriers ADD COLUMN deactivated_at TEXT;

-- A device may upload or ask about only photos its courier's events name: looked up per chunk.
CREATE INDEX events_by_photo ON events (photo_sha256) WHERE photo_sha256 IS NOT NULL;
