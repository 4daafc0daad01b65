//! Photo bookkeeping: which photos are expected (and how big), which are complete. The bytes
//! themselves live in files (see `crate::photos`); this table is what survives a restart.

use crate::store::db::Optional;
use crate::store::photos::PhotoRow;
use crate::store::roles::PhotoStore;
use crate::store::{Store, timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::ids::{CourierId, Sha256Hash};
use chrono::Utc;
use rusqlite::params;

/// `photos.proof_check` of a photo that passed the office's proof check.
pub(crate) const PROOF_OK: &str = "ok";

impl PhotoStore for Store {
    fn photo_named_by(&self, courier: CourierId, sha256: &Sha256Hash) -> StoreResult<bool> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT 1 FROM events e JOIN devices d ON d.id = e.device_id
                     WHERE e.photo_sha256 = ?1 AND d.courier_id = ?2
                     UNION ALL
                     SELECT 1 FROM event_photos p JOIN events e ON e.office_seq = p.office_seq
                         JOIN devices d ON d.id = e.device_id
                     WHERE p.sha256 = ?1 AND d.courier_id = ?2
                     LIMIT 1",
            )?
            .exists(params![sha256.to_hex(), courier.to_string()])
        })
    }

    fn photo(&self, sha256: &Sha256Hash) -> StoreResult<Option<PhotoRow>> {
        self.read(|conn| {
            let row: Option<(i64, bool)> = conn
                .prepare_cached("SELECT total_bytes, complete FROM photos WHERE sha256 = ?1")?
                .query_row([sha256.to_hex()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            Ok(row.map(|(total, complete)| PhotoRow {
                total_bytes: u64::try_from(total).unwrap_or(0),
                complete,
            }))
        })
    }

    fn photo_started(&self, sha256: &Sha256Hash, total_bytes: u64) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO photos (sha256, total_bytes, complete, created_at)
                 VALUES (?1, ?2, 0, ?3) ON CONFLICT (sha256) DO NOTHING",
            )?
            .execute(params![
                sha256.to_hex(),
                i64::try_from(total_bytes).unwrap_or(i64::MAX),
                now
            ])?;
            Ok(())
        })
    }

    fn photo_settled(
        &self,
        sha256: &Sha256Hash,
        total_bytes: u64,
        not_a_proof: Option<&str>,
    ) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO photos (sha256, total_bytes, complete, created_at, completed_at,
                                     proof_check)
                 VALUES (?1, ?2, 1, ?3, ?3, ?4)
                 ON CONFLICT (sha256) DO UPDATE SET complete = 1, completed_at = ?3,
                     proof_check = ?4, total_bytes = ?2",
            )?
            .execute(params![
                sha256.to_hex(),
                i64::try_from(total_bytes).unwrap_or(i64::MAX),
                now,
                not_a_proof.unwrap_or(PROOF_OK)
            ])?;
            Ok(())
        })
    }

    fn photo_lost(&self, sha256: &Sha256Hash) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE photos SET complete = 0, completed_at = NULL, proof_check = NULL
                 WHERE sha256 = ?1",
                [sha256.to_hex()],
            )?;
            Ok(())
        })
    }

    fn photo_hashes(&self) -> StoreResult<Vec<(Sha256Hash, bool)>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT sha256, complete FROM photos")?;
            let rows = stmt.query_map((), |r| Ok((r.get::<String>(0)?, r.get(1)?)))?;
            let mut hashes = Vec::new();
            for row in rows {
                let (hex, complete) = row?;
                let sha256 = hex
                    .parse()
                    .map_err(|_| StoreError::corrupt(format!("hash foto {hex:?}")))?;
                hashes.push((sha256, complete));
            }
            Ok(hashes)
        })
    }

    fn photo_discarded(&self, sha256: &Sha256Hash) -> StoreResult<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM photos WHERE sha256 = ?1 AND complete = 0",
                [sha256.to_hex()],
            )?;
            Ok(())
        })
    }
}
