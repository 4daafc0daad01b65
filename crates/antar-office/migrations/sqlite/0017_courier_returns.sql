-- Documents the courier hands back from the phone (antar_domain::ba_return): the return
-- arrives as a BA Pengembalian carrying the event that brought it, the courier's count of the
-- bundle, and each document's reason; staff then confirm it with their own count. A report
-- staff issued at the office keeps these columns empty.
ALTER TABLE return_manifests ADD COLUMN office_seq INTEGER REFERENCES events (office_seq);
ALTER TABLE return_manifests ADD COLUMN courier_counted INTEGER CHECK (courier_counted >= 0);
-- Whether the phone's return named the BA as the office issued it.
ALTER TABLE return_manifests ADD COLUMN manifest_bound INTEGER;
ALTER TABLE return_manifests ADD COLUMN office_counted INTEGER CHECK (office_counted >= 0);
ALTER TABLE return_manifests ADD COLUMN office_counted_by TEXT;
ALTER TABLE return_manifests ADD COLUMN office_counted_at TEXT;
CREATE UNIQUE INDEX return_manifests_by_event ON return_manifests (office_seq)
    WHERE office_seq IS NOT NULL;
ALTER TABLE return_items ADD COLUMN reason TEXT;
ALTER TABLE return_items ADD COLUMN reason_note TEXT;
