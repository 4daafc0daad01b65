//! PostgreSQL's specifics, and only here: the connections, the embedded migrations, and how
//! several office processes writing one database stay exact (issue 19).
//!
//! Every write transaction first takes one advisory lock, the writers' lock, so writes are
//! serial across every process as they are on SQLite: the feature SQL's read-then-write steps
//! (the next BA number, the next office_seq, a device's chain tail) stay exact without a second
//! design, and office numbers stay gapless because they are counted inside the transaction
//! that stores the event (a sequence would skip numbers on rollback). Each write also counts
//! itself in `office_writes`; a process that finds the count moved by more than its own write
//! knows another process wrote and forgets what its memo remembered.

use std::cell::RefCell;
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::db::{Db, PgConn, pg_error};
use super::{StoreError, StoreResult, WriterMemo};

/// The schema, embedded so the binary carries it; applied in order at open.
const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        include_str!("../../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        include_str!("../../migrations/postgres/0002_guess_failures.sql"),
    ),
    (
        3,
        include_str!("../../migrations/postgres/0003_documents_paged_by_place.sql"),
    ),
    (
        4,
        include_str!("../../migrations/postgres/0004_finding_count.sql"),
    ),
    (
        5,
        include_str!("../../migrations/postgres/0005_document_state.sql"),
    ),
];

/// Advisory lock keys ("antar" in ASCII, then a number): one for migrating, one for writing.
const MIGRATION_LOCK: i64 = 0x61_6e74_6172_0001;
const WRITERS_LOCK: i64 = 0x61_6e74_6172_0002;

/// Readers kept open between requests; more are opened on demand and closed after use.
const MAX_IDLE_READERS: usize = 8;

/// The office database in PostgreSQL.
pub(crate) struct Postgres {
    config: postgres::Config,
    writer: Mutex<Writer>,
    readers: Mutex<Vec<PgConn>>,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Postgres").finish_non_exhaustive()
    }
}

struct Writer {
    conn: Option<PgConn>,
    memo: WriterMemo,
    /// `office_writes.generation` after this process's last committed write.
    generation: Option<i64>,
    /// A transaction was begun and not yet ended (a panic inside one leaves it so); it is
    /// rolled back before the next begins, so nothing of it is ever committed.
    open: bool,
}

impl Postgres {
    /// Connects to `url` (`postgres://…` or `host=… user=…`) and migrates the schema.
    pub(crate) fn open(url: &str) -> StoreResult<Self> {
        off_the_runtime(|| Self::open_blocking(url))
    }

    fn open_blocking(url: &str) -> StoreResult<Self> {
        let mut config = postgres::Config::from_str(url)
            .map_err(|e| StoreError::Other(format!("alamat basis data PostgreSQL: {e}")))?;
        // PostgreSQL compiles a plan whose estimated cost is high; for the office's short
        // queries that costs more than it saves (the BA list's page at a million documents:
        // 470 ms compiling, 180 ms running).
        let options = match config.get_options() {
            Some(given) => format!("{given} -c jit=off"),
            None => "-c jit=off".to_owned(),
        };
        config.options(&options);
        let this = Self {
            config,
            writer: Mutex::new(Writer {
                conn: None,
                memo: WriterMemo::default(),
                generation: None,
                open: false,
            }),
            readers: Mutex::new(Vec::new()),
        };
        let mut conn = this.connect()?;
        migrate(&mut conn)?;
        lock(&this.writer).conn = Some(conn);
        Ok(this)
    }

    fn connect(&self) -> StoreResult<PgConn> {
        let client = self
            .config
            .connect(postgres::NoTls)
            .map_err(|e| StoreError::Unavailable {
                problem: None,
                message: format!("tidak dapat tersambung ke PostgreSQL: {e}"),
            })?;
        Ok(PgConn::new(client))
    }

