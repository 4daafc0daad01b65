//! Failed guesses shared by every office process on the database (`guess_failures`, migration
//! 0025) and the key of the passwords' keyed hash (`guess_key`); the limits' rules are
//! `crate::guess_limit`'s.

use rusqlite::params;

use crate::store::db::{Db, Optional};
use crate::store::roles::{GuessFailure, GuessStore};
use crate::store::{Store, StoreResult};

impl GuessStore for Store {
    fn nth_newest_failure(
        &self,
        scope: &str,
        key: &str,
        since_ms: i64,
        nth: u32,
    ) -> StoreResult<Option<i64>> {
        let Some(skip) = nth.checked_sub(1) else {
            return Ok(None);
        };
        self.read(|db| {
            db.query_row(
                "SELECT failed_at_ms FROM guess_failures
                 WHERE scope = ?1 AND key = ?2 AND failed_at_ms > ?3
                 ORDER BY failed_at_ms DESC LIMIT 1 OFFSET ?4",
                params![scope, key, since_ms, i64::from(skip)],
                |r| r.get(0),
            )
            .optional()
        })
    }

    fn add_failures(
        &self,
        failures: &[GuessFailure<'_>],
        at_ms: i64,
        forget_through_ms: i64,
    ) -> StoreResult<()> {
        self.write(|db| {
            for failure in failures {
                db.execute(
                    "DELETE FROM guess_failures
                     WHERE scope = ?1 AND key = ?2 AND failed_at_ms <= ?3",
                    params![failure.scope, failure.key, failure.since_ms],
                )?;
                db.execute(
                    "INSERT INTO guess_failures (scope, key, failed_at_ms) VALUES (?1, ?2, ?3)",
                    params![failure.scope, failure.key, at_ms],
                )?;
            }
            forget_old(db, forget_through_ms)
        })
    }

    fn clear_failures(&self, scope: &str, key: &str, forget_through_ms: i64) -> StoreResult<()> {
        self.write(|db| {
            db.execute(
                "DELETE FROM guess_failures WHERE scope = ?1 AND key = ?2",
                params![scope, key],
            )?;
            forget_old(db, forget_through_ms)
        })
    }

    fn guess_key(&self) -> StoreResult<String> {
        let select = "SELECT secret FROM guess_key WHERE id = 1";
        if let Some(secret) = self.read(|db| db.query_row(select, (), |r| r.get(0)).optional())? {
            return Ok(secret);
        }
        let fresh = hex::encode(rand::random::<[u8; 32]>());
        // Two processes may make one at once: the first stored is everyone's.
        self.write(|db| {
            db.execute(
                "INSERT INTO guess_key (id, secret) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
                [&fresh],
            )?;
            db.query_row(select, (), |r| r.get(0))
        })
    }
}

/// Failures older than every window count for nothing: the table keeps only what a check may
/// still read.
fn forget_old(db: &Db<'_>, forget_through_ms: i64) -> StoreResult<()> {
    db.execute(
        "DELETE FROM guess_failures WHERE failed_at_ms <= ?1",
        [forget_through_ms],
    )?;
    Ok(())
}
