//! The upkeep any office store owes, as SQLite does it: health, a write probe, the data copy's
//! identity, checkpoints, snapshots and their check.

use std::path::Path;

use antar_domain::ids::Sha256Hash;
use chrono::Utc;

use super::Store;
use crate::health::StorageHealth;
use crate::store::roles::UpkeepStore;
use crate::store::{StoreError, StoreResult, timestamp};

impl UpkeepStore for Store {
    fn health(&self) -> &StorageHealth {
        &self.health
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
        self.read(|conn| Ok(conn.query_row("SELECT copy_id FROM data_copy", [], |r| r.get(0))?))
    }

    fn new_data_copy(&self) -> StoreResult<String> {
        self.write(|tx| {
            Ok(tx.query_row(
                "UPDATE data_copy SET copy_id = lower(hex(randomblob(16))) RETURNING copy_id",
                [],
                |r| r.get(0),
            )?)
        })
    }

    fn snapshot_into(&self, target: &str) -> StoreResult<()> {
        // VACUUM INTO in one read transaction: consistent while the office serves.
        self.read(|conn| Ok(conn.execute("VACUUM INTO ?1", [target]).map(|_| ())?))
    }

    fn check_integrity(&self) -> StoreResult<()> {
        self.read(|conn| {
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
        self.checkpoint_pass()
    }

    fn snapshot_contents(&self, snapshot: &Path) -> StoreResult<(u64, Vec<(Sha256Hash, u64)>)> {
        super::snapshot::snapshot_contents(snapshot)
    }
}
