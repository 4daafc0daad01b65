//! Keeping the WAL short while devices keep writing: the background checkpoint, and the step
//! that lets the WAL start over under continuous load.

use std::sync::atomic::Ordering;

use rusqlite::Connection;

use super::Sqlite;
use crate::store::StoreResult;

/// WAL frames (pages) from which the next write finishes the checkpoint, so that it starts the
/// WAL over: 48 MiB, a quarter of a second of the busiest ingest. Each start-over costs that
/// write two fsyncs while every other request waits; with a third of this, batches of 100 were
/// ~10% slower.
pub(super) const RESTART_AFTER_FRAMES: i64 = 12_288;

impl Sqlite {
    /// Copies committed WAL pages into the database file. Meant for a background task, called
    /// often; it blocks no writer.
    ///
    /// A checkpoint beside a busy writer never catches up: pages appended while it copies are
    /// left for the next one, and the WAL can only start over from its beginning once all of
    /// it is copied. Under continuous ingest it grew until the writer's own autocheckpoint ran
    /// (inside a request's commit, copying thousands of pages and with two fsyncs, while every
    /// other request waited). So once the WAL is long, this copies all it can and asks the
    /// next write to copy the few pages appended since before it begins: nothing can be
    /// appended meanwhile, and that write starts the WAL over.
    ///
    /// Returns the WAL's length in frames (pages) as the pass found it.
    pub(in crate::store) fn checkpoint_pass(&self) -> StoreResult<i64> {
        let wal_frames = self.read(passive_checkpoint)?;
        if wal_frames >= self.wal_restart_frames {
            self.wal_restart_wanted.store(true, Ordering::Relaxed);
        }
        Ok(wal_frames)
    }

    /// Called by the writer before it begins a transaction.
    pub(super) fn finish_checkpoint_if_wanted(&self, writer: &Connection) {
        if self.wal_restart_wanted.swap(false, Ordering::Relaxed)
            && let Err(error) = passive_checkpoint(writer)
        {
            // The write goes on; the WAL starts over another time.
            tracing::warn!(%error, "checkpoint WAL sebelum menulis gagal");
        }
    }
}

/// Copies what no reader still needs; returns the WAL's length in frames.
fn passive_checkpoint(conn: &Connection) -> StoreResult<i64> {
    Ok(conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))?)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;

    /// A row with a 12 KiB blob puts five new pages through the WAL (three overflow pages,
    /// the table's leaf, page 1 as the database grows): new pages, as ingest appends them.
    const BLOB: usize = 12 * 1024;
    const WRITES: u64 = 4_000;
    const FRAME_BYTES: u64 = 4_096 + 24;

    /// A writer that never pauses, and checkpoints running beside it: the WAL still starts
    /// over, so its file stays well below what the writer put through it (~82 MB). Without
    /// the writer finishing the checkpoint it grew by every write. The checkpointer is a
    /// thread the scheduler must let run: on a loaded 2-core machine (CI runs this beside the
    /// property tests) one round can starve it, so the round is tried up to three times and
    /// one must keep the WAL small; with the mechanism broken every round grows the WAL.
    #[test]
    fn wal_starts_over_under_continuous_writes() {
        let mut sizes = Vec::new();
        for _ in 0..3 {
            let wal_bytes = one_round_of_continuous_writes();
            sizes.push(wal_bytes);
            if wal_bytes < THROUGH * 2 / 3 {
                return;
            }
        }
        panic!("WAL files {sizes:?} bytes after {THROUGH} bytes went through each");
    }

    const THROUGH: u64 = WRITES * 5 * FRAME_BYTES;

    /// The WAL file's size after `WRITES` rows went in with checkpoints running beside.
    fn one_round_of_continuous_writes() -> u64 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.sqlite");
        let mut store = Sqlite::open(&db).unwrap();
        // A start-over every ~4 MiB, so that a small test sees many.
        store.wal_restart_frames = 1_024;
        // Without the writer's own autocheckpoint (the safety net), so that only
        // `Store::checkpoint` can start the WAL over.
        store
            .write_sequenced(|c, _| {
                c.pragma_update(None, "wal_autocheckpoint", 0)?;
                c.execute_batch("CREATE TABLE filler (body BLOB)")?;
                Ok(())
            })
            .unwrap();
        let writing = AtomicBool::new(true);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                while writing.load(Ordering::Relaxed) {
                    store.checkpoint_pass().unwrap();
                    std::thread::yield_now();
                }
            });
            let blob = vec![7u8; BLOB];
            for _ in 0..WRITES {
                store
                    .write_sequenced(|c, _| {
                        c.prepare_cached("INSERT INTO filler (body) VALUES (?1)")?
                            .execute([&blob])?;
                        Ok(())
                    })
                    .unwrap();
            }
            writing.store(false, Ordering::Relaxed);
        });
        std::fs::metadata(db.with_extension("sqlite-wal"))
            .unwrap()
            .len()
    }
}
