-- Issue 18: per courier, when their phone last reached the office and what it still held
-- unsent then (its own report after each sync, `PUT /api/v1/device/status`). NULL for phones
-- that never reported (older app versions): the page then says only when events last came.
ALTER TABLE devices ADD COLUMN status_reported_at TEXT;
ALTER TABLE devices ADD COLUMN events_waiting INTEGER;
ALTER TABLE devices ADD COLUMN photos_waiting INTEGER;
