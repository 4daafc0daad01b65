-- The documents list pages by key (issue 19): its order ends with the id, so the index that
-- serves it does too (SQLite's index holds the rowid, which is the id, already).
DROP INDEX documents_by_place;
CREATE INDEX documents_by_place ON documents (kecamatan, desa, rt, rw, name, id);
