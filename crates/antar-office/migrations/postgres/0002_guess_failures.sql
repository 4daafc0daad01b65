-- SQLite's migration 0025 (see there): the guess limits' failures, shared by every office
-- process on this database, and the key of the passwords' keyed hash.
CREATE TABLE guess_failures (
    scope        TEXT COLLATE "C" NOT NULL,
    key          TEXT COLLATE "C" NOT NULL,
    failed_at_ms BIGINT           NOT NULL
);
CREATE INDEX guess_failures_by_key ON guess_failures (scope, key, failed_at_ms);
CREATE INDEX guess_failures_by_time ON guess_failures (failed_at_ms);

CREATE TABLE guess_key (
    id     BIGINT PRIMARY KEY CHECK (id = 1),
    secret TEXT COLLATE "C" NOT NULL
);
