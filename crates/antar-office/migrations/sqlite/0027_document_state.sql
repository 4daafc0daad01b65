-- Issue 19: a document's current state (its latest item's, or 'not_dispatched') is a column,
-- and the documents are counted per place, type, print day and state in document_tallies,
-- so that lists filter by state through an index and their counts per kecamatan and desa
-- read a few thousand tally rows instead of every document. Triggers keep both, whichever
-- write changes an item (ingest, a review's flag, a return, a cancelled BA): no writer can
-- forget them. store::document_list::tally_drift checks them against a full pass.
ALTER TABLE documents ADD COLUMN state TEXT NOT NULL DEFAULT 'not_dispatched';
UPDATE documents SET state = COALESCE(
    (SELECT i.state FROM manifest_items i WHERE i.document_id = documents.id
     ORDER BY i.rowid DESC LIMIT 1), 'not_dispatched');
CREATE INDEX documents_by_state_place ON documents (state, kecamatan, desa, rt, rw, name);

CREATE TABLE document_tallies (
    kecamatan      TEXT    NOT NULL,
    desa           TEXT    NOT NULL,
    document_type  TEXT    NOT NULL,
    printed_on     TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    kecamatan_name TEXT    NOT NULL,
    desa_name      TEXT    NOT NULL,
    documents      INTEGER NOT NULL,
    PRIMARY KEY (kecamatan, desa, document_type, printed_on, state)
) WITHOUT ROWID;
INSERT INTO document_tallies
SELECT kecamatan, desa, document_type, printed_on, state, MIN(kecamatan_name), MIN(desa_name),
       COUNT(*)
FROM documents GROUP BY kecamatan, desa, document_type, printed_on, state;

-- The latest item (the highest rowid: a copy may insert items in another order) decides.
CREATE TRIGGER document_state_on_new_item AFTER INSERT ON manifest_items BEGIN
    UPDATE documents SET state = NEW.state
    WHERE id = NEW.document_id AND state <> NEW.state
      AND NEW.rowid = (SELECT MAX(i.rowid) FROM manifest_items i
                       WHERE i.document_id = NEW.document_id);
END;
CREATE TRIGGER document_state_on_item_state AFTER UPDATE OF state ON manifest_items
WHEN OLD.state <> NEW.state BEGIN
    UPDATE documents SET state = NEW.state
    WHERE id = NEW.document_id AND state <> NEW.state
      AND NEW.rowid = (SELECT MAX(i.rowid) FROM manifest_items i
                       WHERE i.document_id = NEW.document_id);
END;
CREATE TRIGGER document_state_on_removed_item AFTER DELETE ON manifest_items BEGIN
    UPDATE documents SET state = COALESCE(
        (SELECT i.state FROM manifest_items i WHERE i.document_id = OLD.document_id
         ORDER BY i.rowid DESC LIMIT 1), 'not_dispatched')
    WHERE id = OLD.document_id;
END;

CREATE TRIGGER document_tally_on_new AFTER INSERT ON documents BEGIN
    INSERT INTO document_tallies VALUES (NEW.kecamatan, NEW.desa, NEW.document_type,
        NEW.printed_on, NEW.state, NEW.kecamatan_name, NEW.desa_name, 1)
    ON CONFLICT (kecamatan, desa, document_type, printed_on, state)
    DO UPDATE SET documents = documents + 1;
END;
CREATE TRIGGER document_tally_on_change
AFTER UPDATE OF state, kecamatan, desa, document_type, printed_on ON documents BEGIN
    UPDATE document_tallies SET documents = documents - 1
    WHERE kecamatan = OLD.kecamatan AND desa = OLD.desa AND document_type = OLD.document_type
      AND printed_on = OLD.printed_on AND state = OLD.state;
    INSERT INTO document_tallies VALUES (NEW.kecamatan, NEW.desa, NEW.document_type,
        NEW.printed_on, NEW.state, NEW.kecamatan_name, NEW.desa_name, 1)
    ON CONFLICT (kecamatan, desa, document_type, printed_on, state)
    DO UPDATE SET documents = documents + 1;
END;
CREATE TRIGGER document_tally_on_removed AFTER DELETE ON documents BEGIN
    UPDATE document_tallies SET documents = documents - 1
    WHERE kecamatan = OLD.kecamatan AND desa = OLD.desa AND document_type = OLD.document_type
      AND printed_on = OLD.printed_on AND state = OLD.state;
END;
