//! The office's storage boundary: one SQLite file (WAL) holding documents, couriers, devices,
//! manifests, events and photo bookkeeping. Everything above talks to [`Store`]'s methods only,
//! so a PostgreSQL implementation can later sit behind the same set of functions as a trait.
//!
//! One writer connection behind a mutex (SQLite allows one writer at a time anyway, and a
//! mutex queues writers faster than SQLite's busy-retry loop) and a small pool of readers,
//! which WAL lets run beside the writer.

mod checkpoint;
mod custody;
mod devices;
mod documents;
mod events;
mod item_memo;
mod manifests;
mod people;
mod photos;
mod report;
mod staff;
mod web_documents;
mod web_followup;
mod web_manifests;
mod web_review;
mod web_service;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use crate::error::{OfficeError, OfficeResult};
use crate::health::{Area, StorageHealth};

pub(crate) use devices::DeviceAuth;
pub use devices::DeviceInfo;
pub(crate) use events::{EventRejection, EventResult, IncomingEvent, Submission};
pub use events::{PhotoCheck, StoredAttempt};
pub use manifests::{ManifestInfo, ManifestRequest};
pub use people::CourierInfo;
pub(crate) use photos::PhotoRow;
pub use report::{Report, ReportRow, StateCounts};
pub(crate) use staff::AuditEntry;
pub use staff::{Role, StaffUser};
pub(crate) use web_documents::{DocumentFilter, DocumentPage, PlaceCount};
pub(crate) use web_followup::{Contact, FollowUpEntry, FollowUpRow};
pub(crate) use web_manifests::{ReturnInfo, ReturnManifest};
pub(crate) use web_review::{OfficeChecks, ProofDetail, ProofRow, Verdict};
pub(crate) use web_service::{Period, PeriodRow, ServiceRow, ServiceStandard, local_day, today};

/// The schema, embedded so the binary carries it; applied in order at open.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_initial.sql")),
    M::up(include_str!("../../migrations/0002_staff.sql")),
    M::up(include_str!("../../migrations/0003_proof.sql")),
    M::up(include_str!("../../migrations/0004_delivered_at.sql")),
    M::up(include_str!("../../migrations/0005_lean_ingest.sql")),
    M::up(include_str!(
        "../../migrations/0006_events_hold_attempts.sql"
    )),
    M::up(include_str!("../../migrations/0007_item_state_check.sql")).foreign_key_check(),
    M::up(include_str!(
        "../../migrations/0008_health_and_data_copy.sql"
    )),
    M::up(include_str!("../../migrations/0009_device_revocation.sql")),
];

/// How long a connection waits for another process's lock (e.g. the CLI importing while the
/// server runs) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Readers kept open between requests; more are opened on demand and closed after use.
const MAX_IDLE_READERS: usize = 4;

/// WAL pages after which a commit checkpoints by itself (SQLite's default is 1000). While the
/// server runs, [`Store::checkpoint`] is called in the background and keeps the WAL shorter,
/// so the checkpoint's copying does not happen while a request holds the write lock; this is
/// the safety net for the CLI.
const WAL_AUTOCHECKPOINT_PAGES: u32 = 32_768;

/// The writer's page cache (SQLite's default is 2 MiB). Ingest touches the tails of the events
/// table and its two indexes and the items being delivered; with the default cache those pages
/// were read back from the OS (a system call each) about every other event.
const WRITER_CACHE_KIB: i64 = 32 * 1024;

/// The office database.
#[derive(Debug)]
pub(crate) struct Store {
    path: PathBuf,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<Connection>>,
    /// Set by [`Store::checkpoint`] when the WAL is long; the next write finishes the
    /// checkpoint first, so that the WAL starts over.
    wal_restart_wanted: AtomicBool,
    /// WAL frames from which that is asked for.
    wal_restart_frames: i64,
    /// Whether writes go through (see `crate::health`).
    health: StorageHealth,
}

#[derive(Debug)]
struct Writer {
    conn: Connection,
    memo: WriterMemo,
}

