-- SQLite's migration 0027 (see there): a document's current state as a column, the tallies
-- per place, type, print day and state, and the triggers that keep both.
ALTER TABLE documents ADD COLUMN state TEXT COLLATE "C" NOT NULL DEFAULT 'not_dispatched';
UPDATE documents d SET state = latest.state
FROM (SELECT DISTINCT ON (document_id) document_id, state FROM manifest_items
      ORDER BY document_id, rowid DESC) latest
WHERE latest.document_id = d.id;
CREATE INDEX documents_by_state_place ON documents (state, kecamatan, desa, rt, rw, name, id);

CREATE TABLE document_tallies (
    kecamatan      TEXT COLLATE "C" NOT NULL,
    desa           TEXT COLLATE "C" NOT NULL,
    document_type  TEXT COLLATE "C" NOT NULL,
    printed_on     TEXT COLLATE "C" NOT NULL,
    state          TEXT COLLATE "C" NOT NULL,
    kecamatan_name TEXT COLLATE "C" NOT NULL,
    desa_name      TEXT COLLATE "C" NOT NULL,
    documents      BIGINT NOT NULL,
    PRIMARY KEY (kecamatan, desa, document_type, printed_on, state)
);
INSERT INTO document_tallies
SELECT kecamatan, desa, document_type, printed_on, state, MIN(kecamatan_name), MIN(desa_name),
       COUNT(*)
FROM documents GROUP BY kecamatan, desa, document_type, printed_on, state;

CREATE FUNCTION document_state_from_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE documents SET state = COALESCE(
            (SELECT i.state FROM manifest_items i WHERE i.document_id = OLD.document_id
             ORDER BY i.rowid DESC LIMIT 1), 'not_dispatched')
        WHERE id = OLD.document_id;
    ELSIF TG_OP = 'INSERT' OR OLD.state <> NEW.state THEN
        -- The latest item (the highest rowid: a copy may insert items in another order)
        -- decides.
        UPDATE documents SET state = NEW.state
        WHERE id = NEW.document_id AND state <> NEW.state
          AND NEW.rowid = (SELECT MAX(i.rowid) FROM manifest_items i
                           WHERE i.document_id = NEW.document_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER document_state_from_items AFTER INSERT OR UPDATE OF state OR DELETE
ON manifest_items FOR EACH ROW EXECUTE FUNCTION document_state_from_items();

CREATE FUNCTION document_tallies_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE document_tallies SET documents = documents - 1
        WHERE kecamatan = OLD.kecamatan AND desa = OLD.desa
          AND document_type = OLD.document_type AND printed_on = OLD.printed_on
          AND state = OLD.state;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO document_tallies VALUES (NEW.kecamatan, NEW.desa, NEW.document_type,
            NEW.printed_on, NEW.state, NEW.kecamatan_name, NEW.desa_name, 1)
        ON CONFLICT (kecamatan, desa, document_type, printed_on, state)
        DO UPDATE SET documents = document_tallies.documents + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER document_tallies_kept
AFTER INSERT OR UPDATE OF state, kecamatan, desa, document_type, printed_on OR DELETE
ON documents FOR EACH ROW EXECUTE FUNCTION document_tallies_kept();
