-- Issue 18: a citizen phones "where is my KTP?". Staff find the document by its NIK, whole or
-- its last digits: a NIK is always 16 digits, so the index on its last four narrows either
-- search to a handful of rows before the rest is compared.
CREATE INDEX documents_by_nik_tail ON documents (substr(nik, 13));

-- The document search a staff member last sent (by POST), kept with the session so that its
-- results page by plain links without a NIK in any URL, log or browser history. Gone with
-- the session.
ALTER TABLE staff_sessions ADD COLUMN document_search TEXT;