/// What the writer remembers of the committed database to save queries on the ingest path.
/// Taken out for the duration of a transaction and put back only when it commits; forgotten
/// when one fails. Only ingest writes events, but should another connection (a tool in another
/// process) ever commit, SQLite's `data_version` says so and what it could have changed — the
/// latest office_seq, the devices' chain tails — is forgotten.
#[derive(Debug, Default)]
pub(crate) struct WriterMemo {
    /// The last office_seq given out, once known.
    pub(crate) last_office_seq: Option<i64>,
    /// Per device, its stored event with the highest device_seq (see `custody`).
    pub(crate) device_tails: custody::DeviceTails,
    /// Items seen by ingest: facts that never change, and states (see `item_memo`).
    pub(crate) items: item_memo::ItemMemo,
    /// `PRAGMA data_version` when the memo was last known to be current.
    data_version: Option<i64>,
}

impl WriterMemo {
    /// Forgets what another connection may have changed since this one last looked. Called
    /// inside the write transaction, so nobody else can commit until it ends.
    pub(crate) fn forget_if_others_wrote(&mut self, tx: &Connection) -> OfficeResult<()> {
        let version: i64 = tx
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.last_office_seq = None;
            self.device_tails = custody::DeviceTails::default();
            self.data_version = Some(version);
        }
        Ok(())
    }
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub(crate) fn open(path: &Path) -> OfficeResult<Self> {
        let mut writer = open_connection(path, OpenFlags::default())?;
        writer.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
        writer.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        // Off while migrating, as SQLite asks for rebuilding a table others refer to (0007);
        // such migrations check the keys themselves before they commit.
        writer.pragma_update(None, "foreign_keys", "OFF")?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut writer)?;
        writer.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Self {
            path: path.to_owned(),
            writer: Mutex::new(Writer {
                conn: writer,
                memo: WriterMemo::default(),
            }),
            readers: Mutex::new(Vec::new()),
            wal_restart_wanted: AtomicBool::new(false),
            wal_restart_frames: checkpoint::RESTART_AFTER_FRAMES,
            health: StorageHealth::default(),
        })
    }

    /// Runs `f` inside one write transaction, committed when `f` returns `Ok`.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Connection) -> OfficeResult<T>,
    ) -> OfficeResult<T> {
        self.write_sequenced(|tx, _| f(tx))
    }

    /// Like [`Store::write`], with the writer's memo, which is kept only if the transaction
    /// commits.
    fn write_sequenced<T>(
        &self,
        f: impl FnOnce(&Connection, &mut WriterMemo) -> OfficeResult<T>,
    ) -> OfficeResult<T> {
        let written = self.write_unobserved(f);
        self.health.observe(Area::Database, &written);
        written
    }

    fn write_unobserved<T>(
        &self,
        f: impl FnOnce(&Connection, &mut WriterMemo) -> OfficeResult<T>,
    ) -> OfficeResult<T> {
        let mut guard = lock(&self.writer);
        let Writer { conn, memo } = &mut *guard;
        self.finish_checkpoint_if_wanted(conn);
        let mut pending = std::mem::take(memo);
        let tx = WriteTransaction::begin(conn)?;
        let value = f(conn, &mut pending)?;
        tx.commit()?;
        *memo = pending;
        Ok(value)
    }

    /// Whether writes go through, as last seen.
    pub(crate) fn health(&self) -> &StorageHealth {
        &self.health
    }

    /// Rewrites one small row: whether the database takes writes now (noted in `health`).
    pub(crate) fn probe_write(&self) -> OfficeResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.prepare_cached("UPDATE health_probe SET probed_at = ?1 WHERE id = 1")?
                .execute([now])?;
            Ok(())
        })
    }

    /// Which copy of the office's data this is (see `DATA_COPY_HEADER`).
    pub(crate) fn data_copy(&self) -> OfficeResult<String> {
        self.read(|conn| Ok(conn.query_row("SELECT copy_id FROM data_copy", [], |r| r.get(0))?))
    }

    /// Makes this data a new copy: called when it is restored from a backup.
    pub(crate) fn new_data_copy(&self) -> OfficeResult<String> {
        self.write(|tx| {
            Ok(tx.query_row(
                "UPDATE data_copy SET copy_id = lower(hex(randomblob(16))) RETURNING copy_id",
                [],
                |r| r.get(0),
            )?)
        })
    }

    /// Runs `f` on a read connection; it sees the last committed state.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> OfficeResult<T>,
    ) -> OfficeResult<T> {
        let pooled = lock(&self.readers).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => open_connection(&self.path, OpenFlags::SQLITE_OPEN_READ_WRITE)?,
        };
        let result = f(&conn);
        let mut idle = lock(&self.readers);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        result
    }
}

