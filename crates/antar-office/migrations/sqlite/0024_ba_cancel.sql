-- Issue 18: a BA Pengiriman issued by mistake is cancelled while the courier has not confirmed
-- it and no attempt on it arrived (antar_domain::ba_cancel); its documents go back to the
-- office's queue. Kept with who cancelled it, when and why; NULL for every BA not cancelled.
ALTER TABLE manifests ADD COLUMN cancelled_at TEXT;
ALTER TABLE manifests ADD COLUMN cancelled_by TEXT;
ALTER TABLE manifests ADD COLUMN cancel_reason TEXT;
