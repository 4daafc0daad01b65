-- Issue 19: the guess limits (crate::guess_limit) live in the database, so that every office
-- process on one database counts the same failures. One row per failed guess, kept while its
-- window lasts: `scope` says what was guessed ('pendaftaran' — enrollment codes, office-wide,
-- key ''; 'akun' — a staff account, key its trimmed lower-cased name; 'sandi' — a password
-- tried, key a keyed SHA-256 of it, never the password), `failed_at_ms` the office's wall
-- clock in milliseconds since 1970 (a process's own clock would mean nothing to another).
CREATE TABLE guess_failures (
    scope        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    failed_at_ms INTEGER NOT NULL
);
-- A key's failures in its window (the check, the count's end on a right password).
CREATE INDEX guess_failures_by_key ON guess_failures (scope, key, failed_at_ms);
-- Forgetting failures older than the longest window.
CREATE INDEX guess_failures_by_time ON guess_failures (failed_at_ms);

-- The key of the passwords' keyed hash: one per database, so every process hashes a password
-- alike. Made at the first sign-in (random, 32 bytes as hex).
CREATE TABLE guess_key (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT    NOT NULL
);
