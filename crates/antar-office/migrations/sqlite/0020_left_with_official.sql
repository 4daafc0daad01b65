-- Issue 17: a card left with a village official or the RT head (outcome `left_with_official`).
-- The official's name goes in `recipient`, as a family member's does; their position (an
-- `OfficialPosition` code: kepala_pekon, sekretaris_pekon, kepala_dusun, ketua_rt,
-- other_official) in its own column. Rows stored before stay as they are (NULL).
ALTER TABLE events ADD COLUMN official_position TEXT;

DROP VIEW attempts;
CREATE VIEW attempts AS
SELECT office_seq, item_id, outcome, reason, reason_note, note, recipient, relationship, lat,
       lon, accuracy_m, mock_location, photo_sha256, photo_bytes, recorded_at, warning, chain,
       chain_json, time, time_json, manifest_bound, place_office, place_device, place_agrees,
       official_position
FROM events
WHERE item_id IS NOT NULL;

-- The follow-up list looks for the cards left with an official (the 14-day clock runs for
-- them as for a collective handover); few attempts are such, so the index stays small.
CREATE INDEX events_left_with_official ON events (item_id)
    WHERE outcome = 'left_with_official';
