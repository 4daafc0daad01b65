-- One row the office rewrites now and then to learn whether its database still takes writes
-- (answered at /api/v1/health).
CREATE TABLE health_probe (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at TEXT NOT NULL
);
INSERT INTO health_probe (id, probed_at) VALUES (1, '');