fn open_connection(path: &Path, flags: OpenFlags) -> OfficeResult<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers never block the writer; NORMAL: a commit is durable once the WAL is
    // checkpointed, and a power cut loses at most the last commits, never corrupts.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // After a checkpoint resets the WAL, trim its file back instead of keeping its peak size.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// One write transaction on the writer connection, rolled back on drop unless committed.
///
/// rusqlite's `Transaction` parses its BEGIN and COMMIT text on every use (`execute_batch`);
/// for a single event that was ~8% of the office's work per PUT. These statements are
/// prepared once and kept in the connection's statement cache.
struct WriteTransaction<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> WriteTransaction<'c> {
    /// IMMEDIATE takes the write lock up front, so a read-then-write inside the transaction
    /// cannot fail half-way with SQLITE_BUSY when another process writes too.
    fn begin(conn: &'c Connection) -> rusqlite::Result<Self> {
        conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        Ok(Self { conn, open: true })
    }

    fn commit(mut self) -> rusqlite::Result<()> {
        self.conn.prepare_cached("COMMIT")?.execute([])?;
        self.open = false;
        Ok(())
    }
}

impl Drop for WriteTransaction<'_> {
    fn drop(&mut self) {
        // After a failed statement or COMMIT (e.g. SQLITE_BUSY) the transaction is still open;
        // leaving it open would make the next BEGIN fail. If SQLite already rolled it back
        // itself, ROLLBACK fails harmlessly.
        if self.open
            && !self.conn.is_autocommit()
            && let Err(error) = self
                .conn
                .prepare_cached("ROLLBACK")
                .and_then(|mut rollback| rollback.execute([]))
        {
            tracing::warn!(%error, "transaksi tulis tidak dapat dibatalkan");
        }
    }
}

/// A poisoned mutex only means another thread panicked while holding it; the connection
/// itself is still consistent because an unfinished transaction rolls back on drop.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Timestamps are stored as RFC 3339 UTC with milliseconds: sortable as text.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_timestamp(s: &str) -> OfficeResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| OfficeError::corrupt(format!("waktu {s:?}: {e}")))
}

/// Parses an id or other value read back from the database; failure means the file was
/// edited by hand or is damaged.
pub(crate) fn parse_stored<T: std::str::FromStr>(s: &str, what: &str) -> OfficeResult<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| OfficeError::corrupt(format!("{what} {s:?}: {e}")))
}

/// Reads a count or size; SQLite integers are signed and never negative here.
pub(crate) fn get_u64(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    row.get::<_, i64>(index)
        .map(|n| u64::try_from(n).unwrap_or(0))
}

/// The text form of a value whose serde form is a string (codes, numbers kept as text).
pub(crate) fn serde_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A verdict's JSON text for a `*_json` column. The verdicts are internally tagged enums, so
/// always JSON objects: this is the JSON [`serde_text`] gives (keys in declaration order
/// instead of sorted; readers parse it, so rows written either way read alike), without
/// building a `serde_json::Value` first (that detour was half the cost of storing an attempt).
pub(crate) fn json_text<T: serde::Serialize>(value: &T) -> OfficeResult<String> {
    serde_json::to_string(value).map_err(|e| OfficeError::corrupt(format!("JSON: {e}")))
}

