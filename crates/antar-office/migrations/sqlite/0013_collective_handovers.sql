-- Collective handovers at visits: cards of a visit's BA handed to an official of the pekon
-- for their owners to collect there. The event has its row in `events` (chain, time, fix,
-- photo, place verdicts, note); the handover's own facts sit here under the same office_seq,
-- and each card it names in `collective_items`. A card handed over is delivered for the
-- service standard; the 14-day follow-up runs from `handed_on` until staff log it collected.
CREATE TABLE collective_handovers (
    office_seq        INTEGER PRIMARY KEY REFERENCES events (office_seq),
    visit_id          TEXT    NOT NULL REFERENCES visits (id),
    manifest_id       TEXT    NOT NULL REFERENCES manifests (id),
    courier_id        TEXT    NOT NULL,
    official_name     TEXT    NOT NULL,
    official_position TEXT    NOT NULL,
    -- The office's calendar day (WIB) of the handover as the phone recorded it.
    handed_on         TEXT    NOT NULL,
    manifest_bound    INTEGER NOT NULL
);
CREATE INDEX collective_handovers_by_visit ON collective_handovers (visit_id);

CREATE TABLE collective_items (
    item_id    TEXT    NOT NULL REFERENCES manifest_items (id),
    office_seq INTEGER NOT NULL REFERENCES collective_handovers (office_seq),
    -- Whether the handover changed the card (it was pending or failed); a card already
    -- delivered to its owner stays as it was.
    changed    INTEGER NOT NULL,
    PRIMARY KEY (item_id, office_seq)
) WITHOUT ROWID;
