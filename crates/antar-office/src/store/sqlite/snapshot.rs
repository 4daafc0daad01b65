//! A consistent copy of the database while the office serves (`VACUUM INTO` in one read
//! transaction), what a copy holds, and the integrity check after a restore.

use std::path::Path;

use antar_domain::ids::Sha256Hash;
use rusqlite::{Connection, OpenFlags};

use crate::store::{StoreError, StoreResult};

/// The snapshot's event count and its whole photos with their sizes.
pub(super) fn snapshot_contents(snapshot: &Path) -> StoreResult<(u64, Vec<(Sha256Hash, u64)>)> {
    let conn = Connection::open_with_flags(snapshot, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let events: i64 = conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT sha256, total_bytes FROM photos WHERE complete = 1 ORDER BY sha256",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut whole = Vec::new();
    for row in rows {
        let (hex, bytes) = row?;
        let sha256 = hex
            .parse()
            .map_err(|_| StoreError::corrupt(format!("hash foto {hex:?}")))?;
        whole.push((sha256, u64::try_from(bytes).unwrap_or(0)));
    }
    Ok((u64::try_from(events).unwrap_or(0), whole))
}