/// The inverse of [`serde_text`].
pub(crate) fn from_serde_text<T: serde::de::DeserializeOwned>(
    s: &str,
    what: &str,
) -> OfficeResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| OfficeError::corrupt(format!("{what}: {e}")))
}

/// A value stored as JSON text (verdicts with their details).
pub(crate) fn from_json_text<T: serde::de::DeserializeOwned>(
    s: &str,
    what: &str,
) -> OfficeResult<T> {
    serde_json::from_str(s).map_err(|e| OfficeError::corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write whose closure fails leaves nothing behind, and the next write starts a fresh
    /// transaction (a transaction left open would make its BEGIN fail).
    #[test]
    fn failed_write_rolls_back_and_the_next_write_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        let insert = |c: &Connection, name: &str| {
            c.execute(
                "INSERT INTO couriers (id, name, created_at) VALUES (?1, ?1, 't')",
                [name],
            )
        };
        let failed: OfficeResult<()> = store.write(|c| {
            insert(c, "a")?;
            Err(OfficeError::corrupt("gagal di tengah"))
        });
        assert!(failed.is_err());
        // A statement error inside the transaction (duplicate key) also rolls back.
        let duplicate: OfficeResult<()> = store.write(|c| {
            insert(c, "b")?;
            insert(c, "b")?;
            Ok(())
        });
        assert!(duplicate.is_err());
        store.write(|c| Ok(insert(c, "c")?)).unwrap();
        let names: Vec<String> = store
            .read(|c| {
                let mut stmt = c.prepare("SELECT id FROM couriers ORDER BY id")?;
                let rows = stmt.query_map([], |r| r.get(0))?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .unwrap();
        assert_eq!(names, ["c"]);
    }

    #[test]
    fn open_creates_migrates_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.sqlite");
        let store = Store::open(&path).unwrap();
        let mode: String = store
            .read(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        let again = Store::open(&path).unwrap();
        let fk: i64 = again
            .read(|c| Ok(c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn json_text_reads_back_like_serde_text_for_verdicts() {
        use antar_domain::custody::{ChainVerdict, TimeVerdict};
        use antar_domain::place::{PlaceVerdict, UnusableReason};
        fn same<T>(value: &T)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let new: T = from_json_text(&json_text(value).unwrap(), "baru").unwrap();
            let old: T = from_json_text(&serde_text(value), "lama").unwrap();
            assert_eq!(&new, value);
            assert_eq!(old, new);
        }
        let at = Utc::now();
        same(&ChainVerdict::Genesis);
        same(&TimeVerdict::Consistent {
            earliest: at,
            latest: at,
        });
        same(&PlaceVerdict::Inside);
        same(&PlaceVerdict::Unusable {
            reason: UnusableReason::NoFix,
        });
    }

    /// 0007 rebuilds manifest_items: rows, rowids and the return BA's reference survive, the
    /// state rule still refuses a state that does not exist, and changing an item's state no
    /// longer builds a temporary B-tree (the point of the migration).
    #[test]
    fn migration_0007_keeps_items_and_checks_states_without_a_temporary_btree() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..6])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO couriers (id, name, created_at) VALUES ('c', 'Kurir', 't');
             INSERT INTO documents (id, dedup_key, nik, name, sex, birth_place, birth_date,
                     address_json, kecamatan, kecamatan_name, desa, desa_name, rt, rw,
                     document_type, printed_on, imported_at)
                 VALUES (1, 'k1', 'n', 'A', 'L', 'T', 'd', '{}', 'kc', 'K', 'ds', 'D', 1, 1,
                         'KTP-el', 'p', 't'),
                        (2, 'k2', 'n', 'B', 'L', 'T', 'd', '{}', 'kc', 'K', 'ds', 'D', 1, 1,
                         'KTP-el', 'p', 't');
             INSERT INTO manifests (id, number, year, seq, issued_on, issued_by, courier_id,
                     created_at) VALUES ('m', 'BA 1', 2026, 1, 'd', 'P', 'c', 't');
             INSERT INTO manifest_items (rowid, id, manifest_id, document_id, line, state,
                     updated_at, delivered_at, last_office_seq)
                 VALUES (7, 'i1', 'm', 1, 1, 'delivered', 't', 'x', 3),
                        (9, 'i2', 'm', 2, 2, 'returned', 't', NULL, NULL);
             INSERT INTO return_manifests (id, number, year, seq, manifest_id, issued_on,
                     issued_by, created_at) VALUES ('r', 'BA R', 2026, 1, 'm', 'd', 'P', 't');
             INSERT INTO return_items (return_id, item_id, line) VALUES ('r', 'i2', 1);",
        )
        .unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();

        type Item = (i64, String, String, Option<String>, Option<i64>);
        let items: Vec<Item> = conn
            .prepare(
                "SELECT rowid, id, state, delivered_at, last_office_seq FROM manifest_items
                 ORDER BY rowid",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            items,
            vec![
                (
                    7,
                    "i1".into(),
                    "delivered".into(),
                    Some("x".into()),
                    Some(3)
                ),
                (9, "i2".into(), "returned".into(), None, None),
            ]
        );
        let violations: i64 = conn
            .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(violations, 0);
        // The return BA still points at the item: it cannot be deleted from under it.
        assert!(
            conn.execute("DELETE FROM manifest_items WHERE id = 'i2'", [])
                .is_err()
        );

        let update = "UPDATE manifest_items SET state = ?2 WHERE rowid = ?1";
        assert!(conn.execute(update, rusqlite::params![7, "failed"]).is_ok());
        assert!(conn.execute(update, rusqlite::params![7, "lost"]).is_err());
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN {update}"))
            .unwrap()
            .query_map(rusqlite::params![7, "failed"], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
    }

    /// Data written before 0005 keeps its checks (moved into the attempt row) and gets each
    /// item's latest attempt; an attempt without checks keeps NULLs.
    #[test]
    fn migration_0005_moves_checks_and_latest_attempts() {
        let mut conn = Connection::open_in_memory().unwrap();
        // Only the rows the migration moves, without the documents and events they name.
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..4])
            .to_latest(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO manifest_items (id, manifest_id, document_id, line, state, updated_at)
                 VALUES ('i1', 'm', 1, 1, 'failed', 't'), ('i2', 'm', 2, 2, 'pending', 't');
             INSERT INTO attempts (office_seq, item_id, outcome, recorded_at)
                 VALUES (1, 'i1', 'failed', 't'), (2, 'i1', 'failed', 't'),
                        (3, 'i9', 'failed', 't');
             INSERT INTO attempt_checks (office_seq, chain, chain_json, time, time_json,
                     manifest_bound, place_office, place_device, place_agrees)
                 VALUES (1, 'genesis', '{\"chain\":\"genesis\"}', 'consistent', '{}', 1,
                         '{\"kind\":\"inside\"}', NULL, NULL),
                        (2, 'linked', '{\"chain\":\"linked\"}', 'consistent', '{}', 0,
                         '{\"kind\":\"inside\"}', '{\"kind\":\"inside\"}', 1);",
        )
        .unwrap();
        Migrations::from_slice(&MIGRATIONS[..5])
            .to_latest(&mut conn)
            .unwrap();
        type Checks = (i64, Option<String>, Option<bool>, Option<bool>);
        let checks: Vec<Checks> = conn
            .prepare("SELECT office_seq, chain, manifest_bound, place_agrees FROM attempts")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            checks,
            vec![
                (1, Some("genesis".into()), Some(true), None),
                (2, Some("linked".into()), Some(false), Some(true)),
                (3, None, None, None),
            ]
        );
        let latest: Vec<(String, Option<i64>)> = conn
            .prepare("SELECT id, last_office_seq FROM manifest_items ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(latest, vec![("i1".into(), Some(2)), ("i2".into(), None)]);
        let gone: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master
                 WHERE name IN ('attempt_checks', 'attempts_by_item')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(gone, 0);
    }

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }
}
