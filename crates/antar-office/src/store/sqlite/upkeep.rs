//! The upkeep any office store owes: health, a write probe, the data copy's identity; and what
//! only SQLite has, checkpoints and file snapshots with their check (a PostgreSQL office is
//! backed up with PostgreSQL's own tools, pg_dump or base backups, which it already trusts).

use std::path::Path;

use antar_domain::ids::Sha256Hash;
use chrono::Utc;

use crate::health::StorageHealth;
use crate::store::Store;
use crate::store::roles::UpkeepStore;
use crate::store::{StoreError, StoreResult, timestamp};

impl UpkeepStore for Store {
    fn health(&self) -> &StorageHealth {
        self.health_of_writes()
    }

    fn probe_write(&self) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.prepare_cached("UPDATE health_probe SET probed_at = ?1 WHERE id = 1")?
                .execute([now])?;
            Ok(())
        })
    }

    fn data_copy(&self) -> StoreResult<String> {
        self.read(|conn| conn.query_row("SELECT copy_id FROM data_copy", (), |r| r.get(0)))
    }

    fn new_data_copy(&self) -> StoreResult<String> {
        self.write(|tx| {
            let copy_id = format!("{:032x}", rand::random::<u128>());
            tx.execute("UPDATE data_copy SET copy_id = ?1", [&copy_id])?;
            Ok(copy_id)
        })
    }

    fn snapshot_into(&self, target: &str) -> StoreResult<()> {
        let sqlite = self.sqlite().ok_or_else(not_on_postgres)?;
        // VACUUM INTO in one read transaction: consistent while the office serves.
        sqlite.read(|conn| Ok(conn.execute("VACUUM INTO ?1", [target]).map(|_| ())?))
    }

    fn check_integrity(&self) -> StoreResult<()> {
        let sqlite = self.sqlite().ok_or_else(not_on_postgres)?;
        sqlite.read(|conn| {
            let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if integrity == "ok" {
                Ok(())
            } else {
                Err(StoreError::corrupt(format!(
                    "basis data pulihan: {integrity}"
                )))
            }
        })
    }

    fn checkpoint(&self) -> StoreResult<i64> {
        // PostgreSQL checkpoints by itself; there is no WAL of the office's to keep short.
        self.sqlite()
            .map_or(Ok(0), |sqlite| sqlite.checkpoint_pass())
    }

    fn snapshot_contents(&self, snapshot: &Path) -> StoreResult<(u64, Vec<(Sha256Hash, u64)>)> {
        super::snapshot::snapshot_contents(snapshot)
    }
}

fn not_on_postgres() -> StoreError {
    StoreError::Other(
        "cadangan berkas hanya untuk kantor SQLite; cadangkan PostgreSQL dengan pg_dump".to_owned(),
    )
}