    pub(super) fn write_sequenced<T>(
        &self,
        f: impl FnOnce(&Db<'_>, &mut WriterMemo) -> StoreResult<T>,
    ) -> StoreResult<T> {
        off_the_runtime(|| self.write_blocking(f))
    }

    fn write_blocking<T>(
        &self,
        f: impl FnOnce(&Db<'_>, &mut WriterMemo) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut guard = lock(&self.writer);
        let writer = &mut *guard;
        if writer.conn.as_ref().is_some_and(|c| c.client.is_closed()) {
            writer.conn = None;
        }
        let conn = match &mut writer.conn {
            Some(conn) => conn,
            slot => slot.insert(self.connect()?),
        };
        let mut pending = std::mem::take(&mut writer.memo);
        let begin = if writer.open {
            "ROLLBACK; BEGIN"
        } else {
            "BEGIN"
        };
        writer.open = true;
        let result = (|| {
            // One round trip for the three: a single event's whole transaction is a handful.
            let generation = begin_writing(conn, begin)?;
            if writer.generation.map(|g| g + 1) != Some(generation) {
                pending.forget_what_others_change();
            }
            let value = f(&Db::Postgres(RefCell::new(&mut *conn)), &mut pending)?;
            conn.client
                .batch_execute("COMMIT")
                .map_err(|e| pg_error(&e))?;
            Ok((value, generation))
        })();
        writer.open = false;
        match result {
            Ok((value, generation)) => {
                writer.memo = pending;
                writer.generation = Some(generation);
                Ok(value)
            }
            Err(error) => {
                if !conn.client.is_closed()
                    && let Err(rollback) = conn.client.batch_execute("ROLLBACK")
                {
                    tracing::warn!(error = %rollback, "transaksi tulis tidak dapat dibatalkan");
                    writer.conn = None;
                }
                Err(error)
            }
        }
    }

    pub(super) fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        off_the_runtime(|| self.read_blocking(f))
    }

    fn read_blocking<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let pooled = lock(&self.readers).pop();
        let mut conn = match pooled {
            Some(conn) if !conn.client.is_closed() => conn,
            _ => self.connect()?,
        };
        let result = f(&Db::Postgres(RefCell::new(&mut conn)));
        let mut idle = lock(&self.readers);
        if idle.len() < MAX_IDLE_READERS && !conn.client.is_closed() {
            idle.push(conn);
        }
        result
    }
}

/// Begins a write: the transaction, the writers' lock, and the count of writes, whose new value
/// it returns (sent as one simple query; the statements hold constants only).
fn begin_writing(conn: &mut PgConn, begin: &str) -> StoreResult<i64> {
    let messages = conn
        .client
        .simple_query(&format!(
            "{begin}; SELECT pg_advisory_xact_lock({WRITERS_LOCK});
             UPDATE office_writes SET generation = generation + 1 WHERE id = 1
             RETURNING generation"
        ))
        .map_err(|e| pg_error(&e))?;
    messages
        .iter()
        .rev()
        .find_map(|message| match message {
            postgres::SimpleQueryMessage::Row(row) => row.get(0),
            _ => None,
        })
        .and_then(|generation| generation.parse().ok())
        .ok_or_else(|| StoreError::corrupt("office_writes tidak berisi hitungan tulis".to_owned()))
}

/// Runs a blocking call to PostgreSQL. The client blocks on a runtime of its own, which tokio
/// forbids on an async worker thread; most store calls already come from `spawn_blocking`, and
/// the few made on a worker (authenticating a request's token) are moved off it here.
fn off_the_runtime<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// The connections are closed on a thread of their own: the client blocks on its runtime to
/// close, which tokio forbids on an async worker, where the office's last handle may go.
impl Drop for Postgres {
    fn drop(&mut self) {
        let writer = lock(&self.writer).conn.take();
        let readers = std::mem::take(&mut *lock(&self.readers));
        let closing = std::thread::Builder::new()
            .name("antar-pg-close".to_owned())
            .spawn(move || drop((writer, readers)));
        if let Err(error) = closing {
            tracing::warn!(%error, "sambungan PostgreSQL tidak dapat ditutup dengan rapi");
        }
    }
}

/// Applies the migrations not yet applied, in one transaction under the migration lock, so
/// that two processes starting at once do not both migrate.
fn migrate(conn: &mut PgConn) -> StoreResult<()> {
    let client = &mut conn.client;
    let mut tx = client.transaction().map_err(|e| pg_error(&e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(|e| pg_error(&e))?;
    // Without the server's notice that the table is already there, at every start.
    tx.batch_execute(
        "SET LOCAL client_min_messages = warning;
         CREATE TABLE IF NOT EXISTS antar_migrations (
             version    BIGINT PRIMARY KEY,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )
    .map_err(|e| pg_error(&e))?;
    let applied: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM antar_migrations",
            &[],
        )
        .and_then(|row| row.try_get(0))
        .map_err(|e| pg_error(&e))?;
    let newest = MIGRATIONS.last().map_or(0, |(version, _)| *version);
    if applied > newest {
        return Err(StoreError::Other(format!(
            "basis data PostgreSQL ini dari versi Antar yang lebih baru (migrasi {applied}, \
             program ini mengenal sampai {newest})"
        )));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > applied) {
        tx.batch_execute(sql).map_err(|e| pg_error(&e))?;
        tx.execute(
            "INSERT INTO antar_migrations (version) VALUES ($1)",
            &[version],
        )
        .map_err(|e| pg_error(&e))?;
    }
    tx.commit().map_err(|e| pg_error(&e))
}

/// A poisoned mutex only means another thread panicked while holding it; an unfinished
/// transaction is rolled back by the next write before it begins.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
