-- Issue 18: a BA Pengiriman is signed by an officer named with their NIP, kept with the BA so
-- a reprint by another staff member shows the signer's NIP, not the printer's. BAs issued
-- before have none (NULL); their print leaves the NIP to be written in.
ALTER TABLE manifests ADD COLUMN officer_nip TEXT;
