-- When each item was first delivered, kept on the item: the service standard and the period
-- report count days from printing to delivery for 50,000 documents, and finding that time
-- among the attempts (one lookup per delivered item, or a pass over all attempts) was most
-- of their cost.
--
-- The value is the earliest recorded_at of the item's attempts that delivered it (outcome not
-- failed and no warning: exactly the attempts that moved the item to delivered). It is written
-- by the same UPDATE that changes the item's state, so ingest gains no statement and no index
-- write; it is kept even if a review reopens the item, as that earliest attempt still counts.
-- Read it only where the item is delivered.
ALTER TABLE manifest_items ADD COLUMN delivered_at TEXT;

UPDATE manifest_items
SET delivered_at = (
    SELECT MIN(a.recorded_at) FROM attempts a
    WHERE a.item_id = manifest_items.id AND a.outcome <> 'failed' AND a.warning IS NULL)
WHERE id IN (SELECT item_id FROM attempts WHERE outcome <> 'failed' AND warning IS NULL);
