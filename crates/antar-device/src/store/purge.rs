//! Removing personal data from a revoked phone (UU 27/2022): the names, NIKs and addresses of
//! its BAs' documents and visits' people, what the office already acknowledged (its events'
//! bytes, its uploaded photos), and every free page that could still hold them. What the
//! office has not received — unsent events and their photos — stays: nothing recorded is
//! lost.

use rusqlite::params;

use super::{Store, now_text};
use crate::error::Result;

/// What a purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub manifests: usize,
    pub visits: usize,
    /// Acknowledged events whose bytes left the phone.
    pub events: usize,
    pub photos: usize,
    /// Events still waiting for the office, kept.
    pub kept_unsent: usize,
}

const REVOKED_AT: &str = "revoked_at";

impl Store {
    /// Remembers that the office revoked this phone; the first time only.
    pub(crate) fn mark_revoked(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
            params![REVOKED_AT, now_text()],
        )?;
        Ok(())
    }

    pub(crate) fn clear_revoked(&mut self) -> Result<()> {
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [REVOKED_AT])?;
        Ok(())
    }

    pub(crate) fn revoked_at(&self) -> Result<Option<String>> {
        self.setting(REVOKED_AT)
    }

    /// Removes the personal data the phone no longer needs, then rewrites the file so that
    /// none of it lingers in free pages or the write-ahead log.
    pub(crate) fn purge_personal_data(&mut self) -> Result<PurgeReport> {
        let now = now_text();
        let tx = self.conn.transaction()?;
        let manifests = tx.execute(
            "UPDATE manifests SET json = '{}', purged_at = ?1 WHERE purged_at IS NULL",
            [&now],
        )?;
        tx.execute(
            "UPDATE items SET json = '{}', name_key = '', nik = ''
             WHERE json <> '{}' OR name_key <> '' OR nik <> ''",
            [],
        )?;
        let visits = tx.execute(
            "UPDATE visits SET json = '{}', purged_at = ?1 WHERE purged_at IS NULL",
            [&now],
        )?;
        tx.execute("DELETE FROM visit_targets", [])?;
        // Acknowledged events are never sent again from a revoked phone; their bytes (a
        // family recipient's name, a walk-in's NIK, notes) go. Hash and receipt stay, so the
        // chain and the courier's proof of what arrived are intact.
        let events = tx.execute(
            "UPDATE events SET canonical = X''
             WHERE receipt_json IS NOT NULL AND length(canonical) > 0",
            [],
        )?;
        let kept_unsent: i64 = tx.query_row(
            "SELECT count(*) FROM events WHERE receipt_json IS NULL",
            [],
            |r| r.get(0),
        )?;
        let uploaded: Vec<(String, String)> = {
            let mut stmt = tx.prepare("SELECT sha256, path FROM photos WHERE complete = 1")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        tx.commit()?;
        let mut photos = 0;
        for (_, path) in &uploaded {
            let file = self.dir.join(path);
            match std::fs::remove_file(&file) {
                Ok(()) => photos += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Free pages and the log still hold what was overwritten: rebuild the file, then
        // empty the log.
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let report = PurgeReport {
            manifests,
            visits,
            events,
            photos,
            kept_unsent: usize::try_from(kept_unsent).unwrap_or(0),
        };
        tracing::info!(
            manifests = report.manifests,
            visits = report.visits,
            events = report.events,
            photos = report.photos,
            kept_unsent = report.kept_unsent,
            "personal data removed from a revoked phone"
        );
        Ok(report)
    }
}
