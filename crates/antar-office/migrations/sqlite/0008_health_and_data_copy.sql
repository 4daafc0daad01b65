-- One row the office rewrites now and then to learn whether its database still takes writes
-- (answered at /api/v1/health).
CREATE TABLE health_probe (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at TEXT NOT NULL
);
INSERT INTO health_probe (id, probed_at) VALUES (1, '');

-- Which copy of the office's data this is. A restore from a backup gives the data a new one;
-- a phone that sees it change sends again what it had sent, since the backup may lack it.
CREATE TABLE data_copy (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    copy_id TEXT NOT NULL
);
INSERT INTO data_copy (id, copy_id) VALUES (1, lower(hex(randomblob(16))));
