//! SQLite's specifics, and only here: one database file in WAL mode with one writer connection
//! behind a mutex (SQLite allows one writer at a time anyway, and a mutex queues writers faster
//! than SQLite's busy-retry loop) and a small pool of readers beside it; the PRAGMAs, the
//! prepared BEGIN/COMMIT, `data_version`, WAL checkpointing, the embedded migrations, and how
//! SQLite's errors become [`StoreError`](super::StoreError)s. Each feature's SQL sits in a
//! module here, implementing that feature's role trait (`store::roles`) through
//! [`Store::read`] and [`Store::write`].

/// The condition on an attempt `a` that left its item with an official and still stands
/// (`Outcome::LeftWithOfficial`, issue 17): stored without a warning (it delivered the item)
/// and not flagged by a reviewer (a flag reopens the item). The follow-up list, the period
/// report and the document list ask it; migration 0020's partial index finds such attempts.
macro_rules! left_with_official {
    () => {
        "a.outcome = 'left_with_official' AND a.warning IS NULL
         AND NOT EXISTS (SELECT 1 FROM proof_reviews r
                         WHERE r.office_seq = a.office_seq AND r.verdict = 'flagged')"
    };
}

mod attempts;
mod checkpoint;
mod contacts;
mod courier_returns;
mod devices;
mod document_history;
pub(in crate::store) mod document_list;
mod documents;
pub(super) mod error;
mod event_batch;
mod event_rows;
mod events;
mod followup;
mod guess_failures;
mod handover_counts;
mod handover_results;
mod handovers;
mod item_updates;
mod lookup;
mod manifests;
pub(super) mod migrations;
mod people;
mod period_report;
mod phone_targets;
mod photos;
mod printed;
mod report;
mod returns;
mod review;
mod service_standard;
mod snapshot;
mod staff;
mod upkeep;
pub(super) mod values;
mod visit_events;
mod visit_manifests;
mod visit_results;
mod visits;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::Migrations;

use super::WriterMemo;
use crate::store::StoreResult;
use migrations::MIGRATIONS;

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

/// The office database in one SQLite file.
#[derive(Debug)]
pub(crate) struct Sqlite {
    path: PathBuf,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<Connection>>,
    /// Set by [`Store::checkpoint`] when the WAL is long; the next write finishes the
    /// checkpoint first, so that the WAL starts over.
    wal_restart_wanted: AtomicBool,
    /// WAL frames from which that is asked for.
    wal_restart_frames: i64,
}

#[derive(Debug)]
struct Writer {
    conn: Connection,
    memo: WriterMemo,
    /// `PRAGMA data_version` when the memo was last known to be current: it changes when
    /// another connection commits.
    data_version: Option<i64>,
}

impl Sqlite {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub(crate) fn open(path: &Path) -> StoreResult<Self> {
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
                data_version: None,
            }),
            readers: Mutex::new(Vec::new()),
            wal_restart_wanted: AtomicBool::new(false),
            wal_restart_frames: checkpoint::RESTART_AFTER_FRAMES,
        })
    }

    /// Runs `f` inside one write transaction with the writer's memo, which is kept only if the
    /// transaction commits.
    pub(super) fn write_sequenced<T>(
        &self,
        f: impl FnOnce(&Connection, &mut WriterMemo) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut guard = lock(&self.writer);
        let Writer {
            conn,
            memo,
            data_version,
        } = &mut *guard;
        self.finish_checkpoint_if_wanted(conn);
        let mut pending = std::mem::take(memo);
        let tx = WriteTransaction::begin(conn)?;
        // Inside the transaction, so nobody else can commit until it ends.
        let version: i64 = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        if *data_version != Some(version) {
            pending.forget_what_others_change();
            *data_version = Some(version);
        }
        let value = f(conn, &mut pending)?;
        tx.commit()?;
        *memo = pending;
        Ok(value)
    }

    /// Runs `f` on a read connection; it sees the last committed state.
    pub(super) fn read<T>(&self, f: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
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

fn open_connection(path: &Path, flags: OpenFlags) -> StoreResult<Connection> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    /// A write whose closure fails leaves nothing behind, and the next write starts a fresh
    /// transaction (a transaction left open would make its BEGIN fail).
    #[test]
    fn failed_write_rolls_back_and_the_next_write_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = Sqlite::open(&dir.path().join("office.sqlite")).unwrap();
        let insert = |c: &Connection, name: &str| {
            c.execute(
                "INSERT INTO couriers (id, name, created_at) VALUES (?1, ?1, 't')",
                [name],
            )
        };
        let failed: StoreResult<()> = store.write_sequenced(|c, _| {
            insert(c, "a")?;
            Err(StoreError::corrupt("gagal di tengah"))
        });
        assert!(failed.is_err());
        // A statement error inside the transaction (duplicate key) also rolls back.
        let duplicate: StoreResult<()> = store.write_sequenced(|c, _| {
            insert(c, "b")?;
            insert(c, "b")?;
            Ok(())
        });
        assert!(duplicate.is_err());
        store.write_sequenced(|c, _| Ok(insert(c, "c")?)).unwrap();
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
        let store = Sqlite::open(&path).unwrap();
        let mode: String = store
            .read(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        let again = Sqlite::open(&path).unwrap();
        let fk: i64 = again
            .read(|c| Ok(c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(fk, 1);
    }
}
